"""Chapter 3: The cost surface."""
from __future__ import annotations

from manim import (DOWN, DR, LEFT, ORIGIN, RIGHT, UP, Arrow, Create, Dot, FadeIn, FadeOut, Indicate, LaggedStart, Line, MathTex, ReplacementTransform, VGroup, Write, rate_functions)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.descent import (ContourMap, ScatterPlot, glide, keyframe_indices, readout, set_number)
from scenes.kit.frame import keep_inside
from scenes.kit.fmt import num, stated, tex_factor, tex_num, tex_stated
from scenes.kit.parts import legend_row
from scenes.ch3.common import Chapter3Scene, SIZE


# -- CostSurface -----------------------------------------------------------------------------------------
class CostSurface(Chapter3Scene):
    """The regression cost over (theta0, theta1) as contour lines, the 2-D descent path on it, and the
    fitted line on the scatter turning into the best line. About `frames` keyframes, whatever the steps."""

    frames = 16

    def construct(self):
        self.title_card()
        tr = self.trace
        path = tr["path"]
        cmap = ContourMap(tr["theta0s"], tr["theta1s"], tr["grid"], width=5.6, height=4.3, ticks=(4, 6))
        keep_inside(cmap.move_to(3.3 * LEFT + 0.15 * UP))
        self.cmap = cmap
        self.show_map(cmap, *tr["best"])
        rules = self.show_rules(path["lr"])
        scatter, line, point, numbers = self.start(cmap, rules)
        line = self.descend(cmap, scatter, line, point, numbers)
        self.end(line, numbers)

    def show_map(self, cmap, b0, b1):
        """The bowl first: a drawn perspective of C over (theta0, theta1) from the trace's grid, its rings at
        their heights; it tilts into the view from above, the contour map. Then rings get their cost."""
        cap = cmap.levels[-1]   # the bowl drawn up to its highest ring
        view = cmap.bowl_view(cap, right=1.5)
        (x0, x1), (y0, y1) = cmap.x_bounds, cmap.y_bounds
        wire = cmap.wireframe(view, cap)
        lifted = cmap.draw_rings(view)
        # the axes as rulers just outside the ground's front and left edges, clear of the bowl drawn over it
        front, side = 0.3 * DOWN, 0.95 * LEFT   # the C axis well left of the bowl's rim: room for its name
        corner = view(x0, y0, 0.0)
        stubs = VGroup(*[Arrow(a, b, buff=0, color=palette.DIM, stroke_width=3, max_tip_length_to_length_ratio=0.08)
                         for a, b in ((corner + front, view(x1, y0, 0.0) + front),
                                      (corner + side, view(x0, y1, 0.0) + side),
                                      (corner + side, corner + side + 2.4 * UP))])
        names = VGroup(MathTex(r"\theta_0", font_size=SIZE, color=palette.DIM).next_to(stubs[0].get_end(), DR, buff=0.1),
                       # low on its ruler, in front: the bowl's floor lies over the ruler's far end
                       MathTex(r"\theta_1", font_size=SIZE, color=palette.DIM).next_to(stubs[1].point_from_proportion(0.4),
                                                                                    DR, buff=0.12),
                       MathTex(r"C(\theta_0, \theta_1)", font_size=SIZE, color=palette.COST).next_to(stubs[2].get_end(), UP,
                                                                                                buff=0.1)
                       .align_to(stubs[2], LEFT).shift(0.1 * LEFT))   # above its axis, left of the bowl's rim
        low = Dot(view(b0, b1, 0.0), radius=0.08, color=palette.TEXT)
        with self.beat("bowl", "surface.cap.bowl"):
            self.play(FadeIn(stubs), FadeIn(names))
            self.play(Create(wire), run_time=2.0)
            self.play(LaggedStart(*[Create(r) for r in lifted], lag_ratio=0.15), FadeIn(low), run_time=2.0)
            self.wait(1)
        flat = cmap.wireframe(lambda x, y, c: cmap.p(x, y), cap)
        with self.beat("tilt", "surface.cap.tilt"):
            self.play(ReplacementTransform(wire, flat), *[ReplacementTransform(r, f) for r, f in zip(lifted, cmap.rings)],
                      low.animate.move_to(cmap.p(b0, b1)), FadeOut(stubs), FadeOut(names),
                      FadeIn(cmap.axes), FadeIn(cmap.ticks), FadeIn(cmap.x_label), FadeIn(cmap.y_label), run_time=3)
            self.play(FadeOut(flat))
            self.wait(0.8)
        n = len(cmap.levels)
        tags = cmap.label_rings(sorted({n - 1, n - 3, n - 5} & set(range(n)), reverse=True), towards=(1.0, 1.0))
        best = VGroup(Dot(cmap.p(b0, b1), radius=0.09, color=palette.TEXT),
                      self.label("surface.best", palette.SMALL_SIZE, palette.TEXT))
        best[1].next_to(best[0], DR, buff=0.08).add_background_rectangle(color=palette.BACKGROUND, opacity=0.85,
                                                                          buff=0.04)
        self.ring_tags = tags
        with self.beat("map", "surface.cap.map", **{f"c{k + 1}": num(t.level) for k, t in enumerate(tags)}):
            self.play(LaggedStart(*[FadeIn(t) for t in tags], lag_ratio=0.3), run_time=1.5)
            self.play(FadeIn(best), FadeOut(low))
            self.wait(1)

    def show_rules(self, lr) -> VGroup:
        rules = VGroup(MathTex(TEX["dC/dtheta0"], font_size=SIZE - 4, color=palette.GRADIENT),
                       MathTex(TEX["dC/dtheta1"], font_size=SIZE - 4, color=palette.GRADIENT),
                       MathTex(TEX["descent"], font_size=SIZE),
                       MathTex(rf"\eta = {tex_num(lr)}", font_size=SIZE))
        rules.arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to(3.4 * RIGHT + 0.3 * DOWN)
        with self.beat("rule", "surface.cap.rule"):
            self.play(LaggedStart(*[Write(r) for r in rules], lag_ratio=0.5), run_time=3)
            self.wait(2)
        return rules

    def start(self, cmap, rules):
        """The rules give way to the data with the best line and the path's first line, and the point on
        the map where the path starts. Returns (scatter, line, point, numbers)."""
        tr = self.trace
        path = tr["path"]
        t0s, t1s, costs = path["theta0s"], path["theta1s"], path["costs"]
        b0, b1 = tr["best"]
        scatter = ScatterPlot(tr["x"], tr["y"], max_width=4.0, max_height=2.5)
        keep_inside(scatter.move_to(3.3 * RIGHT + 0.05 * UP))
        best_line = scatter.line(b0, b1, color=palette.DIM, stroke_width=3)
        line = scatter.line(t0s[0], t1s[0], color=palette.FIRE)
        legend = legend_row((Line(ORIGIN, 0.4 * RIGHT, color=palette.DIM, stroke_width=3),
                             self.label("surface.best_line", palette.SMALL_SIZE, palette.DIM)),
                            (Line(ORIGIN, 0.4 * RIGHT, color=palette.FIRE, stroke_width=5),
                             self.label("surface.line", palette.SMALL_SIZE, palette.FIRE)))
        # the rule stays in sight during the descent, in one line above the data
        compact = MathTex(TEX["descent"], rf"\quad \eta = {tex_stated(path['lr'])}", font_size=SIZE - 4)
        keep_inside(VGroup(compact, legend).arrange(DOWN, buff=0.15).next_to(scatter, UP, buff=0.2))
        point = Dot(cmap.p(t0s[0], t1s[0]), radius=0.11, color=palette.FIRE).set_z_index(3)
        step = self.counter(0, color=palette.TEXT)
        th0, th1 = readout(r"\theta_0", t0s[0], size=SIZE - 4), readout(r"\theta_1", t1s[0], size=SIZE - 4)
        cost = readout("C", costs[0], palette.COST, size=SIZE - 4)
        numbers = VGroup(step, cost, th0, th1)
        left, right = scatter.get_x() - 1.9, scatter.get_x() + 0.4   # two columns; numbers grow rightwards
        top = scatter.get_bottom()[1] - 0.4
        for k, m in enumerate(numbers):
            m.move_to([left if k % 2 == 0 else right, top - 0.55 * (k // 2), 0], aligned_edge=LEFT)
        with self.beat("start", "surface.cap.start", t0=num(t0s[0]), t1=num(t1s[0]), c=num(costs[0])):
            self.play(FadeOut(rules[:2]), ReplacementTransform(rules[2:], compact))
            self.play(FadeIn(scatter), Create(best_line), FadeIn(legend))
            self.play(FadeIn(point, scale=2), Create(line), FadeIn(numbers))
            self.wait(1)
        self.first_step(numbers)
        return scatter, line, point, numbers

    def first_step(self, numbers):
        """The first update in numbers, where the readouts will count: the gradient from the trace."""
        path = self.trace["path"]
        t0s, t1s, (g0, g1), lr = path["theta0s"], path["theta1s"], path["gradients"][0], path["lr"]
        rows = VGroup(*[MathTex(rf"\theta_{j} := {tex_stated(t[0])} - {tex_stated(lr)}\cdot{tex_factor(g)} = {tex_num(t[1])}",
                                font_size=SIZE - 4) for j, t, g in ((0, t0s, g0), (1, t1s, g1))])
        grad = MathTex(rf"\nabla C = ({tex_num(g0)},\ {tex_num(g1)})", font_size=SIZE - 4, color=palette.GRADIENT)
        block = VGroup(grad, rows.arrange(DOWN, aligned_edge=LEFT, buff=0.15)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        keep_inside(block.move_to(numbers, aligned_edge=UP).shift(0.15 * DOWN))
        with self.beat("first", "surface.cap.first", g0=num(g0), g1=num(g1), eta=stated(lr), n0=num(t0s[1]),
                       n1=num(t1s[1])):
            self.play(FadeOut(numbers), FadeIn(grad))
            self.play(Write(rows))
            self.wait(1.5)
        self.first_block = block   # gives way to the counting numbers as the descent starts

    def descend(self, cmap, scatter, line, point, numbers):
        """The point glides along the path over about `frames` keyframes, drawing it, while the line
        on the scatter follows; first the fast descent, then the slow valley. Returns the last line."""
        path = self.trace["path"]
        t0s, t1s, costs = path["theta0s"], path["theta1s"], path["costs"]
        step, cost, th0, th1 = numbers
        keys = keyframe_indices(len(t0s), self.frames)
        self.keyframes = [0]
        drawn = Line(point.get_center(), point.get_center(), color=palette.FIRE, stroke_width=4)
        self.add(drawn)
        split = max(1, len(keys) // 3)
        for part, (a_range, caption) in enumerate(((keys[:split + 1], "surface.cap.descend"),
                                                    (keys[split:], "surface.cap.valley"))):
            with self.beat("descend" if part == 0 else "valley", caption):
                if part == 0:
                    self.play(FadeOut(self.first_block), FadeIn(numbers), run_time=0.6)
                for i, j in zip(a_range, a_range[1:]):
                    seg = cmap.segment(t0s, t1s, i, j)
                    new_line = scatter.line(t0s[j], t1s[j], color=palette.FIRE)
                    piece = cmap.path_line(t0s[i:j + 1], t1s[i:j + 1])
                    self.play(glide(point, seg, rate_func=rate_functions.linear), Create(piece),
                              ReplacementTransform(line, new_line), run_time=0.9 if part == 0 else 0.7,
                              rate_func=rate_functions.linear)
                    line = new_line
                    self.keyframes.append(j)
                    step.number.set_value(j)
                    for r, v in ((th0, t0s[j]), (th1, t1s[j]), (cost, costs[j])):
                        set_number(r.number, v)
                self.wait(0.6)
        return line

    def end(self, line, numbers):
        tr = self.trace
        path = tr["path"]
        t0s, t1s, costs = path["theta0s"], path["theta1s"], path["costs"]
        b0, b1 = tr["best"]
        end_key = "surface.cap.diverged" if path["diverged"] else "surface.cap.end"
        with self.beat("end", end_key, steps=len(t0s) - 1, t0=num(t0s[-1]), t1=num(t1s[-1]), c=num(costs[-1]),
                       b0=num(b0), b1=num(b1), eta=num(path["lr"])):
            self.play(Indicate(line, color=palette.FIRE), Indicate(numbers, color=palette.FIRE, scale_factor=1.05))
            self.wait(2.5)
