"""Every value in its advertised range renders (issue 25): each scene at the edges of its ranges.

Cheap: the LaTeX sketch pass (the scene's construct with play() doing nothing) plus the batch
typesetting of every formula it meets, in a fresh LaTeX folder. A formula that does not typeset
(e.g. "Dimension too large") or a scene that raises on the stand-ins is logged by studio.latex,
and that log is what fails the test."""
import logging

import click
import pytest

from scenes import catalog
from studio import latex, params, worker
from studio.jobs import RenderJob


def edge(spec, side: str) -> dict:
    """Every parameter of the scene at the low or the high end of its range, for this scene."""
    values = {}
    for keyword in spec.defaults():
        if keyword not in params.KEYWORDS:
            continue
        t = params.type_for(spec.id, keyword)
        if isinstance(t, params.NumberList):
            top = t.hi if t.last_hi is None else t.last_hi
            values[keyword] = [t.lo] * t.least if side == "lo" else [t.hi] * (t.most - 1) + [top]
        elif isinstance(t, params.Number):
            values[keyword] = t.lo if side == "lo" else t.hi
        else:
            values[keyword] = t.min if side == "lo" else t.max
    return values


# What the traces require of the values together (each a one-line usage error otherwise): the
# edges are moved inside those rules, keeping every other value at its extreme.
FIT = {
    "neuron-firing": lambda v: {**v, "inputs": v["inputs"][:1] * 2},                  # two inputs
    "perceptron": lambda v: {**v, "weights": v["weights"][:len(v["inputs"])]},        # one weight per input
    "bias": lambda v: v,
    "forward-pass": lambda v: {**v, "layers": [min(5, v["layers"][0]), *v["layers"][1:]],
                               "inputs": v["inputs"][:1] * min(5, v["layers"][0])},   # one input per input neuron
    "training": lambda v: {**v, "layers": [2, *[min(32, n) for n in v["layers"][1:-1]], 1]},
}
CASES = [(s.id, side) for s in catalog.SCENES for side in ("lo", "hi")]


@pytest.mark.slow
@pytest.mark.parametrize("scene, side", CASES)
def test_each_scene_typesets_at_the_edges_of_its_ranges(scene, side, tmp_path, caplog):
    from studio import cli

    spec = catalog.find(scene)
    values = FIT.get(scene, lambda v: v)(edge(spec, side))
    try:
        per_scene = cli.check_params([spec], values)  # the CLI's own checks accept these values
    except click.UsageError as e:
        pytest.fail(f"{scene} {side}: the edge values {values} are refused: {e.format_message()}")
    job = RenderJob(scene, per_scene[scene], "low")
    with caplog.at_level(logging.WARNING, logger="studio.latex"):
        typeset = latex.prefetch(spec.load(), job.scene_kwargs(), worker._config(job, tmp_path / "media"))
    assert not caplog.records, f"{scene} {values}: {caplog.records[0].getMessage()}"
    assert typeset > 0 or scene == "activation-functions"


def test_forward_pass_refuses_an_output_layer_it_cannot_write(tmp_path):
    from click.testing import CliRunner

    from studio.cli import cli

    r = CliRunner().invoke(cli, ["render", "forward-pass", "--layers", "2,1000", "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and "above 256" in r.output and "forward-pass" in r.output, r.output
    assert not (tmp_path / "o").exists()
    r = CliRunner().invoke(cli, ["trace", "parameter-count", "--layers", "2,1000"])
    assert r.exit_code == 0, r.output  # the same value is inside parameter-count's range


def test_a_batch_that_does_not_typeset_says_why(tmp_path, caplog):
    """The fallback is logged with LaTeX's own first error line, not swallowed."""
    from manim import config, tempconfig

    with tempconfig({"media_dir": str(tmp_path), "verbosity": "ERROR"}):
        template = config["tex_template"]
    codes = {"good": template.get_texcode_for_expression_in_env("x", "align*"),
             "bad": template.get_texcode_for_expression_in_env(r"x \nosuchcommand", "align*")}
    with caplog.at_level(logging.WARNING, logger="studio.latex"):
        assert latex.typeset(codes, tmp_path / "Tex", "SomeScene") == 0
    assert [r.getMessage() for r in caplog.records] == [
        "SomeScene: batch of 2 formulas did not typeset (! Undefined control sequence.); "
        "the render typesets them one by one"]


def test_a_sketch_pass_that_stops_says_why(tmp_path, caplog):
    from manim import Scene

    class Trips(Scene):
        def construct(self):
            raise IndexError("a stand-in has fewer glyphs")

    job = RenderJob("bias", {}, "low")
    with caplog.at_level(logging.WARNING, logger="studio.latex"):
        latex.prefetch(Trips, {}, worker._config(job, tmp_path / "media"))
    assert len(caplog.records) == 1
    assert "sketch pass of Trips stopped early (IndexError: a stand-in has fewer glyphs)" in caplog.records[0].getMessage()
