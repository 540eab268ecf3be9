"""Chapter 1, the neuron: firing, the perceptron, activation functions, the bias."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (DOWN, DR, LEFT, RIGHT, UP, Arrow, Circle, Create, DecimalNumber, Dot, FadeIn, FadeOut,
                   GrowArrow, Indicate, LaggedStart, Line, MathTex, MoveAlongPath, Rectangle, ReplacementTransform,
                   Transform,
                   ValueTracker, VGroup, Write, rate_functions)

from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import decimals_for, num, stated, tex_factor, tex_linear, tex_num, tex_stated
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
        with self.beat("intro", "firing.cap.intro"):
            self.play(FadeIn(gauge))
        lines = []
        for n, case in enumerate(cases, start=1):
            lines.append(self.play_case(n, case, gauge, top, len(cases) > 1))
        self.summary(lines, gauge)

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

    def play_case(self, n, case, gauge, top, numbered):
        """One case: the inputs arrive, their sum fills the gauge, the neuron fires or not.
        Returns the case's line for the summary and its verdict's key."""
        a, b = case["inputs"]
        total, threshold, fired = case["total"], case["threshold"], case["fired"]
        parts = self.case_parts(n, a, b)
        with self.beat(f"case{n}-inputs", "firing.cap.inputs", a=stated(a), b=stated(b)):
            if numbered:
                self.play(FadeIn(parts.label))
            self.play(FadeIn(parts.inputs), Write(parts.values), FadeIn(parts.names), Create(parts.neuron),
                      Write(parts.sigma))
            self.play(*[GrowArrow(ar) for ar in parts.arrows])
        counter, fill = self.add_up(n, case, parts, gauge, top)
        verdict_key, verdict = self.decide(n, case, parts, gauge, fill)
        comparison = ">" if fired else r"\le"
        line = MathTex(rf"{tex_stated(a)} + {tex_stated(b)} = {tex_stated(total)} {comparison} {tex_stated(threshold)}",
                       font_size=palette.MATH_SIZE, color=palette.FIRE if fired else palette.TEXT)
        self.play(*[FadeOut(m) for m in (parts.inputs, parts.values, parts.names, parts.arrows, parts.neuron,
                                         parts.sigma, counter, fill, verdict, parts.label)]
                  + ([FadeOut(parts.out_arrow)] if fired else []), run_time=0.6)
        return line, verdict_key

    def case_parts(self, n, a, b) -> CaseParts:
        neuron = NeuronNode(radius=0.75).move_to(1.6 * LEFT + 0.3 * DOWN)
        sigma = MathTex(r"\Sigma", font_size=60, color=palette.TEXT).move_to(neuron)
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
        verdict.next_to(out_arrow, UP, buff=0.2).align_to(out_arrow, LEFT).shift(0.25 * RIGHT)
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

    def summary(self, lines, gauge):
        rows = VGroup()
        for line, key in lines:
            verdict = self.label(key, palette.BODY_SIZE, palette.FIRE if key == "firing.fires" else palette.DIM)
            rows.add(VGroup(line, verdict).arrange(RIGHT, buff=0.5))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.5).move_to(0.3 * DOWN)
        with self.beat("summary", "firing.cap.summary"):
            self.play(FadeOut(gauge), FadeIn(rows, shift=0.3 * UP))
            self.wait(2)


class Perceptron(ExplainerScene):
    """Fig 2: weighted inputs, a bias, and an activation (step, then sigmoid)."""

    def construct(self):
        self.title_card()
        step, sig = self.trace["step"], self.trace["sigmoid"]
        diagram = self.diagram(step)
        panel = self.panel(step)
        with self.beat("inputs", "perceptron.cap.inputs"):
            self.play(FadeIn(diagram.inputs), FadeIn(diagram.values), FadeIn(diagram.names))
            self.play(*[Create(e) for e in diagram.edges], FadeIn(diagram.weights), Create(diagram.neuron))
        with self.beat("products", "perceptron.cap.products"):
            for row in panel.products:
                self.play(Write(row), run_time=0.9)
        with self.beat("sum", "perceptron.cap.sum", weighted_sum=num(step["weighted_sum"])):
            self.play(Write(panel.total))
        with self.beat("bias", "perceptron.cap.bias", bias=num(step["bias"]), z=num(step["z"])):
            self.play(FadeIn(diagram.bias, shift=0.3 * UP), Write(panel.z))
        with self.beat("step", "perceptron.cap.step", output=num(step["output"])):
            self.play(GrowArrow(diagram.arrow), FadeIn(diagram.act_box), FadeIn(diagram.act_name))
            self.play(diagram.neuron.animate.set_activation(step["output"]), GrowArrow(diagram.out_arrow),
                      Write(diagram.output), Write(panel.out))
            self.play(FadeIn(diagram.kind))
            self.wait(1)
        with self.beat("sigmoid", "perceptron.cap.sigmoid", output=num(sig["output"])):
            new = self.diagram(sig)
            new_panel = self.panel(sig)
            # ReplacementTransform: afterwards the new labels (with the new numbers) are on screen.
            self.play(*[ReplacementTransform(a, b) for a, b in (
                (diagram.act_box, new.act_box), (diagram.act_name, new.act_name), (diagram.output, new.output),
                (panel.out, new_panel.out), (diagram.kind, new.kind))],
                diagram.neuron.animate.set_activation(sig["output"]), run_time=1.5)
            self.wait(1.5)
        with self.beat("summary", "perceptron.cap.summary"):
            worked = VGroup(*panel.products, panel.total)   # the general formula takes the worked rows' place
            formula = MathTex(TEX["neuron"], font_size=palette.MATH_SIZE + 4, color=palette.FIRE).move_to(worked)
            self.play(FadeOut(worked), Write(formula))
            self.wait(2)

    def diagram(self, case):
        d = VGroup()
        n = len(case["inputs"])
        d.neuron = NeuronNode(radius=0.6).move_to(2.9 * LEFT + 0.2 * UP)
        ys = np.linspace(1.9, -1.5, n)
        d.inputs = VGroup(*[NeuronNode(radius=0.38, color=palette.POSITIVE).move_to([-5.6, y, 0]) for y in ys])
        d.values = VGroup(*[MathTex(tex_stated(v), font_size=palette.MATH_SIZE - 8).move_to(c) for v, c in zip(case["inputs"], d.inputs)])
        d.names = VGroup(*[MathTex(f"x_{j}", font_size=palette.MATH_SIZE - 8, color=palette.DIM).next_to(c, UP, buff=0.08)
                           for j, c in enumerate(d.inputs, start=1)])
        largest = max(abs(w) for w in case["weights"])
        d.edges = VGroup(*[edge(c, d.neuron, color=palette.sign_color(w), stroke_width=edge_width(w, largest))
                           for c, w in zip(d.inputs, case["weights"])])
        d.weights = VGroup()
        for j, (e, w) in enumerate(zip(d.edges, case["weights"]), start=1):
            lab = MathTex(f"w_{j}={tex_num(w)}", font_size=palette.MATH_SIZE - 12, color=palette.sign_color(w))
            d.weights.add(beside_line(lab, e))
        b_label = MathTex(f"b={tex_num(case['bias'])}", font_size=palette.MATH_SIZE - 8, color=palette.BIAS)
        b_label.next_to(d.neuron, DOWN, buff=0.9)
        d.bias = VGroup(b_label, Arrow(b_label.get_top(), d.neuron.get_bottom(), buff=0.08, color=palette.BIAS,
                                       stroke_width=4, max_tip_length_to_length_ratio=0.3))
        d.arrow = Arrow(d.neuron.get_right(), d.neuron.get_right() + 1.1 * RIGHT, buff=0.05, color=palette.DIM)
        from nncore import get_activation  # the glyph draws the real function
        zs = np.linspace(-4, 4, 81)
        d.act_box = glyph(zs, get_activation(case["activation"]).fn(zs), size=1.1).next_to(d.arrow, RIGHT, buff=0.08)
        d.act_name = self.label(f"perceptron.{case['activation']}", palette.SMALL_SIZE, palette.DIM).next_to(d.act_box, UP, buff=0.12)
        d.out_arrow = Arrow(d.act_box.get_right(), d.act_box.get_right() + 0.9 * RIGHT, buff=0.05, color=palette.DIM)
        d.output = MathTex(tex_num(case["output"]), font_size=palette.MATH_SIZE, color=palette.FIRE).next_to(d.out_arrow, RIGHT, buff=0.1)
        binary = case["activation"] == "step"
        d.kind = self.label("perceptron.binary" if binary else "perceptron.continuous", palette.SMALL_SIZE, palette.FIRE)
        d.kind.next_to(d.act_box, DOWN, buff=0.25)
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
        p.arrange(DOWN, aligned_edge=LEFT, buff=0.28).to_edge(RIGHT, buff=0.8).shift(0.15 * DOWN)
        return p


ACTIVATION_VIEWS = {
    # name: (formula, derivative formula, y range of the curve, y range of the derivative)
    "sigmoid": (TEX["sigmoid"], TEX["sigmoid'"], (0, 1, 0.5), (0, 0.3, 0.1)),
    "tanh": (TEX["tanh"], TEX["tanh'"], (-1, 1, 1), (0, 1.2, 0.5)),
    "relu": (TEX["relu"], TEX["relu'"],
             (0, 5, 1), (0, 1.2, 0.5)),
}
RANGES_TEX = {"sigmoid": r"(0,\,1)", "tanh": r"(-1,\,1)", "relu": r"[0,\,\infty)"}


class ActivationFunctions(ExplainerScene):
    """Figs 3-5: sigmoid, tanh and ReLU, each with its derivative; the sigmoid is not binary."""

    def construct(self):
        self.title_card()
        for name in ("sigmoid", "tanh", "relu"):
            self.show_activation(name)
        self.show_ranges()

    def plots(self, name):
        act = self.trace[name]
        formula, d_formula, yr, dyr = ACTIVATION_VIEWS[name]
        zr = (act["z"][0], act["z"][-1], 1)
        left = CurvePlot(zr, yr, width=5.0, height=2.8, y_label=r"a").move_to(3.3 * LEFT + 0.2 * DOWN)
        right = CurvePlot(zr, dyr, width=5.0, height=2.8, y_label=r"da/dz").move_to(3.1 * RIGHT + 0.2 * DOWN)
        curve = left.curve(act["z"], act["a"], color=palette.POSITIVE)
        d_curve = right.curve(act["z"], act["da"], color=palette.GRADIENT, clip=False)
        if name == "relu":  # the derivative jumps at 0: draw the two pieces apart
            z = np.array(act["z"])
            d_curve = VGroup(right.curve(z[z < 0], np.array(act["da"])[z < 0], color=palette.GRADIENT),
                             right.curve(z[z > 0], np.array(act["da"])[z > 0], color=palette.GRADIENT))
        f = MathTex(formula, font_size=palette.MATH_SIZE - 6, color=palette.POSITIVE).next_to(left, UP, buff=0.25)
        df = MathTex(d_formula, font_size=palette.MATH_SIZE - 6, color=palette.GRADIENT).next_to(right, UP, buff=0.25)
        return left, right, curve, d_curve, f, df

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

        def sweep(to, run_time, dots):
            """Move z to `to`: dots ride the curves, the readout ticks along."""
            self.play(z.animate.set_value(to),
                      *[following(d, lambda m, p=p, k=k: m.move_to(p.p(z.get_value(), at(k)))) for d, p, k in dots],
                      ticking(readout[1], z.get_value, run_time), ticking(readout[3], lambda: at("a"), run_time),
                      run_time=run_time)

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
        with self.beat(f"{name}-derivative", f"act.cap.{name}_d"):
            self.play(FadeIn(right), Write(df))
            self.play(Create(d_curve), run_time=1.2)
            self.play(FadeIn(d_dot), run_time=0.4)
            for stop in reversed(act["stops"][:-1]):
                sweep(stop["z"], 0.6, [(dot, left, "a"), (d_dot, right, "da")])
            extra = self.derivative_note(name, right)
        self.play(*[FadeOut(m) for m in (left, right, curve, d_curve, f, df, dot, d_dot, readout, *extra)])

    def derivative_note(self, name, right):
        if name != "relu":
            return []
        hole = Circle(radius=0.08, color=palette.GRADIENT, stroke_width=3).move_to(right.p(0, 1))
        solid = Dot(right.p(0, 0), radius=0.08, color=palette.GRADIENT)
        text = self.label("act.undefined", palette.SMALL_SIZE, palette.GRADIENT).next_to(right.p(0.3, 0.5), RIGHT, buff=0.1)
        self.play(FadeIn(hole), FadeIn(solid), FadeIn(text))
        self.wait(1.5)
        return [hole, solid, text]

    def correct_the_article(self, left):
        step = self.trace["step"]
        step_curve = left.curve(step["z"], step["a"], color=palette.DIM, stroke_width=4)
        remark = note(VGroup(self.label("act.not_binary", palette.SMALL_SIZE, palette.FIRE),
                             self.label("act.step_binary", palette.SMALL_SIZE, palette.DIM)).arrange(DOWN, buff=0.12))
        remark.move_to(3.1 * RIGHT + 0.2 * DOWN)
        with self.beat("not-binary", "act.cap.correct"):
            self.play(FadeIn(remark), Create(step_curve))
            self.wait(2.5)
        self.play(FadeOut(remark), FadeOut(step_curve))

    def show_ranges(self):
        cards = VGroup()
        for name in ("sigmoid", "tanh", "relu"):
            act = self.trace[name]
            _, _, yr, _ = ACTIVATION_VIEWS[name]
            plot = CurvePlot((act["z"][0], act["z"][-1], 5), yr, width=3.1, height=2.0, x_label="", y_label="")
            card = VGroup(self.plain(name if name != "relu" else "ReLU", palette.BODY_SIZE, palette.POSITIVE), plot,
                          plot.curve(act["z"], act["a"]),
                          MathTex(RANGES_TEX[name], font_size=palette.MATH_SIZE, color=palette.FIRE))
            card[0].next_to(plot, UP, buff=0.2)
            card[3].next_to(plot, DOWN, buff=0.3)
            cards.add(card)
        cards.arrange(RIGHT, buff=0.8, aligned_edge=UP).move_to(0.3 * UP)
        with self.beat("ranges", "act.cap.summary"):
            self.play(LaggedStart(*[FadeIn(c, shift=0.3 * UP) for c in cards], lag_ratio=0.3))
            self.wait(2.5)


class Bias(ExplainerScene):
    """Without a bias a line must pass through the origin; the bias shifts lines and curves."""

    def construct(self):
        self.title_card()
        tr = self.trace
        plot = CurvePlot((-3, 3, 1), (-3, 3, 1), width=4.8, height=4.0, x_label="x", y_label="y")
        plot.move_to(3.3 * LEFT + 0.1 * DOWN)
        lines = [plot.line_through(*l["points"]) for l in tr["lines"]]
        w_labels = [MathTex(rf"y = {tex_linear(l['w'])}", font_size=palette.MATH_SIZE, color=palette.POSITIVE) for l in tr["lines"]]
        for lab in w_labels:
            lab.next_to(plot, UP, buff=0.15)
        origin = Dot(plot.p(0, 0), radius=0.11, color=palette.FIRE)
        origin_note = self.label("bias.origin", palette.SMALL_SIZE, palette.FIRE).next_to(plot.p(0, 0), DR, buff=0.25)
        origin_note.add_background_rectangle(color=palette.BACKGROUND, opacity=0.85, buff=0.05)
        with self.beat("no-bias", "bias.cap.nobias"):
            self.play(FadeIn(plot), Create(lines[0]), Write(w_labels[0]))
            self.play(FadeIn(origin, scale=2), FadeIn(origin_note))
            self.step_through(zip(lines, w_labels))

        shifted = [plot.line_through(*s["points"], color=palette.BIAS) for s in tr["shifted"]]
        b_labels = [MathTex(rf"y = {tex_linear(tr['w'], s['b'])}",
                            font_size=palette.MATH_SIZE, color=palette.BIAS).next_to(plot, UP, buff=0.15) for s in tr["shifted"]]
        intercepts = [Dot(plot.p(0, s["b"]), radius=0.11, color=palette.BIAS)  # y = b where x = 0
                      for s in tr["shifted"]]
        with self.beat("shift", "bias.cap.bias"):
            self.play(FadeOut(origin_note), *[ReplacementTransform(a, b) for a, b in
                                              ((lines[-1], shifted[0]), (w_labels[-1], b_labels[0]),
                                               (origin, intercepts[0]))])
            self.step_through(zip(shifted, b_labels, intercepts))

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
        label = b_labels[-1]
        with self.beat("summary", "bias.cap.summary"):
            formula = MathTex(TEX["line"], font_size=palette.MATH_SIZE + 4, color=palette.FIRE)
            formula.move_to(label)   # the line panel's own formula, in general
            self.play(FadeOut(label), FadeIn(formula))
            self.wait(2)
