"""Chapter 3: Momentum and learning-rate schedules."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, UR, Arrow, Circle, Create, DashedLine, Dot, FadeIn, FadeOut, Indicate, LaggedStart, MathTex, ReplacementTransform, VGroup, Write, rate_functions)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.plots import (CostCurve, EdgePlot, nice_range,
                                readout, set_number)
from scenes.kit.frame import keep_inside
from scenes.kit.fmt import num, stated, tex_factor, tex_stated
from scenes.kit.parts import following, legend_row, note
from scenes.ch3.common import Chapter3Scene, SIZE


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
        self.trail = VGroup()
        plain, mom, low_run = tr["plain"], tr["momentum"], tr["momentum_low"]
        plot = CostCurve(tr["curve"], width=10.4, height=3.9, ticks=(8, 3)).move_to(0.2 * RIGHT + 0.4 * DOWN)
        self.plot = plot
        rules = VGroup(MathTex(TEX["velocity"], font_size=SIZE),
                       MathTex(TEX["momentum-step"], font_size=SIZE),
                       MathTex(rf"\beta = {tex_stated(tr['beta'])},\ \eta = {tex_stated(tr['lr'])}", font_size=SIZE))
        rules.arrange(RIGHT, buff=0.8).move_to(2.55 * UP)
        local_t = plain["thetas"][-1]
        low = min(range(len(plot.cs)), key=lambda j: plot.cs[j])
        names = VGroup()
        # the dip's name under the left wall, left of the dip: the balls and their -v arrows (above them)
        # pass over it, and the y axis is well to its left
        dip = plot.p(local_t, plain["costs"][-1])
        dip_text = self.label("momentum.local", palette.SMALL_SIZE, palette.DIM)
        dip_text.move_to(dip + 1.7 * LEFT + 0.35 * UP)
        names.add(VGroup(dip_text, Arrow(dip_text.get_right(), dip + 0.15 * LEFT, buff=0.1, color=palette.DIM,
                                         stroke_width=3, max_tip_length_to_length_ratio=0.2)))
        deep = plot.p(plot.ts[low], plot.cs[low])
        deep_text = self.label("momentum.global", palette.SMALL_SIZE, palette.DIM).move_to(deep + 1.45 * UP + 0.8 * RIGHT)
        names.add(VGroup(deep_text, Arrow(deep_text.get_bottom(), deep + 0.22 * UP, buff=0.08, color=palette.DIM,
                                          stroke_width=3, max_tip_length_to_length_ratio=0.2)))
        # the ball being worked on is CURRENT, a finished run DIM; the shape tells the runs apart (the
        # beta_low ball is a ring: it ends where the plain one did, around it)
        entries = [(Dot(radius=0.1, color=palette.CURRENT), self.label("momentum.plain", palette.SMALL_SIZE)),
                   (Dot(radius=0.1, color=palette.CURRENT),
                    self.label("momentum.with", palette.SMALL_SIZE, beta=stated(tr["beta"]))),
                   (Circle(radius=0.12, color=palette.CURRENT, stroke_width=4),
                    self.label("momentum.with", palette.SMALL_SIZE, beta=stated(tr["beta_low"])))]
        # a column in the empty top right, above the low right-hand side of the curve
        legend = VGroup(*[VGroup(*e).arrange(RIGHT, buff=0.15) for e in entries]).arrange(DOWN, aligned_edge=LEFT,
                                                                                         buff=0.15)
        legend.move_to(plot.p(plot.x_bounds[1], plot.y_bounds[1]), aligned_edge=UR).shift(0.1 * DOWN)
        with self.beat("curve", "momentum.cap.curve"):
            self.play(FadeIn(plot.axes), FadeIn(plot.ticks), FadeIn(plot.x_label), FadeIn(plot.y_label))
            self.play(Create(plot.graph), run_time=1.5)
            self.play(FadeIn(names))
            self.wait(0.5)

        ball = plot.ball(plain["thetas"][0], plain["costs"][0], color=palette.CURRENT)
        with self.beat("plain", "momentum.cap.plain", eta=stated(tr["lr"]), steps=plain["steps"],
                       theta=num(plain["thetas"][-1])):
            self.play(FadeIn(ball, scale=2), FadeIn(legend[0]))
            self.roll(plain, ball, per_step=0.3)
            self.wait(0.5)

        with self.beat("rule", "momentum.cap.rule", beta=stated(tr["beta"])):
            self.play(ball.animate.set_color(palette.DIM), legend[0].animate.set_color(palette.DIM))
            self.play(LaggedStart(*[Write(r) for r in rules], lag_ratio=0.6), run_time=3.5)
            self.play(Indicate(rules[0][0][4:9], color=palette.GRADIENT))   # beta v_{t-1}: the past kept
            self.wait(0.5)
        ball2 = plot.ball(mom["thetas"][0], mom["costs"][0], color=palette.CURRENT)
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
        # slow down the wall (the words describe each step), quicker through the dip, quicker still after
        paces = (0.55, 0.4, 0.22) if len(parts) == 3 else (0.3,)
        arrow = None
        for k, (name, key, a, b) in enumerate(parts):
            with self.beat(name, key, theta=num(ts[-1]), steps=mom["steps"], beta=stated(tr["beta"])):
                if k == 0:
                    self.play(FadeIn(ball2, scale=2), FadeIn(legend[1]))
                # the -v arrow stays on between the beats: it is what the words point at
                arrow = self.roll(mom, ball2, velocity=True, steps=range(a, b), per_step=paces[k], arrow=arrow,
                                  keep=k < len(parts) - 1)
                self.wait(0.3)

        ball3 = Circle(radius=0.2, color=palette.CURRENT, stroke_width=5).move_to(
            plot.p(low_run["thetas"][0], low_run["costs"][0])).set_z_index(4)
        ball3.full_opacity, ball3.hollow = 1.0, True
        low_rule = MathTex(rf"\beta = {tex_stated(tr['beta_low'])},\ \eta = {tex_stated(tr['lr'])}", font_size=SIZE)
        low_rule.move_to(rules[2])

        stays = abs(low_run["thetas"][-1] - local_t) < 0.5
        with self.beat("little", "momentum.cap.little" if stays else "momentum.cap.little_escapes",
                       beta=stated(tr["beta_low"]), theta=num(low_run["thetas"][-1]), steps=low_run["steps"]):
            # the rule shows the beta of the run that plays; the last run dims
            self.play(ball2.animate.set_color(palette.DIM), legend[1].animate.set_color(palette.DIM),
                      ReplacementTransform(rules[2], low_rule))
            rules.submobjects[2] = low_rule
            self.play(FadeIn(ball3, scale=2), FadeIn(legend[2]))
            self.roll(low_run, ball3, velocity=True, per_step=0.3)
            self.wait(0.5)
        remark = note(self.label("momentum.maybe", palette.SMALL_SIZE, palette.TEXT), color=palette.DIM).move_to(rules)
        with self.beat("maybe", "momentum.cap.maybe"):
            self.play(FadeOut(rules), run_time=0.5)   # one after the other: no two texts overlaid
            self.play(FadeIn(remark))
            self.wait(2)
        sgd = note(VGroup(self.label("momentum.sgd", palette.SMALL_SIZE, palette.TEXT),
                          self.label("momentum.sgd2", palette.SMALL_SIZE, palette.TEXT)).arrange(DOWN, buff=0.1),
                   color=palette.DIM, pad=0.12)
        sgd.move_to(1.2 * UP)   # the plot has gone: the note and its picture take the middle
        keep_inside(sgd)
        # a picture of the data: all the points (plain descent), one random sample, a small batch
        n = 12
        points = VGroup(*[Dot(radius=0.16, color=palette.INPUT) for _ in range(n)]).arrange(RIGHT, buff=0.32)
        points.next_to(sgd, DOWN, buff=0.35)
        batches = ([7], [1, 4, 10])   # a fixed draw: the picture, not a computation
        with self.beat("sgd", "momentum.cap.sgd"):
            self.play(FadeOut(remark), FadeOut(plot), FadeOut(names), FadeOut(legend), FadeOut(self.trail),
                      *[FadeOut(b) for b in (ball, ball2, ball3)], run_time=0.8)
            self.play(FadeIn(sgd), LaggedStart(*[FadeIn(d, scale=1.5) for d in points], lag_ratio=0.1))
            for pick in batches:
                self.play(*[d.animate.set_color(palette.INPUT if j in pick else palette.DIM)
                            for j, d in enumerate(points)], run_time=0.8)
                self.play(*[Indicate(points[j], color=palette.INPUT, scale_factor=1.6) for j in pick], run_time=1.2)
        self.balls = (ball, ball2, ball3)
        self.play(FadeOut(sgd), FadeOut(points))

    def roll(self, run, ball, velocity=False, steps=None, per_step=None, arrow=None, keep=False):
        """Replay a run's steps on the bumpy curve; with `velocity`, an arrow rides on the ball showing -v
        (the direction it moves, and how fast: its length is proportional to |v|). `arrow`: one left on
        by the last call; `keep`: leave the last arrow on (returned)."""
        plot = self.plot
        ts, cs = run["thetas"], run["costs"]
        per_step = per_step or self.per_step
        fastest = max((abs(v) for v in run["velocities"]), default=0.0) or 1.0
        for k in (range(run["steps"]) if steps is None else steps):
            if plot.inside(ts[k], cs[k]):   # a trail: the gaps between its dots are the ball's speed
                self.trail.add(Dot(plot.p(ts[k], cs[k]), radius=0.07, color=palette.DIM).set_z_index(1))
                self.add(self.trail[-1])
            anims = [plot.move_ball(ball, ts[k], cs[k], ts[k + 1], cs[k + 1], run_time=per_step,
                                    rate_func=rate_functions.linear)]
            if arrow is not None:
                self.remove(arrow)
                arrow = None
            if velocity and plot.inside(ts[k], cs[k]) and abs(run["velocities"][k]) / fastest > 0.06:
                arrow = self.velocity_arrow(ball, -run["velocities"][k] / fastest)
                self.add(arrow)
                offset = arrow.get_center() - ball.get_center()
                anims.append(following(arrow, lambda m, o=offset: m.move_to(ball.get_center() + o)))
            self.play(*anims, run_time=per_step)
        if arrow is not None and not keep:
            self.remove(arrow)
            arrow = None
        return arrow

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
        rate_dots = VGroup(*[Dot(rates.p(t, e), radius=0.06, color=palette.TEXT) for t, e in enumerate(lrs)])
        # the rate as the smooth curve it is (the trace samples it between the steps too)
        rate_line = rates.curve(sc["smooth"]["t"], sc["smooth"]["eta"], color=palette.DIM, stroke_width=3)
        rate_line.make_smooth()
        cursor = Dot(rates.p(0, lrs[0]), radius=0.13, color=palette.CURRENT).set_z_index(3)
        bowl = CostCurve(sc["curve"], width=5.2, height=2.8, ticks=(4, 3)).move_to(3.3 * RIGHT + 0.15 * DOWN)
        formula = MathTex(TEX["cosine"], font_size=SIZE).move_to(2.65 * UP)   # its values row clear of C(θ)
        values = MathTex(rf"\eta_{{\max}} = {tex_stated(sc['eta_max'])},\ \eta_{{\min}} = {tex_stated(sc['eta_min'])},"
                         rf"\ T = {T}", font_size=SIZE - 4, color=palette.DIM).next_to(formula, DOWN, buff=0.15)
        with self.beat("schedule", "momentum.cap.schedule", eta_max=stated(sc["eta_max"]), eta_min=stated(sc["eta_min"])):
            self.play(Write(formula), FadeIn(values))
            self.play(FadeIn(rates))
            self.play(Create(rate_line), LaggedStart(*[FadeIn(d) for d in rate_dots], lag_ratio=0.1), run_time=1.5)
            self.wait(1)
        ball = bowl.ball(run["thetas"][0], run["costs"][0], color=palette.CURRENT, radius=0.11)
        # the constant rate's ball: a ring around where it is, drawn over the other, so neither hides
        ring = Circle(radius=0.19, color=palette.TEXT, stroke_width=4).move_to(ball).set_z_index(4)
        legend = legend_row((Dot(radius=0.1, color=palette.CURRENT), self.label("momentum.cosine", palette.SMALL_SIZE)),
                            (Circle(radius=0.12, color=palette.TEXT, stroke_width=4),
                             self.label("momentum.constant", palette.SMALL_SIZE, palette.TEXT, eta=stated(sc["eta_max"]))))
        keep_inside(legend.next_to(bowl, DOWN, buff=0.3))
        now = VGroup(readout("t", 0, size=SIZE - 4), readout(r"\eta_t", lrs[0], palette.TEXT, size=SIZE - 4))
        now.arrange(RIGHT, buff=0.6).next_to(rates, DOWN, buff=0.3).match_y(legend)
        m = sc["curve"]["minimum"]
        lag = abs(const["thetas"][min(run["steps"], const["steps"])] - m)   # the ring's distance then
        with self.beat("decay", "momentum.cap.decay", steps=run["steps"], d=num(lag)):
            self.play(FadeIn(bowl), FadeIn(legend), FadeIn(cursor, scale=2), FadeIn(now))
            self.play(FadeIn(ball, scale=2), Create(ring))
            for t in range(max(run["steps"], const["steps"])):
                # the readout turns to t as the marker sets off for t; the balls then take step t
                now[0].number.set_value(t)
                set_number(now[1].number, lrs[t], max_places=4)   # 3 figures: 0.0500
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
        factor = MathTex(rf"\eta = {tex_stated(sc['eta_max'])}:\ \ \theta_{{t+1}} - \theta^* = "
                         rf"{tex_factor(sc['factor'])}\,(\theta_t - \theta^*),\quad \theta^* = {tex_stated(m)}",
                         font_size=SIZE - 4, color=palette.TEXT).move_to(values)
        star = VGroup(DashedLine(bowl.p(m, bowl.y_bounds[0]), bowl.p(m, 0.75 * bowl.y_bounds[1]), color=palette.DIM,
                                 stroke_width=2))
        star.add(MathTex(r"\theta^*", font_size=SIZE - 4, color=palette.DIM).next_to(star[0], UP, buff=0.08))
        with self.beat("constant", "momentum.cap.constant", eta_max=stated(sc["eta_max"]), f=num(sc["factor"]),
                       steps=const["steps"], d=num(abs(const["thetas"][-1] - m))):
            self.play(ReplacementTransform(values, factor))
            self.play(Create(star[0]), FadeIn(star[1]))
            # the constant run once more, from the start: every step flips side and shrinks by |f| only
            ghost = Circle(radius=0.19, color=palette.TEXT, stroke_width=4).move_to(bowl.p(const["thetas"][0],
                                                                                        const["costs"][0]))
            ghost.full_opacity, ghost.hollow = 1.0, True
            self.play(FadeIn(ghost))
            marks = VGroup()
            for t in range(const["steps"]):
                marks.add(Dot(bowl.p(const["thetas"][t], const["costs"][t]), radius=0.08, color=palette.DIM))
                self.add(marks[-1])
                self.play(bowl.move_ball(ghost, const["thetas"][t], const["costs"][t], const["thetas"][t + 1],
                                         const["costs"][t + 1]), run_time=0.45)
            self.play(FadeOut(marks), run_time=0.4)
            self.play(FadeOut(ghost), Indicate(ring, color=palette.TEXT))
        remark = note(VGroup(self.label("momentum.one_rate", palette.SMALL_SIZE, palette.TEXT),
                             self.label("momentum.per_param", palette.SMALL_SIZE, palette.DIM)).arrange(DOWN, buff=0.12),
                      color=palette.DIM)
        remark.move_to(VGroup(formula, factor)).set_y(2.3)   # in the formulas' place, clear of the title and the plots
        keep_inside(remark)
        with self.beat("global", "momentum.cap.global"):
            self.play(FadeOut(formula), FadeOut(factor), run_time=0.5)
            self.play(FadeIn(remark[0]), FadeIn(remark[1][0]))
            self.play(Indicate(rate_line, color=palette.TEXT), Indicate(cursor, color=palette.TEXT), run_time=1.5)
            self.play(FadeIn(remark[1][1], shift=0.2 * DOWN))
            self.wait(1)
