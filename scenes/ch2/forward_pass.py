"""Chapter 2: The forward pass."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, FadeIn, FadeOut, LaggedStart, MathTex, VGroup, Write)
from scenes.kit import palette
from scenes.kit.fmt import num, signed_terms, tex_factor, tex_lines, tex_num
from scenes.kit.network import NetworkDiagram, shape_of
from scenes.ch2.common import Chapter2Scene


# -- ForwardPass ------------------------------------------------------------------------
ACT_TEX = {"sigmoid": r"\sigma", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}", "step": r"\mathrm{step}",
           "identity": ""}


class ForwardPass(Chapter2Scene):
    """Fig 6 in motion: one input flows through the seeded 2-4-1 network, neuron by neuron."""

    table_rows = 5      # summary rows that fit below the computation

    def construct(self):
        self.title_card()
        tr = self.trace
        layers = tr["layers"]
        net = NetworkDiagram(layers, tr["weights"], tr["biases"], names=self.layer_names(layers),
                             width=4.3, height=3.8)
        net.move_to(3.3 * LEFT + 0.05 * UP)
        with self.beat("network", "forward.cap.network", shape=shape_of(layers), seed=tr["seed"]):
            self.play(FadeIn(net, lag_ratio=0.02), run_time=1.5)
            self.wait(1.5)
        acts = tr["activations"]
        with self.beat("inputs", "forward.cap.inputs", values=", ".join(num(v) for v in acts[0])):
            self.play(net.light(0, acts[0]), FadeIn(net.value_labels(0, acts[0])))
            self.wait(1.0)
        table = VGroup()
        for l in range(1, len(layers)):
            table = self.compute_layer(net, l, table)
            if l == 1:
                self.matrix(l)
        self.summary(net, table)

    def matrix(self, l):
        """The layer's weights as the matrix W of z = W a + b: row j holds neuron j's weights, column i
        the weights from input i, so w_ji sits at row j, column i (the trace stores them input-first)."""
        tr = self.trace
        stored = tr["weights"][l - 1]              # stored[i][j]: from input i to neuron j
        n_in, n_out = len(stored), len(stored[0])
        if n_out > 6 or n_in > 4:                  # too big to read: the computations above show it
            return
        val = r"\\".join(" & ".join(tex_num(stored[i][j]) for i in range(n_in)) for j in range(n_out))
        size = palette.MATH_SIZE - 8
        # the general entry names the indexing once; the numbers are the trace's, row j = neuron j
        body = MathTex(rf"W^{{({l})}} = \big[\,w_{{ji}}\,\big] = \begin{{bmatrix}}{val}\end{{bmatrix}}", font_size=size)
        shape = MathTex(rf"({n_out}\times{n_in})", font_size=size, color=palette.DIM).next_to(body, DOWN, buff=0.12)
        shape.align_to(body, RIGHT)
        block = VGroup(body, shape)
        if block.width > 6.0:
            block.scale_to_fit_width(6.0)
        block.move_to([3.4, 1.0, 0])
        if block.get_top()[1] > 2.6:
            block.shift((2.6 - block.get_top()[1]) * UP)
        with self.beat(f"layer{l}-matrix", "forward.cap.matrix", n_out=n_out, n_in=n_in):
            self.play(Write(body), FadeIn(shape), run_time=2.0)
            self.wait(2.0)
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

    def computation(self, l, j):
        tr = self.trace
        n_in = tr["layers"][l - 1]
        prev, me = self.sym(l - 1), self.sym(l)
        z, a, b = tr["zs"][l - 1][j], tr["activations"][l][j], tr["biases"][l - 1][j]
        w = [row[j] for row in tr["weights"][l - 1]]
        x = tr["activations"][l - 1]
        comma = "," if max(n_in, tr["layers"][l]) > 9 else ""
        zj, bj = f"z{self.sub(l, j)}", f"b{self.sub(l, j)}"
        wi = lambda i: f"w_{{{j + 1}{comma}{i + 1}}}"   # row j, column i of W in z = W a + b
        if n_in <= 3:
            symbolic = " + ".join(f"{wi(i)}\\,{prev}_{{{i + 1}}}" for i in range(n_in))
        else:
            symbolic = rf"\textstyle\sum_i w_{{{j + 1}{comma}i}}\,{prev}_i"
        rows = [rf"{zj} &= {symbolic} + {bj}"]
        if n_in <= 2:  # the weights and inputs themselves, signs pulled out front
            prods = "".join(("" if i == 0 else " - " if w[i] < 0 else " + ")
                            + (tex_num(w[i]) if i == 0 else tex_num(abs(w[i]))) + rf"\cdot {tex_factor(x[i])}"
                            for i in range(n_in))
            rows.append(f"&= {prods} {signed_terms([b], lead=True)}")
        else:
            terms = tr["products"][l - 1][j] + [b]
            if len(terms) > 7:  # a wide layer: the first terms, the last two and the bias
                rows.append(rf"&= {signed_terms(terms[:2])} + \cdots {signed_terms(terms[-2:], lead=True)}")
            else:
                for k in range(0, len(terms), 3):
                    rows.append(("&= " if k == 0 else r"&\phantom{=}\ ") + signed_terms(terms[k:k + 3], lead=k > 0))
        rows.append(f"&= {tex_num(z)}")
        fn = ACT_TEX.get(tr["activation"], r"\varphi")
        rows.append(rf"{me}{self.sub(l, j)} &= {fn}({tex_num(z)}) = {tex_num(a)}")
        # one LaTeX run for the whole block; each row stays its own part for the animation
        block = MathTex(*tex_lines(rows), font_size=palette.MATH_SIZE - 8)
        block[-1].set_color(palette.FIRE)
        if block.width > 5.8:
            block.scale_to_fit_width(5.8)
        if block.height > 2.2:   # clear of the table of results below it
            block.scale_to_fit_height(2.2)
        return block

    def compute_layer(self, net, l, table):
        tr = self.trace
        last = l == len(tr["layers"]) - 1
        header = (self.label("forward.output_layer", palette.SMALL_SIZE, palette.DIM) if last else
                  self.label("forward.hidden_layer", palette.SMALL_SIZE, palette.DIM, n=l))
        header.move_to(3.3 * RIGHT + 2.65 * UP)
        shown = net.shown[l]
        if len(table) + len(shown) > self.table_rows:
            self.play(FadeOut(table))
            table = VGroup()
        self.play(FadeIn(header), run_time=0.6)
        labels = net.value_labels(l, tr["activations"][l])
        block = VGroup()
        for k, j in enumerate(shown):
            z, a = tr["zs"][l - 1][j], tr["activations"][l][j]
            previous, block = block, self.computation(l, j).next_to(header, DOWN, buff=0.35).set_x(3.4)
            key = "forward.cap.output" if last else "forward.cap.first" if k == 0 else "forward.cap.neuron"
            slow = k == 0
            row = MathTex(rf"z{self.sub(l, j)} = {tex_num(z)},\quad {self.sym(l)}{self.sub(l, j)} = {tex_num(a)}",
                          font_size=palette.MATH_SIZE - 10, color=palette.TEXT)
            row.move_to([3.4, -0.75 - 0.44 * len(table), 0])
            if table:
                row.align_to(table[0], LEFT)
            with self.beat(f"layer{l}-neuron{j + 1}", key, j=j + 1, z=num(z), a=num(a)):
                self.play(FadeOut(previous), net.signal(l - 1, edges=net.edges_into(l - 1, j)),
                          net.highlight_neurons(l, [j]), Write(block[0]), run_time=1.2 if slow else 0.9)
                self.play(LaggedStart(*[Write(r) for r in block[1:-1]], lag_ratio=0.6),
                          run_time=1.6 if slow else 1.0)
                self.play(Write(block[-1]), net.node(l, j).animate.set_activation(a), FadeIn(labels[k]),
                          run_time=1.2 if slow else 0.8)
                self.play(FadeIn(row, target_position=block[-1]), run_time=0.7)
                self.wait(1.2 if slow else 0.6)
            table.add(row)
        self.play(FadeOut(header), FadeOut(block), run_time=0.5)
        return table

    def summary(self, net, table):
        tr = self.trace
        fn = ACT_TEX.get(tr["activation"], r"\varphi")
        formula = VGroup(MathTex(r"z = W a + b", font_size=palette.MATH_SIZE),
                         MathTex(rf"a = {fn}(z)", font_size=palette.MATH_SIZE))
        formula.arrange(RIGHT, buff=0.8)
        prediction = VGroup(self.label("forward.prediction", palette.BODY_SIZE, palette.FIRE),
                            MathTex(rf"\hat y = {tex_num(tr['output'][0])}" if len(tr["output"]) == 1 else
                                    r"\hat y = (" + ",\\ ".join(tex_num(v) for v in tr["output"]) + ")",
                                    font_size=palette.MATH_SIZE + 4, color=palette.FIRE)).arrange(RIGHT, buff=0.3)
        VGroup(formula, prediction).arrange(DOWN, buff=0.45).move_to([3.3, 1.3, 0])
        with self.beat("summary", "forward.cap.summary", a=", ".join(num(v) for v in tr["output"])):
            for l in range(len(net.edges)):
                self.play(net.signal(l), run_time=1.0)
            self.play(Write(formula), FadeIn(prediction, shift=0.2 * UP),
                      net.highlight_neurons(len(net.layers) - 1))
            self.wait(2.5)
