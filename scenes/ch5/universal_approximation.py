"""Chapter 5: Can a network approximate any function?."""
from __future__ import annotations

import math
from manim import DOWN, LEFT, RIGHT, UP, Create, Dot, FadeIn, FadeOut, Indicate, LaggedStart, Line, MathTex, ReplacementTransform, VGroup
from scenes.formulas import TEX
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import num, tex_lines, tex_num
from scenes.kit.parts import CurvePlot, note


# -- UniversalApproximation ---------------------------------------------------------------
class UniversalApproximation(ExplainerScene):
    """Section 9: 1, 2, 4, 8, 16 hidden neurons fit a curve better and better; what the theorem promises,
    and a fit that shows what it does not (training need not find the good network)."""

    def construct(self):
        self.title_card()
        plot = self.make_plot()
        self.target(plot)
        table = self.fit_table(self.trace["fits"]).move_to(3.5 * RIGHT).align_to(plot, UP)
        shown = self.fits(plot, table)
        remark = self.theorem()
        self.evidence(plot, table, shown, remark)
        self.summary(table)

    def make_plot(self) -> CurvePlot:
        tr = self.trace
        xs = tr["xs"]
        every_y = tr["dense_target"] + [v for f in tr["fits"] for v in f["dense_ys"]]
        return CurvePlot((math.floor(min(xs)), math.ceil(max(xs)), 1),
                         (math.floor(min(every_y)), math.ceil(max(every_y)), 1),
                         width=5.4, height=2.8, x_label="x", y_label="y").move_to(3.2 * LEFT + 1.05 * UP)

    def target(self, plot):
        tr = self.trace
        target = plot.curve(tr["dense_xs"], tr["dense_target"], color=palette.TEXT, stroke_width=6, clip=False)
        samples = VGroup(*[Dot(plot.p(x, y), radius=0.045, color=palette.DIM) for x, y in zip(tr["xs"], tr["target_ys"])])
        with self.beat("target", "approx.cap.target", n=len(tr["xs"])):
            self.play(FadeIn(plot), Create(target), run_time=1.5)
            self.play(LaggedStart(*[FadeIn(d) for d in samples], lag_ratio=0.03))
            self.wait(0.8)

    def fit_curve(self, plot, fit, color=palette.POSITIVE):
        """A fit drawn from the network's output on the dense grid, not joined up between the samples."""
        return plot.curve(self.trace["dense_xs"], fit["dense_ys"], color=color, stroke_width=5, clip=False)

    def fits(self, plot, table):
        tr = self.trace
        xs, fits = tr["xs"], tr["fits"]
        with self.beat("columns", "approx.cap.columns", n=len(xs)):
            self.play(FadeIn(table.head))
            self.wait(0.5)
        shown = None
        for k, f in enumerate(fits):
            curve = self.fit_curve(plot, f)
            sticks = VGroup(*[Line(plot.p(x, a), plot.p(x, b), color=palette.COST, stroke_width=2.5)
                              for x, a, b in zip(xs, f["ys"], tr["target_ys"])])
            name = MathTex(rf"1\text{{-}}{f['hidden']}\text{{-}}1", font_size=palette.MATH_SIZE - 4, color=palette.POSITIVE)
            name.next_to(plot.axes, UP, buff=0.1).align_to(plot.axes, LEFT).shift(0.6 * RIGHT)
            row = VGroup(*[column[k] for column in table.columns])
            key = "approx.cap.first" if k == 0 else "approx.cap.more"
            with self.beat(f"fit{f['hidden']}", key, hidden=f["hidden"], params=f["parameters"], mse=num(f["mse"]),
                           largest=num(f["max_error"])):
                if shown is None:
                    self.play(Create(curve), FadeIn(sticks), FadeIn(name), FadeIn(row, shift=0.2 * LEFT), run_time=1.5)
                else:
                    self.play(*[ReplacementTransform(a, b) for a, b in zip(shown, (curve, sticks, name))],
                              FadeIn(row, shift=0.2 * LEFT), run_time=1.5)
                self.wait(1.5 if k == 0 else 1.0)
            shown = (curve, sticks, name)
        return shown

    def fit_table(self, fits):
        """Neurons, parameters and both errors of each fit: right-aligned columns, one LaTeX run each,
        one part per row (so rows can appear one at a time), under their headings."""
        columns = VGroup(*[MathTex(*tex_lines(f"{tex_num(f[key])}&" for f in fits), font_size=palette.MATH_SIZE - 6,
                                   color=color)
                           for key, color in (("hidden", palette.POSITIVE), ("parameters", palette.TEXT),
                                              ("mse", palette.COST), ("max_error", palette.FIRE))])
        head = VGroup(*[self.label(k, palette.SMALL_SIZE, palette.DIM) for k in ("approx.neurons", "approx.parameters",
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
        return table

    def theorem(self) -> VGroup:
        yes = VGroup(self.label("approx.promised", palette.SMALL_SIZE, palette.FIRE),
                     MathTex(TEX["approximation"], font_size=palette.MATH_SIZE - 8),
                     self.label("approx.exists", palette.SMALL_SIZE)).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        no = VGroup(self.label("approx.not_promised", palette.SMALL_SIZE, palette.COST),
                    self.label("approx.finds", palette.SMALL_SIZE), self.label("approx.generalises", palette.SMALL_SIZE))
        no.arrange(DOWN, aligned_edge=LEFT, buff=0.12)
        body = VGroup(yes, no).arrange(RIGHT, aligned_edge=UP, buff=0.9)
        remark = note(body, color=palette.FIRE)
        if remark.width > 11.5:
            remark.scale_to_fit_width(11.5)
        remark.to_edge(DOWN, buff=1.25)
        with self.beat("promise", "approx.cap.promise"):
            self.play(FadeIn(remark[0]), FadeIn(yes))
            self.wait(2.0)
        with self.beat("limits", "approx.cap.limits"):
            self.play(FadeIn(no, shift=0.2 * UP))
            self.wait(2.5)
        return remark

    def evidence(self, plot, table, shown, remark):
        """The same width trained longer from the same start: a far better network of that width exists,
        which the usual training did not reach. Shown only when the trace has such a run."""
        tr = self.trace
        longer = tr["longer"]
        if longer is None:
            return
        k, short = next((k, f) for k, f in enumerate(tr["fits"]) if f["hidden"] == longer["hidden"])
        curve, better = self.fit_curve(plot, short), self.fit_curve(plot, longer, color=palette.FIRE)
        name = MathTex(rf"1\text{{-}}{short['hidden']}\text{{-}}1", font_size=palette.MATH_SIZE - 4,
                       color=palette.POSITIVE).move_to(shown[2])
        runs = VGroup(*[self.label("approx.run", palette.SMALL_SIZE, color, epochs=num(f["epochs"]),
                                   largest=num(f["max_error"]))
                        for f, color in ((short, palette.POSITIVE), (longer, palette.FIRE))])
        runs.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        box = note(VGroup(self.label("approx.seen", palette.SMALL_SIZE, palette.COST), runs).arrange(
            DOWN, aligned_edge=LEFT, buff=0.2), color=palette.COST)
        box.to_edge(DOWN, buff=1.25)
        row = VGroup(*[column[k] for column in table.columns])
        with self.beat("evidence", "approx.cap.evidence", hidden=short["hidden"], short=num(short["epochs"]),
                       long=num(longer["epochs"]), before=num(short["max_error"]), after=num(longer["max_error"])):
            self.play(FadeOut(remark), FadeOut(shown[1]), ReplacementTransform(shown[0], curve),
                      ReplacementTransform(shown[2], name), Indicate(row, color=palette.FIRE), FadeIn(box), run_time=1.5)
            self.play(Create(better), run_time=1.5)
            self.wait(2.5)

    def summary(self, table):
        params = table.columns[1]
        with self.beat("summary", "approx.cap.summary"):
            self.play(Indicate(params, color=palette.FIRE), run_time=1.5)
            self.wait(2.0)
