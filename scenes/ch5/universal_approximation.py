"""Chapter 5: Can a network approximate any function?"""
from __future__ import annotations

import math
from manim import (DOWN, LEFT, RIGHT, UP, Create, DashedLine, Dot, FadeIn, FadeOut, Indicate, LaggedStart, Line,
                   MathTex, Polygon, ReplacementTransform, VGroup, Write)
from scenes.formulas import APPROXIMATION_PARTS
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import num, tex_lines, tex_num
from scenes.kit.network import NetworkDiagram
from scenes.kit.parts import CurvePlot, note


def tex_layers(layers) -> str:
    return r"\text{-}".join(str(int(n)) for n in layers)


# -- UniversalApproximation ---------------------------------------------------------------
class UniversalApproximation(ExplainerScene):
    """Section 9: 1, 2, 4, 8, 16 hidden neurons fit 40 samples better and better, and so does depth;
    what the theorem promises, and what it does not: the same net, the same training, several random
    starts, and some of them stall (training need not find the good network)."""

    def construct(self):
        self.title_card()
        plot = self.make_plot()
        self.target(plot)
        table = self.fit_table(self.trace["fits"], self.trace["deep"])
        table.align_to(plot.axes, UP).shift(0.35 * UP)
        table.shift((6.25 - table.get_right()[0]) * RIGHT)
        shown = self.fits(plot, table)
        shown = self.depth(plot, table, shown)
        self.plot, self.shown = plot, shown
        remark = self.theorem(table)
        self.seeds(plot, shown, remark)
        self.summary(table)

    def make_plot(self) -> CurvePlot:
        tr = self.trace
        xs = tr["xs"]
        curves = [tr["target_ys"]] + [f["dense_ys"] for f in tr["fits"]] + [r["dense_ys"] for r in tr["seed_runs"] or []]
        if tr["deep"]:
            curves.append(tr["deep"]["dense_ys"])
        every_y = [v for c in curves for v in c]
        return CurvePlot((math.floor(min(xs)), math.ceil(max(xs)), 1),
                         (math.floor(min(every_y)), math.ceil(max(every_y)), 1),
                         width=5.8, height=4.2, x_label="x", y_label="y").move_to(3.0 * LEFT + 0.3 * UP)

    def target(self, plot):
        """The target as the net sees it: its 40 sample points, not the curve between them."""
        tr = self.trace
        samples = VGroup(*[Dot(plot.p(x, y), radius=0.06, color=palette.TARGET) for x, y in zip(tr["xs"], tr["target_ys"])])
        key = VGroup(Dot(radius=0.06, color=palette.TARGET), self.label("approx.samples", palette.SMALL_SIZE, palette.TARGET, n=len(tr["xs"])))
        key.arrange(RIGHT, buff=0.15).next_to(plot, DOWN, buff=0.15).align_to(plot.axes, RIGHT)
        plot.key, self.samples = key, samples
        with self.beat("target", "approx.cap.target", n=len(tr["xs"])):
            self.play(FadeIn(plot), run_time=1.0)
            self.play(LaggedStart(*[FadeIn(d, scale=2.0) for d in samples], lag_ratio=0.08), FadeIn(key), run_time=2.5)

    def fit_curve(self, plot, ys, color=palette.OUTPUT):
        """A fit drawn from the network's output on the dense grid, not joined up between the samples."""
        return plot.curve(self.trace["dense_xs"], ys, color=color, stroke_width=5, clip=False)

    def name_tag(self, plot, layers, color=palette.OUTPUT):
        tag = MathTex(tex_layers(layers), font_size=palette.MATH_SIZE - 4, color=color)
        return tag.next_to(plot.axes, UP, buff=0.1).align_to(plot.axes, LEFT).shift(0.6 * RIGHT)

    def worst(self, plot, ys):
        """Where the fit is farthest from the target on the dense grid: the largest error, drawn."""
        tr = self.trace
        k = max(range(len(ys)), key=lambda i: abs(ys[i] - tr["dense_target"][i]))
        x = tr["dense_xs"][k]
        return Line(plot.p(x, ys[k]), plot.p(x, tr["dense_target"][k]), color=palette.COST, stroke_width=8)

    def epsilon_band(self, plot, share: float = 0.08):
        """The theorem's tolerance drawn around the target: a band ε wide on each side, ε a share of
        the plot's height (a picture of "any ε", no number)."""
        tr = self.trace
        eps = share * (plot.y_span[1] - plot.y_span[0])
        xs, ys = tr["dense_xs"], tr["dense_target"]
        upper = [plot.p(x, y + eps) for x, y in zip(xs, ys)]
        lower = [plot.p(x, y - eps) for x, y in zip(xs, ys)]
        band = Polygon(*upper, *reversed(lower), stroke_width=0).set_fill(palette.TARGET, 0.25)
        label = MathTex(r"\pm\varepsilon", font_size=palette.MATH_SIZE - 4, color=palette.TARGET)
        low = min(range(len(ys)), key=lambda k: ys[k])   # beside the band's lowest point, inside the plot
        label.next_to(plot.p(xs[low], ys[low] - eps), RIGHT, buff=0.25)
        return VGroup(band, label)

    def range_ends(self, plot):
        """The range [a, b] the theorem speaks of: the plotted range's ends, dashed, named a and b."""
        xs, ys = self.trace["dense_xs"], self.trace["dense_target"]
        y0, y1 = plot.y_span
        ends = []
        # each name outside the range, beside the x-axis on the side away from the target there
        for x, y, name, out in ((xs[0], ys[0], "a", LEFT), (xs[-1], ys[-1], "b", RIGHT)):
            line = DashedLine(plot.p(x, y0), plot.p(x, y1), color=palette.DIM, stroke_width=3)
            side = DOWN if y > 0 else UP
            ends.append(VGroup(line, MathTex(name, font_size=palette.MATH_SIZE - 8, color=palette.DIM)
                               .next_to(plot.p(x, min(max(0.0, y0), y1)), out + side, buff=0.1)))
        return ends

    def sticks(self, plot, ys):
        tr = self.trace
        return VGroup(*[Line(plot.p(x, a), plot.p(x, b), color=palette.COST, stroke_width=2.5)
                        for x, a, b in zip(tr["xs"], ys, tr["target_ys"])])

    def fits(self, plot, table):
        tr = self.trace
        xs, fits = tr["xs"], tr["fits"]
        with self.beat("columns", "approx.cap.columns", n=len(xs)):
            self.play(FadeIn(table.head), run_time=1.0)
            # the mean over the samples, the largest anywhere in the range
            self.play(Indicate(table.head[2], color=palette.COST),
                      LaggedStart(*[Indicate(d, color=palette.TARGET, scale_factor=1.6) for d in self.samples],
                                  lag_ratio=0.05), run_time=2.0)
            sweep = Line(plot.p(xs[0], plot.y_span[0]), plot.p(xs[-1], plot.y_span[0]), color=palette.COST, stroke_width=6)
            self.play(Indicate(table.head[3], color=palette.COST), Create(sweep), run_time=1.5)
            self.play(FadeOut(sweep), run_time=0.5)
        shown = None
        for k, f in enumerate(fits):
            new = (self.fit_curve(plot, f["dense_ys"]), self.sticks(plot, f["ys"]), self.name_tag(plot, [1, f["hidden"], 1]),
                   self.worst(plot, f["dense_ys"]))
            row = table.row(k)
            key = "approx.cap.first" if k == 0 else "approx.cap.more"
            with self.beat(f"fit{f['hidden']}", key, hidden=f["hidden"], params=f["parameters"], mse=num(f["mse"]),
                           largest=num(f["max_error"])):
                if shown is None:
                    self.play(Create(new[0]), FadeIn(new[2]), run_time=1.5)
                else:
                    self.play(*[ReplacementTransform(a, b) for a, b in zip(shown[:3], new[:3])], FadeOut(shown[3]),
                              run_time=1.5)
                self.play(FadeIn(row, shift=0.2 * LEFT), run_time=0.8)
                if shown is None:
                    self.play(LaggedStart(*[Create(st) for st in new[1]], lag_ratio=0.05), run_time=1.5)
                self.play(Indicate(row[2], color=palette.COST), Indicate(new[1], color=palette.COST), run_time=1.0)
                self.play(Create(new[3]), Indicate(row[3], color=palette.COST), run_time=1.0)
            shown = new
        return shown

    def depth(self, plot, table, shown):
        """Depth as well as width: two hidden layers of 4, trained from a random start."""
        deep = self.trace["deep"]
        if not deep:
            return shown
        new = (self.fit_curve(plot, deep["dense_ys"]), self.sticks(plot, deep["ys"]), self.name_tag(plot, deep["layers"]),
               self.worst(plot, deep["dense_ys"]))
        row = table.row(len(self.trace["fits"]))
        # the deep net itself, under the table: "two hidden layers of four"
        net = NetworkDiagram(deep["layers"], width=2.8, height=min(1.5, table.get_bottom()[1] + 2.45), show_biases=False)
        net.next_to(table, DOWN, buff=0.35).align_to(table, RIGHT)
        self.deep_net = net
        with self.beat("depth", "approx.cap.depth", layers="-".join(map(str, deep["layers"])), params=deep["parameters"],
                       epochs=num(deep["epochs"]), largest=num(deep["max_error"])):
            self.play(*[ReplacementTransform(a, b) for a, b in zip(shown[:3], new[:3])], FadeOut(shown[3]), run_time=1.5)
            self.play(FadeIn(row, shift=0.2 * LEFT), run_time=0.8)
            for l in range(len(deep["layers"])):
                self.play(net.create_layer(l), *([net.create_edges(l - 1)] if l else []), run_time=0.6)
            self.play(Indicate(VGroup(*net.layers[1:-1]), color=palette.OUTPUT, scale_factor=1.15),
                      Indicate(row[1], color=palette.TEXT), Indicate(table.row(len(self.trace["fits"]) - 1)[1],
                                                                     color=palette.TEXT), run_time=1.2)
            self.play(Create(new[3]), Indicate(row[3], color=palette.COST), run_time=1.2)
        return new

    def fit_table(self, fits, deep):
        """Net, parameters and both errors of each fit: right-aligned columns, one LaTeX run each, one
        part per row (so rows can appear one at a time), under their headings."""
        rows = [(tex_layers([1, f["hidden"], 1]), f) for f in fits] + ([(tex_layers(deep["layers"]), deep)] if deep else [])
        cells = [[name for name, _ in rows], [tex_num(f["parameters"]) for _, f in rows],
                 [tex_num(f["mse"]) for _, f in rows], [tex_num(f["max_error"]) for _, f in rows]]
        colours = (palette.OUTPUT, palette.TEXT, palette.COST, palette.COST)
        columns = VGroup(*[MathTex(*tex_lines(f"{c}&" for c in column), font_size=palette.MATH_SIZE - 8, color=color)
                           for column, color in zip(cells, colours)])
        head = VGroup(*[self.label(k, palette.SMALL_SIZE, palette.DIM) for k in ("approx.net", "approx.parameters",
                                                                                 "approx.mse", "approx.largest")])
        head.arrange(RIGHT, buff=0.35, aligned_edge=DOWN)   # two-line headings: their last lines level
        right, top = 0.0, min(h.get_bottom()[1] for h in head) - 0.25
        for h, column in zip(head, columns):  # as wide as the heading or the widest number, right-aligned
            right += max(h.width, column.width)
            h.set_x(right - h.width / 2)
            column.set_x(right - column.width / 2)
            column.shift((top - column.get_top()[1]) * UP)  # the tops level, so the rows are
            right += 0.35
        table = VGroup(head, columns)
        if table.width > 5.6:
            table.scale_to_fit_width(5.6)
        table.head, table.columns = head, columns
        table.row = lambda k: VGroup(*[column[k] for column in columns])
        return table

    def theorem(self, table) -> VGroup:
        """The promise with its quantifiers, and what it does not promise; in the table's place."""
        statement = MathTex(*APPROXIMATION_PARTS, font_size=palette.MATH_SIZE - 10)
        yes = VGroup(self.label("approx.promised", palette.SMALL_SIZE, palette.OUTPUT), statement,
                     self.label("approx.exists", palette.SMALL_SIZE)).arrange(DOWN, aligned_edge=LEFT, buff=0.18)
        no = VGroup(self.label("approx.not_promised", palette.SMALL_SIZE, palette.COST),
                    self.label("approx.finds", palette.SMALL_SIZE), self.label("approx.generalises", palette.SMALL_SIZE))
        no.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        body = VGroup(yes, no).arrange(DOWN, aligned_edge=LEFT, buff=0.45)
        remark = note(body, color=palette.TEXT)
        if remark.width > 5.6:
            remark.scale_to_fit_width(5.6)
        remark.move_to([3.45, 0.3, 0])
        plot, fit = self.plot, self.shown
        band, ends = self.epsilon_band(plot), self.range_ends(plot)
        gone = [m for m in (fit[1], fit[3]) if m in self.mobjects] + \
            ([self.deep_net] if getattr(self, "deep_net", None) is not None else [])
        with self.beat("promise", "approx.cap.promise"):
            self.play(FadeOut(table), *[FadeOut(m) for m in gone], FadeIn(remark[0]), FadeIn(yes[0]), run_time=1.0)
            # for every ε > 0: a band ε wide on each side of the target
            self.play(Write(statement[0]), FadeIn(band), run_time=1.2)
            # there is f̂: a network's output
            self.play(Write(statement[1]), fit[0].animate.set_stroke(width=10), run_time=1.2)
            # |f − f̂| < ε for every x in [a, b]: the fit inside the band over the whole range
            self.play(Write(statement[2]), *[Create(e) for e in ends], fit[0].animate.set_stroke(width=5), run_time=1.2)
            self.play(FadeIn(yes[2]), run_time=0.8)
        self.band = VGroup(band, *ends)
        with self.beat("limits", "approx.cap.limits"):
            self.play(FadeIn(no[0], shift=0.2 * UP), run_time=0.8)
            self.play(FadeIn(no[1], shift=0.2 * UP), run_time=0.8)
            self.play(FadeIn(no[2], shift=0.2 * UP), run_time=0.8)
        return remark

    def seeds(self, plot, shown, remark):
        """The same 1-h-1 net and the same long training from several random starts: some stall."""
        tr = self.trace
        runs = tr["seed_runs"]
        if not runs:
            return
        width, epochs = tr["seed_width"], tr["seed_epochs"]
        rows = VGroup(*[self.label("approx.seed_stalled" if r["stalled"] else "approx.seed_found", palette.SMALL_SIZE,
                                   palette.COST if r["stalled"] else palette.OUTPUT, seed=r["seed"],
                                   largest=num(r["max_error"])) for r in runs])
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        head = self.label("approx.seeds_head", palette.SMALL_SIZE, palette.TEXT, width=width, epochs=num(epochs))
        block = VGroup(head, rows).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        if block.width > 5.6:
            block.scale_to_fit_width(5.6)
        block.move_to([3.45, 0.5, 0])
        tag = self.name_tag(plot, [1, width, 1])
        stalled = [r for r in runs if r["stalled"]]
        with self.beat("seeds", "approx.cap.seeds", hidden=width, epochs=num(epochs), n=len(runs),
                       stalled=len(stalled)):
            self.play(FadeOut(remark), FadeOut(self.band),
                      *[FadeOut(m) for m in (shown[1], shown[3]) if m in self.mobjects],
                      ReplacementTransform(shown[2], tag), FadeIn(head), run_time=1.0)
            curve = shown[0]
            for r, row in zip(runs, rows):
                new = self.fit_curve(plot, r["dense_ys"], palette.COST if r["stalled"] else palette.OUTPUT)
                self.play(ReplacementTransform(curve, new), FadeIn(row, shift=0.2 * LEFT), run_time=1.2)
                curve = new
        best = min(runs, key=lambda r: r["max_error"])
        with self.beat("seeds-why", "approx.cap.seeds_why", best=num(best["max_error"]),
                       worst=num(max(r["max_error"] for r in runs))):
            worst = max(runs, key=lambda r: r["max_error"])
            stuck = self.fit_curve(plot, worst["dense_ys"], palette.COST)
            good = self.fit_curve(plot, best["dense_ys"])
            self.play(ReplacementTransform(curve, good), Indicate(rows[runs.index(best)], color=palette.OUTPUT), run_time=1.5)
            self.play(Create(stuck), *[Indicate(row, color=palette.COST) for row, r in zip(rows, runs) if r["stalled"]],
                      run_time=1.5)
            self.play(Indicate(self.samples, color=palette.TARGET, scale_factor=1.3), run_time=1.2)
        self.play(FadeOut(block), FadeOut(stuck), FadeOut(good), FadeOut(tag), run_time=0.5)

    def summary(self, table):
        params = table.columns[1]
        with self.beat("summary", "approx.cap.summary"):
            self.play(FadeIn(table), run_time=1.0)
            self.play(Indicate(params, color=palette.OUTPUT), run_time=1.5)
