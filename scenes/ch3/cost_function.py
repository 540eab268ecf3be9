"""Chapter 3: The cost of a line."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Brace, Create, DashedLine, FadeIn, FadeOut, GrowArrow,
                   Indicate, LaggedStart, MathTex, ReplacementTransform, SurroundingRectangle, TransformFromCopy,
                   VGroup, VMobject, Write)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.plots import (CostCurve, ScatterPlot, nice_range)
from scenes.kit.frame import keep_inside
from scenes.kit.fmt import num, shown as shown_value, tex_num
from scenes.ch3.common import Chapter3Scene, SIZE


def tex_line(theta0: float, theta1: float) -> str:
    r"""'\hat y = 3.4 + 0.6\,x' with the signs a reader writes."""
    if theta1 == 0:   # a flat line: "y-hat = 3.40", not "+ 0x"
        return rf"\hat y = {tex_num(theta0)}"
    sign = "-" if theta1 < 0 else "+"
    return rf"\hat y = {tex_num(theta0)} {sign} {tex_num(abs(theta1))}\,x"


def apart(xs) -> int:
    """The point farthest in x from its neighbours: its residual stands alone, clear of the others."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    def gap(k):
        left = xs[order[k]] - xs[order[k - 1]] if k > 0 else float("inf")
        right = xs[order[k + 1]] - xs[order[k]] if k + 1 < len(order) else float("inf")
        return min(left, right)
    inner = range(1, len(order) - 1) if len(order) > 2 else range(len(order))   # not on an axis's edge
    return order[max(inner, key=gap)]


# -- CostFunction ----------------------------------------------------------------------------------------
class CostFunction(Chapter3Scene):
    """Section 6: residuals, their squares and C = 1/(2n) sum of squares for several lines; the best
    line (closed form) costs least. The 1/2 makes the derivative clean; C is the regression cost."""

    def construct(self):
        self.title_card()
        tr = self.trace
        lines, n = tr["lines"], tr["n"]
        plot = ScatterPlot(tr["x"], tr["y"], max_width=5.2, max_height=4.9,
                           extra_y=[l["predictions"] for l in lines])
        keep_inside(plot.move_to(3.9 * LEFT + 0.2 * UP))
        model = MathTex(r"\hat y =", r"\theta_0", "+", r"\theta_1", "x", font_size=SIZE + 4)
        formula = MathTex(TEX["cost"],
                          font_size=SIZE)
        top = VGroup(model, formula).arrange(DOWN, buff=0.3).move_to(3.2 * RIGHT + 1.95 * UP)
        colors = [palette.OUTPUT] * (len(lines) - 1) + [palette.BEST_FIT]
        rows = self.table(lines, colors)

        self.show_data(plot, n)
        shown = self.first_line(plot, lines[0], n, model, formula, top, rows[0], colors[0])
        for k in range(1, len(lines)):
            shown = self.other_line(plot, lines[k], n, k, rows[k], colors[k], shown, best=k == len(lines) - 1)
        half = self.why_half(shown[-1])
        self.bridge(half, top, rows)

    def show_data(self, plot, n):
        with self.beat("data", "cost.cap.data", n=n):
            self.play(FadeIn(plot.axes), FadeIn(plot.ticks), FadeIn(plot.x_label), FadeIn(plot.y_label),
                      LaggedStart(*[FadeIn(d, scale=2) for d in plot.dots], lag_ratio=0.08))
            self.wait(1)

    def first_line(self, plot, first, n, model, formula, top, row, color):
        """The model's first line, its residuals (one labelled), their squares stacked into one bar
        whose area is their sum, and the cost worked out from it.
        Returns what stays on screen: (line, residuals, squares, calculation)."""
        line = plot.line(first["theta0"], first["theta1"], color=color)
        params = VGroup(*[SurroundingRectangle(model[k], color=palette.CURRENT, buff=0.07) for k in (1, 3)])
        with self.beat("model", "cost.cap.model"):   # the two parameters framed, then one choice of them drawn
            self.play(Write(model))
            self.play(Create(params), run_time=1.2)
            self.play(Create(line), TransformFromCopy(model, row[0]), FadeOut(params), run_time=1.5)
            self.wait(0.8)
        res = plot.residuals(first["predictions"])
        self.marked = i = apart(plot.xs)
        tag, pointer = self.residual_tag(plot, first, i)
        self.plot, self.residual_text = plot, tag.tex_string
        error = MathTex(r"\text{error}_i = \hat y_i - y_i", font_size=SIZE + 4, color=palette.COST)
        error.move_to(top[1])   # where the cost formula comes later
        with self.beat("residuals", "cost.cap.residuals", r=num(first["residuals"][i])):
            self.play(LaggedStart(*[Create(r) for r in res], lag_ratio=0.15), run_time=2.5)
            self.play(Write(error))
            self.play(FadeIn(tag), GrowArrow(pointer))
            self.wait(0.5)
        sq = plot.squares(first["predictions"])
        square_tag, square_pointer = self.square_tag(plot, first, i)
        self.square_text = square_tag.tex_string
        squared = MathTex(r"\text{error}_i^2 = (\hat y_i - y_i)^2", font_size=SIZE + 4, color=palette.COST)
        squared.move_to(error)
        with self.beat("squares", "cost.cap.squares", sq=num(first["squares"][i])):
            # the line's row gives way: the square's tag takes its place
            self.play(ReplacementTransform(error, squared), FadeOut(row[0]))
            self.play(LaggedStart(*[FadeIn(s) for s in sq], lag_ratio=0.12), FadeOut(pointer), run_time=2.4)
            self.play(ReplacementTransform(tag, square_tag), GrowArrow(square_pointer))
            self.wait(0.5)
        pointer = square_pointer
        bar, brace = self.bar(plot, sq, first, top, model)
        self.stacked, self.bar_text = bar, brace[-1].tex_string
        calc = self.calculation(first, n).next_to(top, DOWN, buff=0.4)
        with self.beat("stack", "cost.cap.stack", n=n, total=num(first["sum_squares"])):
            self.play(FadeOut(squared), FadeOut(square_tag), FadeOut(pointer))
            self.play(LaggedStart(*[ReplacementTransform(s.copy(), b) for s, b in zip(sq, bar)], lag_ratio=0.1),
                      run_time=2.5)
            self.play(FadeIn(brace))
            self.wait(1.2)
        with self.beat("cost", "cost.cap.cost", n=n, two_n=2 * n, total=self.sum_text(first, n),
                       c=num(first["cost"])):
            self.play(FadeOut(bar), ReplacementTransform(brace[-1], calc[1]), FadeOut(brace[:-1]))
            self.play(Write(formula))
            self.play(Write(calc[0]), Write(calc[2]))
            self.play(FadeIn(row))
            self.wait(1.5)
        return line, res, sq, calc

    def residual_tag(self, plot, first, i):
        """'y-hat_i - y_i = 3.55' beside point i's residual (one that stands apart), with an arrow to its
        middle, right of the gap and clear of the other points' gaps."""
        x0, y0, yhat = plot.xs[i], plot.ys[i], first["predictions"][i]
        tag = MathTex(rf"\hat y_{{{i + 1}}} - y_{{{i + 1}}} = {tex_num(first['residuals'][i])}", font_size=SIZE - 4,
                      color=palette.COST)
        spot = plot.p(x0, (y0 + yhat) / 2)
        # beyond the gap's far end from the line: under a point below the line, above one over it
        end = plot.p(x0, y0)
        tag.next_to(end, DOWN if y0 < yhat else UP, buff=0.45).shift(0.9 * RIGHT)
        keep_inside(tag)
        pointer = Arrow(tag.get_left(), spot, buff=0.08, color=palette.COST, stroke_width=3,
                        max_tip_length_to_length_ratio=0.25)
        return tag, pointer

    def square_tag(self, plot, first, i):
        """'(y-hat_i - y_i)^2 = 12.6' right of point i's square, with an arrow."""
        x0, y0, yhat = plot.xs[i], plot.ys[i], first["predictions"][i]
        side = abs(yhat - y0)
        d = side if x0 + side <= plot.x_bounds[1] else -side
        tag = MathTex(rf"(\hat y_{{{i + 1}}} - y_{{{i + 1}}})^2 = {tex_num(first['squares'][i])}", font_size=SIZE - 4,
                      color=palette.COST)
        spot = plot.p(x0 + d, min(y0, yhat) + 0.2 * side)
        tag.next_to(plot, RIGHT, buff=0.4).set_y(spot[1])
        pointer = Arrow(tag.get_left(), spot, buff=0.08, color=palette.COST, stroke_width=3,
                        max_tip_length_to_length_ratio=0.25)
        return tag, pointer

    def bar(self, plot, squares, first, top, model):
        """The squares as slabs of one bar right of the plot, in the plot's units (its area is their sum),
        and a brace with the sum."""
        area = first["sum_squares"] * plot.unit ** 2
        floor, ceiling = -2.55, model.get_bottom()[1] - 0.35
        height = ceiling - floor
        width = area / height
        left = plot.get_right()[0] + 0.8
        bar = plot.stack(squares, (left, floor), width)
        total = MathTex(r"\sum_i (\hat y_i - y_i)^2 = ", tex_num(first["sum_squares"]), font_size=SIZE,
                        color=palette.COST)
        brace = VGroup(Brace(bar, RIGHT, color=palette.COST), total)
        brace[1].next_to(brace[0], RIGHT, buff=0.15)
        keep_inside(brace)
        return bar, VGroup(brace[0], total[0], total[1])

    @staticmethod
    def sum_digits(line, n) -> int:
        """Significant digits for the sum of squares so that sum / 2n reproduces the cost as shown
        (1.51 / 24 = 0.0629, but 1.505 / 24 = 0.0627)."""
        for digits in range(3, 8):
            if num(shown_value(line["sum_squares"], digits) / (2 * n)) == num(line["cost"]):
                return digits
        return 3

    def sum_text(self, line, n) -> str:
        return num(line["sum_squares"], self.sum_digits(line, n))

    def other_line(self, plot, cand, n, k, row, color, shown, best):
        """Another candidate line replaces the one shown, with its residuals, squares and cost."""
        line, res, sq, calc = shown
        new_line = plot.line(cand["theta0"], cand["theta1"], color=color)
        new_res, new_sq = plot.residuals(cand["predictions"]), plot.squares(cand["predictions"])
        new_calc = self.calculation(cand, n).move_to(calc, aligned_edge=LEFT)
        key = "cost.cap.best" if best else "cost.cap.other"
        with self.beat("best" if best else f"line{k + 1}", key, c=num(cand["cost"]),
                       total=self.sum_text(cand, n), two_n=2 * n):
            self.play(ReplacementTransform(line, new_line), ReplacementTransform(res, new_res),
                      ReplacementTransform(sq, new_sq), ReplacementTransform(calc, new_calc),
                      FadeIn(row[0]), run_time=1.5)
            self.play(FadeIn(row[1]))
            if best:   # named on the line itself: the least-squares line
                name = self.label("cost.least_squares", palette.SMALL_SIZE, palette.BEST_FIT)
                (x0, x1), (y0, y1) = plot.x_bounds, plot.y_bounds
                at = x0 + 0.7 * (x1 - x0)   # the name in the plot's empty lower right, an arrow up to the line
                on = plot.p(at, cand["theta0"] + cand["theta1"] * at)
                name.move_to(plot.p(at, y0 + 0.2 * (y1 - y0))).set_x(min(name.get_x(), plot.get_right()[0] - name.width / 2))
                pointer = Arrow(name.get_top(), on, buff=0.15, color=palette.BEST_FIT, stroke_width=3,
                                max_tip_length_to_length_ratio=0.15)
                name = VGroup(name, pointer)
                self.play(FadeIn(name), Indicate(new_sq, color=palette.COST), run_time=1.2)
                # its cost framed as it is read, then the frame goes to its row: the lowest of the costs
                frame = SurroundingRectangle(new_calc, color=palette.COST, buff=0.1)
                self.play(Create(frame), run_time=1.0)
                self.best_frame = SurroundingRectangle(row, color=palette.BEST_FIT, buff=0.08)
                self.play(ReplacementTransform(frame, self.best_frame),
                          Indicate(row, color=palette.BEST_FIT, scale_factor=1.1), run_time=1.2)
                self.best_name = name
            self.wait(0.8)
        return new_line, new_res, new_sq, new_calc

    def why_half(self, calc):
        half = MathTex(r"\frac{d}{dr}\Big(\frac{1}{2}\,r^2\Big)", "=", r"\frac{1}{2}\cdot 2r", "=", "r",
                       font_size=SIZE + 8, color=palette.GRADIENT).move_to(calc, aligned_edge=LEFT)
        with self.beat("half", "cost.cap.half"):   # worked out piece by piece, as the voice says it
            self.play(FadeOut(calc), FadeOut(self.best_frame))
            self.play(Write(half[0]))
            self.play(Write(half[1:3]), run_time=1.2)
            self.play(Write(half[3:]), run_time=1.0)
            self.play(Indicate(half[4], color=palette.GRADIENT, scale_factor=1.5))
            self.wait(0.5)
        return half

    def bridge(self, half, top, rows):
        """C as a function of one parameter: theta0 held at its best value, C(theta1) is a curve whose
        lowest point is the best slope, the curve gradient descent walks down next. A ball rolls down it
        to that lowest point while the voice says so."""
        tr = self.trace
        cut, best = tr["slice"], tr["best"]
        curve = CostCurve(cut, width=4.4, height=2.6, ticks=(4, 3), x_label=r"\theta_1", y_label=r"C(\theta_1)",
                          x_range=nice_range(cut["theta"][0], cut["theta"][-1], 4))
        held = MathTex(rf"\theta_0 = {tex_num(best['theta0'])}", font_size=SIZE - 4, color=palette.DIM)
        block = VGroup(held, curve).arrange(DOWN, buff=0.25)
        keep_inside(block.move_to([rows.get_x(), (3.1 + rows[-1].get_top()[1]) / 2, 0]))
        low = curve.ball(best["theta1"], best["cost"], color=palette.BEST_FIT, radius=0.1)
        ts, cs = cut["theta"], cut["cost"]
        ball = curve.ball(ts[0], cs[0], color=palette.CURRENT, radius=0.1)   # sets off from the left end
        floor = DashedLine(curve.p(best["theta1"], best["cost"]), curve.p(best["theta1"], curve.y_bounds[0]),
                           color=palette.BEST_FIT, stroke_width=2)
        hold = SurroundingRectangle(held, color=palette.BEST_FIT, buff=0.08)
        downhill = [k for k, t in enumerate(ts) if t <= best["theta1"]]   # the curve from its left end to the lowest point
        walked = VMobject(stroke_color=palette.CURRENT, stroke_width=9).set_points_as_corners(
            [curve.p(ts[k], cs[k]) for k in downhill if curve.inside(ts[k], cs[k])] + [curve.p(best["theta1"], best["cost"])])
        slope = MathTex(rf"\theta_1 = {tex_num(best['theta1'])}", font_size=SIZE - 4, color=palette.BEST_FIT)
        slope.next_to(curve.p(best["theta1"], curve.y_bounds[1]), DOWN, buff=0.1)
        with self.beat("bridge", "cost.cap.bridge", b0=num(best["theta0"]), b1=num(best["theta1"]),
                       c=num(best["cost"])):
            self.play(FadeOut(half), FadeOut(top), FadeOut(rows[:-1]), FadeOut(self.best_name))
            self.play(FadeIn(held), Create(hold), run_time=1.2)   # theta0 held, framed as it is said
            self.play(FadeIn(curve.axes), FadeIn(curve.ticks), FadeIn(curve.x_label), FadeIn(curve.y_label),
                      FadeOut(hold))
            self.play(Create(curve.graph), run_time=2.0)
            self.play(FadeIn(ball, scale=2))
            # the ball walks down the curve, tracing it, to its lowest point: the best slope
            self.play(curve.move_ball(ball, ts[0], cs[0], best["theta1"], best["cost"], run_time=3.0),
                      Create(walked, run_time=3.0))
            self.play(FadeOut(ball), FadeOut(walked), FadeIn(low), Create(floor), Write(slope),
                      Indicate(rows[-1], color=palette.BEST_FIT, scale_factor=1.05))
            self.wait(1)
        self.slice, self.slice_low = curve, low

    def calculation(self, line, n) -> MathTex:
        """'C = 1/(2 n) . <sum> = <cost>' in three parts: the sum stands alone (it arrives from the bar)."""
        total = tex_num(line["sum_squares"], self.sum_digits(line, n))
        return MathTex(rf"C = \frac{{1}}{{2\cdot {n}}}\cdot", total, rf"= {tex_num(line['cost'])}",
                       font_size=SIZE, color=palette.COST)

    def table(self, lines, colors) -> VGroup:
        rows = VGroup()
        for line, color in zip(lines, colors):
            rows.add(VGroup(MathTex(tex_line(line["theta0"], line["theta1"]), font_size=SIZE, color=color),
                            MathTex(rf"C = {tex_num(line['cost'])}", font_size=SIZE, color=palette.COST)))
        for row in rows:
            row[1].next_to(row[0], RIGHT, buff=0.5)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        right = max(r[0].get_right()[0] for r in rows) + 0.5
        for row in rows:   # the costs in one column
            row[1].set_x(right, direction=LEFT)
        return keep_inside(rows.move_to(3.2 * RIGHT + 1.55 * DOWN))
