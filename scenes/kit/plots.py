"""Learning visuals: a ball descending a cost curve (with its tangent and its step), a contour map of
a two-parameter cost with a descent path, and the helpers that keep long runs short on screen.

    plot = CostCurve(tr["curve"], width=7, height=4.4)          # axes on the box edges + the curve
    ball = plot.ball(run["thetas"][0], run["costs"][0])
    self.play(plot.move_ball(ball, t0, c0, t1, c1))             # rolls along the curve, exact at t1
    plot.tangent(t, c, slope), plot.step_arrow(t0, t1)          # slope (green), the step along theta

Everything is placed from a trace's numbers; positions at keyframes are exact (the ball ends on
p(theta_k, C_k)), and `plot.coords(ball.get_center())` reads a position back as (theta, C).
A target outside the box (a diverging run) is never drawn there: the ball flies to the box's edge
and fades out, so no huge coordinates ever reach the renderer.
"""
from __future__ import annotations

import math

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, DecimalNumber, Dot, DoubleArrow, Line, MathTex, UpdateFromAlphaFunc,
                   VGroup, VMobject, rate_functions)

from scenes.kit import palette
from scenes.kit.parts import CurvePlot, clip_segment, nice_range


# -- ranges and keyframes -------------------------------------------------------------------------
def keyframe_indices(count: int, frames: int = 18) -> list[int]:
    """About `frames` indices into a run of `count` points, dense at the start (where descent moves
    fast) and sparse later; always the first and the last, strictly increasing."""
    if count <= frames:
        return list(range(count))
    idx = np.unique(np.round(np.geomspace(1, count, frames)).astype(int) - 1)
    out = sorted(set(idx.tolist()) | {0, count - 1})
    return out


# -- a plot whose axes run along the bottom and left edges ------------------------------------------
class EdgePlot(CurvePlot):
    """A CurvePlot whose axes lie on the bottom and left edges of its box, wherever 0 is, so a point
    at theta = 0 does not sit on the y axis. `p(x, y)` and its inverse `coords(point)` are exact."""

    def __init__(self, x_range, y_range, **kwargs):
        kwargs.setdefault("pad", 0.13)   # the arrowheads well past the last tick numbers, clear of them
        super().__init__(x_range, y_range, **kwargs)
        ax = self.axes
        dx = ax.x_axis.n2p(x_range[0])[0] - ax.y_axis.n2p(0)[0]
        dy = ax.y_axis.n2p(y_range[0])[1] - ax.x_axis.n2p(0)[1]
        ax.y_axis.shift(dx * RIGHT)
        self.y_label.shift(dx * RIGHT)
        ax.x_axis.shift(dy * UP)
        self.x_label.shift(dy * UP)
        # a tick number that would touch an arrowhead is left out (the other numbers still give the scale)
        tips = [t for t in (getattr(ax.x_axis, "tip", None), getattr(ax.y_axis, "tip", None)) if t is not None]
        for label in list(self.ticks):
            if any(_touch(label, tip, 0.05) for tip in tips):
                self.ticks.remove(label)

    def p(self, x, y):
        return np.array([self.axes.x_axis.n2p(x)[0], self.axes.y_axis.n2p(y)[1], 0.0])

    def coords(self, point) -> tuple[float, float]:
        return float(self.axes.x_axis.p2n(point)), float(self.axes.y_axis.p2n(point))

    @property
    def x_bounds(self):
        return self.x_span

    @property
    def y_bounds(self):
        return self.y_span

    def inside(self, x, y, pad: float = 1e-9) -> bool:
        (x0, x1), (y0, y1) = self.x_bounds, self.y_bounds
        return x0 - pad <= x <= x1 + pad and y0 - pad <= y <= y1 + pad

    def clip(self, a, b):
        """The part of the segment a -> b (data coordinates) inside the box, or None."""
        ends = clip_segment(a, b, self.x_bounds, self.y_bounds)
        if ends is None:
            return None
        (ax, ay), (bx, by) = a, b
        length = math.hypot(bx - ax, by - ay) or 1.0
        # clip_segment cuts the infinite line: keep only what lies between a and b
        ts = [((ex - ax) * (bx - ax) + (ey - ay) * (by - ay)) / length ** 2 for ex, ey in ends]
        t0, t1 = max(0.0, min(ts)), min(1.0, max(ts))
        if t0 > t1:
            return None
        return ((ax + t0 * (bx - ax), ay + t0 * (by - ay)), (ax + t1 * (bx - ax), ay + t1 * (by - ay)))


def _touch(a, b, gap: float) -> bool:
    """Whether the bounding boxes of a and b come closer than `gap`."""
    return (a.get_left()[0] < b.get_right()[0] + gap and b.get_left()[0] < a.get_right()[0] + gap
            and a.get_bottom()[1] < b.get_top()[1] + gap and b.get_bottom()[1] < a.get_top()[1] + gap)


def glide(mob, path: VMobject, fade: str | None = None, run_time: float = 1.0, rate_func=rate_functions.smooth):
    """Move `mob` along `path`, ending exactly on its last point. `fade`: "out" fades it over the last
    40% (the path ends at a plot's edge because the target lies outside), "in" fades it in over the
    first 40% (it comes back in), "hidden" keeps it invisible. The full opacity is `mob.full_opacity`
    when set (a faded ball remembers how bright it was)."""
    full = getattr(mob, "full_opacity", None)
    full = mob.get_fill_opacity() if full is None else full
    hollow = getattr(mob, "hollow", False)   # a ring: only its stroke fades, it is never filled

    def show(m, opacity):
        if hollow:
            m.set_stroke(opacity=opacity)
        else:
            m.set_opacity(opacity)

    def update(m, alpha):
        m.move_to(path.point_from_proportion(min(max(alpha, 0.0), 1.0)))
        if fade == "out":
            show(m, full * min(1.0, max(0.0, (1.0 - alpha) / 0.4)))
        elif fade == "in":
            show(m, full * min(1.0, max(0.0, alpha / 0.4)))
        elif fade == "hidden":
            show(m, 0.0)

    return UpdateFromAlphaFunc(mob, update, run_time=run_time, rate_func=rate_func)


# -- the ball on a 1-D cost curve --------------------------------------------------------------------
class CostCurve(EdgePlot):
    """A 1-D cost curve from a trace's samples ({"theta": [...], "cost": [...], "minimum": m}),
    on axes that fit it; the ball, the tangent and the step are placed from the trace's numbers."""

    def __init__(self, samples, width=7.0, height=4.2, x_label=r"\theta", y_label=r"C(\theta)",
                 x_range=None, y_range=None, color=palette.COST, ticks=(8, 4), **kwargs):
        ts, cs = np.asarray(samples["theta"], float), np.asarray(samples["cost"], float)
        if x_range is None:
            x_range = nice_range(ts.min(), ts.max(), ticks[0])
            if ts.min() <= 0 <= ts.max():   # ticks count from 0: the axis can end where the curve does
                x_range = (float(ts.min()), float(ts.max()), x_range[2])
        y_range = y_range or nice_range(min(0.0, cs.min()), cs.max(), ticks[1])
        super().__init__(x_range, y_range, width=width, height=height, x_label=x_label, y_label=y_label,
                         **kwargs)
        self.ts, self.cs = ts, cs
        self.minimum = samples.get("minimum")
        self.graph = self.curve(ts, cs, color=color)
        self.add(self.graph)

    # parts
    def ball(self, theta, cost, color=palette.FIRE, radius=0.13) -> Dot:
        ball = Dot(self.p(theta, cost), radius=radius, color=color).set_z_index(3)
        ball.full_opacity = 1.0
        return ball

    def marker(self, theta, color=palette.FIRE, size=0.14) -> VMobject:
        """A small triangle on the theta axis under the point."""
        tip = self.p(theta, self.y_bounds[0])
        tri = VMobject(color=color, stroke_width=0).set_fill(color, 1.0)
        tri.set_points_as_corners([tip, tip + size * (DOWN + 0.6 * LEFT), tip + size * (DOWN + 0.6 * RIGHT), tip])
        return tri

    def tangent(self, theta, cost, slope, length=2.4, color=palette.GRADIENT, stroke_width=5) -> Line | None:
        """The tangent at (theta, cost), `length` long on screen whatever the slope, cut to the box
        (None when the point is outside the box)."""
        if not self.inside(theta, cost):
            return None
        here = self.p(theta, cost)
        d = self.p(theta + 1.0, cost + slope) - here
        d = d / np.linalg.norm(d)
        a, b = self.coords(here - d * length / 2), self.coords(here + d * length / 2)
        ends = self.clip(a, b) or ((theta, cost), (theta, cost))
        return Line(self.p(*ends[0]), self.p(*ends[1]), color=color, stroke_width=stroke_width).set_z_index(2)

    def step_arrow(self, t0, t1, color=palette.GRADIENT, lift=0.28, shortest=0.08) -> Arrow | None:
        """An arrow along the theta axis from t0 to t1 (cut to the box), just above the axis
        (None when it would be shorter than `shortest` on screen)."""
        lo, hi = self.x_bounds
        a, b = self.p(min(max(t0, lo), hi), self.y_bounds[0]), self.p(min(max(t1, lo), hi), self.y_bounds[0])
        if np.linalg.norm(b - a) < shortest:
            return None
        return Arrow(a + lift * UP, b + lift * UP, buff=0, color=color, stroke_width=5,
                     max_tip_length_to_length_ratio=0.35, max_stroke_width_to_length_ratio=20)

    def gap(self, theta, cost, color=palette.TEXT, size=30) -> VGroup:
        """The distance from the minimum to theta, |theta - minimum|: a double arrow along theta at the
        point's height, its length (a counter, `gap[1]`) above it, high enough to clear a ball at its end."""
        m = self.minimum
        arrow = DoubleArrow(self.p(m, cost), self.p(theta, cost), buff=0, color=color, stroke_width=3,
                            tip_length=0.12, max_tip_length_to_length_ratio=0.2)
        number = set_number(DecimalNumber(0, font_size=size, color=color), abs(theta - m))
        return VGroup(arrow, number.next_to(arrow, UP, buff=0.2))

    def step_time(self, t0, c0, t1, c1, base: float, follow: float = 0.3, floor: float = 0.25) -> float:
        """How long a step takes on screen: `base` for one the eye can follow (at least `follow` long on
        screen), less for a crawl near a minimum (down to `floor` x base): steps too small to see do not
        hold the picture still while the counters run on."""
        if not (self.inside(t0, c0) and self.inside(t1, c1)):
            return base
        d = float(np.linalg.norm(self.p(t1, c1) - self.p(t0, c0)))
        return base * min(1.0, max(floor, d / follow))

    # motion
    def between(self, t0, t1):
        """The curve's samples strictly between t0 and t1, in the order from t0 to t1."""
        lo, hi = min(t0, t1), max(t0, t1)
        keep = (self.ts > lo + 1e-9) & (self.ts < hi - 1e-9)
        pts = list(zip(self.ts[keep], self.cs[keep]))
        return pts if t1 >= t0 else pts[::-1]

    def path(self, t0, c0, t1, c1):
        """(path, fade): the way from (t0, c0) to (t1, c1) on screen, and how the ball shows on it.

        A step that stays on one side of the minimum rolls along the curve; one that jumps across it
        hops in an arc. A point outside the box is never drawn there: a step out of the box goes
        straight to its edge and fades ("out"), a step back in comes from the edge ("in"), a step
        between two outside points stays hidden at the edge ("hidden")."""
        start_in, end_in = self.inside(t0, c0), self.inside(t1, c1)
        if not (start_in and end_in):
            ends = self.clip((t0, c0), (t1, c1))
            if ends is None:   # both outside, never crossing the box: wait at the nearest edge
                (x0, x1), (y0, y1) = self.x_bounds, self.y_bounds
                edge = self.p(min(max(t1, x0), x1), min(max(c1, y0), y1))
                return VMobject().set_points_as_corners([edge, edge]), "hidden"
            if start_in:
                return Line(self.p(t0, c0), self.p(*ends[1])), "out"
            if end_in:
                return Line(self.p(*ends[0]), self.p(t1, c1)), "in"
            return VMobject().set_points_as_corners([self.p(*ends[1])] * 2), "hidden"
        crosses = self.minimum is not None and (t0 - self.minimum) * (t1 - self.minimum) < 0
        inner = [] if crosses else [pt for pt in self.between(t0, t1) if self.inside(*pt)]
        if crosses:
            a, b = self.p(t0, c0), self.p(t1, c1)
            lift = 0.25 + 0.15 * np.linalg.norm(b - a)
            top = self.p(0, self.y_bounds[1])[1]
            pts = []
            for s in np.linspace(0, 1, 24):
                q = a + s * (b - a) + 4 * s * (1 - s) * lift * UP
                q[1] = min(q[1], top)
                pts.append(q)
            path = VMobject().set_points_as_corners(pts)
        else:
            path = VMobject().set_points_as_corners([self.p(t0, c0)] + [self.p(*pt) for pt in inner]
                                                    + [self.p(t1, c1)])
        return path, None

    def exit_arrow(self, t0, c0, t1, c1, color=palette.NEGATIVE, length=0.6) -> Arrow | None:
        """Where a ball heading for (t1, c1) outside the box leaves it: a short arrow pointing on."""
        ends = self.clip((t0, c0), (t1, c1))
        if ends is None:
            return None
        edge = self.p(*ends[1])
        d = self.p(t1, c1) - self.p(t0, c0)
        d = d / (np.linalg.norm(d) or 1.0)
        return Arrow(edge - d * length, edge + d * 0.1, buff=0, color=color, stroke_width=5,
                     max_tip_length_to_length_ratio=0.4)

    def move_ball(self, ball, t0, c0, t1, c1, run_time=1.0, **kwargs):
        """The ball goes from (t0, c0) to (t1, c1); outside the box it fades out at the edge (and back
        in if it returns), see `path`."""
        path, fade = self.path(t0, c0, t1, c1)
        return glide(ball, path, fade=fade, run_time=run_time, **kwargs)

    def trail(self, thetas, costs, color=palette.FIRE, radius=0.05, opacity=0.7) -> VGroup:
        """Small dots at every visited point inside the box (where the ball has been)."""
        return VGroup(*[Dot(self.p(t, c), radius=radius, color=color, fill_opacity=opacity)
                        for t, c in zip(thetas, costs) if self.inside(t, c)])


# -- a two-parameter cost as a contour map -------------------------------------------------------------
def contour_segments(xs, ys, grid, level):
    """Marching squares: the segments where the sampled surface crosses `level`.

    `grid[i][j]` is the value at (xs[j], ys[i]). Returns [((x0, y0), (x1, y1)), ...]."""
    xs, ys, g = np.asarray(xs, float), np.asarray(ys, float), np.asarray(grid, float)
    out = []
    for i in range(len(ys) - 1):
        for j in range(len(xs) - 1):
            corners = [(xs[j], ys[i], g[i, j]), (xs[j + 1], ys[i], g[i, j + 1]),
                       (xs[j + 1], ys[i + 1], g[i + 1, j + 1]), (xs[j], ys[i + 1], g[i + 1, j])]
            cuts = []
            for k in range(4):
                (xa, ya, va), (xb, yb, vb) = corners[k], corners[(k + 1) % 4]
                if (va < level) != (vb < level):
                    s = (level - va) / (vb - va)
                    cuts.append((xa + s * (xb - xa), ya + s * (yb - ya)))
            if len(cuts) == 2:
                out.append((cuts[0], cuts[1]))
            elif len(cuts) == 4:   # a saddle cell: pair the cuts by the centre's side
                centre = g[i:i + 2, j:j + 2].mean()
                if (centre < level) == (corners[0][2] < level):
                    out += [(cuts[0], cuts[3]), (cuts[1], cuts[2])]
                else:
                    out += [(cuts[0], cuts[1]), (cuts[2], cuts[3])]
    return out


def contour_levels(grid, count: int = 8, ratio: float = 0.5) -> list[float]:
    """Levels above the grid's minimum at geometrically shrinking heights: rings that get denser
    towards the bottom of the bowl, so the valley shows at every scale."""
    g = np.asarray(grid, float)
    lo, hi = float(g.min()), float(np.percentile(g, 90))
    return [lo + (hi - lo) * ratio ** k for k in range(count)][::-1]


class ContourMap(EdgePlot):
    """The cost over two parameters as contour lines (from a trace's grid), with room for a path."""

    def __init__(self, xs, ys, grid, width=5.6, height=4.6, x_label=r"\theta_0", y_label=r"\theta_1",
                 levels=None, ticks=(4, 3), equal: bool = False, **kwargs):
        xs, ys = np.asarray(xs, float), np.asarray(ys, float)
        x_range = nice_range(xs.min(), xs.max(), ticks[0])
        y_range = nice_range(ys.min(), ys.max(), ticks[1])
        if equal:   # one unit as long on both axes, within width x height: a ring's normal looks normal
            unit = min(width / (x_range[1] - x_range[0]), height / (y_range[1] - y_range[0]))
            width, height = unit * (x_range[1] - x_range[0]), unit * (y_range[1] - y_range[0])
        super().__init__(x_range, y_range, width=width, height=height, x_label=x_label, y_label=y_label, **kwargs)
        self.levels = list(levels) if levels is not None else contour_levels(grid)
        self.xs, self.ys, self.grid = xs, ys, np.asarray(grid, float)
        self.segments = [contour_segments(xs, ys, grid, level) for level in self.levels]
        self.rings = self.draw_rings(lambda x, y, c: self.p(x, y))
        self.add_to_back(self.rings)

    def draw_rings(self, place) -> VGroup:
        """The rings, each point placed by `place(x, y, level)` (the map's own `p`, or a view of the
        bowl): the same points in the same order whatever the view, so one view morphs into another."""
        rings, n = VGroup(), len(self.levels)
        for k, (level, segs) in enumerate(zip(self.levels, self.segments)):   # lowest level brightest
            ring = VMobject(stroke_color=palette.COST, stroke_width=3, stroke_opacity=1.0 - 0.65 * k / max(n - 1, 1))
            for a, b in segs:
                ring.start_new_path(place(*a, level))
                ring.add_line_to(place(*b, level))
            rings.add(ring)
        return rings

    def wireframe(self, place, cap: float, every: int = 4, color=palette.DIM, stroke_width=2) -> VMobject:
        """Grid lines of the sampled surface (every `every`-th row and column), each point placed by
        `place(x, y, cost)`; the parts above `cap` are left out (the bowl is drawn up to that height)."""
        g, xs, ys = self.grid, self.xs, self.ys
        wire = VMobject(stroke_color=color, stroke_width=stroke_width, stroke_opacity=0.8)
        lines = [[(xs[j], ys[i], g[i, j]) for j in range(len(xs))] for i in range(0, len(ys), every)]
        lines += [[(xs[j], ys[i], g[i, j]) for i in range(len(ys))] for j in range(0, len(xs), every)]
        for line in lines:
            for a, b in zip(line, line[1:]):
                if a[2] <= cap and b[2] <= cap:
                    wire.start_new_path(place(*a))
                    wire.add_line_to(place(*b))
        return wire

    def bowl_view(self, cap: float, height: float = 2.4, across=(3.6, -0.9), back=(2.0, 1.1), drop: float = 0.6,
                  right: float = 0.0):
        """A 2-D drawn perspective of the bowl over this map's box: theta0 runs along `across`, theta1
        along `back`, the cost (up to `cap`) upwards, `height` at `cap`; centred under the map's box (`drop`
        lower, `right` further right). Returns place(x, y, c)."""
        (x0, x1), (y0, y1) = self.x_bounds, self.y_bounds
        centre = (self.p(x0, y0) + self.p(x1, y1)) / 2 + drop * DOWN + right * RIGHT
        a, b = np.array([*across, 0.0]), np.array([*back, 0.0])

        def place(x, y, c):
            u, v = (x - x0) / (x1 - x0) - 0.5, (y - y0) / (y1 - y0) - 0.5
            return centre + u * a + v * b + min(c, cap) / cap * height * UP
        return place

    def label_rings(self, indices, towards, size=30, color=palette.COST):
        """Each ring in `indices` labelled with its cost, where it meets the ray from the map's lowest
        grid point in the screen direction `towards` (a clear side of the map)."""
        i, j = np.unravel_index(np.argmin(self.grid), self.grid.shape)
        origin = self.p(self.xs[j], self.ys[i])
        d = np.array([*towards, 0.0][:3], float)
        d = d / np.linalg.norm(d)
        labels = VGroup()
        for k in indices:
            pts = [self.p(*pt) for seg in self.segments[k] for pt in seg]
            ahead = [q for q in pts if np.dot(q - origin, d) > 0]
            if not ahead:
                continue
            spot = min(ahead, key=lambda q: np.linalg.norm((q - origin) - np.dot(q - origin, d) * d))
            from scenes.kit.fmt import tex_num
            tag = MathTex(tex_num(self.levels[k]), font_size=size, color=color).move_to(spot)
            tag.add_background_rectangle(color=palette.BACKGROUND, opacity=0.9, buff=0.05)
            tag.level = self.levels[k]
            labels.add(tag)
        return labels

    def path_line(self, xs, ys, color=palette.FIRE, stroke_width=4) -> VMobject:
        """The polyline through the points (x_k, y_k), stopping where it first leaves the box."""
        pts = []
        for x, y in zip(xs, ys):
            if not self.inside(x, y):
                break
            pts.append(self.p(x, y))
        if len(pts) == 1:
            pts.append(pts[0])
        return VMobject(color=color, stroke_width=stroke_width).set_points_as_corners(pts)

    def segment(self, xs, ys, i, j):
        """The path from point i to point j through every point between (for a glide)."""
        pts = [self.p(x, y) for x, y in zip(xs[i:j + 1], ys[i:j + 1]) if self.inside(x, y)]
        if len(pts) < 2:
            pts = (pts or [self.p(xs[i], ys[i])]) * 2
        return VMobject().set_points_as_corners(pts)


# -- data and a line through it ------------------------------------------------------------------------
class ScatterPlot(EdgePlot):
    """Points (x_i, y_i) on axes with equal units in x and y (so a residual's square looks square),
    with the lines yhat = theta0 + theta1 x, their residuals and the residuals' squares."""

    def __init__(self, x, y, max_width=5.0, max_height=5.0, extra_y=(), x_label="x", y_label="y",
                 dot_radius=0.07, ticks=(6, 8), **kwargs):
        x, y = np.asarray(x, float), np.asarray(y, float)
        ys = np.concatenate([y, np.asarray(extra_y, float).ravel()])
        x_range = nice_range(min(0.0, x.min()), x.max(), ticks[0])
        y_range = nice_range(min(0.0, ys.min()), ys.max(), ticks[1])
        xspan, yspan = x_range[1] - x_range[0], y_range[1] - y_range[0]
        unit = min(max_width / xspan, max_height / yspan)
        super().__init__(x_range, y_range, width=unit * xspan, height=unit * yspan, x_label=x_label,
                         y_label=y_label, **kwargs)
        self.xs, self.ys = x, y
        self.dots = VGroup(*[Dot(self.p(a, b), radius=dot_radius, color=palette.TEXT) for a, b in zip(x, y)])
        self.dots.set_z_index(4)
        self.add(self.dots)

    def line(self, theta0, theta1, color=palette.POSITIVE, stroke_width=5) -> Line:
        x0, x1 = self.x_bounds
        return self.line_through((x0, theta0 + theta1 * x0), (x1, theta0 + theta1 * x1), color=color,
                                 stroke_width=stroke_width)

    def residuals(self, predictions, color=palette.COST, stroke_width=3) -> VGroup:
        """Vertical segments from each point to the line (cut to the box)."""
        out = VGroup()
        for a, b, yhat in zip(self.xs, self.ys, predictions):
            ends = self.clip((a, b), (a, yhat))
            if ends:
                out.add(Line(self.p(*ends[0]), self.p(*ends[1]), color=color, stroke_width=stroke_width))
        return out

    def squares(self, predictions, color=palette.COST, opacity=0.07) -> VGroup:
        """The square on each residual, drawn to its right (to its left near the right edge). Faint
        fills, so where squares overlap each outline still shows. Each square's `area` is side^2 in
        data units."""
        out = VGroup()
        x_hi = self.x_bounds[1]
        for a, b, yhat in zip(self.xs, self.ys, predictions):
            side = abs(yhat - b)
            if side < 1e-9:
                continue
            d = side if a + side <= x_hi else -side
            corners = [self.p(a, b), self.p(a + d, b), self.p(a + d, yhat), self.p(a, yhat)]
            sq = VMobject(stroke_color=color, stroke_width=2, stroke_opacity=0.7).set_fill(color, opacity)
            sq.set_points_as_corners(corners + corners[:1])
            sq.area = side * side
            out.add(sq)
        return out

    @property
    def unit(self) -> float:
        """The screen length of one data unit (the same in x and y)."""
        return float(self.p(1, 0)[0] - self.p(0, 0)[0])

    def stack(self, squares, corner, width, color=palette.COST, opacity=0.35) -> VGroup:
        """The squares' areas as slabs of one bar `width` wide (screen units), in this plot's units:
        slab i is width x area_i / width, stacked upwards from `corner` (the bar's bottom-left), so
        the bar's area is the sum of the squares. Each slab has its square's `area`."""
        u2 = self.unit ** 2
        out, y = VGroup(), corner[1]
        for sq in squares:
            h = sq.area * u2 / width
            corners = [np.array([corner[0], y, 0.0]), np.array([corner[0] + width, y, 0.0]),
                       np.array([corner[0] + width, y + h, 0.0]), np.array([corner[0], y + h, 0.0])]
            slab = VMobject(stroke_color=color, stroke_width=2, stroke_opacity=0.9).set_fill(color, opacity)
            slab.set_points_as_corners(corners + corners[:1])
            slab.area = sq.area
            out.add(slab)
            y += h
        return out


def set_number(number, value: float, digits: int = 3, max_places: int = 3):
    """Set a DecimalNumber to `value` with `digits` significant digits (at most `max_places` decimals)."""
    from scenes.kit.fmt import decimals_for

    number.num_decimal_places = min(decimals_for(value, digits), max_places)
    return number.set_value(value)


def readout(symbol: str, value: float, color=palette.TEXT, size=palette.MATH_SIZE - 8) -> VGroup:
    """'symbol = <DecimalNumber>' whose number can change cheaply (no LaTeX per value)."""
    label = MathTex(symbol + "=", font_size=size, color=color)
    number = DecimalNumber(0, font_size=size, color=color)
    set_number(number, value)
    row = VGroup(label, number).arrange(RIGHT, buff=0.15)
    number.align_to(label, DOWN).shift(0.02 * UP)
    row.number = number
    return row


# -- the bowl as a surface: shaded facets painted back to front (hidden lines by occlusion) ------------
def _facet_shade(p00, p10, p01, light=(-0.45, -0.55, 1.0)) -> float:
    """How lit a facet is (0..1): its normal against a light from the upper front left."""
    n = np.cross(np.asarray(p10) - p00, np.asarray(p01) - p00)
    n = n / (np.linalg.norm(n) or 1.0)
    if n[2] < 0:
        n = -n
    l_vec = np.asarray(light, float) / np.linalg.norm(light)
    return float(max(0.0, np.dot(n, l_vec)))


def bowl_facets(cmap: "ContourMap", view, cap: float, every: int = 2, dark=palette.BACKGROUND,
                light=palette.DIM, ring_color=palette.COST, flat=False) -> VGroup:
    """The surface C(theta0, theta1) over the map's grid as opaque facets (every `every` cells), each with
    the pieces of the rings that lie on it, painted from the back to the front: a facet nearer the viewer
    covers what lies behind it, so hidden lines stay hidden (the painter's algorithm).

    `view(x, y, c)` places a point (see `ContourMap.bowl_view`); heights above `cap` are cut to it (a
    flat rim). With `flat`, the same facets and ring pieces in the same order, laid on the map (to morph
    the bowl into the map). Each piece is VGroup(facet, rings on it)."""
    from manim import ManimColor, interpolate_color

    g, xs, ys = cmap.grid, cmap.xs, cmap.ys
    ii = list(range(0, len(ys) - 1, every)) + ([len(ys) - 1] if (len(ys) - 1) % every else [])
    jj = list(range(0, len(xs) - 1, every)) + ([len(xs) - 1] if (len(xs) - 1) % every else [])
    ii, jj = sorted(set(ii) | {len(ys) - 1}), sorted(set(jj) | {len(xs) - 1})
    (x0, x1), (y0, y1) = cmap.x_bounds, cmap.y_bounds
    place = (lambda x, y, c: cmap.p(x, y)) if flat else view
    # which ring pieces lie on which facet: a segment belongs to the cell its midpoint is in
    pieces = {}
    for k, segs in enumerate(cmap.segments):
        for a, b in segs:
            mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
            ci = max(0, min(len(ii) - 2, int(np.searchsorted(ys[ii], my)) - 1))
            cj = max(0, min(len(jj) - 2, int(np.searchsorted(xs[jj], mx)) - 1))
            pieces.setdefault((ci, cj), []).append((k, a, b))
    cells = []
    for ci in range(len(ii) - 1):
        for cj in range(len(jj) - 1):
            (ra, rb), (ca, cb) = (ii[ci], ii[ci + 1]), (jj[cj], jj[cj + 1])
            corners = [(xs[ca], ys[ra], g[ra, ca]), (xs[cb], ys[ra], g[ra, cb]),
                       (xs[cb], ys[rb], g[rb, cb]), (xs[ca], ys[rb], g[rb, ca])]
            # depth: where the cell's ground centre lands on screen; higher is further back
            mid_x, mid_y = (xs[ca] + xs[cb]) / 2, (ys[ra] + ys[rb]) / 2
            depth = view(mid_x, mid_y, 0.0)[1]
            cells.append((depth, ci, cj, corners))
    cells.sort(key=lambda c: -c[0])
    out = VGroup()
    for depth, ci, cj, corners in cells:
        pts = [np.array(view(x, y, c)) for x, y, c in corners]
        u = lambda x: (x - x0) / (x1 - x0)
        w = lambda y: (y - y0) / (y1 - y0)
        # the facet in 3-D (across, back, up) for its shading
        p3 = [np.array([u(x) * 3.6, w(y) * 2.2, min(c, cap) / cap * 2.4]) for x, y, c in corners]
        shade = _facet_shade(p3[0], p3[1], p3[3])
        fill = interpolate_color(ManimColor(dark), ManimColor(light), 0.25 + 0.75 * shade)
        facet = VMobject(stroke_color=dark, stroke_width=0.6, stroke_opacity=0.6).set_fill(fill, 1.0)
        flat_pts = [np.array(place(x, y, c)) for x, y, c in corners]
        facet.set_points_as_corners((flat_pts if flat else pts) + [(flat_pts if flat else pts)[0]])
        ring = VMobject(stroke_color=ring_color, stroke_width=3)
        for k, a, b in pieces.get((ci, cj), []):
            level = cmap.levels[k]
            ring.start_new_path(np.array(place(*a, level)))
            ring.add_line_to(np.array(place(*b, level)))
        if not ring.has_points():
            ring.set_points_as_corners([flat_pts[0], flat_pts[0]]).set_stroke(opacity=0)
        out.add(VGroup(facet, ring))
    return out
