"""What the chapter-4 scenes share."""
from __future__ import annotations

from manim import (RIGHT, Create, FadeIn, Indicate, ReplacementTransform, SurroundingRectangle, VGroup, Write)
from scenes.kit import frame, palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import tex_num
from scenes.kit.graph import ChainProduct, build, partial, tex
from scenes.kit.parts import lean, note
from scenes.kit.chain import BAND, MATH, RADIUS, SYMBOL, Y0, as_factor, edge_formulas, edge_partial, in_band


class Chapter4Scene(ExplainerScene):
    """What the chapter's scenes share."""

    def label(self, key: str, size: float = palette.BODY_SIZE, color=palette.TEXT, **fields):
        return lean(super().label(key, size, color, **fields))

    def shared_tag(self, words_key: str) -> VGroup:
        """Case 1's product dE/dO * dO/dmu2 = dE/dmu2, parked under the graph beside mu2 for Case 2.
        `[0]` is the framed formula (`[0][1]` its MathTex, parts: fraction, '=', number), `[1]` the words."""
        value = self.trace["shared"]["value"]
        formula = tex(partial("E", r"\mu_2"), "=", tex_num(value), size=MATH - 4, color=palette.GRADIENT)
        boxed = note(formula, color=palette.GRADIENT, pad=0.1)
        words = self.label(words_key, palette.SMALL_SIZE - 4, palette.GRADIENT)
        tag = VGroup(boxed, words).arrange(RIGHT, buff=0.15)   # one low row: clear of the band's rows below
        # under O and E, a little below their circles, right-aligned with the frame's margin
        tag.move_to([0, Y0 - RADIUS - 0.18 - tag.height / 2, 0]).align_to([6.3, 0, 0], RIGHT)
        return frame.keep_inside(tag)

    def chain_product(self, param: str, g) -> ChainProduct:
        """The chain rule for one parameter, from the trace: symbols, formulas, numbers (as graph `g`'s
        tags show them), gradient."""
        gr, formulas = self.trace["gradients"][param], edge_formulas(self.trace)
        return ChainProduct(partial("E", SYMBOL[param]), [edge_partial(f) for f in gr["factors"]],
                            [as_factor(formulas[f]) for f in gr["factors"]], gr["values"], gr["gradient"], size=MATH,
                            texts=[g.edge_number(formulas[f], v) for f, v in zip(gr["factors"], gr["values"])])

    def show_graph(self, g, values, tags):
        self.play(FadeIn(g), FadeIn(values), FadeIn(VGroup(*tags.values())))

    def trace_path(self, g, edges, run_time=0.9):
        """The path from E back to a parameter grows node by node, a pulse running backward along
        each edge. What is lit of it already stays lit, so a longer path extends a shorter one; lit
        edges off it go dark first (back to the node where the paths part)."""
        if not g.lit:
            self.play(Indicate(g.nodes["E"], color=palette.OUTPUT), run_time=0.6)
        for step in g.extend(edges, run_time=run_time):
            self.play(step)

    def write_symbols(self, g, row, edges, run_time=0.8):
        """The symbols row, factor by factor, each with a pulse on its edge."""
        steps = build(row)
        self.play(steps[0], run_time=run_time)
        for step, e in zip(steps[1:], edges):
            self.play(step, g.flash([e], backward=True), run_time=run_time)

    def write_row(self, row, sources, run_time=0.8, g=None, edges=None, framed=False):
        """A row, factor by factor, each grown out of a copy of its source (a tag on the graph); with
        graph `g`, a pulse runs back along each factor's edge(s) (`edges[i]`: a name or a list) as it comes.
        `framed`: a frame also goes from factor to factor in the row and another from source to source,
        as the voice reads them; returns the two frames (the caller takes them away)."""
        steps = build(row, sources)
        head = len(steps) - len(row.factors)
        frames = None
        for k, step in enumerate(steps):
            i = k - head
            extra = []
            if g is not None and i >= 0:
                names = [edges[i]] if isinstance(edges[i], str) else list(edges[i])
                extra = [g.flow(names, backward=True, color=palette.GRADIENT)]
            if framed and i >= 0:
                new = VGroup(SurroundingRectangle(row.factors[i], color=palette.GRADIENT, buff=0.06),
                             SurroundingRectangle(sources[i], color=palette.GRADIENT, buff=0.06))
                extra.append(Create(new) if frames is None else ReplacementTransform(frames, new))
                frames = new
            self.play(step, *extra, run_time=run_time)
        return frames

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
