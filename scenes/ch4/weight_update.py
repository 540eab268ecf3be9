"""Chapter 4: Updating the weights."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, AnimationGroup, Create, DashedLine, FadeIn, FadeOut, Indicate, Integer,
                   LaggedStart, Line, UpdateFromAlphaFunc, VGroup, Write, rate_functions)
from scenes.kit import frame, palette
from scenes.kit.plots import readout, set_number
from scenes.kit.equation import computation, given, value
from scenes.kit.fmt import stated, tex_num, tex_stated
from scenes.kit.graph import partial, tex
from scenes.kit.parts import CurvePlot, nice_range
from scenes.kit.chain import CEILING, FORWARD, LAYOUT, MATH, SYMBOL, chain_graph, in_band, node_digits

PARAMS = ("w_o", "b_o", "w_i", "b_i")
from scenes.ch4.common import Chapter4Scene


def with_margin(r, share: float = 0.08):
    """An axis range a little longer than its last tick, so the arrow tip does not cover it."""
    lo, hi, step = r
    return lo, hi + share * (hi - lo), step


def node_highlight(name: str):
    return {"O": palette.OUTPUT, "h": palette.OUTPUT, "y": palette.TARGET}.get(name, palette.GRADIENT)


class WeightUpdate(Chapter4Scene):
    """The four parameters step against their gradients; a new forward pass has a smaller error; many
    epochs drive it down."""

    def construct(self):
        self.title_card()
        step = self.trace["step"]
        g = chain_graph(step["nodes"])
        values = g.with_values({n: step["nodes"][n] for n in LAYOUT})
        with self.beat("gradients", "update.cap.gradients"):
            grid = self.gradient_grid(step["gradients"])
            self.play(FadeIn(g), FadeIn(values))
            self.play(LaggedStart(*[FadeIn(c, shift=0.2 * UP) for c in grid], lag_ratio=0.3))
            self.wait(2.0)
        rule, rows = self.updates(g, grid)
        stale = self.stale(g)
        compare = self.forward(g, rule, stale)
        self.summary(*self.epochs(VGroup(g, *g.values.values(), rows, compare)))

    def updates(self, g, grid):
        """theta := theta - eta * gradient for the four parameters; the graph's parameters change.
        Returns (the rule, the four rows)."""
        step = self.trace["step"]
        lr, new = step["lr"], step["updated"]
        rule = tex(r"\theta := \theta - \eta\,", partial("E", r"\theta"), rf"\qquad \eta = {tex_stated(lr)}",
                   size=MATH + 4)
        rows = VGroup(*[tex(rf"{SYMBOL[p]} := " + computation(None, given(step["nodes"][p]) - given(lr)
                                                               * value(step["gradients"][p]["gradient"]), new[p]),
                            size=MATH + 2) for p in PARAMS])
        rows.arrange_in_grid(rows=2, buff=(0.8, 0.2))
        rows.scale(min(1.0, 12.4 / rows.width))   # long numbers: the grid fits between the side margins
        block = in_band(VGroup(rule, rows).arrange(DOWN, buff=0.2))
        if block.get_top()[1] > CEILING:   # the rule's fraction clear of the bias boxes above it
            block.shift((CEILING - block.get_top()[1]) * UP)
            low = frame.safe_box()[2] + 0.05
            if block.get_bottom()[1] < low:
                block.scale((CEILING - low) / block.height, about_edge=UP)
        with self.beat("rule", "update.cap.rule", lr=stated(lr)):
            self.play(FadeOut(grid), run_time=0.6)   # the gradients leave before the rule is written there
            self.play(Write(rule))
            # "each parameter moves against its gradient": the four parameters, and the gradient in the rule
            self.play(Indicate(rule[1], color=palette.GRADIENT),
                      *[Indicate(g.nodes[p], color=palette.GRADIENT) for p in PARAMS], run_time=1.2)
            self.play(Indicate(rule[2], color=palette.TEXT), run_time=0.8)   # "a step of eta times..."
            self.wait(0.6)
        # why they all fall, when they do: each gradient is (O - y) times positive sigmoid slopes and h,
        # and, below mu2, w_o (for b_i) and w_o x (for w_i): all positive here
        n = step["nodes"]
        down = n["O"] > n["y"] and n["w_o"] > 0 and n["x"] > 0
        signs = tex(r"O - y > 0", r",\quad O(1 - O),\ h,\ h(1 - h) > 0", r",\quad w_o > 0", r",\quad x > 0",
                    size=MATH - 2, color=palette.GRADIENT)
        so = tex(r"\Rightarrow\ " + partial("E", r"\theta") + "> 0", size=MATH - 2, color=palette.GRADIENT)
        VGroup(signs, so).arrange(RIGHT, buff=0.35).next_to(rule, DOWN, buff=0.25)   # where the update rows come next
        with self.beat("signs" if down else "updates", "update.cap.signs" if down else "update.cap.updates",
                       O=tex_num(n["O"]), y=stated(n["y"]), **{p: tex_num(v) for p, v in new.items()}):
            if down:   # "why?": the gradient in the rule; then each factor's sign, with the nodes it comes from,
                # as the voice names it (the sigmoid slopes get their sentence: a longer pause)
                self.play(Indicate(rule[1], color=palette.GRADIENT),   # every gradient: a path back from E
                          g.flash([e for e in g.arrows if e not in ("dE/dy", "dmu1/dx")], backward=True, color=palette.GRADIENT),
                          run_time=1.5)
                for part, names, pause in zip(signs, (("O", "y"), ("O", "h"), ("w_o",), ("x",)), (1.6, 1.1, 0.6, 0.9)):
                    self.play(FadeIn(part), *[Indicate(g.nodes[k], color=node_highlight(k)) for k in names],
                              run_time=1.4)
                    self.wait(pause)
                # "so every gradient is positive"
                self.play(FadeIn(so, shift=0.2 * DOWN), *[Indicate(g.nodes[p], color=palette.GRADIENT) for p in PARAMS],
                          run_time=1.4)
                self.wait(0.6)
            if not down:
                self.animate_updates(g, rows, new)
        if down:
            with self.beat("updates", "update.cap.updates_down", **{p: tex_num(v) for p, v in new.items()}):
                self.play(FadeOut(signs), FadeOut(so), run_time=0.5)   # the rows take their place
                self.animate_updates(g, rows, new)
        return rule, rows

    def animate_updates(self, g, rows, new):
        for p, row in zip(PARAMS, rows):
            self.play(FadeIn(row), run_time=0.8)   # in place: a row rising into place would start in the caption band
            self.play(g.change_value(p, new[p]), Indicate(g.nodes[p], color=palette.GRADIENT), run_time=0.8)
        self.wait(1.0)

    def stale(self, g) -> VGroup:
        """The computed values were worked out with the old parameters: greyed and struck through
        until the new forward pass replaces them. Returns the strokes, in FORWARD order."""
        olds = [g.values[n] for n in FORWARD]
        strokes = VGroup(*[Line(v.get_left() + 0.06 * LEFT, v.get_right() + 0.06 * RIGHT, color=palette.DIM,
                                stroke_width=3) for v in olds])
        with self.beat("stale", "update.cap.stale"):
            # one value after another, in the order the forward pass will replace them, while the voice explains
            self.play(LaggedStart(*[AnimationGroup(v.animate.set_color(palette.DIM), Create(s))
                                    for v, s in zip(olds, strokes)], lag_ratio=0.6), run_time=2.5)
            self.wait(1.0)
        return strokes

    def forward(self, g, rule, stale):
        """A forward pass with the new parameters replaces the stale values; E before and after
        replaces the rule."""
        step = self.trace["step"]
        before, after = step["nodes"]["E"], step["error_after"]
        compare = VGroup(tex("E:", size=MATH + 4, color=palette.COST),
                         self.label("update.before", palette.SMALL_SIZE, palette.DIM),
                         tex(tex_num(before), size=MATH + 4, color=palette.COST),
                         tex(r"\to", size=MATH + 4),
                         self.label("update.after", palette.SMALL_SIZE, palette.DIM),
                         tex(tex_num(after), size=MATH + 4, color=palette.COST)).arrange(RIGHT, buff=0.2)
        compare.move_to(rule)
        g.digits = node_digits(step["after"], ("x", "y"))   # the new parameters are computed values
        with self.beat("forward", "update.cap.forward", before=tex_num(before), after=tex_num(after)):
            for name, stroke in zip(FORWARD, stale):
                color = palette.COST if name == "E" else palette.TEXT
                self.play(g.flash(g.edges_into(name)), g.change_value(name, step["after"][name], color),
                          FadeOut(stroke), run_time=0.8)
            self.play(FadeOut(rule), run_time=0.5)   # the rule leaves before the comparison takes its place
            self.play(FadeIn(compare))
            self.play(Indicate(g.nodes["E"], color=palette.COST), Indicate(compare[-1], color=palette.COST))
            self.wait(2.0)
        return compare

    def epochs(self, old) -> tuple:
        """O and E over the epochs, one plot above the other on the same epoch axis: O moves toward
        the target y (a dashed line), E falls; beside them the epoch, the four parameters, O and E
        count along as the curves are drawn. `old` (the graph and formulas) gives way to them."""
        errors, outputs, y = self.trace["errors"], self.trace["outputs"], self.trace["y"]
        n = len(errors) - 1
        x_range = with_margin(nice_range(0, n, 5))
        # short plots: the y axes run well past their top tick, so the arrowheads cover no label
        o_plot = CurvePlot(x_range, with_margin(nice_range(0, max(outputs + [y]), 2), 0.3), width=6.0, height=1.75,
                           x_label="", y_label="O")
        e_plot = CurvePlot(x_range, with_margin(nice_range(0, max(errors), 2), 0.3), width=6.0, height=1.75,
                           x_label="", y_label="E")
        VGroup(o_plot, e_plot).arrange(DOWN, buff=0.55, aligned_edge=LEFT).move_to([-2.9, 0.2, 0])
        axis_name = self.label("update.epoch", palette.SMALL_SIZE, palette.DIM).next_to(e_plot.axes.x_axis, RIGHT, buff=0.25)
        target = DashedLine(o_plot.p(0, y), o_plot.p(n, y), color=palette.TARGET, stroke_width=3)
        target_name = tex(rf"y = {tex_stated(y)}", size=MATH - 4, color=palette.TARGET)
        target_name.next_to(target.get_start(), UP, buff=0.08).align_to(target, LEFT).shift(0.25 * RIGHT)   # clear of the curve

        def series(plot, values, color):
            curve = plot.curve(range(n + 1), values, color=color)
            dots = VGroup(*[plot.dot_at(k, v, color=color, radius=0.05) for k, v in enumerate(values)])
            return curve, dots

        o_curve, o_dots = series(o_plot, outputs, palette.OUTPUT)
        e_curve, e_dots = series(e_plot, errors, palette.COST)
        panel, counters = self.panel(n)
        panel.next_to(VGroup(o_plot, e_plot), RIGHT, buff=0.9).align_to(o_plot, UP)

        def count(_, alpha):   # the counters show epoch k while the curves reach epoch k
            counters.set_epoch(min(n, int(alpha * n + 1e-6)))

        with self.beat("epochs", "update.cap.epochs", epochs=n, final=tex_num(errors[-1]), O=tex_num(outputs[-1]),
                       y=stated(y)):
            self.play(FadeOut(old), run_time=0.8)
            self.play(FadeIn(o_plot), FadeIn(e_plot), FadeIn(axis_name), Create(target), FadeIn(target_name),
                      FadeIn(o_dots[0]), FadeIn(e_dots[0]), FadeIn(panel, shift=0.2 * LEFT))
            linear = rate_functions.linear
            self.play(Create(o_curve, rate_func=linear), Create(e_curve, rate_func=linear),
                      LaggedStart(*[FadeIn(d) for d in o_dots[1:]], lag_ratio=1.0, rate_func=linear),
                      LaggedStart(*[FadeIn(d) for d in e_dots[1:]], lag_ratio=1.0, rate_func=linear),
                      UpdateFromAlphaFunc(panel, count), run_time=6.0)
            self.wait(1.5)
        return o_plot, o_dots[-1], panel, counters, axis_name

    def panel(self, n):
        """'epoch k' and the four parameters, O and E after k epochs, as counters (`set_epoch(k)`)."""
        params, outputs, errors = self.trace["params"], self.trace["outputs"], self.trace["errors"]
        epoch = VGroup(self.label("update.epoch", palette.BODY_SIZE, palette.TEXT), Integer(0, font_size=MATH + 6))
        epoch.arrange(RIGHT, buff=0.2)
        colour = {"w_i": palette.sign_color(params[0]["w_i"]), "w_o": palette.sign_color(params[0]["w_o"]),
                  "b_i": palette.BIAS, "b_o": palette.BIAS, "O": palette.OUTPUT, "E": palette.COST}
        series = {**{p: [q[p] for q in params] for p in ("w_i", "b_i", "w_o", "b_o")}, "O": outputs, "E": errors}
        rows = {k: readout(SYMBOL.get(k, k), v[0], color=colour[k], size=MATH + 2) for k, v in series.items()}
        body = VGroup(*rows.values()).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        for r in rows.values():   # the '=' signs in a column
            r.shift((rows["w_i"][0].get_right()[0] - r[0].get_right()[0]) * RIGHT)
        panel = VGroup(epoch, body).arrange(DOWN, aligned_edge=LEFT, buff=0.35)

        class Counters:
            @staticmethod
            def set_epoch(k):
                epoch[1].set_value(k)
                for key, row in rows.items():
                    set_number(row.number, series[key][k], max_places=6)
                    row.number.align_to(row[0], DOWN).shift(0.02 * UP)
                    row.number.next_to(row[0], RIGHT, buff=0.15)

        Counters.rows = rows
        return panel, Counters

    def summary(self, o_plot, last_dot, panel, counters, axis_name):
        """Not done yet: O has come down a long way but is still above y."""
        outputs, y = self.trace["outputs"], self.trace["y"]
        n = len(outputs) - 1
        gap = Line(o_plot.p(n, outputs[-1]), o_plot.p(n, y), color=palette.COST, stroke_width=4)
        gap_name = tex(computation("O - y", value(outputs[-1]) - given(y), outputs[-1] - y), size=MATH - 4,
                       color=palette.COST)
        # over the curve's end, and clear of the curve everywhere under the label
        gap_name.align_to(gap, RIGHT)
        xs_under = [k for k in range(n + 1) if gap_name.get_left()[0] - 0.1 <= o_plot.p(k, 0)[0]]
        gap_name.set_y(max(o_plot.p(k, outputs[k])[1] for k in xs_under) + 0.2 + gap_name.height / 2)
        mean = tex(r"C = \frac{1}{2n}\sum_{k=1}^{n}(O_k - y_k)^2", size=MATH, color=palette.COST)
        mean.next_to(panel, DOWN, buff=0.35).align_to(panel, LEFT)   # under the counters, clear of "epoch"
        mean.shift(max(0.0, axis_name.get_right()[0] + 0.3 - mean.get_left()[0]) * RIGHT)
        with self.beat("summary", "update.cap.summary", epochs=n, O=tex_num(outputs[-1]), y=stated(y)):
            self.play(Create(gap), FadeIn(gap_name), Indicate(counters.rows["O"], color=palette.OUTPUT), run_time=1.2)
            self.play(Indicate(last_dot, color=palette.OUTPUT, scale_factor=2.0), run_time=1.2)
            self.play(Indicate(gap_name, color=palette.COST), Indicate(counters.rows["E"], color=palette.COST), run_time=1.2)
            self.wait(0.8)
        with self.beat("averaged", "update.cap.averaged"):
            self.play(Write(mean), run_time=1.5)            # "with n samples ... averaged: the 1/(2n)"
            self.play(Indicate(mean[0][2:7], color=palette.COST), run_time=1.2)
            self.wait(1.0)
