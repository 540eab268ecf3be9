"""Chapter 5 scene: universal approximation shows every fit's numbers from its trace."""
from nncore import get_trace
from scenehelp import on_screen, render_small, shown_rows
from scenes.ch5.universal_approximation import UniversalApproximation
from scenes.kit.fmt import num, tex_num


def test_universal_approximation_shows_every_error_and_parameter_count(tmp_path):
    tr = get_trace("approximation", widths=(1, 3))
    scene = render_small(UniversalApproximation, tmp_path, widths=(1, 3))
    rows = shown_rows(scene)
    for f in tr["fits"]:
        assert f["parameters"] == 3 * f["hidden"] + 1  # 1-h-1: h weights in, h biases, h weights out, 1 bias
        for value in (f["hidden"], f["parameters"], f["mse"], f["max_error"]):
            assert any(r.startswith(f"{tex_num(value)}&") for r in rows)


def test_universal_approximation_shows_the_longer_run_of_the_same_width(tmp_path):
    # widths (1, 4): the trace trains 1-4-1 a second time, longer; the scene shows both largest errors
    tr = get_trace("approximation", widths=(1, 4))
    scene = render_small(UniversalApproximation, tmp_path, widths=(1, 4))
    short = tr["fits"][1]
    for f in (short, tr["longer"]):
        assert on_screen(scene, f"{num(f['epochs'])} epochs: largest error {num(f['max_error'])}")
    assert dict(scene.spoken)["evidence"]
