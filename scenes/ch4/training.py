"""Chapter 4: Training: the cost goes down."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RESAMPLING_ALGORITHMS, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Group, ImageMobject,
                   Indicate, Integer, LaggedStart, ManimColor, MathTex, Square, UpdateFromAlphaFunc, VGroup, Write,
                   rate_functions)
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import num, stated, tex_num, tex_stated
from scenes.kit.network import NetworkDiagram, largest_weight, shape_of
from scenes.kit.plots import readout, set_number
from scenes.kit.parts import CurvePlot, legend_row, nice_range, note


# -- Training ---------------------------------------------------------------------------
class DecisionMap(Group):
    """The input square shaded by the network's output (brighter = nearer 1), with the training points:
    a filled dot where the label is 1, a ring where it is 0. The shading is one image, a pixel per grid
    cell, drawn with bilinear resampling: smooth at any size, and one paste a frame, not a square per cell."""

    def __init__(self, tr, side: float = 3.4, **kwargs):
        super().__init__(**kwargs)
        grid = tr["map"]
        self.lo, self.hi, self.cells, self.side = grid["lo"], grid["hi"], grid["cells"], side
        self.frame = Square(side_length=side, color=palette.DIM, stroke_width=3)
        self.rgb = (np.array(ManimColor(palette.OUTPUT).to_rgb()) * 255).round()
        self.current = np.zeros(self.cells ** 2)
        self.shading = ImageMobject(self.pixels(self.current))  # dark until the scene shows a snapshot
        self.shading.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
        self.shading.stretch_to_fit_width(side).stretch_to_fit_height(side).move_to(self.frame)
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

    def pixels(self, values) -> np.ndarray:
        """RGBA, the output colour at 0.85 x the value's opacity; the trace's rows run from the bottom,
        an image's from the top."""
        n = self.cells
        rgba = np.empty((n, n, 4), dtype=np.uint8)
        rgba[..., :3] = self.rgb
        rgba[..., 3] = np.round(255 * 0.85 * np.clip(np.asarray(values, float), 0, 1)).reshape(n, n)[::-1]
        return rgba

    def update_to(self, values, **kwargs):
        """The image moves from the shown snapshot to the next, every cell at once."""
        start, end = self.current, np.clip(np.asarray(values, float), 0.0, 1.0)
        self.current = end

        def blend(image, alpha):
            image.pixel_array = self.pixels(start + (end - start) * alpha)

        return UpdateFromAlphaFunc(self.shading, blend, **kwargs)


class Training(ExplainerScene):
    """Epoch by epoch: the cost curve falls while the network's weights and predictions change."""

    curve_samples = 200   # points of the drawn cost curve, whatever the number of epochs

    def construct(self):
        self.title_card()
        tr = self.trace
        shots, n = tr["snapshots"], len(tr["y"])
        # all of it above y = -1.6: the note with the cost and the update rule goes under it
        dmap = DecisionMap(tr, side=2.6).move_to(0.7 * LEFT + 0.65 * UP)
        # widths and marker sizes against the largest value over all snapshots, so growth shows
        net = NetworkDiagram(tr["sizes"], shots[0]["weights"], shots[0]["biases"], width=2.6, height=2.6,
                             largest=max(largest_weight(s["weights"]) for s in shots),
                             largest_bias=max(largest_weight(s["biases"]) for s in shots))
        net.move_to(4.6 * LEFT + 0.55 * UP)
        plot = CurvePlot((0, *nice_range(0, tr["epochs"], 3)[1:]), nice_range(0, max(tr["costs"]), 3),
                         width=3.6, height=2.3, x_label="", y_label="C", pad=0.15).move_to(3.9 * RIGHT + 0.75 * UP)
        epochs_word = self.label("training.epochs", palette.SMALL_SIZE, palette.DIM)
        epochs_word.next_to(plot.axes.x_axis, DOWN, buff=0.38).align_to(plot.axes.x_axis, RIGHT)

        counters = self.counters(tr, net, dmap, plot, n)
        legend = legend_row((dmap.samples[list(tr["y"]).index(1.0)].copy(), self.label("training.label1", palette.SMALL_SIZE)),
                            (dmap.samples[list(tr["y"]).index(0.0)].copy(), self.label("training.label0", palette.SMALL_SIZE)))
        legend.next_to(dmap.frame, DOWN, buff=0.42)   # the dots' legend stays all scene, under the map
        shading = self.label("training.shading", palette.SMALL_SIZE, palette.DIM).next_to(legend, DOWN, buff=0.1)

        with self.beat("data", "training.cap.data", n=n):
            self.add(dmap.shading)
            self.play(FadeIn(dmap.frame), FadeIn(dmap.axis_names),
                      LaggedStart(*[FadeIn(p, scale=2) for p in dmap.samples], lag_ratio=0.05), FadeIn(legend),
                      FadeIn(shading))
            self.play(FadeIn(plot), FadeIn(epochs_word))   # the right of the frame: where the cost will fall
            self.wait(1.0)
        self.untrained(tr, net, dmap, plot, counters)
        remark = note(self.label("training.epoch_is", palette.SMALL_SIZE, palette.TEXT, n=n),
                      color=palette.DIM).to_edge(DOWN, buff=1.25)
        with self.beat("epoch", "training.cap.epoch", n=n):
            self.play(FadeOut(shading), FadeIn(remark))   # the note takes the shading line's room
            for l in range(len(net.edges)):
                self.play(net.signal(l), run_time=0.9)
            for l in reversed(range(len(net.edges))):
                self.play(net.signal(l, color=palette.GRADIENT, backward=True), run_time=0.9)
            # "then every weight takes a step": every edge and bias lights up in the gradient's colour, one
            # after another, for as long as the words last
            self.play(*[net.highlight_edges(l, color=palette.GRADIENT, lag_ratio=0.1) for l in range(len(net.edges))],
                      *[net.highlight_biases(l, color=palette.GRADIENT, lag_ratio=0.1) for l in range(len(net.edges))], run_time=2.0)
            self.wait(0.3)
        rule = self.rule(tr, remark)
        self.train(tr, net, dmap, plot, counters)
        self.summary(tr, rule, counters)

    def untrained(self, tr, net, dmap, plot, counters):
        """The random network: every output near the same value under 0.5, so every point is called 0."""
        first, start = tr["snapshots"][0], tr["start_outputs"]
        with self.beat("network", "training.cap.network", shape=shape_of(tr["sizes"]), correct=first["correct"],
                       n=len(tr["y"]), lo=num(start["lo"]), hi=num(start["hi"])):
            self.play(FadeIn(net), FadeIn(counters.epoch))
            for l in range(len(net.edges)):   # the points go through the random network...
                self.play(net.signal(l), run_time=0.9)
            self.play(dmap.update_to(first["map"]), run_time=1.2)   # ...and come out about the same everywhere
            self.play(LaggedStart(*[Indicate(p, color=palette.OUTPUT, scale_factor=1.6) for p in dmap.samples],
                                  lag_ratio=0.15), run_time=2.4)
            self.play(FadeIn(counters.correct), run_time=0.8)
            self.play(FadeIn(counters.cost), FadeIn(counters.dot, scale=2))
            self.play(Indicate(counters.correct, color=palette.OUTPUT))
            self.wait(0.6)

    def rule(self, tr, remark) -> VGroup:
        """What is plotted (C over the points) and how each epoch steps (with momentum, so C may rise)."""
        size = palette.MATH_SIZE - 10
        formula = MathTex(TEX["mean-cost"], font_size=size, color=palette.COST)
        step = MathTex(TEX["momentum-vector"], font_size=size)
        values = MathTex(rf"\beta = {tex_stated(tr['momentum'])},\ \eta = {tex_stated(tr['lr'])}", font_size=size,
                         color=palette.TEXT)
        rule = note(VGroup(formula, step, values).arrange(RIGHT, buff=0.5), color=palette.DIM, pad=0.15)
        if rule.width > 12.0:
            rule.scale_to_fit_width(12.0)
        rule.to_edge(DOWN, buff=1.25)
        with self.beat("rule", "training.cap.rule", n=len(tr["y"]), beta=stated(tr["momentum"]), eta=stated(tr["lr"])):
            self.play(FadeOut(remark), FadeIn(rule[0]), Write(formula), run_time=1.5)
            self.play(Indicate(self.counters_cost, color=palette.COST))
            self.play(Write(step), FadeIn(values), run_time=1.5)
            self.wait(1.0)
        return rule

    def counters(self, tr, net, dmap, plot, n):
        """The epoch, the points right and the cost as counters that change in place (`show(epoch)`),
        and the dot that marks the cost on the curve."""
        costs, shots = tr["costs"], tr["snapshots"]
        size = palette.BODY_SIZE + 4
        epoch = VGroup(self.label("training.epoch", palette.BODY_SIZE, palette.TEXT), Integer(0, font_size=size))
        epoch.arrange(RIGHT, buff=0.2).next_to(net, UP, buff=0.4)
        correct = VGroup(Integer(shots[0]["correct"], font_size=size, color=palette.OUTPUT),
                         self.label("training.correct", palette.BODY_SIZE, palette.OUTPUT, n=n)).arrange(RIGHT, buff=0.15)
        correct.next_to(dmap.frame, UP, buff=0.3)
        cost = readout("C", costs[0], color=palette.COST, size=palette.MATH_SIZE - 4)
        cost.next_to(plot.axes, UP, buff=0.3).align_to(plot.axes, RIGHT).shift(0.9 * LEFT)   # room to grow: 0.143 -> 0.0000510
        dot = Dot(plot.p(0, costs[0]), radius=0.08, color=palette.COST)

        class Counters:
            pass

        c = Counters()
        c.epoch, c.correct, c.cost, c.dot = epoch, correct, cost, dot

        def show(e: int, right: int | None = None):
            epoch[1].set_value(e)
            epoch[1].next_to(epoch[0], RIGHT, buff=0.2)   # a longer number grows rightward, off the word
            set_number(cost.number, costs[e], max_places=6)   # as fmt.num writes it (at most 6 decimals)
            cost.number.next_to(cost[0], RIGHT, buff=0.15).align_to(cost[0], DOWN).shift(0.02 * UP)
            if right is not None:
                correct[0].set_value(right)
                correct[0].next_to(correct[1], LEFT, buff=0.15)   # and leftward, off "of 16 right"

        c.show = show
        self.counters_cost = cost
        return c

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

    def train(self, tr, net, dmap, plot, counters):
        shots = tr["snapshots"]
        pieces = self.cost_pieces(tr, plot)
        with self.beat("train", "training.cap.train", rises=num(tr["rises"]), epochs=num(tr["epochs"])):
            for k in range(1, len(shots)):
                a, b = shots[k - 1]["epoch"], shots[k]["epoch"]

                def tick(_, alpha, a=a, b=b, k=k):   # epoch and cost count along; the points right at the end
                    e = a + int(round(alpha * (b - a)))
                    counters.show(e, shots[k]["correct"] if alpha >= 1 else None)

                self.play(Create(pieces[k - 1]), counters.dot.animate.move_to(plot.p(b, shots[k]["cost"])),
                          net.update_weights(shots[k]["weights"]), net.update_biases(shots[k]["biases"]),
                          dmap.update_to(shots[k]["map"]), UpdateFromAlphaFunc(counters.cost, tick),
                          run_time=1.1, rate_func=rate_functions.linear)
                self.wait(0.25)

    def summary(self, tr, rule, counters):
        first, final = tr["snapshots"][0], tr["snapshots"][-1]
        line = MathTex(rf"C:\ {tex_num(first['cost'])} \;\longrightarrow\; {tex_num(final['cost'])}",
                       font_size=palette.MATH_SIZE, color=palette.COST).to_edge(DOWN, buff=1.3)
        with self.beat("summary", "training.cap.summary", epochs=num(tr["epochs"]), first=num(first["cost"]),
                       last=num(final["cost"]), correct=final["correct"], n=len(tr["y"])):
            self.play(FadeOut(rule), FadeIn(line, shift=0.2 * UP), Indicate(counters.cost, color=palette.COST))
            self.play(Indicate(counters.correct, color=palette.OUTPUT))
            self.wait(2.0)
