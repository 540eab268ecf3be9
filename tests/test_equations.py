"""Every "=" is true as shown: each numeric equality a scene typesets or captions is recomputed here
from its own text (an independent reading of the TeX, not the helper that wrote it)."""
from __future__ import annotations

import math
import re

import pytest
from scenehelp import shown_formulas
from scenes import catalog
from scenes.kit.equation import computation, given, sigma, value

# -- the helper, on the cases a review found --------------------------------------------------------


def test_a_rounded_operand_gets_approx_not_equals():
    # h1 = sigma(-1.2637) = 0.2203, but sigma(-1.26) as shown is 0.2210
    assert computation("h_1", sigma(value(-1.2637)), 0.2203) == r"h_1 = \sigma\left(-1.26\right) \approx 0.220"


def test_a_sum_of_shown_products_is_checked_at_the_results_precision():
    # -0.0934*1 + 0.256*0.5 - 0.109 = -0.0744 as shown (the trace's -0.0750 is not what these give)
    tex = computation(None, value(-0.0934) * given(1) + value(0.256) * given(0.5) - value(0.109), -0.0750)
    assert tex.endswith(r"\approx -0.0750")
    tex = computation(None, value(-0.0934) * given(1) + value(0.256) * given(0.5) - value(0.109), -0.0744)
    assert tex == r"-0.0934 \cdot 1 + 0.256 \cdot 0.5 - 0.109 = -0.0744"


def test_signs_and_parentheses_as_a_reader_writes_them():
    assert computation("z", value(0.0889) * given(1) + value(-0.379) * given(0.5) + value(-1.16), -1.2637) \
        == r"z = 0.0889 \cdot 1 - 0.379 \cdot 0.5 - 1.16 = -1.26"
    assert computation(None, given(0.5) * given(-0.4), -0.2) == r"0.5 \cdot \left(-0.4\right) = -0.200"


def test_a_binary_output_is_one_not_one_point_zero_zero():
    assert computation("a", sigma(value(3.0)), 1.0, binary=True).endswith(r"\approx 1")


# -- reading TeX back -------------------------------------------------------------------------------
GROUP_MARKS = re.compile(r"\\special\{dvisvgm:raw <g id='[^']*'>\}|\\special\{dvisvgm:raw </g>\}")
DROP = [r"\left", r"\right", r"\bigg", r"\Bigg", r"\big", r"\Big", r"\textstyle", r"\displaystyle", r"\,", r"\;", r"\!",
        r"\ ", "&", r"\\", r"\phantom{=}", "{,}"]
FUNCTIONS = {"sigma": lambda z: 1 / (1 + math.exp(-z)), "step": lambda z: 1.0 if z > 0 else 0.0,
             "tanh": math.tanh, "relu": lambda z: max(0.0, z), "exp": math.exp}
RELATIONS = re.compile(r"(=|\\approx|\\neq|>|<|\\le[q]?\b|\\ge[q]?\b|\\iff|\\Rightarrow|\\quad|\\qquad|,|:|\\to)")
NUMERIC = re.compile(r"^[\d.+\-*/() ]*(?:(?:sigma|step|tanh|relu|exp)\([\d.+\-*/() ]*\)[\d.+\-*/() ]*)*$")
LITERAL = re.compile(r"^\s*-?\d+(?:\.\d+)?\s*$")


def plain(tex: str) -> str:
    s = GROUP_MARKS.sub("", tex)
    for d in DROP:
        s = s.replace(d, " " if d in (r"\,", r"\;", r"\ ", r"\\") else "")
    s = s.replace(r"\cdot", "*").replace(r"\times", "*").replace("\u2212", "-")
    s = s.replace(r"\sigma", "sigma").replace(r"\mathrm{step}", "step").replace(r"\tanh", "tanh")
    s = s.replace(r"\mathrm{ReLU}", "relu")
    s = re.sub(r"\\[dt]?frac\{([^{}]*)\}\{([^{}]*)\}", r"((\1)/(\2))", s)
    s = re.sub(r"\^\{([^{}]*)\}|\^(\d)", lambda m: f"**({m.group(1) or m.group(2)})", s)
    return s.replace("{", "(").replace("}", ")")


def numeric_equalities(tex: str) -> list[tuple[str, str]]:
    """(left, right) of every '=' whose both sides are plain arithmetic on numbers."""
    pieces = RELATIONS.split(plain(tex))
    out = []
    for i in range(1, len(pieces) - 1, 2):
        left, rel, right = pieces[i - 1].strip(), pieces[i], pieces[i + 1].strip()
        if rel == "=" and left and right and NUMERIC.match(left.replace("**", "*")) \
                and NUMERIC.match(right.replace("**", "*")) and re.search(r"\d", left) and re.search(r"\d", right):
            out.append((left, right))
    return out


def evaluate(expr: str) -> float:
    return float(eval(expr, {"__builtins__": {}}, FUNCTIONS))  # noqa: S307 - the test's own parse


def decimals(literal: str) -> int:
    return len(literal.strip().split(".")[1]) if "." in literal else 0


def true_as_shown(left: str, right: str) -> bool:
    try:
        a, b = evaluate(left), evaluate(right)
    except (SyntaxError, ZeroDivisionError, TypeError, OverflowError, NameError):
        return True   # not arithmetic after all (an interval, a label): nothing to check
    if LITERAL.match(right):
        return math.isclose(round(a, decimals(right)), b, abs_tol=1e-9)
    if LITERAL.match(left):
        return math.isclose(round(b, decimals(left)), a, abs_tol=1e-9)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def test_the_reader_finds_and_checks_what_a_reviewer_would():
    assert numeric_equalities(r"a_1 &= \sigma\left(-1.26\right) = 0.220") == [("sigma(-1.26)", "0.220")]
    assert not true_as_shown("sigma(-1.26)", "0.220") and true_as_shown("sigma(-1.26)", "0.221")
    pairs = numeric_equalities(r"\mu_2 = 1.20 \cdot 0.646 + 0.400 = 1.17,\quad O = 0.5")
    assert pairs == [("1.20 * 0.646 + 0.400", "1.17")] and not true_as_shown(*pairs[0])
    assert true_as_shown(*numeric_equalities(r"N = 2 \cdot 4 + 4 + 4 \cdot 1 + 1 = 17")[0])
    assert true_as_shown(*numeric_equalities(r"784 \cdot 100 + 100 = 78{,}500")[0])


# -- every scene --------------------------------------------------------------------------------------
CAPTION = re.compile(r"(?<![\w.])((?:[σ(]*[−-]?\d+(?:\.\d+)?\)?\s*[·×+−-]\s*)+[(]*[−-]?\d+(?:\.\d+)?\)*"
                     r"|σ\([−-]?\d+(?:\.\d+)?\))\s*=\s*([−-]?\d+(?:\.\d+)?)(?![\d])")


def caption_equalities(text: str) -> list[tuple[str, str]]:
    out = []
    for m in CAPTION.finditer(text):
        left = m.group(1).replace("σ", "sigma").replace("·", "*").replace("×", "*").replace("−", "-")
        out.append((left, m.group(2).replace("−", "-")))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("spec", catalog.SCENES, ids=lambda s: s.id)
def test_every_equality_a_scene_shows_is_true_as_shown(spec, tmp_path):
    formulas, captions = shown_formulas(spec, tmp_path)
    wrong = [f"{l} = {r}   (in {t!r})" for t in formulas for l, r in numeric_equalities(t) if not true_as_shown(l, r)]
    wrong += [f"caption: {l} = {r}" for t in captions for l, r in caption_equalities(t) if not true_as_shown(l, r)]
    assert formulas and wrong == []
