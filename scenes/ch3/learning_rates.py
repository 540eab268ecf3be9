"""Chapter 3: The learning rate."""
from __future__ import annotations

from manim import (DOWN, RIGHT, UP, Dot, FadeIn, FadeOut, GrowArrow,
                   Indicate, LaggedStart, MathTex, VGroup, Write)
from scenes.kit import palette
from scenes.kit.descent import (CostCurve, readout, set_number)
from scenes.kit.frame import keep_inside
from scenes.kit.fmt import num, tex_num
from scenes.ch3.common import Chapter3Scene, SIZE


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
