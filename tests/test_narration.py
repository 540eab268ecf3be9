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

from studio import joining, narration, piper_voice
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
def sine(amplitude: float, seconds: float, hz: float = 997.0, rate: int = R) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def ebur128(pcm: np.ndarray, rate: int) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) by ffmpeg's own meter, the ebur128 filter (libavfilter, as
    `ffmpeg -af ebur128=peak=true` runs it; here through PyAV's build): an oracle independent of
    the project's meter."""
    from fractions import Fraction

    graph = av.filter.Graph()
    src = graph.add_abuffer(format="flt", sample_rate=rate, layout="mono", time_base=Fraction(1, rate))
    meter, sink = graph.add("ebur128", "peak=true:metadata=1"), graph.add("abuffersink")
    src.link_to(meter)
    meter.link_to(sink)
    graph.configure()
    last = {}
    for i in range(0, pcm.size, 4096):
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(pcm[i:i + 4096], np.float32).reshape(1, -1),
                                           format="flt", layout="mono")
        frame.sample_rate, frame.pts = rate, i
        src.push(frame)
        while True:
            try:
                last = sink.pull().metadata
            except (av.error.BlockingIOError, av.error.EOFError):
                break
    return float(last["lavfi.r128.I"]), 20 * np.log10(float(last["lavfi.r128.true_peak"]))


@pytest.mark.parametrize("rate", [R, narration.TTS_RATE])
@pytest.mark.parametrize("amplitude", [1.0, 0.5, 0.1])
def test_loudness_of_a_sine_matches_bs1770(amplitude, rate):
    # BS.1770 is calibrated so that a full-scale 997 Hz sine reads -3.01 LUFS; loudness is 20 log10 in
    # amplitude. EBU Tech 3341 allows a meter ±0.1 LU (pyloudnorm reads 0.05 LU low at 24 kHz).
    level = narration.loudness(sine(amplitude, 3.0, rate=rate), rate)
    assert level == pytest.approx(20 * np.log10(amplitude) - 3.01, abs=0.1)


def speechlike(rate: int) -> np.ndarray:
    """Loud bursts with sharp peaks between samples (a 0.9 click next to a -0.9 one), then silence."""
    rng = np.random.default_rng(0)
    bursts = [np.zeros(rate, np.float32)]
    for _ in range(6):
        burst = rng.normal(0, 0.05, rate // 2).astype(np.float32)
        burst[::rate // 8] = 0.9
        burst[1::rate // 8] = -0.9
        bursts += [burst, np.zeros(rate // 3, np.float32)]
    return np.concatenate(bursts)


@pytest.mark.parametrize("rate", [R, narration.TTS_RATE])
def test_normalise_reaches_the_target_with_true_peaks_below_minus_1_dbtp_and_keeps_silence(rate):
    x = speechlike(rate)
    y = narration.normalise(x, rate)
    lufs, peak = ebur128(y, rate)
    assert lufs == pytest.approx(narration.TARGET_LUFS, abs=0.5)
    assert peak <= -1.0
    assert np.all(y[x == 0] == 0)


def test_lay_puts_each_voice_at_its_section_start():
    clips = {"b": np.ones(R // 2, np.float32), "c": np.full(R, 0.5, np.float32)}
    track = narration.lay([("a", 1.0), ("b", 2.0), ("c", 1.5)], clips, 4.5)
    assert track.size == int(4.5 * R)
    assert not track[:R].any() and track[R:R + R // 2].min() == 1 and not track[R + R // 2:3 * R].any()
    assert track[3 * R:4 * R].min() == 0.5 and not track[4 * R:].any()


@pytest.mark.slow
@needs_espeak
def test_chinese_espeak_speaks_at_a_narrators_pace(tmp_path, monkeypatch):
    """Its Mandarin voice counts a character as a word; the default rate gives 3-5 characters a
    second of voiced sound (a narrator's pace; 165 gave 2.6), counted from the text and the samples."""
    monkeypatch.setenv("NN_EXPLAINER_CACHE", str(tmp_path))
    text = "神经元把每个输入乘以它的权重，加起来，再和阈值比较。"
    chars = sum("\u4e00" <= c <= "\u9fff" for c in text)
    voice = narration.parse("espeak")
    pcm = narration.voices([("a", text)], "zh", voice, {})["a"]
    loud = np.flatnonzero(np.abs(pcm) > 0.01)
    seconds = (loud[-1] - loud[0]) / voice.rate
    assert 3.0 <= chars / seconds <= 5.0, (chars, seconds)


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


@pytest.mark.slow
def test_piper_speaks_once_per_text_and_pace_and_the_same_text_the_same_way(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_EXPLAINER_CACHE", str(tmp_path / "a"))
    calls = []
    real = piper_voice.synthesize
    monkeypatch.setattr(piper_voice, "synthesize", lambda m, text, scale: calls.append(text) or real(m, text, scale))
    voice = narration.parse("piper")
    spoken = [("a", "The sum is 0.500. It passes the threshold."), ("b", "The neuron fires.")]
    first = narration.voices(spoken, "en", voice, {})
    assert calls == ["The sum is 0.5. It passes the threshold.", "The neuron fires."]  # the speech form
    assert narration.voices(spoken, "en", voice, {})["a"].tobytes() == first["a"].tobytes() and len(calls) == 2
    slower = narration.voices(spoken[1:], "en", narration.parse("piper", speed=120), {})
    assert len(calls) == 3 and slower["b"].size > first["b"].size * 1.2  # 158/120 = 1.32 times as long
    # a cold cache (another machine, the next day) gives the very same samples: the render is repeatable
    monkeypatch.setenv("NN_EXPLAINER_CACHE", str(tmp_path / "b"))
    assert narration.voices(spoken, "en", voice, {})["a"].tobytes() == first["a"].tobytes() and len(calls) == 5
    # two sentences: Piper's sentence silence between them, the beat's own pause after the last
    pcm, rate = first["a"], voice.rate
    loud = np.flatnonzero(np.abs(pcm) > 0.01)
    gaps = np.diff(loud) / rate
    assert gaps.max() >= piper_voice.SENTENCE_SILENCE - 0.01 and loud[-1] / rate > pcm.size / rate - 0.3


# -- bad input, in-process: each a few milliseconds -----------------------------------------------------
def invoke(out: Path, *args):
    return CliRunner().invoke(cli, ["render", "bias", "-q", "low", "--out", str(out), *args])


def one_line_error(r, message: str):
    lines = r.stderr.strip().splitlines()
    assert r.exit_code == 2 and len(lines) == 1 and message in lines[0] and len(lines[0]) < 400, r.stderr


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    """A folder with a FIFO, a folder and broken files named like Piper models."""
    d = tmp_path_factory.mktemp("models")
    os.mkfifo(d / "fifo.onnx")
    (d / "folder.onnx").mkdir()
    (d / "garbage.onnx").write_bytes(b"not a model")
    (d / "garbage.onnx.json").write_text("{}")
    real_model, real_config = piper_voice.bundled_paths()
    (d / "truncated.onnx").write_bytes(real_model.read_bytes()[:2_000_000])
    shutil.copy(real_config, d / "truncated.onnx.json")
    (d / "noconfig.onnx").write_bytes(real_model.read_bytes()[:100])
    (d / "wrongconfig.onnx").symlink_to(real_model)
    cfg = json.loads(real_config.read_text())
    cfg["phoneme_id_map"] = {k: [v[0] + 1000] for k, v in cfg["phoneme_id_map"].items()}  # ids the model lacks
    (d / "wrongconfig.onnx.json").write_text(json.dumps(cfg))
    return d


@pytest.mark.parametrize("args, message", [
    (["--voice", "piper:"], "piper: needs a model"),
    (["--voice", "piper:/nowhere/voice.onnx"], "no such file"),
    (["--voice", "piper:{d}/fifo.onnx"], "not a regular file"),
    (["--voice", "piper:{d}/folder.onnx"], "not a regular file"),
    (["--voice", "piper:{d}/garbage.onnx"], "not an ONNX file"),
    (["--voice", "piper:{d}/noconfig.onnx"], "Piper config"),
    pytest.param(["--voice", "piper:{d}/truncated.onnx"], "cannot be loaded", marks=pytest.mark.slow),  # loads
    pytest.param(["--voice", "piper:{d}/wrongconfig.onnx"], "does not speak with its config",
                 marks=pytest.mark.slow),  # loads the model and speaks a word
    (["--voice", "piper", "--lang", "zh"], "use --voice piper:PATH.onnx with a Piper voice in that language, or --voice espeak"),
    (["--voice", "piper", "--format", "gif"], "--format gif has no sound"),
    (["--voice", "none:foo"], "--voice none takes nothing"),
    (["--speed", "200"], "--speed needs a voice"),
    (["--voice", "nonsense"], "unknown voice engine 'nonsense'"),
    (["--voice", "x" * 100_000], "characters)"),
    (["--voice", "espeak:nonexistentvoice"], "espeak-ng has no such voice"),
    (["--voice", "espeak:" + "v" * 100_000], "not an espeak voice name"),
    (["--voice", "recorded:"], "recorded: needs a folder"),
    (["--voice", "recorded:/nowhere"], "no such folder"),
    (["--voice", "recorded:/tmp/" + "d" * 300], "file name too long"),
])
def test_bad_voices_are_one_line_errors_before_any_work(tmp_path, model_dir, args, message):
    r = invoke(tmp_path / "out", *[a.format(d=model_dir) for a in args])
    one_line_error(r, message)
    assert not (tmp_path / "out" / "low").exists()


def test_a_damaged_bundled_model_or_a_missing_piper_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(piper_voice, "BUNDLED_SHA256", "0" * 64)
    one_line_error(invoke(tmp_path, "--voice", "piper"), "is damaged")
    monkeypatch.setattr(piper_voice, "installed", lambda dist: dist != "piper-tts")
    one_line_error(invoke(tmp_path, "--voice", "piper"), "piper-tts not installed: run `make setup`")


def wav(path: Path, seconds: float, rate: int = 8000):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(1), w.setframerate(rate)
        w.writeframes(bytes([128]) * int(seconds * rate))


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_text("not audio"), "not readable audio"),
    (lambda p: os.mkfifo(p), "not a regular file"),                     # would block a read forever
    (lambda p: p.mkdir(), "not a regular file"),
    (lambda p: wav(p, narration.MAX_RECORDING_SECONDS + 1), "longer than 300 s"),
    (lambda p: os.truncate(p.touch() or p, narration.MAX_RECORDING_BYTES + 1), "MiB, more than"),  # sparse
])
def test_bad_recordings_are_one_line_errors_before_any_work(tmp_path, make, message):
    rec = tmp_path / "rec" / "bias"
    rec.mkdir(parents=True)
    make(rec / "intro.wav")
    one_line_error(invoke(tmp_path / "out", "--voice", f"recorded:{tmp_path / 'rec'}"), message)
    assert not (tmp_path / "out" / "low").exists()


def test_espeak_missing_is_named(tmp_path, monkeypatch):
    nowhere = tmp_path / "bin"
    nowhere.mkdir()
    for name in ("latex", "dvisvgm"):
        if shutil.which(name):
            os.symlink(shutil.which(name), nowhere / name)
    monkeypatch.setenv("PATH", str(nowhere))
    for voice in ("espeak", "espeak:en-us"):
        one_line_error(invoke(tmp_path / "out", "--voice", voice), "espeak-ng is not installed: run `make setup`")


# -- real renders -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def narrated(tmp_path_factory):
    out = tmp_path_factory.mktemp("narrated")
    # piper:PATH with the bundled model's path: the route a user's own voice takes, real loading code
    model, _ = piper_voice.bundled_paths()
    r = run_cli("explainer", "perceptron", "bias", "-q", "low", "--voice", f"piper:{model}", "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


@pytest.mark.slow
def test_every_beat_is_voiced_and_waits_for_its_voice(narrated):
    e = entry(narrated, "low/en/bias.mp4")
    video = narrated / "low" / "bias.mp4"
    with av.open(str(video)) as c:
        assert c.streams.audio and c.streams.audio[0].codec_context.name == "aac"
        assert c.streams.audio[0].rate == narration.TTS_RATE  # Piper's 22.05 kHz needs no more
        v, a = c.streams.video[0], c.streams.audio[0]
        assert abs(float(a.duration * a.time_base) - float(v.duration * v.time_base)) <= 1 / 15
    pcm = narration.decode(video)
    lufs, peak = ebur128(narration.decode(video, rate=narration.TTS_RATE), narration.TTS_RATE)  # as a player hears it
    assert lufs == pytest.approx(-16, abs=1.0) and peak <= -1.0
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
    assert e["voice"]["engine"] == "piper" and e["voice"]["sha256"] == piper_voice.BUNDLED_SHA256


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is installed by `make setup`")
def test_the_lecture_page_plays_the_voice_after_a_click(narrated):
    from playwright.sync_api import sync_playwright

    r = run_cli("lecture", "perceptron", "bias", "-q", "low", "--voice", "piper", "--out", str(narrated))
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
    joining.mux(src, sine(0.3, 2.0), dest, fmt)
    with av.open(str(dest)) as c:
        assert [st.codec_context.name for st in c.streams] == [c.streams.video[0].codec_context.name, audio]
        frames = sum(1 for _ in c.decode(video=0))
    heard = narration.decode(dest)
    assert frames == 30 and abs(heard.size / R - 2.0) < 0.03
    assert narration.loudness(heard) == pytest.approx(20 * np.log10(0.3) - 3.01, abs=0.3)  # the codec keeps the level


def test_sound_and_containers_import_one_way():
    """joining (containers) uses narration (sound), never the reverse (issue 22: the cycle is gone)."""
    import ast

    def imports(module: str) -> set[str]:
        tree = ast.parse((ROOT / "studio" / f"{module}.py").read_text())
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        return found

    assert "studio.narration" in imports("joining")
    assert not any("joining" in name for name in imports("narration") | imports("piper_voice") | imports("speech"))
