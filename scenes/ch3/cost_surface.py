"""Chapter 3: The cost surface."""
from __future__ import annotations

import numpy as np
from manim import (DL, DOWN, DR, LEFT, ORIGIN, RIGHT, UP, UR, Arrow, Create, Dot, FadeIn, FadeOut, GrowArrow,
                   Indicate, LaggedStart, Line, MathTex, ReplacementTransform, SurroundingRectangle, VGroup, VMobject, Write,
                   rate_functions)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.plots import (ContourMap, ScatterPlot, bowl_facets, contour_segments, glide, keyframe_indices,
                                readout, set_number)
from scenes.kit.frame import keep_inside
from scenes.kit.fmt import num, stated, tex_factor, tex_num, tex_stated
from scenes.kit.parts import legend_row
from scenes.ch3.common import Chapter3Scene, SIZE


# -- CostSurface -----------------------------------------------------------------------------------------
class CostSurface(Chapter3Scene):
    """The regression cost over (theta0, theta1): first a shaded bowl (facets painted back to front, so
    what lies behind stays hidden), which flattens into the contour map, drawn in equal units so the
    first step, -eta grad C, stands perpendicular to the ring it starts on; then the 2-D descent path on
    the map and the fitted line on the scatter turning into the best line. About `frames` keyframes,
    whatever the steps."""

    frames = 16

    def construct(self):
        self.title_card()
        tr = self.trace
        path = tr["path"]
        cmap = ContourMap(tr["theta0s"], tr["theta1s"], tr["grid"], width=6.6, height=4.0, ticks=(4, 3), equal=True)
        keep_inside(cmap.move_to([-6.2, 2.95, 0], aligned_edge=LEFT + UP))
        self.cmap = cmap
        self.show_map(cmap, *tr["best"])
        rules = self.show_rules(path["lr"])
        scatter, line, point, numbers = self.start(cmap, rules)
        line = self.descend(cmap, scatter, line, point, numbers)
        self.end(line, numbers)

    def show_map(self, cmap, b0, b1):
        """The bowl first, as a shaded surface over (theta0, theta1) with its rings on it, in the middle of
        the frame; it flattens into the map seen from straight above. Then rings get their cost."""
        cap = cmap.levels[-1]   # the bowl drawn up to its highest ring (a flat rim beyond)
        box_centre = (cmap.p(cmap.x_bounds[0], cmap.y_bounds[0]) + cmap.p(cmap.x_bounds[1], cmap.y_bounds[1])) / 2
        view = cmap.bowl_view(cap, height=2.6, across=(6.4, -1.3), back=(3.2, 1.6), drop=box_centre[1] + 0.75,
                              right=-box_centre[0] + 0.3)
        (x0, x1), (y0, y1) = cmap.x_bounds, cmap.y_bounds
        bowl = bowl_facets(cmap, view, cap)
        flat = bowl_facets(cmap, view, cap, flat=True)
        # the axes along the ground's own edges from one corner; the C axis in front of the bowl, the
        # other two behind (the surface covers them where it lies over them)
        corner = view(x0, y0, 0.0)
        rulers = VGroup(*[Arrow(a, b, buff=0, color=palette.DIM, stroke_width=3, max_tip_length_to_length_ratio=0.05,
                                max_stroke_width_to_length_ratio=20)
                          for a, b in ((corner, view(x1, y0, 0.0)), (corner, view(x0, y1, 0.0)))])
        up = Arrow(corner, corner + 3.0 * UP, buff=0, color=palette.DIM, stroke_width=3,
                   max_tip_length_to_length_ratio=0.06)
        names = VGroup(MathTex(r"\theta_0", font_size=SIZE, color=palette.DIM).next_to(rulers[0].get_end(), DR, buff=0.1),
                       MathTex(r"\theta_1", font_size=SIZE, color=palette.DIM).next_to(rulers[1].get_end(), UR, buff=0.1),
                       MathTex(r"C(\theta_0, \theta_1)", font_size=SIZE, color=palette.COST).next_to(up.get_end(), LEFT,
                                                                                                buff=0.15))
        low = Dot(view(b0, b1, cmap.grid.min()), radius=0.09, color=palette.BEST_FIT).set_z_index(5)
        with self.beat("bowl", "surface.cap.bowl"):
            self.play(FadeIn(rulers), FadeIn(up), FadeIn(names))
            self.play(LaggedStart(*[FadeIn(piece[0]) for piece in bowl], lag_ratio=0.004), run_time=2.5)
            self.play(LaggedStart(*[Create(piece[1]) for piece in bowl], lag_ratio=0.004), FadeIn(low), run_time=2.0)
            self.play(Indicate(low, color=palette.BEST_FIT, scale_factor=2.0))
            self.wait(0.5)
        with self.beat("tilt", "surface.cap.tilt"):
            self.play(ReplacementTransform(bowl, flat), low.animate.move_to(cmap.p(b0, b1)),
                      FadeOut(rulers), FadeOut(up), FadeOut(names), run_time=3)
            # the flat rings are the map's rings, point for point: swap them without a visible change
            self.add(cmap.rings)
            self.play(FadeOut(VGroup(*[piece[0] for piece in flat])), FadeIn(cmap.axes), FadeIn(cmap.ticks),
                      FadeIn(cmap.x_label), FadeIn(cmap.y_label))
            self.remove(*[piece[1] for piece in flat])
            self.wait(0.5)
        n = len(cmap.levels)
        tags = cmap.label_rings(sorted({n - 1, n - 3, n - 5} & set(range(n)), reverse=True), towards=(1.0, 1.0))
        best = VGroup(Dot(cmap.p(b0, b1), radius=0.09, color=palette.BEST_FIT),
                      self.label("surface.best", palette.SMALL_SIZE, palette.BEST_FIT))
        best[1].next_to(best[0], DL, buff=0.08).add_background_rectangle(color=palette.BACKGROUND, opacity=0.85,
                                                                          buff=0.04)
        self.ring_tags, self.best_mark = tags, best
        with self.beat("map", "surface.cap.map", **{f"c{k + 1}": num(t.level) for k, t in enumerate(tags)}):
            self.play(LaggedStart(*[FadeIn(t) for t in tags], lag_ratio=0.3), run_time=1.5)
            self.play(FadeIn(best), FadeOut(low))
            self.play(Indicate(cmap.rings, color=palette.TEXT, scale_factor=1.0), run_time=1.5)
            self.play(Indicate(best[0], color=palette.BEST_FIT, scale_factor=2.0))   # not its label's backing
            # "both axes to the same scale": one unit along each axis, the same length, and the square they make
            units, square = self.unit_marks(cmap)
            self.play(*[Create(u) for u in units], run_time=1.2)
            self.play(Create(square), run_time=1.0)
            self.play(Indicate(VGroup(units, square), color=palette.TEXT, scale_factor=1.1), run_time=1.0)
            self.play(FadeOut(units), FadeOut(square), run_time=0.6)

    @staticmethod
    def unit_marks(cmap) -> tuple[VGroup, VMobject]:
        """A unit of theta0 on its axis, a unit of theta1 on its axis (equal lengths: the map is to
        scale), and the unit square between 0 and 1 on the map."""
        (x0, _), (y0, _) = cmap.x_bounds, cmap.y_bounds
        units = VGroup(Line(cmap.p(0, y0), cmap.p(1, y0), color=palette.TEXT, stroke_width=8),
                       Line(cmap.p(x0, 0), cmap.p(x0, 1), color=palette.TEXT, stroke_width=8))
        square = VMobject(stroke_color=palette.TEXT, stroke_width=3)
        square.set_points_as_corners([cmap.p(0, 0), cmap.p(1, 0), cmap.p(1, 1), cmap.p(0, 1), cmap.p(0, 0)])
        return units, square

    def show_rules(self, lr) -> VGroup:
        rules = VGroup(MathTex(TEX["dC/dtheta0"], font_size=SIZE - 4, color=palette.GRADIENT),
                       MathTex(TEX["dC/dtheta1"], font_size=SIZE - 4, color=palette.GRADIENT),
                       MathTex(TEX["descent"], font_size=SIZE),
                       MathTex(rf"\eta = {tex_stated(lr)}", font_size=SIZE))
        rules.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        keep_inside(rules.move_to([3.6, 0.4, 0]))
        with self.beat("rule", "surface.cap.rule"):
            self.play(LaggedStart(*[Write(r) for r in rules], lag_ratio=0.6), run_time=4)
            self.play(Indicate(rules[2], color=palette.GRADIENT))
        return rules

    def start(self, cmap, rules):
        """The rules give way to the data with the best line and the path's first line, and the point on
        the map where the path starts. Returns (scatter, line, point, numbers)."""
        tr = self.trace
        path = tr["path"]
        t0s, t1s, costs = path["theta0s"], path["theta1s"], path["costs"]
        b0, b1 = tr["best"]
        scatter = ScatterPlot(tr["x"], tr["y"], max_width=4.2, max_height=3.1, tick_size=30)
        keep_inside(scatter.move_to([4.3, -0.75, 0]))
        best_line = scatter.line(b0, b1, color=palette.BEST_FIT, stroke_width=3)
        self.best_line = best_line
        line = scatter.line(t0s[0], t1s[0], color=palette.CURRENT)
        legend = legend_row((Line(ORIGIN, 0.4 * RIGHT, color=palette.BEST_FIT, stroke_width=3),
                             self.label("surface.best_line", palette.SMALL_SIZE, palette.BEST_FIT)),
                            (Line(ORIGIN, 0.4 * RIGHT, color=palette.CURRENT, stroke_width=5),
                             self.label("surface.line", palette.SMALL_SIZE, palette.CURRENT)))
        # the rule stays in sight during the descent, in one line above the data
        compact = MathTex(TEX["descent"], rf"\quad \eta = {tex_stated(path['lr'])}", font_size=SIZE - 4)
        keep_inside(VGroup(compact, legend).arrange(DOWN, buff=0.15).next_to(scatter, UP, buff=0.2))
        point = Dot(cmap.p(t0s[0], t1s[0]), radius=0.1, color=palette.CURRENT).set_z_index(3)
        self.point = point
        step = self.counter(0, color=palette.TEXT)
        th0, th1 = readout(r"\theta_0", t0s[0], size=SIZE - 4), readout(r"\theta_1", t1s[0], size=SIZE - 4)
        cost = readout("C", costs[0], palette.COST, size=SIZE - 4)
        set_number(cost.number, costs[0], max_places=4)   # the cost to 3 figures, as the captions say it
        numbers = VGroup(step, cost, th0, th1)
        # one row under the map: step, C, theta0, theta1 (room for the numbers to grow rightwards)
        y = self.cmap.get_bottom()[1] - 0.35
        for m, x in zip(numbers, (-6.2, -4.4, -2.3, -0.2)):
            m.move_to([x, y, 0], aligned_edge=LEFT)
        with self.beat("start", "surface.cap.start", t0=stated(t0s[0]), t1=stated(t1s[0]), c=num(costs[0])):
            self.play(FadeOut(rules[:2]), ReplacementTransform(rules[2:], compact))
            self.play(FadeIn(scatter), Create(best_line), FadeIn(legend))
            self.play(FadeIn(point, scale=2), Create(line), FadeIn(numbers))
            self.wait(0.5)
        self.first_step(cmap, numbers)
        return scatter, line, point, numbers

    def first_step(self, cmap, numbers):
        """The first update on the map and in numbers: the ring through the start, and the step -eta grad C
        from the start, perpendicular to it (the map has equal units); then the worked rows."""
        tr = self.trace
        path = tr["path"]
        t0s, t1s, (g0, g1), lr = path["theta0s"], path["theta1s"], path["gradients"][0], path["lr"]
        ring = VMobject(stroke_color=palette.COST, stroke_width=4)
        for a, b in contour_segments(cmap.xs, cmap.ys, cmap.grid, path["costs"][0]):
            if cmap.inside(*a) and cmap.inside(*b):
                ring.start_new_path(cmap.p(*a))
                ring.add_line_to(cmap.p(*b))
        start, end = cmap.p(t0s[0], t1s[0]), cmap.p(t0s[1], t1s[1])
        step = Arrow(start, end, buff=0, color=palette.GRADIENT, stroke_width=6, max_tip_length_to_length_ratio=0.4,
                     max_stroke_width_to_length_ratio=30).set_z_index(4)
        step_name = MathTex(r"-\eta\,\nabla C", font_size=SIZE - 4, color=palette.GRADIENT)
        step_name.next_to(step, LEFT, buff=0.12).add_background_rectangle(color=palette.BACKGROUND, opacity=0.85,
                                                                            buff=0.04)
        self.first_arrow = step
        rows = VGroup(*[MathTex(rf"\theta_{j} := {tex_stated(t[0])} - {tex_stated(lr)}\cdot{tex_factor(g)} = {tex_num(t[1])}",
                                font_size=SIZE - 4) for j, t, g in ((0, t0s, g0), (1, t1s, g1))])
        grad = MathTex(rf"\nabla C = ({tex_num(g0)},\ {tex_num(g1)})", font_size=SIZE - 4, color=palette.GRADIENT)
        block = VGroup(grad, rows.arrange(DOWN, aligned_edge=LEFT, buff=0.15)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        # in the readouts' place while they step aside (they come back as the descent starts)
        keep_inside(block.move_to(numbers, aligned_edge=UP + LEFT))
        corner = self.right_angle(cmap, t0s[0], t1s[0], (-g0, -g1))
        with self.beat("first", "surface.cap.first"):
            self.play(Create(ring), run_time=1.5)
            self.play(GrowArrow(step), FadeIn(step_name), run_time=1.2)
            self.play(Create(corner))
            self.play(Indicate(ring, color=palette.TEXT, scale_factor=1.0), Indicate(step, color=palette.GRADIENT,
                                                                                   scale_factor=1.4), run_time=1.5)
        with self.beat("first-numbers", "surface.cap.first_numbers", g0=num(g0), g1=num(g1), eta=stated(lr),
                       n0=num(t0s[1]), n1=num(t1s[1])):
            self.play(FadeOut(numbers), run_time=0.5)
            self.play(FadeIn(grad, shift=0.2 * UP))
            self.play(Write(rows), run_time=2.0)
            self.play(Indicate(rows, color=palette.GRADIENT, scale_factor=1.1))
        self.first_block = VGroup(block, ring, step_name, step, corner)   # gives way as the descent starts

    @staticmethod
    def right_angle(cmap, t0, t1, direction, size=0.16) -> VMobject:
        """A small square mark where the step leaves the ring: their directions meet at a right angle."""
        start = cmap.p(t0, t1)
        d = cmap.p(t0 + direction[0], t1 + direction[1]) - start
        d = d / np.linalg.norm(d)
        n = np.array([-d[1], d[0], 0.0])
        mark = VMobject(stroke_color=palette.TEXT, stroke_width=2)
        mark.set_points_as_corners([start + size * n, start + size * (n + d), start + size * d])
        return mark

    def descend(self, cmap, scatter, line, point, numbers):
        """The point glides along the path over about `frames` keyframes, drawing it, while the line
        on the scatter follows; first the fast descent, then the slow valley. Returns the last line."""
        path = self.trace["path"]
        t0s, t1s, costs = path["theta0s"], path["theta1s"], path["costs"]
        step, cost, th0, th1 = numbers
        keys = keyframe_indices(len(t0s), self.frames)
        self.keyframes = [0]
        split = max(1, len(keys) // 3)
        for part, (a_range, caption) in enumerate(((keys[:split + 1], "surface.cap.descend"),
                                                    (keys[split:], "surface.cap.valley"))):
            with self.beat("descend" if part == 0 else "valley", caption):
                if part == 0:
                    self.play(FadeOut(self.first_block), FadeIn(numbers), run_time=0.6)
                for i, j in zip(a_range, a_range[1:]):
                    seg = cmap.segment(t0s, t1s, i, j)
                    new_line = scatter.line(t0s[j], t1s[j], color=palette.CURRENT)
                    piece = cmap.path_line(t0s[i:j + 1], t1s[i:j + 1], color=palette.CURRENT)
                    self.play(glide(point, seg, rate_func=rate_functions.linear), Create(piece),
                              ReplacementTransform(line, new_line), run_time=1.0 if part == 0 else 0.8,
                              rate_func=rate_functions.linear)
                    line = new_line
                    self.keyframes.append(j)
                    step.number.set_value(j)
                    for r, v in ((th0, t0s[j]), (th1, t1s[j])):
                        set_number(r.number, v)
                    set_number(cost.number, costs[j], max_places=4)
                self.wait(0.3)
        return line

    def end(self, line, numbers):
        tr = self.trace
        path = tr["path"]
        t0s, t1s, costs = path["theta0s"], path["theta1s"], path["costs"]
        b0, b1 = tr["best"]
        end_key = "surface.cap.diverged" if path["diverged"] else "surface.cap.end"
        with self.beat("end", end_key, steps=len(t0s) - 1, t0=num(t0s[-1]), t1=num(t1s[-1]), c=num(costs[-1]),
                       eta=stated(path["lr"])):
            # each number as the voice reads it: the steps (where the point stopped), theta0, theta1 (the
            # line they make), the cost
            # a frame goes from one readout to the next as each is read
            step, cost, th0, th1 = numbers
            frames = [SurroundingRectangle(m, color=c, buff=0.08) for m, c in
                      ((step, palette.CURRENT), (th0, palette.CURRENT), (th1, palette.CURRENT), (cost, palette.COST))]
            self.play(Create(frames[0]), Indicate(self.point, color=palette.CURRENT, scale_factor=1.8), run_time=1.2)
            self.play(ReplacementTransform(frames[0], frames[1]), run_time=1.1)
            self.play(ReplacementTransform(frames[1], frames[2]), Indicate(line, color=palette.CURRENT), run_time=1.3)
            self.play(ReplacementTransform(frames[2], frames[3]), run_time=1.1)
            frame = frames[3]
        best = MathTex(rf"\text{{best: }}\theta_0 = {tex_num(b0)},\ \theta_1 = {tex_num(b1)}", font_size=SIZE - 4,
                       color=palette.BEST_FIT).next_to(numbers, DOWN, buff=0.3).align_to(numbers, LEFT)
        if path["diverged"]:
            return
        close = abs(t0s[-1] - b0) < 0.1 and abs(t1s[-1] - b1) < 0.1
        with self.beat("best", "surface.cap.best" if close else "surface.cap.best_far", b0=num(b0), b1=num(b1)):
            self.play(FadeIn(best, shift=0.2 * UP), ReplacementTransform(frame, SurroundingRectangle(
                best, color=palette.BEST_FIT, buff=0.08)))
            # the best point framed on the map, next to where the descent ended
            self.play(Create(SurroundingRectangle(VGroup(self.best_mark, self.point), color=palette.BEST_FIT, buff=0.12)),
                      Indicate(self.best_line, color=palette.BEST_FIT), Indicate(self.best_mark, color=palette.BEST_FIT,
                                                                                 scale_factor=1.6), run_time=1.5)
            self.wait(0.5)
