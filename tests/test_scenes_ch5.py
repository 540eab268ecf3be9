"""Chapter 5 scene: universal approximation shows every fit's numbers from its trace."""
import pytest
from nncore import get_trace
from scenehelp import render_small, shown_rows
from scenes.ch5.universal_approximation import UniversalApproximation
from scenes.kit.fmt import num, tex_num

pytestmark = pytest.mark.slow  # every test here builds or renders a scene


def test_universal_approximation_shows_every_error_and_parameter_count(tmp_path):
    tr = get_trace("approximation", widths=(1, 3))
    scene = render_small(UniversalApproximation, tmp_path, widths=(1, 3))
    rows = shown_rows(scene)
    for f in tr["fits"]:
        assert f["parameters"] == 3 * f["hidden"] + 1  # 1-h-1: h weights in, h biases, h weights out, 1 bias
        for value in (f["parameters"], f["mse"], f["max_error"]):
            assert any(r.startswith(f"{tex_num(value)}&") for r in rows)
        assert any(r.startswith(rf"1\text{{-}}{f['hidden']}\text{{-}}1&") for r in rows)
    deep = tr["deep"]
    assert deep["parameters"] == 33 and any(r.startswith(f"{tex_num(deep['max_error'])}&") for r in rows)
    said = dict(scene.spoken)
    assert "1-4-4-1" in said["depth"] and num(deep["max_error"]) in said["depth"]


def test_universal_approximation_says_which_seeds_stall(tmp_path):
    tr = get_trace("approximation", widths=(1, 3))
    scene = render_small(UniversalApproximation, tmp_path, widths=(1, 3))
    said = dict(scene.spoken)
    stalled = [r for r in tr["seed_runs"] if r["stalled"]]
    assert 0 < len(stalled) < len(tr["seed_runs"])
    assert f"{len(stalled)} of them stall" in said["seeds"] and "3,000 epochs" in said["seeds"]
    assert "known only" not in said["target"] and "40 sample points" in said["target"]
