"""Formulas typeset in one batch are the very drawings Manim's one-by-one compile gives, and a
prefetched render looks exactly like one that was not, compiling nothing more itself."""
import numpy as np
import pytest
from manim import SVGMobject, config, tempconfig
from manim.mobject.text import numbers
from manim.utils import tex_file_writing as tfw

from scenes import catalog
from studio import latex

from scenehelp import TINY

FORMULAS = [  # (expression, environment) as MathTex, Tex and DecimalNumber hand them to Manim
    (r"\special{dvisvgm:raw <g id='unique000'>}\sigma(z)=\frac{1}{1+e^{-z}}\special{dvisvgm:raw </g>}", "align*"),
    (r"\special{dvisvgm:raw <g id='unique000'>}z &= 0.5 \\ \special{dvisvgm:raw </g>}"
     r"\special{dvisvgm:raw <g id='unique001'>}h &= \sigma(-1.26) = 0.22\special{dvisvgm:raw </g>}", "align*"),
    ("7", "align*"),
    (r"one hidden \textbf{layer}", "center"),
]


def points(svg):
    return SVGMobject(str(svg), should_center=False, height=None, width=None).get_all_points()


@pytest.mark.slow
def test_a_batch_draws_each_formula_as_a_single_compile_does(tmp_path):
    with tempconfig({"media_dir": str(tmp_path / "single"), "verbosity": "ERROR"}):
        template = config["tex_template"]
        singles = [tfw.tex_to_svg_file(e, environment=env) for e, env in FORMULAS]
    codes = {s.stem: template.get_texcode_for_expression_in_env(e, env) for s, (e, env) in zip(singles, FORMULAS)}
    assert latex.typeset(codes, tmp_path / "batch") == len(FORMULAS)
    for single in singles:
        a, b = points(single), points(tmp_path / "batch" / single.name)
        assert a.shape == b.shape and len(a) > 0
        np.testing.assert_array_equal(a, b)


def test_a_formula_latex_rejects_spoils_no_batch_file(tmp_path):
    with tempconfig({"media_dir": str(tmp_path), "verbosity": "ERROR"}):
        template = config["tex_template"]
    codes = {"good": template.get_texcode_for_expression_in_env("x", "align*"),
             "bad": template.get_texcode_for_expression_in_env(r"\frac{1}{", "align*")}
    assert latex.typeset(codes, tmp_path / "Tex") == 0
    assert not list((tmp_path / "Tex").glob("*.svg"))  # the real render reports the error, as before


@pytest.mark.slow
@pytest.mark.parametrize("scene_id", ["bias", "universal-approximation"])
def test_a_prefetched_render_compiles_nothing_and_looks_the_same(tmp_path, monkeypatch, scene_id):
    cls = catalog.find(scene_id).load()
    compiles = []
    real_compile = tfw.compile_tex
    monkeypatch.setattr(tfw, "compile_tex", lambda *a, **k: compiles.append(a[0]) or real_compile(*a, **k))

    def render(name, prefetch):
        # DecimalNumber keeps its characters in a module-level map: start each render without them.
        monkeypatch.setattr(numbers, "string_to_mob_map", {})
        cfg = {**TINY, "media_dir": str(tmp_path / name), "tex_dir": str(tmp_path / name / "Tex"),
               "text_dir": str(tmp_path / name / "texts")}
        met = []
        batched = latex.prefetch(cls, {"lang": "en"}, cfg, met) if prefetch else 0
        compiles.clear()
        with tempconfig(cfg):
            scene = cls(lang="en")
            scene.render()
            return batched, len(compiles), scene.renderer.get_frame(), met, scene.spoken

    _, plain_compiles, plain_frame, _, _ = render("plain", prefetch=False)
    batched, left, frame, met, spoken = render("prefetched", prefetch=True)
    assert batched == plain_compiles > 3
    assert left == 0
    np.testing.assert_array_equal(frame, plain_frame)  # no stand-in leaks into the real render
    # the sketch met every caption the render speaks, so a voice needs no timing pass of its own
    assert met == spoken and len(spoken) > 3
