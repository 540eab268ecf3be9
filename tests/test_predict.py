"""Prediction points: answers against computations written here, beats that the scenes really have,
and the presenter pausing on a question until the teacher's key (headless Chromium)."""
import ast
import json
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nncore import descent, get_trace
from scenes import catalog
from scenes.strings import practice
from studio.predictions import QUESTIONS, questions_for

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")


def asked(scene, lang="en", **params):
    return questions_for(scene, get_trace(catalog.find(scene).trace, **params), lang)


def sig(z):
    return 1 / (1 + math.exp(-z))


def chain_error(x, y, w_i, b_i, w_o, b_o):
    return 0.5 * (sig(w_o * sig(w_i * x + b_i) + b_o) - y) ** 2


def fd(params, name, h=1e-6):
    up, down = dict(params), dict(params)
    up[name] += h
    down[name] -= h
    return (chain_error(**up) - chain_error(**down)) / (2 * h)


# -- answers ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("inputs, threshold, fires", [((25, 20), 40, True), ((25, 15), 40, False), ((5, 5), 9, True)])
def test_the_neuron_question_answers_whether_the_sum_passes_the_threshold(inputs, threshold, fires):
    q, = asked("neuron-firing", inputs=inputs, threshold=threshold)
    assert q.beat == "case1-verdict"
    assert q.answer == practice.text("predict.yes" if fires else "predict.no")
    assert f"{inputs[0]} and {inputs[1]} arrive, the threshold is {threshold}" in q.question


def test_the_weighted_sum_is_summed_here():
    q, = asked("perceptron", inputs=(0.5, 1.0, 0.2), weights=(0.4, -0.3, 2.0))
    assert q.choices is None and float(q.answer) == pytest.approx(0.5 * 0.4 - 0.3 + 0.4)


@pytest.mark.parametrize("layers", [(2, 4, 1), (3, 5, 2), (784, 100, 10)])
def test_the_parameter_count_is_the_closed_form(layers):
    q, = asked("parameter-count", layers=layers)
    want = sum(b * (a + 1) for a, b in zip(layers, layers[1:]))
    assert int(q.answer.replace(",", "")) == want and "-".join(map(str, layers)) in q.question


def test_the_sigmoid_slope_at_zero_is_a_quarter():
    q, = asked("activation-functions")
    assert float(q.answer) == pytest.approx((sig(1e-6) - sig(-1e-6)) / 2e-6, abs=5e-4)


def test_the_bias_is_minus_the_threshold():
    q, = asked("bias", threshold=25)
    assert q.answer == "−25"


def test_the_cost_is_the_first_lines_squares_over_2n():
    tr = get_trace("cost")
    line = tr["lines"][0]
    total = sum((line["theta0"] + line["theta1"] * x - y) ** 2 for x, y in zip(tr["x"], tr["y"]))
    q, = asked("cost-function")
    assert float(q.answer) == pytest.approx(total / (2 * len(tr["x"])), rel=5e-3)


@pytest.mark.parametrize("lr, want", [(0.3, "right_bigger"), (2.5, "right_smaller")])
def test_the_direction_and_the_steps_follow_a_hand_loop(lr, want):
    ts = [0.0]
    for _ in range(2):
        ts.append(ts[-1] - lr * (ts[-1] - 3.0))  # C = 0.5 (theta - 3)^2 + 0.5
    way = "right" if ts[1] > ts[0] else "left"
    size = "bigger" if abs(ts[1] - ts[0]) > abs(ts[2] - ts[1]) else "smaller"
    assert f"{way}_{size}" == want
    q, = asked("gradient-descent", lr=lr)
    assert q.beat == "p1-update" and q.answer == practice.text(f"q.{want}")


@pytest.mark.parametrize("lr", [0.5, 0.3])
def test_the_largest_rate_is_judged_by_its_factor(lr):
    factor = 1 - 2.2 * 1.0  # the parabola's C'' = 1; the largest of the five rates is 2.2 / C''
    want = "diverges" if abs(factor) > 1 else "oscillates" if factor < 0 else "converges"
    q, = asked("learning-rates", lr=lr)
    assert want == "diverges" and q.beat == "eta5" and q.answer == practice.text(f"q.{want}")


@pytest.mark.parametrize("beta", [0.8, 0.5])
def test_escaping_the_dip_follows_a_hand_momentum_loop(beta):
    c = descent.curve("bumpy")
    theta, v = -1.6, 0.0
    for _ in range(40):
        v = beta * v + c.slope(theta)
        theta -= 0.15 * v
    escaped = theta > 2.0  # the dip is near 1, the bowl's minimum at 4
    q, = asked("momentum-and-schedules", beta=beta)
    assert q.answer == practice.text("predict.yes" if escaped else "predict.no")


@pytest.mark.parametrize("y", [0.2, 0.95])
def test_the_gradient_signs_are_those_of_finite_differences(y):
    p = dict(x=1.5, y=y, w_i=0.6, b_i=-0.3, w_o=1.2, b_o=0.4)
    for scene, name in (("backprop-output-layer", "w_o"), ("backprop-hidden-layer", "w_i")):
        q, = asked(scene, **p)
        assert q.answer == practice.text("q.positive" if fd(p, name) > 0 else "q.negative"), (scene, y)


def test_the_error_after_one_update_is_recomputed_here():
    p = dict(x=1.5, y=0.2, w_i=0.6, b_i=-0.3, w_o=1.2, b_o=0.4)
    after = {k: p[k] - 0.5 * fd(p, k) if k in ("w_i", "b_i", "w_o", "b_o") else p[k] for k in p}
    q, = asked("weight-update")
    assert q.answer == practice.text("q.down" if chain_error(**after) < chain_error(**p) else "q.up")


def test_training_rises_are_counted_from_the_costs():
    tr = get_trace("training", epochs=60)
    q, = questions_for("training", tr, "en")
    rises = any(b > a for a, b in zip(tr["costs"], tr["costs"][1:]))
    assert q.answer == practice.text("predict.yes" if rises else "predict.no")


# -- words and beats -------------------------------------------------------------------------------------
def beat_patterns(module: str) -> list[re.Pattern]:
    """Every beat name the scene module gives `self.beat(...)`; f-string parts match anything."""
    tree = ast.parse((ROOT / (module.replace(".", "/") + ".py")).read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "beat" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant):
                found.append(re.compile(re.escape(arg.value)))
            elif isinstance(arg, ast.JoinedStr):
                found.append(re.compile("".join(re.escape(v.value) if isinstance(v, ast.Constant) else ".+"
                                                for v in arg.values)))
            elif isinstance(arg, ast.Name):  # a name from a table of (beat, caption key, ...) rows
                found += [re.compile(re.escape(t.elts[0].value)) for t in ast.walk(tree)
                          if isinstance(t, ast.Tuple) and len(t.elts) > 1
                          and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in t.elts[:2])
                          and ".cap." in t.elts[1].value]
    return found


@pytest.mark.parametrize("scene", sorted(QUESTIONS))
def test_every_question_pauses_before_a_beat_its_scene_has(scene):
    spec = catalog.find(scene)
    patterns = beat_patterns(spec.module)
    questions = asked(scene)
    assert questions, scene
    for q in questions:
        assert any(p.fullmatch(q.beat) for p in patterns), (scene, q.beat)


@pytest.mark.parametrize("scene", sorted(QUESTIONS))
def test_both_languages_ask_the_same_with_the_answer_among_the_choices(scene):
    en, zh = asked(scene, "en"), asked(scene, "zh")
    assert [q.beat for q in en] == [q.beat for q in zh]
    for a, b in zip(en, zh):
        assert (a.choices is None) == (b.choices is None)
        if a.choices:
            assert a.answer in a.choices and b.answer in b.choices
            assert a.choices.index(a.answer) == b.choices.index(b.answer)
            assert len(set(a.choices)) == len(a.choices)
        else:
            assert a.answer == b.answer  # a number reads the same in both
        assert re.search(r"[\u4e00-\u9fff]", b.question)


# -- the presenter (Chromium) ----------------------------------------------------------------------------
def run_cli(*args):
    r = subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    return r


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """neuron-firing at low quality with a worksheet; the page built once with --no-predict (kept as
    off.html beside it), then as usual."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is installed by `make setup`")
    out = tmp_path_factory.mktemp("media")
    common = ["neuron-firing", "-q", "low", "--out", str(out), "-j", "1"]
    run_cli("worksheet", "neuron-firing", "--seed", "12", "--out", str(out))
    run_cli("lecture", *common, "--no-predict")
    page = out / "low" / "index.html"
    shutil.copyfile(page, page.with_name("off.html"))
    run_cli("lecture", *common)
    return {"out": out, "page": page, "off": page.with_name("off.html")}


# Counts play() per clip: whether the reveal waited is read from this, not from a timer.
COUNT_PLAYS = """
window.plays = {};
const play = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function () {
  const name = this.currentSrc.split('/').pop();
  window.plays[name] = (window.plays[name] || 0) + 1;
  return play.call(this);
};
"""


@pytest.fixture(scope="module")
def browser(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def open_page(browser, path):
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.set_default_timeout(60000)  # a bound, not a pause: the machine may be busy with other renders
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.add_init_script(COUNT_PLAYS)
    page.goto(path.as_uri())
    return page


def go_to(page, n):
    """Beat n by → from the first beat; no question may lie on the way (a → there would be its reveal)."""
    page.click("header .present")
    page.wait_for_function("() => document.getElementById('presenter').dataset.beat === '0'")
    for _ in range(n):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => document.getElementById('presenter').dataset.beat === '{n}'"
                           " && document.querySelector('video.beat.on').readyState >= 2")


def played(k, name):
    """Beat k's clip has been played (a short clip may have ended, so paused again, by the time one looks)."""
    return f"(window.plays['{k:02d}-{name}.mp4'] || 0) >= 1"


def beats(site):
    return [b["name"] for b in json.loads(re.search(r'id="deck">(.*?)</script>', site["page"].read_text()).group(1))["beats"]]


@pytest.mark.slow
def test_the_presenter_pauses_on_the_question_and_plays_the_reveal_on_the_key(site, browser):
    names = beats(site)
    k = names.index("case1-verdict")
    page = open_page(browser, site["page"])
    go_to(page, k)
    page.wait_for_selector("#presenter .predict", state="visible")
    tr = get_trace("neuron-firing")
    a, b = (int(v) for v in tr["cases"][0]["inputs"])
    card = page.inner_text("#presenter .predict")
    assert f"{a} and {b} arrive, the threshold is {int(tr['threshold'])}" in card and "yes" in card and "no" in card
    shown = page.evaluate("""() => { const v = document.querySelector('video.beat.on');
        return {src: v.currentSrc, paused: v.paused, t: v.currentTime,
                caption: getComputedStyle(document.querySelector('#presenter .caption')).visibility}; }""")
    assert shown["src"].endswith(f"{k:02d}-case1-verdict.mp4") and shown["paused"] and shown["t"] == 0
    assert shown["caption"] == "hidden"  # the beat's first caption may say the answer
    assert page.evaluate(f"window.plays['{k:02d}-case1-verdict.mp4'] || 0") == 0
    page.keyboard.press("ArrowRight")  # the reveal: this beat plays, the presenter does not move on
    page.wait_for_function(f"() => {played(k, 'case1-verdict')}")
    assert page.evaluate("document.getElementById('presenter').dataset.beat") == str(k)
    assert page.is_hidden("#presenter .predict")
    page.wait_for_function("() => document.querySelector('video.beat.on').ended", timeout=20000)
    page.keyboard.press("ArrowRight")  # a beat without a question plays at once
    page.wait_for_function(f"() => document.getElementById('presenter').dataset.beat === '{k + 1}'"
                           f" && {played(k + 1, names[k + 1])}")
    assert page.is_hidden("#presenter .predict") and page.errors == []
    page.close()


@pytest.mark.slow
def test_p_and_no_predict_turn_the_pauses_off(site, browser):
    names = beats(site)
    k = names.index("case2-verdict")
    page = open_page(browser, site["page"])
    go_to(page, 0)
    page.keyboard.press("p")
    assert page.evaluate("document.getElementById('presenter').dataset.predict") == "off"
    for _ in range(k):  # past case 1's question too: no pause anywhere
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => document.getElementById('presenter').dataset.beat === '{k}'"
                           f" && {played(k, 'case2-verdict')}")
    assert page.is_hidden("#presenter .predict")
    page.keyboard.press("p")
    assert page.evaluate("document.getElementById('presenter').dataset.predict") == "on"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")  # back on: the question again
    page.wait_for_selector("#presenter .predict", state="visible")
    page.close()

    off = open_page(browser, site["off"])
    go_to(off, k)
    off.wait_for_function(f"() => {played(k, 'case2-verdict')}")
    assert off.is_hidden("#presenter .predict")
    assert off.evaluate("document.getElementById('presenter').dataset.predict") == "off"
    off.close()


@pytest.mark.slow
def test_the_handout_asks_without_answers_and_answers_at_the_end(site, browser, tmp_path):
    page = open_page(browser, site["page"])
    page.emulate_media(media="print")
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    tr = get_trace("neuron-firing")
    a, b = (int(v) for v in tr["cases"][0]["inputs"])
    question = f"{a} and {b} arrive, the threshold is {int(tr['threshold'])}: does the neuron fire?"
    heading = practice.text("predict.answers")
    asked_at, answers_at = text.index(question + " (yes / no)"), text.index(heading)
    answer = practice.text("predict.yes" if tr["cases"][0]["fired"] else "predict.no")
    assert asked_at < answers_at < text.index(f"{question} {answer}")
    # the worksheet made for this folder is linked, relative, and there
    href = page.get_attribute("p.worksheets a", "href")
    assert href == "../worksheets/seed-12/worksheet.pdf" and (site["page"].parent / href).exists()
    page.close()
