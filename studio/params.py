"""Scene parameters as command-line options, declared once and shared by `render`, `trace` and `list`.

Each option maps to the nncore trace keyword of the same name; a scene accepts the options
its trace function takes. Every value has the range its scenes can show (numbers beyond it
overflow the layout, or the math, or run for ever): click's types check format and range,
then the trace checks meaning, all before anything renders. The ranges show in --help and `list`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import click

from scenes.strings import LANGUAGES


def _g(v: float) -> str:
    return f"{v:g}"


class Number(click.ParamType):
    """A finite number in [lo, hi]; `nonzero_from` also keeps |v| >= that (a w of 1e-320 is 0)."""
    name = "NUMBER"

    def __init__(self, lo: float, hi: float, nonzero_from: float | None = None):
        self.lo, self.hi, self.nonzero_from = lo, hi, nonzero_from

    @property
    def bounds(self) -> str:
        text = f"{_g(self.lo)} to {_g(self.hi)}"
        if self.nonzero_from:
            text += f", |value| at least {_g(self.nonzero_from)}"
        return text

    def check(self, v: float, shown, param, ctx) -> float:
        if not math.isfinite(v) or not self.lo <= v <= self.hi or (
                self.nonzero_from and abs(v) < self.nonzero_from):
            self.fail(f"{shown} is outside {self.bounds}", param, ctx)
        return v

    def convert(self, value, param, ctx):
        if isinstance(value, (int, float)):
            return self.check(float(value), value, param, ctx)
        try:
            v = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number", param, ctx)
        return self.check(v, repr(value), param, ctx)


class NumberList(click.ParamType):
    """Comma-separated numbers, each in [lo, hi], at most `most` of them: `--layers 2,4,1`.
    `last_hi` bounds the last one further (forward-pass writes its output vector out in full)."""

    def __init__(self, kind, lo, hi, most: int, least: int = 1, last_hi: float | None = None):
        self.kind, self.lo, self.hi, self.most, self.least, self.last_hi = kind, lo, hi, most, least, last_hi
        self.name = "INTS" if kind is int else "NUMBERS"

    @property
    def bounds(self) -> str:
        text = f"{self.least} to {self.most} values, each {_g(self.lo)} to {_g(self.hi)}"
        return text + (f", the last at most {_g(self.last_hi)}" if self.last_hi is not None else "")

    def convert(self, value, param, ctx):
        if isinstance(value, (list, tuple)):
            return self.check(list(value), ",".join(_g(v) for v in value), param, ctx)
        what = "whole numbers" if self.kind is int else "numbers"
        parts = str(value).replace(" ", "").split(",")
        if "" in parts:
            self.fail(f"{value!r} has an empty item; give comma-separated {what}, e.g. 2,4,1", param, ctx)
        try:
            items = [self.kind(v) for v in parts]
        except ValueError:
            self.fail(f"{value!r} is not a comma-separated list of {what}", param, ctx)
        return self.check(items, value, param, ctx)

    def check(self, items: list, value, param, ctx) -> list:
        if not self.least <= len(items) <= self.most:
            self.fail(f"{value!r} has {len(items)} values; give {self.least} to {self.most}", param, ctx)
        bad = [v for v in items if not (math.isfinite(v) and self.lo <= v <= self.hi)]
        if bad:
            self.fail(f"{_g(bad[0])} in {value!r} is outside {_g(self.lo)} to {_g(self.hi)}", param, ctx)
        if self.last_hi is not None and items[-1] > self.last_hi:
            self.fail(f"the last value of {value!r} is above {_g(self.last_hi)}", param, ctx)
        return items


class Count(click.IntRange):
    """A whole number with both bounds, e.g. epochs."""

    @property
    def bounds(self) -> str:
        return f"{self.min} to {self.max}"


@dataclass(frozen=True)
class SceneOption:
    flag: str
    keyword: str     # the nncore trace keyword
    type: click.ParamType
    help: str

    def help_text(self) -> str:
        return f"{self.help}  [{self.type.bounds}]"


# Ranges: what the scenes can show legibly and compute in seconds (see each help text).
SCENE_OPTIONS = [
    SceneOption("--inputs", "inputs", NumberList(float, -1000, 1000, most=5),
                "input values, e.g. 20,30 (neuron-firing: 2; perceptron: up to 5; forward-pass: one per input neuron)"),
    SceneOption("--threshold", "threshold", Number(-1000, 1000), "firing threshold (neuron-firing, bias; article: 40)"),
    SceneOption("--weights", "weights", NumberList(float, -100, 100, most=5), "one weight per input (perceptron)"),
    SceneOption("--bias", "bias", Number(-100, 100), "bias b (perceptron)"),
    SceneOption("--w", "w", Number(-10, 10, nonzero_from=0.1), "weight w of the line y = w x + b (bias)"),
    SceneOption("--layers", "layers", NumberList(int, 1, 1000, most=6, least=2),
                "layer sizes, e.g. 2,4,1 (parameter-count, forward-pass, training)"),
    SceneOption("--epochs", "epochs", Count(1, 10_000), "training epochs (training, weight-update)"),
    SceneOption("--lr", "lr", Number(0.001, 10), "learning rate eta (descent, training, backprop scenes)"),
    SceneOption("--seed", "seed", Count(0, 2**32 - 1), "random seed for weights and data"),
    SceneOption("--x", "x", Number(-10, 10), "input x of the backprop chain"),
    SceneOption("--y", "y", Number(-10, 10), "target y of the backprop chain"),
    SceneOption("--w-i", "w_i", Number(-10, 10), "hidden weight w_i of the backprop chain"),
    SceneOption("--b-i", "b_i", Number(-10, 10), "hidden bias b_i of the backprop chain"),
    SceneOption("--w-o", "w_o", Number(-10, 10), "output weight w_o of the backprop chain"),
    SceneOption("--b-o", "b_o", Number(-10, 10), "output bias b_o of the backprop chain"),
]
KEYWORDS = [o.keyword for o in SCENE_OPTIONS]
BY_KEYWORD = {o.keyword: o for o in SCENE_OPTIONS}

# A scene whose picture cannot show an option's whole range narrows it here (checked with the
# scene's other values, before any render; shown by `list`; tests/test_ranges.py typesets every
# scene at the edges). forward-pass writes its output vector in full on one line: LaTeX stops with
# "Dimension too large" at ~550 values (measured: 512 typeset, 700 did not); 256 keeps a margin.
# Hidden layers of 1000 typeset (they are drawn, not written). cost-surface shows the first step
# of its descent in numbers: from --lr 2 on, some seeds blow up on that step and there is none
# (45 seeds sampled: at 1.5 all still take it); 1 keeps a margin.
SCENE_RANGES = {
    "forward-pass": {"layers": NumberList(int, 1, 1000, most=6, least=2, last_hi=256)},
    "cost-surface": {"lr": Number(0.001, 1)},
}


def scene_options(fn):
    """Add every scene option (and --lang) to a click command."""
    for o in reversed(SCENE_OPTIONS):
        fn = click.option(o.flag, o.keyword, type=o.type, default=None, help=o.help_text())(fn)
    fn = click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
                      help="language of on-screen words and captions")(fn)
    return fn


def given(options: dict) -> dict:
    """The scene options the user actually set."""
    return {k: v for k, v in options.items() if k in KEYWORDS and v is not None}


def flag_of(keyword: str) -> str:
    return BY_KEYWORD[keyword].flag


def type_for(scene_id: str, keyword: str) -> click.ParamType:
    """The option's type for this scene: its own narrower range, or the option's."""
    return SCENE_RANGES.get(scene_id, {}).get(keyword) or BY_KEYWORD[keyword].type


def bounds_of(keyword: str, scene_id: str = "") -> str:
    return type_for(scene_id, keyword).bounds


def check_scene_ranges(scene_id: str, values: dict) -> None:
    """Values the option accepted but this scene cannot show: a usage error naming the scene."""
    for keyword, value in values.items():
        narrower = SCENE_RANGES.get(scene_id, {}).get(keyword)
        if narrower is not None:
            try:
                narrower.convert(value, None, None)
            except click.BadParameter as e:
                raise click.BadParameter(f"{e.message} in {scene_id}",
                                         param_hint=flag_of(keyword)) from None


def params_for(spec, values: dict) -> dict:
    """The subset of `values` that this scene's trace accepts."""
    accepted = spec.defaults()
    return {k: v for k, v in values.items() if k in accepted}
