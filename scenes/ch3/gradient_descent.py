"""Chapter 3: Gradient descent."""
from __future__ import annotations

from dataclasses import dataclass, field
from manim import (DOWN, LEFT, RIGHT, UL, UP, UR, Arrow, Circle, Create, DashedLine, Dot, FadeIn, FadeOut, GrowArrow,
                   Indicate, LaggedStart, Line, MathTex, ReplacementTransform, ShowPassingFlash, VGroup, Write)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.plots import (CostCurve, readout, set_number)
from scenes.kit.frame import keep_inside
from scenes.kit.fmt import num, rel, stated, tex_factor, tex_num, tex_stated
from scenes.kit.parts import swap
from scenes.ch3.common import Chapter3Scene, SIZE


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
    quick = 0.5            # seconds per step after those
    # both balls are the value being worked on (CURRENT); P1 a filled dot, P2 a ring around it, so
    # at the minimum, where they meet, both still show
    color = palette.CURRENT

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
        rule = MathTex(TEX["descent-1d"], rf"\quad \eta = {tex_stated(tr['lr'])}", font_size=SIZE)
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

    def ball(self, theta, cost, i):
        """Ball i on the curve: P1 a filled dot, P2 a ring a little larger (it never hides P1)."""
        if i % 2 == 0:
            return self.plot.ball(theta, cost, color=self.color)
        ring = Circle(radius=0.2, color=self.color, stroke_width=5).move_to(self.plot.p(theta, cost)).set_z_index(4)
        ring.full_opacity, ring.hollow = 1.0, True
        return ring

    def mark(self, i, small=False):
        """Ball i's mark for a legend row or a trail: a dot or a ring (trail marks dim, with a dark rim)."""
        if i % 2 == 0:
            dot = Dot(radius=0.06 if small else 0.1, color=palette.DIM if small else self.color)
            return dot.set_stroke(palette.BACKGROUND, 2) if small else dot
        return Circle(radius=0.09 if small else 0.13, color=palette.DIM if small else self.color,
                      stroke_width=3 if small else 4)

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
        mob = self.ball(ts[0], cs[0], i)
        # the tag above the ball on the bowl's inner side, off the curve's arm
        tag = MathTex(f"P_{i + 1}", font_size=SIZE, color=self.color)
        tag.next_to(mob, UR if ts[0] < self.plot.minimum else UL, buff=0.08)
        name = VGroup(self.mark(i), MathTex(f"P_{i + 1}", font_size=SIZE, color=self.color)).arrange(RIGHT, buff=0.12)
        step = self.counter(0)
        theta = readout(r"\theta", ts[0])
        cost = readout("C", cs[0], palette.COST)
        # one row per ball, under the worked-out steps: P_i, step k, theta, C in fixed, roomy columns
        y = -1.75 - 0.6 * i
        for m, x in zip((name, step, theta, cost), (0.4, 1.35, 3.0, 4.75)):
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
            # the ball, then its row as the voice reads it: theta, then the cost
            self.play(FadeIn(mob, scale=2), Write(tag), FadeIn(VGroup(name, step)))
            self.play(FadeIn(theta, shift=0.2 * UP), Indicate(mob, color=self.color, scale_factor=1.5))
            self.play(FadeIn(cost, shift=0.2 * UP))
            if previous is not None:   # the first ball waits where it stopped
                self.play(Indicate(previous.mob, color=self.color, scale_factor=1.8),
                          Indicate(previous.numbers, color=self.color, scale_factor=1.1), run_time=1.2)
        return Rolling(i, run, mob, tag, step, theta, cost, numbers)

    def marks(self, rolling, k):
        """The tangent at step k and the arrow of the step (none once the ball is off the chart)."""
        ts, cs, slopes = rolling.run["thetas"], rolling.run["costs"], rolling.run["slopes"]
        tangent = self.plot.tangent(ts[k], cs[k], slopes[k])
        arrow = self.plot.step_arrow(ts[k], ts[k + 1], lift=0.2) if self.plot.inside(ts[k], cs[k]) else None
        if arrow is not None:
            arrow.set_z_index(5)   # over the ball and the tangent near the bottom, where they sit low
        return tangent, arrow

    def worked_rows(self, rolling, k) -> VGroup:
        """Step k with numbers: the slope, then the update it gives."""
        ts, slopes, lr = rolling.run["thetas"], rolling.run["slopes"], self.trace["lr"]
        rows = VGroup(
            MathTex(rf"\frac{{dC}}{{d\theta}} = {tex_num(slopes[k])}", font_size=SIZE, color=palette.GRADIENT),
            MathTex(rf"\theta := {tex_num(ts[k])} - {tex_stated(lr)}\cdot{tex_factor(slopes[k])}"
                    rf" = {tex_num(ts[k + 1])}", font_size=SIZE))
        # the left edge fixed: the rows of one step and the next stand in the same place
        return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to([1.1, self.panel_top, 0], aligned_edge=UL)

    def explain_step(self, rolling, k):
        """A step worked out with numbers: the first in two beats (slope, update), later ones in one."""
        ts, slopes, lr, n = rolling.run["thetas"], rolling.run["slopes"], self.trace["lr"], rolling.i + 1
        tangent, arrow = self.marks(rolling, k)
        rows = self.worked_rows(rolling, k)
        fields = dict(slope=num(slopes[k]), theta=num(ts[k]), eta=stated(lr), new=num(ts[k + 1]), k=k + 1)
        if k == 0:
            with self.beat(f"p{n}-slope", "gd.cap.slope_neg" if slopes[k] < 0 else "gd.cap.slope_pos", **fields):
                self.play(*swap(None, tangent), FadeOut(rolling.tag))
                self.play(Write(rows[0]))
                # its sign, then downhill along the tangent: to the right for a negative slope
                self.play(Indicate(rows[0], color=palette.GRADIENT, scale_factor=1.15))
                self.play(self.downhill(tangent, slopes[k]), run_time=1.2)
            with self.beat(f"p{n}-update", "gd.cap.update_right" if slopes[k] < 0 else "gd.cap.update_left",
                           **fields):
                self.play(Write(rows[1]))
                if arrow is not None:
                    self.play(GrowArrow(arrow))
                self.move([(rolling, k)], run_time=1.4)
                self.play(Indicate(rolling.theta, color=self.color, scale_factor=1.2))   # the new theta
        else:
            with self.beat(f"p{n}-step{k + 1}", "gd.cap.again", **fields):
                self.play(*swap(rolling.tangent, tangent), *swap(rolling.arrow, arrow),
                          ReplacementTransform(rolling.rows, rows), run_time=1.0)
                self.move([(rolling, k)], run_time=1.1)
                self.wait(0.6)
        rolling.tangent, rolling.arrow, rolling.rows = tangent, arrow, rows
        rolling.done = k + 1

    def downhill(self, tangent, slope):
        """A flash that runs down the tangent, the way the cost falls."""
        flash = tangent.copy().set_stroke(width=12)
        if slope > 0:   # the tangent is drawn left to right: downhill is to the left
            flash.reverse_points()
        return ShowPassingFlash(flash, time_width=0.5)

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
                # a step the eye can follow takes `quick`; the crawl near the bottom goes faster
                seconds = max(self.plot.step_time(*self.step_of(r, r.done), self.quick) for r in moving)
                if changes:
                    self.play(*changes, run_time=seconds * 0.5)
                self.move([(r, r.done) for r in moving], run_time=seconds)
                for r in moving:
                    r.done += 1

    @staticmethod
    def step_of(rolling, k):
        """(theta_k, C_k, theta_k+1, C_k+1) of a rolling's run."""
        ts, cs = rolling.run["thetas"], rolling.run["costs"]
        return ts[k], cs[k], ts[k + 1], cs[k + 1]

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
        with self.beat("end", key, steps=first["steps"], s1=first["steps"], s2=last["steps"], eta=stated(lr),
                       theta=num(first["thetas"][-1]), t1=num(first["thetas"][-1]), t2=num(last["thetas"][-1])):
            changes = []
            for r in rollings:
                ts, cs, slopes = r.run["thetas"], r.run["costs"], r.run["slopes"]
                flat = self.plot.tangent(ts[-1], cs[-1], slopes[-1]) if r is rollings[-1] else None
                changes += swap(r.tangent, flat) + swap(r.arrow, None) + swap(r.rows, None)
                r.tangent, r.arrow, r.rows = flat, None, None
            # each ball's steps as the voice names them, then the flat slope, then where both settled
            for r in rollings:
                self.play(Indicate(r.numbers[:2], color=palette.CURRENT, scale_factor=1.15))
            if changes:
                self.play(*changes)
            flat = rollings[-1].tangent
            if flat is not None:
                self.play(Indicate(flat, color=palette.GRADIENT, scale_factor=1.3))
            self.play(*[Indicate(r.mob, color=palette.CURRENT, scale_factor=1.8) for r in rollings], run_time=1.2)
            self.play(*[Indicate(r.numbers[2:], color=palette.CURRENT, scale_factor=1.15) for r in rollings],
                      run_time=1.5)

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
                dot = self.mark(rolling.i, small=True).move_to(plot.p(t0, c0))
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
        rows = VGroup(*[VGroup(self.mark(i), self.label("gd.steps", palette.SMALL_SIZE, self.color, name=f"P{i + 1}",
                                                        steps=r["steps"], theta=num(r["thetas"][-1]),
                                                        rel=rel(r["thetas"][-1]))).arrange(RIGHT, buff=0.15)
                        for i, r in enumerate(runs)]).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        rows.move_to([4.2, self.panel_top - 1.0, 0])
        keep_inside(rows)   # long numbers
        leftovers = [m for r in rollings for m in (r.tangent, r.numbers) if m is not None]
        key = "gd.cap.summary_diverged" if any(r["diverged"] for r in runs) else "gd.cap.summary"
        with self.beat("summary", key, s1=runs[0]["steps"], s2=runs[-1]["steps"], eta=stated(self.trace["lr"])):
            self.play(*[FadeOut(m) for m in leftovers], FadeIn(rows, shift=0.2 * UP))
            self.play(Indicate(head[1], color=palette.GRADIENT))
            # each run's steps again, one mark after the other: big steps first, ever smaller ones
            for r in rollings:
                if len(r.trail):
                    self.play(LaggedStart(*[Indicate(d, color=palette.CURRENT, scale_factor=2.2) for d in r.trail],
                                          lag_ratio=0.25), run_time=2.2)
            self.wait(0.5)
