"""The one door to Manim's internals (and tqdm's, which Manim drives), checked against its version.

Manim 0.22 offers no public hook for what the renders here need (reusing a converted frame, swapping
the LaTeX compiler for a sketch pass, dropping the parsed SVG a glyph keeps, where the movie, its
captions and its section clips were written), so these functions use its submodules and private
members. They were written against manim 0.22.x: importing this module with any other version fails
at once with what to do, instead of failing later inside a render.

It sits below both the scene kit and the studio and imports nothing of the project, so either may
use it without depending on the other. tests/test_compat.py fails when a Manim submodule or a
private member is used anywhere else.
"""
from __future__ import annotations

import json
import re
from contextlib import contextmanager
from fractions import Fraction
from importlib import metadata
from pathlib import Path

SUPPORTED = (0, 22)   # manim major.minor these internals were read from; pyproject pins the same


class ManimVersionError(ImportError):
    pass


def installed_manim_version() -> str:
    return metadata.version("manim")   # the installed distribution, without importing manim (~1 s)


def check_manim_version() -> None:
    found = installed_manim_version()
    major_minor = re.match(r"(\d+)\.(\d+)", found)
    if major_minor is None or tuple(map(int, major_minor.groups())) != SUPPORTED:
        want = "{}.{}".format(*SUPPORTED)
        raise ManimVersionError(
            f"manim {found} is installed, but manimcompat uses the internals of manim {want}.x "
            f"(the version pyproject.toml pins): run `pip install 'manim=={want}.*'` (or `make setup`), "
            f"or port manimcompat to manim {found} and change the pin.")


check_manim_version()


# -- video encoding --------------------------------------------------------------------------------
def install_frame_reuse() -> None:
    """Make Manim's segment encoder cheaper per frame, with the same pictures in the same bytes:

    - it wraps the frame's pixels instead of copying them (`from_numpy_buffer`): PyAV's
      `from_ndarray` copies row by row into a fresh buffer, 6-12 ms a 1080p frame, more than x264
      itself (~5 ms); the pixels are converted to YUV right away, and Manim's writer owns the array
      (its callers never touch it again);
    - it converts a repeated frame (a static `wait`) from RGBA to YUV once, not once per copy: at
      1080p that conversion is ~5 ms a frame.
    Idempotent."""
    import av
    from manim.scene import video_segment_encoder as vse

    cls = vse.VideoSegmentEncoder
    if getattr(cls, "_converts_repeats_once", False):
        return
    original = cls.write_frame

    def write_frame(self, pixels, *, repeat: int = 1) -> None:
        self._validate_frame(pixels, repeat)
        time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
        try:
            frame = av.VideoFrame.from_numpy_buffer(pixels, format="rgba")
            if repeat > 1:
                # A fresh reformatter each time, as PyAV's encode uses: one kept for the whole
                # segment made the encoded bytes differ from run to run (one encode in ~20 in
                # tests/test_compat.py's case), so it stays out.
                frame = frame.reformat(format=self._stream.pix_fmt)
            for _ in range(repeat):
                # The encoder takes its own reference of each frame it is sent, so the
                # same converted picture can be sent again with the next timestamp.
                frame.pts = self._next_pts
                frame.time_base = time_base
                self._next_pts += 1
                for packet in self._stream.encode(frame):
                    self._container.mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error

    cls.manim_write_frame = original   # Manim's own, kept for comparison (tests/test_compat.py)
    cls.write_frame = write_frame
    cls._converts_repeats_once = True


def install_frame_handover() -> None:
    """Hand the encoder the very array a frame was drawn in, not a copy of it. Manim copies the
    background (or the play's static picture) into the camera's one array, draws, and copies the
    result for the encoder queue: two 8 MB copies a 1080p frame. Here the frame handed over
    (`get_frame`) is frozen (read-only: a stray write fails loudly instead of changing a queued
    frame) and the next frame starts from the background in a new array: one copy. The camera's
    cairo context for a handed-over array is dropped (Manim keeps one per array, by id, forever).
    Idempotent."""
    import numpy as np
    from manim.camera.camera import Camera
    from manim.renderer.cairo_renderer import CairoRenderer

    if getattr(CairoRenderer, "_hands_frames_over", False):
        return
    get_frame, set_pixel_array = CairoRenderer.get_frame, Camera.set_pixel_array

    def get_frame_(self):
        frame = self.camera.pixel_array
        self.camera.pixel_array_to_cairo_context.pop(id(frame), None)
        frame.flags.writeable = False
        return frame

    def set_pixel_array_(self, pixel_array, convert_from_floats: bool = False) -> None:
        current = getattr(self, "pixel_array", None)
        if current is not None and not current.flags.writeable:
            self.pixel_array = np.empty_like(current)   # Manim's own call then fills it in place
        return set_pixel_array(self, pixel_array, convert_from_floats)

    # Manim's own, kept for comparison (tests/test_compat.py)
    CairoRenderer.manim_get_frame, Camera.manim_set_pixel_array = get_frame, set_pixel_array
    CairoRenderer.get_frame, Camera.set_pixel_array = get_frame_, set_pixel_array_
    CairoRenderer._hands_frames_over = True


def install_undrawn_skipped_plays() -> None:
    """Draw nothing in a play Manim skips. A skipped play (the beats before a part of a split scene,
    every play of a still render) still draws its static picture and its last frame and throws
    both away (momentum's first half, 130 plays, took 2.7 s to rebuild at 480p15; 0.9 s without):
    the next drawn play makes its own static picture, and a still render draws its last frame after
    the plays (`scene_finished`, outside any play). The mobjects end as before: only drawing is left
    out. Idempotent."""
    from manim.renderer.cairo_renderer import CairoRenderer

    if getattr(CairoRenderer, "_skipped_plays_undrawn", False):
        return
    play, update_frame, save_static = (CairoRenderer.play, CairoRenderer.update_frame,
                                       CairoRenderer.save_static_frame_data)

    def skipping(renderer) -> bool:
        return renderer.skip_animations and getattr(renderer, "_nn_in_play", False)

    def play_(self, scene, *args, **kwargs):
        self._nn_in_play = True
        try:
            return play(self, scene, *args, **kwargs)
        finally:
            self._nn_in_play = False

    def update_frame_(self, scene, *args, **kwargs):
        if skipping(self):
            return None
        return update_frame(self, scene, *args, **kwargs)

    def save_static_frame_data_(self, scene, static_mobjects):
        if skipping(self):
            self.static_image = None
            return None
        return save_static(self, scene, static_mobjects)

    # Manim's own, kept for comparison (tests/test_compat.py)
    CairoRenderer.manim_drawing = {"play": play, "update_frame": update_frame, "save_static_frame_data": save_static}
    CairoRenderer.play, CairoRenderer.update_frame = play_, update_frame_
    CairoRenderer.save_static_frame_data = save_static_frame_data_
    CairoRenderer._skipped_plays_undrawn = True


def install_section_segments() -> None:
    """Encode a section's animations into one video segment, not one segment an animation. Manim
    opens an encoder for every play and waits for it to drain before the next play draws (one
    encoder in flight): an x264 start, an IDR frame and a container a play, ~7 ms at 480p and
    ~15-30 ms at 1080p, with a stall each; a scene has 40-200 plays in 10-30 sections. Sections
    stay whole segments, so section clips, the movie and the parts of a split scene (cut at
    sections) are still joined by stream copy, and a part starts its section's encoder where the
    whole render does: the same packets. Only for uncached renders (with Manim's per-play cache on,
    a segment must hold one play). Idempotent."""
    from manim import config
    from manim.scene.scene_file_writer import SceneFileWriter

    if getattr(SceneFileWriter, "_segments_by_section", False):
        return
    begin, end, next_section, finish, write_frame = (
        SceneFileWriter.begin_animation, SceneFileWriter.end_animation, SceneFileWriter.next_section,
        SceneFileWriter.finish, SceneFileWriter.write_frame)

    def seal(self) -> None:
        """Close the section's open segment (it joins the finished ones)."""
        if getattr(self, "_nn_section_open", None) is not None:
            self._nn_section_open = None
            if self._current_encode_job is not None:
                self.close_partial_movie_stream()

    def begin_animation_(self, allow_write=False, *, animation_index, file_path=None):
        self._nn_in_play = True
        if allow_write and file_path is None and self._current_encode_job is not None \
                and getattr(self, "_nn_section_open", None) is self.sections[-1]:
            # this play's frames follow the open segment's; its own file is never written
            self.partial_movie_files[-1] = self.sections[-1].partial_movie_files[-1] = None
            return None
        seal(self)
        begin(self, allow_write, animation_index=animation_index, file_path=file_path)
        if allow_write and file_path is None and config.disable_caching and self._current_encode_job is not None:
            self._nn_section_open = self.sections[-1]
        return None

    def end_animation_(self, allow_write=False):
        self._nn_in_play = False
        if getattr(self, "_nn_section_open", None) is None:
            end(self, allow_write)
        # else the segment stays open for the section's next play

    def write_frame_(self, pixels, *, repeat: int = 1):
        if getattr(self, "_nn_section_open", None) is not None and not getattr(self, "_nn_in_play", False):
            return None   # between plays Manim writes no frame; an open segment must not take one
        return write_frame(self, pixels, repeat=repeat)

    def next_section_(self, *args, **kwargs):
        seal(self)
        return next_section(self, *args, **kwargs)

    def finish_(self):
        seal(self)
        return finish(self)

    # Manim's own, kept for comparison (tests/test_compat.py)
    SceneFileWriter.manim_segments = {"begin_animation": begin, "end_animation": end, "next_section": next_section,
                                      "finish": finish, "write_frame": write_frame}
    SceneFileWriter.begin_animation, SceneFileWriter.end_animation = begin_animation_, end_animation_
    SceneFileWriter.next_section, SceneFileWriter.finish = next_section_, finish_
    SceneFileWriter.write_frame = write_frame_
    SceneFileWriter._segments_by_section = True


# -- LaTeX -----------------------------------------------------------------------------------------
@contextmanager
def tex_compiler_swapped(compile_tex, scratch: Path):
    """Inside the block, MathTex and Tex get their SVG files from `compile_tex(expression,
    environment=None, tex_template=None) -> Path` instead of from latex. Afterwards the real
    compiler is back, and Manim's module-level maps forget every drawing made from a file in
    `scratch` (parsed SVGs, DecimalNumber's digits), so no stand-in outlives the block."""
    from manim.mobject.svg import svg_mobject
    from manim.mobject.text import numbers, tex_mobject

    real = tex_mobject.tex_to_svg_file
    digits = dict(numbers.string_to_mob_map)
    tex_mobject.tex_to_svg_file = compile_tex
    try:
        yield
    finally:
        tex_mobject.tex_to_svg_file = real
        numbers.string_to_mob_map.clear()
        numbers.string_to_mob_map.update(digits)
        for key, mob in list(svg_mobject.SVG_HASH_TO_MOB_MAP.items()):
            if Path(str(mob.file_name)).parent == Path(scratch):
                del svg_mobject.SVG_HASH_TO_MOB_MAP[key]


def skip_animations(scene) -> None:
    """Make `scene.play` run nothing and draw no frame, only advance the clock by the animations' run
    time (the sketch pass: it learns each beat's length at almost no cost)."""
    from manim.animation.animation import prepare_animation

    def play(_scene, *animations, **kwargs):
        prepared = [prepare_animation(a) for a in animations]
        scene.renderer.time += kwargs.get("run_time") or max((a.run_time for a in prepared), default=0.0)

    scene.renderer.play = play


def tex_source_file(expression: str, environment, template) -> Path:
    """The .tex file Manim writes for a formula, under Manim's own (content-hash) name."""
    from manim.utils import tex_file_writing

    return Path(tex_file_writing.generate_tex_file(expression, environment, template))


def compiles_with_latex_to_dvi(template) -> bool:
    """Whether a TeX template is typeset by `latex` into DVI (what the batch typesetter can do)."""
    return template.tex_compiler == "latex" and template.output_format == ".dvi"


def formula_svg(tex: str, environment: str = "align*") -> Path:
    """A formula typeset to SVG with MathTex's own template, cached by Manim under tex_dir."""
    from manim import MathTex
    from manim.utils.tex_file_writing import tex_to_svg_file

    return Path(tex_to_svg_file(tex, environment=environment, tex_template=MathTex("x").tex_template))


# -- what a render wrote -------------------------------------------------------------------------
def movie_path(scene) -> Path:
    """The movie file the scene's render wrote (before any remux)."""
    return Path(scene.renderer.file_writer.movie_file_path)


def last_frame(scene):
    """The scene's current picture as an RGBA array (the poster)."""
    return scene.renderer.get_frame()


def captions_path(movie: Path) -> Path:
    """Where Manim writes the subcaptions of a movie (.srt beside it)."""
    return Path(movie).with_suffix(".srt")


def subcaptions(scene) -> list[tuple[float, float, str]]:
    """(start, end, text) of every subcaption the scene added, in seconds on its clock, before the
    .srt rounds them to milliseconds (what a part of a scene shifts to its place in the whole)."""
    return [(c.start.total_seconds(), c.end.total_seconds(), c.content)
            for c in scene.renderer.file_writer.subcaptions]


def sections_index(movie: Path) -> list[dict]:
    """Manim's list of the movie's sections (`save_sections`): each with 'name', 'duration' and
    'video', a clip's path; [] if none were written."""
    index = Path(movie).parent / "sections" / f"{Path(movie).stem}.json"
    if not index.exists():
        return []
    return [{**s, "video": index.parent / s["video"]} for s in json.loads(index.read_text())]


def on_section(scene, note) -> None:
    """Call `note(name, scene time)` whenever the scene starts a section (where a beat starts)."""
    original = scene.next_section

    def next_section(name="unnamed", *args, **kwargs):
        note(name, scene.time)
        return original(name, *args, **kwargs)

    scene.next_section = next_section


def draw_only_between(scene, first: str | None, stop: str | None) -> None:
    """Draw only the sections from `first` (None: the start) up to `stop` (None: the end). Sections
    before `first` still run, without drawing a frame (Manim's own `skip_animations` of a section:
    every mobject reaches the state the drawn render would leave it in); the scene ends, as at its
    last animation, when section `stop` begins. One part of a scene rendered in parallel."""
    from manim.utils.exceptions import EndSceneEarlyException

    original = scene.next_section
    drawing = first is None

    def next_section(name="unnamed", *args, **kwargs):
        nonlocal drawing
        if stop is not None and name == stop:
            raise EndSceneEarlyException()   # Manim ends the scene normally: movie, sections, captions
        drawing = drawing or name == first
        if not drawing:
            kwargs["skip_animations"] = True
        return original(name, *args, **kwargs)

    scene.next_section = next_section
    if not drawing:   # whatever plays before the scene's first section is not drawn either
        original("before", skip_animations=True)


# -- drawing ---------------------------------------------------------------------------------------
def recolouring_camera(swap):
    """A Camera class that passes every fill and stroke colour array (rows of RGBA) through `swap`
    where colours are drawn: every mobject follows, colour changes mid-animation included."""
    from manim import Camera

    class RecolouringCamera(Camera):
        def get_fill_rgbas(self, vmobject):
            return swap(super().get_fill_rgbas(vmobject))

        def get_stroke_rgbas(self, vmobject, background: bool = False):
            return swap(super().get_stroke_rgbas(vmobject, background))

    return RecolouringCamera


def path_caching_camera(base):
    """A subclass of the Camera class `base` that keeps the cairo path it built for a vmobject and
    replays it the next time the same vmobject is drawn with the very same points (bytes, shape),
    class and point tolerance, through the same cairo matrix: a glyph that stays put while
    something beneath it moves is redrawn every frame, and building its path (finding the subpaths,
    a cairo call per curve) is most of drawing it. Cairo holds a path in fixed-point device
    coordinates, which a replay reproduces exactly. A path is kept from a vmobject's second
    identical drawing on, so a moving one costs only the comparison."""

    class PathCachingCamera(base):
        # id(vmobject) -> [what its path depends on, the cairo path or None]; the key is compared
        # in full, so an id reused by a later vmobject can only find a path equal to its own
        paths_limit = 20000

        def set_cairo_context_path(self, ctx, vmobject):
            points = vmobject.points
            if len(points) == 0:
                return super().set_cairo_context_path(ctx, vmobject)
            cache = self.__dict__.setdefault("cairo_paths", {})
            key = (points.tobytes(), points.shape, points.dtype.str, tuple(ctx.get_matrix()), type(vmobject),
                   vmobject.n_points_per_cubic_curve, vmobject.tolerance_for_point_equality)
            entry = cache.get(id(vmobject))
            if entry is not None and entry[0] == key:
                if entry[1] is not None:
                    ctx.new_path()
                    ctx.append_path(entry[1])
                    return self
                super().set_cairo_context_path(ctx, vmobject)
                entry[1] = ctx.copy_path()
                return self
            if len(cache) >= self.paths_limit:
                cache.clear()
            cache[id(vmobject)] = [key, None]
            return super().set_cairo_context_path(ctx, vmobject)

    PathCachingCamera.__name__ = PathCachingCamera.__qualname__ = f"PathCaching{base.__name__}"
    return PathCachingCamera


def lean_animations(animations) -> list:
    """Animations (or `.animate` builders) made ready to play, with every mobject they copy made
    lean first (see `lean`)."""
    from manim.animation.animation import prepare_animation

    prepared = [prepare_animation(a) for a in animations]
    for a in prepared:
        for mob in (a.mobject, getattr(a, "target_mobject", None)):
            if mob is not None:
                lean(mob)
    return prepared


# -- mobjects --------------------------------------------------------------------------------------
def lean(mob):
    """Drop the parsed SVG path Manim keeps on every glyph of a MathTex or Text once its points
    are built. Every animation copies its mobjects, and that path makes each copy ~7x slower.
    Returns `mob`."""
    for m in mob.get_family():
        if getattr(m, "path_obj", None) is not None:
            m.path_obj = None
    return mob


def install_lean_svgs() -> None:
    """Make every SVG mobject (MathTex, Tex, Text, SVGMobject) drop its glyphs' parsed SVG paths
    (see `lean`) as soon as their points are built, before Manim stores a copy in its SVG cache
    (SVG_HASH_TO_MOB_MAP). Each later MathTex or Text of the same drawing, the sketch pass's and the
    real render's, is a copy of that cached mobject, and so is every copy an animation makes
    (Write's outline, a Transform's start): without the paths each is several times cheaper. The
    paths are read only while the points are built. Idempotent."""
    from manim.mobject.svg import svg_mobject

    cls = svg_mobject.SVGMobject
    if getattr(cls, "_builds_lean", False):
        return
    original = cls.generate_mobject

    def generate_mobject(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        lean(self)
        return result

    cls.manim_generate_mobject = original   # Manim's own, kept for comparison (tests/test_compat.py)
    cls.generate_mobject = generate_mobject
    cls._builds_lean = True


def install_text_svg_cache() -> None:
    """Let Text use Manim's SVG cache as MathTex does (Manim 0.22 turns it off for Text alone): a
    Text whose SVG file was parsed before in this process, in the sketch pass or earlier in the
    scene, is built from a copy of that parse instead of parsing the file again. The cache's key
    names the file, and a Text's file name is a hash of its text and every setting that shapes it
    (font, size, colour, slant, weight, spacing); what Text does after the parse runs either way.
    A Text given `use_svg_cache` keeps it. Idempotent."""
    from manim import Text

    if getattr(Text, "_shares_parsed_svgs", False):
        return
    original = Text.__init__

    def __init__(self, *args, use_svg_cache: bool = True, **kwargs):
        original(self, *args, use_svg_cache=use_svg_cache, **kwargs)

    Text.manim_init = original   # Manim's own, kept for comparison (tests/test_compat.py)
    Text.__init__ = __init__
    Text._shares_parsed_svgs = True


class _PangoForwarder:
    """manimpango as Manim's text module sees it, with `text2svg` swapped (everything else forwarded)."""

    def __init__(self, module, text2svg):
        self._module, self.text2svg = module, text2svg

    def __getattr__(self, name):
        return getattr(self._module, name)


def install_whole_text_svgs() -> None:
    """Manim writes a Text's SVG where other processes may be reading it: Pango writes the file in
    place, and `PangoUtils.remove_last_M` opens it for writing again on every Text built, even when
    the file is final. Processes sharing a text folder (two test runs) could parse a truncated SVG.
    Here a new SVG is written and finished under a private name, then renamed into place, and a
    finished one is rewritten only if Manim's edit would change it (never, for one made here).
    The bytes are Manim's own. Idempotent."""
    import os
    import shutil

    from manim.mobject.text import text_mobject as tm

    if getattr(tm, "_writes_whole_svgs", False):
        return
    edit = tm.PangoUtils.remove_last_M

    @contextmanager
    def beside(final: str):
        """A private name next to `final` (same folder: the rename is atomic), gone afterwards."""
        private = f"{final}.{os.getpid()}.part"
        try:
            yield private
        finally:
            if os.path.exists(private):
                os.unlink(private)

    def whole(write, at: int):
        def written(*args, **kwargs):
            args = list(args)
            final = args[at]
            with beside(final) as args[at]:
                write(*args, **kwargs)
                edit(args[at])
                os.replace(args[at], final)
            return final
        return written

    class PangoUtils(tm.PangoUtils):
        @staticmethod
        def remove_last_M(file_name: str) -> None:
            with beside(file_name) as private:
                shutil.copyfile(file_name, private)
                edit(private)
                if Path(private).read_bytes() != Path(file_name).read_bytes():
                    os.replace(private, file_name)

    class MarkupUtils(tm.MarkupUtils):
        text2svg = staticmethod(whole(tm.MarkupUtils.text2svg, 7))   # (text, font, ..., file_name, ...)

    tm.manim_pango = tm.manimpango   # Manim's own, kept for comparison (tests/test_compat.py)
    tm.manimpango = _PangoForwarder(tm.manimpango, whole(tm.manimpango.text2svg, 4))   # (settings, size, spacing, ligatures, file_name, ...)
    tm.PangoUtils, tm.MarkupUtils = PangoUtils, MarkupUtils
    tm._writes_whole_svgs = True


def install_fast_colour_copies() -> None:
    """Give ManimColor a `__deepcopy__` that does what Python's generic one does for it (a new
    instance of its class whose attributes, the [r, g, b, a] array, are deep copies), without the
    generic road through `__reduce_ex__`: ~5x faster. Every mobject holds a few colours, and every
    animation deep-copies its mobjects. Idempotent."""
    import copy

    from manim import ManimColor

    if "__deepcopy__" in vars(ManimColor):
        return

    def __deepcopy__(self, memo):
        cls = type(self)
        new = cls.__new__(cls)
        memo[id(self)] = new
        for name, value in self.__dict__.items():
            new.__dict__[name] = copy.deepcopy(value, memo)
        return new

    ManimColor.__deepcopy__ = __deepcopy__


def install_fast_mobject_copies() -> None:
    """Give Mobject.__deepcopy__ a short road for what a mobject holds most (numbers, strings,
    enums, functions, arrays, the lists and dicts of them, other mobjects), the same copy Python's
    generic deepcopy makes of them, sharing and all; anything else still takes the generic road.
    Every animation copies its mobjects and a DecimalNumber copies a glyph per digit each time its
    value is set (a counting readout, ten times a second): ~1.2 million generic deepcopy calls in
    one scene at 480p15. Idempotent."""
    import copy
    import enum
    import types

    import numpy as np
    from manim.mobject.mobject import Mobject

    if getattr(Mobject, "_copies_fast", False):
        return
    # what deepcopy hands back as it is (no memo entry): Python's atomic values, Enum members
    same = {int, float, bool, complex, str, bytes, type(None), type, types.FunctionType,
            types.BuiltinFunctionType}
    missing = object()

    def duplicate(value, memo):
        kind = type(value)
        if kind in same or (isinstance(value, enum.Enum) and kind.__deepcopy__ is enum.Enum.__deepcopy__):
            return value
        found = memo.get(id(value), missing)
        if found is not missing:
            return found
        if kind is np.ndarray and not value.dtype.hasobject:
            memo[id(value)] = result = value.copy(order="K")   # what ndarray.__deepcopy__ does
        elif kind is list:
            memo[id(value)] = result = []
            result.extend(duplicate(item, memo) for item in value)
        elif kind is dict:
            memo[id(value)] = result = {}
            for key, item in value.items():
                result[duplicate(key, memo)] = duplicate(item, memo)
        elif isinstance(value, Mobject):
            result = value.__deepcopy__(memo)
        else:
            result = copy.deepcopy(value, memo)
        return result

    def __deepcopy__(self, memo):   # Manim's own, with `duplicate` for copy.deepcopy
        cls = self.__class__
        result = cls.__new__(cls)
        memo[id(self)] = result
        for name, value in self.__dict__.items():
            setattr(result, name, duplicate(value, memo))
        result.original_id = str(id(self))
        return result

    Mobject.manim_deepcopy = Mobject.__deepcopy__   # Manim's own, kept for comparison (tests/test_compat.py)
    Mobject.__deepcopy__ = __deepcopy__
    Mobject._copies_fast = True


def install_flat_family_walks() -> None:
    """Walk a mobject's family in a loop instead of a Python call (update) or a nested generator
    (get_family) per member. Every drawn frame walks every mobject on screen twice or more: the
    scene's and each animation's `update` (~500 members a frame in backprop-hidden-layer, nearly
    none with an updater) and the camera's `family_members_with_points`; py-spy put those walks at
    ~8 % of a 1080p60 render's busy CPU. Same visits in the same order: `update` goes depth first,
    a member's updaters before its submobjects, skips a suspended member's whole family, reads each
    submobject list live after the member's updaters ran, and hands a member whose class has its own
    `update` to it; `get_family` skips a member already on the path (a cycle) and keeps each
    member's last place. Idempotent."""
    import inspect

    from manim.mobject.mobject import Mobject
    from manim.utils.iterables import remove_list_redundancies

    if getattr(Mobject, "_walks_flat", False):
        return
    manim_update, manim_get_family = Mobject.update, Mobject.get_family

    def run_updaters(m, dt):   # Manim's own loop over one member's updaters
        for updater in m.updaters:
            if "dt" in inspect.signature(updater).parameters:
                updater(m, dt)
            else:
                updater(m)

    def update(self, dt: float = 0, recursive: bool = True):
        if self.updating_suspended:
            return self
        if self.updaters:
            run_updaters(self, dt)
        if not recursive or not self.submobjects:
            return self
        own = Mobject.update
        stack = [iter(self.submobjects)]
        while stack:
            for m in stack[-1]:   # a break descends; the parent's iterator resumes after
                if type(m).update is not own:   # a class with its own update
                    m.update(dt, recursive=True)
                elif not m.updating_suspended:
                    if m.updaters:
                        run_updaters(m, dt)
                    if m.submobjects:
                        stack.append(iter(m.submobjects))
                        break
            else:
                stack.pop()
        return self

    def get_family(self, recurse: bool = True):
        family, path = [self], {self}
        stack = [(self, iter(self.submobjects))]
        while stack:
            for m in stack[-1][1]:
                if m in path:   # a cycle: Manim's _iter_family stops there too
                    continue
                family.append(m)
                if m.submobjects:
                    path.add(m)
                    stack.append((m, iter(m.submobjects)))
                    break
            else:
                path.discard(stack.pop()[0])
        return family if len(set(family)) == len(family) else remove_list_redundancies(family)

    # Manim's own, kept for comparison (tests/test_compat.py)
    Mobject.manim_update, Mobject.manim_get_family = manim_update, manim_get_family
    Mobject.update, Mobject.get_family = update, get_family
    Mobject._walks_flat = True


def install_unchanged_numbers_kept() -> None:
    """Let DecimalNumber.set_value keep its glyphs when the number would show the same text: a
    counting readout is set ten times a second and often shows the same digits (an epoch counter
    set every frame; 0.731 as 0.7312 moves to 0.7314): ~1000 of ~2600 settings in the series,
    each a rebuild of ~4 ms (a glyph copied per character, arranged, placed, restyled). The value
    is stored as Manim stores it. Kept only if nothing replaced the glyphs since they were built,
    and the colours are re-initialised from the number's own, as Manim's rebuild does. Idempotent."""
    from manim import DecimalNumber

    if getattr(DecimalNumber, "_keeps_unchanged_text", False):
        return
    set_value = DecimalNumber.set_value

    def set_value_(self, number):
        text = self._get_num_string(number)
        shown = getattr(self, "_nn_shown", None)
        if shown is not None and shown[0] == text and shown[1] is self.submobjects:
            self.number = number
            self.init_colors()
            return self
        set_value(self, number)
        self._nn_shown = (text, self.submobjects)
        return self

    DecimalNumber.manim_set_value = set_value   # Manim's own, kept for comparison (tests/test_compat.py)
    DecimalNumber.set_value = set_value_
    DecimalNumber._keeps_unchanged_text = True


# -- images ----------------------------------------------------------------------------------------
class _CanvasPillow:
    """PIL.Image as Manim's camera module sees it, but for one call: the camera makes the empty
    canvas it pastes an ImageMobject on with Image.fromarray(np.zeros((h, w)), mode="RGBA"), a
    float array Pillow 13 refuses ("Invalid mode for data type"; older Pillow read its zero bytes
    as a transparent w x h image). That call gets the canvas it meant; every other goes to Pillow."""

    def __init__(self, image):
        self._image = image

    def __getattr__(self, name):
        return getattr(self._image, name)

    def fromarray(self, array, mode=None):
        if mode == "RGBA" and array.ndim == 2 and array.dtype != "uint8" and not array.any():
            return _PastedCanvas(self._image, (array.shape[1], array.shape[0]))
        return self._image.fromarray(array, mode=mode) if mode else self._image.fromarray(array)


class _PastedCanvas:
    """The transparent frame-sized canvas the camera pastes one ImageMobject on, kept as what was
    pasted where: `overlay_PIL_image` then composites only the pasted box onto the frame. Outside it
    the canvas is transparent, and Pillow's alpha_composite leaves a pixel under a fully
    transparent one as it was, so the frame comes out the same, without five frame-sized passes
    (~25 ms a 1080p frame). Anything else asked of it is answered by the real canvas."""

    def __init__(self, image, size):
        self._image_module, self.size, self.pastes = image, size, []

    def paste(self, im, box=None, mask=None):
        whole = box is not None and len(box) == 4 and (box[2] - box[0], box[3] - box[1]) == im.size
        if mask is None and whole and im.mode == "RGBA":
            self.pastes.append((im, (int(box[0]), int(box[1]))))   # replaces the box's pixels
        else:
            self.pastes.append((im, box, mask))

    def real(self):
        canvas = self._image_module.new("RGBA", self.size)
        for im, *where in self.pastes:
            canvas.paste(im, *where)
        return canvas

    def __getattr__(self, name):
        return getattr(self.real(), name)


def install_image_canvas() -> None:
    """Let the camera draw an ImageMobject with the installed Pillow (see _CanvasPillow), pasting
    only its own box onto the frame (see _PastedCanvas). Idempotent."""
    import numpy as np
    from manim.camera import camera

    if isinstance(camera.Image, _CanvasPillow):
        return
    image, overlay = camera.Image, camera.Camera.overlay_PIL_image

    def overlay_PIL_image(self, pixel_array, canvas):
        if not isinstance(canvas, _PastedCanvas) or len(canvas.pastes) != 1 or len(canvas.pastes[0]) != 2:
            return overlay(self, pixel_array, canvas.real() if isinstance(canvas, _PastedCanvas) else canvas)
        (im, (x, y)), (height, width) = canvas.pastes[0], pixel_array.shape[:2]
        left, top, right, bottom = max(x, 0), max(y, 0), min(x + im.width, width), min(y + im.height, height)
        if left >= right or top >= bottom:
            return None
        under = image.fromarray(np.ascontiguousarray(pixel_array[top:bottom, left:right]), mode="RGBA")
        piece = im.crop((left - x, top - y, right - x, bottom - y))
        pixel_array[top:bottom, left:right] = np.asarray(image.alpha_composite(under, piece))
        return None

    camera.Camera.manim_overlay_PIL_image = overlay   # Manim's own, kept for comparison (tests/test_compat.py)
    camera.Camera.overlay_PIL_image = overlay_PIL_image
    camera.Image = _CanvasPillow(image)


# -- processes -------------------------------------------------------------------------------------
def progress_bars_thread_lock() -> None:
    """tqdm (Manim's progress bars) makes a multiprocessing lock on first use, which a stopped worker
    cannot release ("leaked semaphore" at exit): give it a thread lock, all a one-thread worker needs."""
    import threading

    from tqdm import tqdm

    tqdm.set_lock(threading.RLock())


# -- process pools ---------------------------------------------------------------------------------
def pool_processes(pool) -> list:
    """The worker processes of a concurrent.futures.ProcessPoolExecutor (none once it is shut down)."""
    return list((getattr(pool, "_processes", None) or {}).values())
