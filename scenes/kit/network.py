"""The network diagram: layers of neurons joined by weighted edges, one object for every chapter.

    net = NetworkDiagram([2, 4, 1], weights=tr["weights"], biases=tr["biases"])
    self.play(net.create_layer(0), ...)          # the scene decides the timing
    self.play(net.signal(0), net.light(1, tr["activations"][1]))

Indexing follows nncore: layers are 0 (inputs) .. L (outputs); `weights[l]` has shape
(n_l, n_{l+1}) and joins layer l to layer l+1, `biases[l]` belongs to layer l+1. So
`edges[l]` and `bias_markers[l]` go with `weights[l]` and `biases[l]`.

Edge colour is the sign of the weight and edge width its size; a bias marker is purple, filled
for a positive bias and hollow (a ring) for a negative one, and its size is the size of its bias (both relative to the largest value shown, or to `largest` /
`largest_bias`, which a training scene fixes over all its snapshots).

A layer wider than `max_shown` is drawn compact: its first and last few neurons, a
vertical ellipsis in between, and its real size below. Edges, values and highlights
only touch the neurons that are drawn; `node(l, i)` takes the real index i.

Animations over several parts are built with `group=` set to the part they change, so
that playing them does not re-add those parts on top of the others.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from manim import (DOWN, UR, AnimationGroup, Create, DecimalNumber, FadeIn, Indicate, LaggedStart, Line, MathTex, Mobject,
                   ShowPassingFlash, UpdateFromAlphaFunc, VGroup, rate_functions)

from scenes.kit import palette
from scenes.kit.fmt import num, stated, tex_num
from scenes.kit.parts import NeuronNode, edge, edge_width


def shown_indices(size: int, max_shown: int) -> list[int]:
    """Which neurons of a layer are drawn: all of them, or the first and last few."""
    if size <= max_shown:
        return list(range(size))
    head = max(1, max_shown // 2)
    tail = max(1, max_shown - 1 - head)
    return list(range(head)) + list(range(size - tail, size))


def blink(line: Line, color=palette.FIRE, extra_width: float = 5.0) -> FadeIn:
    """A thick copy of a line lights up and fades again (it is removed afterwards)."""
    ghost = line.copy().set_stroke(color=color, width=line.get_stroke_width() + extra_width, opacity=1.0)
    return FadeIn(ghost, rate_func=rate_functions.there_and_back, remover=True)


def count_along(counter, start: float, end: float, steps: int, lag_ratio: float = 0.6) -> UpdateFromAlphaFunc:
    """A DecimalNumber that ticks from start to end in `steps` jumps, each when one of `steps`
    highlights played by LaggedStart(lag_ratio) is at its brightest (play both with one run_time)."""
    total = (steps - 1) * lag_ratio + 1

    def update(m, alpha):
        peaks = sum(1 for k in range(steps) if alpha * total >= k * lag_ratio + 0.5)
        m.set_value(start + round((end - start) * peaks / steps))

    return UpdateFromAlphaFunc(counter, update, rate_func=rate_functions.linear)


def largest_weight(weights) -> float:
    """The largest |w| in a list of weight matrices (what edge widths are scaled against)."""
    return max((float(np.abs(np.asarray(W, float)).max()) for W in weights), default=1.0)


class NetworkDiagram(VGroup):
    """A dense network: neurons (brightness = activation), edges (colour = sign of the weight,
    width = |weight|) and bias markers, with an animation API.

    Named parts: `layers[l]` (the drawn NeuronNodes of layer l), `dots[l]` (the ellipsis of a
    compact layer, else empty), `counts[l]` (its real size, else empty), `edges[l]` (lines from
    layer l to l+1, `edge_ends[l][k] = (i, j)` for `edges[l][k]`), `bias_markers[l]` (one per
    drawn neuron of layer l+1), `names` (the layer labels, if given).
    """

    def __init__(self, sizes: Sequence[int], weights=None, biases=None, activations=None, *,
                 width: float = 6.0, height: float = 4.5, max_shown: int = 6, radius: float | None = None,
                 show_biases: bool = True, names: Sequence[Mobject] | None = None, largest: float | None = None,
                 largest_bias: float | None = None,
                 count_size: float = palette.MATH_SIZE - 10, **kwargs):
        super().__init__(**kwargs)
        self.sizes = [int(s) for s in sizes]
        self.shown = [shown_indices(n, max_shown) for n in self.sizes]
        self.place_layers(width, height, radius, count_size)
        self.connect()
        self.names = VGroup()
        if names:
            self.name_layers(names)
        # edges behind neurons, bias markers in front of them
        self.add(self.edges, self.layers, self.dots, self.counts, self.names)
        if show_biases:
            self.add(self.bias_markers)
        self.largest, self.largest_bias = largest, largest_bias
        if weights is not None:
            self.set_weights(weights, largest=largest)
        if biases is not None:
            self.set_biases(biases)
        if activations is not None:
            for l, values in enumerate(activations):
                self.set_layer_activations(l, values)

    # -- building ---------------------------------------------------------------
    def place_layers(self, width, height, radius, count_size):
        """Columns of neurons, evenly spread; a compact layer gets an ellipsis and its real size."""
        slots = [len(s) + (1 if n > len(s) else 0) for s, n in zip(self.shown, self.sizes)]
        most = max(slots)
        gap = min(height / max(most - 1, 1), 1.6)
        col = width / max(len(self.sizes) - 1, 1)
        self.radius = radius or min(0.45, 0.32 * gap, 0.22 * col)

        self.layers, self.dots, self.counts = VGroup(), VGroup(), VGroup()
        for l, (size, shown) in enumerate(zip(self.sizes, self.shown)):
            x = -width / 2 + l * col if len(self.sizes) > 1 else 0.0
            compact = size > len(shown)
            n_slots = len(shown) + (1 if compact else 0)
            ys = [(n_slots - 1) / 2 * gap - k * gap for k in range(n_slots)]
            head = sum(1 for k, i in enumerate(shown) if k == i)  # neurons drawn above the ellipsis
            node_ys = ys[:head] + ys[head + 1:] if compact else ys
            layer = VGroup(*[NeuronNode(radius=self.radius).move_to([x, y, 0]) for y in node_ys])
            self.layers.add(layer)
            if compact:
                dots = MathTex(r"\vdots", font_size=max(30, 90 * self.radius), color=palette.DIM).move_to([x, ys[head], 0])
                count = MathTex(tex_num(size), font_size=count_size, color=palette.DIM)
                count.next_to(layer, DOWN, buff=0.2)
            else:
                dots, count = VGroup(), VGroup()
            self.dots.add(dots)
            self.counts.add(count)

    def connect(self):
        """An edge from every drawn neuron to every drawn neuron of the next layer, and a bias marker
        on each drawn neuron after the first layer."""
        self.edges, self.edge_ends, self.bias_markers = VGroup(), [], VGroup()
        for l in range(len(self.sizes) - 1):
            group, ends = VGroup(), []
            for i, a in zip(self.shown[l], self.layers[l]):
                for j, b in zip(self.shown[l + 1], self.layers[l + 1]):
                    group.add(edge(a, b, color=palette.DIM, stroke_width=2))
                    ends.append((i, j))
            self.edges.add(group)
            self.edge_ends.append(ends)
            markers = VGroup()
            for node in self.layers[l + 1]:
                m = NeuronNode(radius=0.3 * self.radius, activation=1.0, color=palette.BIAS)
                m.circle.set_stroke(palette.BACKGROUND, width=2)
                markers.add(m.move_to(node.get_center() + 0.72 * self.radius * UR))
            self.bias_markers.add(markers)

    def name_layers(self, names):
        """Each name centred over its layer, all on one line above the tallest."""
        top = max(layer.get_top()[1] for layer in self.layers)
        for name, layer in zip(names, self.layers):
            name.move_to([layer.get_x(), top + 0.25 + name.height / 2, 0])
            self.names.add(name)

    # -- looking things up ------------------------------------------------------
    def node(self, l: int, i: int) -> NeuronNode | None:
        """The drawn neuron for real index i of layer l (None if the layer hides it)."""
        try:
            return self.layers[l][self.shown[l].index(i)]
        except ValueError:
            return None

    def column(self, l: int) -> VGroup:
        """Everything drawn for layer l: its neurons, ellipsis, count and name."""
        parts = VGroup(self.layers[l], self.dots[l], self.counts[l])
        if len(self.names) > l:
            parts.add(self.names[l])
        return parts

    def edges_into(self, l: int, j: int) -> VGroup:
        """The drawn edges that end at neuron j of layer l + 1."""
        return VGroup(*[e for e, (_, b) in zip(self.edges[l], self.edge_ends[l]) if b == j])

    # -- state (instant) ----------------------------------------------------------
    def edge_style(self, w: float, largest: float) -> dict:
        return {"color": palette.sign_color(w), "width": edge_width(w, largest)}

    def set_weights(self, weights, largest: float | None = None) -> "NetworkDiagram":
        """Colour and width every drawn edge from its weight."""
        largest = largest or self.largest or largest_weight(weights)
        for group, ends, W in zip(self.edges, self.edge_ends, weights):
            W = np.asarray(W, float)
            for e, (i, j) in zip(group, ends):
                e.set_stroke(**self.edge_style(W[i, j], largest))
        return self

    def bias_size(self, b: float, largest: float) -> float:
        """A marker's diameter: from 0.4 of the neuron radius for b = 0 to 0.9 for the largest |b|."""
        return self.radius * (0.4 + 0.5 * abs(b) / max(abs(largest), 1e-9))

    def bias_targets(self, biases, largest_bias: float | None = None):
        largest = largest_bias or self.largest_bias or largest_weight(biases)
        for markers, shown, b in zip(self.bias_markers, self.shown[1:], biases):
            for m, j in zip(markers, shown):
                yield m, self.bias_size(b[j], largest)

    def bias_values(self, biases):
        for markers, shown, b in zip(self.bias_markers, self.shown[1:], biases):
            for m, j in zip(markers, shown):
                yield m, float(b[j])

    @staticmethod
    def bias_sign_style(marker, b: float):
        """The sign of a bias: a filled dot (b >= 0) or a ring (b < 0), both in the bias colour."""
        if b >= 0:
            return marker.circle.set_fill(palette.BIAS, opacity=1.0).set_stroke(palette.BACKGROUND, width=2)
        return marker.circle.set_fill(palette.BIAS, opacity=0.0).set_stroke(palette.BIAS, width=3)

    def set_biases(self, biases, largest_bias: float | None = None) -> "NetworkDiagram":
        """Size every drawn bias marker from its bias, and fill it (b >= 0) or leave it a ring (b < 0)."""
        for (m, size), (_, b) in zip(self.bias_targets(biases, largest_bias), self.bias_values(biases)):
            m.scale_to_fit_width(size)
            self.bias_sign_style(m, b)
        return self

    def set_layer_activations(self, l: int, values) -> "NetworkDiagram":
        for i, node in zip(self.shown[l], self.layers[l]):
            node.set_activation(values[i])
        return self

    # -- animations (the scene decides when and how long) ----------------------------
    def create_layer(self, l: int, **kwargs) -> AnimationGroup:
        """Layer l appears: neurons, ellipsis and count, and its name."""
        return AnimationGroup(LaggedStart(*[FadeIn(n, scale=0.6) for n in self.layers[l]], lag_ratio=0.15),
                              *[FadeIn(m) for m in (self.dots[l], self.counts[l]) if m.submobjects],
                              *([FadeIn(self.names[l], shift=0.2 * DOWN)] if len(self.names) > l else []),
                              **kwargs)

    def create_edges(self, l: int, lag_ratio: float = 0.05, **kwargs) -> LaggedStart:
        return LaggedStart(*[Create(e) for e in self.edges[l]], lag_ratio=lag_ratio, **kwargs)

    def create_biases(self, l: int, **kwargs) -> LaggedStart:
        return LaggedStart(*[FadeIn(m, scale=2.0) for m in self.bias_markers[l]], lag_ratio=0.15, **kwargs)

    def highlight_edges(self, l: int, edges: Sequence[Line] | None = None, color=palette.FIRE,
                        lag_ratio: float = 0.6, **kwargs) -> LaggedStart:
        """Each edge (of edges[l], or the ones given) flashes in turn: one at a time, to be counted."""
        edges = list(self.edges[l] if edges is None else edges)
        return LaggedStart(*[blink(e, color) for e in edges], lag_ratio=lag_ratio, **kwargs)

    def highlight_biases(self, l: int, color=palette.FIRE, lag_ratio: float = 0.6, **kwargs) -> LaggedStart:
        return LaggedStart(*[Indicate(m, color=color, scale_factor=1.8) for m in self.bias_markers[l]],
                           group=self.bias_markers[l], lag_ratio=lag_ratio, **kwargs)

    def highlight_neurons(self, l: int, indices: Sequence[int] | None = None, color=palette.FIRE, **kwargs):
        nodes = self.layers[l] if indices is None else [self.node(l, i) for i in indices]
        return AnimationGroup(*[Indicate(n, color=color, scale_factor=1.25) for n in nodes if n is not None],
                              group=self.layers[l], **kwargs)

    def signal(self, l: int, color=palette.FIRE, backward: bool = False, edges: Sequence[Line] | None = None,
               time_width: float = 0.6, **kwargs) -> AnimationGroup:
        """A pulse runs along the edges from layer l to l + 1 (or back, for gradients)."""
        flashes = []
        for e in (self.edges[l] if edges is None else edges):
            pulse = e.copy().set_stroke(color=color, width=e.get_stroke_width() + 5)
            if backward:
                pulse.reverse_points()
            flashes.append(ShowPassingFlash(pulse, time_width=time_width))
        return AnimationGroup(*flashes, remover=True, **kwargs)

    def light(self, l: int, values, **kwargs) -> AnimationGroup:
        """The neurons of layer l take their activations (indexed by real neuron index)."""
        return AnimationGroup(*[n.animate.set_activation(values[i]) for i, n in zip(self.shown[l], self.layers[l])],
                              group=self.layers[l], **kwargs)

    def update_weights(self, weights, largest: float | None = None, **kwargs) -> AnimationGroup:
        """Edges take the colours and widths of new weights (a training snapshot)."""
        largest = largest or self.largest or largest_weight(weights)
        anims = []
        for group, ends, W in zip(self.edges, self.edge_ends, weights):
            W = np.asarray(W, float)
            anims += [e.animate.set_stroke(**self.edge_style(W[i, j], largest)) for e, (i, j) in zip(group, ends)]
        return AnimationGroup(*anims, group=self.edges, **kwargs)

    def update_biases(self, biases, largest_bias: float | None = None, **kwargs) -> AnimationGroup:
        """Bias markers take the sizes of new biases (play it with update_weights)."""
        anims = [self._bias_to(m, size, b) for (m, size), (_, b)
                 in zip(self.bias_targets(biases, largest_bias), self.bias_values(biases))]
        return AnimationGroup(*anims, group=self.bias_markers, **kwargs)

    def _bias_to(self, marker, size: float, b: float):
        target = marker.copy().scale_to_fit_width(size)
        self.bias_sign_style(target, b)
        return marker.animate.become(target)

    # -- labels the scene places ----------------------------------------------------
    def value_labels(self, l: int, values, font_size: float | None = None, digits: int = 3,
                     given: bool = False) -> VGroup:
        """One number per drawn neuron of layer l, centred in it (dark on a lit neuron).

        DecimalNumbers with `digits` significant digits: built from cached glyphs, so new values
        cost no LaTeX run, and `set_value` can change them later. With `given`, values the user gave
        are shown as given (1, 0.5), not at `digits` significant digits."""
        size = font_size or max(26, 68 * self.radius)
        labels = VGroup()
        for i, node in zip(self.shown[l], self.layers[l]):
            v = float(values[i])
            lit = float(np.clip(v, 0.0, 1.0)) > 0.55  # NeuronNode's fill is then brighter than the text
            shown = stated(v) if given else num(v, digits)   # the places shown: 0.5 as given, 0.2205 as 0.221
            places = len(shown.split(".")[1]) if "." in shown else 0
            number = DecimalNumber(v, num_decimal_places=places, font_size=size,
                                   color=palette.BACKGROUND if lit else palette.TEXT)
            labels.add(number.move_to(node))
        return labels


def shape_of(layers) -> str:
    """Layer sizes as the text names them: 2-4-1."""
    return "-".join(str(int(n)) for n in layers)


def tex_shape(layers) -> str:
    return r"\text{-}".join(str(int(n)) for n in layers)
