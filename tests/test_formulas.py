"""Each formula written once (scenes/formulas.py), and what the page lists for a scene is what the
scene itself shows."""
from __future__ import annotations

import re

import pytest

from scenehelp import shown_formulas
from scenes import catalog
from scenes.formulas import PAGE, TEX, line

GROUP_MARKS = re.compile(r"\\special\{dvisvgm:raw <g id='[^']*'>\}|\\special\{dvisvgm:raw </g>\}")


def squeeze(tex: str) -> str:
    """A formula without Manim's part markers and spaces, to find one inside another."""
    return re.sub(r"\s+", "", GROUP_MARKS.sub("", tex))


@pytest.fixture(scope="module")
def typeset(tmp_path_factory) -> dict[str, str]:
    """Scene id -> everything it typesets, run together."""
    return {s.id: "\n".join(squeeze(f) for f in shown_formulas(s, tmp_path_factory.mktemp(s.id))[0])
            for s in catalog.SCENES}


def test_every_scene_has_page_formulas_and_a_line_joins_them():
    assert set(PAGE) == {s.id for s in catalog.SCENES}
    assert line(("sigmoid", "relu")) == TEX["sigmoid"] + r",\quad " + TEX["relu"]


@pytest.mark.slow
@pytest.mark.parametrize("spec", catalog.SCENES, ids=lambda s: s.id)
def test_the_page_shows_only_formulas_the_scene_shows(spec, typeset):
    keys = [k for keys in PAGE[spec.id] for k in ((keys,) if isinstance(keys, str) else keys)]
    assert [k for k in keys if squeeze(TEX[k]) not in typeset[spec.id]] == []


@pytest.mark.slow
def test_every_formula_is_shown_by_some_scene(typeset):
    everything = "\n".join(typeset.values())
    assert [k for k, tex in TEX.items() if squeeze(tex) not in everything] == []
