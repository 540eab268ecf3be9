"""Visual parts more than one scene uses, built once and composed."""
from __future__ import annotations

import math

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Axes, Circle, Create, Dot, FadeOut, Line, MathTex, ReplacementTransform,
                   RoundedRectangle, Text, UpdateFromAlphaFunc, UpdateFromFunc, VGroup, VMobject)

from scenes.kit import palette
from manimcompat import lean  # noqa: F401 - scenes take it from the kit; it touches Manim's internals


class NeuronNode(VGroup):
    """A circle whose fill brightness is its activation (0 dark, 1 fully lit)."""

    def __init__(self, radius: float = 0.4, activation: float = 0.0, color=palette.FIRE, **kwargs):
        super().__init__(**kwargs)
        self.color_on = color
        self.circle = Circle(radius=radius, color=palette.TEXT, stroke_width=3)
        self.add(self.circle)
        self.set_activation(activation)

    def set_activation(self, a: float) -> "NeuronNode":
        a = float(np.clip(a, 0.0, 1.0))
        self.circle.set_fill(self.color_on, opacity=0.08 + 0.85 * a)
        self.circle.set_stroke(self.color_on if a > 0.5 else palette.TEXT)
        return self


TIP = 0.16   # an axis arrowhead's length and width: a pointer, not a landmark (Manim's default is 0.35)


class CurvePlot(VGroup):
    """Axes with labels, ready for curves drawn from sampled points.

    The axes run a little past the data's range (`pad`, a share of each span), so no curve reaches an
    arrowhead; tick labels sit outside the plotted box (left of it and under it), so no curve crosses
    them, and both bounds of each range are labelled."""

    def __init__(self, x_range, y_range, width=5.0, height=3.0, x_label="z", y_label="a",
                 label_size=palette.MATH_SIZE - 8, pad: float = 0.08, tick_size: float = 26, **kwargs):
        super().__init__(**kwargs)
        (x0, x1, xs), (y0, y1, ys) = (tuple(x_range) + (1,))[:3], (tuple(y_range) + (1,))[:3]
        self.x_span, self.y_span = (x0, x1), (y0, y1)
        self.axes = Axes(x_range=(x0, x1 + pad * (x1 - x0), xs), y_range=(y0, y1 + pad * (y1 - y0), ys),
                         x_length=width, y_length=height,
                         axis_config={"color": palette.DIM, "include_ticks": True,
                                      "tip_width": TIP, "tip_height": TIP})
        for axis, lo, hi in ((self.axes.x_axis, x0, x1), (self.axes.y_axis, y0, y1)):
            # a mark at every labelled value and nowhere else: Axes leave 0 unmarked, and the padding
            # past the last number can hold one more mark, unlabelled, under the arrowhead
            axis.remove(axis.ticks)
            axis.ticks = VGroup(*[axis.get_tick(v) for v in marked(axis, lo, hi)])
            axis.add(axis.ticks)
        self.ticks = VGroup(
            *[MathTex(tick_text(x), font_size=tick_size, color=palette.DIM).next_to(self.axes.c2p(x, y0), DOWN, buff=0.15)
              for x in marked(self.axes.x_axis, x0, x1)],
            *[MathTex(tick_text(y), font_size=tick_size, color=palette.DIM).next_to(self.axes.c2p(x0, y), LEFT, buff=0.15)
              for y in marked(self.axes.y_axis, y0, y1)])
        self.x_label = MathTex(x_label, font_size=label_size, color=palette.DIM).next_to(self.axes.x_axis, RIGHT, buff=0.15)
        self.y_label = MathTex(y_label, font_size=label_size, color=palette.DIM).next_to(self.axes.y_axis, UP, buff=0.1)
        self.add(self.axes, self.ticks, self.x_label, self.y_label)

    def p(self, x, y):
        return self.axes.c2p(x, y)

    def curve(self, xs, ys, color=palette.POSITIVE, stroke_width=5, clip=True) -> VMobject:
        """A polyline through the samples; points outside the y range are dropped (clip)."""
        ymin, ymax = self.y_span
        pts = [self.p(x, y) for x, y in zip(xs, ys) if not clip or ymin - 1e-9 <= y <= ymax + 1e-9]
        return VMobject(color=color, stroke_width=stroke_width).set_points_as_corners(pts)

    def line_through(self, p0, p1, color=palette.POSITIVE, stroke_width=5) -> Line:
        """The infinite line through two (x, y) points, cut to the axes' box."""
        ends = clip_segment(p0, p1, self.x_span, self.y_span)
        a, b = ends if ends else (p0, p0)
        return Line(self.p(*a), self.p(*b), color=color, stroke_width=stroke_width)

    def dot_at(self, x, y, color=palette.FIRE, radius=0.1) -> Dot:
        return Dot(self.p(x, y), radius=radius, color=color)


def note(text: Text, color=palette.FIRE, pad: float = 0.25) -> VGroup:
    """A framed remark, used for the places where the video corrects the article."""
    box = RoundedRectangle(corner_radius=0.15, width=text.width + 2 * pad, height=text.height + 2 * pad,
                           color=color, stroke_width=3).set_fill(palette.BACKGROUND, opacity=0.9)
    return VGroup(box.move_to(text), text)


def edge_width(weight: float, largest: float, thin: float = 2.0, thick: float = 9.0) -> float:
    """Stroke width proportional to |weight| (relative to the largest weight shown)."""
    return thin + (thick - thin) * abs(weight) / max(abs(largest), 1e-9)


def glyph(xs, ys, size: float = 1.2, color=palette.FIRE, frame=True) -> VGroup:
    """A small framed sketch of a curve (an activation shown as a box)."""
    xs, ys = np.asarray(xs, float), np.asarray(ys, float)
    u = (xs - xs.min()) / (np.ptp(xs) or 1) - 0.5
    v = (ys - ys.min()) / (np.ptp(ys) or 1) - 0.5
    pts = [np.array([a * size * 0.8, b * size * 0.6, 0]) for a, b in zip(u, v)]
    curve = VMobject(color=color, stroke_width=4).set_points_as_corners(pts)
    parts = VGroup(curve)
    if frame:
        box = RoundedRectangle(corner_radius=0.1, width=size, height=size * 0.85, color=palette.DIM, stroke_width=3)
        parts.add_to_back(box.move_to(curve))
    return parts


def edge(a, b, **kwargs) -> Line:
    """A straight connection between two round nodes, touching both rims."""
    start, end = a.get_center(), b.get_center()
    direction = (end - start) / np.linalg.norm(end - start)
    return Line(start + direction * a.width / 2, end - direction * b.width / 2, **kwargs)


def beside_line(label, line, at: float = 0.22, buff: float = 0.12):
    """Put a label next to a line near its start, on the side the line bends away from:
    above a line that falls or runs flat, below one that rises."""
    start, end = line.get_start(), line.get_end()
    side = UP if end[1] <= start[1] + 1e-6 else DOWN
    anchor = start + at * (end - start)
    return label.next_to(anchor, side + 0.35 * RIGHT, buff=buff)


def clip_segment(p0, p1, x_range, y_range):
    """The part of the line through p0 and p1 that lies inside the box (Liang-Barsky)."""
    (x0, y0), (x1, y1) = p0, p1
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = -np.inf, np.inf
    for d, lo, hi, start in ((dx, x_range[0], x_range[1], x0), (dy, y_range[0], y_range[1], y0)):
        if abs(d) < 1e-12:
            if not lo <= start <= hi:
                return None
            continue
        a, b = sorted(((lo - start) / d, (hi - start) / d))
        t0, t1 = max(t0, a), min(t1, b)
    if t0 > t1:
        return None
    return (x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy)


def swap(old, new) -> list:
    """Animations that replace `old` by `new` on screen; either may be None (nothing there)."""
    if old is not None and new is not None:
        return [ReplacementTransform(old, new)]
    if old is not None:
        return [FadeOut(old)]
    if new is not None:
        return [Create(new)]
    return []


def legend_row(*entries, buff: float = 0.15, gap: float = 0.3) -> VGroup:
    """(mark, label) pairs in one row, each pair tight and a wider gap between pairs."""
    row = VGroup(*[m for pair in entries for m in pair]).arrange(RIGHT, buff=buff)
    for k, pair in enumerate(entries[1:], start=1):
        for m in pair:
            m.shift(k * gap * RIGHT)
    return row


# -- values that change while an animation plays ---------------------------------------------------
# Permanent updaters cost every frame, also during waits (a wait with updaters is re-drawn frame by
# frame instead of repeated). These animations act only while they play.
def following(mob, place):
    """Keep `mob` placed by `place(mob)` on every frame of the animation it is played with."""
    return UpdateFromFunc(mob, place)


def ticking(number, value, run_time: float, rate: float = 10, digits: int | None = None):
    """Update a DecimalNumber to `value()` `rate` times a second while playing, and exactly at the end;
    with `digits`, each value shows that many significant digits (0.0474, 0.250, 3.00), as fmt.num.

    Rebuilding a DecimalNumber costs ~20 ms; at 60 fps on every frame that is most of a render."""
    steps = max(1, int(rate * run_time))
    last = [-1]

    def update(m, alpha):
        k = int(alpha * steps)
        if k != last[0] or alpha >= 1:
            last[0] = k
            set_significant(m, value(), digits) if digits else m.set_value(value())

    return UpdateFromAlphaFunc(number, update, run_time=run_time)


def set_significant(number, v: float, digits: int = 3):
    """Show `v` in a DecimalNumber at `digits` significant digits (as fmt.num: 0 as '0')."""
    from scenes.kit.fmt import num
    text = num(float(v), digits)
    number.num_decimal_places = len(text.split(".")[1]) if "." in text else 0
    return number.set_value(float(text.replace(",", "").replace("\u2212", "-")))


# -- axis ranges ----
def marked(axis, lo: float, hi: float) -> list[float]:
    """The values within [lo, hi] that get a number: where the axis has its tick marks (Manim counts
    them from 0 when the range spans it, not from the range's start), and 0 itself."""
    values = [float(v) for v in axis.get_tick_range()]
    if not any(abs(v) < 1e-9 for v in values):
        values.append(0.0)
    return sorted(v for v in values if lo - 1e-9 <= v <= hi + 1e-9)


def tick_text(v: float) -> str:
    """A tick's value for MathTex, as short as it is exact: 1, 0.5, -2, 2.5."""
    v = round(float(v), 9)
    return f"{int(v)}" if v.is_integer() else f"{v:g}"


def nice_step(span: float, ticks: int = 4) -> float:
    """A round tick step (1, 2, 2.5, 5 times a power of ten) giving about `ticks` intervals."""
    raw = max(abs(span), 1e-9) / max(ticks, 1)
    base = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * base >= raw - 1e-12:
            return m * base
    return 10 * base


def nice_range(lo: float, hi: float, ticks: int = 4) -> tuple[float, float, float]:
    """(lo, hi, step) widened outward to round multiples of a round step: an axis range."""
    step = nice_step(hi - lo, ticks)
    # an end a rounding error past a multiple stays on it; "a rounding error" is relative to the
    # range, not to the step (a step can be twice the range: 1e-9 of it left lo uncovered)
    eps = 1e-9 * (hi - lo) / step
    out = (math.floor(lo / step + eps) * step, math.ceil(hi / step - eps) * step, step)
    # whole numbers as ints, so the axis labels read "2", not "2.0"
    return tuple(int(round(v)) if abs(v - round(v)) < 1e-9 else v for v in out)
