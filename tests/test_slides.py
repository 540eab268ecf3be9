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


def test_every_beat_has_its_clip_full_slide_and_its_caption_in_the_notes(deck):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = Presentation(str(deck / "low" / "slides.pptx"))
    shown = list(prs.slides)
    assert shown[0].shapes.title.text == "The simple math behind neural networks"
    assert shown[1].shapes.title.text == "Chapter 1 · The neuron"  # both scenes are in chapter 1
    beat_slides = shown[2:]
    sections = [(scene, s) for scene in SCENES for s in entry(deck, scene)["sections"]]
    assert len(beat_slides) == len(sections) > len(SCENES)
    for slide, (scene, section) in zip(beat_slides, sections):
        movies = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.MEDIA]
        assert len(movies) == 1 and len(slide.shapes) == 1
        m = movies[0]
        assert (m.left, m.top, m.width, m.height) == (0, 0, prs.slide_width, prs.slide_height)
        parts = {r.reltype.rsplit("/", 1)[1]: r.target_part for r in slide.part.rels.values()}
        clip = deck / "low" / scene / section["file"]
        assert hashlib.sha256(parts["video"].blob).hexdigest() == hashlib.sha256(clip.read_bytes()).hexdigest()
        assert parts["image"].content_type == "image/png" and len(parts["image"].blob) > 1000  # its poster
    notes = [s.notes_slide.notes_text_frame.text for s in beat_slides]
    assert notes[0] == "Title: A neuron fires past a threshold"
    said = " ".join(text for scene in SCENES for _, text in srt_cues(deck / "low" / f"{scene}.srt"))
    assert " ".join(n for n in notes if not n.startswith("Title: ")) == said  # each cue once, in order


def test_the_manifest_lists_the_slides(deck):
    files = json.loads((deck / "manifest.json").read_text())["entries"]["low/en/slides"]["files"]
    assert [(f["path"], f["kind"]) for f in files] == [("low/slides.pptx", "slides")]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice Impress: make setup installs it")
def test_impress_converts_every_slide_to_pdf(deck, tmp_path):
    profile = tmp_path / "profile"  # its own profile: another soffice running does not take the job
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(deck / "low" / "slides.pptx")],
                   check=True, capture_output=True, timeout=180)
    info = subprocess.run(["pdfinfo", str(tmp_path / "slides.pdf")], capture_output=True, text=True, check=True)
    pages = int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))
    beats = sum(len(entry(deck, scene)["sections"]) for scene in SCENES)
    assert pages == 1 + 1 + beats  # title, one chapter divider, a slide per beat


def test_an_unknown_scene_is_refused_before_any_work(tmp_path):
    r = CliRunner().invoke(slides, ["neuron-firng", "--out", str(tmp_path)])
    assert r.exit_code == 2 and "did you mean 'neuron-firing'" in r.output
    assert not (tmp_path / "low").exists()
