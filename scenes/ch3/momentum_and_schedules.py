"""Chapter 3: Momentum and learning-rate schedules."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, UR, Arrow, Circle, Create, DashedLine, Dot, FadeIn, FadeOut, GrowFromCenter,
                   Indicate, LaggedStart, MathTex, ReplacementTransform, VGroup, Write, rate_functions)
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
    decay: eta_t over the steps and the descent it drives, beside a constant rate eta_max that keeps
    bouncing (its factor 1 - eta_max C'' is near -1), replayed with its distance to the minimum. Each
    beat is one line of `construct`; the methods below build what the beat shows."""

    per_step = 0.22

    def construct(self):
        self.header = self.title_card()
        tr, sc = self.trace, self.trace["schedule"]
        plain, mom, low = tr["plain"], tr["momentum"], tr["momentum_low"]
        self.bumpy()
        with self.beat("curve", "momentum.cap.curve"):
            self.show_curve()
        with self.beat("plain", "momentum.cap.plain", eta=stated(tr["lr"]), steps=plain["steps"],
                       theta=num(plain["thetas"][-1])):
            self.plain_run()
        with self.beat("rule", "momentum.cap.rule", beta=stated(tr["beta"])):
            self.show_rule()
        for name, key, a, b in self.escape_parts():
            with self.beat(name, key, theta=num(mom["thetas"][-1]), steps=mom["steps"], beta=stated(tr["beta"])):
                self.escape(name, a, b)
        stays = abs(low["thetas"][-1] - self.local_t) < 0.5
        with self.beat("little", "momentum.cap.little" if stays else "momentum.cap.little_escapes",
                       beta=stated(tr["beta_low"]), theta=num(low["thetas"][-1]), steps=low["steps"]):
            self.little_run(stays)
        with self.beat("maybe", "momentum.cap.maybe"):
            self.maybe()
        with self.beat("sgd", "momentum.cap.sgd"):
            self.sgd()
        self.schedule_parts()
        m, run, const = sc["curve"]["minimum"], sc["run"], sc["constant"]
        with self.beat("schedule", "momentum.cap.schedule", eta_max=stated(sc["eta_max"]),
                       eta_min=stated(sc["eta_min"])):
            self.show_schedule()
        lag = abs(const["thetas"][min(run["steps"], const["steps"])] - m)   # the ring's distance then
        with self.beat("decay", "momentum.cap.decay", steps=run["steps"], d=num(lag)):
            self.decay()
        with self.beat("constant", "momentum.cap.constant", eta_max=stated(sc["eta_max"]), f=num(sc["factor"]),
                       steps=const["steps"], d=num(abs(const["thetas"][-1] - m))):
            self.constant()
        with self.beat("global", "momentum.cap.global"):
            self.one_rate()

    # -- the bumpy cost: plain descent, momentum, less momentum ------------------------------------------
    def bumpy(self):
        """The bumpy curve with its dip and its deepest point named, the legend and the rules: placed,
        not shown yet."""
        tr = self.trace
        self.trail = VGroup()
        plain = tr["plain"]
        plot = CostCurve(tr["curve"], width=10.4, height=3.9, ticks=(8, 3)).move_to(0.2 * RIGHT + 0.4 * DOWN)
        self.plot = plot
        self.rules = VGroup(MathTex(TEX["velocity"], font_size=SIZE),
                            MathTex(TEX["momentum-step"], font_size=SIZE),
                            MathTex(rf"\beta = {tex_stated(tr['beta'])},\ \eta = {tex_stated(tr['lr'])}",
                                    font_size=SIZE))
        self.rules.arrange(RIGHT, buff=0.8).move_to(2.55 * UP)
        self.local_t = plain["thetas"][-1]
        self.low = min(range(len(plot.cs)), key=lambda j: plot.cs[j])
        # the dip's name under the wall, left of the dip, an arrow across to it: the balls and their -v
        # arrows pass above it, the y axis is well to its left
        dip = plot.p(self.local_t, plain["costs"][-1])
        dip_text = self.label("momentum.local", palette.SMALL_SIZE, palette.DIM)
        dip_text.move_to(dip + 2.0 * LEFT + 0.4 * UP)
        dip_name = VGroup(dip_text, Arrow(dip_text.get_right(), dip + 0.16 * (LEFT + UP), buff=0.1, color=palette.DIM,
                                          stroke_width=3, max_tip_length_to_length_ratio=0.2))
        deep = plot.p(plot.ts[self.low], plot.cs[self.low])
        deep_text = self.label("momentum.global", palette.SMALL_SIZE, palette.DIM)
        deep_text.move_to(deep + 1.45 * UP + 0.8 * RIGHT)
        deep_name = VGroup(deep_text, Arrow(deep_text.get_bottom(), deep + 0.22 * UP, buff=0.08, color=palette.DIM,
                                            stroke_width=3, max_tip_length_to_length_ratio=0.2))
        self.names = VGroup(dip_name, deep_name)
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
        self.legend = legend.move_to(plot.p(plot.x_bounds[1], plot.y_bounds[1]), aligned_edge=UR).shift(0.1 * DOWN)

    def show_curve(self):
        plot = self.plot
        self.play(FadeIn(plot.axes), FadeIn(plot.ticks), FadeIn(plot.x_label), FadeIn(plot.y_label))
        self.play(Create(plot.graph), run_time=1.5)
        self.play(FadeIn(self.names[0]))
        self.play(FadeIn(self.names[1]))

    def plain_run(self):
        """Plain descent into the dip; then the flat tangent there: the slope is 0."""
        plain = self.trace["plain"]
        ball = self.plot.ball(plain["thetas"][0], plain["costs"][0], color=palette.CURRENT)
        self.play(FadeIn(ball, scale=2), FadeIn(self.legend[0]))
        self.roll(plain, ball, per_step=0.3)
        ts, cs, slopes = plain["thetas"], plain["costs"], plain["slopes"]
        self.flat = self.plot.tangent(ts[-1], cs[-1], slopes[-1], length=1.0)   # short: clear of the dip's arrow
        self.play(Create(self.flat), Indicate(ball, color=palette.CURRENT, scale_factor=1.6))
        self.balls = [ball]

    def show_rule(self):
        ball, rules = self.balls[0], self.rules
        self.play(ball.animate.set_color(palette.DIM), self.legend[0].animate.set_color(palette.DIM),
                  FadeOut(self.flat), Write(rules[0]), run_time=1.5)
        self.play(Indicate(rules[0][0][4:9], color=palette.GRADIENT))   # beta v_{t-1}: the past kept
        self.play(Write(rules[1]), Write(rules[2]), run_time=1.5)
        self.play(Indicate(rules[2][0][:5], color=palette.CURRENT))   # beta as given

    def escape_parts(self):
        """The beta run in beats (name, caption, first step, end): down the wall, through the dip and
        over the bump, on into the bowl; one beat when it does not escape."""
        mom, plot, local_t = self.trace["momentum"], self.plot, self.local_t
        ts, steps = mom["thetas"], mom["steps"]
        hump = max((j for j in range(len(plot.ts)) if local_t < plot.ts[j] < plot.ts[self.low]),
                   key=lambda j: plot.cs[j], default=None)
        into_dip = next((k for k, t in enumerate(ts) if t > local_t), steps) - 1
        past_hump = next((k for k, t in enumerate(ts) if hump is not None and t > plot.ts[hump]), steps)
        over = min(past_hump + 2, steps - 1)   # a little beyond the bump: what the words describe
        escaped = ts[-1] > local_t + 1.0
        if escaped and 0 < into_dip < over < steps:
            return [("momentum", "momentum.cap.speed", 0, into_dip), ("through", "momentum.cap.through", into_dip, over),
                    ("settle", "momentum.cap.momentum", over, steps)]
        return [("momentum", "momentum.cap.momentum" if escaped else "momentum.cap.stuck", 0, steps)]

    def escape(self, name, a, b):
        """One stretch of the beta run, the -v arrow riding on the ball; slow down the wall (the words
        describe each step), quicker through the dip, quicker still after."""
        mom = self.trace["momentum"]
        if name == "momentum":
            self.balls.append(self.plot.ball(mom["thetas"][0], mom["costs"][0], color=palette.CURRENT))
            self.play(FadeIn(self.balls[1], scale=2), FadeIn(self.legend[1]))
            self.arrow = None
        pace = {"momentum": 0.55, "through": 0.4}.get(name, 0.3)
        last = b == mom["steps"]
        # the -v arrow stays on between the beats: it is what the words point at
        self.arrow = self.roll(mom, self.balls[1], velocity=True, steps=range(a, b), per_step=pace, arrow=self.arrow,
                               keep=not last)
        if last:   # near the deepest point: the name and the ball
            self.play(Indicate(self.names[1], color=palette.TEXT), Indicate(self.balls[1], color=palette.CURRENT))

    def little_run(self, stays):
        """The same start with beta_low: the ring, the rule shows its beta while it runs."""
        tr, plot, rules = self.trace, self.plot, self.rules
        low = tr["momentum_low"]
        ring = Circle(radius=0.2, color=palette.CURRENT, stroke_width=5).move_to(
            plot.p(low["thetas"][0], low["costs"][0])).set_z_index(4)
        ring.full_opacity, ring.hollow = 1.0, True
        low_rule = MathTex(rf"\beta = {tex_stated(tr['beta_low'])},\ \eta = {tex_stated(tr['lr'])}", font_size=SIZE)
        low_rule.move_to(rules[2])
        # the rule shows the beta of the run that plays; the last run dims
        self.play(self.balls[1].animate.set_color(palette.DIM), self.legend[1].animate.set_color(palette.DIM),
                  FadeOut(rules[2]))
        self.play(FadeIn(low_rule), FadeIn(ring, scale=2), FadeIn(self.legend[2]))
        rules.submobjects[2] = low_rule
        self.roll(low, ring, velocity=True, per_step=0.3)
        self.play(Indicate(self.names[0 if stays else 1], color=palette.TEXT), Indicate(ring, color=palette.CURRENT))
        self.balls.append(ring)

    def maybe(self):
        remark = note(self.label("momentum.maybe", palette.SMALL_SIZE, palette.TEXT), color=palette.DIM)
        self.remark = remark.move_to(self.rules)
        self.play(FadeOut(self.rules), run_time=0.5)   # one after the other: no two texts overlaid
        self.play(FadeIn(remark))
        # the two runs from the same start that ended apart: one beyond the dip, one in it
        self.play(Indicate(self.balls[1], color=palette.CURRENT), Indicate(self.legend[1], color=palette.TEXT))
        self.play(Indicate(self.balls[2], color=palette.CURRENT), Indicate(self.legend[2], color=palette.TEXT))

    def sgd(self):
        """All the points (plain descent), one random sample, a small batch."""
        sgd = note(VGroup(self.label("momentum.sgd", palette.SMALL_SIZE, palette.TEXT),
                          self.label("momentum.sgd2", palette.SMALL_SIZE, palette.TEXT)).arrange(DOWN, buff=0.1),
                   color=palette.DIM, pad=0.12)
        sgd.move_to(1.2 * UP)   # the plot has gone: the note and its picture take the middle
        keep_inside(sgd)
        n = 12
        points = VGroup(*[Dot(radius=0.16, color=palette.INPUT) for _ in range(n)]).arrange(RIGHT, buff=0.32)
        points.next_to(sgd, DOWN, buff=0.35)
        batches = ([7], [1, 4, 10])   # a fixed draw: the picture, not a computation
        self.play(FadeOut(self.remark), FadeOut(self.plot), FadeOut(self.names), FadeOut(self.legend),
                  FadeOut(self.trail), *[FadeOut(b) for b in self.balls], run_time=0.8)
        self.play(FadeIn(sgd), LaggedStart(*[FadeIn(d, scale=1.5) for d in points], lag_ratio=0.1))
        for pick in batches:
            self.play(*[d.animate.set_color(palette.INPUT if j in pick else palette.DIM)
                        for j, d in enumerate(points)], run_time=0.8)
            self.play(*[Indicate(points[j], color=palette.INPUT, scale_factor=1.6) for j in pick], run_time=1.2)
        self.sgd_note = VGroup(sgd, points)

    def roll(self, run, ball, velocity=False, steps=None, per_step=None, arrow=None, keep=False):
        """Replay a run's steps on the bumpy curve; with `velocity`, an arrow rides on the ball showing -v
        (the direction it moves, and how fast: its length is proportional to |v|). Steps too small to
        see go quicker. `arrow`: one left on by the last call; `keep`: leave the last arrow on (returned)."""
        plot = self.plot
        ts, cs = run["thetas"], run["costs"]
        per_step = per_step or self.per_step
        fastest = max((abs(v) for v in run["velocities"]), default=0.0) or 1.0
        for k in (range(run["steps"]) if steps is None else steps):
            if plot.inside(ts[k], cs[k]):   # a trail: the gaps between its dots are the ball's speed
                self.trail.add(Dot(plot.p(ts[k], cs[k]), radius=0.07, color=palette.DIM).set_z_index(1))
                self.add(self.trail[-1])
            seconds = plot.step_time(ts[k], cs[k], ts[k + 1], cs[k + 1], per_step)
            anims = [plot.move_ball(ball, ts[k], cs[k], ts[k + 1], cs[k + 1], run_time=seconds,
                                    rate_func=rate_functions.linear)]
            if arrow is not None:
                self.remove(arrow)
                arrow = None
            if velocity and plot.inside(ts[k], cs[k]) and abs(run["velocities"][k]) / fastest > 0.06:
                arrow = self.velocity_arrow(ball, -run["velocities"][k] / fastest)
                self.add(arrow)
                offset = arrow.get_center() - ball.get_center()
                anims.append(following(arrow, lambda m, o=offset: m.move_to(ball.get_center() + o)))
            self.play(*anims, run_time=seconds)
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

    # -- a schedule: cosine decay against a constant rate ---------------------------------------------------
    def schedule_parts(self):
        """The rate plot with eta_t, the bowl, the legend, the readouts and the formula: placed, not shown."""
        sc = self.trace["schedule"]
        lrs, run = sc["lrs"], sc["run"]
        T = len(lrs) - 1
        self.rates = EdgePlot(nice_range(0, T, 6), nice_range(0, max(lrs), 4), width=4.6, height=2.8, x_label="t",
                              y_label=r"\eta_t").move_to(3.55 * LEFT + 0.3 * DOWN)
        self.rate_dots = VGroup(*[Dot(self.rates.p(t, e), radius=0.06, color=palette.TEXT) for t, e in enumerate(lrs)])
        # the rate as the smooth curve it is (the trace samples it between the steps too)
        self.rate_line = self.rates.curve(sc["smooth"]["t"], sc["smooth"]["eta"], color=palette.DIM, stroke_width=3)
        self.rate_line.make_smooth()
        self.cursor = Dot(self.rates.p(0, lrs[0]), radius=0.13, color=palette.CURRENT).set_z_index(3)
        self.bowl = CostCurve(sc["curve"], width=5.2, height=2.8, ticks=(4, 3)).move_to(3.3 * RIGHT + 0.3 * DOWN)
        self.formula = MathTex(TEX["cosine"], font_size=SIZE).move_to(2.6 * UP)   # its values row clear of C(θ)
        self.values = MathTex(rf"\eta_{{\max}} = {tex_stated(sc['eta_max'])},\ "
                              rf"\eta_{{\min}} = {tex_stated(sc['eta_min'])},\ T = {T}",
                              font_size=SIZE - 4, color=palette.DIM).next_to(self.formula, DOWN, buff=0.15)
        self.ball = self.bowl.ball(run["thetas"][0], run["costs"][0], color=palette.CURRENT, radius=0.11)
        # the constant rate's ball: a ring around where it is, drawn over the other, so neither hides
        self.ring = Circle(radius=0.19, color=palette.TEXT, stroke_width=4).move_to(self.ball).set_z_index(4)
        self.pair = legend_row((Dot(radius=0.1, color=palette.CURRENT),
                                self.label("momentum.cosine", palette.SMALL_SIZE)),
                               (Circle(radius=0.12, color=palette.TEXT, stroke_width=4),
                                self.label("momentum.constant", palette.SMALL_SIZE, palette.TEXT,
                                           eta=stated(sc["eta_max"]))))
        keep_inside(self.pair.next_to(self.bowl, DOWN, buff=0.3))
        self.now = VGroup(readout("t", 0, size=SIZE - 4), readout(r"\eta_t", lrs[0], palette.TEXT, size=SIZE - 4))
        self.now.arrange(RIGHT, buff=0.6).next_to(self.rates, DOWN, buff=0.3).match_y(self.pair)

    def show_schedule(self):
        self.play(FadeOut(self.sgd_note), run_time=0.5)
        self.play(Write(self.formula), FadeIn(self.values))
        self.play(FadeIn(self.rates))
        self.play(Create(self.rate_line), LaggedStart(*[FadeIn(d) for d in self.rate_dots], lag_ratio=0.1),
                  run_time=1.5)
        # from eta_max down to eta_min: the two ends of the curve
        self.play(Indicate(self.rate_dots[0], color=palette.CURRENT, scale_factor=2.5))
        self.play(Indicate(self.rate_dots[-1], color=palette.CURRENT, scale_factor=2.5))

    def decay(self):
        """Step t of both runs: the marker on eta_t, then the balls (the cosine one and the constant ring)."""
        sc = self.trace["schedule"]
        lrs, run, const, bowl, now = sc["lrs"], sc["run"], sc["constant"], self.bowl, self.now
        self.play(FadeIn(bowl), FadeIn(self.pair), FadeIn(self.cursor, scale=2), FadeIn(now))
        self.play(FadeIn(self.ball, scale=2), Create(self.ring))
        for t in range(max(run["steps"], const["steps"])):
            # the readout turns to t as the marker sets off for t; the balls then take step t
            now[0].number.set_value(t)
            set_number(now[1].number, lrs[t], max_places=4)   # 3 figures: 0.0500
            if t:
                self.play(self.cursor.animate.move_to(self.rates.p(t, lrs[t])), run_time=0.3)
            anims = []
            for r, b in ((run, self.ball), (const, self.ring)):
                if t < r["steps"]:
                    anims.append(bowl.move_ball(b, r["thetas"][t], r["costs"][t], r["thetas"][t + 1],
                                                r["costs"][t + 1]))
            if anims:
                self.play(*anims, run_time=0.6)
        self.play(Indicate(self.ring, color=palette.TEXT, scale_factor=1.5))

    def constant(self):
        """The constant run once more, from the start, with its distance to theta*: every step flips side
        and shrinks by |f| only."""
        sc = self.trace["schedule"]
        const, bowl, m = sc["constant"], self.bowl, sc["curve"]["minimum"]
        self.factor = MathTex(rf"\eta = {tex_stated(sc['eta_max'])}:\ \ \theta_{{t+1}} - \theta^* = "
                              rf"{tex_factor(sc['factor'])}\,(\theta_t - \theta^*),\quad \theta^* = {tex_stated(m)}",
                              font_size=SIZE - 4, color=palette.TEXT).move_to(self.values)
        star = VGroup(DashedLine(bowl.p(m, bowl.y_bounds[0]), bowl.p(m, 0.75 * bowl.y_bounds[1]), color=palette.DIM,
                                 stroke_width=2))
        star.add(MathTex(r"\theta^*", font_size=SIZE - 4, color=palette.DIM).next_to(star[0], UP, buff=0.08))
        self.play(FadeOut(self.values), run_time=0.5)   # one after the other: no two texts overlaid
        self.play(Write(self.factor), run_time=1.5)
        self.play(Create(star[0]), FadeIn(star[1]))
        ts, cs = const["thetas"], const["costs"]
        ghost = Circle(radius=0.19, color=palette.TEXT, stroke_width=4).move_to(bowl.p(ts[0], cs[0]))
        ghost.full_opacity, ghost.hollow = 1.0, True
        gap = bowl.gap(ts[0], cs[0], size=SIZE - 10)
        self.play(FadeIn(ghost), GrowFromCenter(gap[0]), FadeIn(gap[1]))
        marks = VGroup()
        for t in range(const["steps"]):
            if t == const["steps"] // 2:   # half way: the factor that every step applies
                self.play(Indicate(self.factor, color=palette.TEXT, scale_factor=1.1))
            marks.add(Dot(bowl.p(ts[t], cs[t]), radius=0.08, color=palette.DIM))
            self.add(marks[-1])
            new = bowl.gap(ts[t + 1], cs[t + 1], size=SIZE - 10)
            self.play(bowl.move_ball(ghost, ts[t], cs[t], ts[t + 1], cs[t + 1]),
                      ReplacementTransform(gap[0], new[0]), gap[1].animate.move_to(new[1]), run_time=0.4)
            gap.submobjects[0] = new[0]
            set_number(gap[1], abs(ts[t + 1] - m))   # the counter shows the new distance once there
        self.play(Indicate(gap[1], color=palette.TEXT, scale_factor=1.5))
        self.play(FadeOut(marks), FadeOut(gap), run_time=0.4)
        self.play(FadeOut(ghost), Indicate(self.ring, color=palette.TEXT))

    def one_rate(self):
        remark = note(VGroup(self.label("momentum.one_rate", palette.SMALL_SIZE, palette.TEXT),
                             self.label("momentum.per_param", palette.SMALL_SIZE, palette.DIM)).arrange(DOWN, buff=0.12),
                      color=palette.DIM)
        # in the formulas' place, clear of the title and the plots
        remark.move_to(VGroup(self.formula, self.factor)).set_y(2.35)
        keep_inside(remark)
        self.play(FadeOut(self.formula), FadeOut(self.factor), run_time=0.5)
        self.play(FadeIn(remark[0]), FadeIn(remark[1][0]))
        self.play(Indicate(self.rate_line, color=palette.TEXT), Indicate(self.cursor, color=palette.TEXT), run_time=1.5)
        self.play(FadeIn(remark[1][1], shift=0.2 * DOWN))
        self.wait(1)

