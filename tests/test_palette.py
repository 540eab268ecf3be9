"""One colour per meaning: scenes take colours from the palette's roles only."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from manim.utils.color import manim_colors

from scenes.kit import palette

ROOT = Path(__file__).resolve().parents[1]
SCENE_FILES = sorted((ROOT / "scenes").glob("ch*/*.py"))
MANIM_COLOURS = {n for n in dir(manim_colors) if n.isupper()}
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
ALLOWED = set(palette.ROLES) | {"sign_color"} | {n for n in dir(palette) if n.endswith("_SIZE")}


def raw_colours(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "palette" \
                and node.attr not in ALLOWED:
            found.append(f"line {node.lineno}: palette.{node.attr} is not a role")
        if isinstance(node, ast.ImportFrom) and node.module == "manim":
            found += [f"line {node.lineno}: imports Manim's colour {a.name}" for a in node.names if a.name in MANIM_COLOURS]
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and HEX.search(node.value):
            found.append(f"line {node.lineno}: a raw colour {HEX.search(node.value).group()}")
    return found


@pytest.mark.parametrize("path", SCENE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_scenes_colour_by_role_only(path):
    assert raw_colours(path) == []


def test_the_check_sees_each_kind_of_raw_colour(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from manim import YELLOW, Dot\nfrom scenes.kit import palette\n"
                   "a = Dot(color='#FF00FF')\nb = palette.FIRE\nc = palette.COST\n")
    assert len(raw_colours(bad)) == 3


def test_roles_that_differ_in_meaning_differ_in_colour():
    """Only BEST_FIT shares a colour (with OUTPUT: the best line is the model's output), and CURRENT
    and INPUT are plain text; every other role has a colour of its own."""
    distinct = {k: v for k, v in palette.ROLES.items() if k not in ("BEST_FIT", "CURRENT", "INPUT", "TEXT", "BACKGROUND")}
    assert len(set(distinct.values())) == len(distinct)


def test_every_role_has_a_light_theme_colour():
    assert set(palette.ROLES.values()) <= set(palette.LIGHT)
