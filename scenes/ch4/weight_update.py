"""Chapter 4: Updating the weights."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, UR, Create, DashedLine, FadeIn, FadeOut,
                   Indicate, LaggedStart, Line, VGroup, Write)
from scenes.kit import palette
from scenes.kit.fmt import stated, tex_factor, tex_num, tex_stated
from scenes.kit.graph import partial, tex
from scenes.kit.parts import CurvePlot, nice_range
from scenes.kit.chain import FORWARD, LAYOUT, MATH, SYMBOL, chain_graph, in_band
from scenes.ch4.common import Chapter4Scene


def with_margin(r, share: float = 0.08):
    """An axis range a little longer than its last tick, so the arrow tip does not cover it."""
    lo, hi, step = r
    return lo, hi + share * (hi - lo), step


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
        plot = self.epochs(VGroup(g, *g.values.values(), rows, compare))
        self.summary(plot)

    def updates(self, g, grid):
        """theta := theta - eta * gradient for the four parameters; the graph's parameters change.
        Returns (the rule, the four rows)."""
        step = self.trace["step"]
        lr, new = step["lr"], step["updated"]
        rule = tex(r"\theta := \theta - \eta\,", partial("E", r"\theta"), rf"\qquad \eta = {tex_num(lr)}",
                       size=MATH + 4)
        rows = VGroup(*[tex(rf"{SYMBOL[p]} := {tex_num(step['nodes'][p])} - {tex_num(lr)}\cdot"
                                rf"{tex_factor(step['gradients'][p]['gradient'])} = {tex_num(new[p])}",
                                size=MATH + 2) for p in ("w_o", "b_o", "w_i", "b_i")])
        rows.arrange_in_grid(rows=2, buff=(0.8, 0.2))
        rows.scale(min(1.0, 12.4 / rows.width))   # long numbers: the grid fits between the side margins
        in_band(VGroup(rule, rows).arrange(DOWN, buff=0.2))
        with self.beat("rule", "update.cap.rule", lr=tex_num(lr)):
            self.play(FadeOut(grid), Write(rule))
            self.wait(2.0)
        # why they all fall, when they do: O above y makes every gradient positive
        down = all(step["gradients"][p]["gradient"] > 0 for p in new)
        with self.beat("updates", "update.cap.updates_down" if down else "update.cap.updates",
                       O=tex_num(step["nodes"]["O"]), y=stated(step["nodes"]["y"]),
                       **{p: tex_num(v) for p, v in new.items()}):
            for p, row in zip(("w_o", "b_o", "w_i", "b_i"), rows):
                self.play(FadeIn(row, shift=0.2 * UP), run_time=0.8)
                self.play(g.change_value(p, new[p]), Indicate(g.nodes[p], color=palette.FIRE), run_time=0.8)
            self.wait(1.0)
        return rule, rows

    def stale(self, g) -> VGroup:
        """The computed values were worked out with the old parameters: greyed and struck through
        until the new forward pass replaces them. Returns the strokes, in FORWARD order."""
        olds = [g.values[n] for n in FORWARD]
        strokes = VGroup(*[Line(v.get_left() + 0.06 * LEFT, v.get_right() + 0.06 * RIGHT, color=palette.DIM,
                                stroke_width=3) for v in olds])
        with self.beat("stale", "update.cap.stale"):
            self.play(*[v.animate.set_color(palette.DIM) for v in olds], Create(strokes), run_time=1.0)
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
        with self.beat("forward", "update.cap.forward", before=tex_num(before), after=tex_num(after)):
            for name, stroke in zip(FORWARD, stale):
                color = palette.COST if name == "E" else palette.TEXT
                self.play(g.flash(g.edges_into(name)), g.change_value(name, step["after"][name], color),
                          FadeOut(stroke), run_time=0.8)
            self.play(FadeOut(rule), FadeIn(compare))
            self.play(Indicate(g.nodes["E"], color=palette.COST), Indicate(compare[-1], color=palette.COST))
            self.wait(2.0)
        return compare

    def epochs(self, old) -> VGroup:
        """O and E over the epochs, one plot above the other on the same epoch axis: O moves toward
        the target y (a dashed line), E falls. `old` (the graph and formulas) gives way to them."""
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
        target = DashedLine(o_plot.p(0, y), o_plot.p(n, y), color=palette.FIRE, stroke_width=3)
        target_name = tex(rf"y = {tex_stated(y)}", size=MATH - 4, color=palette.FIRE)
        target_name.next_to(target.get_start(), UP, buff=0.08).align_to(target, LEFT).shift(0.25 * RIGHT)   # clear of the curve

        def series(plot, values, color):
            curve = plot.curve(range(n + 1), values, color=color)
            dots = VGroup(*[plot.dot_at(k, v, color=color, radius=0.05) for k, v in enumerate(values)])
            ends = [tex(tex_num(values[k]), size=MATH - 4, color=color) for k in (0, n)]
            ends[0].next_to(dots[0], UR, buff=0.1).shift(0.3 * RIGHT)   # clear of the y axis' tick numbers
            ends[1].next_to(dots[-1], UP, buff=0.15)
            return curve, dots, ends

        o_curve, o_dots, o_ends = series(o_plot, outputs, palette.TEXT)
        e_curve, e_dots, e_ends = series(e_plot, errors, palette.COST)
        with self.beat("epochs", "update.cap.epochs", epochs=n, final=tex_num(errors[-1]), O=tex_num(outputs[-1]),
                       y=stated(y)):
            self.play(FadeOut(old), run_time=0.8)
            self.play(FadeIn(o_plot), FadeIn(e_plot), FadeIn(axis_name), Create(target), FadeIn(target_name),
                      FadeIn(o_ends[0]), FadeIn(e_ends[0]))
            self.play(Create(o_curve), Create(e_curve), LaggedStart(*[FadeIn(d) for d in o_dots], lag_ratio=0.5),
                      LaggedStart(*[FadeIn(d) for d in e_dots], lag_ratio=0.5), run_time=3.0)
            self.play(FadeIn(o_ends[1], shift=0.2 * UP), FadeIn(e_ends[1], shift=0.2 * UP))
            self.wait(2.0)
        return VGroup(o_plot, e_plot, axis_name)

    def summary(self, plot):
        errors, n = self.trace["errors"], len(self.trace["errors"]) - 1
        final = self.trace["final"]
        step = self.trace["step"]["nodes"]
        table = VGroup(*[tex(rf"{SYMBOL[p]}:\ {tex_num(step[p])} \to {tex_num(final[p])}", size=MATH + 2,
                                 color=palette.BIAS if p.startswith("b_") else palette.sign_color(final[p]))
                         for p in ("w_i", "b_i", "w_o", "b_o")]).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        e_row = tex(rf"E:\ {tex_num(errors[0])} \to {tex_num(errors[-1])}", size=MATH + 2, color=palette.COST)
        outputs = self.trace["outputs"]
        o_row = tex(rf"O:\ {tex_num(outputs[0])} \to {tex_num(outputs[-1])}", size=MATH + 2, color=palette.TEXT)
        title = self.label("update.epochs", palette.BODY_SIZE, palette.TEXT, epochs=n)
        side = VGroup(title, table, VGroup(o_row, e_row).arrange(DOWN, aligned_edge=LEFT, buff=0.3)).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        side.next_to(plot, RIGHT, buff=0.5)
        with self.beat("summary", "update.cap.summary"):
            self.play(LaggedStart(*[FadeIn(m, shift=0.2 * LEFT) for m in side], lag_ratio=0.3))
            self.wait(2.5)
