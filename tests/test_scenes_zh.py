"""One scene per chapter renders in Chinese: every word on screen comes from the zh table."""
import re

import pytest

from scenehelp import render_small, shown_texts
from scenes.catalog import find
from scenes.strings import TABLES

pytestmark = pytest.mark.slow  # every test here builds or renders a scene

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORDS = set(re.findall(r"[A-Za-z]{4,}", " ".join(TABLES["en"].values()))) - set(
    re.findall(r"[A-Za-z]{4,}", " ".join(TABLES["zh"].values())))


@pytest.mark.parametrize("scene, params", [
    ("neuron-firing", {}),
    ("parameter-count", {}),
    ("learning-rates", {}),
    ("backprop-output-layer", {}),
])
def test_scene_renders_in_chinese_with_no_english_words(tmp_path, scene, params):
    cls = find(scene).load()
    texts = [t for t in shown_texts(render_small(cls, tmp_path, lang="zh", **params)) if not t.startswith("\\")]
    assert any(CJK.search(t) for t in texts), texts
    words = {w for t in texts for w in re.findall(r"[A-Za-z]{4,}", t)}
    assert not words & ENGLISH_WORDS, words & ENGLISH_WORDS
