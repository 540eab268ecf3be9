"""Every scene of the series, in the article's order, described without importing manim.

`render.py` lists, validates and schedules scenes from here; only a worker that
actually renders imports the scene's module. This is the one place that says which
trace a scene animates, its strings key and its chapter: each scene class reads them
from here (`ExplainerScene.__init_subclass__`).
"""
from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass

from nncore import TRACES
from scenes.strings import text_for


@dataclass(frozen=True)
class SceneSpec:
    id: str        # kebab-case name used on the command line
    name: str      # the Scene class
    chapter: int
    trace: str     # the nncore trace it animates
    key: str       # strings prefix: KEY.title, KEY.desc

    @property
    def module(self) -> str:
        """One scene, one module: scenes/ch<chapter>/<id with underscores>.py."""
        return f"scenes.ch{self.chapter}.{self.id.replace('-', '_')}"

    def load(self):
        return getattr(importlib.import_module(self.module), self.name)

    def title(self, lang="en") -> str:
        return text_for(f"{self.key}.title", lang)

    def description(self, lang="en") -> str:
        return text_for(f"{self.key}.desc", lang)

    def reading_seconds(self, lang="en") -> float:
        """The least its beats last, each held until its caption can be read (scenes.kit.cues),
        from the captions' templates: how long a scene is, before it was ever rendered."""
        from scenes.kit import cues
        from scenes.strings import TABLES

        prefix = f"{self.key}.cap."
        return sum(cues.reading_seconds(text, lang) for key, text in TABLES[lang].items() if key.startswith(prefix))

    def defaults(self) -> dict:
        """The scene's parameters (its trace's keyword arguments) with their defaults."""
        sig = inspect.signature(TRACES[self.trace])
        return {n: p.default for n, p in sig.parameters.items()}


def _chapter(n, *rows):
    return [SceneSpec(id, name, n, trace, key) for id, name, trace, key in rows]


SCENES: list[SceneSpec] = [
    *_chapter(1,
              ("neuron-firing", "NeuronFiring", "neuron-firing", "firing"),
              ("perceptron", "Perceptron", "perceptron", "perceptron"),
              ("activation-functions", "ActivationFunctions", "activations", "act"),
              ("bias", "Bias", "bias", "bias")),
    *_chapter(2,
              ("forward-pass", "ForwardPass", "forward-pass", "forward"),
              ("parameter-count", "ParameterCount", "parameter-count", "params")),
    *_chapter(3,
              ("cost-function", "CostFunction", "cost", "cost"),
              ("gradient-descent", "GradientDescent", "gradient-descent", "gd"),
              # the same rule with two parameters, back on cost-function's line
              ("cost-surface", "CostSurface", "cost-surface", "surface"),
              ("learning-rates", "LearningRates", "learning-rates", "lr"),
              ("momentum-and-schedules", "MomentumAndSchedules", "momentum", "momentum")),
    *_chapter(4,
              ("computation-graph", "ComputationGraph", "backprop", "graph"),
              ("backprop-output-layer", "BackpropOutputLayer", "backprop", "case1"),
              ("backprop-hidden-layer", "BackpropHiddenLayer", "backprop", "case2"),
              ("weight-update", "WeightUpdate", "weight-update", "update"),
              ("training", "Training", "training", "training")),
    *_chapter(5,
              ("universal-approximation", "UniversalApproximation", "approximation", "approx")),
]
CHAPTERS = sorted({s.chapter for s in SCENES})


def chapter_title(n: int, lang="en") -> str:
    return text_for(f"chapter.{n}", lang)


def by_class(name: str) -> SceneSpec | None:
    """The scene whose class is called `name`, if the catalog lists one."""
    return next((s for s in SCENES if s.name == name), None)


def find(name: str) -> SceneSpec:
    """A scene by its id or class name (any case)."""
    want = name.strip().lower()
    for s in SCENES:
        if want in (s.id, s.name.lower()):
            return s
    raise KeyError(name)
