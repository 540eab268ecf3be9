"""Backpropagation by hand on the article's chain of single neurons.

    mu1 = w_i x + b_i,  h = sigma(mu1),  mu2 = w_o h + b_o,  O = sigma(mu2),  E = 1/2 (O - y)^2

Every node's value, every edge's local derivative, and the chain-rule
products of Case 1 (w_o, b_o) and Case 2 (w_i, b_i), as plain data.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .activations import sigmoid


def chain_forward(x, y, w_i, b_i, w_o, b_o) -> dict:
    mu1 = w_i * x + b_i
    h = float(sigmoid(mu1))   # plain floats: the trace is plain data
    mu2 = w_o * h + b_o
    O = float(sigmoid(mu2))
    E = 0.5 * (O - y) ** 2
    return {"x": x, "y": y, "w_i": w_i, "b_i": b_i, "w_o": w_o, "b_o": b_o,
            "mu1": mu1, "h": h, "mu2": mu2, "O": O, "E": E}


@dataclass
class BackpropTrace:
    nodes: dict          # name -> value
    edges: list          # {"to": child, "from": parent, "name": "dO/dmu2", "formula": ..., "value": ...}
    gradients: dict      # parameter -> {"path": [...], "factors": [edge names], "values": [...], "gradient": g}
    shared: dict         # the product Case 2 reuses from Case 1: dE/dmu2
    hidden: dict         # the next level of reuse: dE/dmu1 = dE/dmu2 * w_o * h(1 - h) (= dE/db_i)
    lr: float
    updated: dict        # parameter -> value after one step
    error_after: float   # E with the updated parameters, same x and y
    after: dict          # the forward pass with the updated parameters (every node's value)
    nudge: dict          # w_o + step, forward again: how much E moves, against step * dE/dw_o


def nudge_check(nodes: dict, param: str, step: float, gradient: float) -> dict:
    """A real forward pass with one parameter nudged by `step`: E before and after, the change, and
    what the gradient predicts for it (step * gradient)."""
    p = {k: nodes[k] for k in ("w_i", "b_i", "w_o", "b_o")}
    p[param] += step
    moved = chain_forward(nodes["x"], nodes["y"], **p)
    return {"param": param, "step": float(step), "value": p[param], "nodes": moved, "E_before": nodes["E"],
            "E_after": moved["E"], "delta": moved["E"] - nodes["E"], "predicted": step * gradient}


def backprop_chain(x=1.5, y=0.2, w_i=0.6, b_i=-0.3, w_o=1.2, b_o=0.4, lr=0.5, nudge=0.01) -> BackpropTrace:
    n = chain_forward(x, y, w_i, b_i, w_o, b_o)
    O, h = n["O"], n["h"]
    local = {
        # name: (output node, input node, formula as the outline writes it, value)
        "dE/dO": ("E", "O", "O - y", O - y),
        "dO/dmu2": ("O", "mu2", "O(1 - O)", O * (1 - O)),
        "dmu2/dw_o": ("mu2", "w_o", "h", h),
        "dmu2/db_o": ("mu2", "b_o", "1", 1.0),
        "dmu2/dh": ("mu2", "h", "w_o", w_o),
        "dh/dmu1": ("h", "mu1", "h(1 - h)", h * (1 - h)),
        "dmu1/dw_i": ("mu1", "w_i", "x", x),
        "dmu1/db_i": ("mu1", "b_i", "1", 1.0),
    }
    edges = [{"name": k, "to": a, "from": b, "formula": f, "value": v} for k, (a, b, f, v) in local.items()]

    paths = {
        # Case 1: output layer.
        "w_o": ["dE/dO", "dO/dmu2", "dmu2/dw_o"],
        "b_o": ["dE/dO", "dO/dmu2", "dmu2/db_o"],
        # Case 2: the chain continues through h into the hidden neuron.
        "w_i": ["dE/dO", "dO/dmu2", "dmu2/dh", "dh/dmu1", "dmu1/dw_i"],
        "b_i": ["dE/dO", "dO/dmu2", "dmu2/dh", "dh/dmu1", "dmu1/db_i"],
    }
    gradients = {}
    for p, factors in paths.items():
        values = [local[f][3] for f in factors]
        gradients[p] = {"case": 1 if p.endswith("_o") else 2,
                        "path": ["E"] + [local[f][1] for f in factors],
                        "factors": factors, "values": values, "gradient": math.prod(values)}
    delta_o = local["dE/dO"][3] * local["dO/dmu2"][3]
    shared = {"factors": ["dE/dO", "dO/dmu2"], "value": delta_o}
    delta_h = delta_o * local["dmu2/dh"][3] * local["dh/dmu1"][3]
    hidden = {"factors": ["dE/dO", "dO/dmu2", "dmu2/dh", "dh/dmu1"], "value": delta_h}

    updated = {p: n[p] - lr * gradients[p]["gradient"] for p in paths}
    after = chain_forward(x, y, updated["w_i"], updated["b_i"], updated["w_o"], updated["b_o"])
    return BackpropTrace(n, edges, gradients, shared, hidden, float(lr), updated, after["E"], after,
                         nudge_check(n, "w_o", nudge, gradients["w_o"]["gradient"]))
