"""Chapter 2: The forward pass (the network built first, then one input through it)."""
from __future__ import annotations

from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Create, FadeIn, FadeOut, Indicate, LaggedStart, Line, MathTex, VGroup,
                   Write)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.equation import apply, given, holds, relation, result_text, value
from scenes.kit.fmt import num, stated, tex_lines, tex_num
from scenes.kit.network import NetworkDiagram, shape_of
from scenes.kit.parts import NeuronNode, legend_row
from scenes.ch2.common import Chapter2Scene


# -- ForwardPass ------------------------------------------------------------------------
ACT_NAME = {"sigmoid": "sigma", "tanh": "tanh", "relu": "relu", "step": "step"}
ACT_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}", "step": r"\mathrm{step}",
           "identity": ""}
RIGHT_X = 3.4          # the centre of the right half, where the computations are written


class ForwardPass(Chapter2Scene):
    """Fig 6 in motion: the 2-4-1 network is built (layers, a perceptron per hidden neuron, dense
    edges, what colour, thickness and the bias dots mean), then one input flows through it."""

    table_rows = 5      # summary rows that fit below the computation
    TABLE_GAP = 0.25    # between the computation's last row and the table of results

    def construct(self):
        self.title_card()
        tr = self.trace
        layers = tr["layers"]
        net = NetworkDiagram(layers, tr["weights"], tr["biases"], names=self.layer_names(layers),
                             width=4.3, height=3.8)
        net.move_to(3.05 * LEFT + 0.05 * UP)
        self.build(net)
        acts = tr["activations"]
        with self.beat("inputs", "forward.cap.inputs", values=", ".join(stated(v) for v in acts[0])):
            self.play(net.light(0, acts[0]), FadeIn(net.value_labels(0, acts[0], given=True)), run_time=1.5)
            self.play(net.signal(0), run_time=1.5)
        table = VGroup()
        for l in range(1, len(layers)):
            table = self.compute_layer(net, l, table)
            if l == 1:
                self.matrix(l, net)
        self.summary(net, table)

    # -- the network, built before anything flows through it ----------------------------------------
    def build(self, net):
        """Layers (the inputs hold the features), one hidden neuron as chapter 1's perceptron, then every
        edge (dense layers), then the legend: weight colour = sign, thickness = size; bias dot filled = +."""
        tr = self.trace
        layers = tr["layers"]
        names = VGroup(*[MathTex(f"x_{{{i + 1}}}", font_size=palette.MATH_SIZE - 8, color=palette.INPUT)
                         .next_to(n, LEFT, buff=0.15) for i, n in zip(net.shown[0], net.layers[0])])
        with self.beat("layers", "forward.cap.layers", n_in=layers[0], hidden=layers[1], n_out=layers[-1]):
            self.play(net.create_layer(0), FadeIn(names), run_time=1.5)
            # "the input layer holds the features, x1 and x2"
            self.play(Indicate(names, color=palette.INPUT), net.highlight_neurons(0, color=palette.INPUT), run_time=0.8)
            for l in range(1, len(layers)):
                self.play(net.create_layer(l), run_time=1.2)
        one = net.edges_into(0, 0)
        sym = ACT_TEX.get(tr["activation"], r"\varphi")
        n_in = layers[0]
        terms = " + ".join(f"w^{{(1)}}_{{1{i + 1}}}\\,x_{{{i + 1}}}" for i in range(min(n_in, 2)))
        if n_in > 2:
            terms += r" + \cdots"
        # h1 = σ( w x + ... + b ): written piece by piece as the caption names them
        perceptron = MathTex(r"h_1 =", rf"{sym}\big(", terms, rf"+ b^{{(1)}}_1", r"\big)", font_size=palette.MATH_SIZE - 8)
        perceptron.move_to([RIGHT_X, 1.9, 0])
        with self.beat("perceptron", "forward.cap.perceptron"):
            # "each hidden neuron is the perceptron of chapter 1"
            self.play(net.highlight_neurons(1, [0]), Write(perceptron[0]), run_time=1.0)
            # "its own weight on every input"
            self.play(LaggedStart(*[Create(e) for e in one], lag_ratio=0.3), Write(perceptron[2]), run_time=1.5)
            # "its own bias"
            self.play(FadeIn(net.bias_markers[0][0], scale=2.0), Write(perceptron[3]), run_time=1.0)
            # "then the sigmoid"
            self.play(Write(perceptron[1]), Write(perceptron[4]), net.highlight_neurons(1, [0], color=palette.OUTPUT),
                      run_time=1.2)
        rest = VGroup(*[e for e in net.edges[0] if e not in one.submobjects])
        with self.beat("dense", "forward.cap.dense"):
            self.play(LaggedStart(*[Create(e) for e in rest], lag_ratio=0.1), FadeOut(perceptron), run_time=1.8)
            self.play(LaggedStart(*[FadeIn(m, scale=2.0) for m in net.bias_markers[0][1:]], lag_ratio=0.2),
                      run_time=1.0)
            for l in range(1, len(net.edges)):
                self.play(net.create_edges(l, lag_ratio=0.1), net.create_biases(l), run_time=1.5)
        legend = self.legend(net)
        with self.beat("network", "forward.cap.network", shape=shape_of(layers), seed=tr["seed"]):
            for row in legend:
                self.play(FadeIn(row, shift=0.2 * LEFT), run_time=1.0)
                self.play(*row.show(), run_time=1.2)
        self.play(FadeOut(legend), run_time=0.6)

    def legend(self, net):
        """What colour, thickness and the bias dots mean, each row pointing at the diagram's own parts."""
        tr = self.trace
        def stroke(color, width):
            return Line(ORIGIN, 0.7 * RIGHT, color=color, stroke_width=width)

        def dot(b):
            m = NeuronNode(radius=0.12, activation=1.0, color=palette.BIAS)
            return net.bias_sign_style(m, b)

        weights = [(w, e) for W, group, ends in zip(tr["weights"], net.edges, net.edge_ends)
                   for e, (i, j) in zip(group, ends) for w in [W[i][j]]]
        biases = [(b[j], m) for markers, shown, b in zip(net.bias_markers, net.shown[1:], tr["biases"])
                  for m, j in zip(markers, shown)]
        rows = VGroup(
            legend_row((stroke(palette.WEIGHT_POS, 4), self.label("forward.legend_pos", palette.SMALL_SIZE)),
                       (stroke(palette.WEIGHT_NEG, 4), self.label("forward.legend_neg", palette.SMALL_SIZE))),
            legend_row((stroke(palette.DIM, 2), self.label("forward.legend_small", palette.SMALL_SIZE)),
                       (stroke(palette.DIM, 9), self.label("forward.legend_large", palette.SMALL_SIZE))),
            legend_row((dot(1.0), self.label("forward.legend_bias_pos", palette.SMALL_SIZE, palette.BIAS)),
                       (dot(-1.0), self.label("forward.legend_bias_neg", palette.SMALL_SIZE, palette.BIAS))))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        if rows.width > 5.6:
            rows.scale_to_fit_width(5.6)
        rows.move_to([RIGHT_X, 1.0, 0])
        largest = max(abs(w) for w, _ in weights)
        pos = [e for w, e in weights if w >= 0]
        neg = [e for w, e in weights if w < 0]
        thick = [e for w, e in weights if abs(w) >= 0.6 * largest]
        rows[0].show = lambda: [Indicate(e, color=palette.WEIGHT_POS, scale_factor=1.0) for e in pos] + \
            [Indicate(e, color=palette.WEIGHT_NEG, scale_factor=1.0) for e in neg]
        rows[1].show = lambda: [Indicate(e, color=palette.TEXT, scale_factor=1.0) for e in thick]
        rows[2].show = lambda: [Indicate(m, color=palette.BIAS, scale_factor=1.8) for _, m in biases]
        return rows

    # -- z(1) = W(1) x + b(1), every piece with its shape --------------------------------------------
    def matrix(self, l, net):
        """The layer at once: z(l) = W(l) a(l-1) + b(l) with the numbers and the shape under each piece.
        Row j of W holds neuron j's weights, so w_ji sits at row j, column i (the trace stores them
        input-first). '=' only if every row, worked out from the numbers shown, gives the z shown."""
        tr = self.trace
        stored = tr["weights"][l - 1]              # stored[i][j]: from input i to neuron j
        n_in, n_out = len(stored), len(stored[0])
        if n_out > 6 or n_in > 4:                  # too big to read: the computations above show it
            return
        x, b, z = tr["activations"][l - 1], tr["biases"][l - 1], tr["zs"][l - 1]
        inputs = [given(v) if l == 1 else value(v) for v in x]
        rows_hold = all(holds(self.weighted(l, j, inputs), result_text(z[j])[1], 3) for j in range(n_out))
        rel = "=" if rows_hold else r"\approx"

        def column(entries):
            return r"\begin{bmatrix}" + r"\\".join(entries) + r"\end{bmatrix}"

        W = column([" & ".join(tex_num(stored[i][j]) for i in range(n_in)) for j in range(n_out)])
        prev = "x" if l == 1 else rf"a^{{({l - 1})}}"
        size = palette.MATH_SIZE - 10
        pieces = [(rf"z^{{({l})}}", column([tex_num(v) for v in z]), rf"{n_out}\times 1"),
                  (None, rel, "="),
                  (rf"W^{{({l})}}", W, rf"{n_out}\times {n_in}"),
                  (None, r"\cdot", r"\cdot"),
                  (prev, column([t.tex for t in inputs]), rf"{n_in}\times 1"),
                  (None, "+", "+"),
                  (rf"b^{{({l})}}", column([tex_num(v) for v in b]), rf"{n_out}\times 1")]
        middle = VGroup(*[MathTex(m, font_size=size) for _, m, _ in pieces]).arrange(RIGHT, buff=0.18)
        symbols, shapes = VGroup(), VGroup()
        for (sym, _, shape), m in zip(pieces, middle):
            if sym:
                symbols.add(MathTex(sym, font_size=size + 4).next_to(m, UP, buff=0.25))
            shapes.add(MathTex(shape, font_size=size - 4, color=palette.DIM).move_to(m).set_y(0))
        shapes.next_to(middle, DOWN, buff=0.25, coor_mask=[0, 1, 0])
        top_y = max(s.get_y() for s in symbols)
        for s in symbols:
            s.set_y(top_y)
        # the symbolic line reads z(l) = W(l) x + b(l): its "=", "·" and "+" sit between the symbols
        ops = VGroup(MathTex("=", font_size=size + 4).move_to([middle[1].get_x(), top_y, 0]),
                     MathTex("+", font_size=size + 4).move_to([middle[5].get_x(), top_y, 0]))
        block = VGroup(symbols, ops, middle, shapes)
        for part, color in ((middle[0], palette.SUM), (symbols[0], palette.SUM), (middle[6], palette.BIAS),
                            (symbols[3], palette.BIAS)):
            part.set_color(color)
        if block.width > 5.9:
            block.scale_to_fit_width(5.9)
        if block.height > 3.2:
            block.scale_to_fit_height(3.2)
        block.move_to([RIGHT_X, 1.1, 0])
        if block.get_top()[1] > 2.75:
            block.shift((2.75 - block.get_top()[1]) * UP)
        with self.beat(f"layer{l}-matrix", "forward.cap.matrix", n_out=n_out, n_in=n_in, l=l):
            self.play(FadeIn(symbols), FadeIn(ops), run_time=1.2)
            self.play(FadeIn(middle[2]), FadeIn(shapes[2]), run_time=1.2)
            # W(l) is the layer's edges: row j holds the weights on the edges into neuron j
            self.play(Indicate(middle[2], color=palette.TEXT, scale_factor=1.1),
                      LaggedStart(*[net.highlight_edges(l - 1, net.edges_into(l - 1, j), lag_ratio=0.0)
                                    for j in net.shown[l]], lag_ratio=0.5), run_time=1.6)
            self.play(FadeIn(middle[3:5]), FadeIn(shapes[3:5]), run_time=1.0)
            self.play(FadeIn(middle[5:]), FadeIn(shapes[5:]), run_time=1.0)
            self.play(FadeIn(middle[:2]), FadeIn(shapes[:2]), run_time=1.2)
            # "it gives n sums": the z column, one per neuron of the layer
            self.play(Indicate(shapes, color=palette.TEXT), Indicate(middle[0], color=palette.SUM),
                      net.highlight_neurons(l, color=palette.SUM), run_time=1.2)
        self.play(FadeOut(block), run_time=0.5)

    # symbols: x for inputs, h for hidden activations, y-hat for the output
    def sym(self, l):
        last = len(self.trace["layers"]) - 1
        if l == 0:
            return "x"
        if l == last:
            return r"\hat y"
        return "h" if last == 2 else rf"h^{{({l})}}"

    def sub(self, l, j):
        """'_j' (1-based) unless the layer has a single neuron."""
        return f"_{{{j + 1}}}" if self.trace["layers"][l] > 1 else ""

    def weighted(self, l, j, inputs):
        """w·a + ... + b of neuron j of layer l, as shown (weights and bias at 3 s.f., inputs as given)."""
        tr = self.trace
        w = [row[j] for row in tr["weights"][l - 1]]
        expr = value(w[0]) * inputs[0]
        for wi, xi in zip(w[1:], inputs[1:]):
            expr = expr + value(wi) * xi
        return expr + value(tr["biases"][l - 1][j])

    def computation(self, l, j):
        tr = self.trace
        n_in = tr["layers"][l - 1]
        prev, me = self.sym(l - 1), self.sym(l)
        z, a = tr["zs"][l - 1][j], tr["activations"][l][j]
        x = tr["activations"][l - 1]
        comma = "," if max(n_in, tr["layers"][l]) > 9 else ""
        zj, bj = f"z^{{({l})}}{self.sub(l, j)}", f"b^{{({l})}}{self.sub(l, j)}"
        wi = lambda i: f"w^{{({l})}}_{{{j + 1}{comma}{i + 1}}}"   # row j, column i of W(l)
        if n_in <= 3:
            symbolic = " + ".join(f"{wi(i)}\\,{prev}_{{{i + 1}}}" for i in range(n_in))
        else:
            symbolic = rf"\textstyle\sum_i w^{{({l})}}_{{{j + 1}{comma}i}}\,{prev}_i"
        rows = [rf"{zj} &= {symbolic} + {bj}"]
        inputs = [given(v) if l == 1 else value(v) for v in x]   # the inputs as given, activations as shown
        if n_in <= 4:   # every weight and input, two products a row
            expr = self.weighted(l, j, inputs)
            pieces = self.split_sum(expr.tex, per_row=2 if n_in > 2 else 3)
            rows += [("&= " if k == 0 else r"&\phantom{=}\ ") + p for k, p in enumerate(pieces)]
            if len(pieces) > 1 and " " not in pieces[-1].lstrip("+- "):   # a lone last term (the bias):
                rows[-1] += f" {relation(expr, z)} {tex_num(z)}"          # its result beside it, a row less
            else:
                rows.append(f"&{relation(expr, z)} {tex_num(z)}")
        else:
            terms = tr["products"][l - 1][j] + [tr["biases"][l - 1][j]]
            shown = " + ".join(tex_num(t) for t in terms[:2]) + r" + \cdots + " + tex_num(terms[-1])
            rows += [f"&= {shown}".replace("+ -", "- "), rf"&\approx {tex_num(z)}"]
        name = ACT_NAME.get(tr["activation"])
        if name:
            act = apply(name, value(z))
            rows.append(rf"{me}{self.sub(l, j)} &= {act.tex} {relation(act, a)} {tex_num(a)}")
        else:
            rows.append(rf"{me}{self.sub(l, j)} &= {tex_num(a)}")
        block = MathTex(*tex_lines(rows), font_size=palette.MATH_SIZE - 8)
        block[-1].set_color(palette.OUTPUT)
        if block.width > 5.8:
            block.scale_to_fit_width(5.8)
        return block

    @staticmethod
    def split_sum(tex: str, per_row: int) -> list[str]:
        """'a - b + c - d + e' into rows of `per_row` terms, each later row led by its sign."""
        import re
        parts = re.split(r" (?=[+-] )", tex)
        return [" ".join(parts[k:k + per_row]) for k in range(0, len(parts), per_row)]

    def compute_layer(self, net, l, table):
        tr = self.trace
        last = l == len(tr["layers"]) - 1
        header = (self.label("forward.output_layer", palette.SMALL_SIZE, palette.DIM) if last else
                  self.label("forward.hidden_layer", palette.SMALL_SIZE, palette.DIM, n=l))
        header.move_to(RIGHT_X * RIGHT + 2.75 * UP)
        shown = net.shown[l]
        if len(table) + len(shown) > self.table_rows:
            self.play(FadeOut(table))
            table = VGroup()
        self.play(FadeIn(header), run_time=0.6)
        labels = net.value_labels(l, tr["activations"][l])
        rows = [MathTex(rf"z^{{({l})}}{self.sub(l, j)} = {tex_num(tr['zs'][l - 1][j])},\quad "
                        rf"{self.sym(l)}{self.sub(l, j)} = {tex_num(tr['activations'][l][j])}",
                        font_size=palette.MATH_SIZE - 12, color=palette.TEXT) for j in shown]
        # the computation lives between the header and the table's first row (at y = -0.3), a gap between
        table_top = table[0].get_top()[1] if table else -0.3 + rows[0].height / 2
        room = header.get_bottom()[1] - 0.25 - (table_top + self.TABLE_GAP)
        block = VGroup()
        for k, j in enumerate(shown):
            z, a = tr["zs"][l - 1][j], tr["activations"][l][j]
            previous, block = block, self.computation(l, j)
            if block.height > room:   # clear of the table of results below it, with a gap
                block.scale_to_fit_height(room)
            block.next_to(header, DOWN, buff=0.25).set_x(RIGHT_X)
            key = "forward.cap.output" if last else "forward.cap.first" if k == 0 else "forward.cap.neuron"
            slow = k == 0 or last
            row = rows[k]
            if table:   # under the previous row, with room for the layer index above the z
                row.next_to(table[-1], DOWN, buff=0.14).align_to(table[0], LEFT)
            else:
                row.move_to([RIGHT_X, -0.3, 0])
            with self.beat(f"layer{l}-neuron{j + 1}", key, j=j + 1, z=num(z), a=num(a)):
                self.play(FadeOut(previous), net.signal(l - 1, edges=net.edges_into(l - 1, j)),
                          net.highlight_neurons(l, [j]), Write(block[0]), run_time=1.2 if slow else 0.9)
                self.play(LaggedStart(*[Write(r) for r in block[1:-1]], lag_ratio=0.6),
                          run_time=2.0 if slow else 1.0)
                self.play(Write(block[-1]), net.node(l, j).animate.set_activation(a), FadeIn(labels[k]),
                          run_time=1.2 if slow else 0.8)
                self.play(FadeIn(row, target_position=block[-1]), run_time=0.7)
                if key == "forward.cap.first":   # "brighter means a larger activation"
                    self.play(net.highlight_neurons(l, [j], color=palette.OUTPUT), Indicate(labels[k], color=palette.OUTPUT),
                              run_time=1.0)
            table.add(row)
        self.play(FadeOut(header), FadeOut(block), run_time=0.5)
        return table

    def summary(self, net, table):
        tr = self.trace
        formula = VGroup(MathTex(TEX["forward"], font_size=palette.MATH_SIZE - 8),
                         MathTex(r"a^{(0)} = x", font_size=palette.MATH_SIZE - 8, color=palette.DIM))
        formula.arrange(DOWN, buff=0.2)
        prediction = VGroup(self.label("forward.prediction", palette.BODY_SIZE, palette.OUTPUT),
                            MathTex(rf"\hat y = {tex_num(tr['output'][0])}" if len(tr["output"]) == 1 else
                                    r"\hat y = (" + ",\\ ".join(tex_num(v) for v in tr["output"]) + ")",
                                    font_size=palette.MATH_SIZE + 4, color=palette.OUTPUT)).arrange(RIGHT, buff=0.3)
        block = VGroup(formula, prediction).arrange(DOWN, buff=0.4)
        if block.width > 5.9:
            block.scale_to_fit_width(5.9)
        block.move_to([RIGHT_X, 1.5, 0])
        with self.beat("summary", "forward.cap.summary", a=", ".join(num(v) for v in tr["output"])):
            for l in range(len(net.edges)):
                self.play(net.signal(l), net.highlight_neurons(l + 1), run_time=1.2)
            self.play(Write(formula[0]), run_time=1.5)
            # "starting from a(0) = x": the input layer
            self.play(FadeIn(formula[1], shift=0.2 * UP), net.highlight_neurons(0, color=palette.INPUT), run_time=1.0)
            self.play(FadeIn(prediction, shift=0.2 * UP), net.highlight_neurons(len(net.layers) - 1), run_time=1.2)

