"""manimcompat, the one module that touches Manim's internals: each touch does what Manim's own
code does (or exactly what it claims), undoes what it swaps, and the module refuses another version;
and no other module of the project touches them."""
from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction
import ast
import os
import re
from pathlib import Path

import av
import numpy as np
import pytest
from manim import MathTex
from manim._config.video_encoder import VideoEncoderSpec
from manim.mobject.svg import svg_mobject
from manim.mobject.text import numbers, tex_mobject
from manim.scene.video_segment_encoder import VideoSegmentEncoder

import manimcompat as compat

W, H = 64, 48


def frames_with_repeats():
    """(picture, repeat) pairs: a few distinct pictures, some held for several frames like a wait."""
    rng = np.random.default_rng(7)
    pictures = [rng.integers(0, 256, (H, W, 4), dtype=np.uint8) for _ in range(3)]
    for p in pictures:
        p[..., 3] = 255
    return [(pictures[0], 1), (pictures[1], 4), (pictures[2], 1), (pictures[0], 3)]


def encode(path, write):
    spec = VideoEncoderSpec(container_format="mp4", codec="libx264", pixel_format="yuv420p", width=W, height=H,
                            frame_rate=Fraction(10), options=(("crf", "23"),))
    encoder = VideoSegmentEncoder(target=path, spec=spec)
    for pixels, repeat in frames_with_repeats():
        write(encoder, pixels, repeat=repeat)
    encoder.finish()


def decoded(path):
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def test_frame_reuse_encodes_the_bytes_manims_own_encoder_gives(tmp_path):
    compat.install_frame_reuse()
    encode(tmp_path / "manim.mp4", VideoSegmentEncoder.manim_write_frame)
    encode(tmp_path / "reuse.mp4", VideoSegmentEncoder.write_frame)
    theirs, ours = decoded(tmp_path / "manim.mp4"), decoded(tmp_path / "reuse.mp4")
    assert len(theirs) == len(ours) == sum(r for _, r in frames_with_repeats())
    for a, b in zip(theirs, ours):
        np.testing.assert_array_equal(a, b)
    # the same pictures wrapped instead of copied, converted once instead of per repeat: same stream
    assert (tmp_path / "manim.mp4").read_bytes() == (tmp_path / "reuse.mp4").read_bytes()


@pytest.mark.parametrize("w", [854, 1920])   # rows of 3416 bytes (no multiple of 32) and of 7680
def test_wrapped_pixels_convert_as_copied_ones(w):
    """The encoder wraps Manim's array instead of copying it: the YUV planes x264 gets are the same
    (at 480p the rows are not aligned, which a wrapped buffer keeps)."""
    pixels = np.random.default_rng(3).integers(0, 256, (H, w, 4), dtype=np.uint8)
    copied = av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(format="yuv420p")
    wrapped = av.VideoFrame.from_numpy_buffer(pixels, format="rgba").reformat(format="yuv420p")
    for a, b in zip(copied.planes, wrapped.planes):
        rows = lambda p: np.frombuffer(p, np.uint8).reshape(-1, p.line_size)[:, :p.width]  # noqa: E731
        np.testing.assert_array_equal(rows(a), rows(b))


def test_frame_reuse_installs_once():
    compat.install_frame_reuse()
    patched = VideoSegmentEncoder.write_frame
    compat.install_frame_reuse()
    assert VideoSegmentEncoder.write_frame is patched
    assert VideoSegmentEncoder.manim_write_frame is not patched


@pytest.mark.parametrize("found", ["0.21.0", "0.23.1", "1.0.0", "unknown"])
def test_another_manim_version_is_refused_with_what_to_do(monkeypatch, found):
    monkeypatch.setattr(compat, "installed_manim_version", lambda: found)
    with pytest.raises(compat.ManimVersionError, match=r"pip install 'manim==0\.22\.\*'") as refused:
        compat.check_manim_version()
    assert found in str(refused.value)


@pytest.mark.parametrize("found", ["0.22.0", "0.22.7", "0.22.1rc1"])
def test_any_0_22_release_is_accepted(monkeypatch, found):
    monkeypatch.setattr(compat, "installed_manim_version", lambda: found)
    compat.check_manim_version()


@pytest.fixture
def manims_own_svgs(monkeypatch):
    """SVG mobjects built as Manim itself builds them (parsed paths kept), with an empty SVG cache."""
    own = getattr(svg_mobject.SVGMobject, "manim_generate_mobject", svg_mobject.SVGMobject.generate_mobject)
    monkeypatch.setattr(svg_mobject.SVGMobject, "generate_mobject", own)
    monkeypatch.setattr(svg_mobject, "SVG_HASH_TO_MOB_MAP", {})


def test_lean_drops_every_parsed_path_and_keeps_the_drawing(manims_own_svgs):
    formula = MathTex(r"\sigma(z) = \frac{1}{1+e^{-z}}")
    before = formula.get_all_points().copy()
    assert any(getattr(m, "path_obj", None) is not None for m in formula.get_family())
    assert compat.lean(formula) is formula
    assert all(getattr(m, "path_obj", None) is None for m in formula.get_family())
    np.testing.assert_array_equal(formula.get_all_points(), before)


SHAPES = ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 10'>"
          "<path d='M1 1C4 0 6 9 9 8Z' fill='#ff0000'/><g id='two'><path d='M11 1h7v7h-7z'/></g></svg>")


def family_points(mob):
    return [m.points for m in mob.get_family()]


def test_lean_svgs_build_manims_points_without_the_parsed_paths(tmp_path, monkeypatch):
    compat.install_lean_svgs()
    monkeypatch.setattr(svg_mobject, "SVG_HASH_TO_MOB_MAP", {})
    svg = tmp_path / "shapes.svg"
    svg.write_text(SHAPES, encoding="utf-8")
    ours = svg_mobject.SVGMobject(svg)
    again = svg_mobject.SVGMobject(svg)   # from Manim's SVG cache
    monkeypatch.setattr(svg_mobject.SVGMobject, "generate_mobject", svg_mobject.SVGMobject.manim_generate_mobject)
    theirs = svg_mobject.SVGMobject(svg, use_svg_cache=False)
    assert any(getattr(m, "path_obj", None) is not None for m in theirs.get_family())
    cached = list(svg_mobject.SVG_HASH_TO_MOB_MAP.values())
    assert len(cached) == 1
    for mob in (ours, again, cached[0]):
        assert all(getattr(m, "path_obj", None) is None for m in mob.get_family())
    for mob in (ours, again):
        assert len(mob.get_family()) == len(theirs.get_family())
        for a, b in zip(family_points(mob), family_points(theirs)):
            np.testing.assert_array_equal(a, b)
        assert [str(m.get_fill_colors()) for m in mob.get_family()] == \
            [str(m.get_fill_colors()) for m in theirs.get_family()]
        assert set(mob.id_to_vgroup_dict) == set(theirs.id_to_vgroup_dict)


def test_lean_svgs_install_once():
    compat.install_lean_svgs()
    patched = svg_mobject.SVGMobject.generate_mobject
    compat.install_lean_svgs()
    assert svg_mobject.SVGMobject.generate_mobject is patched
    assert svg_mobject.SVGMobject.manim_generate_mobject is not patched


def test_text_parses_its_svg_once_and_hands_out_copies(monkeypatch):
    from manim import Text

    compat.install_text_svg_cache()
    monkeypatch.setattr(svg_mobject, "SVG_HASH_TO_MOB_MAP", {})
    parsed = []
    generate = svg_mobject.SVGMobject.generate_mobject
    monkeypatch.setattr(svg_mobject.SVGMobject, "generate_mobject",
                        lambda self: parsed.append(self.file_name) or generate(self))
    first, second = Text("Weights", color="#ff0000"), Text("Weights", color="#ff0000")
    assert len(parsed) == 1 and len(svg_mobject.SVG_HASH_TO_MOB_MAP) == 1
    own = Text.__new__(Text)
    Text.manim_init(own, "Weights", color="#ff0000")   # Manim's own: parses again, no cache
    assert len(parsed) == 2 and len(svg_mobject.SVG_HASH_TO_MOB_MAP) == 1
    for mob in (first, second):
        assert len(mob.get_family()) == len(own.get_family())
        for a, b in zip(family_points(mob), family_points(own)):
            np.testing.assert_array_equal(a, b)
        assert mob.get_fill_color().to_hex() == own.get_fill_color().to_hex() == "#FF0000"
    # copies, not shared state: changing one leaves the next (and the cached parse) as it was
    first.set_color("#00ff00").shift([1, 0, 0])
    first[0].points[0, 0] = 99
    third = Text("Weights", color="#ff0000")
    assert len(parsed) == 2
    assert second.get_fill_color().to_hex() == third.get_fill_color().to_hex() == "#FF0000"
    for a, b in zip(family_points(third), family_points(own)):
        np.testing.assert_array_equal(a, b)
    assert not set(map(id, first.get_family())) & set(map(id, third.get_family()))
    # the key follows the style: another colour or size is parsed from its own file
    blue, small = Text("Weights", color="#0000ff"), Text("Weights", color="#ff0000", font_size=20)
    assert len(parsed) == 4 and blue.get_fill_color().to_hex() == "#0000FF"
    assert small.width < third.width
    # asked not to share, a Text parses its own
    Text("Weights", color="#ff0000", use_svg_cache=False)
    assert len(parsed) == 5


def test_text_svg_cache_installs_once():
    from manim import Text

    compat.install_text_svg_cache()
    patched = Text.__init__
    compat.install_text_svg_cache()
    assert Text.__init__ is patched and Text.manim_init is not patched


def test_tex_swap_restores_the_compiler_and_forgets_the_stand_ins(tmp_path):
    real = tex_mobject.tex_to_svg_file
    digits_before = dict(numbers.string_to_mob_map)
    stand_in = tmp_path / "stand-in.svg"
    stand_in.write_text("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 -8 5 9'>"
                        "<path d='M0 0h4v-7h-4z'/></svg>", encoding="utf-8")
    seen = []

    def fake(expression, environment=None, tex_template=None):
        seen.append(expression)
        return stand_in

    with compat.tex_compiler_swapped(fake, tmp_path):
        assert tex_mobject.tex_to_svg_file is fake
        MathTex("x^{2}")
        numbers.string_to_mob_map["sketch-only"] = object()
        assert any(str(m.file_name) == str(stand_in) for m in svg_mobject.SVG_HASH_TO_MOB_MAP.values())
    assert seen and tex_mobject.tex_to_svg_file is real
    assert numbers.string_to_mob_map == digits_before
    assert not any(str(m.file_name) == str(stand_in) for m in svg_mobject.SVG_HASH_TO_MOB_MAP.values())


def test_tex_swap_restores_after_an_error(tmp_path):
    real = tex_mobject.tex_to_svg_file
    with pytest.raises(ValueError), compat.tex_compiler_swapped(lambda *a, **k: None, tmp_path):
        raise ValueError
    assert tex_mobject.tex_to_svg_file is real


def test_pool_processes_are_the_pools_live_workers():
    with ProcessPoolExecutor(max_workers=2) as pool:
        pids = set(pool.map(_pid, range(4)))
        assert {p.pid for p in compat.pool_processes(pool)} >= pids
    assert compat.pool_processes(pool) == []


def _pid(_):
    import os
    return os.getpid()


ROOT = Path(__file__).resolve().parents[1]
# The project's code (tests may reach into Manim to check the adapter against Manim itself).
CODE = sorted(p for folder in ("nncore", "scenes", "studio", "scripts", "bench") for p in (ROOT / folder).rglob("*.py"))
CODE.append(ROOT / "render.py")
# Manim members that are not private by name but are its internals (what a render wrote, how a
# camera colours, how an animation is prepared): only the adapter names them.
INTERNAL_NAMES = {"renderer", "file_writer", "movie_file_path", "get_frame", "get_fill_rgbas", "get_stroke_rgbas",
                  "prepare_animation", "tex_to_svg_file", "generate_tex_file", "tex_compiler", "next_section_",
                  "SVG_HASH_TO_MOB_MAP", "string_to_mob_map", "set_lock"}
PUBLIC_UNDERSCORED = {("os", "_exit")}   # documented functions whose names start with _


def door_violations(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        modules = ([a.name for a in node.names] if isinstance(node, ast.Import)
                   else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
        out += [f"imports {m}" for m in modules if m.startswith("manim.") or m.split(".")[0] == "tqdm"]
        if isinstance(node, ast.Attribute):
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            private = node.attr.startswith("_") and not node.attr.startswith("__")
            if (private and owner not in ("self", "cls") and (owner, node.attr) not in PUBLIC_UNDERSCORED) \
                    or node.attr in INTERNAL_NAMES:
                out.append(f"uses .{node.attr} (line {node.lineno})")
        if isinstance(node, ast.FunctionDef) and node.name in INTERNAL_NAMES:
            out.append(f"overrides {node.name} (line {node.lineno})")
    return out


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_adapter_touches_manims_internals(path):
    assert door_violations(path) == []


def test_the_door_check_sees_each_kind_of_touch(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from manim.utils import tex_file_writing\nimport tqdm\n"
                   "def f(scene, pool):\n    return scene.renderer, pool._processes\n"
                   "class C:\n    def get_fill_rgbas(self, v):\n        return self._own\n")
    found = door_violations(bad)
    assert len(found) == 5 and not any("_own" in f for f in found)


def test_the_kit_and_the_studio_meet_only_in_the_adapter():
    """The kit renders without the command line: no scene module imports the studio."""
    imports = {m for f in (ROOT / "scenes").rglob("*.py")
               for m in re.findall(r"^\s*(?:from|import)\s+(studio[\w.]*)", f.read_text(), re.M)}
    assert imports == set()
    adapter = {m for m in re.findall(r"^\s*(?:from|import)\s+(\w+)", (ROOT / "manimcompat/__init__.py").read_text(), re.M)}
    assert not adapter & {"scenes", "studio", "nncore"}


@pytest.mark.slow
def test_what_a_render_wrote_is_found_where_the_adapter_says(tmp_path):
    """A tiny real render with two sections and a subcaption: the movie, its captions, its section
    clips (whose lengths add up to the movie's) and the section start times, read through the adapter."""
    from manim import Scene, Square, tempconfig

    marks = []

    class Two(Scene):
        def construct(self):
            compat.on_section(self, lambda name, t: marks.append((name, round(t, 6))))
            self.next_section("first")
            self.add(Square())
            self.add_subcaption("hello", duration=1.0)
            self.wait(1.0)
            self.next_section("second")
            self.wait(0.5)

    with tempconfig({"pixel_width": 64, "pixel_height": 36, "frame_rate": 10, "media_dir": str(tmp_path),
                     "save_sections": True, "disable_caching": True, "progress_bar": "none", "verbosity": "ERROR"}):
        scene = Two()
        scene.render()
        movie, frame = compat.movie_path(scene), compat.last_frame(scene)
    assert frame.shape == (36, 64, 4) and frame[..., :3].max() > 0   # the square's outline is drawn
    with av.open(str(movie)) as c:
        length = float(c.duration / 1e6)
    assert abs(length - 1.5) < 0.11   # within a frame
    assert "hello" in compat.captions_path(movie).read_text()
    sections = compat.sections_index(movie)
    assert [s["name"] for s in sections] == ["first", "second"] and all(s["video"].exists() for s in sections)
    assert abs(sum(float(s["duration"]) for s in sections) - length) < 0.11
    assert [n for n, _ in marks] == ["first", "second"] and marks[0][1] == 0 and abs(marks[1][1] - 1.0) < 0.11


def test_recolouring_camera_passes_every_colour_through_the_swap():
    from manim import Camera, Square

    seen = []
    cls = compat.recolouring_camera(lambda rgbas: seen.append(rgbas.copy()) or rgbas * 0 + 0.5)
    square = Square().set_fill("#ff0000", 1).set_stroke("#00ff00")
    camera = cls()
    assert issubclass(cls, Camera)
    assert np.allclose(camera.get_fill_rgbas(square), 0.5) and np.allclose(camera.get_stroke_rgbas(square), 0.5)
    assert np.allclose(seen[0][0, :3], [1, 0, 0]) and np.allclose(seen[1][0, :3], [0, 1, 0])


def test_fast_colour_copies_are_what_pythons_deepcopy_makes():
    import copy
    from manim import ManimColor, Square

    compat.install_fast_colour_copies()
    red = ManimColor("#ff0000", alpha=0.5)
    twice = [red, red]
    copied = copy.deepcopy(twice)
    assert copied[0] is copied[1] and copied[0] is not red   # one colour stays one colour
    assert type(copied[0]) is ManimColor and copied[0] == red and copied[0].to_hex(with_alpha=True) == red.to_hex(with_alpha=True)
    assert copied[0].__dict__.keys() == red.__dict__.keys()
    copied[0]._internal_value[:] = 0          # a copy owns its array
    assert red.to_hex() == "#FF0000"
    square = Square().set_fill("#00ff00", 1)
    other = square.copy()
    assert other.fill_color == square.fill_color and other.fill_color is not square.fill_color
    other.set_fill("#0000ff")
    assert square.fill_color.to_hex() == "#00FF00"


def test_path_caching_camera_draws_what_manims_camera_draws():
    from manim import Camera, Circle, Square, Text, VGroup, tempconfig

    with tempconfig({"pixel_width": 160, "pixel_height": 90}):
        still = VGroup(Text("Weights", font_size=40).shift([0, 1, 0]), Square(1.5).set_fill("#336699", 0.5))
        moving = Circle(0.6).set_fill("#ff8800", 1).set_stroke("#ffffff", 6)
        mine, theirs = compat.path_caching_camera(Camera)(), Camera()
        assert isinstance(mine, Camera)
        for step in range(4):   # the first two draw a path, the later ones replay it
            if step == 3:
                moving.points[:, 0] += 0.5    # changed in place: same mobject, new points
            else:
                moving.shift([0.3 * step, 0, 0])
            for camera in (mine, theirs):
                camera.reset()
                camera.capture_mobjects([still, moving])
            np.testing.assert_array_equal(mine.pixel_array, theirs.pixel_array)
        replayed = [entry for entry in mine.cairo_paths.values() if entry[1] is not None]
        assert len(replayed) == len(still.family_members_with_points())


def test_lean_animations_prepare_builders_and_drop_glyph_paths(manims_own_svgs):
    from manim import FadeIn, Square

    formula = MathTex("x^2")
    square = Square()
    played = compat.lean_animations([FadeIn(formula), square.animate.shift([1, 0, 0])])
    assert [type(a).__name__ for a in played] == ["FadeIn", "_MethodAnimation"]
    assert all(getattr(m, "path_obj", None) is None for m in formula.get_family())


def test_latex_template_facts():
    template = MathTex("x").tex_template
    assert compat.compiles_with_latex_to_dvi(template)
    tex = compat.tex_source_file("y = 2", "align*", template)
    assert tex.suffix == ".tex" and "y = 2" in tex.read_text()


def test_the_camera_draws_an_image_mobject_with_this_pillow():
    """Manim's own camera pastes an image on a float canvas Pillow 13 refuses; with the canvas given,
    each quarter of a 2 x 2 image shows its own pixel (nearest resampling: exact colours)."""
    from manim import RESAMPLING_ALGORITHMS, Camera, ImageMobject, tempconfig

    compat.install_image_canvas()
    pixels = np.array([[[255, 0, 0, 255], [0, 255, 0, 255]],
                       [[0, 0, 255, 255], [255, 255, 255, 255]]], dtype=np.uint8)
    with tempconfig({"pixel_width": 80, "pixel_height": 80, "frame_width": 4, "frame_height": 4}):
        image = ImageMobject(pixels).set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
        image.stretch_to_fit_width(2).stretch_to_fit_height(2)
        camera = Camera()
        camera.capture_mobject(image)
        drawn = camera.pixel_array
    # the image spans the middle 40 x 40 pixels: sample each quarter's centre
    for (row, col), want in {(30, 30): pixels[0, 0], (30, 50): pixels[0, 1],
                             (50, 30): pixels[1, 0], (50, 50): pixels[1, 1]}.items():
        assert drawn[row, col, :3].tolist() == want[:3].tolist(), (row, col)
    assert drawn[5, 5, :3].tolist() != [255, 255, 255]  # outside it, the background


def test_text_svgs_are_written_whole_and_never_rewritten(tmp_path):
    # Manim's own Text rewrites its SVG in place on every construction (another process reading it
    # then can see it truncated); with the adapter a file appears whole, by rename, and stays as it is.
    from manim import MarkupText, Text, tempconfig
    from manim.mobject.text import text_mobject as tm

    compat.install_whole_text_svgs()
    compat.install_whole_text_svgs()   # idempotent: wrapping twice would name files *.part.part
    for kind, make in (("text", lambda: Text("Weights", color="#ff0000")),
                       ("markup", lambda: MarkupText("<b>w</b> sub i", color="#ff0000"))):
        ours, manims = tmp_path / kind / "ours", tmp_path / kind / "manim"
        with tempconfig({"text_dir": str(ours)}):
            make()
            (svg,) = ours.glob("*.svg")
            os.utime(svg, ns=(10**18, 10**18))   # any write from here on would set it to now
            before = svg.stat()
            make()
            after = svg.stat()
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, 10**18)
        assert sorted(p.name for p in ours.iterdir()) == [svg.name]    # no private file left
        # Manim's own functions, in another folder: the same bytes
        adapted = tm.manimpango, tm.PangoUtils, tm.MarkupUtils
        tm.manimpango, tm.PangoUtils, tm.MarkupUtils = (tm.manim_pango, tm.PangoUtils.__mro__[1],
                                                        tm.MarkupUtils.__mro__[1])
        try:
            with tempconfig({"text_dir": str(manims)}):
                make()
                os.utime(manims / svg.name, ns=(10**18, 10**18))
                make()
            assert (manims / svg.name).stat().st_mtime_ns != 10**18    # Manim's own rewrites in place
        finally:
            tm.manimpango, tm.PangoUtils, tm.MarkupUtils = adapted
        # the same bytes, but for cairo's count of surfaces made in this process
        same = lambda f: re.sub(rb'id="surface\d+"', b'id="surface"', f.read_bytes())
        assert same(manims / svg.name) == same(svg)


def test_skipped_plays_draw_nothing_and_a_still_shows_the_picture_manims_own_does(tmp_path):
    """A still render skips every play: with the lever it draws only its last picture (once, after
    the plays), the very picture Manim's own drawing gives."""
    from manim import Camera, Circle, Create, FadeIn, Scene, Square, tempconfig
    from manim.renderer.cairo_renderer import CairoRenderer

    compat.install_undrawn_skipped_plays()

    class Small(Scene):
        def construct(self):
            square = Square().shift(2 * np.array([-1.0, 0, 0]))
            self.play(Create(square), run_time=0.5)
            self.wait(0.3)                                  # a frozen frame
            self.play(square.animate.shift(np.array([1.0, 1.0, 0])), FadeIn(Circle()), run_time=0.5)

    drawn = []
    original = Camera.capture_mobjects

    def counted(camera, mobjects, **kwargs):
        drawn.append(1)
        return original(camera, mobjects, **kwargs)

    def still():
        drawn.clear()
        with tempconfig({"pixel_width": 64, "pixel_height": 36, "frame_rate": 10, "media_dir": str(tmp_path),
                         "disable_caching": True, "progress_bar": "none", "verbosity": "ERROR",
                         "write_to_movie": False, "save_last_frame": True}):
            scene = Small()
            scene.render()
            return compat.last_frame(scene), len(drawn)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Camera, "capture_mobjects", counted)
        ours, ours_drawn = still()
        for name, method in CairoRenderer.manim_drawing.items():
            mp.setattr(CairoRenderer, name, method)
        theirs, theirs_drawn = still()
    assert ours_drawn == 1 and theirs_drawn > 4     # Manim's own also draws each play's static picture and frame
    np.testing.assert_array_equal(ours, theirs)
    assert ours[..., :3].max() > 0                  # the square and the circle are drawn


def test_undrawn_skipped_plays_install_once():
    from manim.renderer.cairo_renderer import CairoRenderer

    compat.install_undrawn_skipped_plays()
    play = CairoRenderer.play
    compat.install_undrawn_skipped_plays()
    assert CairoRenderer.play is play


def _sectioned(tmp_path, name, caching=False):
    """A small scene in three sections (the second skipped, as a part of a split scene skips the beats
    before its own), rendered losslessly (x264 at crf 0: decoded pictures do not depend on how the
    frames were cut into segments): the scene, its movie's frames, its section clips' frames."""
    import json

    from manim import Circle, Create, FadeIn, Scene, Square, tempconfig

    class Sectioned(Scene):
        def construct(self):
            square = Square().shift(2 * np.array([-1.0, 0, 0]))
            self.next_section("one")
            self.play(Create(square), run_time=0.5)
            self.wait(0.3)                                  # a frozen frame inside the segment
            self.play(square.animate.shift(np.array([1.0, 1.0, 0])), run_time=0.4)
            self.next_section("skipped", skip_animations=True)
            self.play(square.animate.shift(np.array([0.0, -2.0, 0])), run_time=0.5)
            self.next_section("two")
            self.play(FadeIn(Circle()), run_time=0.3)
            self.play(square.animate.scale(0.5), run_time=0.3)

    with tempconfig({"pixel_width": 96, "pixel_height": 54, "frame_rate": 10, "media_dir": str(tmp_path / name),
                     "disable_caching": not caching, "save_sections": True, "progress_bar": "none",
                     "verbosity": "ERROR", "video_encoder_options": {"preset": "ultrafast", "crf": "0"}}):
        scene = Sectioned()
        scene.render()
    movie = compat.movie_path(scene)
    index = json.loads(next((movie.parent / "sections").glob("*.json")).read_text())
    clips = {s["name"]: decoded(movie.parent / "sections" / s["video"]) for s in index}
    return scene, decoded(movie), clips


def _manims_own_segments(mp):
    from manim.scene.scene_file_writer import SceneFileWriter

    for name, method in SceneFileWriter.manim_segments.items():
        mp.setattr(SceneFileWriter, name, method)


def test_a_section_is_encoded_in_one_segment_with_the_pictures_manims_own_segments_give(tmp_path):
    compat.install_section_segments()
    scene, movie, clips = _sectioned(tmp_path, "ours")
    with pytest.MonkeyPatch.context() as mp:
        _manims_own_segments(mp)
        theirs, their_movie, their_clips = _sectioned(tmp_path, "theirs")
    written = [f for f in scene.renderer.file_writer.partial_movie_files if f]
    assert len(written) == 2 and all(Path(f).exists() for f in written)          # one a drawn section
    assert len([f for f in theirs.renderer.file_writer.partial_movie_files if f]) == 5   # one a drawn play
    assert len(movie) == len(their_movie) > 10
    for a, b in zip(movie, their_movie):
        np.testing.assert_array_equal(a, b)
    assert list(clips) == list(their_clips) == ["one", "two"]
    for name in clips:
        assert len(clips[name]) == len(their_clips[name])
        for a, b in zip(clips[name], their_clips[name]):
            np.testing.assert_array_equal(a, b)
    assert scene.renderer.time == pytest.approx(theirs.renderer.time)


def test_section_segments_stand_aside_when_manims_play_cache_is_on(tmp_path):
    """A cached play is reused as a file of its own: with the cache on, a segment stays one play."""
    compat.install_section_segments()
    scene, movie, _ = _sectioned(tmp_path, "cached", caching=True)
    with pytest.MonkeyPatch.context() as mp:
        _manims_own_segments(mp)
        _, their_movie, _ = _sectioned(tmp_path, "theirs", caching=True)
    assert len([f for f in scene.renderer.file_writer.partial_movie_files if f]) == 5
    assert len(movie) == len(their_movie) > 10
    for a, b in zip(movie, their_movie):
        np.testing.assert_array_equal(a, b)


def test_section_segments_install_once():
    from manim.scene.scene_file_writer import SceneFileWriter

    compat.install_section_segments()
    begin = SceneFileWriter.begin_animation
    compat.install_section_segments()
    assert SceneFileWriter.begin_animation is begin


def _movie_and_frames(tmp_path, name, scene_class):
    """Render `scene_class` small to a movie: (the arrays handed to the writer, the scene)."""
    from manim import tempconfig
    from manim.scene.scene_file_writer import SceneFileWriter

    handed = []
    original = SceneFileWriter.write_frame

    def noted(writer, pixels, **kwargs):
        handed.append(pixels)
        return original(writer, pixels, **kwargs)

    with pytest.MonkeyPatch.context() as mp, \
            tempconfig({"pixel_width": 96, "pixel_height": 54, "frame_rate": 10, "media_dir": str(tmp_path / name),
                        "disable_caching": True, "progress_bar": "none", "verbosity": "ERROR"}):
        mp.setattr(SceneFileWriter, "write_frame", noted)
        scene = scene_class()
        scene.render()
    return handed, scene


class _Moving:
    """A scene with a static picture under moving parts, a frozen wait and an image."""

    @staticmethod
    def make():
        from manim import (RESAMPLING_ALGORITHMS, Circle, Create, FadeIn, ImageMobject, Scene, Square,
                           UpdateFromAlphaFunc)

        class Moving(Scene):
            def construct(self):
                square = Square().shift(2 * np.array([-1.0, 0, 0])).set_fill("#336699", 0.6)
                pixels = np.zeros((4, 4, 4), np.uint8)
                pixels[..., 0], pixels[..., 3] = 200, np.arange(16).reshape(4, 4) * 16
                image = ImageMobject(pixels).set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
                image.stretch_to_fit_width(3).stretch_to_fit_height(2).shift(np.array([2.5, -1.5, 0]))

                def fade(mob, alpha):   # the image changes every frame, as the decision map does
                    mob.pixel_array[..., 1] = int(255 * alpha)

                self.add(image)
                self.play(Create(square), run_time=0.5)
                self.wait(0.3)
                self.play(square.animate.shift(np.array([1.0, 1.0, 0])), FadeIn(Circle()),
                          UpdateFromAlphaFunc(image, fade), run_time=0.6)
                self.play(image.animate.shift(np.array([3.0, 0, 0])), run_time=0.4)   # partly out of the frame
        return Moving


def test_handed_over_frames_are_manims_frames_and_never_written_again(tmp_path):
    """With the frame handover, the writer gets Manim's own frames (pixel for pixel; the mp4 bytes are
    not compared: x264 through PyAV is not always byte-deterministic on such noisy test pictures),
    each its own read-only array (so the queue's frames cannot change), and the camera keeps no
    cairo context per handed-over frame."""
    from manim import Camera
    from manim.renderer.cairo_renderer import CairoRenderer

    compat.install_frame_handover()
    compat.install_image_canvas()
    handed, scene = _movie_and_frames(tmp_path, "ours", _Moving.make())
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(CairoRenderer, "get_frame", CairoRenderer.manim_get_frame)
        mp.setattr(Camera, "set_pixel_array", Camera.manim_set_pixel_array)
        copied, _ = _movie_and_frames(tmp_path, "theirs", _Moving.make())
    assert len(handed) == len(copied) > 5
    assert all(not f.flags.writeable for f in handed)
    assert len({id(f) for f in handed}) == len(handed)      # every frame its own array
    for a, b in zip(handed, copied):
        np.testing.assert_array_equal(a, b)
    assert len(scene.renderer.camera.pixel_array_to_cairo_context) <= 1


def test_frame_handover_installs_once():
    from manim.renderer.cairo_renderer import CairoRenderer

    compat.install_frame_handover()
    get_frame = CairoRenderer.get_frame
    compat.install_frame_handover()
    assert CairoRenderer.get_frame is get_frame


@pytest.mark.parametrize("corner", [(-30, -20), (10, 5), (70, 40), (150, 100)])   # off, inside, off, outside
def test_an_image_pasted_as_its_box_overlays_as_manims_whole_canvas(corner):
    """The pasted box, composited alone, leaves the frame as Manim's frame-sized canvas does: over a
    background with every alpha, an image with every alpha, the box partly or wholly off the frame."""
    from PIL import Image
    from manim import Camera
    from manim.camera import camera as camera_module

    compat.install_image_canvas()
    rng = np.random.default_rng(11)
    background = rng.integers(0, 256, (54, 96, 4), dtype=np.uint8)
    image = Image.fromarray(rng.integers(0, 256, (40, 60, 4), dtype=np.uint8))
    x, y = corner
    box = (x, y, x + image.width, y + image.height)
    ours, theirs = background.copy(), background.copy()
    canvas = camera_module.Image.fromarray(np.zeros((54, 96)), mode="RGBA")   # as display_image_mobject makes it
    canvas.paste(image, box=box)
    whole = Image.new("RGBA", (96, 54))
    whole.paste(image, box=box)
    camera = Camera()
    camera.overlay_PIL_image(ours, canvas)
    Camera.manim_overlay_PIL_image(camera, theirs, whole)
    np.testing.assert_array_equal(ours, theirs)
    assert (ours != background).any() == (x < 96 and y < 54)


def _graph(obj, seen, out):
    """A fingerprint of everything reachable from a copy: each object's type and value, and which
    attributes share one object (numbered by first visit)."""
    import enum

    if isinstance(obj, (int, float, str, bool, type(None), enum.Enum)) or callable(obj) and not hasattr(obj, "__dict__"):
        out.append(("v", type(obj).__name__, repr(obj)))
        return
    if id(obj) in seen:
        out.append(("same", seen[id(obj)]))
        return
    seen[id(obj)] = len(seen)
    if isinstance(obj, np.ndarray):
        out.append(("a", obj.dtype.str, obj.shape, obj.flags.c_contiguous, obj.tobytes()))
    elif isinstance(obj, (list, tuple)):
        out.append((type(obj).__name__, len(obj)))
        for item in obj:
            _graph(item, seen, out)
    elif isinstance(obj, dict):
        out.append(("d", len(obj)))
        for key, item in obj.items():
            _graph(key, seen, out)
            _graph(item, seen, out)
    elif hasattr(obj, "__dict__"):
        out.append(("o", type(obj).__name__))
        for name, item in sorted(vars(obj).items()):
            out.append(name)
            _graph(item, seen, out)
    else:
        out.append(("?", type(obj).__name__, repr(obj)))


def test_fast_mobject_copies_are_what_manims_deepcopy_makes():
    """A copy by the short road has the same objects, values and sharing as Manim's own copy, and
    shares nothing mutable with the original."""
    from manim import Arrow, Axes, Circle, DecimalNumber, Mobject, VGroup

    compat.install_fast_mobject_copies()
    circle = Circle().set_fill("#ff8800", 0.5)
    circle.add_updater(lambda m: m)
    shared = np.array([1.0, 2.0, 3.0])
    circle.extra, circle.again = shared, shared        # one array under two names: stays one in a copy
    group = VGroup(MathTex(r"\sigma(z) = 0.731"), DecimalNumber(-0.0474, 4), Axes(x_range=[-2, 2], y_range=[0, 1]),
                   circle, Arrow([0, 0, 0], [1, 1, 0]))
    ours = group.copy()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Mobject, "__deepcopy__", Mobject.manim_deepcopy)
        theirs = group.copy()
    a, b = [], []
    _graph(ours, {}, a)
    _graph(theirs, {}, b)
    assert a == b and len(a) > 1000
    assert ours[3].extra is ours[3].again and ours[3].extra is not shared
    originals = {id(x) for m in group.get_family() for x in vars(m).values() if isinstance(x, (np.ndarray, list, dict))}
    assert not originals & {id(x) for m in ours.get_family() for x in vars(m).values()
                            if isinstance(x, (np.ndarray, list, dict))}


def test_a_number_that_shows_the_same_text_keeps_its_glyphs_and_ends_as_manims_own():
    """Set to values that repeat their text (and recoloured, moved and scaled between), a number ends
    each time with the points, colours and value Manim's own rebuild gives; only a new text rebuilds."""
    from manim import DecimalNumber

    compat.install_unchanged_numbers_kept()

    def run(set_value):
        number = DecimalNumber(0.5, 3, font_size=40, color="#ff8800")
        seen = []
        for k, v in enumerate([0.7312, 0.7314, 0.7311, -0.25, -0.2501, 1.0, 1.0004, 0.0]):
            if k == 2:
                number.set_color("#3366ff")
            if k == 4:
                number.shift(np.array([1.0, -0.5, 0])).scale(1.3)
                number[0].set_fill("#00ff00")   # one glyph recoloured: the rebuild takes the number's colour
            glyphs = number.submobjects
            set_value(number, v)
            seen.append((number.get_value(), number.submobjects is glyphs,
                         [(m.points.tobytes(), m.fill_rgbas.tobytes(), m.stroke_rgbas.tobytes())
                          for m in number.get_family()]))
        return seen

    ours, theirs = run(DecimalNumber.set_value), run(DecimalNumber.manim_set_value)
    for (value, kept, family), (value2, _, family2) in zip(ours, theirs):
        assert value == value2 and len(family) == len(family2)
        for a, b in zip(family, family2):
            for x, y in zip(a, b):
                np.testing.assert_allclose(np.frombuffer(x), np.frombuffer(y), atol=1e-12)
    assert [kept for _, kept, _ in ours] == [False, True, True, False, True, False, True, False]


def _forest(seed: int, log: list, cycles: bool = False):
    """A seeded random family of plain mobjects (and some with their own `update`): shared members,
    suspended ones, updaters with and without dt, one that gives its mobject a new submobject list
    and one that adds to its parent's list while the walk is in it; with `cycles`, back edges too."""
    import random

    from manim import Mobject

    class Own(Mobject):
        def update(self, dt=0, recursive=True):
            log.append(("own", self.name))
            return Mobject.update(self, dt, recursive)

    rng = random.Random(seed)
    nodes = []
    for i in range(rng.randint(2, 40)):
        m = (Own if rng.random() < 0.1 else Mobject)(name=f"m{i}")
        if i:
            rng.choice(nodes).submobjects.append(m)
        nodes.append(m)
    for _ in range(rng.randint(0, 6)):   # shared: a member under a second parent (earlier, no cycle)
        j = rng.randrange(1, len(nodes))
        nodes[rng.randrange(j)].submobjects.append(nodes[j])
    if cycles:
        for _ in range(rng.randint(1, 3)):
            j = rng.randrange(len(nodes))
            nodes[j].submobjects.append(nodes[rng.randrange(j + 1)])
        return nodes
    for m in nodes:
        kind = rng.random()
        if kind < 0.15:
            m.add_updater(lambda mob, dt: log.append((mob.name, dt)))
        elif kind < 0.3:
            m.add_updater(lambda mob: log.append(mob.name))
        elif kind < 0.35:
            def regrow(mob):   # a new list: its first member replaced by one with an updater
                log.append(("regrow", mob.name))
                fresh = Mobject(name=mob.name + "'").add_updater(lambda x: log.append(x.name))
                mob.submobjects = [fresh] + list(mob.submobjects[1:])
            m.add_updater(regrow)
        elif kind < 0.4 and m is not nodes[0]:
            parent = next(p for p in nodes if m in p.submobjects)

            def sibling(mob, parent=parent):
                log.append(("sibling", mob.name))
                if len(parent.submobjects) < 12:
                    parent.submobjects.append(Mobject(name=mob.name + "+"))
            m.add_updater(sibling)
        if rng.random() < 0.08:
            m.updating_suspended = True
    return nodes


def test_flat_family_walks_visit_what_manims_own_walks_visit():
    """update calls the same updaters in the same order as Manim's recursion (suspended families
    skipped, lists changed by an updater read as Manim reads them, a class's own update honoured),
    and get_family lists the same members (shared ones at their last place, cycles cut)."""
    from manim import Mobject

    compat.install_flat_family_walks()
    calls = 0
    for seed in range(300):
        ours, theirs = [], []
        a = _forest(seed, ours)[0]
        for dt in (0.0, 0.25, 0.5):
            a.update(dt)
        with pytest.MonkeyPatch.context() as mp:   # Manim's recursion calls Mobject.update: its own
            mp.setattr(Mobject, "update", Mobject.manim_update)
            b = _forest(seed, theirs)[0]
            for dt in (0.0, 0.25, 0.5):
                b.update(dt)
        assert ours == theirs
        assert [m.name for m in a.get_family()] == [m.name for m in Mobject.manim_get_family(b)]
        calls += len(ours)
        for m in _forest(seed, [], cycles=True):
            assert m.get_family() == Mobject.manim_get_family(m)
    assert calls > 3000   # the forests do call updaters
