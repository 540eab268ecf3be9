"""Chapter 4: The computation graph."""
from __future__ import annotations

from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Arrow, Create, FadeIn, FadeOut,
                   Indicate, LaggedStart, ShowPassingFlash, TransformFromCopy, VGroup, Write)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.equation import given, relation, value
from scenes.kit.fmt import stated, tex_num
from scenes.kit.graph import tex
from scenes.kit.parts import NeuronNode, edge, note
from scenes.kit.chain import (BAND, EDGES, FORWARD, LEAVES, MATH, SYMBOL, chain_graph, edge_formulas, edge_partial,
                              forward_rows, in_band, local_values)
from scenes.ch4.common import Chapter4Scene


SLOPES = ("dO/dmu2", "dh/dmu1")            # the edges whose local derivative is a sigmoid's slope
OUTPUT_EDGES = ("dE/dO", "dO/dmu2", "dmu2/dw_o", "dmu2/db_o", "dmu2/dh")
INPUT_EDGES = ("dh/dmu1", "dmu1/dw_i", "dmu1/db_i")


class ComputationGraph(Chapter4Scene):
    """The chain as a computation graph; the forward pass fills in values, then every edge gets its
    local derivative (symbol and number)."""

    def construct(self):
        self.title_card()
        band = self.chain()          # each beat takes what stands in the band under the graph, and
        g = chain_graph(self.trace["nodes"])   # returns what it leaves there
        self.graph(g)
        band = self.dependence(g, band)
        band = self.forward(g, band)
        band = self.error_note(band)
        band = self.local_derivatives(g, band)
        self.summary(band)

    # -- beats ---------------------------------------------------------------------
    def chain(self) -> VGroup:
        n = self.trace["nodes"]
        neurons = VGroup(*[NeuronNode(radius=0.5, activation=a, color=c) for a, c in
                           ((0.0, palette.INPUT), (n["h"], palette.OUTPUT), (n["O"], palette.OUTPUT))]).arrange(RIGHT, buff=2.6)
        neurons.move_to([0, 1.3, 0])
        names = VGroup(*[tex(s, size=palette.MATH_SIZE) .move_to(c) for s, c in zip(("x", "h", "O"), neurons)])
        roles = VGroup(*[self.label(k, palette.SMALL_SIZE, palette.DIM).next_to(c, DOWN, buff=0.2)
                         for k, c in zip(("graph.input", "graph.hidden", "graph.output"), neurons)])
        links = VGroup(*[edge(a, b, color=palette.DIM, stroke_width=4) for a, b in zip(neurons, neurons[1:])])
        params = VGroup(*[tex(t, size=MATH).next_to(l, UP, buff=0.15) for t, l in
                          zip((r"w_i,\ b_i", r"w_o,\ b_o"), links)])
        shape = tex(r"1 \to 1 \to 1", size=palette.MATH_SIZE, color=palette.TEXT)
        kind = self.label("graph.chain", palette.BODY_SIZE, palette.TEXT)
        heading = VGroup(shape, kind).arrange(RIGHT, buff=0.35).move_to([0, 2.75, 0])
        with self.beat("chain", "graph.cap.chain"):
            self.play(LaggedStart(*[FadeIn(c, scale=0.7) for c in neurons], lag_ratio=0.3), FadeIn(names))
            self.play(*[Create(l) for l in links], FadeIn(params), FadeIn(roles))
            self.play(FadeIn(heading, shift=0.2 * DOWN))
            for link in links:   # "each feeding the next": a value runs from one neuron to the next
                self.play(ShowPassingFlash(link.copy().set_stroke(palette.OUTPUT, width=8), time_width=0.6),
                          run_time=1.0)
            self.play(Indicate(neurons[2], color=palette.OUTPUT), run_time=0.8)
            self.wait(0.8)
        steps = VGroup(tex(r"\mu_1 = w_i\,x + b_i", r"\quad h = \sigma(\mu_1)", r"\quad \mu_2 = w_o\,h + b_o",
                               size=MATH),
                       tex(r"O = \sigma(\mu_2)", r"\quad " + TEX["error"], size=MATH))
        steps[1][1].set_color(palette.COST)
        in_band(steps.arrange(DOWN, buff=0.3), -1.3)
        with self.beat("steps", "graph.cap.steps"):
            # one step at a time, as the voice reads them, with the neuron (and link) it belongs to
            where = [(links[0], neurons[1], palette.SUM), (None, neurons[1], palette.OUTPUT),
                     (links[1], neurons[2], palette.SUM), (None, neurons[2], palette.OUTPUT),
                     (None, neurons[2], palette.COST)]
            for part, (link, neuron, color) in zip([p for row in steps for p in row], where):
                flash = [ShowPassingFlash(link.copy().set_stroke(color, width=8), time_width=0.6)] if link else []
                self.play(Write(part), Indicate(neuron, color=color, scale_factor=1.25), *flash, run_time=1.4)
                self.wait(0.4)
            self.play(Indicate(steps[1][1], color=palette.COST), run_time=1.0)
            self.wait(0.6)
        self.play(FadeOut(VGroup(neurons, names, roles, links, params, heading)),
                  steps.animate.move_to([0, BAND, 0]), run_time=0.8)
        return steps

    def graph(self, g):
        with self.beat("graph", "graph.cap.graph"):
            self.play(g.create(), run_time=3.0)
            leaves = {n: self.trace["nodes"][n] for n in LEAVES}
            shown = [g.show_value(n, v) for n, v in leaves.items()]
            self.play(*[a for a, _ in shown])
            self.wait(0.8)

    def dependence(self, g, band):
        into = g.edges_into("mu1")
        n = self.trace["nodes"]
        formula = tex(r"\mu_1 =", "w_i", r"\,", "x", "+", "b_i", size=palette.MATH_SIZE)
        for k, c in ((1, palette.sign_color(n["w_i"])), (3, palette.INPUT), (5, palette.BIAS)):
            formula[k].set_color(c)
        remark = note(VGroup(formula, self.label("graph.depends", palette.SMALL_SIZE, palette.TEXT)).arrange(DOWN, buff=0.15),
                      color=palette.DIM)
        in_band(remark)
        with self.beat("depends", "graph.cap.depends"):
            self.play(FadeOut(band), FadeIn(remark))
            self.play(g.light(into), Indicate(g.nodes["mu1"], color=palette.OUTPUT), g.flash(into), run_time=1.5)
            self.wait(1.5)
            self.play(g.unlight(), run_time=0.6)
        return remark

    def forward(self, g, band):
        n = self.trace["nodes"]
        rows = forward_rows(n)     # the numbers as the nodes show them, every '=' true as shown
        with self.beat("forward", "graph.cap.forward", x=stated(n["x"]), y=stated(n["y"]), E=tex_num(n["E"])):
            for name in FORWARD:
                row = in_band(tex(rows[name], size=MATH + 4, color=palette.COST if name == "E" else palette.TEXT))
                into = g.edges_into(name)
                anim, _ = g.show_value(name, n[name], palette.COST if name == "E" else palette.TEXT)
                self.play(g.flash(into), FadeOut(band), FadeIn(row), run_time=1.0)
                self.play(anim, run_time=0.7)
                self.wait(0.5)
                band = row
            self.wait(0.8)
        return band

    def error_note(self, band):
        one = VGroup(self.label("graph.one_sample", palette.SMALL_SIZE, palette.COST),
                     tex(TEX["error"], size=MATH + 2, color=palette.COST)).arrange(DOWN, buff=0.15)
        many = VGroup(self.label("graph.regression", palette.SMALL_SIZE, palette.DIM),
                      tex(TEX["mean-cost"], size=MATH + 2,
                              color=palette.DIM)).arrange(DOWN, buff=0.15)
        pair = VGroup(one, many).arrange(RIGHT, buff=1.2, aligned_edge=UP)   # the headers on one line
        one[1].set_y(many[1].get_y())                                          # and the formulas
        same = self.label("graph.same", palette.SMALL_SIZE, palette.TEXT)
        body = VGroup(pair, same).arrange(RIGHT, buff=0.6)   # one row: the band under the graph is low
        body.scale(min(1.0, 11.8 / body.width))
        remark = in_band(note(body, color=palette.COST))
        with self.beat("error", "graph.cap.error"):
            self.play(FadeOut(band), FadeIn(remark[0]), FadeIn(one), run_time=1.0)
            self.play(Indicate(one[1], color=palette.COST), run_time=1.0)
            self.wait(0.6)
            self.play(FadeIn(many, shift=0.2 * LEFT), run_time=1.0)
            self.wait(0.8)
            self.play(FadeIn(same, shift=0.2 * LEFT), run_time=1.0)
            self.play(Indicate(VGroup(one[1], many[1]), color=palette.TEXT, scale_factor=1.05), run_time=1.0)
            self.wait(0.6)
        return remark

    def local_derivatives(self, g, band):
        n, local, formulas = self.trace["nodes"], local_values(self.trace), edge_formulas(self.trace)
        O, h = value(n["O"], g.digits["O"]), value(n["h"], g.digits["h"])   # as the nodes show them
        plugged = {"dE/dO": O - given(n["y"]), "dO/dmu2": O * (given(1) - O), "dh/dmu1": h * (given(1) - h)}
        for beat, names, caption in (("local-output", OUTPUT_EDGES, "graph.cap.local_out"),
                                     ("local-input", INPUT_EDGES, "graph.cap.local_in")):
            with self.beat(beat, caption):
                for name in names:
                    formula = formulas[name]
                    slope = [rf"\sigma'({SYMBOL[EDGES[name][0]]})", "="] if name in SLOPES else []
                    parts = [edge_partial(name), "="] + slope + ([formula, "="] if formula else [])
                    if name in plugged:
                        parts += [plugged[name].tex, relation(plugged[name], local[name])]
                    parts += [g.edge_number(formula, local[name])]   # as its tag shows it (x: the given 1.5)
                    row = tex(*parts, size=MATH + 4, color=palette.GRADIENT)
                    written = row
                    if name == SLOPES[0]:   # the first sigmoid slope: where it comes from
                        written = VGroup(row, self.slope_note()).arrange(DOWN, buff=0.2)
                    in_band(written)
                    tag = g.tag(name, formula, local[name])
                    sources = ([row[len(slope) + 2]] if formula else []) + [row[-1]]
                    self.play(FadeOut(band), FadeIn(written), g.flash([name], backward=True, color=palette.GRADIENT),
                              run_time=0.9)
                    self.play(FadeIn(tag.frame), *[TransformFromCopy(s, t) for s, t in zip(sources, tag.lines)],
                              run_time=0.9)
                    self.add(tag)
                    self.wait(0.4)
                    band = written
                self.wait(0.6)
        return band

    def slope_note(self) -> VGroup:
        """'chapter 1: sigma'(z) = sigma(z)(1 - sigma(z))', small, under the first sigmoid slope."""
        return VGroup(self.label("graph.from_ch1", palette.SMALL_SIZE, palette.DIM),
                      tex(TEX["sigmoid'"], size=MATH - 2, color=palette.DIM)).arrange(RIGHT, buff=0.25)

    def summary(self, band):
        forward = VGroup(Arrow(ORIGIN, 1.2 * RIGHT, color=palette.OUTPUT, buff=0),   # the colour of the forward pulses
                         self.label("graph.forward", palette.BODY_SIZE, palette.OUTPUT)).arrange(RIGHT, buff=0.25)
        backward = VGroup(Arrow(1.2 * RIGHT, ORIGIN, color=palette.GRADIENT, buff=0),
                          self.label("graph.backward", palette.BODY_SIZE, palette.GRADIENT)).arrange(RIGHT, buff=0.25)
        legend = in_band(VGroup(forward, backward).arrange(DOWN, aligned_edge=LEFT, buff=0.35))
        with self.beat("summary", "graph.cap.summary"):
            self.play(FadeOut(band), FadeIn(legend, shift=0.2 * UP))
            self.wait(2.5)
