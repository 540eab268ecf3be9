"""`render.py slides`: a .pptx that python-pptx reads back and LibreOffice Impress opens."""
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import studio.cli  # noqa: F401  (first: studio.cli registers `slides` at its end)
from studio.cli import slides

SCENES = ("neuron-firing", "bias")


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("media")
    r = CliRunner().invoke(slides, [*SCENES, "-q", "low", "--out", str(out), "-j", "1"])
    assert r.exit_code == 0, r.output
    assert f"slides: {out / 'low' / 'slides.pptx'}" in r.output
    return out


def entry(out: Path, scene: str) -> dict:
    return json.loads((out / "manifest.json").read_text())["entries"][f"low/en/{scene}.mp4"]


def srt_cues(path: Path) -> list[tuple[float, str]]:
    """(start seconds, text) of each cue, read here without the code under test."""
    cues = []
    for block in path.read_text().strip().split("\n\n"):
        _, times, text = block.split("\n", 2)
        h, m, rest = times.split(" --> ")[0].split(":")
        cues.append((int(h) * 3600 + int(m) * 60 + float(rest.replace(",", ".")), text.replace("\n", " ")))
    return cues


P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def beat_slides(deck: Path):
    from pptx import Presentation

    prs = Presentation(str(deck / "low" / "slides.pptx"))
    return prs, list(prs.slides)[2:]


def last_frame(video: Path):
    """Every frame decoded from the start, the last one kept (no seeking: not how the code does it)."""
    import av

    with av.open(str(video)) as c:
        last = None
        for last in c.decode(video=0):
            pass
        return last.to_ndarray(format="rgb24").astype(float)


def picture(blob: bytes):
    import io

    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(blob)).convert("RGB")).astype(float)


@pytest.mark.slow
def test_every_beat_has_its_clip_full_slide_its_title_off_slide_and_its_caption_in_the_notes(deck):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs, slides_ = beat_slides(deck)
    sections = [(scene, s) for scene in SCENES for s in entry(deck, scene)["sections"]]
    assert len(slides_) == len(sections) > len(SCENES)
    for slide, (scene, section) in zip(slides_, sections):
        movies = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.MEDIA]
        assert len(movies) == 1 and len(slide.shapes) == 2
        m = movies[0]
        assert (m.left, m.top, m.width, m.height) == (0, 0, prs.slide_width, prs.slide_height)
        title = slide.shapes.title  # a real title placeholder, wholly above the slide
        assert title.text.startswith(catalog_title(scene)) and title.top + title.height <= 0
        parts = {r.reltype.rsplit("/", 1)[1]: r.target_part for r in slide.part.rels.values()}
        clip = deck / "low" / scene / section["file"]
        assert hashlib.sha256(parts["video"].blob).hexdigest() == hashlib.sha256(clip.read_bytes()).hexdigest()
        assert parts["image"].content_type == "image/png"
    notes = [s.notes_slide.notes_text_frame.text for s in slides_]
    assert notes[0] == "Title: A neuron fires past a threshold"
    said = " ".join(text for scene in SCENES for _, text in srt_cues(deck / "low" / f"{scene}.srt"))
    assert " ".join(n for n in notes if not n.startswith("Title: ")) == said  # each cue once, in order


def catalog_title(scene: str) -> str:
    return {"neuron-firing": "A neuron fires past a threshold", "bias": "The bias: a shift"}[scene]


@pytest.mark.slow
def test_every_beat_video_starts_with_its_slide(deck):
    """The timing tree of every beat slide, read as PowerPoint reads it: a main sequence whose first
    step begins with the sequence itself and, after nothing ('after previous', no delay), calls
    playFrom on this slide's movie. No step waits for a click."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    _, slides_ = beat_slides(deck)
    for slide in slides_:
        movie = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.MEDIA)
        timing = slide._element.find(f"{P}timing")
        ids = [int(c.get("id")) for c in timing.iter(f"{P}cTn")]
        assert len(ids) == len(set(ids))
        main = next(c for c in timing.iter(f"{P}cTn") if c.get("nodeType") == "mainSeq")
        first_step = main.find(f"{P}childTnLst/{P}par/{P}cTn")
        starts = first_step.find(f"{P}stCondLst")
        assert [(c.get("evt"), c.find(f"{P}tn").get("val")) for c in starts if c.get("evt")] == [
            ("onBegin", main.get("id"))]
        calls = list(first_step.iter(f"{P}cmd"))
        assert [c.get("cmd") for c in calls] == ["playFrom(0.0)"]
        effect = calls[0].getparent().getparent()
        assert effect.get("presetClass") == "mediacall" and effect.get("nodeType") in ("afterEffect", "withEffect")
        chain = [effect] + [a for a in effect.iterancestors(f"{P}cTn") if a is not main][:2]
        for node in chain[:2]:  # the effect and its group start at once
            assert [c.get("delay") for c in node.find(f"{P}stCondLst")] == ["0"]
        assert calls[0].find(f".//{P}spTgt").get("spid") == str(movie.shape_id)
        assert not [c for c in timing.iter(f"{P}cTn") if c.get("nodeType") == "clickEffect"]
        media = timing.find(f".//{P}video/{P}cMediaNode")
        assert media.find(f".//{P}spTgt").get("spid") == str(movie.shape_id)


@pytest.mark.slow
def test_posters_are_each_beats_last_frame(deck):
    import numpy as np

    _, slides_ = beat_slides(deck)
    sections = [(scene, s) for scene in SCENES for s in entry(deck, scene)["sections"]]
    for slide, (scene, section) in zip(slides_, sections):
        if section["name"] == "title":
            continue  # a title card fades out: its poster is the card itself
        parts = {r.reltype.rsplit("/", 1)[1]: r.target_part for r in slide.part.rels.values()}
        shown, last = picture(parts["image"].blob), last_frame(deck / "low" / scene / section["file"])
        assert shown.shape == last.shape and np.abs(shown - last).mean() < 1.0, section["file"]


@pytest.mark.slow
def test_title_and_dividers_are_in_the_clips_theme(deck):
    from pptx import Presentation

    prs = Presentation(str(deck / "low" / "slides.pptx"))
    assert prs.slide_width * 9 == prs.slide_height * 16
    title, divider = list(prs.slides)[:2]
    assert title.shapes.title.text == "The simple math behind neural networks"
    assert divider.shapes.title.text == "Chapter 1 · The neuron"  # both scenes are in chapter 1
    texts = [s.text_frame.text for s in divider.shapes if s.has_text_frame and s != divider.shapes.title]
    assert texts == ["A neuron fires past a threshold\nThe bias: a shift"]
    # the background is the clips' own: the colour of a video's corner pixel
    corner = last_frame(deck / "low" / "bias" / entry(deck, "bias")["sections"][1]["file"])[2, 2]
    for slide in (title, divider):
        fill = slide.background.fill.fore_color.rgb
        assert [abs(int(str(fill)[i:i + 2], 16) - corner[i // 2]) for i in (0, 2, 4)] == pytest.approx(
            [0, 0, 0], abs=6)
        assert contrast(str(slide.shapes.title.text_frame.paragraphs[0].runs[0].font.color.rgb), str(fill)) >= 4.5
        for shape in slide.shapes:  # 16:9, everything on the slide
            assert 0 <= shape.left and shape.left + shape.width <= prs.slide_width
            assert 0 <= shape.top and shape.top + shape.height <= prs.slide_height


@pytest.mark.slow
@pytest.mark.slow
def test_theme_light_makes_a_light_deck(tmp_path):
    from pptx import Presentation

    r = CliRunner().invoke(slides, ["bias", "--theme", "light", "-q", "low", "--out", str(tmp_path), "-j", "1"])
    assert r.exit_code == 0, r.output
    prs = Presentation(str(tmp_path / "low" / "slides.pptx"))
    corner = last_frame(tmp_path / "low" / "bias" / entry(tmp_path, "bias")["sections"][1]["file"])[2, 2]
    assert corner.min() > 240  # the clips are light...
    for slide in list(prs.slides)[:2]:  # ...and so are the title and the divider, with dark words
        fill = str(slide.background.fill.fore_color.rgb)
        assert [abs(int(fill[i:i + 2], 16) - corner[i // 2]) for i in (0, 2, 4)] == pytest.approx([0, 0, 0], abs=6)
        words = str(slide.shapes.title.text_frame.paragraphs[0].runs[0].font.color.rgb)
        assert contrast(words, fill) >= 4.5  # WCAG AA for text


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two RRGGBB colours."""
    def luminance(hex_):
        c = [int(hex_[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.slow
def test_the_manifest_lists_the_slides(deck):
    files = json.loads((deck / "manifest.json").read_text())["entries"]["low/en/slides"]["files"]
    assert [(f["path"], f["kind"]) for f in files] == [("low/slides.pptx", "slides")]


def impress(deck: Path, tmp_path: Path, fmt: str) -> Path:
    profile = tmp_path / "profile"  # its own profile: another soffice running does not take the job
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt,
                    "--outdir", str(tmp_path), str(deck / "low" / "slides.pptx")],
                   check=True, capture_output=True, timeout=180)
    return tmp_path / f"slides.{fmt}"


needs_impress = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice Impress: make setup installs it")


@pytest.mark.slow
@needs_impress
def test_impress_converts_every_slide_to_pdf(deck, tmp_path):
    info = subprocess.run(["pdfinfo", str(impress(deck, tmp_path, "pdf"))], capture_output=True, text=True, check=True)
    pages = int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))
    beats = sum(len(entry(deck, scene)["sections"]) for scene in SCENES)
    assert pages == 1 + 1 + beats  # title, one chapter divider, a slide per beat


@pytest.mark.slow
@needs_impress
def test_impress_reads_every_beat_video_as_playing_with_its_slide(deck, tmp_path):
    """Impress's own reading of the deck (converted to ODP): on each beat page, the main sequence's
    first step begins at 0 s and plays that page's movie 'after previous' — no click."""
    import zipfile

    from lxml import etree

    ns = {"draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
          "anim": "urn:oasis:names:tc:opendocument:xmlns:animation:1.0",
          "smil": "urn:oasis:names:tc:opendocument:xmlns:smil-compatible:1.0",
          "pres": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
          "xml": "http://www.w3.org/XML/1998/namespace"}
    with zipfile.ZipFile(impress(deck, tmp_path, "odp")) as z:
        root = etree.fromstring(z.read("content.xml"))
    pages = root.findall(".//draw:page", ns)
    beats = sum(len(entry(deck, scene)["sections"]) for scene in SCENES)
    assert len(pages) == 2 + beats
    q = lambda n, a: n.get(f"{{{ns[a.split(':')[0]]}}}{a.split(':')[1]}")
    for page in pages[2:]:
        movie = next(f for f in page.iter(f"{{{ns['draw']}}}frame") if f.find("draw:plugin", ns) is not None)
        plays = page.findall(".//anim:command[@anim:command='play']", ns)
        assert [q(c, "smil:targetElement") for c in plays] == [q(movie, "xml:id")]
        step = plays[0].getparent()
        assert q(step, "pres:node-type") in ("after-previous", "with-previous")
        seq = next(a for a in step.iterancestors() if q(a, "pres:node-type") == "main-sequence")
        for node in step.iterancestors():
            if node is seq:
                break
            assert q(node, "smil:begin") == "0s"  # nothing waits for a click or an event
        assert q(step, "smil:begin") == "0s"


def test_an_unknown_scene_is_refused_before_any_work(tmp_path):
    r = CliRunner().invoke(slides, ["neuron-firng", "--out", str(tmp_path)])
    assert r.exit_code == 2 and "did you mean 'neuron-firing'" in r.output
    assert not (tmp_path / "low").exists()
