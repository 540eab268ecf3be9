"""The computation graph of chapter 4: backpropagation on the chain x -> h -> O (Figs 9-11), the weight update, and training epoch by epoch.

    mu1 = w_i x + b_i,  h = sigma(mu1),  mu2 = w_o h + b_o,  O = sigma(mu2),  E = 1/2 (O - y)^2

One computation graph, laid out once (`chain_graph`), runs through all four scenes: along the top,
with the formulas being built in the band below it.
"""
from __future__ import annotations

from manim import (DOWN, RIGHT, UP, VGroup)
from scenes.kit import frame, palette
from scenes.kit.graph import EdgeSpec, GraphDiagram, NodeSpec, partial


# -- the chain, laid out once ---------------------------------------------------------------------
Y0, ROW = 1.15, 1.3          # the main line, and how far above / below it the parameters sit
BAND = -2.15                  # centre of the band under the graph where formulas are written
MATH = 36                     # formula size in the band

SYMBOL = {"x": "x", "y": "y", "w_i": "w_i", "b_i": "b_i", "w_o": "w_o", "b_o": "b_o",
          "mu1": r"\mu_1", "h": "h", "mu2": r"\mu_2", "O": "O", "E": "E"}
SPREAD = 0.9                  # across: the outermost nodes stay inside the side margins
LAYOUT = {n: (SPREAD * x, y) for n, (x, y) in {
    "x": (-6.25, Y0), "w_i": (-5.75, Y0 + ROW), "b_i": (-5.75, Y0 - ROW), "mu1": (-4.25, Y0),
    "h": (-1.7, Y0), "w_o": (-0.85, Y0 + ROW), "b_o": (-0.85, Y0 - ROW), "mu2": (0.85, Y0),
    "O": (3.4, Y0), "E": (5.95, Y0), "y": (5.95, Y0 + ROW)}.items()}
LEAVES = ("x", "y", "w_i", "b_i", "w_o", "b_o")
FORWARD = ("mu1", "h", "mu2", "O", "E")   # the computed nodes, in the order the forward pass fills them

# edge name (as in the trace) -> (tail, head, where its tag sits); the formulas come from the trace
EDGES = {
    "dmu1/dx": ("x", "mu1", (0, 1)),
    "dmu1/dw_i": ("w_i", "mu1", (1, 1)),
    "dmu1/db_i": ("b_i", "mu1", (1, -1)),
    "dh/dmu1": ("mu1", "h", (0, 1)),
    "dmu2/dh": ("h", "mu2", (0, 1)),
    "dmu2/dw_o": ("w_o", "mu2", (1, 1)),
    "dmu2/db_o": ("b_o", "mu2", (1, -1)),
    "dO/dmu2": ("mu2", "O", (0, 1)),
    "dE/dO": ("O", "E", (0, 1)),
    "dE/dy": ("y", "E", (1, 0)),
}


def leaf_color(name: str, value: float):
    if name.startswith("w_"):
        return palette.sign_color(value)
    return palette.BIAS if name.startswith("b_") else palette.TEXT


def chain_graph(nodes: dict) -> GraphDiagram:
    """The graph of the chain, coloured from the trace's node values (weights by sign)."""
    specs = {n: NodeSpec(SYMBOL[n], LAYOUT[n], leaf=n in LEAVES,
                         color=palette.COST if n == "E" else leaf_color(n, nodes[n]) if n in LEAVES else palette.TEXT)
             for n in LAYOUT}
    edges = [EdgeSpec(name, tail, head, side) for name, (tail, head, side) in EDGES.items()]
    return GraphDiagram(specs, edges)


def edge_partial(name: str) -> str:
    """'dO/dmu2' -> the TeX fraction of partials."""
    tail, head = EDGES[name][0], EDGES[name][1]
    return partial(SYMBOL[head], SYMBOL[tail])


def edge_formulas(trace) -> dict:
    """Each edge's local derivative as nncore writes it ('O - y'); None where it is a constant
    (the edge shows only its number)."""
    return {e["name"]: None if e["formula"] == "1" else e["formula"] for e in trace["edges"]}


def as_factor(formula: str | None) -> str:
    """A formula as a factor of a product: (O - y) in parentheses, 1 for a constant."""
    formula = formula or "1"
    return f"({formula})" if "-" in formula and not formula.endswith(")") else formula


def local_values(trace) -> dict:
    return {e["name"]: e["value"] for e in trace["edges"]}


def tag_formula(tag):
    """What a product's formula row grows out of: the tag's formula, or its number for a constant (1)."""
    return tag.formula if tag.formula is not None else tag.number


def tags_for(g: GraphDiagram, trace) -> dict:
    """The local-derivative tag of every edge the trace names."""
    formulas = edge_formulas(trace)
    return {name: g.tag(name, formulas[name], v) for name, v in local_values(trace).items()}


def full_graph(trace):
    """The graph as chapter 4 leaves it: every value and every local derivative shown.
    Returns (graph, values group, tags by edge name)."""
    g = chain_graph(trace["nodes"])
    values = g.with_values({n: trace["nodes"][n] for n in LAYOUT})
    return g, values, tags_for(g, trace)


def in_band(mob, y: float = BAND):
    """Centred at height y, lifted if its bottom would reach the caption band."""
    mob.move_to([0, y, 0])
    return mob.shift(max(0.0, frame.safe_box()[2] + 0.15 - mob.get_bottom()[1]) * UP)   # room for a frame


def side_by_side(left, right, gap: float = 1.0, room: float = 12.5):
    """Two products in the band, tops level, the pair centred. Long numbers (negative factors are
    written in parentheses) may make the pair wider than the frame: then the gap shrinks, and if
    that is not enough the pair is scaled down just enough to fit."""
    pair = VGroup(left, right).arrange(RIGHT, buff=gap, aligned_edge=UP)
    if pair.width > room:
        pair.arrange(RIGHT, buff=gap / 2, aligned_edge=UP)
        if pair.width > room:
            pair.scale(room / pair.width)
    in_band(pair)
    # Case 2's five-factor rows are taller than the band: shrink them to stay under the bias nodes
    ceiling = Y0 - ROW - 0.5 - 0.15
    if pair.get_top()[1] > ceiling:
        pair.scale((ceiling - pair.get_bottom()[1]) / pair.height, about_edge=DOWN)
    return left, right
