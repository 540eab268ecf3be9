r"""Computation graphs: nodes that show a symbol and (once known) a value, arrows that carry a local
derivative, and the chain-rule product built factor by factor.

    g = GraphDiagram({"x": NodeSpec("x", (-6, 1), leaf=True), "mu1": NodeSpec(r"\mu_1", (-4, 1)), ...},
                     [EdgeSpec("dmu1/dx", "x", "mu1"), ...])
    self.play(g.create())                            # nodes and arrows, left to right
    anim, number = g.show_value("mu1", 0.6)          # the symbol moves up, the number fades in under it
    self.play(g.change_value("mu1", 0.55))           # a new number replaces the old one
    tag = g.tag("dO/dmu2", "O(1-O)", 0.18)           # formula over number in a green tag (not added)
    self.play(g.light(["dE/dO", "dO/dmu2"]), g.flow(["dE/dO", "dO/dmu2"], backward=True))
    for e in g.extend(["dE/dO", "dO/dmu2", "dmu2/dh"]): self.play(e)   # a lit path grows edge by edge

    product = ChainProduct(partial("E", "w_o"), [partial("E", "O"), ...], ["(O-y)", ...], [0.56, ...], 0.066)
    for step in build(product.symbols): self.play(step)              # factor by factor
    for step in build(product.formulas, [tag[0], ...]): self.play(step)   # each out of a copy of its tag

Values and tags are separate mobjects (not children of the graph), so a scene can replace one with
`ReplacementTransform` and the newest number is what stays on screen. `tex`/`lean` make MathTex that
animations copy ~7x faster.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from manim import (DOWN, UP, AnimationGroup, Arrow, Circle, FadeIn, GrowArrow, LaggedStart, Line, MathTex,
                   ReplacementTransform, RoundedRectangle, ShowPassingFlash, Succession, TransformFromCopy, VGroup, Write)

from scenes.kit import palette
from scenes.kit.fmt import num, tex_num, tex_stated
from scenes.kit.parts import lean

NODE_TEX = 36   # symbols and values inside nodes
TAG_TEX = 34    # local derivatives beside edges (the smallest MathTex that stays readable at 480p)


def tex(*parts: str, size: float = NODE_TEX, color=palette.TEXT) -> MathTex:
    """A MathTex, lean (see `lean`)."""
    return lean(MathTex(*parts, font_size=size, color=color))


def partial(top: str, bottom: str) -> str:
    """The TeX of d top / d bottom as a fraction of partials."""
    return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"


def paren(text: str) -> str:
    """A number's TeX as a factor of a product: negatives in parentheses."""
    return f"({text})" if text.startswith("-") else text


class EdgeTag(VGroup):
    """A local derivative on an edge, in a style of its own (not a node's): the number in a small
    green rounded tag, tinted, with the formula (green, unframed) over it. `formula` (None for a
    constant), `number`, `frame` (around the number); `lines` is formula and number."""

    def __init__(self, formula: str | None, v: float, color=palette.GRADIENT, size: float = 34,
                 text: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.formula = tex(formula, size=size, color=color) if formula else None
        self.number = tex(text if text is not None else tex_num(v), size=size, color=color)
        self.frame = RoundedRectangle(corner_radius=0.08, width=self.number.width + 0.14,
                                      height=self.number.height + 0.12)
        self.frame.set_stroke(color, width=1.5).set_fill(color, opacity=0.16).move_to(self.number)
        self.lines = VGroup(*[m for m in (self.formula, self.number) if m is not None])
        if self.formula is not None:
            self.formula.next_to(self.frame, UP, buff=0.05)
        self.add(self.frame, self.lines)


@dataclass(frozen=True)
class NodeSpec:
    symbol: str                     # TeX
    at: tuple[float, float]         # centre
    leaf: bool = False              # an input or a parameter (a box) rather than a computed value (a circle)
    color: str = palette.TEXT


@dataclass(frozen=True)
class EdgeSpec:
    name: str                       # how the scene refers to it, e.g. "dO/dmu2"
    tail: str                       # the node it starts from (an input of the head)
    head: str                       # the node computed from the tail
    side: tuple = (0.0, 1.0)        # where its derivative tag sits, seen from the arrow's midpoint
    along: float = 0.5              # where along the arrow the tag is anchored (0 tail .. 1 head)


class GraphNode(VGroup):
    """A circle (computed value) or a box (input, parameter) with its symbol; the value, once shown,
    sits under the symbol."""

    def __init__(self, symbol: str, leaf: bool = False, color=palette.TEXT, radius: float = 0.68,
                 box: tuple[float, float] = (1.3, 1.0), size: float = NODE_TEX, **kwargs):
        super().__init__(**kwargs)
        self.leaf, self.color_on = leaf, color
        if leaf:
            self.shape = RoundedRectangle(corner_radius=0.14, width=box[0], height=box[1])
        else:
            self.shape = Circle(radius=radius)
        self.shape.set_stroke(color, width=3)  # no fill: a re-drawn shape never hides the text on it
        self.symbol = tex(symbol, size=size, color=color)
        self.add(self.shape, self.symbol)
        self.radius = radius

    def upper(self) -> np.ndarray:
        """Where the symbol sits once a value is shown."""
        return self.shape.get_center() + 0.21 * UP

    def lower(self) -> np.ndarray:
        """Where the value sits."""
        return self.shape.get_center() + 0.22 * DOWN

    def rim(self, direction) -> np.ndarray:
        """The point of the outline seen from the centre in `direction`."""
        d = np.asarray(direction, float)
        d = d / np.linalg.norm(d)
        if not self.leaf:
            return self.shape.get_center() + self.radius * d
        hw, hh = self.shape.width / 2, self.shape.height / 2
        t = min(hw / abs(d[0]) if abs(d[0]) > 1e-9 else np.inf, hh / abs(d[1]) if abs(d[1]) > 1e-9 else np.inf)
        return self.shape.get_center() + t * d


class GraphDiagram(VGroup):
    """Nodes (by name) joined by arrows (by edge name), drawn in the forward direction.

    `nodes[name]`, `arrows[edge]`; `values` holds the numbers shown so far (name -> MathTex)."""

    def __init__(self, nodes: dict[str, NodeSpec], edges: Sequence[EdgeSpec], radius: float = 0.68,
                 box: tuple[float, float] = (1.3, 1.0), **kwargs):
        super().__init__(**kwargs)
        self.specs = dict(nodes)
        self.edge_specs = {e.name: e for e in edges}
        self.nodes = {n: GraphNode(s.symbol, s.leaf, s.color, radius, box).move_to([*s.at, 0]) for n, s in nodes.items()}
        self.arrows = {}
        for e in edges:
            a, b = self.nodes[e.tail], self.nodes[e.head]
            d = b.get_center() - a.get_center()
            self.arrows[e.name] = Arrow(a.rim(d), b.rim(-d), buff=0.06, color=palette.DIM, stroke_width=4,
                                        tip_length=0.2, max_tip_length_to_length_ratio=0.3)
        self.add(*self.arrows.values(), *self.nodes.values())
        self.values: dict[str, MathTex] = {}
        self.lit: list[str] = []     # the edges lit now, in the order they were lit
        self.given: set[str] = set()       # nodes whose value the user gave: shown as given (1.5, not 1.50)
        self.digits: dict[str, int] = {}   # significant digits of a computed node's value (default 3)

    # -- looking things up ------------------------------------------------------
    def edges_into(self, name: str) -> list[str]:
        return [e.name for e in self.edge_specs.values() if e.head == name]

    def path_nodes(self, edge_names: Sequence[str]) -> list[str]:
        """The nodes a path of edges passes through, in the order given."""
        out = []
        for n in edge_names:
            e = self.edge_specs[n]
            for v in (e.head, e.tail):
                if v not in out:
                    out.append(v)
        return out

    # -- numbers (separate mobjects: the scene adds them) --------------------------
    def number(self, name: str, v: float) -> str:
        """The TeX of node `name`'s value: as given, or at the node's digits."""
        return tex_stated(v) if name in self.given else tex_num(v, self.digits.get(name, 3))

    def value(self, name: str, v: float, color=palette.TEXT, size: float = NODE_TEX) -> MathTex:
        """The number of node `name`, placed under its symbol (not added to the scene)."""
        return tex(self.number(name, v), size=size, color=color).move_to(self.nodes[name].lower())

    def place_symbol(self, name: str) -> "GraphDiagram":
        """Move a node's symbol to its upper half, making room for a value (instant)."""
        node = self.nodes[name]
        node.symbol.move_to(node.upper())
        return self

    def show_value(self, name: str, v: float, color=palette.TEXT):
        """(animation, number): the symbol moves up and the number fades in under it."""
        node, number = self.nodes[name], self.value(name, v, color)
        self.values[name] = number
        anim = AnimationGroup(node.symbol.animate.move_to(node.upper()), FadeIn(number, shift=0.15 * UP))
        return anim, number

    def change_value(self, name: str, v: float, color=palette.TEXT, given: bool = False) -> ReplacementTransform:
        """The node's number is replaced by `v` (the node must show a value already); a changed
        value is a computed one unless `given` (back to what the user gave)."""
        (self.given.add if given else self.given.discard)(name)
        old, new = self.values[name], self.value(name, v, color)
        self.values[name] = new
        return ReplacementTransform(old, new)

    def with_values(self, values: dict[str, float], color=palette.TEXT) -> VGroup:
        """All these nodes showing their values at once (instant): the group of numbers, to add."""
        shown = VGroup()
        for name, v in values.items():
            self.place_symbol(name)
            self.values[name] = self.value(name, v, color)
            shown.add(self.values[name])
        return shown

    def edge_number(self, formula: str | None, v: float) -> str:
        """The TeX of a local derivative's number as the graph shows it: where the formula is a node
        ('x', 'w_o', 'h'), that node's number as the node shows it (the given 1.5, not 1.50); a
        constant (no formula) as it is (1); anything else at 3 significant digits."""
        if formula is None:
            return tex_stated(v)
        for name, spec in self.specs.items():
            if spec.symbol == formula:
                return self.number(name, v)
        return tex_num(v)

    def tag(self, edge_name: str, formula: str | None, v: float, color=palette.GRADIENT, size: float = TAG_TEX) -> EdgeTag:
        """The local derivative of an edge as an `EdgeTag` beside the arrow (not added)."""
        spec, arrow = self.edge_specs[edge_name], self.arrows[edge_name]
        tag = EdgeTag(formula, v, color, size, text=self.edge_number(formula, v))
        anchor = arrow.get_start() + spec.along * (arrow.get_end() - arrow.get_start())
        side = np.array([*spec.side, 0.0])
        return tag.next_to(anchor, side, buff=0.11)   # the frame clear of the arrow's stroke

    # -- animations -------------------------------------------------------------------
    def create(self, lag_ratio: float = 0.08, **kwargs) -> LaggedStart:
        """Nodes and arrows appear, left to right."""
        order = sorted(self.nodes, key=lambda n: self.specs[n].at[0])
        parts = []
        for n in order:
            parts.append(FadeIn(self.nodes[n], scale=0.7))
            parts += [GrowArrow(self.arrows[e]) for e in self.edges_into(n)]
        return LaggedStart(*parts, lag_ratio=lag_ratio, **kwargs)

    def light(self, edge_names: Sequence[str], color=palette.FIRE, width: float = 7) -> AnimationGroup:
        """The arrows of a path and the nodes on it take the highlight colour."""
        self.lit += [e for e in edge_names if e not in self.lit]
        arrows = [self.arrows[e].animate.set_color(color).set_stroke(width=width) for e in edge_names]
        nodes = [self.nodes[n].shape.animate.set_stroke(color, width=5) for n in self.path_nodes(edge_names)]
        return AnimationGroup(*arrows, *nodes)

    def unlight(self) -> AnimationGroup:
        """Every arrow and node back to its resting style."""
        return self.unlight_edges(list(self.arrows))

    def unlight_edges(self, edge_names: Sequence[str]) -> AnimationGroup:
        """These arrows back to rest, and the nodes no other lit edge still passes through."""
        self.lit = [e for e in self.lit if e not in edge_names]
        keep = set(self.path_nodes(self.lit))
        return AnimationGroup(*[self.arrows[e].animate.set_color(palette.DIM).set_stroke(width=4) for e in edge_names],
                              *[self.nodes[n].shape.animate.set_stroke(self.nodes[n].color_on, width=3)
                                for n in self.path_nodes(edge_names) if n not in keep])

    def extend(self, path: Sequence[str], color=palette.FIRE, run_time: float = 0.7) -> list:
        """Animations that make `path` the lit path by growing it, node by node: lit edges that are
        not on it go dark first (back to where the paths part), then each edge of `path` not yet lit
        lights up in turn with a pulse running backward along it (head to tail)."""
        steps = []
        off = [e for e in self.lit if e not in path]
        if off:
            steps.append(self.unlight_edges(off))
        for e in path:
            if e not in self.lit:
                steps.append(AnimationGroup(self.light([e], color), self.flow([e], backward=True, color=color),
                                            run_time=run_time))
        return steps

    def flow(self, edge_names: Sequence[str], backward: bool = False, color=palette.FIRE, **kwargs) -> Succession:
        """A pulse runs along the edges in the order given: tail to head, or head to tail (backward)."""
        flashes = []
        for e in edge_names:
            a = self.arrows[e]
            start, end = (a.get_end(), a.get_start()) if backward else (a.get_start(), a.get_end())
            flashes.append(ShowPassingFlash(Line(start, end, color=color, stroke_width=10), time_width=0.6))
        return Succession(*flashes, **kwargs)

    def flash(self, edge_names: Sequence[str], backward: bool = False, color=palette.FIRE, **kwargs) -> AnimationGroup:
        """A pulse on every one of these edges at once."""
        return AnimationGroup(*[self.flow([e], backward, color) for e in edge_names], **kwargs)


class ProductRow(MathTex):
    """`lead = f1 sep f2 sep ... [= result]` with every factor its own part: `factors[i]`, `equals`
    (the first '='), `lead` and `result` (or None)."""

    def __init__(self, factors: Sequence[str], lead: str | None = None, sep: str = r"\,",
                 result: str | None = None, result_color=palette.GRADIENT, result_rel: str = "=", **kwargs):
        parts = ([lead] if lead else []) + ["="]
        index = []
        for i, f in enumerate(factors):
            if i:   # a number after a factor needs its dot: (O - y) O(1 - O) · 1, never "O(1 - O) 1"
                parts.append(r"\cdot" if f.lstrip("(").lstrip()[:1].isdigit() else sep)
            index.append(len(parts))
            parts.append(f)
        if result is not None:
            parts += [result_rel, result]
        super().__init__(*parts, **kwargs)
        lean(self)
        self.factors = [self[i] for i in index]
        self.lead = self[0] if lead else None
        self.equals = self[1 if lead else 0]
        self.result = self[-1] if result is not None else None
        if self.result is not None:
            self.result.set_color(result_color)

    def tail(self) -> VGroup:
        """Everything after the last factor ('= result'), empty if there is none."""
        return VGroup(*self.submobjects[self.submobjects.index(self.factors[-1]) + 1:])

    def factor_group(self, start: int, stop: int) -> VGroup:
        """Factors start..stop-1 with what lies between them, as one group."""
        first, last = self.submobjects.index(self.factors[start]), self.submobjects.index(self.factors[stop - 1])
        return VGroup(*self.submobjects[first:last + 1])


class ChainProduct(VGroup):
    """The chain rule written three ways, one row under the other with the '=' signs aligned:

        dE/dw = dE/dO  dO/dmu  dmu/dw        (symbols)
              = (O - y) O(1 - O) h            (formulas)
              = 0.564 . 0.180 . 0.646 ≈ 0.0657  (numbers, then the product: ≈ where the
                                                  factors as shown do not reproduce it)

    `symbols`, `formulas`, `numbers` are ProductRows; `numbers.result` is the gradient."""

    def __init__(self, lhs: str, symbols: Sequence[str], formulas: Sequence[str], values: Sequence[float],
                 result: float, size: float = 36, color=palette.TEXT, buff: float = 0.22,
                 texts: Sequence[str] | None = None, **kwargs):
        """`texts`: each factor's number as the graph shows it (the given 1.5, a node's digits);
        by default 3 significant digits."""
        super().__init__(**kwargs)
        self.symbols = ProductRow(symbols, lead=lhs, font_size=size, color=color)
        self.formulas = ProductRow(formulas, font_size=size, color=color)
        self.texts = texts = list(texts) if texts is not None else [tex_num(v) for v in values]
        seen = [float(t.replace("{,}", "")) for t in texts]
        # the factors as shown must reproduce the result as shown
        rel = r"\approx" if num(float(np.prod(seen))) != num(result) else "="
        self.approx = rel != "="
        self.numbers = ProductRow([paren(t) for t in texts], sep=r"\cdot",
                                  result=tex_num(result), result_rel=rel, font_size=size, color=color)
        self.add(self.symbols, self.formulas, self.numbers)
        self.formulas.next_to(self.symbols, DOWN, buff=buff)
        self.numbers.next_to(self.formulas, DOWN, buff=buff)
        for row in (self.formulas, self.numbers):
            row.shift((self.symbols.equals.get_x() - row.equals.get_x()) * np.array([1.0, 0, 0]))


def build(row: ProductRow, sources: Sequence | None = None) -> list:
    """Animations that write a row factor by factor: what precedes factor 0, then each factor (grown
    out of a copy of `sources[i]` when given, with the sign before it). The rest is `row.tail()`."""
    parts = row.submobjects
    head = parts[:parts.index(row.factors[0])]
    steps = [Write(VGroup(*head))] if head else []
    for i, f in enumerate(row.factors):
        k = parts.index(f)
        grow = TransformFromCopy(sources[i], f) if sources is not None else FadeIn(f, shift=0.2 * DOWN)
        steps.append(AnimationGroup(FadeIn(parts[k - 1]), grow) if i else grow)
    return steps
