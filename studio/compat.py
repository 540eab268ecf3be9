"""Every touch of a library's private internals, in one place and checked against its version.

Manim 0.22 offers no public hook for what the renders here need (reusing a converted frame, swapping
the LaTeX compiler for a sketch pass, dropping the parsed SVG a glyph keeps), so these functions use
its private members. They were written against manim 0.22.x: importing this module with any other
version fails at once with what to do, instead of failing later inside a render.

This module imports nothing from the project, so scenes may import it (for `lean`) and studio may
import it without either package importing the other's machinery.
"""
from __future__ import annotations

from contextlib import contextmanager
from fractions import Fraction
import re
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
            f"manim {found} is installed, but studio/compat.py uses the internals of manim {want}.x "
            f"(the version pyproject.toml pins): run `pip install 'manim=={want}.*'` (or `make setup`), "
            f"or port studio/compat.py to manim {found} and change the pin.")


check_manim_version()


# -- video encoding --------------------------------------------------------------------------------
def install_frame_reuse() -> None:
    """Make Manim's segment encoder convert a repeated frame (a static `wait`) from RGBA to YUV once,
    not once per copy: at 1080p that conversion is ~5 ms a frame. Idempotent."""
    import av
    from manim.scene import video_segment_encoder as vse

    cls = vse.VideoSegmentEncoder
    if getattr(cls, "_converts_repeats_once", False):
        return
    original = cls.write_frame

    def write_frame(self, pixels, *, repeat: int = 1) -> None:
        if repeat == 1:
            return original(self, pixels, repeat=1)
        self._validate_frame(pixels, repeat)
        time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
        try:
            frame = av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(format=self._stream.pix_fmt)
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
    """Make `scene.play` do nothing: no animation runs, no frame is drawn (the sketch pass)."""
    scene.renderer.play = lambda *args, **kwargs: None


# -- mobjects --------------------------------------------------------------------------------------
def lean(mob):
    """Drop the parsed SVG path Manim keeps on every glyph of a MathTex or Text once its points
    are built. Every animation copies its mobjects, and that path makes each copy ~7x slower.
    Returns `mob`."""
    for m in mob.get_family():
        if getattr(m, "path_obj", None) is not None:
            m.path_obj = None
    return mob


# -- process pools ---------------------------------------------------------------------------------
def pool_processes(pool) -> list:
    """The worker processes of a concurrent.futures.ProcessPoolExecutor (none once it is shut down)."""
    return list((getattr(pool, "_processes", None) or {}).values())
