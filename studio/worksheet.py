"""Worksheets to print: OUT/worksheets/[LANG/]seed-N/ worksheet.html|pdf and answers.html|pdf.

The exercises come from nncore/exercises.py (the scenes' own computations with new inputs from the
seed); every step of the answer key is written by `shown_equation`, so its "=" holds for the numbers
printed. PDFs are printed by headless Chromium (as the lecture page's handout) and made
reproducible: the dates Chromium writes are replaced by a fixed one, so the same seed gives the same
bytes.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from nncore import exercises as ex
from scenes import catalog
from scenes.strings.practice import text
from studio import atomic
from studio.shown import MINUS, show, shown_equation

FONTS = {"en": '"DejaVu Sans", sans-serif',
         # Latin and maths from DejaVu Sans (Noto CJK lacks x₁ and wₒ, and its · is full width),
         # Chinese from Noto Sans CJK SC
         "zh": '"DejaVu Sans", "Noto Sans CJK SC", sans-serif'}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
FIXED_DATE = b"D:20000101000000+00'00'"   # what every PDF date becomes (same length as Chromium's)
PDF_DATE = re.compile(rb"D:\d{14}[+\-Z]\d{2}'\d{2}'")


# -- names and expressions as printed ------------------------------------------------------------------
SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
LABELS = {
    "perceptron": {"s": "w₁x₁ + w₂x₂ + w₃x₃"},
    "sigmoid": {"u": "e⁻ᶻ", "s": "σ(z)", "d": "σ′(z)"},
    "forward": {"z3": "z", "h1": "h₁", "h2": "h₂"},
    "neuron": {"total": "x₁ + x₂"},
    "cost": {"S": "Σ(ŷ − y)²", "C": "C"},
    "count": {"total": "P"},
    "descent": {"g0": "C′(θ₀)", "g1": "C′(θ₁)"},
}
CHAIN = {"mu1": "μ₁", "mu2": "μ₂", "dE_dO": "∂E/∂O", "dO_dmu2": "∂O/∂μ₂", "dh_dmu1": "∂h/∂μ₁", "g_w_o": "∂E/∂wₒ",
         "g_w_i": "∂E/∂wᵢ", "delta": "∂E/∂μ₂", "w_o_new": "new wₒ", "b_o_new": "new bₒ", "w_o": "wₒ", "b_o": "bₒ",
         "w_i": "wᵢ", "b_i": "bᵢ"}


def label(kind: str, name: str) -> str:
    if name in LABELS.get(kind, {}):
        return LABELS[kind][name]
    if name in CHAIN:
        return CHAIN[name]
    m = re.fullmatch(r"(theta|yhat|sq|eta|[a-zA-Z]+?)(\d*)", name)
    base, digits = m.groups() if m else (name, "")
    base = {"theta": "θ", "yhat": "ŷ", "eta": "η", "sq": "r", "p": "P", "n": "n"}.get(base, base)
    return base + digits.translate(SUB) + ("²" if name.startswith("sq") else "")


def _neg(t: str) -> bool:
    return t.startswith(MINUS)


def _factor(t: str) -> str:
    return f"({t})" if _neg(t) else t


def _terms(terms: list[str]) -> str:
    """'a + b − c' from printed numbers (or products) with their own signs."""
    out = terms[0]
    for t in terms[1:]:
        out += f" − {t[1:]}" if _neg(t) else f" + {t}"
    return out


def _products(t: list[str]) -> list[str]:
    return [f"{t[i]}·{_factor(t[i + 1])}" for i in range(0, len(t) - 1, 2)]


def _exp_neg(z: str) -> str:
    return f"e<sup>{z[1:] if _neg(z) else MINUS + z}</sup>"


EXPRESSIONS = {
    "add": _terms,
    "sub": lambda t: f"{t[0]} − {_factor(t[1])}",
    "mul": lambda t: " · ".join(_factor(v) for v in t),
    "div": lambda t: f"{t[0]} / {_factor(t[1])}",
    "square": lambda t: f"{_factor(t[0])}²",
    "dot": lambda t: _terms(_products(t)),
    "affine": lambda t: _terms(_products(t) + [t[-1]]),
    "line": lambda t: _terms([t[0], f"{t[1]}·{_factor(t[2])}"]),
    "exp_neg": lambda t: _exp_neg(t[0]),
    "recip_1p": lambda t: f"1/(1 + {t[0]})",
    "sigmoid": lambda t: f"σ({t[0]}) = 1/(1 + {_exp_neg(t[0])})",
    "s_1ms": lambda t: f"{t[0]} · (1 − {t[0]})",
    "layer": lambda t: f"{t[0]}·{t[1]} + {t[1]}",
    "half_mean": lambda t: f"{t[0]} / (2·{t[1]})",
    "update": lambda t: f"{t[0]} − {t[1]}·{_factor(t[2])}",
}


def step_line(exercise: ex.Exercise, step: ex.Step, lang: str) -> str:
    """One worked step as HTML."""
    values = exercise.values()
    operands = [values[u] for u in step.uses]
    if step.op == "gt":
        key = "sheet.fire_rule" if step.value else "sheet.silent_rule"
        return html.escape(text(key, lang, total=show(operands[0]), threshold=show(operands[1])))
    if step.op == "step":
        return html.escape(text("sheet.step_rule", lang, z=show(operands[0]), cmp=">" if step.value else "<",
                                a=show(step.value)))
    lhs = html.escape(label(exercise.kind, step.name))
    return shown_equation(lhs, EXPRESSIONS[step.op], operands, step.value, ex.OPS[step.op]).text


def answer_text(exercise: ex.Exercise, lang: str) -> str:
    parts = []
    for name in exercise.answer:
        step = next(s for s in exercise.steps if s.name == name)
        if step.op == "gt":
            parts.append(text("sheet.fires" if step.value else "sheet.silent", lang))
        else:
            value = show(step.value)
            rel = "=" if ex.short(step.value) else "≈"
            parts.append(f"{label(exercise.kind, name)} {rel} {value}")
    return html.escape(", ".join(parts))


def question(exercise: ex.Exercise, lang: str) -> str:
    """The question as printed (plain text): every given value in it."""
    g = exercise.given
    fields = {k: show(v) for k, v in g.items()}
    if exercise.kind == "count":
        fields["shape"] = "-".join(show(g[f"n{i}"]) for i in range(exercise.extra["layers"]))
    if exercise.kind == "cost":
        fields["points"] = ", ".join(f"({show(g[f'x{i + 1}'])}, {show(g[f'y{i + 1}'])})"
                                     for i in range(exercise.extra["points"]))
    return text(f"ex.{exercise.kind}", lang, **fields)


# -- the pages -------------------------------------------------------------------------------------------
def sheets(scenes: list[str], seed: int, count: int, lang: str) -> dict[str, str]:
    """{'worksheet.html': ..., 'answers.html': ...} for these scene ids."""
    exercises = ex.sheet(scenes, seed, count)
    n_total = len(exercises)
    head = [f"<p class=\"meta\">{html.escape(text('sheet.meta', lang, seed=seed, count=n_total))}</p>"]
    work = [f"<h1>{html.escape(text('sheet.title', lang))}</h1>", f"<p class=\"name\">{html.escape(text('sheet.name', lang))}</p>"] + head
    keys = [f"<h1>{html.escape(text('sheet.answers_title', lang))}</h1>"] + head + \
        [f"<p class=\"note\">{html.escape(text('sheet.note', lang))}</p>"]
    n, scene = 0, None
    for e in exercises:
        heading = ""
        if e.scene != scene:  # inside the first exercise's block: a scene's title never ends a page
            scene = e.scene
            heading = f"<h2>{html.escape(catalog.find(scene).title(lang))}</h2>"
        n += 1
        heading += f"<h3>{html.escape(text('sheet.exercise', lang, n=n))}</h3>"
        q = html.escape(question(e, lang))
        work.append(f"<section class=\"exercise\" data-kind=\"{e.kind}\">{heading}<p>{q}</p>"
                    f"<div class=\"space\" style=\"height:{_space(e)}em\"></div>"
                    f"<p class=\"answer-line\">{html.escape(text('sheet.answer_line', lang))}</p></section>")
        steps = "".join(f"<li>{step_line(e, s, lang)}</li>" for s in e.steps)
        keys.append(f"<section class=\"exercise\" data-kind=\"{e.kind}\">{heading}<p class=\"q\">{q}</p>"
                    f"<ol class=\"steps\">{steps}</ol>"
                    f"<p class=\"answer\">{html.escape(text('sheet.answer', lang, answer=''))}"
                    f"<strong>{answer_text(e, lang)}</strong></p></section>")
    return {"worksheet.html": _document(text("sheet.title", lang), lang, work),
            "answers.html": _document(text("sheet.answers_title", lang), lang, keys)}


def _space(e: ex.Exercise) -> float:
    """Room to work in: about a line per step."""
    return round(1.6 * len(e.steps) + 1, 1)


CSS = """@page{size:A4;margin:16mm}
body{font-family:%s;color:#111;line-height:1.45;font-size:11pt;max-width:48em;margin:0 auto;padding:1em}
h1{font-size:1.5em;margin:0 0 .3em} h2{font-size:1.15em;margin:1.2em 0 .3em;border-bottom:1px solid #bbb}
h3{font-size:1em;margin:.8em 0 .2em} p{margin:.3em 0}
.meta,.note{color:#444;font-size:.9em} .name{margin:.6em 0}
.exercise{break-inside:avoid} .space{border-left:2px solid #eee}
.answer-line{border-bottom:1px solid #999;padding-bottom:.2em}
.steps{margin:.2em 0;padding-left:2.4em} .steps li{margin:.1em 0;font-variant-numeric:tabular-nums}
.q{color:#333}
@media print{body{padding:0;max-width:none}}
"""


def _document(title: str, lang: str, body: list[str]) -> str:
    return (f"<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n<style>\n{CSS % FONTS[lang]}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


# -- printing --------------------------------------------------------------------------------------------
def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def fixed_dates(pdf: bytes) -> bytes:
    """Chromium writes the print time as the PDF's creation and modification dates: replaced, byte
    for byte of the same length, so the cross-reference offsets stay right."""
    return PDF_DATE.sub(FIXED_DATE, pdf)


def print_pdfs(pages: dict[Path, Path]) -> None:
    """Each HTML file printed to its PDF (A4), written whole or not at all."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for src, dest in pages.items():
                page.goto(src.absolute().as_uri())
                page.evaluate("document.fonts.ready")
                data = fixed_dates(page.pdf(format="A4", print_background=True, prefer_css_page_size=True))
                with atomic.temporary(dest) as tmp:
                    tmp.write_bytes(data)
        finally:
            browser.close()


def folder(out: Path, seed: int, lang: str) -> Path:
    base = Path(out) / "worksheets"
    return (base if lang == "en" else base / lang) / f"seed-{seed}"


def build(out: Path, scenes: list[str], seed: int, count: int, lang: str) -> dict[str, Path]:
    """Write the two pages and their PDFs; returns {file name: path}."""
    dest = folder(out, seed, lang)
    dest.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, page in sheets(scenes, seed, count, lang).items():
        atomic.write_text(dest / name, page)
        written[name] = dest / name
    pdfs = {written[n]: dest / n.replace(".html", ".pdf") for n in list(written)}
    print_pdfs(pdfs)
    written.update({p.name: p for p in pdfs.values()})
    return written


def found(out: Path, lang: str) -> list[tuple[int, Path]]:
    """The worksheets made in OUT for this language, by seed (for the lecture page's links)."""
    base = folder(out, 0, lang).parent
    seeds = []
    for d in sorted(base.glob("seed-*")) if base.is_dir() else []:
        m = re.fullmatch(r"seed-(\d+)", d.name)
        if m and (d / "worksheet.pdf").exists():
            seeds.append((int(m.group(1)), d))
    return sorted(seeds)[:100]  # a page of links, not a directory listing
