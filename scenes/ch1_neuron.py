"""Chapter 1, the neuron: firing, the perceptron, activation functions, the bias."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (DOWN, DR, LEFT, RIGHT, UP, UR, Arrow, Circle, Create, DashedLine, DecimalNumber, Dot, FadeIn, FadeOut,
                   GrowArrow, Indicate, LaggedStart, Line, MathTex, MoveAlongPath, Rectangle, ReplacementTransform,
                   Transform,
                   ValueTracker, VGroup, Write, rate_functions)

from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import (decimals_for, num, stated, tex_factor, tex_linear, tex_lines, tex_num,
                             tex_stated)
from scenes.kit.parts import CurvePlot, NeuronNode, following, ticking, beside_line, edge, edge_width, glyph, note


@dataclass
class CaseParts:
    """What one case of NeuronFiring puts on screen."""
    neuron: NeuronNode
    sigma: MathTex
    inputs: VGroup
    values: VGroup
    names: VGroup
    arrows: VGroup
    out_arrow: Arrow
    label: Text


class NeuronFiring(ExplainerScene):
    """Fig 1: inputs are summed and compared with a threshold."""

    def construct(self):
        self.title_card()
        threshold = self.trace["threshold"]
        cases = self.trace["cases"]
        top = max([threshold] + [c["total"] for c in cases]) * 1.25
        gauge = self.make_gauge(threshold, top).to_edge(RIGHT, buff=1.0).shift(0.3 * DOWN)
        neuron = self.intro(gauge)
        lines = [self.play_case(n, case, neuron, gauge, top, len(cases) > 1) for n, case in enumerate(cases, start=1)]
        self.summary(lines, neuron, gauge)

    def intro(self, gauge) -> VGroup:
        """The neuron and its threshold gauge, drawn while the caption names them; they stay for every case."""
        node = NeuronNode(radius=0.75).move_to(1.6 * LEFT + 0.3 * DOWN)
        neuron = VGroup(node, MathTex(r"\Sigma", font_size=60, color=palette.TEXT).move_to(node))
        neuron.node = node
        with self.beat("intro", "firing.cap.intro"):
            self.play(Create(node), Write(neuron[1]), FadeIn(gauge))
        return neuron

    # -- parts used only here -----------------------------------------------------
    def make_gauge(self, threshold, top, height=4.2):
        frame = Rectangle(width=0.7, height=height, color=palette.DIM, stroke_width=3)
        level = frame.get_bottom() + UP * height * threshold / top
        mark = Line(level + 0.55 * LEFT, level + 0.55 * RIGHT, color=palette.COST, stroke_width=6)
        label = self.label("firing.threshold", palette.SMALL_SIZE, palette.COST, threshold=stated(threshold))
        label.next_to(mark, LEFT, buff=0.15)
        gauge = VGroup(frame, mark, label)
        gauge.frame, gauge.height_units = frame, height
        return gauge

    def play_case(self, n, case, neuron, gauge, top, numbered):
        """One case: the inputs arrive, their sum fills the gauge, the neuron fires or not.
        Returns the case's line for the summary and its verdict's key."""
        a, b = case["inputs"]
        total, threshold, fired = case["total"], case["threshold"], case["fired"]
        parts = self.case_parts(n, a, b, neuron)
        with self.beat(f"case{n}-inputs", "firing.cap.inputs", a=stated(a), b=stated(b)):
            if numbered:
                self.play(FadeIn(parts.label))
            self.play(FadeIn(parts.inputs), Write(parts.values), FadeIn(parts.names))
            self.play(*[GrowArrow(ar) for ar in parts.arrows])
        counter, fill = self.add_up(n, case, parts, gauge, top)
        verdict_key, verdict = self.decide(n, case, parts, gauge, fill)
        comparison = ">" if fired else r"\le"
        line = MathTex(rf"{tex_stated(a)} + {tex_stated(b)} = {tex_stated(total)} {comparison} {tex_stated(threshold)}",
                       font_size=palette.MATH_SIZE, color=palette.FIRE if fired else palette.TEXT)
        self.play(*[FadeOut(m) for m in (parts.inputs, parts.values, parts.names, parts.arrows,
                                         counter, fill, verdict, parts.label)]
                  + ([FadeOut(parts.out_arrow)] if fired else []), parts.neuron.animate.set_activation(0.0),
                  run_time=0.6)
        return line, verdict_key

    def case_parts(self, n, a, b, shown) -> CaseParts:
        neuron, sigma = shown.node, shown[1]
        inputs = VGroup(*[NeuronNode(radius=0.45, activation=0.0, color=palette.POSITIVE).move_to(pos)
                          for pos in (5.0 * LEFT + 1.3 * UP, 5.0 * LEFT + 1.9 * DOWN)])
        values = VGroup(*[MathTex(tex_stated(v), font_size=palette.MATH_SIZE).move_to(node) for v, node in zip((a, b), inputs)])
        names = VGroup(*[MathTex(f"x_{i}", font_size=palette.MATH_SIZE - 4, color=palette.DIM).next_to(node, LEFT, buff=0.2)
                         for i, node in enumerate(inputs, start=1)])
        arrows = VGroup(*[Arrow(node.get_right(), neuron.get_left(), buff=0.1, color=palette.DIM, stroke_width=4)
                          for node in inputs])
        out_arrow = Arrow(neuron.get_right(), neuron.get_right() + 2.6 * RIGHT, buff=0.1, color=palette.DIM, stroke_width=5)
        label = self.label("firing.case", palette.BODY_SIZE, palette.DIM, n=n).to_corner(UP + LEFT, buff=0.9).shift(0.5 * DOWN)
        return CaseParts(neuron, sigma, inputs, values, names, arrows, out_arrow, label)

    def add_up(self, n, case, parts, gauge, top):
        """Pulses run to the neuron; the counter counts up to the sum while the gauge fills.
        Returns (counter, fill)."""
        total = case["total"]
        places = max(decimals_for(v, 3) if not float(v).is_integer() else 0 for v in case["inputs"])
        counter = DecimalNumber(0, num_decimal_places=places, font_size=palette.MATH_SIZE, color=palette.TEXT)
        counter.next_to(parts.neuron, DOWN, buff=0.3)
        fill = self.gauge_fill(gauge, 0.0, top)
        with self.beat(f"case{n}-sum", "firing.cap.sum", total=stated(total), threshold=stated(case["threshold"])):
            pulses = [Dot(color=palette.POSITIVE, radius=0.12).move_to(ar.get_start()) for ar in parts.arrows]
            self.add(counter, fill)
            self.play(*[MoveAlongPath(d, Line(ar.get_start(), ar.get_end())) for d, ar in zip(pulses, parts.arrows)],
                      run_time=1.0)
            self.remove(*pulses)
            self.play(counter.animate.set_value(total),
                      Transform(fill, self.gauge_fill(gauge, total, top)), run_time=1.8,
                      rate_func=rate_functions.ease_out_cubic)
            self.wait(0.6)
        return counter, fill

    def decide(self, n, case, parts, gauge, fill):
        """Over the threshold the neuron lights and a pulse leaves it; else the threshold flashes.
        Returns (the verdict's strings key, the verdict)."""
        fired, out_arrow = case["fired"], parts.out_arrow
        verdict_key = "firing.fires" if fired else "firing.silent"
        verdict = self.label(verdict_key, palette.BODY_SIZE, palette.FIRE if fired else palette.DIM)
        # under the arrow: above it the verdict would run into the gauge's threshold label
        verdict.next_to(out_arrow, DOWN, buff=0.2).align_to(out_arrow, LEFT).shift(0.25 * RIGHT)
        with self.beat(f"case{n}-verdict", "firing.cap.fire" if fired else "firing.cap.nofire",
                       total=stated(case["total"]), threshold=stated(case["threshold"])):
            if fired:
                pulse = Dot(color=palette.FIRE, radius=0.16).move_to(out_arrow.get_start())
                self.play(parts.neuron.animate.set_activation(1.0), fill.animate.set_fill(palette.FIRE),
                          GrowArrow(out_arrow))
                self.play(MoveAlongPath(pulse, Line(out_arrow.get_start(), out_arrow.get_end())), FadeIn(verdict),
                          run_time=1.0)
                self.play(FadeOut(pulse, scale=2.5), run_time=0.4)
            else:
                self.play(Indicate(gauge[1], color=palette.COST), FadeIn(verdict))
            self.wait(1.2)
        return verdict_key, verdict

    def gauge_fill(self, gauge, value, top):
        frame = gauge.frame
        h = max(gauge.height_units * min(value, top) / top, 0.001)
        return Rectangle(width=frame.width - 0.1, height=h, stroke_width=0).set_fill(palette.POSITIVE, 0.8).align_to(
            frame, DOWN).shift(0.05 * UP).set_x(frame.get_x())

    def summary(self, lines, neuron, gauge):
        rows = VGroup()
        for line, key in lines:
            verdict = self.label(key, palette.BODY_SIZE, palette.FIRE if key == "firing.fires" else palette.DIM)
            rows.add(VGroup(line, verdict).arrange(RIGHT, buff=0.5))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.5).move_to(0.6 * UP)
        t = tex_stated(self.trace["threshold"])
        # the threshold moved to the left side: -threshold is the bias of the next scene
        rule = MathTex(rf"x_1 + x_2 > {t}", r"\iff", rf"x_1 + x_2 - {t} > 0", font_size=palette.MATH_SIZE + 4)
        rule[2].set_color(palette.FIRE)
        rule.next_to(rows, DOWN, buff=0.8)
        with self.beat("cases", "firing.cap.summary"):
            self.play(FadeOut(gauge), FadeOut(neuron), FadeIn(rows, shift=0.3 * UP))
            self.wait(1)
        with self.beat("rule", "firing.cap.rule", threshold=stated(self.trace["threshold"])):
            self.play(Write(rule[0]), run_time=1.2)
            self.play(FadeIn(rule[1]), Write(rule[2]), run_time=1.5)
            self.wait(2)


class Perceptron(ExplainerScene):
    """Fig 2: weighted inputs, a bias, and an activation (step, then sigmoid)."""

    def construct(self):
        self.title_card()
        step = self.trace["step"]
        diagram, panel = self.diagram(step), self.panel(step)
        self.inputs(diagram)
        self.equations(diagram, panel, step)
        self.step_activation(diagram, panel, step)
        self.sigmoid(diagram, panel)
        self.summary(panel)

    def inputs(self, diagram):
        with self.beat("inputs", "perceptron.cap.inputs"):
            self.play(FadeIn(diagram.inputs), FadeIn(diagram.values), FadeIn(diagram.names))
            self.play(*[Create(e) for e in diagram.edges], FadeIn(diagram.weights), Create(diagram.neuron))

    def equations(self, diagram, panel, step):
        """Products, their sum, the bias: written slowly enough to read along, a pause after each."""
        with self.beat("products", "perceptron.cap.products"):
            for row in panel.products:
                self.play(Write(row), run_time=1.5)
                self.wait(0.6)
        with self.beat("sum", "perceptron.cap.sum", weighted_sum=num(step["weighted_sum"])):
            self.play(Write(panel.total), run_time=2.0)
            self.wait(1.5)
        with self.beat("bias", "perceptron.cap.bias", bias=num(step["bias"]), z=num(step["z"])):
            self.play(FadeIn(diagram.bias, shift=0.3 * UP), Write(panel.z), run_time=2.0)
            self.wait(1.0)

    def step_activation(self, diagram, panel, step):
        with self.beat("step", "perceptron.cap.step", output=num(step["output"])):
            self.play(GrowArrow(diagram.arrow), FadeIn(diagram.act_box), FadeIn(diagram.act_name))
            self.play(diagram.neuron.animate.set_activation(step["output"]), GrowArrow(diagram.out_arrow),
                      Write(diagram.output), Write(panel.out))
            self.play(FadeIn(diagram.kind))
            self.wait(1)

    def sigmoid(self, diagram, panel):
        sig = self.trace["sigmoid"]
        with self.beat("sigmoid", "perceptron.cap.sigmoid", output=num(sig["output"])):
            new, new_panel = self.diagram(sig), self.panel(sig)
            # ReplacementTransform: afterwards the new labels (with the new numbers) are on screen.
            self.play(*[ReplacementTransform(a, b) for a, b in (
                (diagram.act_box, new.act_box), (diagram.act_name, new.act_name), (diagram.output, new.output),
                (panel.out, new_panel.out), (diagram.kind, new.kind))],
                diagram.neuron.animate.set_activation(sig["output"]), run_time=1.5)
            self.wait(1.5)

    def summary(self, panel):
        with self.beat("summary", "perceptron.cap.summary"):
            worked = VGroup(*panel.products, panel.total)   # the general formula takes the worked rows' place
            formula = MathTex(TEX["neuron"], font_size=palette.MATH_SIZE + 4, color=palette.FIRE).move_to(worked)
            self.play(FadeOut(worked), Write(formula))
            self.wait(2)

    def diagram(self, case):
        d = VGroup()
        n = len(case["inputs"])
        # laid out left to right in x -6.2..1.2, so the panel (x 1.4..6.3) never meets the output
        d.neuron = NeuronNode(radius=0.6).move_to(2.4 * LEFT + 0.45 * UP)   # room for the weights' labels
        ys = np.linspace(2.1, -1.2, n)
        d.inputs = VGroup(*[NeuronNode(radius=0.38, color=palette.POSITIVE).move_to([-5.8, y, 0]) for y in ys])
        d.values = VGroup(*[MathTex(tex_stated(v), font_size=palette.MATH_SIZE - 8).move_to(c) for v, c in zip(case["inputs"], d.inputs)])
        d.names = VGroup(*[MathTex(f"x_{j}", font_size=palette.MATH_SIZE - 8, color=palette.DIM).next_to(c, UP, buff=0.08)
                           for j, c in enumerate(d.inputs, start=1)])
        largest = max(abs(w) for w in case["weights"])
        d.edges = VGroup(*[edge(c, d.neuron, color=palette.sign_color(w), stroke_width=edge_width(w, largest))
                           for c, w in zip(d.inputs, case["weights"])])
        d.weights = VGroup()
        for j, (e, w) in enumerate(zip(d.edges, case["weights"]), start=1):
            lab = MathTex(f"w_{j}={tex_num(w)}", font_size=palette.MATH_SIZE - 12, color=palette.sign_color(w))
            d.weights.add(beside_line(lab, e, at=0.05))   # near the input: clear of the neuron and the bias
        b_label = MathTex(f"b={tex_num(case['bias'])}", font_size=palette.MATH_SIZE - 8, color=palette.BIAS)
        b_label.next_to(d.neuron, DOWN, buff=0.8).shift(0.4 * RIGHT)   # right of the lowest weight's label
        d.bias = VGroup(b_label, Arrow(b_label.get_top(), d.neuron.get_bottom(), buff=0.08, color=palette.BIAS,
                                       stroke_width=4, max_tip_length_to_length_ratio=0.3))
        d.arrow = Arrow(d.neuron.get_right(), d.neuron.get_right() + 0.6 * RIGHT, buff=0.05, color=palette.DIM)
        from nncore import get_activation  # the glyph draws the real function
        zs = np.linspace(-4, 4, 81)
        d.act_box = glyph(zs, get_activation(case["activation"]).fn(zs), size=0.9).next_to(d.arrow, RIGHT, buff=0.08)
        d.act_name = self.label(f"perceptron.{case['activation']}", palette.SMALL_SIZE, palette.DIM).next_to(d.act_box, UP, buff=0.12)
        d.out_arrow = Arrow(d.act_box.get_right(), d.act_box.get_right() + 0.5 * RIGHT, buff=0.05, color=palette.DIM)
        d.output = MathTex(tex_num(case["output"]), font_size=palette.MATH_SIZE, color=palette.FIRE).next_to(d.out_arrow, RIGHT, buff=0.1)
        binary = case["activation"] == "step"
        d.kind = self.label("perceptron.binary" if binary else "perceptron.continuous", palette.SMALL_SIZE, palette.FIRE)
        d.kind.next_to(d.act_name, UP, buff=0.15)   # above: below it would meet the bias arrow
        return d

    def panel(self, case):
        p = VGroup()
        size = palette.MATH_SIZE - 10
        p.products = VGroup(*[
            MathTex(rf"x_{j} w_{j} = {tex_num(x)}\cdot{tex_factor(w)} = {tex_num(q)}", font_size=size)
            for j, (x, w, q) in enumerate(zip(case["inputs"], case["weights"], case["products"]), start=1)])
        p.total = MathTex(rf"\textstyle\sum_j w_j x_j = {tex_num(case['weighted_sum'])}", font_size=size)
        p.z = MathTex(rf"z = {tex_num(case['weighted_sum'])} + {tex_factor(case['bias'])} = {tex_num(case['z'])}",
                      font_size=size, color=palette.BIAS)
        fn = r"\mathrm{step}" if case["activation"] == "step" else r"\sigma"
        p.out = MathTex(rf"a = {fn}({tex_num(case['z'])}) = {tex_num(case['output'])}", font_size=size, color=palette.FIRE)
        p.add(*p.products, p.total, p.z, p.out)
        p.arrange(DOWN, aligned_edge=LEFT, buff=0.28)
        if p.width > 4.9:
            p.scale_to_fit_width(4.9)
        p.to_edge(RIGHT, buff=0.8).shift(0.15 * DOWN)
        return p


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
        self.show_ranges()

    def plots(self, name):
        act = self.trace[name]
        formula, d_formula, yr, dyr, bounds = ACTIVATION_VIEWS[name]
        zr = (act["z"][0], act["z"][-1], 1)
        # pad 0.15: the dashed bounds stay clear of the y axis' arrowhead
        left = CurvePlot(zr, yr, width=5.0, height=2.5, y_label=r"a", pad=0.15).move_to(3.3 * LEFT + 0.1 * UP)
        right = CurvePlot(zr, dyr, width=5.0, height=2.5, y_label=r"da/dz").move_to(3.1 * RIGHT + 0.1 * UP)
        curve = left.curve(act["z"], act["a"], color=palette.POSITIVE)
        curve.add(*[DashedLine(left.p(zr[0], y), left.p(zr[1], y), color=palette.FIRE, stroke_width=2,
                               stroke_opacity=0.7) for y in bounds])
        d_curve = right.curve(act["z"], act["da"], color=palette.GRADIENT, clip=False)
        if name == "relu":  # the derivative jumps at 0: draw the two pieces apart
            z = np.array(act["z"])
            d_curve = VGroup(right.curve(z[z < 0], np.array(act["da"])[z < 0], color=palette.GRADIENT),
                             right.curve(z[z > 0], np.array(act["da"])[z > 0], color=palette.GRADIENT))
        f = MathTex(formula, font_size=palette.MATH_SIZE - 6, color=palette.POSITIVE).next_to(left, UP, buff=0.2)
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
        readout = VGroup(MathTex("z=", font_size=size), DecimalNumber(z.get_value(), 2, include_sign=True, font_size=size),
                         MathTex("a=", font_size=size, color=palette.FIRE),
                         DecimalNumber(at("a"), 3, include_sign=name == "tanh", font_size=size, color=palette.FIRE))
        readout.arrange(RIGHT, buff=0.15)
        readout[2].shift(0.35 * RIGHT)
        readout[3].shift(0.35 * RIGHT)
        readout.next_to(left, DOWN, buff=0.3)
        slope = VGroup(MathTex("da/dz=", font_size=size, color=palette.GRADIENT),
                       DecimalNumber(at("da"), 3, font_size=size, color=palette.GRADIENT)).arrange(RIGHT, buff=0.15)
        slope.next_to(right, DOWN, buff=0.3)
        self.slope_readout = slope

        def sweep(to, run_time, dots, tangent=None):
            """Move z to `to`: dots ride the curves, the readouts tick along, the tangent turns."""
            extra = [following(tangent, lambda m: m.become(self.tangent(left, z.get_value(), at("a"), at("da")))),
                     ticking(slope[1], lambda: at("da"), run_time)] if tangent is not None else []
            self.play(z.animate.set_value(to),
                      *[following(d, lambda m, p=p, k=k: m.move_to(p.p(z.get_value(), at(k)))) for d, p, k in dots],
                      ticking(readout[1], z.get_value, run_time), ticking(readout[3], lambda: at("a"), run_time),
                      *extra, run_time=run_time)

        with self.beat(f"{name}", f"act.cap.{name}"):
            self.play(FadeIn(left), Write(f))
            self.play(Create(curve), run_time=1.2)
            self.play(FadeIn(dot), FadeIn(readout), run_time=0.5)
            for stop in act["stops"][1:]:
                sweep(stop["z"], 0.8, [(dot, left, "a")])
                self.wait(0.3)
        if name == "sigmoid":
            self.correct_the_article(left)
        d_dot.move_to(right.p(z.get_value(), at("da")))
        tangent = self.tangent(left, z.get_value(), at("a"), at("da"))
        slope[1].set_value(at("da"))
        with self.beat(f"{name}-derivative", f"act.cap.{name}_d"):
            self.play(FadeIn(right), Write(df))
            self.play(Create(d_curve), run_time=1.2)
            self.play(FadeIn(d_dot), Create(tangent), FadeIn(slope), run_time=0.6)
            for stop in reversed(act["stops"][:-1]):
                sweep(stop["z"], 1.0, [(dot, left, "a"), (d_dot, right, "da")], tangent)
                self.wait(0.3)
            extra = self.derivative_note(name, right)
        self.play(*[FadeOut(m) for m in (left, right, curve, d_curve, f, df, dot, d_dot, readout, slope, tangent,
                                         *extra) if m in self.mobjects])   # ReLU's note took the slope's place

    def derivative_note(self, name, right):
        """sigmoid: the largest slope (1/4, at z = 0); ReLU: no slope at 0, and the value used there."""
        act = self.trace[name]
        if name == "sigmoid":
            k = int(np.argmax(act["da"]))
            top = act["da"][k]
            peak = DashedLine(right.p(act["z"][0], top), right.p(act["z"][-1], top), color=palette.FIRE, stroke_width=2)
            text = MathTex(rf"\max\sigma' = {tex_num(top)} = \tfrac14", font_size=palette.MATH_SIZE - 12,
                           color=palette.FIRE)
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
        step = self.trace["step"]
        step_curve = left.curve(step["z"], step["a"], color=palette.DIM, stroke_width=4)
        remark = note(VGroup(self.label("act.not_binary", palette.SMALL_SIZE, palette.FIRE),
                             self.label("act.step_binary", palette.SMALL_SIZE, palette.DIM)).arrange(DOWN, buff=0.12))
        remark.move_to(3.1 * RIGHT + 0.2 * UP)
        with self.beat("not-binary", "act.cap.correct"):
            self.play(FadeIn(remark), Create(step_curve))
            self.wait(2.5)
        self.play(FadeOut(remark), FadeOut(step_curve))

    def show_ranges(self):
        """Three equal panels side by side; names, ranges and uses each on one level across them."""
        names = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}
        plots, curves = VGroup(), VGroup()
        for name in names:
            act = self.trace[name]
            plot = CurvePlot((act["z"][0], act["z"][-1], 5), ACTIVATION_VIEWS[name][2], width=3.1, height=2.0,
                             x_label="", y_label="")
            plots.add(plot)
            curves.add(plot.curve(act["z"], act["a"]))
        for plot, curve in zip(plots, curves):   # move each curve with its axes
            plot.add(curve)
        plots.arrange(RIGHT, buff=0.9).move_to(0.5 * UP)
        for plot in plots:   # the axes themselves level (tick labels differ in width)
            plot.shift((plots[0].axes.get_bottom()[1] - plot.axes.get_bottom()[1]) * UP)
        top = max(p.get_top()[1] for p in plots) + 0.2
        bottom = min(p.get_bottom()[1] for p in plots) - 0.3
        cards = VGroup()
        for plot, name in zip(plots, names):
            title = self.plain(names[name], palette.BODY_SIZE, palette.POSITIVE)
            title.move_to([plot.axes.get_x(), top + 0.45, 0]).align_to([0, top + 0.45, 0], UP)   # tops level
            rng = MathTex(RANGES_TEX[name], font_size=palette.MATH_SIZE, color=palette.FIRE)
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
        lines = [plot.line_through(*l["points"]) for l in tr["lines"]]
        w_labels = [MathTex(rf"y = {tex_linear(l['w'])}", font_size=palette.MATH_SIZE, color=palette.POSITIVE)
                    .next_to(plot, UP, buff=0.15) for l in tr["lines"]]
        origin = Dot(plot.p(0, 0), radius=0.11, color=palette.FIRE)
        origin_note = self.label("bias.origin", palette.SMALL_SIZE, palette.FIRE).next_to(plot.p(0, 0), DR, buff=0.25)
        origin_note.add_background_rectangle(color=palette.BACKGROUND, opacity=0.85, buff=0.05)
        with self.beat("no-bias", "bias.cap.nobias"):
            self.play(FadeIn(plot), Create(lines[0]), Write(w_labels[0]))
            self.play(FadeIn(origin, scale=2), FadeIn(origin_note))
            self.step_through(zip(lines, w_labels))
            self.wait(0.5)
        self.play(FadeOut(origin_note), FadeOut(origin), run_time=0.5)
        return lines[-1], w_labels[-1]

    def shift(self, plot, line, label):
        """Each shifted line with b marked on it: the jump from the origin up to where it crosses x = 0."""
        tr = self.trace
        states = []
        for s in tr["shifted"]:
            new_line = plot.line_through(*s["points"], color=palette.BIAS)
            new_label = MathTex(rf"y = {tex_linear(tr['w'], s['b'])}", font_size=palette.MATH_SIZE,
                                color=palette.BIAS).next_to(plot, UP, buff=0.15)
            dot = Dot(plot.p(0, s["b"]), radius=0.11, color=palette.BIAS)   # y = b where x = 0
            rise = Line(plot.p(0, 0), plot.p(0, s["b"]), color=palette.FIRE, stroke_width=7)
            b = MathTex(rf"b = {tex_stated(s['b'])}", font_size=palette.MATH_SIZE - 8, color=palette.FIRE)
            # right of the jump: on the left a line of slope w > 0 runs through the label
            b.next_to(plot.p(0, s["b"] / 2), RIGHT if tr["w"] > 0 else LEFT, buff=0.2)
            b.add_background_rectangle(color=palette.BACKGROUND, opacity=0.85, buff=0.05)
            states.append((new_line, new_label, dot, rise, b))
        with self.beat("shift", "bias.cap.bias"):
            first = states[0]
            self.play(ReplacementTransform(line, first[0]), ReplacementTransform(label, first[1]),
                      FadeIn(first[2], scale=2), Create(first[3]), FadeIn(first[4]))
            self.step_through(states)
            self.wait(0.5)
        return states[-1][1]

    def sigmoid(self) -> VGroup:
        tr = self.trace
        sig_plot = CurvePlot((-6, 6, 2), (0, 1, 0.5), width=4.8, height=3.0, x_label="x", y_label=r"\sigma")
        sig_plot.move_to(3.2 * RIGHT + 0.1 * UP)
        curves = [sig_plot.curve(s["x"], s["a"], color=palette.BIAS) for s in tr["sigmoids"]]
        mids = [sig_plot.dot_at(s["midpoint"], 0.5, color=palette.FIRE) for s in tr["sigmoids"]]
        formulas = [MathTex(rf"\sigma({tex_linear(tr['w'], s['b'])})",
                            font_size=palette.MATH_SIZE, color=palette.BIAS).next_to(sig_plot, UP, buff=0.5) for s in tr["sigmoids"]]
        mid_texts = [self.label("bias.midpoint", palette.SMALL_SIZE, palette.FIRE, m=num(s["midpoint"])).next_to(
            sig_plot, DOWN, buff=0.25) for s in tr["sigmoids"]]
        with self.beat("sigmoid", "bias.cap.sigmoid"):
            self.play(FadeIn(sig_plot), Create(curves[0]), Write(formulas[0]), FadeIn(mids[0]), FadeIn(mid_texts[0]))
            self.step_through(zip(curves, mids, formulas, mid_texts), run_time=1.4)
        return VGroup(sig_plot, curves[-1], mids[-1], formulas[-1], mid_texts[-1])

    def summary(self, label):
        with self.beat("summary", "bias.cap.summary"):
            formula = MathTex(TEX["line"], font_size=palette.MATH_SIZE + 4, color=palette.FIRE)
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
