"""Prediction points: a question asked before the beat that reveals its answer.

`questions_for(scene_id, trace, lang)` gives a scene's questions as plain data; the answer of each
is computed here from the scene's trace (nncore/traces.py), never typed, and the words come from
scenes/strings/practice.py. `beat` is the name the scene gives the revealing beat (`self.beat(...)`);
the lecture page's presenter pauses before it (studio/page/predict.js).
"""
from __future__ import annotations

import html
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from scenes.kit.fmt import num, stated
from scenes.strings.practice import text


@dataclass
class Question:
    beat: str                  # the beat that reveals the answer
    question: str
    choices: list[str] | None  # multiple choice; None: a number
    answer: str                # the right choice, or the number as the scene shows it

    def to_dict(self) -> dict:
        return asdict(self)


def _choice(beat, lang, question, keys, right, **fields) -> Question:
    words = [text(f"q.{k}", lang) for k in keys]
    return Question(beat, text(f"q.{question}", lang, **fields), words, words[keys.index(right)])


def _number(beat, lang, question, value: str, **fields) -> Question:
    return Question(beat, text(f"q.{question}", lang, **fields), None, value)


def _yes_no(beat, lang, question, yes: bool, **fields) -> Question:
    words = [text("predict.yes", lang), text("predict.no", lang)]
    return Question(beat, text(f"q.{question}", lang, **fields), words, words[0 if yes else 1])


def _shape(layers) -> str:
    return "-".join(str(n) for n in layers)


def _sign(beat, lang, name, value) -> Question:
    return _choice(beat, lang, "sign", ["positive", "negative"], "positive" if value > 0 else "negative", name=name)


def neuron_firing(tr, lang):
    return [_yes_no(f"case{n}-verdict", lang, "fire", c["fired"], a=stated(c["inputs"][0]), b=stated(c["inputs"][1]),
                    threshold=stated(c["threshold"])) for n, c in enumerate(tr["cases"], start=1)]


def perceptron(tr, lang):
    step = tr["step"]
    sep = "，" if lang == "zh" else ", "
    return [_number("sum", lang, "weighted_sum", num(step["weighted_sum"]),
                    inputs=f"({sep.join(stated(v) for v in step['inputs'])})",
                    weights=f"({sep.join(stated(v) for v in step['weights'])})")]


def activations(tr, lang):
    at_zero = [s for s in tr["sigmoid"]["stops"] if s["z"] == 0]
    return [_number("sigmoid-derivative", lang, "sigmoid_slope", num(at_zero[0]["da"]))] if at_zero else []


def bias(tr, lang):
    t = tr["threshold"]
    return [_number("threshold", lang, "bias", stated(t["bias"]), threshold=stated(t["threshold"]))]


def forward_pass(tr, lang):
    out = tr["output"][0]
    return [_choice(f"layer{len(tr['layers']) - 1}-neuron1", lang, "output_half", ["above", "below"],
                    "above" if out > 0.5 else "below", shape=_shape(tr["layers"]))]


def parameter_count(tr, lang):
    return [_number("weights1", lang, "count", num(tr["total"]), shape=_shape(tr["layers"]))]


def cost(tr, lang):
    first, n = tr["lines"][0], tr["n"]
    return [_number("cost", lang, "cost", num(first["cost"]), total=num(first["sum_squares"]), n=n)]


def gradient_descent(tr, lang):
    ts = tr["runs"][0]["thetas"]
    if len(ts) < 3:
        return []
    way = "right" if ts[1] > ts[0] else "left"
    size = "bigger" if abs(ts[1] - ts[0]) > abs(ts[2] - ts[1]) else "smaller"
    return [_choice("p1-update", lang, "direction", ["right_bigger", "right_smaller", "left_bigger", "left_smaller"],
                    f"{way}_{size}", theta=num(ts[0]))]


def learning_rates(tr, lang):
    run = tr["runs"][-1]
    return [_choice(f"eta{len(tr['runs'])}", lang, "verdict", ["converges", "crawls", "oscillates", "diverges"],
                    run["verdict"], eta=num(run["lr"]))]


def momentum(tr, lang):
    """Escaping means ending past the hump between the dip (where plain descent stops) and the bowl's
    minimum: the highest sample of the curve between them."""
    curve, dip = tr["curve"], tr["plain"]["thetas"][-1]
    between = [(c, t) for t, c in zip(curve["theta"], curve["cost"]) if dip < t < curve["minimum"]]
    if not between:
        return []
    hump = max(between)[1]
    return [_yes_no("momentum", lang, "escape", tr["momentum"]["thetas"][-1] > hump, beta=num(tr["beta"]))]


def backprop_output(tr, lang):
    return [_sign("numbers", lang, "∂E/∂wₒ", tr["gradients"]["w_o"]["gradient"])]


def backprop_hidden(tr, lang):
    return [_sign("numbers", lang, "∂E/∂wᵢ", tr["gradients"]["w_i"]["gradient"])]


def weight_update(tr, lang):
    step = tr["step"]
    down = step["error_after"] < step["nodes"]["E"]
    return [_choice("forward", lang, "error_after", ["up", "down"], "down" if down else "up")]


def training(tr, lang):
    return [_yes_no("train", lang, "rises", tr["rises"] > 0, beta=stated(tr["momentum"]))]


QUESTIONS = {
    "neuron-firing": neuron_firing, "perceptron": perceptron, "activation-functions": activations, "bias": bias,
    "forward-pass": forward_pass, "parameter-count": parameter_count, "cost-function": cost,
    "gradient-descent": gradient_descent, "learning-rates": learning_rates, "momentum-and-schedules": momentum,
    "backprop-output-layer": backprop_output, "backprop-hidden-layer": backprop_hidden,
    "weight-update": weight_update, "training": training,
}


def questions_for(scene_id: str, trace: dict, lang: str = "en") -> list[Question]:
    """The scene's prediction points (none for a scene without a natural one)."""
    fn = QUESTIONS.get(scene_id)
    return fn(trace, lang) if fn else []


# -- on the lecture page --------------------------------------------------------------------------------
PAGE = Path(__file__).parent / "page"


def scene_questions(entry, lang: str) -> list[Question]:
    """The questions of a rendered scene, from the trace of the parameters it was rendered with."""
    from nncore import get_trace
    from scenes import catalog

    spec = catalog.find(entry.scene)
    return questions_for(spec.id, get_trace(spec.trace, **entry.params), lang)


def points(deck: list[dict], asked: dict) -> dict:
    """{deck index: question} for each question whose beat the page has (a render without section
    clips has one beat per scene, and no point to pause at)."""
    found = {}
    for k, beat in enumerate(deck):
        for q in asked.get(beat["scene"], []):
            if q.beat == beat["name"]:
                found[str(k)] = q.to_dict()
    return found


def page_parts(deck: list[dict], asked: dict, lang: str, on: bool) -> str:
    """The presenter's questions as JSON and their style (predict.js itself is inlined with every
    other script of studio/page/ after lecture.js)."""
    ui = {k: text(f"predict.{k}", lang) for k in ("ask", "hint", "on", "off", "number")}
    blob = json.dumps({"on": bool(on), "points": points(deck, asked), "ui": ui}, ensure_ascii=False)
    blob = blob.replace("</", "<\\/")  # no "</script>" inside the script element
    return (f"<style>\n{(PAGE / 'predict.css').read_text()}</style>\n"
            f"<script type=\"application/json\" id=\"predictions\">{blob}</script>\n")


def _item(q: Question, with_answer: bool) -> str:
    choices = f" <span class=\"choices\">({' / '.join(html.escape(c) for c in q.choices)})</span>" if q.choices else ""
    answer = f" <strong>{html.escape(q.answer)}</strong>" if with_answer else ""
    return f"<li>{html.escape(q.question)}{choices if not with_answer else ''}{answer}</li>"


def handout(specs, asked: dict, lang: str, answers: bool) -> str:
    """Print only: every scene's questions on a page of their own before the scenes (whose transcripts
    say the answers), or with their answers at the end of the handout."""
    rows = [(s, asked.get(s.id, [])) for s in specs if asked.get(s.id)]
    if not rows:
        return ""
    kind, title = ("predict-answers", "predict.answers") if answers else ("predict-questions", "predict.heading")
    return (f"<section class=\"predict-print {kind}\"><h2>{html.escape(text(title, lang))}</h2>"
            + "".join(f"<h4>{html.escape(s.title(lang))}</h4><ol>" + "".join(_item(q, answers) for q in qs) + "</ol>"
                      for s, qs in rows) + "</section>")


def worksheet_links(out: Path, qdir: Path, lang: str) -> str:
    """Links to the worksheets `render.py worksheet` made in OUT for this language (none: nothing)."""
    from studio.worksheet import found

    made = found(out, lang)
    if not made:
        return ""
    rel = lambda p: html.escape(os.path.relpath(p, qdir))
    links = " · ".join(f"<a href=\"{rel(d / 'worksheet.pdf')}\">{html.escape(text('predict.worksheet', lang, seed=s))}</a>"
                       f" (<a href=\"{rel(d / 'answers.pdf')}\">{html.escape(text('predict.answer_key', lang))}</a>)"
                       for s, d in made)
    return f"<p class=\"worksheets\">{html.escape(text('predict.worksheets', lang))} {links}</p>"
