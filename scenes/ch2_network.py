"""Chapter 2, the network: the forward pass, then counting its parameters."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, Create, DashedVMobject, DecimalNumber, Dot, FadeIn, FadeOut, Indicate,
                   LaggedStart, MathTex, VGroup, Write)

from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import num, signed_terms, tex_factor, tex_lines, tex_num
from scenes.kit.network import NetworkDiagram, count_along, shape_of, tex_shape
from scenes.kit.parts import CurvePlot, nice_range, note


class Chapter2Scene(ExplainerScene):
    """What the chapter's scenes share."""

    @staticmethod
    def layer_keys(layers):
        last = len(layers) - 1
        return ["net.input" if l == 0 else "net.output" if l == last else "net.hidden" for l in range(last + 1)]

    def layer_names(self, layers, size=palette.SMALL_SIZE):
        return [self.label(k, size, palette.DIM) for k in self.layer_keys(layers)]


# -- ParameterCount ---------------------------------------------------------------------
class ParameterCount(Chapter2Scene):
    """Figs 6-7: count the 17 parameters of 2-4-1, then show how the count grows."""

    def construct(self):
        self.title_card()
        tr = self.trace
        net = NetworkDiagram(tr["layers"], names=self.layer_names(tr["layers"]), width=4.4, height=3.6)
        net.move_to(3.4 * LEFT + 0.1 * DOWN)
        self.build(net, tr)
        panel = self.tally(net, tr)
        self.formula(net, panel, tr)
        self.examples(tr)
        self.growth(tr)

    def build(self, net, tr):
        with self.beat("build", "params.cap.build", shape=shape_of(tr["layers"])):
            for l in range(len(tr["layers"])):
                anims = [net.create_layer(l)]
                if l > 0:
                    anims.append(net.create_edges(l - 1))
                self.play(*anims, run_time=1.0)
            self.wait(0.5)

    def tally(self, net, tr):
        counter = DecimalNumber(0, num_decimal_places=0, font_size=palette.MATH_SIZE + 16, color=palette.FIRE)
        head = VGroup(self.label("params.parameters", palette.BODY_SIZE), counter).arrange(RIGHT, buff=0.35)
        rows = []
        for b in tr["breakdown"]:
            rows += [rf"&{b['n_in']} \times {b['n_out']} = {tex_num(b['weights'])}", rf"&{{+}}\,{tex_num(b['biases'])}"]
        math = MathTex(*tex_lines(rows), font_size=palette.MATH_SIZE - 6)
        labels = VGroup()
        names = [self.words(k) for k in self.layer_keys(tr["layers"])]
        for k, part in enumerate(math):
            bias, l = k % 2 == 1, k // 2   # rows: layer l's weights (from the layer before), then its biases
            part.set_color(palette.BIAS if bias else palette.TEXT)
            label = (self.label("params.row_biases", palette.SMALL_SIZE, palette.BIAS, dst=names[l + 1]) if bias else
                     self.label("params.row_weights", palette.SMALL_SIZE, palette.DIM, src=names[l], dst=names[l + 1]))
            labels.add(label.next_to(part, LEFT, buff=0.4))
        grid = VGroup(labels, math)
        if grid.width > 5.4:    # the layer names make rows long: stay right of the network, inside the margin
            grid.scale_to_fit_width(5.4)
        cells = [m for pair in zip(labels, math) for m in pair]
        panel = VGroup(head, grid).arrange(DOWN, buff=0.5)
        if panel.height > 5.6:
            panel.scale_to_fit_height(5.6)
        panel.move_to(3.4 * RIGHT + 0.3 * DOWN)
        panel.counter, panel.grid = counter, grid
        self.play(FadeIn(head))

        running = 0
        for l, b in enumerate(tr["breakdown"]):
            running += b["weights"]
            w_label, w_row, b_label, b_row = cells[4 * l: 4 * l + 4]
            with self.beat(f"weights{l + 1}", "params.cap.weights", n_in=b["n_in"], n_out=b["n_out"],
                           weights=num(b["weights"]), total=num(running)):
                edges = net.edges[l]
                run = min(0.45 * len(edges) + 0.6, 4.0)
                self.play(net.highlight_edges(l), count_along(counter, running - b["weights"], running, len(edges)),
                          run_time=run)
                self.play(FadeIn(w_label), Write(w_row), edges.animate.set_stroke(palette.FIRE, opacity=0.55),
                          run_time=0.8)
                self.wait(0.4)
            running += b["biases"]
            with self.beat(f"biases{l + 1}", "params.cap.biases", biases=num(b["biases"]), total=num(running)):
                run = min(0.45 * len(net.bias_markers[l]) + 0.6, 3.0)
                self.play(net.create_biases(l, run_time=0.8))
                self.play(net.highlight_biases(l),
                          count_along(counter, running - b["biases"], running, len(net.bias_markers[l])),
                          run_time=run)
                self.play(FadeIn(b_label), Write(b_row), run_time=0.8)
                self.wait(0.4)
        return panel

    def formula(self, net, panel, tr):
        general = MathTex(TEX["layer-parameters"], font_size=palette.MATH_SIZE + 4, color=palette.FIRE)
        per_layer = self.label("params.per_layer", palette.SMALL_SIZE, palette.DIM)
        top = VGroup(general, per_layer).arrange(RIGHT, buff=0.3)
        sums = MathTex(*tex_lines([rf"{b['n_in']} \cdot {b['n_out']} + {b['n_out']} &= {tex_num(b['total'])}"
                                   for b in tr["breakdown"]]
                                  + [" + ".join(tex_num(b["total"]) for b in tr["breakdown"])
                                     + f" &= {tex_num(tr['total'])}"]),
                       font_size=palette.MATH_SIZE - 4)
        rows, total = sums[:-1], sums[-1].set_color(palette.FIRE)
        block = VGroup(top, sums).arrange(DOWN, buff=0.4)
        if block.height > 4.4:
            block.scale_to_fit_height(4.4)
        block.next_to(panel[0], DOWN, buff=0.6)
        with self.beat("formula", "params.cap.formula", total=num(tr["total"])):
            self.play(FadeOut(panel.grid, shift=0.2 * DOWN), FadeIn(top, shift=0.2 * DOWN))
            self.play(LaggedStart(*[Write(r) for r in rows], lag_ratio=0.5), run_time=1.6)
            self.play(Write(total), Indicate(panel.counter, color=palette.FIRE))
            self.wait(1.5)
        self.play(FadeOut(net), FadeOut(panel[0]), FadeOut(block))

    def examples(self, tr):
        big = max(tr["examples"], key=lambda e: e["count"])
        net = NetworkDiagram(big["layers"], names=self.layer_names(big["layers"]), width=4.4, height=3.4,
                             show_biases=False)
        net.move_to(3.4 * LEFT + 0.1 * DOWN)
        # two columns, one LaTeX run each: shapes left-aligned, counts right-aligned, rows level
        shapes = MathTex(*tex_lines(f"&{tex_shape(e['layers'])}" for e in tr["examples"]), font_size=palette.MATH_SIZE - 6)
        counts = MathTex(*tex_lines(f"{tex_num(e['count'])}&" for e in tr["examples"]), font_size=palette.MATH_SIZE - 6)
        counts.next_to(shapes, RIGHT, buff=0.9).align_to(shapes, UP)
        for e, shape, count in zip(tr["examples"], shapes, counts):
            color = palette.FIRE if e is big else palette.TEXT if e["layers"] == tr["layers"] else palette.DIM
            VGroup(shape, count).set_color(color)
        table = VGroup(shapes, counts).move_to(3.5 * RIGHT + 0.3 * DOWN)
        cells = [m for pair in zip(shapes, counts) for m in pair]
        single = [e for e in tr["examples"] if len(e["layers"]) == 3]   # one hidden layer, ever wider
        with self.beat("examples", "params.cap.examples", shape=shape_of(big["layers"]), count=num(big["count"]),
                       linear=", ".join(num(e["count"]) for e in single)):
            self.play(LaggedStart(*[FadeIn(c, shift=0.2 * LEFT) for c in cells], lag_ratio=0.08), run_time=2.0)
            self.play(FadeIn(net), run_time=1.2)
            self.wait(1.5)
        self.play(FadeOut(net), FadeOut(table))

    def growth(self, tr):
        deep = tr["by_depth"]
        step = tr["depth_step"]
        left = self.width_plot(tr)
        right = self.growth_plot([d["hidden_layers"] for d in deep], [d["count"] for d in deep], "L")
        VGroup(left, right).arrange(RIGHT, buff=1.0)
        left_title = self.label("params.wider", palette.SMALL_SIZE, palette.POSITIVE).next_to(left, UP, buff=0.2)
        right_title = self.label("params.deeper", palette.SMALL_SIZE, palette.POSITIVE, width=step["width"]).next_to(
            right, UP, buff=0.2)
        both = VGroup(left, right, left_title, right_title)
        both.shift((2.95 - both.get_top()[1]) * UP)   # just under the header: room below for the formula
        ratios = tr["width_ratios"]
        with self.beat("width", "params.cap.width", ratios=", ".join(num(r) for r in ratios)):
            self.play(FadeIn(left.plot), FadeIn(left_title))
            self.play(Create(left.line), LaggedStart(*[FadeIn(d, scale=2) for d in left.dots], lag_ratio=0.3),
                      run_time=2.0)
            self.play(Create(left.exp), FadeIn(left.exp_label), run_time=1.2)
            self.play(FadeIn(left.marks))
            self.wait(1.0)
        extra = self.label("params.per_extra", palette.SMALL_SIZE, palette.FIRE, added=num(step["added"]))
        # the empty corner under the line, right-aligned with the last dot (above it the marks sit)
        extra.move_to(right.plot.p(right.xs[-1], 0.15 * right.ys[-1]), aligned_edge=RIGHT)
        with self.beat("depth", "params.cap.depth", width=step["width"], added=num(step["added"])):
            self.play(FadeIn(right.plot), FadeIn(right_title))
            self.play(Create(right.line), LaggedStart(*[FadeIn(d, scale=2) for d in right.dots], lag_ratio=0.3),
                      run_time=2.0)
            self.play(FadeIn(right.marks), FadeIn(extra))
            self.wait(1.0)
        formula = MathTex(r"N = (n_{in}+1)\,w", r"+ (L-1)\,(w^2 + w)", r"+ (w+1)\,n_{out}",
                          font_size=palette.MATH_SIZE - 4, color=palette.TEXT)
        formula[1].set_color(palette.FIRE)
        remark = note(VGroup(self.label("params.not_exp", palette.SMALL_SIZE, palette.FIRE),
                             self.label("params.growth", palette.SMALL_SIZE, palette.FIRE)).arrange(RIGHT, buff=0.2))
        VGroup(formula, remark).arrange(DOWN, buff=0.3).to_edge(DOWN, buff=1.3)
        with self.beat("square", "params.cap.square"):
            self.play(Write(formula), run_time=1.5)
            self.play(Indicate(formula[1], color=palette.FIRE), run_time=1.2)
            self.wait(1.0)
        with self.beat("correct", "params.cap.correct"):
            self.play(FadeIn(remark, shift=0.2 * UP))
            self.wait(2.5)

    def width_plot(self, tr):
        """2-w-w-1's count at each width (dots) and between them (the same formula, smooth), with 2^w
        beside it for what exponential growth would look like; the last dots name their ratio to the
        one before (count(2w) / count(w)), which tends to 4."""
        wide, curve = tr["by_width"], tr["width_curve"]
        xs, ys = [d["width"] for d in wide], [d["count"] for d in wide]
        g = self.growth_plot(xs, ys, "w", marks=False)
        plot = g.plot
        g.remove(g.line)
        g.line = plot.curve(curve["w"], curve["count"], color=palette.POSITIVE, stroke_width=4)
        g.exp = DashedVMobject(plot.curve(curve["w"], curve["exponential"], color=palette.COST, stroke_width=3),
                               num_dashes=20)
        top = max(i for i, v in enumerate(curve["exponential"]) if v <= plot.y_span[1])
        g.exp_label = MathTex("2^w", font_size=palette.MATH_SIZE - 12, color=palette.COST).next_to(
            plot.p(curve["w"][top], curve["exponential"][top]), RIGHT, buff=0.15)
        pts = [plot.p(x, y) for x, y in zip(xs, ys)]
        # the last mark above-left of its dot (the curve's end), the one before below-right (clear of 2^w)
        g.marks = VGroup(*[MathTex(rf"\times{tex_num(r)}", font_size=palette.MATH_SIZE - 12, color=palette.FIRE).next_to(
            p, side, buff=0.05) for p, r, side in zip(pts[-2:], tr["width_ratios"][-2:], (DOWN + RIGHT, UP + LEFT))])
        g.add(g.line, g.exp, g.exp_label, g.marks)
        return g

    def growth_plot(self, xs, ys, var, marks=True):
        _, x_end, x_step = nice_range(0, max(xs), 4)
        y_range = nice_range(0, max(ys), 4)
        plot = CurvePlot((0, x_end, x_step), y_range, width=4.3, height=2.4, x_label=var, y_label="N")
        pts = [plot.p(x, y) for x, y in zip(xs, ys)]
        g = VGroup(plot)
        g.plot, g.xs, g.ys = plot, xs, ys
        g.line = plot.curve(xs, ys, color=palette.POSITIVE, stroke_width=4)
        g.dots = VGroup(*[Dot(p, radius=0.07, color=palette.FIRE) for p in pts])
        g.marks = VGroup(*[MathTex(tex_num(y), font_size=palette.MATH_SIZE - 12, color=palette.FIRE).next_to(
            p, UP + LEFT, buff=0.05) for p, y in list(zip(pts, ys))[-2:]]) if marks else VGroup()
        g.add(g.line, g.dots, g.marks)
        return g


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
