"""The lecture page (OUT/QUALITY/index.html) in a real browser: Debian's chromium driven by Playwright."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is installed by `make setup`")
def test_lecture_page_loads_in_a_real_browser(rendered):
    from playwright.sync_api import sync_playwright

    r = run_cli("lecture", "neuron-firing", "bias", "-q", "low", "--out", str(rendered))
    assert r.returncode == 0, r.stderr
    page_path = rendered / "low" / "index.html"
    assert 'src="/' not in page_path.read_text() and "file:" not in page_path.read_text()  # relative only
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_path.as_uri())
        page.wait_for_function("() => [...document.querySelectorAll('video')].every(v => v.readyState >= 1)",
                               timeout=15000)
        videos = page.evaluate("""() => [...document.querySelectorAll('video')].map(v => ({
            src: v.currentSrc, poster: v.poster, width: v.videoWidth, duration: v.duration,
            cues: v.textTracks.length && v.textTracks[0].cues ? v.textTracks[0].cues.length : 0}))""")
        browser.close()
    assert errors == []
    assert len(videos) == 2 + (rendered / "low" / "explainer.mp4").exists()  # scenes (+ the explainer)
    listed = {f["path"] for f in json.loads((rendered / "manifest.json").read_text())["entries"]["low/en/lecture"]["files"]}
    assert "low/index.html" in listed and any(p.startswith("low/formulas/") for p in listed)
    for v in videos:
        assert v["width"] == 854 and v["duration"] > 5 and v["cues"] > 0
        assert Path(v["src"].removeprefix("file://")).exists()



def run_cli(*args, timeout=600):
    return subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("media")
    r = run_cli("render", "neuron-firing", "bias", "-q", "low", "--out", str(out), "-j", "1")
    assert r.returncode == 0, r.stderr
    return out
