"""Scene parameters as command-line options, declared once and shared by `render` and `trace`.

Each option maps to the nncore trace keyword of the same name; a scene accepts
the options its trace function takes. Values are checked by click's types
first (format), then by the trace itself (meaning), before anything renders.
"""
from __future__ import annotations

import math

import click

from scenes.strings import LANGUAGES


class NumberList(click.ParamType):
    """Comma-separated numbers: `--layers 2,4,1`, `--inputs 20,30`."""

    def __init__(self, kind=float, minimum=None):
        self.kind, self.minimum = kind, minimum
        self.name = "INTS" if kind is int else "NUMBERS"

    def convert(self, value, param, ctx):
        if isinstance(value, (list, tuple)):
            return list(value)
        try:
            items = [self.kind(v) for v in str(value).replace(" ", "").split(",") if v != ""]
        except ValueError:
            what = "whole numbers" if self.kind is int else "numbers"
            self.fail(f"{value!r} is not a comma-separated list of {what}", param, ctx)
        if not items:
            self.fail("give at least one value", param, ctx)
        if self.kind is float and not all(math.isfinite(v) for v in items):
            self.fail(f"{value!r} contains a value that is not finite", param, ctx)
        if self.minimum is not None and any(v < self.minimum for v in items):
            self.fail(f"every value must be at least {self.minimum}, got {value}", param, ctx)
        return items


class Finite(click.ParamType):
    name = "NUMBER"

    def __init__(self, positive=False):
        self.positive = positive

    def convert(self, value, param, ctx):
        try:
            v = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        if not math.isfinite(v):
            self.fail(f"{value!r} is not finite", param, ctx)
        if self.positive and v <= 0:
            self.fail(f"must be a positive number, got {value}", param, ctx)
        return v


# option, trace keyword, type, help
SCENE_OPTIONS = [
    ("--inputs", "inputs", NumberList(float), "input values, e.g. 20,30 (neuron-firing, perceptron, forward-pass)"),
    ("--threshold", "threshold", Finite(), "firing threshold (neuron-firing; article: 40)"),
    ("--weights", "weights", NumberList(float), "one weight per input (perceptron)"),
    ("--bias", "bias", Finite(), "bias b (perceptron)"),
    ("--w", "w", Finite(), "weight w of the line y = w x + b (bias)"),
    ("--layers", "layers", NumberList(int, minimum=1), "layer sizes, e.g. 2,4,1 (parameter-count, forward-pass, training)"),
    ("--epochs", "epochs", click.IntRange(min=1), "training epochs (training, weight-update)"),
    ("--lr", "lr", Finite(positive=True), "learning rate eta (descent, training, backprop scenes)"),
    ("--seed", "seed", click.IntRange(min=0), "random seed for weights and data"),
    ("--x", "x", Finite(), "input x of the backprop chain"),
    ("--y", "y", Finite(), "target y of the backprop chain"),
    ("--w-i", "w_i", Finite(), "hidden weight w_i of the backprop chain"),
    ("--b-i", "b_i", Finite(), "hidden bias b_i of the backprop chain"),
    ("--w-o", "w_o", Finite(), "output weight w_o of the backprop chain"),
    ("--b-o", "b_o", Finite(), "output bias b_o of the backprop chain"),
]
KEYWORDS = [kw for _, kw, _, _ in SCENE_OPTIONS]


def scene_options(fn):
    """Add every scene option (and --lang) to a click command."""
    for flag, kw, typ, help_ in reversed(SCENE_OPTIONS):
        fn = click.option(flag, kw, type=typ, default=None, help=help_)(fn)
    fn = click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
                      help="language of on-screen words and captions")(fn)
    return fn


def given(options: dict) -> dict:
    """The scene options the user actually set."""
    return {k: v for k, v in options.items() if k in KEYWORDS and v is not None}


def flag_of(keyword: str) -> str:
    return next(f for f, kw, _, _ in SCENE_OPTIONS if kw == keyword)


def params_for(spec, values: dict) -> dict:
    """The subset of `values` that this scene's trace accepts."""
    accepted = spec.defaults()
    return {k: v for k, v in values.items() if k in accepted}
