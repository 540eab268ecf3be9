"""Chapter 3, learning: the cost of a line, gradient descent, the learning rate, momentum and
schedules, and descent on the two-parameter cost surface."""
from __future__ import annotations

from dataclasses import dataclass, field

from manim import (DOWN, DR, LEFT, ORIGIN, RIGHT, UP, UR, Arrow, Brace, Circle, Create, DashedLine, DecimalNumber, Dot, FadeIn, FadeOut, GrowArrow,
                   Indicate, LaggedStart, Line, MathTex, ReplacementTransform, VGroup, Write, rate_functions)

from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.descent import (ContourMap, CostCurve, EdgePlot, ScatterPlot, glide, keyframe_indices, nice_range,
                                readout, set_number)
from scenes.kit.frame import keep_inside
from scenes.kit.fmt import num, rel, shown as shown_value, stated, tex_factor, tex_num, tex_stated
from scenes.kit.parts import following, legend_row, note, swap

SIZE = palette.MATH_SIZE - 8   # formulas in side panels


def tex_line(theta0: float, theta1: float) -> str:
    r"""'\hat y = 3.4 + 0.6\,x' with the signs a reader writes."""
    sign = "-" if theta1 < 0 else "+"
    return rf"\hat y = {tex_num(theta0)} {sign} {tex_num(abs(theta1))}\,x"


class Chapter3Scene(ExplainerScene):
    """What the chapter's scenes share."""

    def counter(self, k: int, size=palette.SMALL_SIZE, color=palette.DIM) -> VGroup:
        """'step <k>' with a number that changes cheaply."""
        word = self.label("gd.step", size, color)
        number = DecimalNumber(k, num_decimal_places=0, font_size=size + 10, color=color)
        row = VGroup(word, number).arrange(RIGHT, buff=0.18)
        number.set_y(word.get_y() + 0.02)
        row.number = number
        return row


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


@dataclass
class Rolling:
    """One descent run on screen: the ball (`mob`), its tag and readouts, its trail, and the marks of
    its current step (tangent, step arrow, worked-out rows; None when not shown). `done`: steps taken."""
    i: int
    run: dict
    mob: Dot
    tag: MathTex
    step: VGroup
    theta: VGroup
    cost: VGroup
    numbers: VGroup
    trail: VGroup = field(default_factory=VGroup)
    tangent: Line | None = None
    arrow: Arrow | None = None
    rows: VGroup | None = None
    done: int = 0


# -- GradientDescent ------------------------------------------------------------------------------------
class GradientDescent(Chapter3Scene):
    """Fig 8: on the cost parabola, the ball P1 (slope negative) takes its first steps with numbers by
    theta := theta - eta * slope; then a second ball P2 starts right of the minimum (slope positive) and
    takes its first step with numbers, to the left; then both run their remaining steps together to the
    minimum. The balls stop exactly at the trace's thetas."""

    detail = (3, 1)        # steps worked out with numbers, per run
    quick = 0.35           # seconds per step after those
    colors = (palette.FIRE, palette.POSITIVE)

    def construct(self):
        self.title_card()
        tr = self.trace
        self.keyframes = [[] for _ in tr["runs"]]   # where the ball was seen after each step (theta)
        plot = CostCurve(tr["curve"], width=6.0, height=4.3, ticks=(8, 5)).move_to(3.0 * LEFT + 0.15 * UP)
        self.plot = plot
        m = plot.minimum
        floor = plot.p(m, plot.y_bounds[0])
        guide = DashedLine(floor, plot.p(m, plot.y_bounds[1] * 0.86), color=palette.DIM, stroke_width=2)
        guide_label = self.label("gd.minimum", palette.SMALL_SIZE, palette.DIM).next_to(guide, UP, buff=0.1)
        toy = self.toy_cost(tr["toy"])
        rule = MathTex(TEX["descent-1d"], rf"\quad \eta = {tex_num(tr['lr'])}", font_size=SIZE)
        head = VGroup(toy, rule).arrange(DOWN, buff=0.25)
        keep_inside(head.move_to(3.6 * RIGHT + 2.0 * UP))
        self.panel_top = head.get_bottom()[1] - 0.3
        with self.beat("curve", "gd.cap.curve"):
            self.play(FadeIn(plot.axes), FadeIn(plot.ticks), FadeIn(plot.x_label), FadeIn(plot.y_label))
            self.play(Create(plot.graph), run_time=1.5)
            self.play(Create(guide), FadeIn(guide_label), FadeIn(toy))
            self.play(Write(rule))
            self.wait(0.5)
        rollings = []
        for i, run in enumerate(tr["runs"]):
            rolling = self.start_run(i, run, rollings[-1] if rollings else None)
            for k in range(min(self.detail[i] if i < len(self.detail) else 1, run["steps"])):
                self.explain_step(rolling, k)
            rollings.append(rolling)
        self.together(rollings)
        self.end_runs(rollings)
        self.summary(head, rollings)

    def toy_cost(self, toy) -> VGroup:
        """C(theta) = 1/2 (theta - 3)^2 + 1/2 and its slope theta - 3, from the trace, named a toy cost."""
        a, m, floor = toy["a"], toy["centre"], toy["floor"]

        def coef(v):   # 1/2 as a fraction, 1 as nothing
            return r"\tfrac12" if v == 0.5 else "" if v == 1 else tex_stated(v) + r"\,"
        half = r"\tfrac12" if floor == 0.5 else tex_stated(floor)
        cost = MathTex(rf"C(\theta) = {coef(a)}(\theta - {tex_stated(m)})^2 + {half}", font_size=SIZE)
        gap = rf"\theta - {tex_stated(m)}"
        slope = MathTex(rf"\frac{{dC}}{{d\theta}} = {gap if 2 * a == 1 else coef(2 * a) + '(' + gap + ')'}",
                        font_size=SIZE, color=palette.GRADIENT)
        words = self.label("gd.toy", palette.SMALL_SIZE, palette.DIM)
        return VGroup(VGroup(cost, slope).arrange(RIGHT, buff=0.4), words).arrange(DOWN, buff=0.12)

    def start_run(self, i, run, previous: Rolling | None) -> Rolling:
        """Ball i appears with its tag and a column of readouts (step, theta, C) under its name; the
        ball before it waits where it is, its marks of the last step put away."""
        ts, cs = run["thetas"], run["costs"]
        color = self.colors[i % len(self.colors)]
        mob = self.plot.ball(ts[0], cs[0], color=color)
        tag = MathTex(f"P_{i + 1}", font_size=SIZE, color=color).next_to(mob, UR, buff=0.08)
        name = MathTex(f"P_{i + 1}", font_size=SIZE, color=color)
        step = self.counter(0)
        theta = readout(r"\theta", ts[0])
        cost = readout("C", cs[0], palette.COST)
        # one row per ball, under the worked-out steps: P_i, step k, theta, C in fixed columns
        y = -1.75 - 0.6 * i
        for m, x in zip((name, step, theta, cost), (0.8, 1.35, 3.05, 4.75)):
            m.move_to([x, y, 0], aligned_edge=LEFT)
        numbers = VGroup(name, step, theta, cost)
        start_key = "gd.cap.start" if i == 0 else "gd.cap.start2"
        with self.beat(f"p{i + 1}-start", start_key, theta=num(ts[0]), c=num(cs[0]),
                       parked=num(previous.run["thetas"][previous.done]) if previous else ""):
            if previous is not None:
                put_away = [m for m in (previous.tangent, previous.arrow, previous.rows) if m is not None]
                if put_away:
                    self.play(*[FadeOut(m) for m in put_away], run_time=0.5)
                previous.tangent = previous.arrow = previous.rows = None
            self.play(FadeIn(mob, scale=2), Write(tag), FadeIn(numbers))
            self.wait(0.6)
        return Rolling(i, run, mob, tag, step, theta, cost, numbers)

    def marks(self, rolling, k):
        """The tangent at step k and the arrow of the step (none once the ball is off the chart)."""
        ts, cs, slopes = rolling.run["thetas"], rolling.run["costs"], rolling.run["slopes"]
        tangent = self.plot.tangent(ts[k], cs[k], slopes[k])
        return tangent, self.plot.step_arrow(ts[k], ts[k + 1]) if self.plot.inside(ts[k], cs[k]) else None

    def worked_rows(self, rolling, k) -> VGroup:
        """Step k with numbers: the slope, then the update it gives."""
        ts, slopes, lr = rolling.run["thetas"], rolling.run["slopes"], self.trace["lr"]
        rows = VGroup(
            MathTex(rf"\frac{{dC}}{{d\theta}} = {tex_num(slopes[k])}", font_size=SIZE, color=palette.GRADIENT),
            MathTex(rf"\theta := {tex_num(ts[k])} - {tex_num(lr)}\cdot{tex_factor(slopes[k])}"
                    rf" = {tex_num(ts[k + 1])}", font_size=SIZE))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to([3.95, self.panel_top, 0], aligned_edge=UP)
        return keep_inside(rows)

    def explain_step(self, rolling, k):
        """A step worked out with numbers: the first in two beats (slope, update), later ones in one."""
        ts, slopes, lr, n = rolling.run["thetas"], rolling.run["slopes"], self.trace["lr"], rolling.i + 1
        tangent, arrow = self.marks(rolling, k)
        rows = self.worked_rows(rolling, k)
        fields = dict(slope=num(slopes[k]), theta=num(ts[k]), eta=num(lr), new=num(ts[k + 1]), k=k + 1)
        if k == 0:
            with self.beat(f"p{n}-slope", "gd.cap.slope_neg" if slopes[k] < 0 else "gd.cap.slope_pos", **fields):
                self.play(*swap(None, tangent), Write(rows[0]), FadeOut(rolling.tag))
                self.wait(1.2)
            with self.beat(f"p{n}-update", "gd.cap.update_right" if slopes[k] < 0 else "gd.cap.update_left",
                           **fields):
                self.play(Write(rows[1]))
                if arrow is not None:
                    self.play(GrowArrow(arrow))
                self.move([(rolling, k)], run_time=1.4)
                self.wait(1.0)
        else:
            with self.beat(f"p{n}-step{k + 1}", "gd.cap.again", **fields):
                self.play(*swap(rolling.tangent, tangent), *swap(rolling.arrow, arrow),
                          ReplacementTransform(rolling.rows, rows), run_time=1.0)
                self.move([(rolling, k)], run_time=1.1)
                self.wait(0.6)
        rolling.tangent, rolling.arrow, rolling.rows = tangent, arrow, rows
        rolling.done = k + 1

    def together(self, rollings):
        """The steps left, of every ball at once, quickly and without numbers, under one caption."""
        left = max(r.run["steps"] - r.done for r in rollings)
        if left <= 0:
            return
        with self.beat("together", "gd.cap.together"):
            put_away = [m for r in rollings for m in (r.rows, r.arrow) if m is not None]
            if put_away:
                self.play(*[FadeOut(m) for m in put_away], run_time=0.4)
            for r in rollings:
                r.rows = r.arrow = None
            for _ in range(left):
                moving = [r for r in rollings if r.done < r.run["steps"]]
                changes = []
                for r in moving:
                    k = r.done
                    tangent = self.plot.tangent(r.run["thetas"][k], r.run["costs"][k], r.run["slopes"][k])
                    changes += swap(r.tangent, tangent)
                    r.tangent = tangent
                if changes:
                    self.play(*changes, run_time=self.quick * 0.5)
                self.move([(r, r.done) for r in moving], run_time=self.quick)
                for r in moving:
                    r.done += 1

    def end_runs(self, rollings):
        """Every ball where its run ended; the tangent at the last one: flat at the minimum."""
        runs, lr = [r.run for r in rollings], self.trace["lr"]
        if any(r["diverged"] for r in runs):
            key = "gd.cap.diverged"
        elif all(r["converged"] for r in runs):
            key = "gd.cap.settled"
        else:
            key = "gd.cap.stopped"
        first, last = runs[0], runs[-1]
        with self.beat("end", key, steps=first["steps"], s1=first["steps"], s2=last["steps"], eta=num(lr),
                       theta=num(first["thetas"][-1]), t1=num(first["thetas"][-1]), t2=num(last["thetas"][-1])):
            changes = []
            for r in rollings:
                ts, cs, slopes = r.run["thetas"], r.run["costs"], r.run["slopes"]
                flat = self.plot.tangent(ts[-1], cs[-1], slopes[-1]) if r is rollings[-1] else None
                changes += swap(r.tangent, flat) + swap(r.arrow, None) + swap(r.rows, None)
                r.tangent, r.arrow, r.rows = flat, None, None
            if changes:
                self.play(*changes)
            self.wait(1.5)

    def move(self, moves, run_time):
        """Each (rolling, k): the rolling goes to theta_{k+1} (or, once off the chart, stays gone); a dot
        marks where it was; the readouts show the new numbers. Keyframes record where each was seen."""
        plot = self.plot
        anims = []
        for rolling, k in moves:
            run = rolling.run
            t0, c0, t1, c1 = run["thetas"][k], run["costs"][k], run["thetas"][k + 1], run["costs"][k + 1]
            if plot.inside(t0, c0):
                # a dark rim keeps the trail readable where it lies on the curve
                dot = Dot(plot.p(t0, c0), radius=0.07, color=rolling.mob.get_color()).set_stroke(palette.BACKGROUND, 2)
                rolling.trail.add(dot)
                self.add(dot)
                anims.append(plot.move_ball(rolling.mob, t0, c0, t1, c1, run_time=run_time))
        if anims:
            self.play(*anims)
        else:
            self.wait(run_time)
        for rolling, k in moves:
            run = rolling.run
            t0, c0, t1, c1 = run["thetas"][k], run["costs"][k], run["thetas"][k + 1], run["costs"][k + 1]
            if plot.inside(t0, c0):
                if plot.inside(t1, c1):
                    self.keyframes[rolling.i].append(plot.coords(rolling.mob.get_center())[0])
                else:
                    self.remove(rolling.mob)
            rolling.step.number.set_value(k + 1)
            set_number(rolling.theta.number, t1)
            set_number(rolling.cost.number, c1)

    def summary(self, head, rollings):
        runs = self.trace["runs"]
        rows = VGroup(*[self.label("gd.steps", palette.SMALL_SIZE, self.colors[i % len(self.colors)], name=f"P{i + 1}",
                                   steps=r["steps"], theta=num(r["thetas"][-1]), rel=rel(r["thetas"][-1]))
                        for i, r in enumerate(runs)]).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        rows.move_to([4.2, self.panel_top - 1.0, 0])
        keep_inside(rows)   # long numbers
        leftovers = [m for r in rollings for m in (r.tangent, r.numbers) if m is not None]
        key = "gd.cap.summary_diverged" if any(r["diverged"] for r in runs) else "gd.cap.summary"
        with self.beat("summary", key, s1=runs[0]["steps"], s2=runs[-1]["steps"], eta=num(self.trace["lr"])):
            self.play(*[FadeOut(m) for m in leftovers], FadeIn(rows, shift=0.2 * UP))
            self.play(Indicate(head[1], color=palette.FIRE))
            self.wait(2)


# -- LearningRates --------------------------------------------------------------------------------------
VERDICT_COLORS = {"crawls": palette.DIM, "converges": palette.FIRE, "oscillates": palette.COST, "diverges": palette.NEGATIVE}


class LearningRates(Chapter3Scene):
    """eta too small crawls, about right converges, too large oscillates or diverges (the trace's verdict).
    A ball whose next point is off the chart flies to the chart's edge and fades there."""

    per_step = 0.45

    def construct(self):
        self.title_card()
        tr = self.trace
        runs = tr["runs"]
        self.keyframes = [[] for _ in runs]
        # a run that leaves the usual range has a wider panel of its own (its jumps stay in sight)
        panels = VGroup(*[CostCurve(r["curve"] or tr["curve"], width=3.05, height=2.45, ticks=(4, 3)) for r in runs])
        panels.arrange(RIGHT, buff=0.65).move_to(0.8 * UP)
        panels.scale(min(1.0, 12.5 / panels.width))   # long tick labels of a huge rate's wide panel
        heads = [MathTex(rf"\eta = {tex_num(r['lr'])}", font_size=palette.MATH_SIZE - 4).next_to(p, UP, buff=0.2)
                 for r, p in zip(runs, panels)]
        balls = [p.ball(r["thetas"][0], r["costs"][0]) for r, p in zip(runs, panels)]
        counters, costs = [], []
        for r, p in zip(runs, panels):
            c = self.counter(0, color=palette.TEXT)
            cost = readout("C", r["costs"][0], palette.COST, size=SIZE - 2)
            VGroup(c, cost).arrange(RIGHT, buff=0.45).next_to(p, DOWN, buff=0.3)
            counters.append(c)
            costs.append(cost)
        with self.beat("intro", "lr.cap.intro", start=num(tr["start"]), steps=tr["steps"]):
            self.play(LaggedStart(*[FadeIn(p) for p in panels], lag_ratio=0.2), *[Write(h) for h in heads])
            self.play(*[FadeIn(b, scale=2) for b in balls], *[FadeIn(c) for c in counters],
                      *[FadeIn(c) for c in costs])
            self.wait(0.8)
        verdicts = []
        for i, (run, plot, ball) in enumerate(zip(runs, panels, balls)):
            verdict = self.label(f"lr.verdict.{run['verdict']}", palette.BODY_SIZE, VERDICT_COLORS[run["verdict"]])
            verdict.next_to(VGroup(counters[i], costs[i]), DOWN, buff=0.25)
            verdicts.append(verdict)
            with self.beat(f"eta{i + 1}", f"lr.cap.{run['verdict']}", eta=num(run["lr"]), steps=run["steps"],
                           theta=num(run["thetas"][-1]), c=num(run["costs"][-1])):
                self.run(i, run, plot, ball, counters[i], costs[i])
                self.play(FadeIn(verdict, shift=0.2 * UP))
                self.wait(1.8)
        self.factors(runs, counters, costs, verdicts)
        with self.beat("summary", "lr.cap.summary"):
            self.play(*[Indicate(v, color=v.get_color()) for v in verdicts])
            self.wait(2)

    def factors(self, runs, counters, costs, verdicts):
        """The one line behind all three panels: each step multiplies the distance to the minimum by
        1 - eta (the trace's factor). The verdicts move up in place of the counters, each panel's factor
        goes under its verdict and the rule under them all."""
        m = self.trace["curve"]["minimum"]
        rule = MathTex(rf"\theta_{{k+1}} - {tex_num(m)} = (1 - \eta)\,(\theta_k - {tex_num(m)})", font_size=SIZE,
                       color=palette.GRADIENT)
        rows = VGroup(*[MathTex(rf"1 - \eta = {tex_num(r['factor'])}", font_size=SIZE, color=palette.GRADIENT)
                        .move_to(v) for r, v in zip(runs, verdicts)])
        keep_inside(rule.next_to(rows, DOWN, buff=0.3))
        fields = {f"f{i + 1}": num(r["factor"]) for i, r in enumerate(runs)}
        with self.beat("factor", "lr.cap.factor", **fields):
            self.play(*[FadeOut(VGroup(c, v)) for c, v in zip(counters, costs)],
                      *[v.animate.move_to(VGroup(c, n)) for v, c, n in zip(verdicts, counters, costs)])
            self.play(FadeIn(rows, shift=0.2 * UP))
            self.play(Write(rule))
            self.wait(2)

    def run(self, i, run, plot, ball, counter, cost):
        ts, cs = run["thetas"], run["costs"]
        trail = VGroup()
        gone = False
        for k in range(run["steps"]):
            if not gone:
                dot = Dot(plot.p(ts[k], cs[k]), radius=0.04, color=palette.FIRE, fill_opacity=0.6)
                trail.add(dot)
                self.add(dot)
                self.play(plot.move_ball(ball, ts[k], cs[k], ts[k + 1], cs[k + 1], run_time=self.per_step * (
                    2 if not plot.inside(ts[k + 1], cs[k + 1]) else 1)))
                if plot.inside(ts[k + 1], cs[k + 1]):
                    self.keyframes[i].append(plot.coords(ball.get_center())[0])
                else:
                    gone = True
                    self.remove(ball)
                    off = self.label("lr.off_chart", palette.SMALL_SIZE, palette.NEGATIVE)
                    (x0, x1), (y0, y1) = plot.x_bounds, plot.y_bounds
                    # between the parabola's arms, under the exit arrow; a backing keeps it readable
                    off.move_to(plot.p((x0 + x1) / 2, y0 + 0.6 * (y1 - y0)))
                    off.add_background_rectangle(color=palette.BACKGROUND, opacity=0.85, buff=0.05)
                    out = plot.exit_arrow(ts[k], cs[k], ts[k + 1], cs[k + 1])
                    self.play(FadeIn(off), *([GrowArrow(out)] if out else []), run_time=0.5)
            else:
                self.wait(self.per_step)
            counter.number.set_value(k + 1)
            set_number(cost.number, cs[k + 1])


# -- MomentumAndSchedules -------------------------------------------------------------------------------
class MomentumAndSchedules(Chapter3Scene):
    """Plain descent stops in a shallow dip; momentum with beta escapes it (velocity arrow), with the
    smaller beta_low from the same start it stays: momentum may help, not always. SGD named. Then cosine
    decay: eta_t over the steps and the descent it drives, beside a constant rate that keeps bouncing
    (near-unstable; a well-chosen constant settles too)."""

    per_step = 0.22

    def construct(self):
        self.header = self.title_card()
        self.momentum_part()
        self.schedule_part()

    def momentum_part(self):
        tr = self.trace
        plain, mom, low_run = tr["plain"], tr["momentum"], tr["momentum_low"]
        plot = CostCurve(tr["curve"], width=10.4, height=3.9, ticks=(8, 3)).move_to(0.2 * RIGHT + 0.4 * DOWN)
        self.plot = plot
        rules = VGroup(MathTex(TEX["velocity"], font_size=SIZE),
                       MathTex(TEX["momentum-step"], font_size=SIZE),
                       MathTex(rf"\beta = {tex_num(tr['beta'])},\ \eta = {tex_num(tr['lr'])}", font_size=SIZE))
        rules.arrange(RIGHT, buff=0.8).move_to(2.55 * UP)
        local_t = plain["thetas"][-1]
        low = min(range(len(plot.cs)), key=lambda j: plot.cs[j])
        names = VGroup()
        # the dip's name sits under the left wall, where the ball and its -v arrow (above it) never pass
        dip = plot.p(local_t, plain["costs"][-1])
        dip_text = self.label("momentum.local", palette.SMALL_SIZE, palette.DIM)
        dip_text.move_to(dip + 2.3 * LEFT + 0.4 * UP)
        names.add(VGroup(dip_text, Arrow(dip_text.get_right(), dip + 0.15 * LEFT, buff=0.12, color=palette.DIM,
                                         stroke_width=3, max_tip_length_to_length_ratio=0.2)))
        deep = plot.p(plot.ts[low], plot.cs[low])
        deep_text = self.label("momentum.global", palette.SMALL_SIZE, palette.DIM).move_to(deep + 1.45 * UP + 0.8 * RIGHT)
        names.add(VGroup(deep_text, Arrow(deep_text.get_bottom(), deep + 0.22 * UP, buff=0.08, color=palette.DIM,
                                          stroke_width=3, max_tip_length_to_length_ratio=0.2)))
        colors = (palette.POSITIVE, palette.FIRE, palette.BIAS)
        entries = [(Dot(radius=0.1, color=colors[0]), self.label("momentum.plain", palette.SMALL_SIZE, colors[0])),
                   (Dot(radius=0.1, color=colors[1]),
                    self.label("momentum.with", palette.SMALL_SIZE, colors[1], beta=stated(tr["beta"]))),
                   (Dot(radius=0.08, color=colors[2]),
                    self.label("momentum.with", palette.SMALL_SIZE, colors[2], beta=stated(tr["beta_low"])))]
        # a column in the empty top right, above the low right-hand side of the curve
        legend = VGroup(*[VGroup(*e).arrange(RIGHT, buff=0.15) for e in entries]).arrange(DOWN, aligned_edge=LEFT,
                                                                                         buff=0.15)
        legend.move_to(plot.p(plot.x_bounds[1], plot.y_bounds[1]), aligned_edge=UR).shift(0.1 * DOWN)
        with self.beat("curve", "momentum.cap.curve"):
            self.play(FadeIn(plot.axes), FadeIn(plot.ticks), FadeIn(plot.x_label), FadeIn(plot.y_label))
            self.play(Create(plot.graph), run_time=1.5)
            self.play(FadeIn(names))
            self.wait(0.5)

        ball = plot.ball(plain["thetas"][0], plain["costs"][0], color=colors[0])
        with self.beat("plain", "momentum.cap.plain", eta=num(tr["lr"]), steps=plain["steps"],
                       theta=num(plain["thetas"][-1])):
            self.play(FadeIn(ball, scale=2), FadeIn(legend[0]))
            self.roll(plain, ball)
            self.wait(1)

        with self.beat("rule", "momentum.cap.rule", beta=num(tr["beta"])):
            self.play(LaggedStart(*[Write(r) for r in rules], lag_ratio=0.4), run_time=2.5)
            self.wait(1)
        ball2 = plot.ball(mom["thetas"][0], mom["costs"][0])
        # the escaping run in three beats: down the wall, through the dip, on to the bowl
        ts = mom["thetas"]
        hump = max((j for j in range(len(plot.ts)) if local_t < plot.ts[j] < plot.ts[low]),
                   key=lambda j: plot.cs[j], default=None)
        past_dip = next((k for k, t in enumerate(ts) if t > local_t), len(ts) - 1)
        past_hump = next((k for k, t in enumerate(ts) if hump is not None and t > plot.ts[hump]), len(ts) - 1)
        escaped = ts[-1] > local_t + 1.0
        if escaped and 0 < past_dip < past_hump < len(ts) - 1:
            parts = [("momentum", "momentum.cap.speed", 0, past_dip), ("through", "momentum.cap.through", past_dip, past_hump),
                     ("settle", "momentum.cap.momentum", past_hump, mom["steps"])]
        else:
            parts = [("momentum", "momentum.cap.momentum" if escaped else "momentum.cap.stuck", 0, mom["steps"])]
        for k, (name, key, a, b) in enumerate(parts):
            with self.beat(name, key, theta=num(ts[-1]), steps=mom["steps"], beta=num(tr["beta"])):
                if k == 0:
                    self.play(FadeIn(ball2, scale=2), FadeIn(legend[1]))
                self.roll(mom, ball2, velocity=True, steps=range(a, b))
                self.wait(0.6 if k < len(parts) - 1 else 1)

        ball3 = plot.ball(low_run["thetas"][0], low_run["costs"][0], color=colors[2], radius=0.08).set_z_index(4)
        stays = abs(low_run["thetas"][-1] - local_t) < 0.5
        with self.beat("little", "momentum.cap.little" if stays else "momentum.cap.little_escapes",
                       beta=num(tr["beta_low"]), theta=num(low_run["thetas"][-1]), steps=low_run["steps"]):
            self.play(FadeIn(ball3, scale=2), FadeIn(legend[2]))
            self.roll(low_run, ball3, velocity=True)
            self.wait(1.2)
        remark = note(self.label("momentum.maybe", palette.SMALL_SIZE, palette.FIRE)).move_to(rules)
        with self.beat("maybe", "momentum.cap.maybe"):
            self.play(FadeOut(rules), run_time=0.5)   # one after the other: no two texts overlaid
            self.play(FadeIn(remark))
            self.wait(2)
        sgd = note(VGroup(self.label("momentum.sgd", palette.SMALL_SIZE, palette.TEXT),
                          self.label("momentum.sgd2", palette.SMALL_SIZE, palette.TEXT)).arrange(DOWN, buff=0.1),
                   color=palette.DIM, pad=0.12)
        sgd.next_to(self.header, DOWN, buff=0.08)   # two lines: under the header, above the plot's C label
        keep_inside(sgd)
        with self.beat("sgd", "momentum.cap.sgd"):
            self.play(FadeOut(remark), run_time=0.5)
            self.play(FadeIn(sgd))
            self.wait(2)
        self.balls = (ball, ball2, ball3)
        self.play(*[FadeOut(m) for m in (plot, names, ball, ball2, ball3, legend, sgd)])

    def roll(self, run, ball, velocity=False, steps=None):
        """Replay a run's steps on the bumpy curve; with `velocity`, an arrow rides on the ball showing -v
        (the direction it moves, and how fast: its length is proportional to |v|)."""
        plot = self.plot
        ts, cs = run["thetas"], run["costs"]
        fastest = max((abs(v) for v in run["velocities"]), default=0.0) or 1.0
        arrow = None
        for k in (range(run["steps"]) if steps is None else steps):
            anims = [plot.move_ball(ball, ts[k], cs[k], ts[k + 1], cs[k + 1], run_time=self.per_step,
                                    rate_func=rate_functions.linear)]
            if arrow is not None:
                self.remove(arrow)
                arrow = None
            if velocity and plot.inside(ts[k], cs[k]) and abs(run["velocities"][k]) / fastest > 0.06:
                arrow = self.velocity_arrow(ball, -run["velocities"][k] / fastest)
                self.add(arrow)
                offset = arrow.get_center() - ball.get_center()
                anims.append(following(arrow, lambda m, o=offset: m.move_to(ball.get_center() + o)))
            self.play(*anims, run_time=self.per_step)
        if arrow is not None:
            self.remove(arrow)

    def velocity_arrow(self, ball, share, longest=1.6):
        """An arrow above the ball, `share` (-1..1) of `longest` long, with its label -v."""
        start = ball.get_center() + 0.38 * UP
        arrow = Arrow(start, start + share * longest * RIGHT, buff=0, color=palette.GRADIENT, stroke_width=5,
                      max_tip_length_to_length_ratio=0.3, max_stroke_width_to_length_ratio=20)
        tag = MathTex("-v", font_size=SIZE - 6, color=palette.GRADIENT).next_to(arrow, UP, buff=0.05)
        return VGroup(arrow, tag)

    def schedule_part(self):
        sc = self.trace["schedule"]
        lrs, run, const = sc["lrs"], sc["run"], sc["constant"]
        T = len(lrs) - 1
        rates = EdgePlot(nice_range(0, T, 6), nice_range(0, max(lrs), 4), width=4.6, height=2.8, x_label="t",
                         y_label=r"\eta_t").move_to(3.55 * LEFT + 0.15 * DOWN)
        rate_dots = VGroup(*[Dot(rates.p(t, e), radius=0.06, color=palette.FIRE) for t, e in enumerate(lrs)])
        rate_line = rates.curve(list(range(len(lrs))), lrs, color=palette.FIRE, stroke_width=3)
        cursor = Dot(rates.p(0, lrs[0]), radius=0.13, color=palette.FIRE).set_z_index(3)
        bowl = CostCurve(sc["curve"], width=5.2, height=2.8, ticks=(4, 3)).move_to(3.3 * RIGHT + 0.15 * DOWN)
        formula = MathTex(TEX["cosine"], font_size=SIZE).move_to(2.65 * UP)   # its values row clear of C(θ)
        values = MathTex(rf"\eta_{{\max}} = {tex_num(sc['eta_max'])},\ \eta_{{\min}} = {tex_num(sc['eta_min'])},"
                         rf"\ T = {T}", font_size=SIZE - 4, color=palette.DIM).next_to(formula, DOWN, buff=0.15)
        with self.beat("schedule", "momentum.cap.schedule", eta_max=num(sc["eta_max"]), eta_min=num(sc["eta_min"])):
            self.play(Write(formula), FadeIn(values))
            self.play(FadeIn(rates))
            self.play(Create(rate_line), LaggedStart(*[FadeIn(d) for d in rate_dots], lag_ratio=0.1), run_time=1.5)
            self.wait(1)
        ball = bowl.ball(run["thetas"][0], run["costs"][0], radius=0.11)
        # the constant rate's ball: a ring around where it is, drawn over the other, so neither hides
        ring = Circle(radius=0.19, color=palette.TEXT, stroke_width=4).move_to(ball).set_z_index(4)
        legend = legend_row((Dot(radius=0.1, color=palette.FIRE), self.label("momentum.cosine", palette.SMALL_SIZE, palette.FIRE)),
                            (Circle(radius=0.12, color=palette.TEXT, stroke_width=4),
                             self.label("momentum.constant", palette.SMALL_SIZE, palette.TEXT, eta=stated(sc["eta_max"]))))
        keep_inside(legend.next_to(bowl, DOWN, buff=0.3))
        now = VGroup(readout("t", 0, size=SIZE - 4), readout(r"\eta_t", lrs[0], palette.FIRE, size=SIZE - 4))
        now.arrange(RIGHT, buff=0.6).next_to(rates, DOWN, buff=0.3).match_y(legend)
        with self.beat("decay", "momentum.cap.decay", steps=run["steps"]):
            self.play(FadeIn(bowl), FadeIn(legend), FadeIn(cursor, scale=2), FadeIn(now))
            self.play(FadeIn(ball, scale=2), Create(ring))
            for t in range(max(run["steps"], const["steps"])):
                # the readout turns to t as the marker sets off for t; the balls then take step t
                now[0].number.set_value(t)
                set_number(now[1].number, lrs[t])
                if t:
                    self.play(cursor.animate.move_to(rates.p(t, lrs[t])), run_time=0.3)
                anims = []
                for r, b in ((run, ball), (const, ring)):
                    if t < r["steps"]:
                        anims.append(bowl.move_ball(b, r["thetas"][t], r["costs"][t], r["thetas"][t + 1],
                                                    r["costs"][t + 1]))
                if anims:
                    self.play(*anims, run_time=0.6)
            self.wait(1)
        good = 1.0 / sc["curvature"]
        factor = MathTex(rf"\eta = {tex_num(sc['eta_max'])}:\ \ \theta_{{t+1}} - \theta^* = "
                         rf"{tex_factor(sc['factor'])}\,(\theta_t - \theta^*)", font_size=SIZE - 4,
                         color=palette.TEXT).move_to(values)
        with self.beat("constant", "momentum.cap.constant", eta_max=num(sc["eta_max"]), f=num(sc["factor"]),
                       good=num(good)):
            self.play(ReplacementTransform(values, factor))
            self.play(Indicate(ring, color=palette.TEXT))
            self.wait(1.5)
        remark = note(VGroup(self.label("momentum.one_rate", palette.SMALL_SIZE, palette.FIRE),
                             self.label("momentum.per_param", palette.SMALL_SIZE, palette.DIM)).arrange(DOWN, buff=0.12))
        remark.next_to(self.header, DOWN, buff=0.12)   # under the header, clear of the plots' labels
        with self.beat("global", "momentum.cap.global"):
            self.play(FadeOut(formula), FadeOut(factor), run_time=0.5)
            self.play(FadeIn(remark))
            self.wait(3)


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
