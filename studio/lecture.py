"""A self-contained lecture page: OUT/QUALITY/index.html with every scene's video, captions,
description, formulas and section clips. Relative paths only, so the folder can be copied anywhere."""
from __future__ import annotations

import base64
import html
import os
import shutil
from pathlib import Path

from studio import atomic
from studio.explainer import record
from studio.layout import cache_root

from scenes import catalog
from scenes.formulas import FORMULAS
from scenes.strings import text_for
from studio.layout import quality_dir

LANGUAGE_NAMES = {"en": "English", "zh": "中文"}
STYLE = """
body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#1d2330;line-height:1.5}
h1{margin-bottom:.2em} nav ol{columns:2} article{margin:2.5em 0;border-top:1px solid #dde2ea;padding-top:1em}
video{width:100%;max-width:854px;background:#101318;border-radius:6px}
.formulas img{display:block;margin:.6em 0;max-width:100%;height:2em}
details{margin-top:.5em} .meta{color:#6b7385;font-size:.9em}
"""


def formula_svgs(qdir: Path, scene_id: str) -> list[str]:
    """Render the scene's formulas to SVG files beside the page (LaTeX via Manim's tex writer)."""
    from manim import MathTex, tempconfig
    from manim.utils.tex_file_writing import tex_to_svg_file

    folder = qdir / "formulas"
    folder.mkdir(exist_ok=True)
    names = []
    with tempconfig({"media_dir": str(cache_root() / "lecture"), "verbosity": "ERROR"}):
        for i, tex in enumerate(FORMULAS.get(scene_id, [])):
            svg = tex_to_svg_file(tex, environment="align*", tex_template=MathTex("x").tex_template)
            name = f"{scene_id}-{i}.svg"
            with atomic.temporary(folder / name) as tmp:
                shutil.copyfile(svg, tmp)
            names.append(f"formulas/{name}")
    return names


def build(out: Path, quality: str, lang: str, entries: dict) -> Path:
    qdir = quality_dir(Path(out), quality, lang)
    rel = lambda p: os.path.relpath(Path(out) / p, qdir)  # noqa: E731
    title = text_for("series.title", lang)
    parts = [f"<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">",
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{html.escape(title)}</title>",
             f"<style>{STYLE}</style></head><body>", f"<h1>{html.escape(title)}</h1>"]
    if (qdir / "explainer.mp4").exists():
        parts.append(_video(qdir, "explainer.mp4", None, "explainer.vtt" if (qdir / "explainer.vtt").exists() else None, lang))
    parts.append("<nav><ol>" + "".join(f"<li><a href=\"#{s.id}\">{html.escape(s.title(lang))}</a></li>"
                                       for s in catalog.SCENES if s.id in entries) + "</ol></nav>")
    for chapter in catalog.CHAPTERS:
        specs = [s for s in catalog.SCENES if s.chapter == chapter and s.id in entries]
        if not specs:
            continue
        parts.append(f"<section id=\"chapter-{chapter}\"><h2>{html.escape(catalog.chapter_title(chapter, lang))}</h2>")
        for s in specs:
            parts.append(_article(s, entries[s.id], qdir, rel, lang))
        parts.append("</section>")
    parts.append("</body></html>\n")
    page = qdir / "index.html"
    atomic.write_text(page, "\n".join(parts))
    formulas = sorted((qdir / "formulas").glob("*.svg")) if (qdir / "formulas").exists() else []
    record(Path(out), quality, lang, "lecture", {page: "page", **{f: "formula" for f in formulas}})
    return page


def _track_src(qdir: Path, track: str) -> str:
    """Captions inlined as a data: URL: browsers refuse to load a .vtt beside a page opened
    from file:// (a USB stick), but accept it inline. The .vtt file stays for other players."""
    data = base64.b64encode((qdir / track).read_bytes()).decode()
    return f"data:text/vtt;base64,{data}"


def _video(qdir, src, poster, track, lang) -> str:
    poster_attr = f" poster=\"{html.escape(poster)}\"" if poster else ""
    track_tag = (f"<track kind=\"captions\" src=\"{_track_src(qdir, track)}\" srclang=\"{lang}\" "
                 f"label=\"{LANGUAGE_NAMES.get(lang, lang)}\" default>" if track else "")
    return (f"<video controls preload=\"metadata\"{poster_attr}><source src=\"{html.escape(src)}\" "
            f"type=\"video/mp4\">{track_tag}</video>")


def _article(spec, entry, qdir, rel, lang) -> str:
    files = {f.kind: f for f in entry.files if f.kind != "section"}
    vtt = next((f for f in entry.files if f.path.endswith(".vtt")), None)
    out = [f"<article id=\"{spec.id}\"><h3>{html.escape(spec.title(lang))}</h3>",
           f"<p>{html.escape(spec.description(lang))}</p>",
           _video(qdir, rel(files["video"].path), rel(files["poster"].path) if "poster" in files else None,
                  rel(vtt.path) if vtt else None, lang),
           f"<p class=\"meta\">{entry.duration:.0f} s · {entry.width}×{entry.height}</p>"]
    svgs = formula_svgs(qdir, spec.id)
    if svgs:
        out.append("<div class=\"formulas\">" + "".join(
            f"<img src=\"{s}\" alt=\"{html.escape(t)}\">" for s, t in zip(svgs, FORMULAS[spec.id])) + "</div>")
    clips = entry.of_kind("section")
    if clips:
        out.append("<details><summary>Section clips</summary><ol>" + "".join(
            f"<li><a href=\"{html.escape(rel(c.path))}\">{html.escape(c.section)}</a> "
            f"<span class=\"meta\">{c.duration:.1f} s</span></li>" for c in clips) + "</ol></details>")
    out.append("</article>")
    return "\n".join(out)
