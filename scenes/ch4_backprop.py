"""Chapter 4, backpropagation on the chain x -> h -> O (Figs 9-11), the weight update, and training epoch by epoch.

    mu1 = w_i x + b_i,  h = sigma(mu1),  mu2 = w_o h + b_o,  O = sigma(mu2),  E = 1/2 (O - y)^2

One computation graph, laid out once (`chain_graph`), runs through all four scenes: along the top,
with the formulas being built in the band below it.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, UR, AnimationGroup, Arrow, Create, DashedLine, Dot, FadeIn, FadeOut,
                   Indicate, LaggedStart, Line, MathTex, ReplacementTransform, Square, SurroundingRectangle, TransformFromCopy, VGroup, Write, rate_functions)

from scenes.formulas import TEX
from scenes.kit import frame, palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import num, product_approx, shown, stated, tex_factor, tex_num, tex_stated
from scenes.kit.graph import ChainProduct, EdgeSpec, GraphDiagram, NodeSpec, build, partial, tex
from scenes.kit.network import NetworkDiagram, largest_weight, shape_of
from scenes.kit.parts import CurvePlot, NeuronNode, edge, lean, legend_row, nice_range, note

# -- the chain, laid out once ---------------------------------------------------------------------
Y0, ROW = 1.15, 1.3          # the main line, and how far above / below it the parameters sit
BAND = -2.15                  # centre of the band under the graph where formulas are written
MATH = 36                     # formula size in the band

SYMBOL = {"x": "x", "y": "y", "w_i": "w_i", "b_i": "b_i", "w_o": "w_o", "b_o": "b_o",
          "mu1": r"\mu_1", "h": "h", "mu2": r"\mu_2", "O": "O", "E": "E"}
SPREAD = 0.9                  # across: the outermost nodes stay inside the side margins
LAYOUT = {n: (SPREAD * x, y) for n, (x, y) in {
    "x": (-6.25, Y0), "w_i": (-5.75, Y0 + ROW), "b_i": (-5.75, Y0 - ROW), "mu1": (-4.25, Y0),
    "h": (-1.7, Y0), "w_o": (-0.85, Y0 + ROW), "b_o": (-0.85, Y0 - ROW), "mu2": (0.85, Y0),
    "O": (3.4, Y0), "E": (5.95, Y0), "y": (5.95, Y0 + ROW)}.items()}
LEAVES = ("x", "y", "w_i", "b_i", "w_o", "b_o")
FORWARD = ("mu1", "h", "mu2", "O", "E")   # the computed nodes, in the order the forward pass fills them

# edge name (as in the trace) -> (tail, head, where its tag sits); the formulas come from the trace
EDGES = {
    "dmu1/dx": ("x", "mu1", (0, 1)),
    "dmu1/dw_i": ("w_i", "mu1", (1, 1)),
    "dmu1/db_i": ("b_i", "mu1", (1, -1)),
    "dh/dmu1": ("mu1", "h", (0, 1)),
    "dmu2/dh": ("h", "mu2", (0, 1)),
    "dmu2/dw_o": ("w_o", "mu2", (1, 1)),
    "dmu2/db_o": ("b_o", "mu2", (1, -1)),
    "dO/dmu2": ("mu2", "O", (0, 1)),
    "dE/dO": ("O", "E", (0, 1)),
    "dE/dy": ("y", "E", (1, 0)),
}
SLOPES = ("dO/dmu2", "dh/dmu1")            # the edges whose local derivative is a sigmoid's slope
OUTPUT_EDGES = ("dE/dO", "dO/dmu2", "dmu2/dw_o", "dmu2/db_o", "dmu2/dh")
INPUT_EDGES = ("dh/dmu1", "dmu1/dw_i", "dmu1/db_i")


def leaf_color(name: str, value: float):
    if name.startswith("w_"):
        return palette.sign_color(value)
    return palette.BIAS if name.startswith("b_") else palette.TEXT


def chain_graph(nodes: dict) -> GraphDiagram:
    """The graph of the chain, coloured from the trace's node values (weights by sign)."""
    specs = {n: NodeSpec(SYMBOL[n], LAYOUT[n], leaf=n in LEAVES,
                         color=palette.COST if n == "E" else leaf_color(n, nodes[n]) if n in LEAVES else palette.TEXT)
             for n in LAYOUT}
    edges = [EdgeSpec(name, tail, head, side) for name, (tail, head, side) in EDGES.items()]
    return GraphDiagram(specs, edges)


def edge_partial(name: str) -> str:
    """'dO/dmu2' -> the TeX fraction of partials."""
    tail, head = EDGES[name][0], EDGES[name][1]
    return partial(SYMBOL[head], SYMBOL[tail])


def edge_formulas(trace) -> dict:
    """Each edge's local derivative as nncore writes it ('O - y'); None where it is a constant
    (the edge shows only its number)."""
    return {e["name"]: None if e["formula"] == "1" else e["formula"] for e in trace["edges"]}


def as_factor(formula: str | None) -> str:
    """A formula as a factor of a product: (O - y) in parentheses, 1 for a constant."""
    formula = formula or "1"
    return f"({formula})" if "-" in formula and not formula.endswith(")") else formula


def local_values(trace) -> dict:
    return {e["name"]: e["value"] for e in trace["edges"]}


def tag_formula(tag):
    """What a product's formula row grows out of: the tag's formula, or its number for a constant (1)."""
    return tag.formula if tag.formula is not None else tag.number


def tags_for(g: GraphDiagram, trace) -> dict:
    """The local-derivative tag of every edge the trace names."""
    formulas = edge_formulas(trace)
    return {name: g.tag(name, formulas[name], v) for name, v in local_values(trace).items()}


def full_graph(trace):
    """The graph as chapter 4 leaves it: every value and every local derivative shown.
    Returns (graph, values group, tags by edge name)."""
    g = chain_graph(trace["nodes"])
    values = g.with_values({n: trace["nodes"][n] for n in LAYOUT})
    return g, values, tags_for(g, trace)


def in_band(mob, y: float = BAND):
    """Centred at height y, lifted if its bottom would reach the caption band."""
    mob.move_to([0, y, 0])
    return mob.shift(max(0.0, frame.safe_box()[2] + 0.15 - mob.get_bottom()[1]) * UP)   # room for a frame


def side_by_side(left, right, gap: float = 1.0, room: float = 12.5):
    """Two products in the band, tops level, the pair centred. Long numbers (negative factors are
    written in parentheses) may make the pair wider than the frame: then the gap shrinks, and if
    that is not enough the pair is scaled down just enough to fit."""
    pair = VGroup(left, right).arrange(RIGHT, buff=gap, aligned_edge=UP)
    if pair.width > room:
        pair.arrange(RIGHT, buff=gap / 2, aligned_edge=UP)
        if pair.width > room:
            pair.scale(room / pair.width)
    in_band(pair)
    # Case 2's five-factor rows are taller than the band: shrink them to stay under the bias nodes
    ceiling = Y0 - ROW - 0.5 - 0.15
    if pair.get_top()[1] > ceiling:
        pair.scale((ceiling - pair.get_bottom()[1]) / pair.height, about_edge=DOWN)
    return left, right


class Chapter4Scene(ExplainerScene):
    """What the chapter's scenes share."""

    def label(self, key: str, size: float = palette.BODY_SIZE, color=palette.TEXT, **fields):
        return lean(super().label(key, size, color, **fields))

    def shared_tag(self, words_key: str) -> VGroup:
        """Case 1's product dE/dO * dO/dmu2 = dE/dmu2, parked under the graph beside mu2 for Case 2.
        `[0]` is the framed formula (`[0][1]` its MathTex, parts: fraction, '=', number), `[1]` the words."""
        value = self.trace["shared"]["value"]
        formula = tex(partial("E", r"\mu_2"), "=", tex_num(value), size=MATH, color=palette.GRADIENT)
        boxed = note(formula, color=palette.FIRE, pad=0.12)
        words = self.label(words_key, palette.SMALL_SIZE, palette.FIRE)
        tag = VGroup(boxed, words).arrange(RIGHT, buff=0.25).move_to([0, -0.02, 0])
        return frame.keep_inside(tag.align_to([1.4, 0, 0], LEFT))   # under O and E, clear of b_o's edge

    def chain_product(self, param: str) -> ChainProduct:
        """The chain rule for one parameter, from the trace: symbols, formulas, numbers, gradient."""
        gr = self.trace["gradients"][param]
        return ChainProduct(partial("E", SYMBOL[param]), [edge_partial(f) for f in gr["factors"]],
                            [as_factor(edge_formulas(self.trace)[f]) for f in gr["factors"]], gr["values"], gr["gradient"], size=MATH)

    def show_graph(self, g, values, tags):
        self.play(FadeIn(g), FadeIn(values), FadeIn(VGroup(*tags.values())))

    def trace_path(self, g, edges, run_time=0.9):
        """The path from E back to a parameter grows node by node, a pulse running backward along
        each edge. What is lit of it already stays lit, so a longer path extends a shorter one; lit
        edges off it go dark first (back to the node where the paths part)."""
        if not g.lit:
            self.play(Indicate(g.nodes["E"], color=palette.FIRE), run_time=0.6)
        for step in g.extend(edges, run_time=run_time):
            self.play(step)

    def write_symbols(self, g, row, edges, run_time=0.8):
        """The symbols row, factor by factor, each with a pulse on its edge."""
        steps = build(row)
        self.play(steps[0], run_time=run_time)
        for step, e in zip(steps[1:], edges):
            self.play(step, g.flash([e], backward=True), run_time=run_time)

    def write_row(self, row, sources, run_time=0.8):
        """A row, factor by factor, each grown out of a copy of its source (a tag on the graph)."""
        for step in build(row, sources):
            self.play(step, run_time=run_time)

    def conclude(self, product) -> SurroundingRectangle:
        """The product's value, framed; then the rows stand on screen as whole formulas."""
        box = SurroundingRectangle(product.numbers.result, color=palette.GRADIENT, buff=0.08)
        self.play(Write(product.numbers.tail()), run_time=0.8)
        self.play(Create(box), run_time=0.5)
        self.settle(product)
        return box

    def settle(self, rows: VGroup):
        """Rows written part by part are on screen as loose parts: put the whole rows there instead,
        so that what is on screen is the formulas themselves (the same pixels)."""
        self.remove(*[part for row in rows for part in row.submobjects])
        self.add(rows)

    def gradient_grid(self, gradients) -> VGroup:
        """The four gradients, two by two: what one backward pass gives."""
        cells = [tex(partial("E", SYMBOL[p]), "=", tex_num(gradients[p]["gradient"]), size=MATH + 4,
                     color=palette.GRADIENT) for p in ("w_o", "b_o", "w_i", "b_i")]
        return in_band(VGroup(*cells).arrange_in_grid(rows=2, buff=(1.6, 0.3)), BAND + 0.1)


class ComputationGraph(Chapter4Scene):
    """Fig 9: the chain as a computation graph; the forward pass fills in values, then every edge
    gets its local derivative (symbol and number)."""

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
                           ((0.0, palette.POSITIVE), (n["h"], palette.FIRE), (n["O"], palette.FIRE))]).arrange(RIGHT, buff=2.6)
        neurons.move_to([0, 1.3, 0])
        names = VGroup(*[tex(s, size=palette.MATH_SIZE) .move_to(c) for s, c in zip(("x", "h", "O"), neurons)])
        roles = VGroup(*[self.label(k, palette.SMALL_SIZE, palette.DIM).next_to(c, DOWN, buff=0.2)
                         for k, c in zip(("graph.input", "graph.hidden", "graph.output"), neurons)])
        links = VGroup(*[edge(a, b, color=palette.DIM, stroke_width=4) for a, b in zip(neurons, neurons[1:])])
        params = VGroup(*[tex(t, size=MATH).next_to(l, UP, buff=0.15) for t, l in
                          zip((r"w_i,\ b_i", r"w_o,\ b_o"), links)])
        shape = tex(r"1 \to 1 \to 1", size=palette.MATH_SIZE, color=palette.FIRE)
        kind = self.label("graph.chain", palette.BODY_SIZE, palette.FIRE)
        heading = VGroup(shape, kind).arrange(RIGHT, buff=0.35).move_to([0, 2.75, 0])
        with self.beat("chain", "graph.cap.chain"):
            self.play(LaggedStart(*[FadeIn(c, scale=0.7) for c in neurons], lag_ratio=0.3), FadeIn(names))
            self.play(*[Create(l) for l in links], FadeIn(params), FadeIn(roles))
            self.play(FadeIn(heading, shift=0.2 * DOWN))
            self.wait(1.2)
        steps = VGroup(tex(r"\mu_1 = w_i\,x + b_i", r"\quad h = \sigma(\mu_1)", r"\quad \mu_2 = w_o\,h + b_o",
                               size=MATH),
                       tex(r"O = \sigma(\mu_2)", r"\quad E = \tfrac12\,(O - y)^2", size=MATH))
        steps[1][1].set_color(palette.COST)
        in_band(steps.arrange(DOWN, buff=0.3), -1.3)
        with self.beat("steps", "graph.cap.steps"):
            for row in steps:
                for part in row:
                    self.play(Write(part), run_time=0.9)
            self.wait(1.0)
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
        formula = tex(r"\mu_1 =", "w_i", r"\,", "x", "+", "b_i", size=palette.MATH_SIZE)
        for k in (1, 3, 5):
            formula[k].set_color(palette.FIRE)
        remark = note(VGroup(formula, self.label("graph.depends", palette.SMALL_SIZE, palette.FIRE)).arrange(DOWN, buff=0.15))
        in_band(remark)
        with self.beat("depends", "graph.cap.depends"):
            self.play(FadeOut(band), FadeIn(remark))
            self.play(g.light(into), Indicate(g.nodes["mu1"], color=palette.FIRE), g.flash(into), run_time=1.5)
            self.wait(1.5)
            self.play(g.unlight(), run_time=0.6)
        return remark

    def forward(self, g, band):
        n = self.trace["nodes"]
        rows = {
            "mu1": rf"\mu_1 = w_i\,x + b_i = {tex_num(n['w_i'])}\cdot{tex_factor(n['x'])} + {tex_factor(n['b_i'])}"
                   rf" = {tex_num(n['mu1'])}",
            "h": rf"h = \sigma(\mu_1) = \sigma({tex_num(n['mu1'])}) = {tex_num(n['h'])}",
            "mu2": rf"\mu_2 = w_o\,h + b_o = {tex_num(n['w_o'])}\cdot{tex_factor(n['h'])} + {tex_factor(n['b_o'])}"
                   rf" = {tex_num(n['mu2'])}",
            "O": rf"O = \sigma(\mu_2) = \sigma({tex_num(n['mu2'])}) = {tex_num(n['O'])}",
            "E": rf"E = \tfrac12\,(O - y)^2 = \tfrac12\,({tex_num(n['O'])} - {tex_factor(n['y'])})^2"
                 rf" = {tex_num(n['E'])}",
        }
        with self.beat("forward", "graph.cap.forward", x=tex_num(n["x"]), y=tex_num(n["y"]), E=tex_num(n["E"])):
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
                     tex(r"E = \tfrac12\,(O - y)^2", size=MATH + 2, color=palette.COST)).arrange(DOWN, buff=0.15)
        many = VGroup(self.label("graph.regression", palette.SMALL_SIZE, palette.DIM),
                      tex(r"C = \frac{1}{2n}\sum_{k=1}^{n}(\hat y_k - y_k)^2", size=MATH + 2,
                              color=palette.DIM)).arrange(DOWN, buff=0.15)
        pair = VGroup(one, many).arrange(RIGHT, buff=1.2, aligned_edge=UP)   # the headers on one line
        one[1].set_y(many[1].get_y())                                          # and the formulas
        same = self.label("graph.same", palette.SMALL_SIZE, palette.TEXT)
        body = VGroup(pair, same).arrange(RIGHT, buff=0.6)   # one row: the band under the graph is low
        body.scale(min(1.0, 11.8 / body.width))
        remark = in_band(note(body, color=palette.COST))
        with self.beat("error", "graph.cap.error"):
            self.play(FadeOut(band), FadeIn(remark))
            self.wait(3.5)
        return remark

    def local_derivatives(self, g, band):
        n, local, formulas = self.trace["nodes"], local_values(self.trace), edge_formulas(self.trace)
        plugged = {"dE/dO": rf"{tex_num(n['O'])} - {tex_factor(n['y'])}",
                   "dO/dmu2": rf"{tex_num(n['O'])}\,(1 - {tex_num(n['O'])})",
                   "dh/dmu1": rf"{tex_num(n['h'])}\,(1 - {tex_num(n['h'])})"}
        for beat, names, caption in (("local-output", OUTPUT_EDGES, "graph.cap.local_out"),
                                     ("local-input", INPUT_EDGES, "graph.cap.local_in")):
            with self.beat(beat, caption):
                for name in names:
                    formula = formulas[name]
                    slope = [rf"\sigma'({SYMBOL[EDGES[name][0]]})", "="] if name in SLOPES else []
                    parts = [edge_partial(name), "="] + slope + ([formula, "="] if formula else [])
                    parts += ([plugged[name], "="] if name in plugged else []) + [tex_num(local[name])]
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
        forward = VGroup(Arrow(ORIGIN, 1.2 * RIGHT, color=palette.FIRE, buff=0),
                         self.label("graph.forward", palette.BODY_SIZE, palette.FIRE)).arrange(RIGHT, buff=0.25)
        backward = VGroup(Arrow(1.2 * RIGHT, ORIGIN, color=palette.GRADIENT, buff=0),
                          self.label("graph.backward", palette.BODY_SIZE, palette.GRADIENT)).arrange(RIGHT, buff=0.25)
        legend = in_band(VGroup(forward, backward).arrange(DOWN, aligned_edge=LEFT, buff=0.35))
        with self.beat("summary", "graph.cap.summary"):
            self.play(FadeOut(band), FadeIn(legend, shift=0.2 * UP))
            self.wait(2.5)


class BackpropOutputLayer(Chapter4Scene):
    """Fig 10, Case 1: the chain rule from E back to w_o, then to b_o; the shared first factors."""

    def construct(self):
        self.title_card()
        g, values, tags = full_graph(self.trace)
        question = in_band(tex(partial("E", "w_o"), "=", "?", size=palette.MATH_SIZE + 4))
        with self.beat("graph", "case1.cap.graph"):
            self.show_graph(g, values, tags)
            self.play(Write(question))
            self.wait(2.0)
        w, b = side_by_side(self.chain_product("w_o"), self.chain_product("b_o"))
        boxes = VGroup(self.weight(g, tags, w, question), self.bias(g, tags, b))
        marks = self.keep_shared(g, w, b)
        self.nudge(g, VGroup(w, b, boxes, marks))

    def weight(self, g, tags, product, question):
        gr = self.trace["gradients"]["w_o"]
        path = gr["factors"]
        with self.beat("path", "case1.cap.path"):
            self.trace_path(g, path)
            self.wait(0.5)
        with self.beat("symbols", "case1.cap.symbols"):
            self.play(FadeOut(question), run_time=0.4)
            self.write_symbols(g, product.symbols, path, run_time=0.9)
            self.wait(0.6)
        with self.beat("formulas", "case1.cap.formulas"):
            self.write_row(product.formulas, [tag_formula(tags[e]) for e in path])
            self.wait(0.6)
        a, b, c = (tex_num(v) for v in gr["values"])
        with self.beat("numbers", "case1.cap.numbers", a=a, b=b, c=c):
            self.write_row(product.numbers, [tags[e].number for e in path])
            self.wait(0.6)
        with self.beat("result", "case1.cap.result", g=tex_num(gr["gradient"])):
            box = self.conclude(product)
            self.wait(1.2)
        return box

    def bias(self, g, tags, product):
        gr = self.trace["gradients"]["b_o"]
        path = gr["factors"]
        with self.beat("bias-path", "case1.cap.bias_path"):
            self.trace_path(g, path)
            self.write_symbols(g, product.symbols, path, run_time=0.7)
            self.write_row(product.formulas, [tag_formula(tags[e]) for e in path], run_time=0.7)
            self.wait(0.5)
        with self.beat("bias-result", "case1.cap.bias", g=tex_num(gr["gradient"])):
            self.write_row(product.numbers, [tags[e].number for e in path], run_time=0.7)
            box = self.conclude(product)
            self.wait(1.5)
        return box

    def keep_shared(self, g, *products):
        shared = self.shared_tag("case1.keep")
        with self.beat("shared", "case1.cap.shared", shared=tex_num(self.trace["shared"]["value"])):
            firsts = [p.formulas.factor_group(0, 2) for p in products]
            marks = VGroup(*[SurroundingRectangle(f, color=palette.FIRE, buff=0.06) for f in firsts])
            off = [e for e in g.lit if e not in self.trace["shared"]["factors"]]
            self.play(Create(marks), g.unlight_edges(off))    # the path back to mu2, which both share
            self.play(TransformFromCopy(VGroup(*firsts), shared[0]), FadeIn(shared[1]), run_time=1.2)
            self.wait(2.5)
        return marks

    def nudge(self, g, old):
        """The check that makes a gradient visible: w_o + a small step, a real forward pass (the
        trace's), and E moves by about step x dE/dw_o."""
        nd, gr = self.trace["nudge"], self.trace["gradients"]["w_o"]["gradient"]
        moved = nd["nodes"]
        before, after = tex_num(nd["E_before"], 5), tex_num(nd["E_after"], 5)
        delta = tex_num(nd["delta"], 2)
        # '=' where the two E's as shown subtract to the change as shown, '≈' otherwise
        diff_rel = "=" if num(shown(nd["E_after"], 5) - shown(nd["E_before"], 5), 2) == num(nd["delta"], 2) else r"\approx"
        pred_rel = r"\approx" if product_approx([nd["step"], gr], nd["predicted"]) else "="
        step = tex_stated(nd["step"])
        first = tex(rf"w_o:\ {tex_num(self.trace['nodes']['w_o'])} \to {tex_num(nd['value'])}", r"\qquad",
                    rf"E:\ {before} \to {after}", size=MATH + 2)
        first[2].set_color(palette.COST)
        second = tex(r"\Delta E", "=", rf"{after} - {before}", diff_rel, delta, size=MATH + 2, color=palette.COST)
        third = tex(r"\approx", rf"{step}\cdot", partial("E", "w_o"), "=", rf"{step}\cdot{tex_factor(gr)}",
                    pred_rel, tex_num(nd["predicted"]), size=MATH + 2, color=palette.GRADIENT)
        rows = VGroup(first, second, third).arrange(DOWN, buff=0.2)
        third.shift((second[1].get_x() - third[0].get_x()) * RIGHT)     # '≈' under ΔE's '='
        first.shift((second[1].get_x() - first[0].get_x() - 0.4) * RIGHT)
        in_band(rows, BAND + 0.05)
        frame.keep_inside(rows)
        with self.beat("nudge", "case1.cap.nudge", step=stated(nd["step"]), before=before, after=after):
            self.play(FadeOut(old), g.unlight())
            self.play(FadeIn(first[0]), g.change_value("w_o", nd["value"]),
                      Indicate(g.nodes["w_o"], color=palette.FIRE), run_time=1.0)
            for name in ("mu2", "O", "E"):
                color = palette.COST if name == "E" else palette.TEXT
                self.play(g.flash(g.edges_into(name)), g.change_value(name, moved[name], color), run_time=0.8)
            self.play(FadeIn(first[1:]), Indicate(g.nodes["E"], color=palette.COST))
            self.settle(VGroup(first))
            self.wait(1.0)
        with self.beat("nudge-check", "case1.cap.nudge_check", delta=delta.replace("{,}", ","), step=stated(nd["step"]),
                       g=tex_num(gr)):
            self.play(FadeIn(second, shift=0.2 * DOWN))
            self.play(FadeIn(third, shift=0.2 * DOWN))
            self.play(Create(SurroundingRectangle(third[-1], color=palette.GRADIENT, buff=0.08)))
            self.wait(2.5)


class BackpropHiddenLayer(Chapter4Scene):
    """Fig 11, Case 2: the longer path to w_i and b_i, which begins with Case 1's product (reused)."""

    def construct(self):
        self.title_card()
        tr = self.trace
        g, values, tags = full_graph(tr)
        shared = self.shared_tag("case2.from_case1")
        shared_value = tex_num(tr["shared"]["value"])
        with self.beat("graph", "case2.cap.graph", shared=shared_value):
            self.show_graph(g, values, tags)
            self.play(FadeIn(shared), g.light(tr["shared"]["factors"]))
            self.wait(1.2)
        w, b = side_by_side(self.hidden_product("w_i"), self.hidden_product("b_i"))
        marks = self.weight(g, tags, shared, w)
        marks.add(self.bias(g, tags, shared, b))
        rule = self.recursion(g, w, b, marks)
        with self.beat("summary", "case2.cap.summary"):
            grid = self.gradient_grid(tr["gradients"])
            self.play(FadeOut(rule), g.unlight())
            self.play(LaggedStart(*[FadeIn(c, shift=0.2 * UP) for c in grid], lag_ratio=0.3))
            self.wait(2.5)

    def hidden_product(self, param: str) -> ChainProduct:
        """dE/dparam: five local derivatives; the first two are Case 1's dE/dmu2."""
        tr = self.trace
        gr = tr["gradients"][param]
        f = gr["factors"]
        product = ChainProduct(partial("E", SYMBOL[param]), [edge_partial(e) for e in f],
                               [partial("E", r"\mu_2")] + [as_factor(edge_formulas(tr)[e]) for e in f[2:]],
                               [tr["shared"]["value"]] + gr["values"][2:], gr["gradient"], size=MATH)
        for row in (product.formulas, product.numbers):
            row.factors[0].set_color(palette.FIRE)   # what Case 1 already computed
        return product

    def weight(self, g, tags, shared, product) -> VGroup:
        """The w_i product, reusing Case 1's dE/dmu2; returns the frames it drew."""
        tr = self.trace
        gr = tr["gradients"]["w_i"]
        path = gr["factors"]
        stored_symbol, stored_number = shared[0][1][0], shared[0][1][2]
        with self.beat("path", "case2.cap.path"):
            self.trace_path(g, path)
            self.wait(0.4)
        with self.beat("symbols", "case2.cap.symbols"):
            self.write_symbols(g, product.symbols, path)
            self.wait(0.6)
        formulas = build(product.formulas, [stored_symbol] + [tag_formula(tags[e]) for e in path[2:]])
        with self.beat("reuse", "case2.cap.reuse"):
            first_two = SurroundingRectangle(product.symbols.factor_group(0, 2), color=palette.FIRE, buff=0.06)
            self.play(Create(first_two), Indicate(shared[0], color=palette.FIRE))
            self.play(formulas[0], formulas[1], run_time=1.4)
            self.wait(2.0)
        with self.beat("formulas", "case2.cap.formulas"):
            for step in formulas[2:]:
                self.play(step, run_time=0.8)
            self.wait(0.5)
        v = gr["values"]
        with self.beat("numbers", "case2.cap.numbers", shared=tex_num(tr["shared"]["value"]), w_o=tex_num(v[2]),
                       dh=tex_num(v[3]), x=tex_num(v[4]), g=tex_num(gr["gradient"]),
                       rel="≈" if product_approx([tr["shared"]["value"]] + v[2:], gr["gradient"]) else "="):
            self.write_row(product.numbers, [stored_number] + [tags[e].number for e in path[2:]])
            box = self.conclude(product)
            self.wait(1.2)
        return VGroup(first_two, box)

    def bias(self, g, tags, shared, product) -> SurroundingRectangle:
        """The b_i product: the same path as far as mu1, then the edge to b_i."""
        gr = self.trace["gradients"]["b_i"]
        path = gr["factors"]
        stored_symbol, stored_number = shared[0][1][0], shared[0][1][2]
        with self.beat("bias-path", "case2.cap.bias_path"):
            self.trace_path(g, path)
            self.write_symbols(g, product.symbols, path, run_time=0.6)
            first_two = SurroundingRectangle(product.symbols.factor_group(0, 2), color=palette.FIRE, buff=0.06)
            self.play(Create(first_two), Indicate(shared[0], color=palette.FIRE))   # the same reuse as w_i's
            self.write_row(product.formulas, [stored_symbol] + [tag_formula(tags[e]) for e in path[2:]], run_time=0.7)
            self.wait(0.5)
        with self.beat("bias-result", "case2.cap.bias", g=tex_num(gr["gradient"])):
            self.write_row(product.numbers, [stored_number] + [tags[e].number for e in path[2:]], run_time=0.7)
            box = self.conclude(product)
            self.wait(1.5)
        return VGroup(first_two, box)

    def recursion(self, g, w, b, marks) -> VGroup:
        """The second level of reuse: dE/dmu2 * w_o * h(1 - h) is dE/dmu1, which is dE/db_i, and
        dE/dw_i is it times x. Each step back multiplies by a weight and a slope: any depth.
        Returns what it leaves in the band."""
        tr = self.trace
        hid, d2 = tr["hidden"], tr["shared"]["value"]
        v = tr["gradients"]["w_i"]["values"]           # dE/dO, dO/dmu2, w_o, h(1-h), x
        x, g_wi = v[4], tr["gradients"]["w_i"]["gradient"]
        d1 = hid["value"]
        firsts = [p.formulas.factor_group(0, 3) for p in (w, b)]
        boxes = VGroup(*[SurroundingRectangle(f, color=palette.GRADIENT, buff=0.06) for f in firsts])
        rel1 = r"\approx" if product_approx([d2, v[2], v[3]], d1) else "="
        rel2 = r"\approx" if product_approx([d1, x], g_wi) else "="
        level = tex(partial("E", r"\mu_1"), "=", partial("E", r"\mu_2"), r"\,w_o\,h(1 - h)", "=",
                    rf"{tex_factor(d2)}\cdot{tex_factor(v[2])}\cdot{tex_factor(v[3])}", rel1, tex_num(d1), "=",
                    partial("E", "b_i"), size=MATH)
        times_x = tex(partial("E", "w_i"), "=", partial("E", r"\mu_1"), r"\,x", "=",
                      rf"{tex_factor(d1)}\cdot{tex_factor(x)}", rel2, tex_num(g_wi), size=MATH)
        level[-3].set_color(palette.GRADIENT)
        times_x[-1].set_color(palette.GRADIENT)
        general = note(tex(partial("E", r"\mu_{l}"), "=", partial("E", r"\mu_{l+1}"), r"\,w_{l+1}\,\sigma'(\mu_l)",
                           size=MATH, color=palette.FIRE), color=palette.FIRE, pad=0.08)
        lower = VGroup(times_x, general).arrange(RIGHT, buff=0.8)
        rows = VGroup(level, lower).arrange(DOWN, buff=0.2)
        times_x.shift((level[1].get_x() - times_x[1].get_x()) * RIGHT)     # the '=' signs under each other
        general.next_to(times_x, RIGHT, buff=0.8)
        rows.scale(min(1.0, 12.4 / rows.width))
        in_band(rows, BAND + 0.2)
        ceiling = Y0 - ROW - 0.5 - 0.15                                   # under the bias nodes, like the products
        if rows.get_top()[1] > ceiling:
            rows.scale((ceiling - rows.get_bottom()[1]) / rows.height, about_edge=DOWN)
        frame.keep_inside(rows)
        level_box = SurroundingRectangle(level[2:4], color=palette.GRADIENT, buff=0.06)   # the three shared factors
        with self.beat("mu1", "case2.cap.mu1"):
            self.play(Create(boxes), *g.extend(hid["factors"]))
            self.play(Indicate(g.nodes["mu1"], color=palette.FIRE))
            self.wait(1.5)
        with self.beat("recursion", "case2.cap.recursion", d1=tex_num(d1)):
            self.play(FadeOut(VGroup(w, b, marks)), ReplacementTransform(boxes, level_box), FadeIn(level),
                      run_time=1.0)
            self.play(FadeIn(times_x, shift=0.2 * DOWN), g.flash(["dmu1/dw_i"], backward=True))
            self.wait(1.0)
        with self.beat("deeper", "case2.cap.deeper"):
            self.play(FadeIn(general, shift=0.2 * LEFT))
            self.wait(2.0)
        return VGroup(rows, level_box)


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


# -- Training ---------------------------------------------------------------------------
class DecisionMap(VGroup):
    """The input square shaded by the network's output (brighter = nearer 1), with the training points:
    a filled dot where the label is 1, a ring where it is 0."""

    def __init__(self, tr, side: float = 3.4, **kwargs):
        super().__init__(**kwargs)
        grid = tr["map"]
        self.lo, self.hi, self.cells, self.side = grid["lo"], grid["hi"], grid["cells"], side
        self.frame = Square(side_length=side, color=palette.DIM, stroke_width=3)
        self.shading = self.shade([0.0] * self.cells ** 2)  # dark until the scene shows a snapshot
        self.samples = VGroup()
        for (u, v), label in zip(tr["X"], tr["y"]):
            if label > 0.5:
                m = Dot(radius=0.09, color=palette.TEXT).set_stroke(palette.BACKGROUND, width=2)
            else:
                m = Dot(radius=0.08, color=palette.BACKGROUND).set_stroke(palette.TEXT, width=3)
            self.samples.add(m.move_to(self.at(u, v)))
        self.axis_names = VGroup(MathTex("x_1", font_size=palette.MATH_SIZE - 10, color=palette.DIM).next_to(self.frame, DOWN, 0.1),
                                 MathTex("x_2", font_size=palette.MATH_SIZE - 10, color=palette.DIM).next_to(self.frame, LEFT, 0.1))
        self.add(self.shading, self.frame, self.samples, self.axis_names)

    def at(self, u, v):
        f = lambda t: (t - self.lo) / (self.hi - self.lo) * self.side - self.side / 2
        return self.frame.get_center() + np.array([f(u), f(v), 0.0])

    def shade(self, values) -> VGroup:
        """One square per grid cell, row by row from the bottom (the trace's order)."""
        size = self.side / self.cells
        corner = self.frame.get_corner(DOWN + LEFT)
        cells = VGroup()
        for k, value in enumerate(values):
            r, c = divmod(k, self.cells)
            cells.add(Square(side_length=size, stroke_width=0).set_fill(palette.FIRE, 0.85 * float(np.clip(value, 0, 1)))
                      .move_to(corner + np.array([(c + 0.5) * size, (r + 0.5) * size, 0.0])))
        return cells

    def update_to(self, values, **kwargs):
        return AnimationGroup(*[cell.animate.set_fill(opacity=0.85 * float(np.clip(v, 0, 1)))
                                for cell, v in zip(self.shading, values)], group=self.shading, **kwargs)




class Training(ExplainerScene):
    """Epoch by epoch: the cost curve falls while the network's weights and predictions change."""

    curve_samples = 200   # points of the drawn cost curve, whatever the number of epochs

    def construct(self):
        self.title_card()
        tr = self.trace
        shots, n = tr["snapshots"], len(tr["y"])
        # all of it above y = -1.6: the note with the cost and the update rule goes under it
        dmap = DecisionMap(tr, side=2.6).move_to(0.7 * LEFT + 0.55 * UP)
        # widths and marker sizes against the largest value over all snapshots, so growth shows
        net = NetworkDiagram(tr["sizes"], shots[0]["weights"], shots[0]["biases"], width=2.6, height=2.6,
                             largest=max(largest_weight(s["weights"]) for s in shots),
                             largest_bias=max(largest_weight(s["biases"]) for s in shots))
        net.move_to(4.6 * LEFT + 0.45 * UP)
        plot = CurvePlot((0, *nice_range(0, tr["epochs"], 3)[1:]), nice_range(0, max(tr["costs"]), 3),
                         width=3.6, height=2.4, x_label="", y_label="C", pad=0.15).move_to(3.9 * RIGHT + 0.6 * UP)
        epochs_word = self.label("training.epochs", palette.SMALL_SIZE, palette.DIM).next_to(plot.axes.x_axis, DOWN, buff=0.42)
        epochs_word.align_to(plot.axes.x_axis, RIGHT)

        readouts = [self.readouts(s, net, dmap, plot, n) for s in shots]
        legend = legend_row((dmap.samples[list(tr["y"]).index(1.0)].copy(), self.label("training.label1", palette.SMALL_SIZE)),
                            (dmap.samples[list(tr["y"]).index(0.0)].copy(), self.label("training.label0", palette.SMALL_SIZE)))
        legend.next_to(dmap.frame, DOWN, buff=0.5)
        legend.add(self.label("training.shading", palette.SMALL_SIZE, palette.DIM).next_to(legend, DOWN, buff=0.12))

        with self.beat("data", "training.cap.data", n=n):
            self.add(dmap.shading)
            self.play(FadeIn(dmap.frame), FadeIn(dmap.axis_names),
                      LaggedStart(*[FadeIn(p, scale=2) for p in dmap.samples], lag_ratio=0.05), FadeIn(legend))
            self.wait(1.5)
        self.untrained(tr, net, dmap, readouts[0])
        remark = note(self.label("training.epoch_is", palette.SMALL_SIZE, palette.FIRE, n=n)).to_edge(DOWN, buff=1.25)
        with self.beat("epoch", "training.cap.epoch", n=n):
            self.play(FadeOut(legend), FadeIn(remark))
            for l in range(len(net.edges)):
                self.play(net.signal(l), run_time=1.0)
            for l in reversed(range(len(net.edges))):
                self.play(net.signal(l, color=palette.GRADIENT, backward=True), run_time=1.0)
            self.wait(0.5)
        rule = self.rule(tr, plot, epochs_word, readouts[0][2], remark)
        self.train(tr, net, dmap, plot, readouts)
        self.summary(tr, rule, readouts[-1])

    def untrained(self, tr, net, dmap, readouts):
        """The random network: every output near the same value under 0.5, so every point is called 0."""
        first, start = tr["snapshots"][0], tr["start_outputs"]
        with self.beat("network", "training.cap.network", shape=shape_of(tr["sizes"]), correct=first["correct"],
                       n=len(tr["y"]), lo=num(start["lo"]), hi=num(start["hi"])):
            self.play(FadeIn(net), FadeIn(readouts[0]))
            self.play(dmap.update_to(first["map"]), FadeIn(readouts[1]))
            self.wait(1.5)

    def rule(self, tr, plot, epochs_word, cost, remark) -> VGroup:
        """What is plotted (C over the points) and how each epoch steps (with momentum, so C may rise)."""
        size = palette.MATH_SIZE - 10
        formula = MathTex(r"C = \frac{1}{2n}\sum_{i=1}^{n}(\hat y_i - y_i)^2", font_size=size, color=palette.COST)
        step = MathTex(r"v \leftarrow \beta v + \nabla C,\quad \theta \leftarrow \theta - \eta\, v", font_size=size)
        values = MathTex(rf"\beta = {tex_stated(tr['momentum'])},\ \eta = {tex_stated(tr['lr'])}", font_size=size,
                         color=palette.FIRE)
        rule = note(VGroup(formula, step, values).arrange(RIGHT, buff=0.5), pad=0.15)
        if rule.width > 12.0:
            rule.scale_to_fit_width(12.0)
        rule.to_edge(DOWN, buff=1.25)
        with self.beat("rule", "training.cap.rule", n=len(tr["y"]), beta=stated(tr["momentum"]), eta=stated(tr["lr"])):
            self.play(FadeOut(remark), FadeIn(rule[0]), Write(formula), FadeIn(plot), FadeIn(epochs_word),
                      FadeIn(cost), run_time=1.5)
            self.play(Write(step), FadeIn(values), run_time=1.5)
            self.wait(1.0)
        return rule

    def readouts(self, shot, net, dmap, plot, n):
        epoch = self.label("training.epoch", palette.BODY_SIZE, palette.TEXT, n=num(shot["epoch"])).next_to(net, UP, buff=0.45)
        correct = self.label("training.correct", palette.BODY_SIZE, palette.FIRE, correct=shot["correct"], n=n)
        correct.next_to(dmap.frame, UP, buff=0.3)
        cost = MathTex(rf"C = {tex_num(shot['cost'])}", font_size=palette.MATH_SIZE - 4, color=palette.COST)
        cost.next_to(plot.axes, UP, buff=0.3).align_to(plot.axes, RIGHT)
        return epoch, correct, cost

    def cost_pieces(self, tr, plot):
        """The cost curve cut at the snapshot epochs, drawn from at most `curve_samples` points."""
        costs = tr["costs"]
        marks = [s["epoch"] for s in tr["snapshots"]]
        keep = sorted(set(np.linspace(0, tr["epochs"], self.curve_samples).round().astype(int)) | set(marks))
        pieces = []
        for a, b in zip(marks, marks[1:]):
            es = [e for e in keep if a <= e <= b]
            pieces.append(plot.curve(es, [costs[e] for e in es], color=palette.COST, stroke_width=4))
        return pieces

    def train(self, tr, net, dmap, plot, readouts):
        shots = tr["snapshots"]
        pieces = self.cost_pieces(tr, plot)
        dot = Dot(plot.p(0, shots[0]["cost"]), radius=0.08, color=palette.COST)
        with self.beat("train", "training.cap.train", rises=num(tr["rises"]), epochs=num(tr["epochs"])):
            self.play(FadeIn(dot, scale=2), run_time=0.4)
            for k in range(1, len(shots)):
                shot = shots[k]
                self.play(Create(pieces[k - 1]), dot.animate.move_to(plot.p(shot["epoch"], shot["cost"])),
                          net.update_weights(shot["weights"]), net.update_biases(shot["biases"]),
                          dmap.update_to(shot["map"]),
                          *[FadeOut(a) for a in readouts[k - 1]], *[FadeIn(b) for b in readouts[k]],
                          run_time=1.1, rate_func=rate_functions.linear)
                self.wait(0.25)

    def summary(self, tr, rule, last):
        first, final = tr["snapshots"][0], tr["snapshots"][-1]
        line = MathTex(rf"C:\ {tex_num(first['cost'])} \;\longrightarrow\; {tex_num(final['cost'])}",
                       font_size=palette.MATH_SIZE, color=palette.COST).to_edge(DOWN, buff=1.3)
        with self.beat("summary", "training.cap.summary", epochs=num(tr["epochs"]), first=num(first["cost"]),
                       last=num(final["cost"]), correct=final["correct"], n=len(tr["y"])):
            self.play(FadeOut(rule), FadeIn(line, shift=0.2 * UP), Indicate(last[2], color=palette.COST))
            self.wait(2.5)
