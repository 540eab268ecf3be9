"""The computation graph of chapter 4: backpropagation on the chain x -> h -> O (Figs 9-11), the weight update, and training epoch by epoch.

    mu1 = w_i x + b_i,  h = sigma(mu1),  mu2 = w_o h + b_o,  O = sigma(mu2),  E = 1/2 (O - y)^2

One computation graph, laid out once (`chain_graph`), runs through all four scenes: along the top,
with the formulas being built in the band below it.
"""
from __future__ import annotations

from itertools import product

from manim import (DOWN, RIGHT, UP, VGroup)
from scenes.formulas import TEX
from scenes.kit import frame, palette
from scenes.kit.equation import PRODUCT, Term, computation, given, holds, sigma, value
from scenes.kit.fmt import shown
from scenes.kit.graph import EdgeSpec, GraphDiagram, NodeSpec, partial


# -- the chain, laid out once ---------------------------------------------------------------------
Y0, ROW = 1.15, 1.38         # the main line, and how far above / below it the parameters sit
RADIUS, BOX = 0.6, (1.2, 0.92)   # computed nodes (circles) and leaves (boxes): long enough arrows for the tags
CEILING = Y0 - ROW - BOX[1] / 2 - 0.12   # the top of the band: under the bias nodes
BAND = -2.15                  # centre of the band under the graph where formulas are written
MATH = 36                     # formula size in the band

SYMBOL = {"x": "x", "y": "y", "w_i": "w_i", "b_i": "b_i", "w_o": "w_o", "b_o": "b_o",
          "mu1": r"\mu_1", "h": "h", "mu2": r"\mu_2", "O": "O", "E": "E"}
SPREAD = 0.9                  # across: the outermost nodes stay inside the side margins
LAYOUT = {n: (SPREAD * x, y) for n, (x, y) in {
    "x": (-6.25, Y0), "w_i": (-5.75, Y0 + ROW), "b_i": (-5.75, Y0 - ROW), "mu1": (-4.25, Y0),
    "h": (-1.7, Y0), "w_o": (-0.85, Y0 + ROW), "b_o": (-0.85, Y0 - ROW), "mu2": (0.85, Y0),
    "O": (3.4, Y0), "E": (5.95, Y0), "y": (5.95, Y0 + ROW + 0.3)}.items()}   # y over E: room for its arrow
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
    return palette.BIAS if name.startswith("b_") else palette.TARGET if name == "y" else palette.INPUT


def node_color(name: str, nodes: dict):
    if name in LEAVES:
        return leaf_color(name, nodes[name])
    return palette.COST if name == "E" else palette.SUM if name.startswith("mu") else palette.OUTPUT


# -- the forward pass as shown: every '=' true for the numbers on screen ---------------------------
def half_square(t: Term) -> Term:
    """½ · (t)², as a reader works it out."""
    return Term(rf"\tfrac{{1}}{{2}}\cdot\left({t.tex}\right)^2", f"0.5*({t.py})**2", PRODUCT)


def forward_terms(shown_terms: dict) -> dict:
    """Each computed node's expression over the shown values of what it is computed from."""
    t = shown_terms
    return {"mu1": t["w_i"] * t["x"] + t["b_i"], "h": sigma(t["mu1"]), "mu2": t["w_o"] * t["h"] + t["b_o"],
            "O": sigma(t["mu2"]), "E": half_square(t["O"] - t["y"])}


def leaf_terms(nodes: dict, given_names=LEAVES) -> dict:
    """The leaves as shown: what the user gave as given (1.5), a computed one (after a step) at 3 digits."""
    return {n: given(nodes[n]) if n in given_names else value(nodes[n]) for n in LEAVES}


def node_digits(nodes: dict, given_names=LEAVES, most: int = 5) -> dict:
    """Significant digits each computed node shows: 3, or more where the next step, worked out from
    the numbers on screen, would not give the next shown value (1.2 · 0.646 + 0.4 = 1.175, and
    σ(1.175) = 0.764, where 1.17 would give σ(1.17) = 0.763). The fewest digits in all."""
    leaves = leaf_terms(nodes, given_names)
    for digits in sorted(product(range(3, most + 1), repeat=len(FORWARD)), key=lambda d: (sum(d), d[::-1])):
        d = dict(zip(FORWARD, digits))
        terms = {**leaves, **{n: value(nodes[n], d[n]) for n in FORWARD}}
        if all(holds(e, shown(nodes[n], d[n]), d[n]) for n, e in forward_terms(terms).items()):
            return d
    return {n: 3 for n in FORWARD}   # leaves rounded too far for any: 3 digits (and no '=' is shown)


def forward_rows(nodes: dict, given_names=LEAVES) -> dict:
    """'μ2 = w_o h + b_o = 1.2 · 0.646 + 0.4 = 1.175' for each computed node (TeX), from the digits
    `node_digits` chose, so the row and the node show the same number."""
    d = node_digits(nodes, given_names)
    terms = {**leaf_terms(nodes, given_names), **{n: value(nodes[n], d[n]) for n in FORWARD}}
    symbolic = {"mu1": r"w_i\,x + b_i", "h": r"\sigma(\mu_1)", "mu2": r"w_o\,h + b_o", "O": r"\sigma(\mu_2)",
                "E": TEX["error"].split("= ", 1)[1]}
    return {n: computation(rf"{SYMBOL[n]} = {symbolic[n]}", e, nodes[n], d[n])
            for n, e in forward_terms(terms).items()}


def chain_graph(nodes: dict, given_names=LEAVES) -> GraphDiagram:
    """The graph of the chain, coloured by role (weights by sign); leaves the user gave show as
    given, computed nodes with the digits `node_digits` chose."""
    specs = {n: NodeSpec(SYMBOL[n], LAYOUT[n], leaf=n in LEAVES, color=node_color(n, nodes)) for n in LAYOUT}
    edges = [EdgeSpec(name, tail, head, side) for name, (tail, head, side) in EDGES.items()]
    g = GraphDiagram(specs, edges, radius=RADIUS, box=BOX)
    g.given = set(given_names)
    g.digits = node_digits(nodes, given_names)
    return g


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


def in_band(mob, y: float = BAND, clear: float = 0.15):
    """Centred at height y, lifted if its bottom would come within `clear` of the caption band."""
    mob.move_to([0, y, 0])
    return mob.shift(max(0.0, frame.safe_box()[2] + clear - mob.get_bottom()[1]) * UP)   # room for a frame


def side_by_side(left, right, gap: float = 1.0, room: float = 12.5):
    """Two products in the band, tops level, the pair centred. Long numbers (negative factors are
    written in parentheses) may make the pair wider than the frame: then the gap shrinks, and if
    that is not enough the pair is scaled down just enough to fit."""
    pair = VGroup(left, right).arrange(RIGHT, buff=gap, aligned_edge=UP)
    if pair.width > room:
        pair.arrange(RIGHT, buff=gap / 2, aligned_edge=UP)
        if pair.width > room:
            pair.scale(room / pair.width)
    in_band(pair, clear=0.08)   # framed results sit on the last row: 0.08 keeps the frames clear too
    # Case 2's five-factor rows are taller than the band: shrink them to stay under the bias nodes
    if pair.get_top()[1] > CEILING:
        pair.scale((CEILING - pair.get_bottom()[1]) / pair.height, about_edge=DOWN)
    return left, right
