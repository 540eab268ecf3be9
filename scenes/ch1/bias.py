"""Chapter 1: The bias: a shift."""
from __future__ import annotations

from manim import (DOWN, DR, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut,
                   Line, MathTex, ReplacementTransform,
                   VGroup, Write)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import (num, stated, tex_linear, tex_lines, tex_stated)
from scenes.kit.parts import CurvePlot


class Bias(ExplainerScene):
    """Without a bias a line must pass through the origin; the bias shifts lines and curves; the
    firing neuron's threshold is a bias."""

    def construct(self):
        self.title_card()
        plot = CurvePlot((-3, 3, 1), (-3, 3, 1), width=4.8, height=4.0, x_label="x", y_label="y")
        plot.move_to(3.3 * LEFT + 0.1 * DOWN)
        line, label = self.no_bias(plot)
        label = self.shift(plot, line, label)
        sigmoid = self.sigmoid()
        self.summary(label)
        self.threshold(sigmoid)

    def no_bias(self, plot):
        tr = self.trace
        # every slope, then back to the w the bias scene keeps: from there only b moves
        shown = list(tr["lines"])
        if shown[-1]["w"] != tr["w"]:
            shown.append(next((l for l in tr["lines"] if l["w"] == tr["w"]),
                              {"w": tr["w"], "points": [[-6.0, -6.0 * tr["w"]], [6.0, 6.0 * tr["w"]]]}))
        lines = [plot.line_through(*l["points"], color=palette.OUTPUT) for l in shown]
        w_labels = [MathTex(rf"y = {tex_linear(l['w'])}", font_size=palette.MATH_SIZE, color=palette.TEXT)
                    .next_to(plot, UP, buff=0.15) for l in shown]
        origin = Dot(plot.p(0, 0), radius=0.11, color=palette.TEXT)
        origin_note = self.label("bias.origin", palette.SMALL_SIZE, palette.TEXT).next_to(plot.p(0, 0), DR, buff=0.25)
        origin_note.add_background_rectangle(color=palette.BACKGROUND, opacity=0.85, buff=0.05)
        with self.beat("no-bias", "bias.cap.nobias"):
            self.play(FadeIn(plot), Create(lines[0]), Write(w_labels[0]))
            self.play(FadeIn(origin, scale=2), FadeIn(origin_note))
            self.step_through(zip(lines, w_labels), run_time=1.2, pause=0.8)
        self.play(FadeOut(origin_note), FadeOut(origin), run_time=0.5)
        return lines[-1], w_labels[-1]

    def shift(self, plot, line, label):
        """w stays, b moves: the line slides up and down without turning; b is marked as the jump from
        the origin to where the line crosses x = 0, its label on the side the line leaves free."""
        tr = self.trace
        w = tr["w"]
        states = []
        for s in tr["shifted"]:
            new_line = plot.line_through(*s["points"], color=palette.OUTPUT)
            new_label = MathTex(rf"y = {tex_linear(w, s['b'])}", font_size=palette.MATH_SIZE,
                                color=palette.TEXT).next_to(plot, UP, buff=0.15)
            dot = Dot(plot.p(0, s["b"]), radius=0.11, color=palette.BIAS)   # y = b where x = 0
            rise = Line(plot.p(0, 0), plot.p(0, s["b"]), color=palette.BIAS, stroke_width=7)
            b = MathTex(rf"b = {tex_stated(s['b'])}", font_size=palette.MATH_SIZE - 8, color=palette.BIAS)
            b.add_background_rectangle(color=palette.BACKGROUND, opacity=0.85, buff=0.05)
            if s["b"] == 0:   # above the axis, on the side where the line is below it
                b.next_to(plot.p(0, 0), (UP + LEFT) if w > 0 else (UP + RIGHT), buff=0.35)
            else:             # the line lies below (0, b) to the left when w > 0 and b < 0, and so on
                free = LEFT if (s["b"] < 0) == (w > 0) else RIGHT
                b.next_to(plot.p(0, s["b"] / 2), free, buff=0.2)
            states.append((new_line, new_label, dot, rise, b))
        zero = next((k for k, s in enumerate(tr["shifted"]) if s["b"] == 0), None)
        order = states if zero is None else states[zero:zero + 1] + states[:zero] + states[zero + 1:]
        with self.beat("shift", "bias.cap.bias"):
            first = order[0]
            self.play(ReplacementTransform(line, first[0]), ReplacementTransform(label, first[1]),
                      FadeIn(first[2], scale=2), Create(first[3]), FadeIn(first[4]), run_time=1.0)
            self.wait(0.6)
            self.step_through(order, run_time=1.5, pause=1.0)   # each state rests long enough to see it
        return order[-1][1]

    def sigmoid(self) -> VGroup:
        tr = self.trace
        sig_plot = CurvePlot((-6, 6, 2), (0, 1, 0.5), width=4.8, height=3.0, x_label="x", y_label=r"\sigma")
        sig_plot.move_to(3.2 * RIGHT + 0.1 * UP)
        curves = [sig_plot.curve(s["x"], s["a"], color=palette.OUTPUT) for s in tr["sigmoids"]]
        mids = [sig_plot.dot_at(s["midpoint"], 0.5, color=palette.BIAS) for s in tr["sigmoids"]]
        formulas = [MathTex(rf"\sigma({tex_linear(tr['w'], s['b'])})",
                            font_size=palette.MATH_SIZE, color=palette.TEXT).next_to(sig_plot, UP, buff=0.5) for s in tr["sigmoids"]]
        mid_texts = [self.label("bias.midpoint", palette.SMALL_SIZE, palette.BIAS, m=num(s["midpoint"])).next_to(
            sig_plot, DOWN, buff=0.25) for s in tr["sigmoids"]]
        with self.beat("sigmoid", "bias.cap.sigmoid"):
            self.play(FadeIn(sig_plot), Create(curves[0]), Write(formulas[0]), FadeIn(mids[0]), FadeIn(mid_texts[0]))
            self.step_through(zip(curves, mids, formulas, mid_texts), run_time=1.4)
        return VGroup(sig_plot, curves[-1], mids[-1], formulas[-1], mid_texts[-1])

    def summary(self, label):
        with self.beat("summary", "bias.cap.summary"):
            formula = MathTex(TEX["line"], font_size=palette.MATH_SIZE + 4, color=palette.TEXT)
            formula.move_to(label)   # the line panel's own formula, in general
            self.play(FadeOut(label), FadeIn(formula))
            self.wait(2)

    def threshold(self, sigmoid):
        """The first scene's neuron again: its threshold, moved to the left side, is a bias."""
        t = self.trace["threshold"]
        rows = MathTex(*tex_lines([rf"&x_1 + x_2 > {tex_stated(t['threshold'])}",
                                   rf"&x_1 + x_2 - {tex_stated(t['threshold'])} > 0",
                                   rf"&b = {tex_stated(t['bias'])}"]), font_size=palette.MATH_SIZE)
        rows[2].set_color(palette.BIAS)
        rows.move_to(sigmoid[0])
        with self.beat("threshold", "bias.cap.threshold", threshold=stated(t["threshold"]), b=stated(t["bias"])):
            self.play(FadeOut(sigmoid))
            self.play(Write(rows[0]), run_time=1.0)
            self.play(Write(rows[1]), run_time=1.2)
            self.play(Write(rows[2]), run_time=1.0)
            self.wait(2)
