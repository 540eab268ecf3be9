"""Chapter 3: The cost of a line."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Brace, Create, FadeIn, FadeOut, GrowArrow,
                   Indicate, LaggedStart, MathTex, ReplacementTransform, VGroup, Write)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.descent import (CostCurve, ScatterPlot, nice_range)
from scenes.kit.frame import keep_inside
from scenes.kit.fmt import num, shown as shown_value, tex_num
from scenes.kit.parts import note
from scenes.ch3.common import Chapter3Scene, SIZE


def tex_line(theta0: float, theta1: float) -> str:
    r"""'\hat y = 3.4 + 0.6\,x' with the signs a reader writes."""
    sign = "-" if theta1 < 0 else "+"
    return rf"\hat y = {tex_num(theta0)} {sign} {tex_num(abs(theta1))}\,x"


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
        model = MathTex(r"\hat y = \theta_0 + \theta_1 x", font_size=SIZE + 4)
        formula = MathTex(TEX["cost"],
                          font_size=SIZE)
        top = VGroup(model, formula).arrange(DOWN, buff=0.3).move_to(3.2 * RIGHT + 1.95 * UP)
        colors = [palette.POSITIVE] * (len(lines) - 1) + [palette.FIRE]
        rows = self.table(lines, colors)

        self.show_data(plot, n)
        shown = self.first_line(plot, lines[0], n, model, formula, top, rows[0], colors[0])
        for k in range(1, len(lines)):
            shown = self.other_line(plot, lines[k], n, k, rows[k], colors[k], shown, best=k == len(lines) - 1)
        half = self.why_half(shown[-1])
        remark = self.closing_note(half, top, rows)
        self.bridge(remark, rows)

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
        with self.beat("model", "cost.cap.model"):
            self.play(Write(model))
            self.play(Create(line), FadeIn(row[0]))
            self.wait(0.8)
        res = plot.residuals(first["predictions"])
        tag, pointer = self.residual_tag(plot, first)
        self.plot, self.residual_text = plot, tag.tex_string
        with self.beat("residuals", "cost.cap.residuals", r=num(first["residuals"][0])):
            self.play(LaggedStart(*[Create(r) for r in res], lag_ratio=0.08), run_time=1.5)
            self.play(FadeIn(tag), GrowArrow(pointer))
            self.wait(0.8)
        sq = plot.squares(first["predictions"])
        square_tag, square_pointer = self.square_tag(plot, first)
        self.square_text = square_tag.tex_string
        with self.beat("squares", "cost.cap.squares", sq=num(first["squares"][0])):
            self.play(LaggedStart(*[FadeIn(s) for s in sq], lag_ratio=0.08), FadeOut(pointer), run_time=1.8)
            self.play(ReplacementTransform(tag, square_tag), GrowArrow(square_pointer))
            self.wait(0.8)
        pointer = square_pointer
        bar, brace = self.bar(plot, sq, first, top, model)
        self.stacked, self.bar_text = bar, brace[-1].tex_string
        calc = self.calculation(first, n).next_to(top, DOWN, buff=0.4)
        with self.beat("stack", "cost.cap.stack", n=n, total=num(first["sum_squares"])):
            self.play(FadeOut(row[0]), FadeOut(square_tag), FadeOut(pointer))
            self.play(LaggedStart(*[ReplacementTransform(s.copy(), b) for s, b in zip(sq, bar)], lag_ratio=0.1),
                      run_time=2.5)
            self.play(FadeIn(brace))
            self.wait(1.2)
        with self.beat("cost", "cost.cap.cost", n=n, two_n=2 * n, total=self.sum_text(first, n),
                       c=num(first["cost"])):
            self.play(FadeOut(bar), ReplacementTransform(brace[-1], calc[1]), FadeOut(brace[:-1]))
            self.play(Write(formula), Write(calc[0]), Write(calc[2]))
            self.play(FadeIn(row))
            self.wait(1.5)
        return line, res, sq, calc

    def residual_tag(self, plot, first):
        """'y-hat_1 - y_1 = 3.55' beside the first point's residual, below the line, with an arrow to it."""
        x0, y0, yhat = plot.xs[0], plot.ys[0], first["predictions"][0]
        tag = MathTex(rf"\hat y_1 - y_1 = {tex_num(first['residuals'][0])}", font_size=SIZE - 4, color=palette.COST)
        low = min(y0, yhat)   # the lower end of the gap: the other points' gaps start higher up
        spot = plot.p(x0, low + 0.15 * abs(yhat - y0))
        tag.next_to(spot, RIGHT, buff=1.2).shift(0.25 * DOWN)
        pointer = Arrow(tag.get_left(), spot, buff=0.08, color=palette.COST, stroke_width=3,
                        max_tip_length_to_length_ratio=0.25)
        return tag, pointer

    def square_tag(self, plot, first):
        """'(y-hat_1 - y_1)^2 = 12.6' right of the first point's square (clear of the others), with an arrow."""
        x0, y0, yhat = plot.xs[0], plot.ys[0], first["predictions"][0]
        side = abs(yhat - y0)
        d = side if x0 + side <= plot.x_bounds[1] else -side
        tag = MathTex(rf"(\hat y_1 - y_1)^2 = {tex_num(first['squares'][0])}", font_size=SIZE - 4, color=palette.COST)
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
        total = MathTex(rf"\sum_i (\hat y_i - y_i)^2 = ", tex_num(first["sum_squares"]), font_size=SIZE,
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
            if best:
                self.play(Indicate(row, color=palette.FIRE, scale_factor=1.1))
            self.wait(1.2)
        return new_line, new_res, new_sq, new_calc

    def why_half(self, calc):
        half = MathTex(r"\frac{d}{dr}\Big(\frac{1}{2}\,r^2\Big) = \frac{1}{2}\cdot 2r = r", font_size=SIZE,
                       color=palette.GRADIENT).move_to(calc, aligned_edge=LEFT)
        with self.beat("half", "cost.cap.half"):
            self.play(FadeOut(calc), FadeIn(half))
            self.wait(2.5)
        return half

    def closing_note(self, half, top, rows):
        """C is the regression cost; backpropagation's E is the cost of one sample. Returns the note."""
        remark = note(VGroup(
            VGroup(self.label("cost.regression", palette.SMALL_SIZE, palette.FIRE),
                   MathTex(r"C = \frac{1}{2n}\sum_i(\hat y_i - y_i)^2", font_size=SIZE, color=palette.FIRE)),
            VGroup(self.label("cost.backprop", palette.SMALL_SIZE, palette.DIM),
                   MathTex(r"E = \tfrac{1}{2}(O - y)^2", font_size=SIZE, color=palette.DIM))))
        for group in remark[1]:
            group.arrange(DOWN, buff=0.2)
        remark[1].arrange(DOWN, buff=0.4)
        remark = note(remark[1])
        # the other lines' rows give way: the note and the best line's row stand alone
        keep_inside(remark.move_to([rows.get_x(), (3.0 + rows[-1].get_top()[1]) / 2, 0]))
        self.remark = remark
        with self.beat("summary", "cost.cap.note"):
            self.play(FadeOut(half), FadeOut(top), FadeOut(rows[:-1]), FadeIn(remark))
            self.wait(3)
        return remark

    def bridge(self, remark, rows):
        """C as a function of one parameter: theta0 held at its best value, C(theta1) is a curve whose
        lowest point is the best slope, the curve gradient descent walks down next."""
        tr = self.trace
        cut, best = tr["slice"], tr["best"]
        curve = CostCurve(cut, width=4.2, height=2.5, ticks=(4, 3), x_label=r"\theta_1", y_label=r"C(\theta_1)",
                          x_range=nice_range(cut["theta"][0], cut["theta"][-1], 4))
        held = MathTex(rf"\theta_0 = {tex_num(best['theta0'])}", font_size=SIZE - 4, color=palette.DIM)
        block = VGroup(held, curve).arrange(DOWN, buff=0.25)
        keep_inside(block.move_to([rows.get_x(), (3.1 + rows[-1].get_top()[1]) / 2, 0]))
        low = curve.ball(best["theta1"], best["cost"], radius=0.1)
        with self.beat("bridge", "cost.cap.bridge", b0=num(best["theta0"]), b1=num(best["theta1"]),
                       c=num(best["cost"])):
            self.play(FadeOut(remark), FadeIn(held), FadeIn(curve.axes), FadeIn(curve.ticks),
                      FadeIn(curve.x_label), FadeIn(curve.y_label))
            self.play(Create(curve.graph), run_time=1.5)
            self.play(FadeIn(low, scale=2), Indicate(rows[-1], color=palette.FIRE, scale_factor=1.05))
            self.wait(2.5)
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
