"""Narration (issue 15): espeak-ng and recorded voices, timing that follows the voice, the track in
every output, loudness, caching, the narration script and bad input."""
import csv
import json
import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path

import av
import numpy as np
import pytest
from click.testing import CliRunner

from studio import narration, speech
from studio.captions import read_srt
from studio.cli import cli

ROOT = Path(__file__).resolve().parents[1]
R = narration.RATE
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="`make setup` installs espeak-ng")


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=900)


def entry(out: Path, key: str) -> dict:
    return json.loads((out / "manifest.json").read_text())["entries"][key]


def spans(e: dict) -> list[tuple[str, float, float]]:
    t, out = 0.0, []
    for s in e["sections"]:
        out.append((s["name"], t, t + s["duration"]))
        t += s["duration"]
    return out


def voiced(pcm: np.ndarray, a: float, b: float, level=0.01) -> bool:
    return bool(np.any(np.abs(pcm[int(a * R):int(b * R)]) > level))


def last_sound(pcm: np.ndarray, a: float, b: float, level=0.01) -> float | None:
    idx = np.flatnonzero(np.abs(pcm[int(a * R):int(b * R)]) > level)
    return a + idx[-1] / R if idx.size else None


# -- pure parts, milliseconds ---------------------------------------------------------------------------
@pytest.mark.parametrize("lang, text, said", [
    ("en", "μ1 = w_i x + b_i", "mu 1 equals w sub i x plus b sub i"),
    ("en", "∂E/∂w_o ≈ 0.0657", "partial E over partial w sub o approximately 0.0657"),
    ("en", "θ − 3 is -0.550 × η", "theta minus 3 is minus 0.550 times eta"),
    ("zh", "μ1 = w_i x + b_i", "缪1 等于 w 下标 i x 加 b 下标 i"),
    ("zh", "θ ≈ 3，误差 50%", "西塔 约等于 3，误差 百分之50"),
])
def test_speech_form_reads_symbols_as_words(lang, text, said):
    assert speech.speakable(text, lang) == said


def sine(amplitude: float, seconds: float, hz: float = 997.0, rate: int = R) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * hz * t)).astype(np.float32)


@pytest.mark.parametrize("rate", [R, narration.ESPEAK_RATE])
@pytest.mark.parametrize("amplitude", [1.0, 0.5, 0.1])
def test_loudness_of_a_sine_matches_bs1770(amplitude, rate):
    # BS.1770 is calibrated so that a full-scale 997 Hz sine reads -3.01 LUFS; loudness is 20 log10 in amplitude.
    level = narration.loudness(sine(amplitude, 3.0, rate=rate), rate)
    assert level == pytest.approx(20 * np.log10(amplitude) - 3.01, abs=0.05)


def test_k_weighting_at_48k_is_the_table_of_bs1770():
    # ITU-R BS.1770-4, tables 1 and 2: the filters are designed for any rate, the standard prints 48 kHz.
    (b1, a1), (b2, a2) = narration.k_filters(48000)
    np.testing.assert_allclose(b1, [1.53512485958697, -2.69169618940638, 1.19839281085285], atol=1e-9)
    np.testing.assert_allclose(a1, [1.0, -1.69065929318241, 0.73248077421585], atol=1e-9)
    np.testing.assert_allclose(b2, [1.0, -2.0, 1.0])
    np.testing.assert_allclose(a2, [1.0, -1.99004745483398, 0.99007225036621], atol=1e-9)


def test_normalise_reaches_the_target_without_clipping_and_keeps_silence():
    rng = np.random.default_rng(0)
    bursts = [np.zeros(R, np.float32)]
    for _ in range(6):  # speech-like: loud bursts with sharp peaks, then silence
        burst = rng.normal(0, 0.05, R // 2).astype(np.float32)
        burst[::6000] = 0.9
        bursts += [burst, np.zeros(R // 3, np.float32)]
    x = np.concatenate(bursts)
    y = narration.normalise(x)
    assert narration.loudness(y) == pytest.approx(narration.TARGET_LUFS, abs=0.3)
    assert np.abs(y).max() <= narration.PEAK + 1e-6
    assert np.all(y[x == 0] == 0)


def test_lay_puts_each_voice_at_its_section_start():
    clips = {"b": np.ones(R // 2, np.float32), "c": np.full(R, 0.5, np.float32)}
    track = narration.lay([("a", 1.0), ("b", 2.0), ("c", 1.5)], clips, 4.5)
    assert track.size == int(4.5 * R)
    assert not track[:R].any() and track[R:R + R // 2].min() == 1 and not track[R + R // 2:3 * R].any()
    assert track[3 * R:4 * R].min() == 0.5 and not track[4 * R:].any()


@needs_espeak
def test_a_beat_is_synthesised_once_per_text(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_EXPLAINER_CACHE", str(tmp_path))
    calls = []
    real = subprocess.run
    monkeypatch.setattr(narration.subprocess, "run", lambda cmd, **kw: calls.append(cmd) or real(cmd, **kw))
    voice = narration.parse("espeak")
    narration.espeak_version.cache_clear()
    spoken = [("a", "One beat."), ("b", "Another beat.")]
    first = narration.voices(spoken, "en", voice, {})
    n = len(calls)
    again = narration.voices(spoken, "en", voice, {})
    assert len(calls) == n and np.array_equal(first["a"], again["a"])  # cached: no espeak call
    narration.voices([("a", "One beat."), ("b", "A changed beat.")], "en", voice, {})
    assert len(calls) == n + 1  # only the changed caption is spoken again


# -- bad input --------------------------------------------------------------------------------------------
def test_bad_voices_are_one_line_errors(tmp_path):
    rec = tmp_path / "rec" / "bias"
    rec.mkdir(parents=True)
    (rec / "intro.wav").write_text("not audio")
    nowhere = tmp_path / "bin"
    nowhere.mkdir()
    for name in ("python", "latex", "dvisvgm"):
        if shutil.which(name):
            os.symlink(shutil.which(name), nowhere / name)
    cases = [
        (["--voice", "piper"], None, "unknown voice engine 'piper'"),
        (["--voice", "recorded:"], None, "recorded: needs a folder"),
        (["--voice", f"recorded:{tmp_path / 'missing'}"], None, "no such folder"),
        (["--voice", f"recorded:{tmp_path / 'rec'}"], None, "intro.wav: not readable audio"),
        (["--voice", "espeak"], {**os.environ, "PATH": str(nowhere)}, "espeak-ng is not installed: run `make setup`"),
    ]
    for args, env, message in cases:
        r = run_cli("render", "bias", "-q", "low", "--out", str(tmp_path / "out"), *args, env=env)
        lines = r.stderr.strip().splitlines()
        assert r.returncode == 2 and len(lines) == 1 and message in lines[0], r.stderr
    assert not (tmp_path / "out" / "low").exists()


# -- real renders -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def narrated(tmp_path_factory):
    out = tmp_path_factory.mktemp("narrated")
    r = run_cli("explainer", "perceptron", "bias", "-q", "low", "--voice", "espeak", "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


@needs_espeak
def test_every_beat_is_voiced_and_waits_for_its_voice(narrated):
    e = entry(narrated, "low/en/bias.mp4")
    video = narrated / "low" / "bias.mp4"
    with av.open(str(video)) as c:
        assert c.streams.audio and c.streams.audio[0].codec_context.name == "aac"
        assert c.streams.audio[0].rate == narration.ESPEAK_RATE  # espeak's 22.05 kHz needs no more
        v, a = c.streams.video[0], c.streams.audio[0]
        assert abs(float(a.duration * a.time_base) - float(v.duration * v.time_base)) <= 1 / 15
    pcm = narration.decode(video)
    assert narration.loudness(pcm) == pytest.approx(-16, abs=1.0) and np.abs(pcm).max() < 1.0
    cues = read_srt(video.with_suffix(".srt"))
    for cue in cues:
        assert voiced(pcm, cue.start, cue.end), cue.text
    for name, a, b in spans(e):
        end = last_sound(pcm, a, b)
        if name == "title":
            assert end is None  # no caption, no voice
            continue
        assert end is not None and end < b - 0.2, name  # the beat outlasts its voice: nothing is cut
        inside = [c for c in cues if a - 0.01 <= c.start < b - 0.01]
        assert inside and inside[0].start <= a + 0.1 and inside[-1].end <= b + 0.01  # cues follow the voice
    assert e["voice"]["voice"] == "en-us"


@needs_espeak
def test_section_clips_carry_their_own_slice_in_sync(narrated):
    e = entry(narrated, "low/en/bias.mp4")
    whole = narration.decode(narrated / "low" / "bias.mp4")
    for f, (name, a, b) in zip([f for f in e["files"] if f["kind"] == "section"], spans(e)):
        clip = narration.decode(narrated / f["path"])
        assert abs(clip.size / R - (b - a)) < 0.05, name
        n = min(clip.size, int((b - a) * R)) - 2048
        # the same voice at the same place (AAC is lossy: compare envelopes, not samples)
        env = lambda x: np.abs(x[:n]).reshape(-1, 1024).max(axis=1) if n > 1024 else np.zeros(1)  # noqa: E731
        m = (n // 1024) * 1024
        if m:
            assert np.abs(env(clip[:m]) - env(whole[int(a * R):int(a * R) + m])).max() < 0.15, name


@needs_espeak
def test_explainer_keeps_voice_and_picture_in_sync_at_every_chapter(narrated):
    q = narrated / "low"
    with av.open(str(q / "explainer.mp4")) as c:
        starts = [float(ch["start"] * ch["time_base"]) for ch in c.chapters()]
        assert c.streams.audio
    ex = narration.decode(q / "explainer.mp4")
    for scene, start in zip(("perceptron", "bias"), starts):
        own = narration.decode(q / f"{scene}.mp4")
        first = np.flatnonzero(np.abs(own) > 0.02)[0] / R
        there = np.flatnonzero(np.abs(ex[int(start * R):]) > 0.02)[0] / R
        assert abs(there - first) <= 1 / 15, scene  # within a frame


@needs_espeak
def test_mandarin_is_spoken_with_the_cmn_voice(tmp_path):
    r = run_cli("render", "bias", "-q", "low", "--lang", "zh", "--voice", "espeak", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    e = entry(tmp_path, "low/zh/bias.mp4")
    assert e["voice"]["voice"] == "cmn"
    pcm = narration.decode(tmp_path / "low" / "zh" / "bias.mp4")
    assert all(voiced(pcm, c.start, c.end) for c in read_srt(tmp_path / "low" / "zh" / "bias.srt"))


def tone(path: Path, seconds: float, hz: float = 440.0):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(22050)
        t = np.arange(int(seconds * 22050)) / 22050
        w.writeframes((0.3 * 32767 * np.sin(2 * np.pi * hz * t)).astype("<i2").tobytes())


def test_recordings_set_each_beat_and_a_missing_one_is_named(tmp_path):
    out = tmp_path / "out"
    r = run_cli("script", "bias", "--out", str(out))
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader((out / "narration-script.en.csv").open()))
    beats = [row["beat"] for row in rows]
    assert len(beats) >= 3 and all(row["text"] and float(row["picture_seconds"]) > 0 for row in rows)
    assert f"**{beats[0]}**" in (out / "narration-script.en.md").read_text()
    rec = tmp_path / "rec" / "bias"
    rec.mkdir(parents=True)
    lengths = {b: 14.0 + 0.5 * i for i, b in enumerate(beats[:-1])}  # longer than any beat's picture
    for b, seconds in lengths.items():
        tone(rec / f"{b}.wav", seconds)
    r = run_cli("render", "bias", "-q", "low", "--voice", f"recorded:{tmp_path / 'rec'}", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert f"no recording for {beats[-1]}" in r.stderr and "stretched" in r.stderr
    e = entry(out, "low/en/bias.mp4")
    with av.open(str(out / "low" / "bias.mp4")) as c:
        assert c.streams.audio[0].rate == narration.RATE  # a teacher's recording keeps its 48 kHz
    pcm = narration.decode(out / "low" / "bias.mp4")
    for name, a, b in spans(e):
        if name in lengths:
            # the tone sounds exactly from the beat's start for its length (within a frame), and the
            # beat holds the pause after it; a transition played between two beats may add to it
            assert abs(last_sound(pcm, a, b) - (a + lengths[name])) <= 1 / 15, name
            assert lengths[name] + 0.4 - 1 / 15 - 1e-3 <= b - a <= lengths[name] + 0.4 + 1.0, name
            assert voiced(pcm, a + 0.1, a + lengths[name] - 0.1)
        elif name == beats[-1]:
            assert not voiced(pcm, a, b)  # silence, held for reading as without a voice
    # the recordings are part of what makes the render up to date
    r = run_cli("render", "bias", "-q", "low", "--voice", f"recorded:{tmp_path / 'rec'}", "--out", str(out))
    assert "bias: up to date" in r.stdout
    tone(rec / f"{beats[0]}.wav", 15.0, hz=330.0)
    r = run_cli("render", "bias", "-q", "low", "--voice", f"recorded:{tmp_path / 'rec'}", "--out", str(out))
    assert r.returncode == 0 and "up to date" not in r.stdout


CHROMIUM = Path("/usr/bin/chromium")


@needs_espeak
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is installed by `make setup`")
def test_the_lecture_page_plays_the_voice_after_a_click(narrated):
    from playwright.sync_api import sync_playwright

    r = run_cli("lecture", "perceptron", "bias", "-q", "low", "--voice", "espeak", "--out", str(narrated))
    assert r.returncode == 0, r.stderr
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        page.goto((narrated / "low" / "index.html").as_uri())
        video = page.locator("video[src$='bias.mp4'], video:has(source[src$='bias.mp4'])").first
        video.scroll_into_view_if_needed()
        video.click()  # a user's first click: sound may start
        page.evaluate("""el => { el.muted = false; return el.play(); }""", video.element_handle())
        page.wait_for_function("el => el.currentTime > 4 && el.webkitAudioDecodedByteCount > 0",
                               arg=video.element_handle(), timeout=30000)
        browser.close()


@pytest.mark.parametrize("fmt, codec, pix, audio", [("mp4", "libx264", "yuv420p", "aac"),
                                                    ("webm", "libvpx-vp9", "yuva420p", "opus"),
                                                    ("mov", "qtrle", "argb", "aac")])
def test_every_container_gets_the_voice(tmp_path, fmt, codec, pix, audio):
    src, dest = tmp_path / f"in.{fmt}", tmp_path / f"out.{fmt}"
    with av.open(str(src), "w") as c:  # 2 s of picture, as Manim writes each format
        s = c.add_stream(codec, rate=15)
        s.width, s.height, s.pix_fmt = 64, 48, pix
        for i in range(30):
            rgba = np.full((48, 64, 4), i * 8, np.uint8)
            for pkt in s.encode(av.VideoFrame.from_ndarray(rgba, format="rgba")):
                c.mux(pkt)
        for pkt in s.encode(None):
            c.mux(pkt)
    narration.mux(src, sine(0.3, 2.0), dest, fmt)
    with av.open(str(dest)) as c:
        assert [st.codec_context.name for st in c.streams] == [c.streams.video[0].codec_context.name, audio]
        frames = sum(1 for _ in c.decode(video=0))
    heard = narration.decode(dest)
    assert frames == 30 and abs(heard.size / R - 2.0) < 0.03
    assert narration.loudness(heard) == pytest.approx(20 * np.log10(0.3) - 3.01, abs=0.3)  # the codec keeps the level
