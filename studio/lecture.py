"""A self-contained lecture page: OUT/QUALITY/index.html, to teach from.

An overview (the explainer with clickable chapters; per scene: poster, description, key formulas,
its beats in an in-page player, a transcript; a print stylesheet for a handout: sentences by beat
beside each beat's picture, printed on light), a presenter mode (one beat at a time, driven by a
keyboard or a clicker, its place in the address: #present/57) and a speaker view (the same page as
#speaker in a second window). The page's CSS and scripts (studio/page/) are inlined and every path
is relative, so the folder works from file:// wherever it is copied.
"""
from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from scenes import catalog
from scenes.formulas import FORMULAS
from scenes.strings import text_for
from studio import atomic, captions
from studio import predictions as predict
from studio.explainer import record
from studio.layout import cache_root, quality_dir
from studio.speech import SYMBOLS
from studio.stills import frame_at

PAGE_ASSETS = Path(__file__).parent / "page"
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}
PX_PER_PT = 2.5  # formula size: TeX's 10 pt type comes out 25 px, display size beside 16 px text

UI = {
    "en": {"present": "Present", "present_here": "Present from here", "whole": "The whole series",
           "contents": "Contents", "beats": "Beats", "transcript": "Transcript", "formulas": "Key formulas",
           "chapters": "Chapters", "title_beat": "Title: ", "presenter": "Presenter",
           "prev": "Previous beat", "replay": "Replay this beat", "next": "Next beat", "captions": "Captions",
           "fullscreen": "Full screen", "black": "Black screen", "leave": "Leave",
           "sound": "Click for sound", "beat_of": "beat {n} of {total}", "seconds": "{s:.0f} s",
           "lesson_of": "{n} of {total}", "keys": "Presenter keys", "speaker": "Speaker view",
           "first": "First beat", "last": "Last beat", "chapter": "Jump to that chapter",
           "end": "End of the lesson", "end_hint": "← goes back to the last beat, Esc leaves.",
           "now": "Now", "next_up": "Next", "elapsed": "Elapsed", "no_audience": "The audience window is closed.",
           "beat_picture": "Beat {n}: {title}"},
    "zh": {"present": "演示", "present_here": "从这里演示", "whole": "整个系列",
           "contents": "目录", "beats": "片段", "transcript": "文字稿", "formulas": "关键公式",
           "chapters": "章节", "title_beat": "标题：", "presenter": "演示模式",
           "prev": "上一段", "replay": "重播本段", "next": "下一段", "captions": "字幕",
           "fullscreen": "全屏", "black": "黑屏", "leave": "退出",
           "sound": "点击开启声音", "beat_of": "第 {n} 段，共 {total} 段", "seconds": "{s:.0f} 秒",
           "lesson_of": "全课第 {n} 段，共 {total} 段", "keys": "演示按键", "speaker": "演讲者视图",
           "first": "第一段", "last": "最后一段", "chapter": "跳到该章",
           "end": "本课结束", "end_hint": "← 回到最后一段，Esc 退出。",
           "now": "当前", "next_up": "下一段", "elapsed": "已用时间", "no_audience": "观众窗口已关闭。",
           "beat_picture": "第 {n} 段：{title}"},
}


# The presenter's keys: one table, read by the page's script, its key list and the README.
# (what is shown, KeyboardEvent.key values, the action, its UI label)
KEYS = (
    ("→ Space PageDown", ("ArrowRight", " ", "PageDown"), "next"),
    ("← PageUp", ("ArrowLeft", "PageUp"), "prev"),
    ("R", ("r",), "replay"),
    ("Home", ("Home",), "first"),
    ("End", ("End",), "last"),
    ("1–9", tuple("123456789"), "chapter"),
    ("S", ("s",), "speaker"),
    ("B", ("b",), "black"),
    ("C", ("c",), "captions"),
    ("F", ("f",), "fullscreen"),
    ("Esc", ("Escape",), "leave"),
)


def key_rows(lang: str) -> list[tuple[str, str]]:
    """(keys, what they do) in the page's language."""
    return [(shown, UI[lang][act]) for shown, _, act in KEYS]


def key_markdown(lang: str = "en") -> str:
    """The README's key list (a test checks that README.md holds exactly this)."""
    return "".join(f"- {shown}: {label.lower() if lang == 'en' else label}\n" for shown, label in key_rows(lang))


# -- beats: a scene's sections with what each one says -------------------------------------------
@dataclass
class Beat:
    scene: str
    name: str
    start: float               # seconds into the scene's video
    end: float
    clip: str                  # the section clip (or the whole video), relative to the output folder
    caption: str               # what the beat says: its cues' text, one line
    cues: list                 # [start, end, text] relative to the beat's start


def scene_cues(out: Path, entry) -> list[captions.Cue]:
    srt = next((f for f in entry.files if f.path.endswith(".srt")), None)
    return captions.read_srt(Path(out) / srt.path) if srt else []


def beats(out: Path, entry, lang: str) -> list[Beat]:
    """The entry's sections in order; a cue belongs to the beat that holds its middle (cues never
    straddle a section: captions are added per beat), the title beat says the scene's title."""
    cues = scene_cues(out, entry)
    clips = {f.section: f.path for f in entry.of_kind("section")}
    sections = [(s.name, s.duration) for s in entry.sections if s.name in clips]
    if not sections:  # renders without section clips: the whole video is one beat
        sections, clips = [("all", entry.duration)], {"all": entry.file("video").path}
    result, t = [], 0.0
    for name, length in sections:
        mine = [c for c in cues if t <= (c.start + c.end) / 2 < t + length]
        text = run_together((c.text for c in mine), lang)
        if not text:
            text = UI[lang]["title_beat"] + catalog.find(entry.scene).title(lang) if name == "title" else name
        result.append(Beat(entry.scene, name, t, t + length, clips[name], text,
                           [[round(c.start - t, 3), round(c.end - t, 3), c.text] for c in mine]))
        t += length
    return result


def poster_time(beat: Beat, n: int) -> float:
    """The state a beat leaves: its last frame. A title card fades out at its end, so the title
    beat shows its card half way instead (the slides' posters and the page's beat pictures)."""
    length = beat.end - beat.start
    return length / 2 if n == 0 and beat.name == "title" else length


_SENTENCE_END = {"en": re.compile(r"(?<=[.!?])\s+(?=\S)"), "zh": re.compile(r"(?<=[。！？])")}


def sentences_by_beat(scene_beats: list[Beat], lang: str) -> list[list[str]]:
    """The scene's spoken text cut into whole sentences, each given to the beat it starts in
    (a caption cue may end mid-sentence; a printed transcript should not)."""
    text, starts = "", []
    for b in scene_beats:
        said = run_together((c[2] for c in b.cues), lang)
        if said:
            text += ("" if not text or lang == "zh" else " ")
            starts.append(len(text))
            text += said
        else:
            starts.append(None)
    result = [[] for _ in scene_beats]
    pos = 0
    for piece in [p for p in _SENTENCE_END[lang].split(text) if p.strip()]:
        at = text.index(piece, pos)
        pos = at + len(piece)
        owner = max((i for i, s in enumerate(starts) if s is not None and s <= at), default=0)
        result[owner].append(piece.strip())
    return result


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def run_together(texts, lang: str) -> str:
    """Caption lines run together: Chinese needs no space between them, except where a line
    break falls inside Latin text or a formula ("x" / "= 0")."""
    lines = [line for t in texts for line in t.split("\n")]
    if lang != "zh":
        return " ".join(lines)
    out = ""
    for line in lines:
        if out and line and not _CJK.match(out[-1]) and not _CJK.match(line[0]):
            out += " "
        out += line
    return out


# -- formulas: LaTeX to SVG at its own size, and to words for a screen reader ---------------------
def formula_svgs(qdir: Path, scene_id: str) -> list[tuple[str, float, float]]:
    """The scene's formulas as SVG files beside the page: (relative path, width px, height px)."""
    from manim import tempconfig

    from manimcompat import formula_svg

    folder = qdir / "formulas"
    folder.mkdir(exist_ok=True)
    found = []
    with tempconfig({"media_dir": str(cache_root() / "lecture"), "verbosity": "ERROR"}):
        for i, tex in enumerate(FORMULAS.get(scene_id, [])):
            svg = formula_svg(tex)
            name = f"{scene_id}-{i}.svg"
            with atomic.temporary(folder / name) as tmp:
                shutil.copyfile(svg, tmp)
            w, h = svg_size_pt(Path(svg).read_text())
            found.append((f"formulas/{name}", round(w * PX_PER_PT), round(h * PX_PER_PT)))
    return found


def svg_size_pt(svg: str) -> tuple[float, float]:
    """dvisvgm writes width="..pt" height="..pt"; the viewBox is the fallback."""
    head = svg[:svg.index(">", svg.index("<svg"))]
    size = [re.search(rf"\b{a}=[\"']([\d.]+)(pt)?[\"']", head) for a in ("width", "height")]
    if all(size):
        return float(size[0].group(1)), float(size[1].group(1))
    box = [float(v) for v in re.search(r"viewBox=[\"']([^\"']+)[\"']", head).group(1).split()]
    return box[2], box[3]


WORDS = {
    "en": {"=": " equals ", "+": " plus ", "-": " minus ", ">": " is greater than ", "<": " is less than ",
           ":=": " becomes ", "'": " prime", ",": ", ", r"\Rightarrow": ", so ", r"\forall": " for all ", r"\exists": " there is ",
           r"\in": " in ", r"\pi": " pi ", r"\nabla": " the gradient of ", r"\min": " min ", r"\max": " max ",
           r"\cos": " cosine ", r"\tanh": " tanh ", r"\sum": " the sum ", r"\cdot": " times ",
           r"\Delta": " delta ", r"\approx": " is about ",
           "over": "{a} over {b}", "fraction": " the fraction {a}, over {b}, end of fraction ",
           "sub": "{a} sub {b}", "squared": "{a} squared", "power": "{a} to the power {b}",
           "super": "{a} superscript {b}", "hat": "{a} hat", "sum": " the sum over {a} of ",
           "sum_range": " the sum for {a} to {b} of ", "abs": " the absolute value of {a} ",
           "case": "{a} if {b}", "dot": " point ",
           "gradient": " the gradient with respect to {a} of "},
    "zh": {"=": " 等于 ", "+": " 加 ", "-": " 减 ", ">": " 大于 ", "<": " 小于 ", ":=": " 更新为 ",
           "'": " 导数", ",": "，", r"\Rightarrow": "，则 ", r"\forall": " 对所有 ", r"\exists": " 存在 ", r"\in": " 属于 ",
           r"\pi": " 派 ", r"\nabla": " 梯度 ", r"\min": " 最小 ", r"\max": " 最大 ", r"\cos": " 余弦 ", r"\tanh": " 双曲正切 ",
           r"\sum": " 求和 ", r"\cdot": " 乘 ", r"\Delta": " 德尔塔 ", r"\approx": " 约等于 ",
           "over": "{b} 分之 {a}", "fraction": " 分数：{b} 分之 {a}，分数结束 ", "sub": "{a} 下标 {b}",
           "squared": "{a} 的平方", "power": "{a} 的 {b} 次方", "super": "{a} 上标 {b}", "hat": "{a} 帽",
           "sum": " 对 {a} 求和 ", "sum_range": " 从 {a} 到 {b} 求和 ", "abs": " {a} 的绝对值 ",
           "case": "当 {b} 时为 {a}", "dot": " 点 ", "gradient": " 对 {a} 的梯度 "},
}
# The Greek letters (and the partial sign) are read as the voice reads them (studio/speech.py).
TEX_LETTERS = {r"\sigma": "σ", r"\varphi": "φ", r"\theta": "θ", r"\eta": "η", r"\beta": "β", r"\mu": "μ",
               r"\varepsilon": "ε", r"\partial": "∂"}
for _lang, _words in WORDS.items():
    _said = dict(SYMBOLS[_lang])
    _words.update({tex: f" {_said[letter].strip()} " for tex, letter in TEX_LETTERS.items()})
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|:=|[{}^_&|]|\s+|.")
_SILENT = {r"\Big", r"\big", r"\Bigg", r"\left", r"\right", r"\,", r"\;", r"\!", r"\ ", r"\quad", r"\qquad",
           r"\mathrm", r"\text", r"\operatorname", r"\begin", r"\end", r"\tfrac", r"\frac", r"\dfrac", r"\hat"}


def tex_words(tex: str, lang: str = "en") -> str:
    """A formula as words a screen reader speaks ("sigma of z" rather than "backslash sigma").

    A small reader for the LaTeX the series writes (scenes/formulas.py): fractions, sub- and
    superscripts, sums, hats, cases, Greek letters and relations; anything else is read as written."""
    words = WORDS[lang]
    tokens = [t for t in _TOKEN.findall(tex.replace(r"\\", "&&")) if t]
    pos = 0

    def group() -> str:  # one argument: {…} or a single token
        nonlocal pos
        while pos < len(tokens) and tokens[pos].isspace():
            pos += 1
        if pos >= len(tokens):
            return ""
        t = tokens[pos]
        pos += 1
        if t == "{":
            return seq(until="}")
        return atom(t)

    def atom(t: str) -> str:
        nonlocal pos
        if t in (r"\frac", r"\tfrac", r"\dfrac"):
            a, b = group().strip(), group().strip()
            simple = len(a.split()) == 1 and len(b.split()) == 1
            return " " + words["over" if simple else "fraction"].format(a=a, b=b) + " "
        if t == r"\hat":
            return " " + words["hat"].format(a=group().strip()) + " "
        if t in (r"\text", r"\mathrm", r"\operatorname"):
            return " " + group() + " "
        if t == r"\begin" and group().strip() == "cases":  # rows of "value & condition", read "value if condition"
            rows = [r.split(" & ") for r in re.split(r"\s*&\s*&\s*", seq(until=r"\end"))]
            group()  # \end's {cases}
            return ("; " if lang == "en" else "；").join(
                words["case"].format(a=r[0].strip(), b=r[1].strip()) if len(r) == 2 else " ".join(r) for r in rows)
        if t == r"\nabla" and pos < len(tokens) and tokens[pos] == "_":
            pos += 1
            return words["gradient"].format(a=group().strip())
        if t == r"\sum":
            low = high = ""
            while pos < len(tokens) and tokens[pos] in ("_", "^"):
                mark = tokens[pos]
                pos += 1
                if mark == "_":
                    low = group().strip()
                else:
                    high = group().strip()
            if low and high:
                return words["sum_range"].format(a=low, b=high)
            return words["sum"].format(a=low) if low else words[r"\sum"]
        if t in _SILENT or t.isspace():
            return " "
        return words.get(t, t)

    def seq(until: str | None = None) -> str:
        nonlocal pos
        out = ""
        in_abs = False
        while pos < len(tokens):
            t = tokens[pos]
            pos += 1
            if t == until:
                break
            if t in ("^", "_"):
                arg = group().strip()
                base = out.rstrip()
                if t == "_":
                    out = words["sub"].format(a=base, b=arg) + " "
                elif arg == "2":
                    out = words["squared"].format(a=base) + " "
                elif arg.startswith("(") and arg.endswith(")"):
                    out = words["super"].format(a=base, b=arg[1:-1].strip()) + " "
                else:
                    out = words["power"].format(a=base, b=arg) + " "
                continue
            if t == "|":
                if in_abs:  # the closing bar: read what it encloses as one argument
                    start = out.rindex("\x00")
                    out = out[:start] + words["abs"].format(a=out[start + 1:].strip())
                else:
                    out += "\x00"
                in_abs = not in_abs
                continue
            if t == "&":
                out += " & "
                continue
            if t == "{":
                out += seq(until="}")
                continue
            out += atom(t)
        return out

    text = seq().replace("&", " ")  # alignment marks of align*
    text = re.sub(r"(?<=\d)\.(?=\d)", words["dot"].strip(), text)
    return re.sub(r"\s+([,，;；])", r"\1", re.sub(r"\s+", " ", text)).strip()


# -- the explainer: its chapters and a poster ------------------------------------------------------
def explainer_chapters(video: Path) -> list[tuple[float, float, str]]:
    """The chapter marks the explainer carries (the file itself says which scenes it joined)."""
    import av

    with av.open(str(video)) as c:
        return [(float(ch["start"] * ch["time_base"]), float(ch["end"] * ch["time_base"]), ch["metadata"]["title"])
                for ch in c.chapters()]


def save_png(image, dest: Path) -> None:
    with atomic.temporary(dest) as tmp:
        image.save(tmp, format="PNG")


# -- the page --------------------------------------------------------------------------------------
BEAT_PICTURE_WIDTH = 960  # the speaker view's next picture and the handout's beat pictures


def beat_pictures(out: Path, qdir: Path, scene_id: str, scene_beats: list[Beat]) -> list[Path]:
    """Each beat's picture (the state it leaves), at most BEAT_PICTURE_WIDTH wide, beside the page."""
    folder = qdir / "beats"
    folder.mkdir(exist_ok=True)
    found = []
    for n, b in enumerate(scene_beats):
        dest = folder / f"{scene_id}-{n:02d}.png"
        found.append(dest)
        if dest.exists() and dest.stat().st_mtime_ns > (out / b.clip).stat().st_mtime_ns:
            continue  # made from this very clip (a render replaces a clip with a newer file)
        image = frame_at(out / b.clip, poster_time(b, n))
        if image.width > BEAT_PICTURE_WIDTH:
            image = image.resize((BEAT_PICTURE_WIDTH, round(image.height * BEAT_PICTURE_WIDTH / image.width)))
        save_png(image, dest)
    return found


def build(out: Path, quality: str, lang: str, entries: dict, predict_on: bool = True) -> Path:
    out = Path(out)
    qdir = quality_dir(out, quality, lang)
    rel = lambda p: os.path.relpath(out / p, qdir)  # noqa: E731
    ui = UI[lang]
    title = text_for("series.title", lang)
    specs = [s for s in catalog.SCENES if s.id in entries]
    deck, files = [], {}
    asked = {s.id: predict.scene_questions(entries[s.id], lang) for s in specs}  # prediction points
    body = [f"<header><h1>{_e(title)}</h1>",
            (f"<p class=\"start\"><button type=\"button\" class=\"present\" data-present=\"0\">▶ {_e(ui['present'])}"
             f"</button></p>{_key_list(lang)}{predict.worksheet_links(out, qdir, lang)}</header><main id=\"main\">")]
    explainer = qdir / "explainer.mp4"
    if explainer.exists():
        poster = qdir / "explainer.png"
        first = entries[specs[0].id] if specs else None
        # the first chapter's title card, half way through its title beat
        save_png(frame_at(explainer, first.sections[0].duration / 2 if first and first.sections else 1.0),
                 poster)
        files[poster] = "poster"
        body.append(_explainer(qdir, lang, ui))
    body.append(predict.handout(specs, asked, lang, answers=False))
    body.append(f"<nav aria-labelledby=\"contents\"><h2 id=\"contents\">{_e(ui['contents'])}</h2><ol class=\"toc\">"
                + "".join(f"<li><a href=\"#{s.id}\">{_e(s.title(lang))}</a></li>" for s in specs) + "</ol></nav>")
    for chapter in catalog.CHAPTERS:
        mine = [s for s in specs if s.chapter == chapter]
        if not mine:
            continue
        body.append(f"<section id=\"chapter-{chapter}\" aria-labelledby=\"chapter-{chapter}-title\">"
                    f"<h2 id=\"chapter-{chapter}-title\">{_e(catalog.chapter_title(chapter, lang))}</h2>")
        for s in mine:
            entry = entries[s.id]
            scene_beats = beats(out, entry, lang)
            pictures = beat_pictures(out, qdir, s.id, scene_beats)
            files.update({p: "beat-picture" for p in pictures})
            pictures = [os.path.relpath(p, qdir) for p in pictures]
            first_beat = len(deck)
            deck += [dict(asdict(b), clip=rel(b.clip), poster=pic, chapter=chapter, title=s.title(lang),
                          chapter_title=catalog.chapter_title(chapter, lang)) for b, pic in zip(scene_beats, pictures)]
            body.append(_article(s, entry, scene_beats, pictures, first_beat, qdir, rel, lang))
        body.append("</section>")
    body.append(predict.handout(specs, asked, lang, answers=True) + "</main>" + _presenter(ui) + _speaker(ui))
    page = qdir / "index.html"
    atomic.write_text(page, _document(title, lang, ui, deck, "\n".join(body), predict.page_parts(deck, asked, lang, predict_on)))
    formulas = sorted((qdir / "formulas").glob("*.svg")) if (qdir / "formulas").exists() else []
    record(out, quality, lang, "lecture", {page: "page", **files, **{f: "formula" for f in formulas}})
    return page


def _key_list(lang: str) -> str:
    ui = UI[lang]
    return (f"<details class=\"keys\"><summary>{_e(ui['keys'])}</summary><dl>"
            + "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(label)}</dd></div>" for k, label in key_rows(lang))
            + "</dl></details>")


def _e(text) -> str:
    return html.escape(str(text))


def _clock(t: float) -> str:
    return f"{int(t // 60)}:{int(t % 60):02d}"


def _document(title, lang, ui, deck, body, extra="") -> str:
    strings = {k: ui[k] for k in ("beat_of", "lesson_of", "sound", "captions", "no_audience", "end", "speaker",
                                  "beat_picture")} | {
        "lang": lang, "language": LANGUAGE_NAMES[lang]}
    keys = {key: act for _, values, act in KEYS for key in values}
    data = json.dumps({"beats": deck, "ui": strings, "keys": keys}, ensure_ascii=False).replace("</", "<\\/")
    css = (PAGE_ASSETS / "lecture.css").read_text()
    # lecture.js first, then any other script beside it (e.g. predict.js), which hooks into `window.lecture`
    scripts = sorted(PAGE_ASSETS.glob("*.js"), key=lambda p: (p.name != "lecture.js", p.name))
    script = "\n".join(p.read_text() for p in scripts)
    return (f"<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\n"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{_e(title)}</title>\n"
            f"<style>\n{css}</style></head>\n<body>\n{body}\n"
            f"{extra}<script type=\"application/json\" id=\"deck\">{data}</script>\n<script>\n{script}</script>\n</body></html>\n")


def _track(qdir: Path, vtt: str | None, lang: str) -> str:
    """Captions inlined as a data: URL: browsers refuse to load a .vtt beside a page opened
    from file:// (a USB stick), but accept it inline. The .vtt file stays for other players."""
    if not vtt or not (qdir / vtt).exists():
        return ""
    data = base64.b64encode((qdir / vtt).read_bytes()).decode()
    return (f"<track kind=\"captions\" src=\"data:text/vtt;base64,{data}\" srclang=\"{lang}\" "
            f"label=\"{LANGUAGE_NAMES.get(lang, lang)}\" default>")


def _video(qdir, vid, src, poster, vtt, lang, label) -> str:
    poster_attr = f" poster=\"{_e(poster)}\"" if poster else ""
    track = _track(qdir, vtt, lang)
    # captions are drawn in a band below the picture (the script fills it), never over it
    band = f"<p class=\"cue-band\" data-video=\"{vid}\"></p>" if track else ""
    return (f"<video id=\"{vid}\" controls preload=\"metadata\" playsinline{poster_attr} aria-label=\"{_e(label)}\">"
            f"<source src=\"{_e(src)}\" type=\"video/mp4\">{track}</video>{band}")


def _segments(video_id, rows, stop: bool, label: str, fps: float | None = None) -> str:
    """Buttons that play a stretch of a video: chapters (play on) or beats (stop at the end)."""
    items = "".join(f"<li><button type=\"button\" data-start=\"{a:.3f}\" data-end=\"{b:.3f}\">"
                    f"<span class=\"time\">{_clock(a)}</span> {_e(text)}</button></li>" for a, b, text in rows)
    return (f"<ol class=\"segments\" data-video=\"{video_id}\" data-stop=\"{int(stop)}\" data-fps=\"{fps or ''}\" aria-label=\"{_e(label)}\">"
            f"{items}</ol>")


def _explainer(qdir, lang, ui) -> str:
    chapters = explainer_chapters(qdir / "explainer.mp4")
    vtt = "explainer.vtt" if (qdir / "explainer.vtt").exists() else None
    return (f"<section class=\"explainer\" aria-labelledby=\"whole\"><h2 id=\"whole\">{_e(ui['whole'])}</h2>"
            f"<div class=\"pair\"><div class=\"player\">"
            f"{_video(qdir, 'explainer', 'explainer.mp4', 'explainer.png', vtt, lang, ui['whole'])}</div>"
            f"<div><h3>{_e(ui['chapters'])}</h3>{_segments('explainer', chapters, False, ui['chapters'])}</div>"
            f"</div></section>")


def _article(spec, entry, scene_beats, pictures, first_beat, qdir, rel, lang) -> str:
    ui = UI[lang]
    poster = entry.file("poster")
    vtt = next((f for f in entry.files if f.path.endswith(".vtt")), None)
    vid = f"video-{spec.id}"
    out = [f"<article id=\"{spec.id}\" aria-labelledby=\"{spec.id}-title\">",
           f"<h3 id=\"{spec.id}-title\">{_e(spec.title(lang))}</h3><div class=\"pair\"><div class=\"player\">",
           _video(qdir, vid, rel(entry.file("video").path), rel(poster.path) if poster else None,
                  rel(vtt.path) if vtt else None, lang, spec.title(lang)),
           "</div><div class=\"about\">",
           f"<p>{_e(spec.description(lang))}</p>",
           f"<p class=\"meta\">{_e(ui['seconds'].format(s=entry.duration))} · {entry.width}×{entry.height}</p>",
           f"<p><button type=\"button\" class=\"present\" data-present=\"{first_beat}\">▶ "
           f"{_e(ui['present_here'])}</button></p>",
           f"<h4 class=\"screen\">{_e(ui['beats'])}</h4>"
           + _segments(vid, [(b.start, b.end, b.caption) for b in scene_beats], True,
                       f"{ui['beats']}: {spec.title(lang)}", entry.file("video").fps),
           "</div></div>"]
    svgs = formula_svgs(qdir, spec.id)
    if svgs:
        out.append(f"<h4>{_e(ui['formulas'])}</h4><div class=\"formulas\">" + "".join(
            f"<img src=\"{_e(src)}\" width=\"{w}\" height=\"{h}\" alt=\"{_e(tex_words(tex, lang))}\">"
            for (src, w, h), tex in zip(svgs, FORMULAS[spec.id])) + "</div>")
    # by beat, each a paragraph of whole sentences, with the beat's picture for the handout
    gap = "" if lang == "zh" else " "
    out.append(f"<details class=\"transcript\"><summary>{_e(ui['transcript'])}</summary>" + "".join(
        f"<div class=\"beat-note\"><img class=\"beat-picture\" src=\"{_e(pic)}\" alt=\"\">"
        f"<p>{_e(gap.join(said))}</p></div>"
        for pic, said in zip(pictures, sentences_by_beat(scene_beats, lang)) if said) + "</details>")
    out.append("</article>")
    return "\n".join(out)


def _presenter(ui) -> str:
    PRESSED = ' aria-pressed="true"'  # noqa: N806 (no backslash inside an f-string before 3.12)
    tools = "".join(f"<button type=\"button\" data-act=\"{act}\" aria-label=\"{_e(ui[act])}\" title=\"{_e(ui[act])}\""
                    f"{PRESSED if act == 'captions' else ''}>{icon}</button>"
                    for act, icon in (("prev", "◀"), ("replay", "↻"), ("next", "▶"), ("captions", "CC"),
                                      ("speaker", "S"), ("black", "■"), ("fullscreen", "⤢"), ("leave", "✕")))
    return (f"<dialog id=\"presenter\" aria-label=\"{_e(ui['presenter'])}\">"
            "<div class=\"stage\" tabindex=\"-1\" autofocus><video class=\"beat on\" playsinline preload=\"auto\"></video>"
            "<video class=\"beat\" playsinline preload=\"auto\"></video>"
            "<p class=\"caption\" aria-live=\"off\"></p>"
            f"<div class=\"end\" hidden><h2>{_e(ui['end'])}</h2><p>{_e(ui['end_hint'])}</p></div></div>"
            f"<div class=\"bar\"><p class=\"progress\" aria-live=\"polite\"></p><div class=\"tools\">{tools}</div></div>"
            f"<button type=\"button\" class=\"sound\" hidden>{_e(ui['sound'])}</button>"
            "<div class=\"blackout\" hidden></div></dialog>")


def _speaker(ui) -> str:
    """The speaker view's layout: the same page opened as index.html#speaker fills it (key S)."""
    tools = "".join(f"<button type=\"button\" data-act=\"{act}\">{_e(ui[act])}</button>" for act in ("prev", "next"))
    return (f"<div id=\"speaker\" hidden><header class=\"where\"><p class=\"position\"></p>"
            f"<p class=\"elapsed\" aria-label=\"{_e(ui['elapsed'])}\"></p></header>"
            f"<section class=\"now\" aria-labelledby=\"now\"><h2 id=\"now\">{_e(ui['now'])}</h2>"
            "<p class=\"cue\"></p><p class=\"said\"></p></section>"
            f"<section class=\"next\" aria-labelledby=\"next-up\"><h2 id=\"next-up\">{_e(ui['next_up'])}</h2>"
            "<img alt=\"\"><p class=\"next-title\"></p></section>"
            f"<p class=\"tools\">{tools}</p><p class=\"status\" role=\"status\"></p></div>")
