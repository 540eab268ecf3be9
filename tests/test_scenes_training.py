"""The training scene (it ends chapter 4): what the untrained network does, the cost and the step it uses."""
import pytest
import numpy as np

from nncore import get_trace
from scenehelp import render_small, shown_rows, shown_texts
from scenes.ch4.training import Training
from scenes.kit.fmt import num, stated

pytestmark = pytest.mark.slow  # every test here builds or renders a scene

FAST = {"snapshots": 5, "map_cells": 5}


def test_training_says_the_untrained_network_guesses_and_shows_its_cost_and_momentum(tmp_path):
    tr = get_trace("training", **FAST)
    seen = set()

    class Watching(Training):
        def play(self, *args, **kwargs):
            super().play(*args, **kwargs)
            seen.update(shown_texts(self) + shown_rows(self))

    scene = render_small(Watching, tmp_path, **FAST)
    said = dict(scene.spoken)
    first = np.array(tr["snapshots"][0]["predictions"])[:, 0]   # recomputed from the raw predictions
    assert f"{num(first.min())} to {num(first.max())}" in said["network"] and "chance" in said["network"]
    assert "momentum" in said["rule"] and "0.9" in said["rule"] and ", learning rate 2." in said["rule"]
    rises = int(np.sum(np.diff(tr["costs"]) > 0))
    assert f"after {rises} of the" in said["train"]
    assert any(r"\frac{1}{2n}" in t for t in seen)
    assert any(rf"\beta = {stated(tr['momentum'])}" in t for t in seen)
