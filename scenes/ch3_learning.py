"""Chapter 3, learning: the cost of a line, gradient descent, the learning rate, momentum and
schedules, and descent on the two-parameter cost surface."""
from __future__ import annotations

from manim import (DOWN, DR, LEFT, RIGHT, UP, UR, Arrow, Create, DashedLine, DecimalNumber, Dot, FadeIn, FadeOut, GrowArrow,
                   Indicate, LaggedStart, Line, MathTex, ReplacementTransform, VGroup, Write, rate_functions)

from scenes.kit import palette as P
from scenes.kit.base import ExplainerScene
from scenes.kit.descent import (ContourMap, CostCurve, EdgePlot, ScatterPlot, glide, keyframe_indices, nice_range,
                                set_number)
from scenes.kit.fmt import num, tex_factor, tex_num
from scenes.kit.parts import following, note

SIZE = P.MATH_SIZE - 8   # formulas in side panels


def tex_line(theta0: float, theta1: float) -> str:
    r"""'\hat y = 3.4 + 0.6\,x' with the signs a reader writes."""
    sign = "-" if theta1 < 0 else "+"
    return rf"\hat y = {tex_num(theta0)} {sign} {tex_num(abs(theta1))}\,x"


def readout(symbol: str, value: float, color=P.TEXT, size=SIZE) -> VGroup:
    """'symbol = <DecimalNumber>' whose number can change cheaply (no LaTeX per value)."""
    label = MathTex(symbol + "=", font_size=size, color=color)
    number = DecimalNumber(0, font_size=size, color=color)
    set_number(number, value)
    row = VGroup(label, number).arrange(RIGHT, buff=0.15)
    number.align_to(label, DOWN).shift(0.02 * UP)
    row.number = number
    return row


def swap(old, new) -> list:
    """Animations that replace `old` by `new` on screen; either may be None (nothing there)."""
    if old is not None and new is not None:
        return [ReplacementTransform(old, new)]
    if old is not None:
        return [FadeOut(old)]
    if new is not None:
        return [Create(new)]
    return []


class Chapter3Scene(ExplainerScene):
    """What the chapter's scenes share."""

    def counter(self, k: int, size=P.SMALL_SIZE, color=P.DIM) -> VGroup:
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
        plot = ScatterPlot(tr["x"], tr["y"], max_width=5.2, max_height=5.8,
                           extra_y=[l["predictions"] for l in lines])
        plot.move_to(3.9 * LEFT + 0.4 * DOWN)
        model = MathTex(r"\hat y = \theta_0 + \theta_1 x", font_size=SIZE + 4)
        formula = MathTex(r"C(\theta_0,\theta_1) = \frac{1}{2n}\sum_{i=1}^{n}(\theta_0 + \theta_1 x_i - y_i)^2",
                          font_size=SIZE)
        top = VGroup(model, formula).arrange(DOWN, buff=0.3).move_to(3.2 * RIGHT + 2.3 * UP)
        colors = [P.POSITIVE] * (len(lines) - 1) + [P.FIRE]
        rows = self.table(lines, colors)

        with self.beat("data", "cost.cap.data", n=n):
            self.play(FadeIn(plot.axes), FadeIn(plot.x_label), FadeIn(plot.y_label), LaggedStart(*[FadeIn(d, scale=2) for d in plot.dots], lag_ratio=0.08))
            self.wait(1)

        first = lines[0]
        line = plot.line(first["theta0"], first["theta1"], color=colors[0])
        with self.beat("model", "cost.cap.model"):
            self.play(Write(model))
            self.play(Create(line), FadeIn(rows[0][0]))
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
            self.play(FadeIn(rows[0][1]))
            self.wait(1.5)

        for k in range(1, len(lines)):
            cand, best = lines[k], k == len(lines) - 1
            new_line = plot.line(cand["theta0"], cand["theta1"], color=colors[k])
            new_res, new_sq = plot.residuals(cand["predictions"]), plot.squares(cand["predictions"])
            new_calc = self.calculation(cand, n).move_to(calc, aligned_edge=LEFT)
            key = "cost.cap.best" if best else "cost.cap.other"
            with self.beat("best" if best else f"line{k + 1}", key, c=num(cand["cost"])):
                self.play(ReplacementTransform(line, new_line), ReplacementTransform(res, new_res),
                          ReplacementTransform(sq, new_sq), ReplacementTransform(calc, new_calc),
                          FadeIn(rows[k][0]), run_time=1.5)
                self.play(FadeIn(rows[k][1]))
                if best:
                    self.play(Indicate(rows[k], color=P.FIRE, scale_factor=1.1))
                self.wait(1.2)
            line, res, sq, calc = new_line, new_res, new_sq, new_calc

        half = MathTex(r"\frac{d}{dr}\Big(\frac{1}{2}\,r^2\Big) = \frac{1}{2}\cdot 2r = r", font_size=SIZE,
                       color=P.GRADIENT).move_to(calc, aligned_edge=LEFT)
        with self.beat("half", "cost.cap.half"):
            self.play(FadeOut(calc), FadeIn(half))
            self.wait(2.5)
        remark = note(VGroup(
            VGroup(self.label("cost.regression", P.SMALL_SIZE, P.FIRE),
                   MathTex(r"C = \frac{1}{2n}\sum_i(\hat y_i - y_i)^2", font_size=SIZE, color=P.FIRE)),
            VGroup(self.label("cost.backprop", P.SMALL_SIZE, P.DIM),
                   MathTex(r"E = \tfrac{1}{2}(O - y)^2", font_size=SIZE, color=P.DIM))))
        for group in remark[1]:
            group.arrange(DOWN, buff=0.2)
        remark[1].arrange(DOWN, buff=0.4)
        remark = note(remark[1])
        remark.move_to([rows.get_x(), (3.1 + rows.get_top()[1]) / 2, 0])
        with self.beat("summary", "cost.cap.note"):
            self.play(FadeOut(half), FadeOut(top), FadeIn(remark))
            self.wait(3)

    def calculation(self, line, n) -> MathTex:
        return MathTex(rf"C = \frac{{1}}{{2\cdot {n}}}\cdot {tex_num(line['sum_squares'])} = {tex_num(line['cost'])}",
                       font_size=SIZE, color=P.COST)

    def table(self, lines, colors) -> VGroup:
        rows = VGroup()
        for line, color in zip(lines, colors):
            rows.add(VGroup(MathTex(tex_line(line["theta0"], line["theta1"]), font_size=SIZE, color=color),
                            MathTex(rf"C = {tex_num(line['cost'])}", font_size=SIZE, color=P.COST)))
        for row in rows:
            row[1].next_to(row[0], RIGHT, buff=0.5)
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        right = max(r[0].get_right()[0] for r in rows) + 0.5
        for row in rows:   # the costs in one column
            row[1].set_x(right, direction=LEFT)
        return rows.move_to(3.2 * RIGHT + 2.25 * DOWN)


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
        plot = CostCurve(tr["curve"], width=6.6, height=4.7, ticks=(8, 5)).move_to(3.2 * LEFT + 0.45 * DOWN)
        self.plot = plot
        m = plot.minimum
        floor = plot.p(m, plot.y_bounds[0])
        guide = DashedLine(floor, plot.p(m, plot.y_bounds[1] * 0.86), color=P.DIM, stroke_width=2)
        guide_label = self.label("gd.minimum", P.SMALL_SIZE, P.DIM).next_to(guide, UP, buff=0.1)
        rule = MathTex(r"\theta := \theta - \eta\,\frac{dC}{d\theta}", font_size=P.MATH_SIZE)
        eta = MathTex(rf"\eta = {tex_num(tr['lr'])}", font_size=SIZE)
        head = VGroup(rule, eta).arrange(DOWN, buff=0.25).move_to(4.2 * RIGHT + 2.2 * UP)
        self.panel_top = head.get_bottom()[1] - 0.35
        with self.beat("curve", "gd.cap.curve"):
            self.play(FadeIn(plot.axes), FadeIn(plot.x_label), FadeIn(plot.y_label))
            self.play(Create(plot.graph), run_time=1.5)
            self.play(Create(guide), FadeIn(guide_label), Write(rule), FadeIn(eta))
            self.wait(0.5)
        for i, run in enumerate(tr["runs"]):
            self.descend(i, run)
        self.summary(head)

    def descend(self, i, run):
        plot, lr = self.plot, self.trace["lr"]
        ts, cs, slopes = run["thetas"], run["costs"], run["slopes"]
        name = f"P_{i + 1}"
        ball = plot.ball(ts[0], cs[0])
        tag = MathTex(name, font_size=SIZE, color=P.FIRE).next_to(ball, UR, buff=0.08)
        step = self.counter(0).move_to(4.2 * RIGHT + 1.5 * DOWN, aligned_edge=LEFT)
        theta = readout(r"\theta", ts[0]).next_to(step, DOWN, buff=0.3, aligned_edge=LEFT)
        cost = readout("C", cs[0], P.COST).next_to(theta, DOWN, buff=0.25, aligned_edge=LEFT)
        numbers = VGroup(step, theta, cost).move_to(4.2 * RIGHT + 2.05 * DOWN)
        start_key = "gd.cap.start" if i == 0 else "gd.cap.start2"
        with self.beat(f"p{i + 1}-start", start_key, theta=num(ts[0]), c=num(cs[0])):
            self.play(FadeIn(ball, scale=2), Write(tag), FadeIn(numbers))
            self.wait(0.6)

        trail = VGroup()
        tangent = arrow = None
        rows = None   # the slope and update rows of the steps worked out with numbers
        explained = min(self.detail[i] if i < len(self.detail) else 1, run["steps"])
        for k in range(run["steps"]):
            new_tangent = plot.tangent(ts[k], cs[k], slopes[k])
            new_arrow = plot.step_arrow(ts[k], ts[k + 1]) if plot.inside(ts[k], cs[k]) else None
            if k < explained:
                new_rows = VGroup(
                    MathTex(rf"\frac{{dC}}{{d\theta}} = {tex_num(slopes[k])}", font_size=SIZE, color=P.GRADIENT),
                    MathTex(rf"\theta := {tex_num(ts[k])} - {tex_num(lr)}\cdot{tex_factor(slopes[k])}"
                            rf" = {tex_num(ts[k + 1])}", font_size=SIZE))
                new_rows.arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to([3.95, self.panel_top, 0], aligned_edge=UP)
                fields = dict(slope=num(slopes[k]), theta=num(ts[k]), eta=num(lr), new=num(ts[k + 1]), k=k + 1)
                if k == 0:
                    with self.beat(f"p{i + 1}-slope", "gd.cap.slope_neg" if slopes[k] < 0 else "gd.cap.slope_pos",
                                   **fields):
                        self.play(*swap(None, new_tangent), Write(new_rows[0]), FadeOut(tag))
                        self.wait(1.2)
                    with self.beat(f"p{i + 1}-update",
                                   "gd.cap.update_right" if slopes[k] < 0 else "gd.cap.update_left", **fields):
                        self.play(Write(new_rows[1]))
                        if new_arrow is not None:
                            self.play(GrowArrow(new_arrow))
                        self.move(i, ball, run, k, step, theta, cost, trail, run_time=1.4)
                        self.wait(1.0)
                else:
                    with self.beat(f"p{i + 1}-step{k + 1}", "gd.cap.again", **fields):
                        self.play(*swap(tangent, new_tangent), *swap(arrow, new_arrow),
                                  ReplacementTransform(rows, new_rows), run_time=1.0)
                        self.move(i, ball, run, k, step, theta, cost, trail, run_time=1.1)
                        self.wait(0.6)
                rows = new_rows
            else:
                if k == explained:
                    self.next_section(f"p{i + 1}-repeat")
                    start = self.time
                    self.play(FadeOut(rows), run_time=0.4)
                    rows = None
                changes = swap(tangent, new_tangent) + swap(arrow, new_arrow)
                if changes:
                    self.play(*changes, run_time=self.quick * 0.5)
                self.move(i, ball, run, k, step, theta, cost, trail, run_time=self.quick)
            tangent, arrow = new_tangent, new_arrow
        if run["steps"] > explained:
            length = self.time - start
            self.add_subcaption(self.s("gd.cap.repeat"), duration=length, offset=-length)

        end_key = ("gd.cap.diverged" if run["diverged"] else "gd.cap.settled" if run["converged"]
                   else "gd.cap.stopped")
        final_tangent = plot.tangent(ts[-1], cs[-1], slopes[-1])
        with self.beat(f"p{i + 1}-end", end_key, steps=run["steps"], theta=num(ts[-1]), c=num(cs[-1]),
                       eta=num(lr)):
            changes = swap(tangent, final_tangent) + swap(arrow, None) + swap(rows, None)
            if changes:
                self.play(*changes)
            self.wait(1.5)
        leftovers = [m for m in (final_tangent, step, theta, cost) if m is not None]
        if i < len(self.trace["runs"]) - 1:
            self.play(*[FadeOut(m) for m in leftovers], FadeOut(ball), trail.animate.set_opacity(0.3),
                      run_time=0.6)
        else:
            self.last = (ball, leftovers)
        return trail

    def move(self, i, ball, run, k, step, theta, cost, trail, run_time):
        """Step k of run i: the ball goes to theta_{k+1} (or, once off the chart, stays gone); a dot marks
        where it was; the readouts show the new numbers. Keyframes record where the ball was seen."""
        plot = self.plot
        t0, c0, t1, c1 = run["thetas"][k], run["costs"][k], run["thetas"][k + 1], run["costs"][k + 1]
        if plot.inside(t0, c0):
            dot = Dot(plot.p(t0, c0), radius=0.05, color=P.FIRE, fill_opacity=0.6)
            trail.add(dot)
            self.add(dot)
            self.play(plot.move_ball(ball, t0, c0, t1, c1, run_time=run_time))
            if plot.inside(t1, c1):
                self.keyframes[i].append(plot.coords(ball.get_center())[0])
            else:
                self.remove(ball)
        else:
            self.wait(run_time)
        step.number.set_value(k + 1)
        set_number(theta.number, t1)
        set_number(cost.number, c1)

    def summary(self, head):
        runs = self.trace["runs"]
        ball, leftovers = self.last
        rows = VGroup(*[self.label("gd.steps", P.SMALL_SIZE, P.FIRE, name=f"P{i + 1}", steps=r["steps"],
                                   theta=num(r["thetas"][-1]))
                        for i, r in enumerate(runs)]).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        rows.move_to([4.2, self.panel_top - 1.0, 0])
        rows.shift(min(0.0, 6.8 - rows.get_right()[0]) * RIGHT)   # long numbers: keep inside the frame
        key = "gd.cap.summary_diverged" if any(r["diverged"] for r in runs) else "gd.cap.summary"
        with self.beat("summary", key, s1=runs[0]["steps"], s2=runs[-1]["steps"], eta=num(self.trace["lr"])):
            self.play(*[FadeOut(m) for m in leftovers], FadeIn(rows, shift=0.2 * UP))
            self.play(Indicate(head[0], color=P.FIRE))
            self.wait(2)


# -- LearningRates --------------------------------------------------------------------------------------
VERDICT_COLORS = {"crawls": P.DIM, "converges": P.FIRE, "oscillates": P.COST, "diverges": P.NEGATIVE}


class LearningRates(Chapter3Scene):
    """eta too small crawls, about right converges, too large oscillates or diverges (the trace's verdict).
    A ball whose next point is off the chart flies to the chart's edge and fades there."""

    per_step = 0.45

    def construct(self):
        self.title_card()
        tr = self.trace
        runs = tr["runs"]
        self.keyframes = [[] for _ in runs]
        panels = VGroup(*[CostCurve(tr["curve"], width=3.35, height=3.2, ticks=(4, 3)) for _ in runs])
        panels.arrange(RIGHT, buff=0.55).move_to(0.05 * DOWN)
        heads = [MathTex(rf"\eta = {tex_num(r['lr'])}", font_size=P.MATH_SIZE - 4).next_to(p, UP, buff=0.3)
                 for r, p in zip(runs, panels)]
        balls = [p.ball(r["thetas"][0], r["costs"][0]) for r, p in zip(runs, panels)]
        counters, costs = [], []
        for r, p in zip(runs, panels):
            c = self.counter(0, color=P.TEXT)
            cost = readout("C", r["costs"][0], P.COST, size=SIZE - 2)
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
            verdict = self.label(f"lr.verdict.{run['verdict']}", P.BODY_SIZE, VERDICT_COLORS[run["verdict"]])
            verdict.next_to(VGroup(counters[i], costs[i]), DOWN, buff=0.3)
            verdicts.append(verdict)
            with self.beat(f"eta{i + 1}", f"lr.cap.{run['verdict']}", eta=num(run["lr"]), steps=run["steps"],
                           theta=num(run["thetas"][-1]), c=num(run["costs"][-1])):
                self.run(i, run, plot, ball, counters[i], costs[i])
                self.play(FadeIn(verdict, shift=0.2 * UP))
                self.wait(1.8)
        with self.beat("summary", "lr.cap.summary"):
            self.play(*[Indicate(v, color=v.get_color()) for v in verdicts])
            self.wait(2)

    def run(self, i, run, plot, ball, counter, cost):
        ts, cs = run["thetas"], run["costs"]
        trail = VGroup()
        gone = False
        for k in range(run["steps"]):
            if not gone:
                dot = Dot(plot.p(ts[k], cs[k]), radius=0.04, color=P.FIRE, fill_opacity=0.6)
                trail.add(dot)
                self.add(dot)
                self.play(plot.move_ball(ball, ts[k], cs[k], ts[k + 1], cs[k + 1], run_time=self.per_step * (
                    2 if not plot.inside(ts[k + 1], cs[k + 1]) else 1)))
                if plot.inside(ts[k + 1], cs[k + 1]):
                    self.keyframes[i].append(plot.coords(ball.get_center())[0])
                else:
                    gone = True
                    self.remove(ball)
                    off = self.label("lr.off_chart", P.SMALL_SIZE, P.NEGATIVE)
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
        plot = CostCurve(tr["curve"], width=10.4, height=4.2, ticks=(8, 3)).move_to(0.2 * RIGHT + 0.75 * DOWN)
        self.plot = plot
        rules = VGroup(MathTex(r"v_t = \beta\,v_{t-1} + \frac{dC}{d\theta}", font_size=SIZE),
                       MathTex(r"\theta := \theta - \eta\,v_t", font_size=SIZE),
                       MathTex(rf"\beta = {tex_num(tr['beta'])},\ \eta = {tex_num(tr['lr'])}", font_size=SIZE))
        rules.arrange(RIGHT, buff=0.8).move_to(2.55 * UP)
        local_t = plain["thetas"][-1]
        low = min(range(len(plot.cs)), key=lambda j: plot.cs[j])
        names = VGroup()
        for key, t, c, dx in (("momentum.local", local_t, plain["costs"][-1], 0.9),
                              ("momentum.global", plot.ts[low], plot.cs[low], 0.0)):
            spot = plot.p(t, c)
            text = self.label(key, P.SMALL_SIZE, P.DIM).move_to(spot + 1.45 * UP + dx * RIGHT)
            names.add(VGroup(text, Arrow(text.get_bottom(), spot + 0.22 * UP, buff=0.08, color=P.DIM,
                                         stroke_width=3, max_tip_length_to_length_ratio=0.2)))
        legend = VGroup(Dot(radius=0.1, color=P.POSITIVE), self.label("momentum.plain", P.SMALL_SIZE, P.POSITIVE),
                        Dot(radius=0.1, color=P.FIRE), self.label("momentum.with", P.SMALL_SIZE, P.FIRE))
        legend.arrange(RIGHT, buff=0.15)
        legend[2:].shift(0.3 * RIGHT)
        legend.move_to(plot.p(plot.x_bounds[1], plot.y_bounds[1]), aligned_edge=UR).shift(0.2 * DOWN)
        with self.beat("curve", "momentum.cap.curve"):
            self.play(FadeIn(plot.axes), FadeIn(plot.x_label), FadeIn(plot.y_label))
            self.play(Create(plot.graph), run_time=1.5)
            self.play(FadeIn(names))
            self.wait(0.5)

        ball = plot.ball(plain["thetas"][0], plain["costs"][0], color=P.POSITIVE)
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
        remark = note(self.label("momentum.maybe", P.SMALL_SIZE, P.FIRE)).move_to(rules)
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
        arrow = Arrow(start, start + share * longest * RIGHT, buff=0, color=P.GRADIENT, stroke_width=5,
                      max_tip_length_to_length_ratio=0.3, max_stroke_width_to_length_ratio=20)
        tag = MathTex("-v", font_size=SIZE - 6, color=P.GRADIENT).next_to(arrow, UP, buff=0.05)
        return VGroup(arrow, tag)

    def schedule_part(self):
        sc = self.trace["schedule"]
        lrs, run, const = sc["lrs"], sc["run"], sc["constant"]
        T = len(lrs) - 1
        rates = EdgePlot(nice_range(0, T, 6), nice_range(0, max(lrs), 4), width=4.6, height=3.2, x_label="t",
                         y_label=r"\eta_t").move_to(3.55 * LEFT + 0.75 * DOWN)
        rate_dots = VGroup(*[Dot(rates.p(t, e), radius=0.06, color=P.FIRE) for t, e in enumerate(lrs)])
        rate_line = rates.curve(list(range(len(lrs))), lrs, color=P.FIRE, stroke_width=3)
        cursor = Dot(rates.p(0, lrs[0]), radius=0.13, color=P.FIRE).set_z_index(3)
        bowl = CostCurve(sc["curve"], width=5.2, height=3.2, ticks=(4, 3)).move_to(3.3 * RIGHT + 0.75 * DOWN)
        formula = MathTex(r"\eta_t = \eta_{\min} + \tfrac{1}{2}(\eta_{\max} - \eta_{\min})"
                          r"\Big(1 + \cos\frac{\pi t}{T}\Big)", font_size=SIZE).move_to(2.5 * UP)
        values = MathTex(rf"\eta_{{\max}} = {tex_num(sc['eta_max'])},\ \eta_{{\min}} = {tex_num(sc['eta_min'])},"
                         rf"\ T = {T}", font_size=SIZE - 4, color=P.DIM).next_to(formula, DOWN, buff=0.2)
        with self.beat("schedule", "momentum.cap.schedule", eta_max=num(sc["eta_max"]), eta_min=num(sc["eta_min"])):
            self.play(Write(formula), FadeIn(values))
            self.play(FadeIn(rates))
            self.play(Create(rate_line), LaggedStart(*[FadeIn(d) for d in rate_dots], lag_ratio=0.1), run_time=1.5)
            self.wait(1)
        ball = bowl.ball(run["thetas"][0], run["costs"][0])
        ghost = bowl.ball(const["thetas"][0], const["costs"][0], color=P.DIM, radius=0.11)
        legend = VGroup(Dot(radius=0.1, color=P.FIRE), self.label("momentum.cosine", P.SMALL_SIZE, P.FIRE),
                        Dot(radius=0.09, color=P.DIM), self.label("momentum.constant", P.SMALL_SIZE, P.DIM))
        legend.arrange(RIGHT, buff=0.15)
        legend[2].shift(0.3 * RIGHT)
        legend[3].shift(0.3 * RIGHT)
        legend.next_to(bowl, DOWN, buff=0.3)
        now = VGroup(readout("t", 0, size=SIZE - 4), readout(r"\eta_t", lrs[0], P.FIRE, size=SIZE - 4))
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
        remark = note(VGroup(self.label("momentum.one_rate", P.SMALL_SIZE, P.FIRE),
                             self.label("momentum.per_param", P.SMALL_SIZE, P.DIM)).arrange(DOWN, buff=0.12))
        remark.move_to(VGroup(formula, values))
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
        t0s, t1s, costs = path["theta0s"], path["theta1s"], path["costs"]
        cmap = ContourMap(tr["theta0s"], tr["theta1s"], tr["grid"], width=5.6, height=4.6, ticks=(4, 6))
        cmap.move_to(3.45 * LEFT + 0.5 * DOWN)
        b0, b1 = tr["best"]
        best = VGroup(Dot(cmap.p(b0, b1), radius=0.09, color=P.TEXT),
                      self.label("surface.best", P.SMALL_SIZE, P.TEXT))
        best[1].next_to(best[0], DR, buff=0.08).add_background_rectangle(color=P.BACKGROUND, opacity=0.85,
                                                                          buff=0.04)
        with self.beat("map", "surface.cap.map"):
            self.play(FadeIn(cmap.axes), FadeIn(cmap.x_label), FadeIn(cmap.y_label))
            self.play(LaggedStart(*[Create(r) for r in cmap.rings], lag_ratio=0.15), run_time=2.5)
            self.play(FadeIn(best))
            self.wait(1)

        rules = VGroup(MathTex(r"\frac{\partial C}{\partial\theta_0} = \frac{1}{n}\sum_i(\theta_0 + \theta_1x_i - y_i)",
                               font_size=SIZE - 4, color=P.GRADIENT),
                       MathTex(r"\frac{\partial C}{\partial\theta_1} = \frac{1}{n}\sum_i(\theta_0 + \theta_1x_i - y_i)"
                               r"\,x_i", font_size=SIZE - 4, color=P.GRADIENT),
                       MathTex(r"\theta_j := \theta_j - \eta\,\frac{\partial C}{\partial\theta_j}", font_size=SIZE),
                       MathTex(rf"\eta = {tex_num(path['lr'])}", font_size=SIZE))
        rules.arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to(3.4 * RIGHT + 0.3 * DOWN)
        with self.beat("rule", "surface.cap.rule"):
            self.play(LaggedStart(*[Write(r) for r in rules], lag_ratio=0.5), run_time=3)
            self.wait(2)

        scatter = ScatterPlot(tr["x"], tr["y"], max_width=4.4, max_height=3.5)
        scatter.move_to(3.6 * RIGHT + 0.15 * UP)
        best_line = scatter.line(b0, b1, color=P.DIM, stroke_width=3)
        line = scatter.line(t0s[0], t1s[0], color=P.FIRE)
        point = Dot(cmap.p(t0s[0], t1s[0]), radius=0.11, color=P.FIRE).set_z_index(3)
        step = self.counter(0, color=P.TEXT)
        th0, th1 = readout(r"\theta_0", t0s[0], size=SIZE - 4), readout(r"\theta_1", t1s[0], size=SIZE - 4)
        cost = readout("C", costs[0], P.COST, size=SIZE - 4)
        numbers = VGroup(step, cost, th0, th1)
        left, right = scatter.get_x() - 1.9, scatter.get_x() + 0.4   # two columns; numbers grow rightwards
        top = scatter.get_bottom()[1] - 0.45
        for k, m in enumerate(numbers):
            m.move_to([left if k % 2 == 0 else right, top - 0.55 * (k // 2), 0], aligned_edge=LEFT)
        with self.beat("start", "surface.cap.start", t0=num(t0s[0]), t1=num(t1s[0]), c=num(costs[0])):
            self.play(FadeOut(rules))
            self.play(FadeIn(scatter), Create(best_line))
            self.play(FadeIn(point, scale=2), Create(line), FadeIn(numbers))
            self.wait(1)

        keys = keyframe_indices(len(t0s), self.frames)
        self.keyframes = [0]
        drawn = Line(point.get_center(), point.get_center(), color=P.FIRE, stroke_width=4)
        self.add(drawn)
        split = max(1, len(keys) // 3)
        for part, (a_range, caption) in enumerate(((keys[:split + 1], "surface.cap.descend"),
                                                    (keys[split:], "surface.cap.valley"))):
            with self.beat("descend" if part == 0 else "valley", caption):
                for i, j in zip(a_range, a_range[1:]):
                    seg = cmap.segment(t0s, t1s, i, j)
                    new_line = scatter.line(t0s[j], t1s[j], color=P.FIRE)
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
        end_key = "surface.cap.diverged" if path["diverged"] else "surface.cap.end"
        with self.beat("end", end_key, steps=len(t0s) - 1, t0=num(t0s[-1]), t1=num(t1s[-1]), c=num(costs[-1]),
                       b0=num(b0), b1=num(b1), eta=num(path["lr"])):
            self.play(Indicate(line, color=P.FIRE), Indicate(numbers, color=P.FIRE, scale_factor=1.05))
            self.wait(2.5)
