"""The string tables: complete in every language, same placeholders, and drawable (no tofu)."""
import re
import shutil
import string
import subprocess

import pytest

from scenes import catalog
from scenes.kit.fonts import FONTS, FontMissing, font_for
from scenes.strings import LANGUAGES, TABLES, text_for


def fields(text):
    return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f is not None)


@pytest.mark.parametrize("lang", [l for l in LANGUAGES if l != "en"])
def test_every_key_exists_in_every_language_with_the_same_placeholders(lang):
    en, other = TABLES["en"], TABLES[lang]
    assert sorted(set(en) - set(other)) == [], f"missing in {lang}"
    assert sorted(set(other) - set(en)) == [], f"only in {lang}"
    for key in en:
        assert fields(en[key]) == fields(other[key]), key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_scene_has_a_title_and_description(lang):
    for spec in catalog.SCENES:
        assert spec.title(lang) and spec.description(lang)
    for n in catalog.CHAPTERS:
        assert catalog.chapter_title(n, lang)


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="choose one of"):
        text_for("series.title", "fr")


def _charset(family):
    """Code points the font covers, from fontconfig's own charset ranges."""
    out = subprocess.run(["fc-match", "-f", "%{charset}", family], capture_output=True, text=True).stdout
    covered = []
    for part in out.split():
        lo, _, hi = part.partition("-")
        covered.append((int(lo, 16), int(hi or lo, 16)))
    return covered


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig tools missing")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_chosen_font_covers_every_character_we_draw(lang):
    family = font_for(lang)
    assert subprocess.run(["fc-match", "-f", "%{family}", family], capture_output=True,
                          text=True).stdout.split(",")[0] == family  # the font itself, not a fallback
    ranges = _charset(family)
    text = "".join(TABLES[lang].values())
    missing = sorted({c for c in text if not c.isspace() and not any(lo <= ord(c) <= hi for lo, hi in ranges)})
    assert missing == [], f"{family} has no glyph for {missing}"


def test_chinese_glyphs_render_as_distinct_shapes():
    # Tofu would draw every missing character as the same box.
    from manim import Text

    font = font_for("zh")
    a, b = Text("神", font=font), Text("经", font=font)
    assert a.width > 0.1 and len(a.submobjects) == 1
    assert a[0].points.shape != b[0].points.shape or abs(a[0].points - b[0].points).max() > 1e-3


def test_missing_font_names_the_package(monkeypatch):
    from scenes.kit import fonts

    monkeypatch.setitem(fonts.FONTS, "zh", ("No Such Family 7", FONTS["zh"][1]))
    with pytest.raises(FontMissing, match=f"apt-get install {re.escape(FONTS['zh'][1])}"):
        fonts.font_for("zh")


def test_the_font_check_agrees_with_pango():
    # fc-list is asked; Pango (through manimpango) is what draws: they must name the same families.
    import manimpango

    from scenes.kit import fonts

    pango = set(manimpango.list_fonts())
    for family in [f for f, _ in FONTS.values()] + ["No Such Family 7", "DejaVu", "Sans-Serif:x,y"]:
        assert fonts._installed(family) == (family in pango), family
