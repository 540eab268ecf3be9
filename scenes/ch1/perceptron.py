"""Chapter 1: The perceptron: weights, a bias, an activation."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Create, FadeIn, FadeOut,
                   GrowArrow, Indicate, LaggedStart, MathTex, ReplacementTransform,
                   VGroup, Write)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.equation import apply, computation, given, relation, value
from scenes.kit.fmt import num, stated, tex_lines, tex_num, tex_stated
from scenes.kit.parts import NeuronNode, beside_line, edge, edge_width, glyph


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
            # "its own weight": each input's weight lit in turn, on its edge
            self.play(LaggedStart(*[Indicate(VGroup(e, w), color=w.get_color(), scale_factor=1.15)
                                    for e, w in zip(diagram.edges, diagram.weights)], lag_ratio=0.5), run_time=1.5)

    def equations(self, diagram, panel, step):
        """Products, their sum, the bias: written slowly enough to read along, a pause after each."""
        weights = self.trace["step"]["weights"]
        with self.beat("products", "perceptron.cap.products"):
            # each product written while its input, edge and weight are lit on the diagram
            for row, node, e, w in zip(panel.products, diagram.inputs, diagram.edges, diagram.weights):
                self.play(Write(row), *[Indicate(m, color=w.get_color(), scale_factor=1.1) for m in (node, e, w)],
                          run_time=1.5)
                self.wait(0.3)
            # "a large weight makes an input count more; a negative one makes it count against firing"
            big = max(range(len(weights)), key=lambda j: abs(weights[j]))
            negative = [j for j, w in enumerate(weights) if w < 0]
            def lit(j):   # input j's edge, weight and product, each lit in place
                return [Indicate(m, color=palette.sign_color(weights[j]), scale_factor=1.1)
                        for m in (diagram.edges[j], diagram.weights[j], panel.products[j])]
            self.play(*lit(big), run_time=1.0)
            if negative:
                self.play(*[a for j in negative for a in lit(j)], run_time=1.0)
        with self.beat("sum", "perceptron.cap.sum", weighted_sum=num(step["weighted_sum"])):
            self.play(Write(panel.total), run_time=2.0)
            self.wait(1.5)
        with self.beat("bias", "perceptron.cap.bias", bias=stated(step["bias"]), z=num(step["z"])):
            self.play(FadeIn(diagram.bias, shift=0.3 * UP), Write(panel.z), run_time=2.0)
            # "a bias is the threshold moved to the left side": the bias, then the sum it shifts
            self.play(Indicate(diagram.bias, color=palette.BIAS, scale_factor=1.3), run_time=1.5)
            self.play(Indicate(panel.z, color=palette.SUM, scale_factor=1.1), run_time=1.2)

    def step_activation(self, diagram, panel, step):
        with self.beat("step", "perceptron.cap.step", output=stated(step["output"])):
            # "a step activation turns z into 1"
            self.play(GrowArrow(diagram.arrow), FadeIn(diagram.act_box), FadeIn(diagram.act_name))
            self.play(diagram.neuron.animate.set_activation(step["output"]), GrowArrow(diagram.out_arrow),
                      Write(diagram.output), Write(panel.out))
            # "it jumps from 0 to 1 at z = 0"
            self.play(Indicate(diagram.act_box, color=palette.OUTPUT, scale_factor=1.5), run_time=1.2)
            # "where the sum passes the threshold": z, and the bias that is the threshold moved over
            self.play(Indicate(panel.z, color=palette.SUM, scale_factor=1.15),
                      Indicate(diagram.bias, color=palette.BIAS, scale_factor=1.2), run_time=1.2)
            # "fire or not, nothing in between"
            self.play(FadeIn(diagram.kind, shift=0.2 * DOWN), Indicate(diagram.output, color=palette.OUTPUT),
                      run_time=1.0)

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
            # the general formula in the text colour, in the worked rows' place, right-aligned: a clear gap
            # from the output on the diagram (the case's z and a stay below it)
            worked = VGroup(*panel.products, panel.total)
            formula = MathTex(TEX["neuron"], font_size=palette.MATH_SIZE, color=palette.TEXT)
            formula.move_to(worked).align_to(panel, RIGHT)
            self.play(FadeOut(worked), run_time=0.8)
            self.play(Write(formula), run_time=2.0)

    def diagram(self, case):
        d = VGroup()
        n = len(case["inputs"])
        # laid out left to right in x -6.3..0.7, so the panel (x 1.0..6.3, at full formula size) never meets
        # the output
        d.neuron = NeuronNode(radius=0.5).move_to(2.8 * LEFT + 0.45 * UP)   # room for the weights' labels
        ys = np.linspace(2.1, -1.2, n)
        d.inputs = VGroup(*[NeuronNode(radius=0.38, color=palette.INPUT).move_to([-6.0, y, 0]) for y in ys])
        d.values = VGroup(*[MathTex(tex_stated(v), font_size=palette.MATH_SIZE - 8).move_to(c) for v, c in zip(case["inputs"], d.inputs)])
        d.names = VGroup(*[MathTex(f"x_{j}", font_size=palette.MATH_SIZE - 8, color=palette.DIM).next_to(c, UP, buff=0.08)
                           for j, c in enumerate(d.inputs, start=1)])
        largest = max(abs(w) for w in case["weights"])
        d.edges = VGroup(*[edge(c, d.neuron, color=palette.sign_color(w), stroke_width=edge_width(w, largest))
                           for c, w in zip(d.inputs, case["weights"])])
        d.weights = VGroup()
        for j, (e, w) in enumerate(zip(d.edges, case["weights"]), start=1):
            lab = MathTex(f"w_{j}={tex_stated(w)}", font_size=palette.MATH_SIZE - 12, color=palette.sign_color(w))
            d.weights.add(beside_line(lab, e, at=0.05))   # near the input: clear of the neuron and the bias
        b_label = MathTex(f"b={tex_stated(case['bias'])}", font_size=palette.MATH_SIZE - 8, color=palette.BIAS)
        b_label.next_to(d.neuron, DOWN, buff=0.8).shift(0.4 * RIGHT)   # right of the lowest weight's label
        d.bias = VGroup(b_label, Arrow(b_label.get_top(), d.neuron.get_bottom(), buff=0.08, color=palette.BIAS,
                                       stroke_width=4, max_tip_length_to_length_ratio=0.3))
        d.arrow = Arrow(d.neuron.get_right(), d.neuron.get_right() + 0.5 * RIGHT, buff=0.05, color=palette.DIM)
        from nncore import get_activation  # the glyph draws the real function
        zs = np.linspace(-4, 4, 81)
        d.act_box = glyph(zs, get_activation(case["activation"]).fn(zs), size=0.9).next_to(d.arrow, RIGHT, buff=0.08)
        d.act_name = self.label(f"perceptron.{case['activation']}", palette.SMALL_SIZE, palette.DIM).next_to(d.act_box, UP, buff=0.12)
        d.out_arrow = Arrow(d.act_box.get_right(), d.act_box.get_right() + 0.45 * RIGHT, buff=0.05, color=palette.DIM)
        binary = case["activation"] == "step"
        d.output = MathTex(stated(case["output"]) if binary else tex_num(case["output"]), font_size=palette.MATH_SIZE,
                           color=palette.OUTPUT).next_to(d.out_arrow, RIGHT, buff=0.1)
        d.kind = self.label("perceptron.binary" if binary else "perceptron.continuous", palette.SMALL_SIZE, palette.OUTPUT)
        d.kind.next_to(d.act_name, UP, buff=0.15)   # above: below it would meet the bias arrow
        return d

    def panel(self, case):
        """The worked computation, each '=' from the numbers it shows (kit/equation): inputs, weights
        and the bias as given.
        At the diagram's formula size; the sum in two rows (its result under its '='), so it fits beside
        the diagram unscaled."""
        p = VGroup()
        size = palette.MATH_SIZE - 8
        p.products = VGroup(*[
            MathTex(computation(f"x_{j} w_{j}", given(x) * given(w), q), font_size=size)
            for j, (x, w, q) in enumerate(zip(case["inputs"], case["weights"], case["products"]), start=1)])
        shown_products = [value(q) for q in case["products"]]
        total = shown_products[0]
        for q in shown_products[1:]:
            total = total + q
        sum_rows = [rf"\textstyle\sum_j w_j x_j &= {total.tex}",
                    rf"&{relation(total, case['weighted_sum'])} {tex_num(case['weighted_sum'])}"]
        p.total = MathTex(*tex_lines(sum_rows), font_size=size)
        z = computation("z", value(case["weighted_sum"]) + given(case["bias"]), case["z"])
        p.z = MathTex(z, font_size=size, color=palette.SUM)
        binary = case["activation"] == "step"
        out = computation("a", apply("step" if binary else "sigma", value(case["z"])), case["output"], binary=binary)
        p.out = MathTex(out, font_size=size, color=palette.OUTPUT)
        p.add(*p.products, p.total, p.z, p.out)
        p.arrange(DOWN, aligned_edge=LEFT, buff=0.28)
        if p.width > 5.35:   # clear of the output on the diagram (its right edge is near x = 0.7): only for
            p.scale_to_fit_width(5.35)   # inputs with longer numbers than the article's
        p.to_edge(RIGHT, buff=0.8).shift(0.15 * DOWN)
        return p
