"""Chapter 4: Training: the cost goes down."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, AnimationGroup, Create, Dot, FadeIn, FadeOut,
                   Indicate, LaggedStart, MathTex, Square, VGroup, Write, rate_functions)
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import num, stated, tex_num, tex_stated
from scenes.kit.network import NetworkDiagram, largest_weight, shape_of
from scenes.kit.parts import CurvePlot, legend_row, nice_range, note


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
