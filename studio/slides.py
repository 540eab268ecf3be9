"""`render.py slides`: OUT/QUALITY/slides.pptx for PowerPoint and Impress.

A title slide, a divider per chapter (its title and its scenes), then one slide per beat: the
beat's section clip full-slide, starting by itself when the slide is shown (a clicker is all a
teacher needs), its last frame as the poster (what the slide sorter and a PDF show; a title beat's card half way), a title kept
off the slide for outlines and screen readers, and what the beat says in the speaker notes.
Title and dividers are drawn in the clips' own theme (dark, or light with --theme light).

`render.py slides` (studio/cli.py) renders what is not up to date, then calls `build`.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from scenes import catalog
from scenes.kit import palette
from scenes.strings import text_for
from studio import atomic
from studio.explainer import record
from studio.layout import quality_dir
from studio.lecture import beats, poster_time
from studio.stills import frame_at

WIDE = (12192000, 6858000)  # 16:9 in EMU (13.333 x 7.5 in), PowerPoint's default widescreen
TITLE_ONLY = 5  # python-pptx's default template: a title placeholder and nothing else
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def colours(theme: str) -> dict:
    """The slide colours of a theme, from the palette the clips are drawn with."""
    swap = palette.LIGHT if theme == "light" else {}
    return {name: swap.get(value, value) for name, value in
            (("background", palette.BACKGROUND), ("text", palette.TEXT), ("dim", palette.DIM),
             ("accent", palette.POSITIVE))}


def autoplay_timing(shape_id: int, duration_ms: int) -> str:
    """The slide's timing tree in PowerPoint's own form for a video set to "Start: Automatically":
    the main sequence begins with the slide (`onBegin` of node 2) and at once calls playFrom(0.0)
    on the movie ("after previous", no delay); the media node itself waits for that call.
    python-pptx writes only the media node, started by a click on the shape (its issue #427);
    manim-slides' PPTX export patches the same node's start, this writes the whole tree."""
    target = f'<p:tgtEl><p:spTgt spid="{shape_id}"/></p:tgtEl>'
    slide = '<p:tgtEl><p:sldTgt/></p:tgtEl>'
    return (
        f'<p:timing xmlns:p="{P}"><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot">'
        '<p:childTnLst><p:seq concurrent="1" nextAc="seek"><p:cTn id="2" dur="indefinite" nodeType="mainSeq">'
        '<p:childTnLst><p:par><p:cTn id="3" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>'
        '<p:cond evt="onBegin" delay="0"><p:tn val="2"/></p:cond></p:stCondLst><p:childTnLst>'
        '<p:par><p:cTn id="4" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>'
        '<p:par><p:cTn id="5" presetID="1" presetClass="mediacall" presetSubtype="0" fill="hold" '
        'nodeType="afterEffect"><p:stCondLst><p:cond delay="0"/></p:stCondLst><p:childTnLst>'
        f'<p:cmd type="call" cmd="playFrom(0.0)"><p:cBhvr><p:cTn id="6" dur="{duration_ms}" fill="hold"/>{target}'
        '</p:cBhvr></p:cmd></p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn></p:par>'
        '</p:childTnLst></p:cTn></p:par></p:childTnLst></p:cTn>'
        f'<p:prevCondLst><p:cond evt="onPrev" delay="0">{slide}</p:cond></p:prevCondLst>'
        f'<p:nextCondLst><p:cond evt="onNext" delay="0">{slide}</p:cond></p:nextCondLst></p:seq>'
        '<p:video><p:cMediaNode vol="80000"><p:cTn id="7" fill="hold" display="0"><p:stCondLst>'
        '<p:cond delay="indefinite"/></p:stCondLst><p:endCondLst><p:cond evt="onStopAudio" delay="0">'
        f'{slide}</p:cond></p:endCondLst></p:cTn>{target}</p:cMediaNode></p:video>'
        '</p:childTnLst></p:cTn></p:par></p:tnLst></p:timing>')


def set_autoplay(slide, movie, duration_s: float) -> None:
    """Replace the click-to-play timing python-pptx wrote with one that plays with the slide."""
    from lxml import etree

    root = slide.element  # the slide's XML (python-pptx has no API for timing)
    for old in root.findall(f"{{{P}}}timing"):
        root.remove(old)
    timing = etree.fromstring(autoplay_timing(movie.shape_id, max(1, round(duration_s * 1000))))
    # the schema's order: cSld, clrMapOvr, transition, timing, extLst
    ext = root.find(f"{{{P}}}extLst")
    if ext is not None:
        ext.addprevious(timing)
    else:
        root.append(timing)


def _fill(slide, colour: str) -> None:
    from pptx.dml.color import RGBColor

    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))


def _text(frame, lines, size_pt: float, colour: str, bold=False, align=None) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        if align is not None:
            para.alignment = align
        for run in para.runs:
            run.font.size, run.font.bold = Pt(size_pt), bold
            run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))


def _titled(deck, theme: dict, title: str, box) -> object:
    """A Title Only slide in the theme's background with its title placeholder at `box` (EMU)."""
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    _fill(slide, theme["background"])
    head = slide.shapes.title
    head.left, head.top, head.width, head.height = box
    head.text_frame.text = title
    return slide


def title_slide(deck, theme: dict, title: str, subtitle: str) -> None:
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu

    w, h = WIDE
    slide = _titled(deck, theme, title, (Emu(w // 12), Emu(h * 3 // 10), Emu(w * 10 // 12), Emu(h // 4)))
    _text(slide.shapes.title.text_frame, [title], 44, theme["text"], bold=True, align=PP_ALIGN.CENTER)
    sub = slide.shapes.add_textbox(Emu(w // 12), Emu(h * 11 // 20), Emu(w * 10 // 12), Emu(h // 8))
    _text(sub.text_frame, [subtitle], 24, theme["dim"], align=PP_ALIGN.CENTER)


def divider_slide(deck, theme: dict, title: str, scenes: list[str]) -> None:
    from pptx.util import Emu

    w, h = WIDE
    slide = _titled(deck, theme, title, (Emu(w // 12), Emu(h // 6), Emu(w * 10 // 12), Emu(h // 6)))
    _text(slide.shapes.title.text_frame, [title], 40, theme["accent"], bold=True)
    body = slide.shapes.add_textbox(Emu(w // 12), Emu(h * 2 // 5), Emu(w * 10 // 12), Emu(h // 2))
    _text(body.text_frame, scenes, 26, theme["text"])


def beat_slide(deck, theme: dict, title: str, clip: Path, poster: Path, duration: float, notes: str) -> None:
    from pptx.util import Emu

    w, h = WIDE
    # the title sits just above the slide: outlines, navigators and screen readers have it, the audience not
    slide = _titled(deck, theme, title, (Emu(0), Emu(-h // 6 - h // 50), Emu(w), Emu(h // 6)))
    _text(slide.shapes.title.text_frame, [title], 20, theme["dim"])
    movie = slide.shapes.add_movie(str(clip), 0, 0, w, h, poster_frame_image=str(poster), mime_type="video/mp4")
    movie.name = title
    set_autoplay(slide, movie, duration)
    slide.notes_slide.notes_text_frame.text = notes


def build(out: Path, quality: str, lang: str, entries: list, theme: str = "dark") -> Path:
    """`entries`: the scenes' manifest entries (mp4, with section clips), in series order."""
    from pptx import Presentation

    out = Path(out)
    look = colours(theme)
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE
    specs = [catalog.find(e.scene) for e in entries]
    chapters = list(dict.fromkeys(s.chapter for s in specs))
    title_slide(deck, look, text_for("series.title", lang),
                " · ".join(catalog.chapter_title(c, lang) for c in chapters) if len(chapters) <= 2
                else f"{catalog.chapter_title(chapters[0], lang)} … {catalog.chapter_title(chapters[-1], lang)}")
    with tempfile.TemporaryDirectory(prefix="slides-") as scratch:
        chapter = None
        for entry, spec in zip(entries, specs):
            if spec.chapter != chapter:
                chapter = spec.chapter
                divider_slide(deck, look, catalog.chapter_title(chapter, lang),
                              [s.title(lang) for s in specs if s.chapter == chapter])
            scene_beats = beats(out, entry, lang)
            for n, beat in enumerate(scene_beats):
                clip = out / beat.clip
                poster = Path(scratch) / f"{entry.scene}-{n}.png"
                frame_at(clip, poster_time(beat, n)).save(poster)
                beat_slide(deck, look, f"{spec.title(lang)} ({n + 1}/{len(scene_beats)})", clip, poster,
                           beat.end - beat.start, beat.caption)
        dest = quality_dir(out, quality, lang) / "slides.pptx"
        with atomic.temporary(dest) as tmp:
            deck.save(str(tmp))
    record(out, quality, lang, "slides", {dest: "slides"})
    return dest
