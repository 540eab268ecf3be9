"""Chapter 2: How many parameters does a network have?."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, Create, DashedVMobject, DecimalNumber, Dot, FadeIn, FadeOut, Indicate,
                   LaggedStart, MathTex, VGroup, Write)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.fmt import num, tex_lines, tex_num
from scenes.kit.network import NetworkDiagram, count_along, shape_of, tex_shape
from scenes.kit.parts import CurvePlot, nice_range, note, set_significant
from scenes.ch2.common import Chapter2Scene


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
        counter = DecimalNumber(0, num_decimal_places=0, font_size=palette.MATH_SIZE + 16, color=palette.TEXT)
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
                self.play(FadeIn(w_label), Write(w_row), edges.animate.set_stroke(palette.OUTPUT, opacity=0.55),
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
        general = MathTex(TEX["layer-parameters"], font_size=palette.MATH_SIZE + 4, color=palette.TEXT)
        per_layer = self.label("params.per_layer", palette.SMALL_SIZE, palette.DIM)
        top = VGroup(general, per_layer).arrange(RIGHT, buff=0.3)
        sums = MathTex(*tex_lines([rf"{b['n_in']} \cdot {b['n_out']} + {b['n_out']} &= {tex_num(b['total'])}"
                                   for b in tr["breakdown"]]
                                  + [" + ".join(tex_num(b["total"]) for b in tr["breakdown"])
                                     + f" &= {tex_num(tr['total'])}"]),
                       font_size=palette.MATH_SIZE - 4)
        rows, total = sums[:-1], sums[-1]
        block = VGroup(top, sums).arrange(DOWN, buff=0.4)
        if block.height > 4.4:
            block.scale_to_fit_height(4.4)
        block.next_to(panel[0], DOWN, buff=0.6)
        with self.beat("formula", "params.cap.formula", total=num(tr["total"])):
            self.play(FadeOut(panel.grid, shift=0.2 * DOWN), FadeIn(top, shift=0.2 * DOWN))
            self.play(LaggedStart(*[Write(r) for r in rows], lag_ratio=0.5), run_time=1.6)
            self.play(Write(total), Indicate(panel.counter, color=palette.TEXT))
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
            VGroup(shape, count).set_color(palette.TEXT if e is big or e["layers"] == tr["layers"] else palette.DIM)
        table = VGroup(shapes, counts).move_to(3.5 * RIGHT + 0.3 * DOWN)
        cells = [m for pair in zip(shapes, counts) for m in pair]
        # one hidden layer between the article's 2 inputs and 1 output: the 2-w-1 family, ever wider
        ends = (tr["layers"][0], tr["layers"][-1])
        single = [k for k, e in enumerate(tr["examples"]) if len(e["layers"]) == 3 and (e["layers"][0], e["layers"][-1]) == ends]
        with self.beat("examples", "params.cap.examples", shape=shape_of(big["layers"]), count=num(big["count"])):
            self.play(LaggedStart(*[FadeIn(c, shift=0.2 * LEFT) for c in cells], lag_ratio=0.08), run_time=2.0)
            self.play(FadeIn(net), Indicate(VGroup(shapes[-1], counts[-1]), color=palette.TEXT), run_time=1.5)
        if len(single) > 1:
            with self.beat("linear", "params.cap.linear", family=f"{ends[0]}-w-{ends[1]}",
                           linear=", ".join(num(tr["examples"][k]["count"]) for k in single)):
                self.play(FadeOut(net), run_time=0.6)
                for k in single:   # each count lights up as the voice says it
                    self.play(VGroup(shapes[k], counts[k]).animate.set_color(palette.OUTPUT), run_time=0.5)
                    self.play(Indicate(VGroup(shapes[k], counts[k]), color=palette.OUTPUT), run_time=1.0)
        self.play(FadeOut(net), FadeOut(table))

    def growth(self, tr):
        deep = tr["by_depth"]
        step = tr["depth_step"]
        left = self.width_plot(tr)
        right = self.growth_plot([d["hidden_layers"] for d in deep], [d["count"] for d in deep], "L")
        VGroup(left, right).arrange(RIGHT, buff=1.0)
        left_title = self.label("params.wider", palette.SMALL_SIZE, palette.TEXT).next_to(left, UP, buff=0.2)
        right_title = self.label("params.deeper", palette.SMALL_SIZE, palette.TEXT, width=step["width"]).next_to(
            right, UP, buff=0.2)
        both = VGroup(left, right, left_title, right_title)
        both.shift((2.95 - both.get_top()[1]) * UP)   # just under the header: room below for the formula
        ratios = tr["width_ratios"]
        with self.beat("width", "params.cap.width", ratios=", ".join(num(r) for r in ratios)):
            self.play(FadeIn(left.plot), FadeIn(left_title))
            self.play(Create(left.line), LaggedStart(*[FadeIn(d, scale=2) for d in left.dots], lag_ratio=0.3),
                      run_time=2.0)
            self.play(Create(left.exp), FadeIn(left.exp_label), run_time=1.2)
            # each doubling of w, its ratio in a counter beside the plot while its dot lights up
            number = set_significant(DecimalNumber(ratios[0], 2, font_size=palette.MATH_SIZE, color=palette.TEXT),
                                     ratios[0])
            readout = VGroup(MathTex(r"N(2w)\,/\,N(w) =", font_size=palette.MATH_SIZE, color=palette.TEXT),
                             number).arrange(RIGHT, buff=0.2).move_to(right.plot).shift(0.3 * UP)
            self.play(FadeIn(readout), Indicate(left.dots[1], color=palette.OUTPUT, scale_factor=2.0), run_time=1.0)
            for k, r in enumerate(ratios[1:], start=2):
                set_significant(number, r)
                self.play(Indicate(left.dots[k], color=palette.OUTPUT, scale_factor=2.0),
                          Indicate(number, color=palette.OUTPUT), run_time=1.0)
            self.play(FadeIn(left.marks), FadeOut(readout), run_time=1.0)
        extra = self.label("params.per_extra", palette.SMALL_SIZE, palette.TEXT, added=num(step["added"]))
        # under the line, clear of both axes, their arrowheads and the marks above the last dots
        extra.move_to(right.plot.p(0.72 * right.plot.x_span[1], 0.1 * right.plot.y_span[1]))
        with self.beat("depth", "params.cap.depth", width=step["width"], added=num(step["added"])):
            self.play(FadeIn(right.plot), FadeIn(right_title))
            self.play(Create(right.line), LaggedStart(*[FadeIn(d, scale=2) for d in right.dots], lag_ratio=0.3),
                      run_time=2.0)
            self.play(FadeIn(right.marks), FadeIn(extra))
            self.wait(1.0)
        formula = MathTex(r"N = (n_{\text{in}}+1)\,w", r"+ (L-1)\,(w^2 + w)", r"+ (w+1)\,n_{\text{out}}",
                          font_size=palette.MATH_SIZE - 6, color=palette.TEXT)
        where = self.label("params.where_L", palette.SMALL_SIZE, palette.DIM)
        remark = note(VGroup(self.label("params.not_exp", palette.SMALL_SIZE, palette.TEXT),
                             self.label("params.growth", palette.SMALL_SIZE, palette.TEXT)).arrange(DOWN, buff=0.15),
                      color=palette.TEXT)
        VGroup(formula, where).arrange(DOWN, buff=0.15).to_edge(DOWN, buff=1.45)
        with self.beat("formula-L", "params.cap.general"):
            self.play(Write(formula), run_time=1.5)
            self.play(FadeIn(where, shift=0.2 * UP), Indicate(formula[1][1], color=palette.TEXT), run_time=1.2)
        # where w^2 comes from: the w x w weights between two hidden layers, drawn (w = 4)
        w = 4
        small = NetworkDiagram([2, w, w, 1], width=3.0, height=2.2, show_biases=False)
        small.move_to(right.plot.axes).shift(0.2 * DOWN)
        count = MathTex(rf"{w}\times{w} = {w * w}", font_size=palette.MATH_SIZE - 10, color=palette.OUTPUT)
        count.next_to(small, UP, buff=0.15)
        with self.beat("square", "params.cap.square"):
            self.play(FadeOut(right), FadeOut(right_title), FadeOut(extra), run_time=0.6)
            self.play(FadeIn(small), run_time=1.0)
            self.play(small.edges[1].animate.set_stroke(palette.OUTPUT, width=3),
                      formula[1].animate.set_color(palette.OUTPUT), run_time=1.0)
            self.play(small.highlight_edges(1, color=palette.OUTPUT, lag_ratio=0.15), FadeIn(count), run_time=2.5)
        if remark.width > 5.2:
            remark.scale_to_fit_width(5.2)
        remark.move_to(small)
        with self.beat("correct", "params.cap.correct"):
            self.play(FadeOut(small), FadeOut(count), FadeIn(remark, shift=0.2 * UP))
            self.play(Indicate(formula[1], color=palette.OUTPUT), Indicate(left.dots, color=palette.TEXT), run_time=1.5)

    def width_plot(self, tr):
        """2-w-w-1's count at each width (dots) and between them (the same formula, smooth), with 2^w
        beside it for what exponential growth would look like; the last dots name their ratio to the
        one before (count(2w) / count(w)), which tends to 4."""
        wide, curve = tr["by_width"], tr["width_curve"]
        xs, ys = [d["width"] for d in wide], [d["count"] for d in wide]
        g = self.growth_plot(xs, ys, "w", marks=False)
        plot = g.plot
        g.remove(g.line)
        g.line = plot.curve(curve["w"], curve["count"], color=palette.TEXT, stroke_width=4)
        g.exp = DashedVMobject(plot.curve(curve["w"], curve["exponential"], color=palette.DIM, stroke_width=3),
                               num_dashes=20)
        top = max(i for i, v in enumerate(curve["exponential"]) if v <= plot.y_span[1])
        g.exp_label = MathTex("2^w", font_size=palette.MATH_SIZE - 12, color=palette.DIM).next_to(
            plot.p(curve["w"][top], curve["exponential"][top]), RIGHT, buff=0.15)
        pts = [plot.p(x, y) for x, y in zip(xs, ys)]
        # the last mark above-left of its dot (the curve's end), the one before below-right (clear of 2^w)
        g.marks = VGroup(*[MathTex(rf"\times{tex_num(r)}", font_size=palette.MATH_SIZE - 12, color=palette.TEXT).next_to(
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
        g.line = plot.curve(xs, ys, color=palette.TEXT, stroke_width=4)
        g.dots = VGroup(*[Dot(p, radius=0.07, color=palette.TEXT) for p in pts])
        g.marks = VGroup(*[MathTex(tex_num(y), font_size=palette.MATH_SIZE - 12, color=palette.TEXT).next_to(
            p, UP + LEFT, buff=0.05) for p, y in list(zip(pts, ys))[-2:]]) if marks else VGroup()
        g.add(g.line, g.dots, g.marks)
        return g
