"""Worksheets: every answer against a computation written here (finite differences, a hand loop, closed
forms), over many seeds; every exercise solvable from its printed question; the "=" of every printed
step checked by reading the printed numbers back; printed files byte for byte the same per seed."""
import math
import re
import shutil
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nncore import exercises as ex
from scenes.strings import practice
from studio import worksheet as ws
from studio.shown import shown_equation

ROOT = Path(__file__).resolve().parents[1]
needs_chromium = pytest.mark.skipif(ws.chromium() is None, reason="chromium is installed by `make setup`")
seeds = st.integers(0, ex.MAX_SEED)
numbers = st.integers(0, ex.MAX_COUNT - 1)


# -- independent computations ----------------------------------------------------------------------
def sig(z):
    return 1 / (1 + math.exp(-z))


def exact(v):
    return v


def half_up(v, digits=3) -> float:
    """Rounded as a person rounds: decimal digits, halves up (not binary floating point's half-even)."""
    d = Decimal(repr(float(v)))
    if d == 0:
        return 0.0
    return float(d.quantize(Decimal(1).scaleb(d.adjusted() - digits + 1), rounding=ROUND_HALF_UP))


def pupil(v):
    """What a careful pupil writes: a value of at most 4 significant figures in full, others to 3."""
    four = half_up(v, 4)
    return four if abs(four - v) <= 1e-9 * max(1.0, abs(v)) else half_up(v)


def chain_error(g, **change):
    p = {**g, **change}
    h = sig(p["w_i"] * p["x"] + p["b_i"])
    return 0.5 * (sig(p["w_o"] * h + p["b_o"]) - p["y"]) ** 2


def fd(g, name, f=chain_error, h=1e-6):
    return (f(g, **{name: g[name] + h}) - f(g, **{name: g[name] - h})) / (2 * h)


def chain_by_hand(g, keep):
    h = keep(sig(keep(g["w_i"] * g["x"] + g["b_i"])))
    O = keep(sig(keep(g["w_o"] * h + g["b_o"])))
    e, dO = keep(O - g["y"]), keep(O * (1 - O))
    return h, O, e, dO


def oracle(kind, g, keep):
    """The answer of an exercise from its given values alone. With keep=exact the gradients are
    finite differences of E; with keep=pupil every intermediate is written down rounded."""
    if kind == "neuron":
        return {"fires": float(g["x1"] + g["x2"] > g["threshold"])}
    if kind == "perceptron":
        z = keep(keep(sum(g[f"w{i}"] * g[f"x{i}"] for i in (1, 2, 3))) + g["b"])
        return {"z": z, "a": 1.0 if z > 0 else 0.0}
    if kind == "sigmoid":
        s = keep(1 / (1 + keep(math.exp(-g["z"]))))
        if keep is exact:  # the slope as a finite difference of the sigmoid itself
            return {"s": s, "d": (sig(g["z"] + 1e-6) - sig(g["z"] - 1e-6)) / 2e-6}
        return {"s": s, "d": keep(s * (1 - s))}
    if kind == "forward":
        hs = [keep(sig(keep(g[f"w1{j}"] * g["x1"] + g[f"w2{j}"] * g["x2"] + g[f"b{j}"]))) for j in (1, 2)]
        return {"o": keep(sig(keep(g["v1"] * hs[0] + g["v2"] * hs[1] + g["c"])))}
    if kind == "count":
        sizes = [g[f"n{i}"] for i in range(len(g))]
        return {"total": float(sum(b * (a + 1) for a, b in zip(sizes, sizes[1:])))}  # each neuron: fan-in + 1
    if kind == "cost":
        sq = [keep((g["theta0"] + g["theta1"] * g[f"x{i}"] - g[f"y{i}"]) ** 2) for i in (1, 2, 3, 4)]
        return {"C": keep(keep(sum(sq)) / (2 * g["n"]))}
    if kind == "descent":
        def cost(t):
            return g["a"] * (t - g["m"]) ** 2 + g["floor"]
        theta, out = g["theta0"], {}
        for k in (1, 2):
            slope = (cost(theta + 1e-6) - cost(theta - 1e-6)) / 2e-6 if keep is exact else keep(theta - g["m"])
            theta = keep(theta - g["eta"] * slope)
            out[f"theta{k}"] = theta
        return out
    if kind in ("backprop", "backprop_hidden", "update"):
        h, _, e, dO = chain_by_hand(g, keep)
        if kind == "backprop":
            return {"g_w_o": fd(g, "w_o") if keep is exact else keep(e * dO * h)}
        if kind == "backprop_hidden":
            return {"g_w_i": fd(g, "w_i") if keep is exact else keep(e * dO * g["w_o"] * keep(h * (1 - h)) * g["x"])}
        delta = keep(e * dO)
        gw, gb = (fd(g, "w_o"), fd(g, "b_o")) if keep is exact else (keep(delta * h), delta)
        return {"w_o_new": keep(g["w_o"] - g["eta"] * gw), "b_o_new": keep(g["b_o"] - g["eta"] * gb)}
    raise KeyError(kind)


kinds = st.sampled_from(sorted(ex.GENERATORS))


# -- answers -----------------------------------------------------------------------------------------
@settings(max_examples=400, deadline=None)
@given(kind=kinds, seed=seeds, k=numbers)
def test_answers_match_an_independent_computation(kind, seed, k):
    e = ex.draw(kind, seed, k)
    want = oracle(kind, e.given, exact)
    got = e.values()
    assert set(want) == set(e.answer)
    for name, value in want.items():
        assert math.isclose(got[name], value, rel_tol=1e-6, abs_tol=1e-9), (name, got[name], value)


@settings(max_examples=400, deadline=None)
@given(kind=kinds, seed=seeds, k=numbers)
def test_hand_work_to_3_significant_figures_gives_the_printed_answer(kind, seed, k):
    e = ex.draw(kind, seed, k)
    by_hand, exact_answer = oracle(kind, e.given, pupil), oracle(kind, e.given, exact)
    for name in e.answer:
        true = exact_answer[name]
        digits = 4 if abs(half_up(true, 4) - true) <= 1e-8 * abs(true) else 3  # 3.735 is printed in full
        assert half_up(by_hand[name], digits) == half_up(true, digits), (name, by_hand[name], true)


@settings(max_examples=200, deadline=None)
@given(kind=kinds, seed=seeds, k=numbers)
def test_printed_answer_is_the_true_value_to_3_significant_figures(kind, seed, k):
    e = ex.draw(kind, seed, k)
    printed = ws.answer_text(e, "en")
    for name, value in oracle(kind, e.given, exact).items():
        if kind == "neuron":
            assert printed == practice.text("sheet.fires" if value else "sheet.silent")
            continue
        lab = re.escape(ws.label(kind, name))
        shown = float(re.search(lab + r" [=≈] (−?[\d.,]+)", printed).group(1).replace("−", "-").replace(",", ""))
        unit = 10 ** (math.floor(math.log10(abs(value))) - 2) if value else 1e-12
        assert abs(shown - value) <= 0.5 * unit * (1 + 1e-6) or (shown == value), (name, shown, value)


# -- what is printed ---------------------------------------------------------------------------------
def significant_digits(v) -> int:
    return len(Decimal(repr(float(v))).normalize().as_tuple().digits)


NUMBER = re.compile(r"−?\d+(?:\.\d+)?")


@settings(max_examples=300, deadline=None)
@given(kind=kinds, seed=seeds, k=numbers, lang=st.sampled_from(["en", "zh"]))
def test_every_exercise_is_solvable_from_its_question_within_the_digit_budget(kind, seed, k, lang):
    e = ex.draw(kind, seed, k)
    known = set(e.given)
    for s in e.steps:  # every step uses only printed or already computed values
        assert set(s.uses) <= known, (s.name, set(s.uses) - known)
        known.add(s.name)
    q = practice.text(f"ex.{kind}", lang, **{k2: "{" + k2 + "}" for k2 in e.given}, shape="", points="")
    printed = NUMBER.findall(ws.question(e, lang))
    for name, v in e.given.items():
        assert significant_digits(v) <= ex.INPUT_DIGITS, (name, v)
        text = f"{v:g}".replace("-", "−")
        assert text in printed, (name, text, printed)
    assert q  # the question's own words exist in both languages


def test_the_sheet_question_tables_match_in_both_languages():
    fields = lambda t: sorted(re.findall(r"{(\w+)}", t))
    assert set(practice.EN) == set(practice.ZH)
    for key in practice.EN:
        assert fields(practice.EN[key]) == fields(practice.ZH[key]), key


def _python(expr: str) -> str:
    """A printed expression as Python, read from the text alone."""
    expr = re.sub(r"e<sup>(.*?)</sup>", r"math.exp(\1)", expr)
    return expr.replace("−", "-").replace("·", "*").replace("²", "**2").replace(",", "")


@settings(max_examples=200, deadline=None)
@given(kind=kinds, seed=seeds, k=numbers)
def test_every_printed_equals_sign_holds_for_the_printed_numbers(kind, seed, k):
    e = ex.draw(kind, seed, k)
    for s in e.steps:
        line = ws.step_line(e, s, "en")
        if s.op in ex.EXACT_OPS:
            continue
        m = re.fullmatch(r".*? = (.*) ([=≈]) (−?[\d.,]+)", line)
        expr, rel, result = m.group(1).split(" = ")[-1], m.group(2), m.group(3)
        value = eval(_python(expr), {"math": math})
        holds = math.isclose(value, float(_python(result)), rel_tol=1e-12, abs_tol=1e-15)
        assert holds == (rel == "="), line


def test_shown_equation_writes_approx_where_the_printed_factors_do_not_give_the_result():
    prod = lambda *v: math.prod(v)
    times = lambda t: " · ".join(t)
    # 0.56384 x 0.18023 x 0.64612 = 0.06566, shown 0.0657; the printed 0.564 · 0.180 · 0.646 give 0.06558
    assert shown_equation("g", times, [0.56384, 0.18023, 0.64612], 0.56384 * 0.18023 * 0.64612, prod).text == \
        "g = 0.564 · 0.180 · 0.646 ≈ 0.0657"
    # rounded operands that do give the rounded result: 0.5·0.440 + 1.5·0.560 is 1.06 exactly
    pairs = lambda a, b, c, d: a * b + c * d
    z = shown_equation("z", lambda t: f"{t[0]}·{t[1]} + {t[2]}·{t[3]}", [0.5, 0.44031, 1.5, 0.55969],
                       0.5 * 0.44031 + 1.5 * 0.55969, pairs)
    assert z.text == "z = 0.5·0.440 + 1.5·0.560 = 1.06"
    assert shown_equation("z", times, [0.5, 3.0], 1.5, prod).text == "z = 0.5 · 3 = 1.5"
    assert shown_equation("s", lambda t: f"σ({t[0]})", [0.6], sig(0.6), sig).relation == "≈"
    assert shown_equation("d", lambda t: f"{t[0]} − {t[1]}", [2.4, 3.0], 2.4 - 3.0, lambda a, b: a - b).text == \
        "d = 2.4 − 3 = −0.6"  # float noise (−0.6000000000000001) is not a rounding


def test_same_seed_same_pages_and_another_seed_other_numbers():
    scenes = list(ex.SCENE_KINDS)
    a, b, c = (ws.sheets(scenes, s, 2, "en") for s in (5, 5, 6))
    assert a == b
    numbers_a, numbers_c = (NUMBER.findall(x["worksheet.html"]) for x in (a, c))
    assert numbers_a != numbers_c
    differ = sum(x != y for x, y in zip(ex.sheet(scenes, 5, 2), ex.sheet(scenes, 6, 2)))
    assert differ >= len(scenes) * 2 - 2  # nearly every exercise is new (a z of 61 possible can repeat)


def test_the_worksheet_holds_no_answer():
    pages = ws.sheets(list(ex.SCENE_KINDS), 3, 2, "en")
    assert "≈" not in pages["worksheet.html"] and "<ol class=\"steps\">" not in pages["worksheet.html"]
    assert pages["answers.html"].count("<ol class=\"steps\">") == 2 * len(ex.SCENE_KINDS)


def test_more_exercises_keep_the_first_ones():
    scenes = ["perceptron", "gradient-descent"]
    few, more = ex.sheet(scenes, 9, 1), ex.sheet(scenes, 9, 3)
    assert few[0] == more[0] and few[1] == more[3]


@pytest.mark.parametrize("bad", [-1, ex.MAX_SEED + 1])
def test_seed_out_of_range_is_refused(bad):
    with pytest.raises(ValueError, match="seed must be"):
        ex.draw("neuron", bad, 0)


def _charset(family):
    out = subprocess.run(["fc-match", "-f", "%{charset}", family], capture_output=True, text=True).stdout
    return [(int(lo, 16), int(hi or lo, 16)) for lo, _, hi in (p.partition("-") for p in out.split())]


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig tools missing")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_fonts_cover_every_character_printed(lang):
    families = [f.strip().strip('"') for f in ws.FONTS[lang].split(",")][:-1]  # without the generic family
    ranges = [r for f in families for r in _charset(f)]
    for f in families:  # the fonts themselves, not fontconfig's substitutes
        assert subprocess.run(["fc-match", "-f", "%{family}", f], capture_output=True, text=True).stdout.split(",")[0] == f
    pages = ws.sheets(list(ex.SCENE_KINDS), 1, 3, lang)
    text = re.sub(r"<[^>]+>", "", pages["worksheet.html"] + pages["answers.html"]) + "".join(practice.TABLES[lang].values())
    missing = sorted({c for c in text if not c.isspace() and not any(lo <= ord(c) <= hi for lo, hi in ranges)})
    assert missing == []


# -- printed files (Chromium) ---------------------------------------------------------------------------
def run(*args):
    return subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.slow
@needs_chromium
def test_same_seed_gives_byte_identical_files_and_another_seed_other_pdfs(tmp_path):
    for where, seed in (("a", 4), ("b", 4), ("c", 5)):
        r = run("worksheet", "1", "gradient-descent", "--seed", str(seed), "--count", "2", "--out", str(tmp_path / where))
        assert r.returncode == 0, r.stderr
    a, b, c = (tmp_path / w / "worksheets" / f"seed-{s}" for w, s in (("a", 4), ("b", 4), ("c", 5)))
    names = ["worksheet.html", "worksheet.pdf", "answers.html", "answers.pdf"]
    assert sorted(p.name for p in a.iterdir()) == sorted(names)  # nothing half-written left beside them
    for n in names:
        assert (a / n).read_bytes() == (b / n).read_bytes(), n
    assert (a / "answers.pdf").read_bytes() != (c / "answers.pdf").read_bytes()
    info = subprocess.run(["pdfinfo", str(a / "answers.pdf")], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info)
    words = subprocess.run(["pdftotext", str(a / "answers.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "does not fire" in words or "the neuron fires" in words
    assert "θ₂" in words or "θ2" in words


@pytest.mark.slow
@needs_chromium
def test_chinese_sheets_print_with_their_glyphs(tmp_path):
    r = run("worksheet", "neuron-firing", "backprop-output-layer", "--lang", "zh", "--seed", "2", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    pdf = tmp_path / "worksheets" / "zh" / "seed-2" / "worksheet.pdf"
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "练习卷 2" in words and "它会激活吗" in words
    # The page's Chinese font is embedded (a fallback would be a different family or boxes); Chromium embeds
    # Noto CJK's CFF outlines as Type 3 fonts, so count glyph outlines: distinct characters, distinct shapes.
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Type 3" in fonts and "DejaVuSans" in fonts  # the CJK outlines, and DejaVu for the subscripts
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-gray", str(pdf), str(png)], check=True)
    from PIL import Image

    img = Image.open(next(tmp_path.glob("page*.png")))
    assert img.convert("L").getextrema()[0] < 60  # ink on the page


def test_bad_input_is_one_line_exit_2(tmp_path):
    for args in (["--count", "0"], ["--count", str(ex.MAX_COUNT + 1)], ["--seed", "-3"], ["bias"], ["nosuch"],
                 ["--lang", "fr"]):
        r = run("worksheet", *args, "--out", str(tmp_path))
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, (args, r.stderr)
    assert not (tmp_path / "worksheets").exists()
