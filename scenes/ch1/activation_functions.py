"""Chapter 1: Activation functions."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, UR, Circle, Create, DashedLine, DecimalNumber, Dot, FadeIn, FadeOut,
                   Indicate, LaggedStart, Line, MathTex, ValueTracker, VGroup, Write)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import (tex_num)
from scenes.kit.parts import CurvePlot, following, note, set_significant, ticking


ACTIVATION_VIEWS = {
    # name: (formula, derivative formula, y range of the curve, y range of the derivative, the range's
    # bounds the curve approaches but never reaches: drawn dashed)
    "sigmoid": (TEX["sigmoid"], TEX["sigmoid'"], (0, 1, 0.5), (0, 0.3, 0.1), (0, 1)),
    "tanh": (TEX["tanh"], TEX["tanh'"], (-1, 1, 1), (0, 1.2, 0.5), (-1, 1)),
    "relu": (TEX["relu"], TEX["relu'"], (0, 5, 1), (0, 1.2, 0.5), ()),
}
RANGES_TEX = {"sigmoid": r"(0,\,1)", "tanh": r"(-1,\,1)", "relu": r"[0,\,\infty)"}
TANGENT_LENGTH = 1.6   # the tangent at the moving dot, in frame units


class ActivationFunctions(ExplainerScene):
    """Figs 3-5: sigmoid, tanh and ReLU, each with its derivative; the sigmoid is not binary."""

    def construct(self):
        self.title_card()
        for name in ("sigmoid", "tanh", "relu"):
            self.show_activation(name)
        self.linear_collapses()
        self.show_ranges()

    def plots(self, name):
        act = self.trace[name]
        formula, d_formula, yr, dyr, bounds = ACTIVATION_VIEWS[name]
        zr = (act["z"][0], act["z"][-1], 1)
        # pad 0.15: the dashed bounds stay clear of the y axis' arrowhead
        left = CurvePlot(zr, yr, width=5.0, height=2.5, y_label=r"a", pad=0.15).move_to(3.3 * LEFT + 0.1 * UP)
        right = CurvePlot(zr, dyr, width=5.0, height=2.5, y_label=r"da/dz").move_to(3.1 * RIGHT + 0.1 * UP)
        curve = left.curve(act["z"], act["a"], color=palette.OUTPUT)
        curve.add(*[DashedLine(left.p(zr[0], y), left.p(zr[1], y), color=palette.DIM, stroke_width=2,
                               stroke_opacity=0.7) for y in bounds])
        d_curve = right.curve(act["z"], act["da"], color=palette.GRADIENT, clip=False)
        if name == "relu":  # the derivative jumps at 0: draw the two pieces apart
            z = np.array(act["z"])
            d_curve = VGroup(right.curve(z[z < 0], np.array(act["da"])[z < 0], color=palette.GRADIENT),
                             right.curve(z[z > 0], np.array(act["da"])[z > 0], color=palette.GRADIENT))
        f = MathTex(formula, font_size=palette.MATH_SIZE - 6, color=palette.OUTPUT).next_to(left, UP, buff=0.2)
        df = MathTex(d_formula, font_size=palette.MATH_SIZE - 6, color=palette.GRADIENT)
        if df.height > 1.05:   # ReLU's two cases: clear of the header
            df.scale_to_fit_height(1.05)
        df.next_to(right, UP, buff=0.12)
        return left, right, curve, d_curve, f, df

    def tangent(self, plot, z, a, slope) -> Line:
        """The tangent at (z, a): its slope on screen is the derivative, scaled like the axes."""
        at = plot.p(z, a)
        direction = plot.p(z + 1, a + slope) - at
        direction = direction / np.linalg.norm(direction) * TANGENT_LENGTH / 2
        return Line(at - direction, at + direction, color=palette.GRADIENT, stroke_width=4)

    def show_activation(self, name):
        act = self.trace[name]
        left, right, curve, d_curve, f, df = self.plots(name)
        z = ValueTracker(act["stops"][0]["z"])
        at = lambda key: float(np.interp(z.get_value(), act["z"], act[key]))  # exact at the trace's samples
        dot = left.dot_at(z.get_value(), at("a"))
        d_dot = right.dot_at(z.get_value(), at("da"), color=palette.GRADIENT)
        size = palette.MATH_SIZE - 6
        readout = VGroup(MathTex("z=", font_size=size, color=palette.SUM),
                         DecimalNumber(z.get_value(), 2, font_size=size, color=palette.SUM),
                         MathTex("a=", font_size=size, color=palette.OUTPUT),
                         DecimalNumber(at("a"), 3, include_sign=name == "tanh", font_size=size, color=palette.OUTPUT))
        set_significant(readout[1], z.get_value())
        set_significant(readout[3], at("a"))
        readout.arrange(RIGHT, buff=0.15)
        readout[2].shift(0.35 * RIGHT)
        readout[3].shift(0.35 * RIGHT)
        readout.next_to(left, DOWN, buff=0.3)
        slope = VGroup(MathTex("da/dz=", font_size=size, color=palette.GRADIENT),
                       set_significant(DecimalNumber(at("da"), 3, font_size=size, color=palette.GRADIENT), at("da"))
                       ).arrange(RIGHT, buff=0.15)
        slope.next_to(right, DOWN, buff=0.3)
        self.slope_readout = slope

        def drop():   # from the dot down to z on the axis: the z the readout names
            base = left.p(z.get_value(), min(max(0.0, left.y_span[0]), left.y_span[1]))
            top = left.p(z.get_value(), at("a"))
            return DashedLine(base, top + 1e-3 * UP, color=palette.SUM, stroke_width=3)

        guide = drop()

        def sweep(to, run_time, dots, tangent=None):
            """Move z to `to`: dots ride the curves, the readouts tick along, the tangent turns."""
            extra = [following(guide, lambda m: m.become(drop()))] + [following(tangent, lambda m: m.become(self.tangent(left, z.get_value(), at("a"), at("da")))),
                     ticking(slope[1], lambda: at("da"), run_time, digits=3)] if tangent is not None else []
            self.play(z.animate.set_value(to),
                      *[following(d, lambda m, p=p, k=k: m.move_to(p.p(z.get_value(), at(k)))) for d, p, k in dots],
                      ticking(readout[1], z.get_value, run_time, digits=3),
                      ticking(readout[3], lambda: at("a"), run_time, digits=3),
                      *extra, run_time=run_time)

        with self.beat(f"{name}", f"act.cap.{name}"):
            self.play(FadeIn(left), Write(f))
            self.play(Create(curve), run_time=1.2)
            self.play(FadeIn(dot), FadeIn(readout), FadeIn(guide), run_time=0.5)
            for stop in act["stops"][1:]:
                sweep(stop["z"], 0.8, [(dot, left, "a")])
                self.wait(0.3)
        if name == "sigmoid":
            self.correct_the_article(left)
        d_dot.move_to(right.p(z.get_value(), at("da")))
        tangent = self.tangent(left, z.get_value(), at("a"), at("da"))
        set_significant(slope[1], at("da"))
        with self.beat(f"{name}-derivative", f"act.cap.{name}_d"):
            self.play(FadeIn(right), Write(df))
            self.play(Create(d_curve), run_time=1.2)
            self.play(FadeIn(d_dot), Create(tangent), FadeIn(slope), run_time=0.6)
            for stop in reversed(act["stops"][:-1]):
                sweep(stop["z"], 1.0, [(dot, left, "a"), (d_dot, right, "da")], tangent)
                self.wait(0.3)
            # the caption ends on z = 0 (the largest slope; ReLU's missing one): the dot ends there too
            sweep(0.0, 1.2, [(dot, left, "a"), (d_dot, right, "da")], tangent)
            extra = self.derivative_note(name, right)
        self.play(*[FadeOut(m) for m in (left, right, curve, d_curve, f, df, dot, d_dot, readout, slope, tangent, guide,
                                         *extra) if m in self.mobjects])   # ReLU's note took the slope's place

    def derivative_note(self, name, right):
        """sigmoid: the largest slope (1/4, at z = 0); ReLU: no slope at 0, and the value used there."""
        act = self.trace[name]
        if name == "sigmoid":
            k = int(np.argmax(act["da"]))
            top = act["da"][k]
            peak = DashedLine(right.p(act["z"][0], top), right.p(act["z"][-1], top), color=palette.GRADIENT, stroke_width=2)
            text = MathTex(rf"\max\sigma' = {tex_num(top)} = \tfrac14", font_size=palette.MATH_SIZE - 12,
                           color=palette.GRADIENT)
            text.next_to(right.p(act["z"][k] + 0.6, top), UR, buff=0.06)   # above the line, right of the peak
            self.play(Create(peak), FadeIn(text))
            self.wait(1.5)
            return [peak, text]
        if name != "relu":
            return []
        hole = Circle(radius=0.08, color=palette.GRADIENT, stroke_width=3).move_to(right.p(0, 1))
        solid = Dot(right.p(0, 0), radius=0.08, color=palette.GRADIENT)
        text = VGroup(self.label("act.undefined", palette.SMALL_SIZE, palette.GRADIENT),
                      self.label("act.convention", palette.SMALL_SIZE, palette.GRADIENT)).arrange(DOWN, aligned_edge=LEFT,
                                                                                                   buff=0.1)
        slope = self.slope_readout
        text.next_to(slope, DOWN, buff=0.1).align_to(slope, UP)   # in the readout's place: 0 there anyway
        self.play(FadeIn(hole), FadeIn(solid), FadeOut(slope), FadeIn(text))
        self.wait(1.5)
        return [hole, solid, text]

    def correct_the_article(self, left):
        """Only the step is binary: the step drawn over the sigmoid (thick, in the text colour, so it
        shows on the axis and the dashed a = 1), its jump at z = 0 dashed, and named."""
        step = self.trace["step"]
        z, a = np.array(step["z"]), np.array(step["a"])
        low = left.curve(z[z <= 0], a[z <= 0], color=palette.TEXT, stroke_width=8)
        high = left.curve(z[z > 0], a[z > 0], color=palette.TEXT, stroke_width=8)
        jump = DashedLine(left.p(0, 0), left.p(0, 1), color=palette.TEXT, stroke_width=3)
        name = self.label("perceptron.step", palette.SMALL_SIZE, palette.TEXT).next_to(left.p(z[-1], 1), UP, buff=0.12)
        name.align_to(left.p(z[-1], 1), RIGHT)
        remark = note(VGroup(self.label("act.not_binary", palette.SMALL_SIZE, palette.OUTPUT),
                             self.label("act.step_binary", palette.SMALL_SIZE, palette.TEXT)).arrange(DOWN, buff=0.12),
                      color=palette.DIM)
        remark.move_to(3.1 * RIGHT + 0.2 * UP)
        with self.beat("not-binary", "act.cap.correct"):
            self.play(FadeIn(remark[0]), FadeIn(remark[1][0]), run_time=1.0)
            self.play(Create(low), run_time=0.8)
            self.play(Create(jump), run_time=0.5)
            self.play(Create(high), FadeIn(name), FadeIn(remark[1][1]), run_time=1.0)
        self.play(FadeOut(remark), FadeOut(VGroup(low, jump, high, name)))

    def linear_collapses(self):
        """Why a network needs a non-linear activation: two linear layers are one linear layer."""
        size = palette.MATH_SIZE - 8
        rows = MathTex(r"a^{(2)} &= W^{(2)}\big(W^{(1)}x + b^{(1)}\big) + b^{(2)} \\",
                       r"&= \underbrace{W^{(2)}W^{(1)}}_{W}\,x + \underbrace{W^{(2)}b^{(1)} + b^{(2)}}_{b} \\",
                       r"&= W x + b", font_size=size)
        bent = MathTex(r"a^{(2)} = W^{(2)}\,", r"\sigma", r"\big(W^{(1)}x + b^{(1)}\big) + b^{(2)}", font_size=size)
        bent[1].set_color(palette.OUTPUT)
        title = self.label("act.why_nonlinear", palette.BODY_SIZE, palette.TEXT)
        block = VGroup(title, rows, bent).arrange(DOWN, buff=0.45)
        if block.width > 11.5:
            block.scale_to_fit_width(11.5)
        block.move_to(0.3 * UP)
        with self.beat("linear", "act.cap.linear"):
            self.play(FadeIn(title), Write(rows[0]), run_time=1.5)
            self.play(Write(rows[1]), run_time=1.8)
            self.play(Write(rows[2]), run_time=1.0)
            self.play(Indicate(rows[1], color=palette.TEXT, scale_factor=1.1), run_time=1.5)
            self.play(Indicate(rows[2], color=palette.TEXT, scale_factor=1.3), run_time=1.5)
        with self.beat("nonlinear", "act.cap.nonlinear"):
            self.play(Write(bent), run_time=1.5)
            self.play(Indicate(bent[1], color=palette.OUTPUT, scale_factor=1.5), run_time=1.2)
        self.play(FadeOut(block))

    def show_ranges(self):
        """Three equal panels side by side; names, ranges and uses each on one level across them."""
        names = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}
        plots, curves = VGroup(), VGroup()
        for name in names:
            act = self.trace[name]
            plot = CurvePlot((act["z"][0], act["z"][-1], 5), ACTIVATION_VIEWS[name][2], width=3.1, height=2.0,
                             x_label="", y_label="")
            plots.add(plot)
            curves.add(plot.curve(act["z"], act["a"], color=palette.OUTPUT))
        for plot, curve in zip(plots, curves):   # move each curve with its axes
            plot.add(curve)
        plots.arrange(RIGHT, buff=0.9).move_to(0.5 * UP)
        for plot in plots:   # the axes themselves level (tick labels differ in width)
            plot.shift((plots[0].axes.get_bottom()[1] - plot.axes.get_bottom()[1]) * UP)
        top = max(p.get_top()[1] for p in plots) + 0.2
        bottom = min(p.get_bottom()[1] for p in plots) - 0.3
        cards = VGroup()
        for plot, name in zip(plots, names):
            title = self.plain(names[name], palette.BODY_SIZE, palette.TEXT)
            title.move_to([plot.axes.get_x(), top + 0.45, 0]).align_to([0, top + 0.45, 0], UP)   # tops level
            rng = MathTex(RANGES_TEX[name], font_size=palette.MATH_SIZE, color=palette.OUTPUT)
            rng.move_to([plot.axes.get_x(), bottom - 0.35, 0])
            use = self.label(f"act.use_{name}", palette.SMALL_SIZE, palette.TEXT)
            use.move_to([plot.axes.get_x(), bottom - 1.05, 0]).align_to([0, bottom - 0.85, 0], UP)
            cards.add(VGroup(title, plot, rng, use))
        with self.beat("ranges", "act.cap.summary"):
            self.play(LaggedStart(*[FadeIn(c[:3], shift=0.3 * UP) for c in cards], lag_ratio=0.3))
            self.wait(1.0)
        with self.beat("uses", "act.cap.uses"):
            self.play(LaggedStart(*[FadeIn(c[3]) for c in cards], lag_ratio=0.4))
            self.wait(2.5)
