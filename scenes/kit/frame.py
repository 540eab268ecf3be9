"""The safe area: players draw captions over the bottom 15 % of the frame, and anything within 5 % of
the other edges looks cut off. What the viewer must read lives inside; the base scene checks it."""
from __future__ import annotations

import numpy as np
from manim import DecimalNumber, MathTex, SingleStringMathTex, Text, VMobject, config

BAND = 0.15     # of the frame height, at the bottom: the caption band
MARGIN = 0.05   # of the frame width / height, on the other edges
TOLERANCE = 0.01


def safe_box() -> tuple[float, float, float, float]:
    """(left, right, bottom, top) of the safe area in scene units."""
    w, h = config.frame_width, config.frame_height
    return -w / 2 + MARGIN * w, w / 2 - MARGIN * w, -h / 2 + BAND * h, h / 2 - MARGIN * h


def band_box() -> tuple[float, float, float, float]:
    """(left, right, bottom, top) of the caption band (inside the side margins)."""
    w, h = config.frame_width, config.frame_height
    return -w / 2 + MARGIN * w, w / 2 - MARGIN * w, -h / 2, -h / 2 + BAND * h


def _visible(m) -> bool:
    if len(getattr(m, "points", ())) == 0 or m.submobjects:
        return False
    if isinstance(m, VMobject):
        stroke = m.get_stroke_width() > 0 and m.get_stroke_opacity() > 0
        return stroke or m.get_fill_opacity() > 0
    return True


def _bounds(leaves):
    pts = np.vstack([m.points for m in leaves])
    return pts[:, 0].min(), pts[:, 0].max(), pts[:, 1].min(), pts[:, 1].max()


def describe(m) -> str:
    if isinstance(m, Text):
        return f"Text({m.original_text!r})"
    if isinstance(m, (MathTex, SingleStringMathTex)):
        return f"MathTex({m.get_tex_string()!r})"
    if isinstance(m, DecimalNumber):
        return f"DecimalNumber({m.get_value():g})"
    return type(m).__name__


def _named(top):
    """The family members a person would name (texts and numbers) and, last, the top mobject itself."""
    named = [f for f in top.get_family() if isinstance(f, (Text, MathTex, SingleStringMathTex, DecimalNumber))]
    return named + [top]


def outside(mobjects, skip=()) -> list[str]:
    """What reaches outside the safe area: one line per offending top-level mobject, naming it."""
    left, right, bottom, top_y = safe_box()
    problems = []
    for top in mobjects:
        if top in skip:
            continue
        for m in _named(top):
            leaves = [f for f in m.get_family() if _visible(f)]
            if not leaves:
                continue
            x0, x1, y0, y1 = _bounds(leaves)
            where = [side for side, bad in (("caption band", y0 < bottom - TOLERANCE),
                                            ("top margin", y1 > top_y + TOLERANCE),
                                            ("left margin", x0 < left - TOLERANCE),
                                            ("right margin", x1 > right + TOLERANCE)) if bad]
            if where:
                inside = "" if m is top else f" (in {describe(top)})"
                problems.append(f"{describe(m)}{inside} reaches into the {' and '.join(where)}: "
                                f"x {x0:.2f}..{x1:.2f}, y {y0:.2f}..{y1:.2f}; safe area x {left:.2f}..{right:.2f}, "
                                f"y {bottom:.2f}..{top_y:.2f}")
                break
    return problems


def keep_inside(mob, pad: float = 0.05):
    """Shift `mob` (no scaling) so its bounding box lies in the safe area, for layouts whose size
    depends on a scene's parameters (a long number, more rows)."""
    left, right, bottom, top = safe_box()
    dx = max(0.0, left + pad - mob.get_left()[0]) - max(0.0, mob.get_right()[0] - (right - pad))
    dy = max(0.0, bottom + pad - mob.get_bottom()[1]) - max(0.0, mob.get_top()[1] - (top - pad))
    return mob.shift([dx, dy, 0])
