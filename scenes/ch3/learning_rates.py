"""Chapter 3: The learning rate."""
from __future__ import annotations

from manim import (DOWN, RIGHT, UP, Dot, FadeIn, FadeOut, GrowArrow, GrowFromCenter, Indicate, LaggedStart,
                   MathTex, VGroup,
                   Write)
from scenes.kit import palette
from scenes.kit.plots import (CostCurve, readout, set_number)
from scenes.kit.frame import keep_inside
from scenes.kit.fmt import num, stated, tex_num, tex_stated
from scenes.ch3.common import Chapter3Scene, SIZE


# -- LearningRates --------------------------------------------------------------------------------------
class LearningRates(Chapter3Scene):
    """Three panels on one scale: eta too small crawls, about right converges, a bit too large oscillates
    and still converges. Then the too-large side in full: that panel moves left and two more come in, a
    rate that bounces forever at the edge and one that diverges. The factor 1 - eta C'' behind all of
    them closes. A ball whose next point is off the chart flies to the chart's edge and fades there."""

    per_step = 0.45
    slots = 3

    def construct(self):
        self.title_card()
        tr = self.trace
        runs = tr["runs"]
        self.keyframes = [[] for _ in runs]
        cards = [self.card(r) for r in runs]
        self.places = self.slot_places(cards[0])
        for k, card in enumerate(cards[:self.slots]):
            card.move_to(self.places[k])
        first = cards[:self.slots]
        with self.beat("intro", "lr.cap.intro", start=stated(tr["start"]), steps=tr["steps"]):
            self.play(LaggedStart(*[FadeIn(c.plot) for c in first], lag_ratio=0.2), *[Write(c.head) for c in first])
            self.play(*[FadeIn(c.ball, scale=2) for c in first], *[FadeIn(c.numbers) for c in first])
            self.wait(0.5)
        for i in range(self.slots):
            self.show_run(i, runs[i], cards[i])
        # the too-large side: the oscillating panel moves left, the edge and the diverging rate come in
        later = cards[self.slots:]
        with self.beat("more", "lr.cap.more"):
            self.play(*[FadeOut(c) for c in cards[:self.slots - 1]])
            # sideways only: it keeps its height (it carries its verdict, the new cards do not yet)
            self.play(cards[self.slots - 1].animate.shift((self.places[0][0] - self.places[self.slots - 1][0]) * RIGHT))
            for k, card in enumerate(later, start=1):
                card.move_to(self.places[k])
            self.play(LaggedStart(*[FadeIn(c.plot) for c in later], lag_ratio=0.3),
                      *[Write(c.head) for c in later])
            self.play(*[FadeIn(c.ball, scale=2) for c in later], *[FadeIn(c.numbers) for c in later])
        for i, card in enumerate(later, start=self.slots):
            self.show_run(i, runs[i], card)
        shown = cards[self.slots - 1:]
        self.factors(runs[self.slots - 1:], shown)
        with self.beat("summary", "lr.cap.summary"):
            for c in shown:
                self.play(Indicate(c.verdict, color=palette.TEXT), Indicate(c.factor, color=palette.GRADIENT),
                          run_time=1.0)

    def card(self, run) -> VGroup:
        """One rate's panel: the curve (one scale for all), its eta above, the ball, step and cost below."""
        tr = self.trace
        plot = CostCurve(tr["curve"], width=2.9, height=2.1, ticks=(5, 3))
        # the rates are given (eta) or set by design (1.5, 2, 2.2 over C''): written as stated
        head = MathTex(rf"\eta = {tex_stated(run['lr'])}", font_size=palette.MATH_SIZE - 4).next_to(plot, UP, buff=0.15)
        ball = plot.ball(run["thetas"][0], run["costs"][0], color=palette.CURRENT, radius=0.16)
        counter = self.counter(0, color=palette.TEXT)
        cost = readout("C", run["costs"][0], palette.COST, size=SIZE - 2)
        numbers = VGroup(counter, cost).arrange(RIGHT, buff=0.45).next_to(plot, DOWN, buff=0.3)
        card = VGroup(plot, head, ball, numbers)
        card.plot, card.head, card.ball, card.numbers = plot, head, ball, numbers
        card.counter, card.cost, card.trail, card.gone = counter, cost, VGroup(), False
        card.add(card.trail)
        return card

    def slot_places(self, card):
        gap = 0.35
        width = card.plot.width
        xs = [(k - (self.slots - 1) / 2) * (width + gap) for k in range(self.slots)]
        return [[x, 0.45, 0] for x in xs]

    def show_run(self, i, run, card):
        verdict = self.label(f"lr.verdict.{run['verdict']}", palette.SMALL_SIZE - 2, palette.TEXT)
        verdict.next_to(card.numbers, DOWN, buff=0.2)
        card.verdict = verdict
        with self.beat(f"eta{i + 1}", f"lr.cap.{run['verdict']}", eta=stated(run["lr"]), steps=run["steps"],
                       theta=num(run["thetas"][-1]), c=num(run["costs"][-1])):
            self.play(Indicate(card.head, color=palette.TEXT))   # "eta = ... is"
            if run["factor"] < 0:   # too large: two jumps, then their distances to the minimum side by side
                self.run(i, run, card, range(min(2, run["steps"])))
                card.gaps = self.gaps(run, card)
                self.play(LaggedStart(*[GrowFromCenter(g) for g in card.gaps], lag_ratio=0.6), run_time=1.6)
                card.add(card.gaps)
                # the rest quicker: the regime is on screen, the counters tell how it goes on
                self.run(i, run, card, range(min(2, run["steps"]), run["steps"]), per_step=0.3)
            else:
                self.run(i, run, card, range(run["steps"]))
            self.play(FadeIn(verdict, shift=0.2 * UP), Indicate(card.cost, color=palette.COST))
            card.add(verdict)

    def factors(self, runs, cards):
        """The one line behind the too-large panels: each step multiplies the distance to the minimum by
        1 - eta C'' (the trace's factor). Each panel's factor replaces its counters, the rule goes under."""
        tr = self.trace
        m = tr["curve"]["minimum"]
        rule = MathTex(rf"\theta_{{k+1}} - {tex_stated(m)} = (1 - \eta\,C'')\,(\theta_k - {tex_stated(m)}),"
                       rf"\quad C'' = {tex_stated(tr['curvature'])}", font_size=SIZE - 4, color=palette.GRADIENT)
        rows = []
        for r, c in zip(runs, cards):
            row = MathTex(rf"1 - \eta\,C'' = {tex_num(r['factor'])}", font_size=SIZE, color=palette.GRADIENT)
            rows.append(row.move_to(c.numbers))
            c.factor = row
        keep_inside(rule.next_to(VGroup(*[c.verdict for c in cards]), DOWN, buff=0.25))
        fields = {f"f{i + 1}": num(r["factor"]) for i, r in enumerate(runs)}
        with self.beat("factor", "lr.cap.factor", **fields):
            self.play(Write(rule), run_time=2.0)
            for c, row in zip(cards, rows):   # "here -0.5, -1 and -1.2"
                self.play(FadeOut(c.numbers), run_time=0.4)
                self.play(FadeIn(row, shift=0.2 * UP), run_time=0.8)
            # each regime as the voice names it: shrinks, stays the same, grows
            for c in cards:
                self.play(Indicate(c.factor, color=palette.GRADIENT), Indicate(c.gaps, color=palette.TEXT,
                                                                                scale_factor=1.15), run_time=1.3)

    def gaps(self, run, card) -> VGroup:
        """|theta_0 - min| and |theta_1 - min| as arrows out from the minimum at each point's height, with
        their lengths: the second over the first is |1 - eta C''| (shorter, equal, longer)."""
        plot = card.plot
        return VGroup(*[plot.gap(run["thetas"][k], run["costs"][k], size=SIZE - 10) for k in (0, 1)
                        if plot.inside(run["thetas"][k], run["costs"][k])])

    def run(self, i, run, card, steps, per_step=None):
        """The run's `steps` on its card: the ball moves (a step too small to see goes quicker), its trail
        grows, the counters follow; once off the chart the counters run on alone."""
        ts, cs = run["thetas"], run["costs"]
        plot, ball = card.plot, card.ball
        for k in steps:
            if not card.gone:
                dot = Dot(plot.p(ts[k], cs[k]), radius=0.06, color=palette.DIM)
                card.trail.add(dot)
                self.add(dot)
                seconds = plot.step_time(ts[k], cs[k], ts[k + 1], cs[k + 1], per_step or self.per_step)
                self.play(plot.move_ball(ball, ts[k], cs[k], ts[k + 1], cs[k + 1], run_time=seconds * (
                    2 if not plot.inside(ts[k + 1], cs[k + 1]) else 1)))
                if plot.inside(ts[k + 1], cs[k + 1]):
                    self.keyframes[i].append(plot.coords(ball.get_center())[0])
                else:
                    card.gone = True
                    card.remove(ball)
                    self.remove(ball)
                    off = self.label("lr.off_chart", palette.SMALL_SIZE - 4, palette.COST)
                    # above the chart, right of its C label, where the exit arrow points: clear of the
                    # parabola's arms and the distance arrows
                    off.set_y(plot.y_label.get_y()).set_x(plot.p(plot.x_bounds[1], 0)[0] - off.width / 2)
                    off.add_background_rectangle(color=palette.BACKGROUND, opacity=0.85, buff=0.05)
                    out = plot.exit_arrow(ts[k], cs[k], ts[k + 1], cs[k + 1], color=palette.COST)
                    card.add(off, *([out] if out else []))
                    self.play(FadeIn(off), *([GrowArrow(out)] if out else []), run_time=0.5)
            else:
                self.wait((per_step or self.per_step) * 0.5)   # the counters run on, quicker: nothing left to watch
            card.counter.number.set_value(k + 1)
            set_number(card.cost.number, cs[k + 1])
