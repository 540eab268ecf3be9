"""Chapter 3, learning: the cost of a line, gradient descent, the learning rate, momentum and
schedules, and descent on the two-parameter cost surface."""
from __future__ import annotations

from dataclasses import dataclass, field

from manim import (DOWN, DR, LEFT, ORIGIN, RIGHT, UP, UR, Arrow, Create, DashedLine, DecimalNumber, Dot, FadeIn, FadeOut, GrowArrow,
                   Indicate, LaggedStart, Line, MathTex, ReplacementTransform, VGroup, Write, rate_functions)

from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.descent import (ContourMap, CostCurve, EdgePlot, ScatterPlot, glide, keyframe_indices, nice_range,
                                readout, set_number)
from scenes.kit.frame import keep_inside
from scenes.kit.fmt import num, rel, stated, tex_factor, tex_num, tex_stated
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
        self.closing_note(half, top, rows)

    def show_data(self, plot, n):
        with self.beat("data", "cost.cap.data", n=n):
            self.play(FadeIn(plot.axes), FadeIn(plot.x_label), FadeIn(plot.y_label), LaggedStart(*[FadeIn(d, scale=2) for d in plot.dots], lag_ratio=0.08))
            self.wait(1)

    def first_line(self, plot, first, n, model, formula, top, row, color):
        """The model's first line, its residuals, their squares and its cost worked out.
        Returns what stays on screen: (line, residuals, squares, calculation)."""
        line = plot.line(first["theta0"], first["theta1"], color=color)
        with self.beat("model", "cost.cap.model"):
            self.play(Write(model))
            self.play(Create(line), FadeIn(row[0]))
            self.wait(0.8)
        res = plot.residuals(first["predictions"])
        with self.beat("residuals", "cost.cap.residuals"):
            self.play(LaggedStart(*[Create(r) for r in res], lag_ratio=0.08), run_time=1.5)
            self.wait(0.8)
        sq = plot.squares(first["predictions"])
        with self.beat("squares", "cost.cap.squares"):
            self.play(LaggedStart(*[FadeIn(s) for s in sq], lag_ratio=0.08), run_time=1.8)
            self.wait(0.8)
        calc = self.calculation(first, n).next_to(top, DOWN, buff=0.4)
        with self.beat("cost", "cost.cap.cost", n=n, total=num(first["sum_squares"]), c=num(first["cost"])):
            self.play(Write(formula))
            self.play(Write(calc))
            self.play(FadeIn(row[1]))
            self.wait(1.5)
        return line, res, sq, calc

    def other_line(self, plot, cand, n, k, row, color, shown, best):
        """Another candidate line replaces the one shown, with its residuals, squares and cost."""
        line, res, sq, calc = shown
        new_line = plot.line(cand["theta0"], cand["theta1"], color=color)
        new_res, new_sq = plot.residuals(cand["predictions"]), plot.squares(cand["predictions"])
        new_calc = self.calculation(cand, n).move_to(calc, aligned_edge=LEFT)
        key = "cost.cap.best" if best else "cost.cap.other"
        with self.beat("best" if best else f"line{k + 1}", key, c=num(cand["cost"])):
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
        """C is the regression cost; backpropagation's E is the cost of one sample."""
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
        with self.beat("summary", "cost.cap.note"):
            self.play(FadeOut(half), FadeOut(top), FadeOut(rows[:-1]), FadeIn(remark))
            self.wait(3)

    def calculation(self, line, n) -> MathTex:
        return MathTex(rf"C = \frac{{1}}{{2\cdot {n}}}\cdot {tex_num(line['sum_squares'])} = {tex_num(line['cost'])}",
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
    its current step (tangent, step arrow, worked-out rows; None when not shown)."""
    i: int
    run: dict
    mob: Dot
    tag: MathTex
    step: VGroup
    theta: VGroup
    cost: VGroup
    trail: VGroup = field(default_factory=VGroup)
    tangent: Line | None = None
    arrow: Arrow | None = None
    rows: VGroup | None = None


# -- GradientDescent ------------------------------------------------------------------------------------
class GradientDescent(Chapter3Scene):
    """Fig 8: on the cost parabola, the ball at P1 (slope negative) and at P2 (slope positive) follows
    theta := theta - eta * slope to the minimum. The ball stops exactly at the trace's thetas."""

    detail = (3, 1)        # steps worked out with numbers, per run
    quick = 0.35           # seconds per step after those

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
            self.play(FadeIn(plot.axes), FadeIn(plot.x_label), FadeIn(plot.y_label))
            self.play(Create(plot.graph), run_time=1.5)
            self.play(Create(guide), FadeIn(guide_label), FadeIn(toy))
            self.play(Write(rule))
            self.wait(0.5)
        for i, run in enumerate(tr["runs"]):
            self.descend(i, run)
        self.summary(head)

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

    def descend(self, i, run):
        """Run i: the ball starts, its first steps are worked out with numbers, the rest go quickly."""
        rolling = self.start_run(i, run)
        explained = min(self.detail[i] if i < len(self.detail) else 1, run["steps"])
        for k in range(explained):
            self.explain_step(rolling, k)
        if run["steps"] > explained:
            self.repeat_steps(rolling, explained)
        self.end_run(rolling)

    def start_run(self, i, run) -> Rolling:
        ts, cs = run["thetas"], run["costs"]
        mob = self.plot.ball(ts[0], cs[0])
        tag = MathTex(f"P_{i + 1}", font_size=SIZE, color=palette.FIRE).next_to(mob, UR, buff=0.08)
        step = self.counter(0).move_to(4.2 * RIGHT + 1.5 * DOWN, aligned_edge=LEFT)
        theta = readout(r"\theta", ts[0]).next_to(step, DOWN, buff=0.3, aligned_edge=LEFT)
        cost = readout("C", cs[0], palette.COST).next_to(theta, DOWN, buff=0.25, aligned_edge=LEFT)
        numbers = VGroup(step, theta, cost).move_to(4.2 * RIGHT + 2.05 * DOWN)
        start_key = "gd.cap.start" if i == 0 else "gd.cap.start2"
        with self.beat(f"p{i + 1}-start", start_key, theta=num(ts[0]), c=num(cs[0])):
            self.play(FadeIn(mob, scale=2), Write(tag), FadeIn(numbers))
            self.wait(0.6)
        return Rolling(i, run, mob, tag, step, theta, cost)

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
                self.move(rolling, k, run_time=1.4)
                self.wait(1.0)
        else:
            with self.beat(f"p{n}-step{k + 1}", "gd.cap.again", **fields):
                self.play(*swap(rolling.tangent, tangent), *swap(rolling.arrow, arrow),
                          ReplacementTransform(rolling.rows, rows), run_time=1.0)
                self.move(rolling, k, run_time=1.1)
                self.wait(0.6)
        rolling.tangent, rolling.arrow, rolling.rows = tangent, arrow, rows

    def repeat_steps(self, rolling, first):
        """The steps from `first` on, quickly and without numbers, under one caption."""
        with self.beat(f"p{rolling.i + 1}-repeat", "gd.cap.repeat"):
            self.play(FadeOut(rolling.rows), run_time=0.4)
            rolling.rows = None
            for k in range(first, rolling.run["steps"]):
                tangent, arrow = self.marks(rolling, k)
                changes = swap(rolling.tangent, tangent) + swap(rolling.arrow, arrow)
                if changes:
                    self.play(*changes, run_time=self.quick * 0.5)
                self.move(rolling, k, run_time=self.quick)
                rolling.tangent, rolling.arrow = tangent, arrow

    def end_run(self, rolling):
        run, lr, n = rolling.run, self.trace["lr"], rolling.i + 1
        ts, cs, slopes = run["thetas"], run["costs"], run["slopes"]
        end_key = ("gd.cap.diverged" if run["diverged"] else "gd.cap.settled" if run["converged"]
                   else "gd.cap.stopped")
        final_tangent = self.plot.tangent(ts[-1], cs[-1], slopes[-1])
        with self.beat(f"p{n}-end", end_key, steps=run["steps"], theta=num(ts[-1]), c=num(cs[-1]), eta=num(lr)):
            changes = swap(rolling.tangent, final_tangent) + swap(rolling.arrow, None) + swap(rolling.rows, None)
            if changes:
                self.play(*changes)
            self.wait(1.5)
        leftovers = [m for m in (final_tangent, rolling.step, rolling.theta, rolling.cost) if m is not None]
        if rolling.i < len(self.trace["runs"]) - 1:
            self.play(*[FadeOut(m) for m in leftovers], FadeOut(rolling.mob), FadeOut(rolling.trail),
                      run_time=0.6)   # P2's trail alone on the curve
        else:
            self.last = (rolling.mob, leftovers)

    def move(self, rolling, k, run_time):
        """Step k: the rolling goes to theta_{k+1} (or, once off the chart, stays gone); a dot marks
        where it was; the readouts show the new numbers. Keyframes record where the rolling was seen."""
        plot, run = self.plot, rolling.run
        t0, c0, t1, c1 = run["thetas"][k], run["costs"][k], run["thetas"][k + 1], run["costs"][k + 1]
        if plot.inside(t0, c0):
            # a dark rim keeps the trail readable where it lies on the curve
            dot = Dot(plot.p(t0, c0), radius=0.07, color=palette.FIRE).set_stroke(palette.BACKGROUND, 2)
            rolling.trail.add(dot)
            self.add(dot)
            self.play(plot.move_ball(rolling.mob, t0, c0, t1, c1, run_time=run_time))
            if plot.inside(t1, c1):
                self.keyframes[rolling.i].append(plot.coords(rolling.mob.get_center())[0])
            else:
                self.remove(rolling.mob)
        else:
            self.wait(run_time)
        rolling.step.number.set_value(k + 1)
        set_number(rolling.theta.number, t1)
        set_number(rolling.cost.number, c1)

    def summary(self, head):
        runs = self.trace["runs"]
        ball, leftovers = self.last
        rows = VGroup(*[self.label("gd.steps", palette.SMALL_SIZE, palette.FIRE, name=f"P{i + 1}", steps=r["steps"],
                                   theta=num(r["thetas"][-1]), rel=rel(r["thetas"][-1]))
                        for i, r in enumerate(runs)]).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        rows.move_to([4.2, self.panel_top - 1.0, 0])
        keep_inside(rows)   # long numbers
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
        heads = [MathTex(rf"\eta = {tex_num(r['lr'])}", font_size=palette.MATH_SIZE - 4).next_to(p, UP, buff=0.3)
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
                    off.move_to(plot.p((x0 + x1) / 2, y0 + 0.72 * (y1 - y0)))
                    out = plot.exit_arrow(ts[k], cs[k], ts[k + 1], cs[k + 1])
                    self.play(FadeIn(off), *([GrowArrow(out)] if out else []), run_time=0.5)
            else:
                self.wait(self.per_step)
            counter.number.set_value(k + 1)
            set_number(cost.number, cs[k + 1])


# -- MomentumAndSchedules -------------------------------------------------------------------------------
class MomentumAndSchedules(Chapter3Scene):
    """Plain descent stops in a shallow dip; momentum may carry past it (velocity arrow). Then cosine
    decay: eta_t over the steps and the descent it drives, beside a constant rate that keeps bouncing."""

    per_step = 0.22

    def construct(self):
        self.title_card()
        self.momentum_part()
        self.schedule_part()

    def momentum_part(self):
        tr = self.trace
        plain, mom = tr["plain"], tr["momentum"]
        plot = CostCurve(tr["curve"], width=10.4, height=3.9, ticks=(8, 3)).move_to(0.2 * RIGHT + 0.4 * DOWN)
        self.plot = plot
        rules = VGroup(MathTex(TEX["velocity"], font_size=SIZE),
                       MathTex(TEX["momentum-step"], font_size=SIZE),
                       MathTex(rf"\beta = {tex_num(tr['beta'])},\ \eta = {tex_num(tr['lr'])}", font_size=SIZE))
        rules.arrange(RIGHT, buff=0.8).move_to(2.55 * UP)
        local_t = plain["thetas"][-1]
        low = min(range(len(plot.cs)), key=lambda j: plot.cs[j])
        names = VGroup()
        for key, t, c, dx in (("momentum.local", local_t, plain["costs"][-1], -0.5),   # apart: no overlap
                              ("momentum.global", plot.ts[low], plot.cs[low], 0.8)):
            spot = plot.p(t, c)
            text = self.label(key, palette.SMALL_SIZE, palette.DIM).move_to(spot + 1.45 * UP + dx * RIGHT)
            names.add(VGroup(text, Arrow(text.get_bottom(), spot + 0.22 * UP, buff=0.08, color=palette.DIM,
                                         stroke_width=3, max_tip_length_to_length_ratio=0.2)))
        legend = legend_row((Dot(radius=0.1, color=palette.POSITIVE), self.label("momentum.plain", palette.SMALL_SIZE, palette.POSITIVE)),
                            (Dot(radius=0.1, color=palette.FIRE), self.label("momentum.with", palette.SMALL_SIZE, palette.FIRE)))
        legend.move_to(plot.p(plot.x_bounds[1], plot.y_bounds[1]), aligned_edge=UR).shift(0.2 * DOWN)
        with self.beat("curve", "momentum.cap.curve"):
            self.play(FadeIn(plot.axes), FadeIn(plot.x_label), FadeIn(plot.y_label))
            self.play(Create(plot.graph), run_time=1.5)
            self.play(FadeIn(names))
            self.wait(0.5)

        ball = plot.ball(plain["thetas"][0], plain["costs"][0], color=palette.POSITIVE)
        with self.beat("plain", "momentum.cap.plain", eta=num(tr["lr"]), steps=plain["steps"],
                       theta=num(plain["thetas"][-1])):
            self.play(FadeIn(ball, scale=2), FadeIn(legend[:2]))
            self.roll(plain, ball)
            self.wait(1)

        with self.beat("rule", "momentum.cap.rule", beta=num(tr["beta"])):
            self.play(LaggedStart(*[Write(r) for r in rules], lag_ratio=0.4), run_time=2.5)
            self.wait(1)
        ball2 = plot.ball(mom["thetas"][0], mom["costs"][0])
        escaped = mom["thetas"][-1] > local_t + 1.0
        with self.beat("momentum", "momentum.cap.momentum" if escaped else "momentum.cap.stuck",
                       theta=num(mom["thetas"][-1])):
            self.play(FadeIn(ball2, scale=2), FadeIn(legend[2:]))
            self.roll(mom, ball2, velocity=True)
            self.wait(1)
        remark = note(self.label("momentum.maybe", palette.SMALL_SIZE, palette.FIRE)).move_to(rules)
        with self.beat("maybe", "momentum.cap.maybe"):
            self.play(FadeOut(rules), FadeIn(remark))
            self.wait(2.5)
        self.play(*[FadeOut(m) for m in (plot, names, ball, ball2, legend, remark)])

    def roll(self, run, ball, velocity=False):
        """Replay a run on the bumpy curve; with `velocity`, an arrow rides on the ball showing -v
        (the direction it moves, and how fast: its length is proportional to |v|)."""
        plot = self.plot
        ts, cs = run["thetas"], run["costs"]
        fastest = max((abs(v) for v in run["velocities"]), default=0.0) or 1.0
        arrow = None
        for k in range(run["steps"]):
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
            self.play(*anims)
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
        formula = MathTex(TEX["cosine"], font_size=SIZE).move_to(2.5 * UP)
        values = MathTex(rf"\eta_{{\max}} = {tex_num(sc['eta_max'])},\ \eta_{{\min}} = {tex_num(sc['eta_min'])},"
                         rf"\ T = {T}", font_size=SIZE - 4, color=palette.DIM).next_to(formula, DOWN, buff=0.2)
        with self.beat("schedule", "momentum.cap.schedule", eta_max=num(sc["eta_max"]), eta_min=num(sc["eta_min"])):
            self.play(Write(formula), FadeIn(values))
            self.play(FadeIn(rates))
            self.play(Create(rate_line), LaggedStart(*[FadeIn(d) for d in rate_dots], lag_ratio=0.1), run_time=1.5)
            self.wait(1)
        ball = bowl.ball(run["thetas"][0], run["costs"][0])
        ghost = bowl.ball(const["thetas"][0], const["costs"][0], color=palette.DIM, radius=0.11)
        legend = legend_row((Dot(radius=0.1, color=palette.FIRE), self.label("momentum.cosine", palette.SMALL_SIZE, palette.FIRE)),
                            (Dot(radius=0.09, color=palette.DIM), self.label("momentum.constant", palette.SMALL_SIZE, palette.DIM)))
        legend.next_to(bowl, DOWN, buff=0.3)
        now = VGroup(readout("t", 0, size=SIZE - 4), readout(r"\eta_t", lrs[0], palette.FIRE, size=SIZE - 4))
        now.arrange(RIGHT, buff=0.6).next_to(rates, DOWN, buff=0.3).match_y(legend)
        with self.beat("decay", "momentum.cap.decay", steps=run["steps"], eta_max=num(sc["eta_max"])):
            self.play(FadeIn(bowl), FadeIn(legend), FadeIn(cursor, scale=2), FadeIn(now))
            self.play(FadeIn(ball, scale=2), FadeIn(ghost, scale=2))
            for t in range(max(run["steps"], const["steps"])):
                anims = [cursor.animate.move_to(rates.p(t, lrs[t]))] if t else []
                now[0].number.set_value(t)
                set_number(now[1].number, lrs[t])
                for r, b in ((run, ball), (const, ghost)):
                    if t < r["steps"]:
                        anims.append(bowl.move_ball(b, r["thetas"][t], r["costs"][t], r["thetas"][t + 1],
                                                    r["costs"][t + 1]))
                self.play(*anims, run_time=0.8)
            self.wait(1)
        remark = note(VGroup(self.label("momentum.one_rate", palette.SMALL_SIZE, palette.FIRE),
                             self.label("momentum.per_param", palette.SMALL_SIZE, palette.DIM)).arrange(DOWN, buff=0.12))
        remark.move_to(VGroup(formula, values)).align_to(formula, UP)   # clear of the bowl's C(θ) label
        with self.beat("global", "momentum.cap.global"):
            self.play(FadeOut(formula), FadeOut(values), FadeIn(remark))
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
        self.show_map(cmap, *tr["best"])
        rules = self.show_rules(path["lr"])
        scatter, line, point, numbers = self.start(cmap, rules)
        line = self.descend(cmap, scatter, line, point, numbers)
        self.end(line, numbers)

    def show_map(self, cmap, b0, b1):
        best = VGroup(Dot(cmap.p(b0, b1), radius=0.09, color=palette.TEXT),
                      self.label("surface.best", palette.SMALL_SIZE, palette.TEXT))
        best[1].next_to(best[0], DR, buff=0.08).add_background_rectangle(color=palette.BACKGROUND, opacity=0.85,
                                                                          buff=0.04)
        with self.beat("map", "surface.cap.map"):
            self.play(FadeIn(cmap.axes), FadeIn(cmap.x_label), FadeIn(cmap.y_label))
            self.play(LaggedStart(*[Create(r) for r in cmap.rings], lag_ratio=0.15), run_time=2.5)
            self.play(FadeIn(best))
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
            self.play(FadeOut(block), FadeIn(numbers))

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
