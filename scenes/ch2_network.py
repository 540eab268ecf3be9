"""Chapter 2, the network: counting parameters, the forward pass, training, universal approximation."""
from __future__ import annotations

import math

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, AnimationGroup, Create, DecimalNumber, Dot, FadeIn, FadeOut, Indicate,
                   LaggedStart, Line, MathTex, ReplacementTransform, Square, VGroup, Write, rate_functions)

from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import num, signed_terms, tex_factor, tex_lines, tex_num
from scenes.kit.network import NetworkDiagram, count_along, largest_weight
from scenes.kit.parts import CurvePlot, legend_row, nice_range, note


def shape_of(layers) -> str:
    """Layer sizes as the text names them: 2-4-1."""
    return "-".join(str(int(n)) for n in layers)


def tex_shape(layers) -> str:
    return r"\text{-}".join(tex_num(int(n)) for n in layers)


class Chapter2Scene(ExplainerScene):
    """What the chapter's scenes share."""

    def layer_names(self, layers, size=palette.SMALL_SIZE):
        last = len(layers) - 1
        keys = ["net.input" if l == 0 else "net.output" if l == last else "net.hidden" for l in range(last + 1)]
        return [self.label(k, size, palette.DIM) for k in keys]


# -- ParameterCount ---------------------------------------------------------------------
class ParameterCount(Chapter2Scene):
    """Figs 6-7: count the 17 parameters of 2-4-1, then show how the count grows."""

    def construct(self):
        self.title_card()
        tr = self.trace
        net = NetworkDiagram(tr["layers"], names=self.layer_names(tr["layers"]), width=4.6, height=4.2)
        net.move_to(3.5 * LEFT + 0.45 * DOWN)
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
        for k, part in enumerate(math):
            bias = k % 2 == 1
            part.set_color(palette.BIAS if bias else palette.TEXT)
            labels.add(self.label("params.biases" if bias else "params.weights", palette.SMALL_SIZE,
                                  palette.BIAS if bias else palette.DIM).next_to(part, LEFT, buff=0.4))
        grid = VGroup(labels, math)
        cells = [m for pair in zip(labels, math) for m in pair]
        panel = VGroup(head, grid).arrange(DOWN, buff=0.5)
        if panel.height > 5.6:
            panel.scale_to_fit_height(5.6)
        panel.move_to(3.5 * RIGHT + 0.3 * DOWN)
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
        net = NetworkDiagram(big["layers"], names=self.layer_names(big["layers"]), width=4.6, height=4.0,
                             show_biases=False)
        net.move_to(3.5 * LEFT + 0.45 * DOWN)
        # two columns, one LaTeX run each: shapes left-aligned, counts right-aligned, rows level
        shapes = MathTex(*tex_lines(f"&{tex_shape(e['layers'])}" for e in tr["examples"]), font_size=palette.MATH_SIZE - 6)
        counts = MathTex(*tex_lines(f"{tex_num(e['count'])}&" for e in tr["examples"]), font_size=palette.MATH_SIZE - 6)
        counts.next_to(shapes, RIGHT, buff=0.9).align_to(shapes, UP)
        for e, shape, count in zip(tr["examples"], shapes, counts):
            color = palette.FIRE if e is big else palette.TEXT if e["layers"] == tr["layers"] else palette.DIM
            VGroup(shape, count).set_color(color)
        table = VGroup(shapes, counts).move_to(3.5 * RIGHT + 0.3 * DOWN)
        cells = [m for pair in zip(shapes, counts) for m in pair]
        with self.beat("examples", "params.cap.examples", shape=shape_of(big["layers"]), count=num(big["count"])):
            self.play(LaggedStart(*[FadeIn(c, shift=0.2 * LEFT) for c in cells], lag_ratio=0.08), run_time=2.0)
            self.play(FadeIn(net), run_time=1.2)
            self.wait(1.5)
        self.play(FadeOut(net), FadeOut(table))

    def growth(self, tr):
        wide, deep = tr["by_width"], tr["by_depth"]
        step = tr["depth_step"]
        left = self.growth_plot([d["width"] for d in wide], [d["count"] for d in wide], "w")
        right = self.growth_plot([d["hidden_layers"] for d in deep], [d["count"] for d in deep], "L")
        VGroup(left, right).arrange(RIGHT, buff=1.0).move_to(0.55 * UP)
        left_title = self.label("params.wider", palette.SMALL_SIZE, palette.POSITIVE).next_to(left, UP, buff=0.2)
        right_title = self.label("params.deeper", palette.SMALL_SIZE, palette.POSITIVE, width=step["width"]).next_to(
            right, UP, buff=0.2)
        with self.beat("width", "params.cap.width"):
            self.play(FadeIn(left.plot), FadeIn(left_title))
            self.play(Create(left.line), LaggedStart(*[FadeIn(d, scale=2) for d in left.dots], lag_ratio=0.3),
                      run_time=2.0)
            self.play(FadeIn(left.marks))
            self.wait(1.0)
        extra = self.label("params.per_extra", palette.SMALL_SIZE, palette.FIRE, added=num(step["added"]))
        extra.next_to(right.plot.p(0, right.ys[-1]), RIGHT, buff=0.35)  # the empty corner above the line
        with self.beat("depth", "params.cap.depth", width=step["width"], added=num(step["added"])):
            self.play(FadeIn(right.plot), FadeIn(right_title))
            self.play(Create(right.line), LaggedStart(*[FadeIn(d, scale=2) for d in right.dots], lag_ratio=0.3),
                      run_time=2.0)
            self.play(FadeIn(right.marks), FadeIn(extra))
            self.wait(1.0)
        formula = MathTex(r"N = (n_{in}+1)\,w + (L-1)\,(w^2 + w) + (w+1)\,n_{out}",
                          font_size=palette.MATH_SIZE - 4, color=palette.TEXT)
        remark = note(VGroup(self.label("params.not_exp", palette.SMALL_SIZE, palette.FIRE),
                             self.label("params.growth", palette.SMALL_SIZE, palette.FIRE)).arrange(RIGHT, buff=0.2))
        VGroup(formula, remark).arrange(DOWN, buff=0.3).to_edge(DOWN, buff=0.25)
        with self.beat("correct", "params.cap.correct"):
            self.play(Write(formula), run_time=1.5)
            self.play(FadeIn(remark, shift=0.2 * UP))
            self.wait(2.5)

    def growth_plot(self, xs, ys, var):
        _, x_end, x_step = nice_range(0, max(xs), 4)
        y_range = nice_range(0, max(ys), 4)
        plot = CurvePlot((0, x_end, x_step), y_range, width=5.0, height=3.2, x_label=var, y_label="N")
        pts = [plot.p(x, y) for x, y in zip(xs, ys)]
        g = VGroup(plot)
        g.plot, g.xs, g.ys = plot, xs, ys
        g.line = plot.curve(xs, ys, color=palette.POSITIVE, stroke_width=4)
        g.dots = VGroup(*[Dot(p, radius=0.07, color=palette.FIRE) for p in pts])
        g.marks = VGroup(*[MathTex(tex_num(y), font_size=palette.MATH_SIZE - 12, color=palette.FIRE).next_to(
            p, UP + LEFT, buff=0.05) for p, y in list(zip(pts, ys))[-2:]])
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
                             width=4.8, height=4.6)
        net.move_to(3.75 * LEFT + 0.45 * DOWN)
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
        self.summary(net, table)

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
        wi = lambda i: f"w_{{{i + 1}{comma}{j + 1}}}"
        if n_in <= 3:
            symbolic = " + ".join(f"{wi(i)}\\,{prev}_{{{i + 1}}}" for i in range(n_in))
        else:
            symbolic = rf"\textstyle\sum_i w_{{i{comma}{j + 1}}}\,{prev}_i"
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
        if block.width > 6.4:
            block.scale_to_fit_width(6.4)
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
            previous, block = block, self.computation(l, j).next_to(header, DOWN, buff=0.35).set_x(3.3)
            key = "forward.cap.output" if last else "forward.cap.first" if k == 0 else "forward.cap.neuron"
            slow = k == 0
            row = MathTex(rf"z{self.sub(l, j)} = {tex_num(z)},\quad {self.sym(l)}{self.sub(l, j)} = {tex_num(a)}",
                          font_size=palette.MATH_SIZE - 10, color=palette.TEXT)
            row.move_to([3.3, -1.15 - 0.52 * len(table), 0])
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


class Training(Chapter2Scene):
    """Epoch by epoch: the cost curve falls while the network's weights and predictions change."""

    curve_samples = 200   # points of the drawn cost curve, whatever the number of epochs

    def construct(self):
        self.title_card()
        tr = self.trace
        shots, n = tr["snapshots"], len(tr["y"])
        dmap = DecisionMap(tr, side=3.2).move_to(0.7 * LEFT + 0.15 * UP)
        # widths and marker sizes against the largest value over all snapshots, so growth shows
        net = NetworkDiagram(tr["sizes"], shots[0]["weights"], shots[0]["biases"], width=2.8, height=3.2,
                             largest=max(largest_weight(s["weights"]) for s in shots),
                             largest_bias=max(largest_weight(s["biases"]) for s in shots))
        net.move_to(5.2 * LEFT + 0.1 * DOWN)
        plot = CurvePlot((0, *nice_range(0, tr["epochs"], 3)[1:]), nice_range(0, max(tr["costs"]), 3),
                         width=4.0, height=3.2, x_label="", y_label="C").move_to(4.4 * RIGHT + 0.05 * DOWN)
        epochs_word = self.label("training.epochs", palette.SMALL_SIZE, palette.DIM).next_to(plot.axes.x_axis, DOWN, buff=0.5)
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
        first = shots[0]
        with self.beat("network", "training.cap.network", shape=shape_of(tr["sizes"]), correct=first["correct"], n=n):
            self.play(FadeIn(net), FadeIn(readouts[0][0]))
            self.play(dmap.update_to(first["map"]), FadeIn(readouts[0][1]))
            self.wait(1.5)
        remark = note(self.label("training.epoch_is", palette.SMALL_SIZE, palette.FIRE, n=n)).to_edge(DOWN, buff=0.2)
        with self.beat("epoch", "training.cap.epoch", n=n):
            self.play(FadeIn(remark))
            for l in range(len(net.edges)):
                self.play(net.signal(l), run_time=1.0)
            for l in reversed(range(len(net.edges))):
                self.play(net.signal(l, color=palette.GRADIENT, backward=True), run_time=1.0)
            self.play(FadeIn(plot), FadeIn(epochs_word), FadeIn(readouts[0][2]))
            self.wait(0.5)
        self.train(tr, net, dmap, plot, readouts)
        self.summary(tr, remark, readouts[-1])

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
        with self.beat("train", "training.cap.train"):
            self.play(FadeIn(dot, scale=2), run_time=0.4)
            for k in range(1, len(shots)):
                shot = shots[k]
                self.play(Create(pieces[k - 1]), dot.animate.move_to(plot.p(shot["epoch"], shot["cost"])),
                          net.update_weights(shot["weights"]), net.update_biases(shot["biases"]),
                          dmap.update_to(shot["map"]),
                          *[FadeOut(a) for a in readouts[k - 1]], *[FadeIn(b) for b in readouts[k]],
                          run_time=1.1, rate_func=rate_functions.linear)
                self.wait(0.25)

    def summary(self, tr, remark, last):
        first, final = tr["snapshots"][0], tr["snapshots"][-1]
        line = MathTex(rf"C:\ {tex_num(first['cost'])} \;\longrightarrow\; {tex_num(final['cost'])}",
                       font_size=palette.MATH_SIZE, color=palette.COST).to_edge(DOWN, buff=0.3)
        with self.beat("summary", "training.cap.summary", epochs=num(tr["epochs"]), first=num(first["cost"]),
                       last=num(final["cost"]), correct=final["correct"], n=len(tr["y"])):
            self.play(FadeOut(remark), FadeIn(line, shift=0.2 * UP), Indicate(last[2], color=palette.COST))
            self.wait(2.5)


# -- UniversalApproximation ---------------------------------------------------------------
class UniversalApproximation(Chapter2Scene):
    """Section 9: 1, 2, 4, 8, 16 hidden neurons fit a curve better and better; what the theorem promises."""

    def construct(self):
        self.title_card()
        tr = self.trace
        xs, fits = tr["xs"], tr["fits"]
        every_y = tr["target_ys"] + [v for f in fits for v in f["ys"]]
        plot = CurvePlot((math.floor(min(xs)), math.ceil(max(xs)), 1),
                         (math.floor(min(every_y)), math.ceil(max(every_y)), 1),
                         width=6.0, height=3.6, x_label="x", y_label="y").move_to(3.35 * LEFT + 0.55 * UP)
        target = plot.curve(xs, tr["target_ys"], color=palette.TEXT, stroke_width=6, clip=False)
        samples = VGroup(*[Dot(plot.p(x, y), radius=0.045, color=palette.DIM) for x, y in zip(xs, tr["target_ys"])])
        with self.beat("target", "approx.cap.target", n=len(xs)):
            self.play(FadeIn(plot), Create(target), run_time=1.5)
            self.play(LaggedStart(*[FadeIn(d) for d in samples], lag_ratio=0.03))
            self.wait(0.8)

        table = self.fit_table(fits).move_to(3.85 * RIGHT).align_to(plot, UP)
        self.play(FadeIn(table.head))
        shown = None
        for k, f in enumerate(fits):
            curve = plot.curve(xs, f["ys"], color=palette.POSITIVE, stroke_width=5, clip=False)
            sticks = VGroup(*[Line(plot.p(x, a), plot.p(x, b), color=palette.COST, stroke_width=2.5)
                              for x, a, b in zip(xs, f["ys"], tr["target_ys"])])
            name = MathTex(rf"1\text{{-}}{f['hidden']}\text{{-}}1", font_size=palette.MATH_SIZE - 4, color=palette.POSITIVE)
            name.next_to(plot.axes, UP, buff=0.1).align_to(plot.axes, LEFT).shift(0.6 * RIGHT)
            row = VGroup(*[column[k] for column in table.columns])
            key = "approx.cap.first" if k == 0 else "approx.cap.more"
            with self.beat(f"fit{f['hidden']}", key, hidden=f["hidden"], params=f["parameters"], error=num(f["error"])):
                if shown is None:
                    self.play(Create(curve), FadeIn(sticks), FadeIn(name), FadeIn(row, shift=0.2 * LEFT), run_time=1.5)
                else:
                    self.play(*[ReplacementTransform(a, b) for a, b in zip(shown, (curve, sticks, name))],
                              FadeIn(row, shift=0.2 * LEFT), run_time=1.5)
                self.wait(1.5 if k == 0 else 1.0)
            shown = (curve, sticks, name)
        self.theorem(table)

    def fit_table(self, fits):
        """Neurons, parameters and error of each fit: three right-aligned columns, one LaTeX run each,
        one part per row (so rows can appear one at a time), under their headings."""
        columns = VGroup(*[MathTex(*tex_lines(f"{tex_num(f[key])}&" for f in fits), font_size=palette.MATH_SIZE - 6,
                                   color=color)
                           for key, color in (("hidden", palette.POSITIVE), ("parameters", palette.TEXT), ("error", palette.COST))])
        head = VGroup(*[self.label(k, palette.SMALL_SIZE, palette.DIM) for k in ("approx.neurons", "approx.parameters",
                                                                      "approx.error")])
        head.arrange(RIGHT, buff=0.45)
        right, top = 0.0, min(h.get_bottom()[1] for h in head) - 0.25
        for h, column in zip(head, columns):  # as wide as the heading or the widest number, right-aligned
            right += max(h.width, column.width)
            h.set_x(right - h.width / 2)
            column.set_x(right - column.width / 2)
            column.shift((top - column.get_top()[1]) * UP)  # the tops level, so the rows are
            right += 0.45
        table = VGroup(head, columns)
        if table.width > 5.6:
            table.scale_to_fit_width(5.6)
        table.head, table.columns = head, columns
        return table

    def theorem(self, table):
        yes = VGroup(self.label("approx.promised", palette.SMALL_SIZE, palette.FIRE),
                     MathTex(TEX["approximation"], font_size=palette.MATH_SIZE - 8),
                     self.label("approx.exists", palette.SMALL_SIZE)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        no = VGroup(self.label("approx.not_promised", palette.SMALL_SIZE, palette.COST),
                    self.label("approx.finds", palette.SMALL_SIZE), self.label("approx.generalises", palette.SMALL_SIZE))
        no.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        body = VGroup(yes, no).arrange(RIGHT, aligned_edge=UP, buff=0.9)
        remark = note(body, color=palette.FIRE).to_edge(DOWN, buff=0.2)
        with self.beat("promise", "approx.cap.promise"):
            self.play(FadeIn(remark[0]), FadeIn(yes))
            self.wait(2.0)
        with self.beat("limits", "approx.cap.limits"):
            self.play(FadeIn(no, shift=0.2 * UP))
            self.wait(2.5)
        params = table.columns[1]
        with self.beat("summary", "approx.cap.summary"):
            self.play(Indicate(params, color=palette.FIRE), run_time=1.5)
            self.wait(2.0)
