"""`render.py slides`: OUT/QUALITY/slides.pptx for PowerPoint and Impress.

A title slide, a divider per chapter, then one slide per beat: the beat's section clip full-slide
(its poster frame shows until it plays) and what the beat says in the speaker notes.

`render.py slides` (studio/cli.py) renders what is not up to date, then calls `build`.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from scenes import catalog
from scenes.strings import text_for
from studio import atomic
from studio.explainer import record
from studio.layout import QUALITIES, quality_dir
from studio.lecture import beats, grab_frame

WIDE = (12192000, 6858000)  # 16:9 in EMU (13.333 x 7.5 in), PowerPoint's default widescreen
TITLE, SECTION, BLANK = 0, 2, 6  # layouts of python-pptx's default template


def build(out: Path, quality: str, lang: str, entries: list) -> Path:
    """`entries`: the scenes' manifest entries (mp4, with section clips), in series order."""
    from pptx import Presentation

    out = Path(out)
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE
    title = deck.slides.add_slide(deck.slide_layouts[TITLE])
    title.shapes.title.text = text_for("series.title", lang)
    title.placeholders[1].text = QUALITIES[quality].label
    with tempfile.TemporaryDirectory(prefix="slides-") as scratch:
        chapter = None
        for entry in entries:
            spec = catalog.find(entry.scene)
            if spec.chapter != chapter:
                chapter = spec.chapter
                divider = deck.slides.add_slide(deck.slide_layouts[SECTION])
                divider.shapes.title.text = catalog.chapter_title(chapter, lang)
                divider.placeholders[1].text = "\n".join(
                    s.title(lang) for s in (catalog.find(e.scene) for e in entries) if s.chapter == chapter)
            for n, beat in enumerate(beats(out, entry, lang)):
                clip = out / beat.clip
                # a title card fades in from black: its poster is the card itself, half way
                poster = Path(scratch) / f"{entry.scene}-{n}.png"
                grab_frame(clip, (beat.end - beat.start) / 2 if n == 0 else 0.0).save(poster)
                slide = deck.slides.add_slide(deck.slide_layouts[BLANK])
                movie = slide.shapes.add_movie(str(clip), 0, 0, *WIDE, poster_frame_image=str(poster),
                                               mime_type="video/mp4")
                movie.name = f"{spec.title(lang)} {n + 1}"
                slide.notes_slide.notes_text_frame.text = beat.caption
        dest = quality_dir(out, quality, lang) / "slides.pptx"
        with atomic.temporary(dest) as tmp:
            deck.save(str(tmp))
    record(out, quality, lang, "slides", {dest: "slides"})
    return dest
