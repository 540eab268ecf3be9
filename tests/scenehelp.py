"""Render scenes small and read back what they show, for the scene tests."""
from __future__ import annotations

import tempfile
from pathlib import Path

from manim import DecimalNumber, MathTex, Text, tempconfig
from manim.mobject.text import tex_mobject
from manim.mobject.text.tex_mobject import MathTexPart

import manimcompat
from scenes import catalog

# One LaTeX/text SVG cache for every scene test of the session (and later sessions on this
# machine): a formula compiled once is not compiled again. One process, so no race.
SVG_CACHE = Path(tempfile.gettempdir()) / "nn-explainer-test-svg"
TINY = {"pixel_width": 256, "pixel_height": 144, "frame_rate": 5, "disable_caching": True,
        "progress_bar": "none", "verbosity": "ERROR", "write_to_movie": False, "save_last_frame": False,
        "tex_dir": str(SVG_CACHE / "Tex"), "text_dir": str(SVG_CACHE / "texts")}


# Scenes whose beats may still end with something in the caption band or the margin (none since
# issue 14): their scene tests do not fail on layout; test_scenes_frame.py checks every scene.
LAYOUT_PENDING: set[str] = set()


def _strict(scene):
    """In tests a beat that ends outside the safe area fails, naming the mobject and the beat."""
    spec = next((catalog.by_class(k.__name__) for k in type(scene).__mro__ if catalog.by_class(k.__name__)), None)
    if spec is None or spec.id not in LAYOUT_PENDING:
        scene.layout_check = "raise"
    return scene


def render_small(cls, tmp_path: Path, **params):
    """Run the whole scene (every animation) at a tiny size; return the finished scene."""
    with tempconfig({**TINY, "media_dir": str(tmp_path)}):
        scene = _strict(cls(**params))
        scene.render()
    return scene


def skim(cls, tmp_path: Path, strict: bool = True, **params):
    """Run the scene with Manim's own animation skipping: every animation jumps to its end state and
    the clock advances, but no frame is drawn (a scene in about a second). Returns the scene."""
    with tempconfig({**TINY, "media_dir": str(tmp_path), "save_last_frame": True}):
        scene = cls(**params)
        if strict:
            scene.layout_check = "raise"
        scene.render()
    return scene


def shown_texts(scene) -> list[str]:
    """Every word and number on screen at the end: Text, MathTex and DecimalNumber contents."""
    out = []
    for m in scene.mobjects:
        for f in m.get_family():
            if isinstance(f, DecimalNumber):
                out.append(f"{f.get_value():g}")
            elif isinstance(f, MathTex):
                out.append(f.tex_string)
            elif isinstance(f, Text):
                out.append(f.original_text)
    return out


def on_screen(scene, text: str) -> bool:
    return any(text in t for t in shown_texts(scene))


def shown_rows(scene) -> list[str]:
    """The rows of multi-line MathTex on screen (each row is a part with its own tex_string)."""
    return [f.tex_string for m in scene.mobjects for f in m.get_family() if isinstance(f, MathTexPart)]


def shown_formulas(spec, tmp_path) -> tuple[list[str], list[str]]:
    """Every formula the scene typesets (each MathTex ever built, not only those on screen at the
    end) and every caption, from a pass that plays no animation."""
    real = tex_mobject.tex_to_svg_file
    seen: list[str] = []

    def recording(expression, environment=None, tex_template=None):
        seen.append(expression)
        return real(expression, environment=environment, tex_template=tex_template)

    with tempconfig({**TINY, "media_dir": str(tmp_path), "write_to_movie": False}), \
            manimcompat.tex_compiler_swapped(recording, tmp_path / "none"):
        scene = spec.load()()
        manimcompat.skip_animations(scene)
        scene.render()
    return seen, [text for _, text in scene.spoken]
