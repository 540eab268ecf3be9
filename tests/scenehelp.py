"""Render scenes small and read back what they show, for the scene tests."""
from __future__ import annotations

import tempfile
from pathlib import Path

from manim import DecimalNumber, MathTex, Text, tempconfig

# One LaTeX/text SVG cache for every scene test of the session (and later sessions on this
# machine): a formula compiled once is not compiled again. One process, so no race.
SVG_CACHE = Path(tempfile.gettempdir()) / "nn-explainer-test-svg"
TINY = {"pixel_width": 256, "pixel_height": 144, "frame_rate": 5, "disable_caching": True,
        "progress_bar": "none", "verbosity": "ERROR", "write_to_movie": False, "save_last_frame": False,
        "tex_dir": str(SVG_CACHE / "Tex"), "text_dir": str(SVG_CACHE / "texts")}


def render_small(cls, tmp_path: Path, **params):
    """Run the whole scene (every animation) at a tiny size; return the finished scene."""
    with tempconfig({**TINY, "media_dir": str(tmp_path)}):
        scene = cls(**params)
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
