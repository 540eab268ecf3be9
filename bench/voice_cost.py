#!/usr/bin/env python
"""What the Piper voice costs and how it speaks (a measurement, not a test): `python bench/voice_cost.py`.

In one process, with an empty voice cache: the model's check and load time, then every English
caption of the series (fields filled as the scenes fill them) synthesised once, cold: synthesis
seconds per second of speech, words per minute, the pauses between sentences, and the process's
peak memory (what a worker adds). With --out DIR (a folder rendered with --voice piper): the
loudness and true peak of each video by ffmpeg's ebur128 meter, and the pauses between beats.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import string
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def captions(lang: str = "en") -> list[str]:
    from scenes.strings import TABLES

    sample = {"shape": "2-8-8-1", "rel": "≈", "ratios": "3.33, 3.67"}
    out = []
    for key, text in sorted(TABLES[lang].items()):
        if ".cap." in key:
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            out.append(text.format(**{f: sample.get(f, "−0.500") for f in fields}))
    return out


def gaps(pcm: np.ndarray, rate: int, level: float = 0.01, least: float = 0.15) -> list[float]:
    """Silent stretches of at least `least` seconds between sounds (20 ms windows)."""
    win = int(0.02 * rate)
    loud = np.abs(pcm[:pcm.size // win * win]).reshape(-1, win).max(axis=1) > level
    idx = np.flatnonzero(loud)
    runs = np.diff(idx) - 1
    return [r * win / rate for r in runs if r * win / rate >= least]


def synthesis(lang: str) -> dict:
    from studio import narration, piper_voice, speech

    t = time.perf_counter()
    voice = narration.parse("piper", lang=lang)
    checked = time.perf_counter() - t
    t = time.perf_counter()
    piper_voice.load(voice.model)
    loaded = time.perf_counter() - t
    texts = captions(lang)
    synth = speech_s = 0.0
    words = 0
    sentence_gaps = []
    for text in texts:
        t = time.perf_counter()
        pcm = narration.piper(text, lang, voice)
        synth += time.perf_counter() - t
        speech_s += pcm.size / voice.rate
        words += len(speech.speakable(text, lang).split())
        sentence_gaps += gaps(pcm, voice.rate)
    return {"captions": len(texts), "check_s": checked, "load_s": loaded, "speech_s": speech_s,
            "synthesis_s": synth, "synthesis_per_speech_s": synth / speech_s, "words_per_minute": words / speech_s * 60,
            "sentence_gaps_s": summary(sentence_gaps),
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def summary(values: list[float]) -> dict:
    if not values:
        return {}
    v = np.array(values)
    return {"n": int(v.size), "median": float(np.median(v)), "p10": float(np.percentile(v, 10)),
            "p90": float(np.percentile(v, 90))}


def rendered(out: Path) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_narration import ebur128

    from studio import narration

    manifest = json.loads((out / "manifest.json").read_text())["entries"]
    res = {}
    for e in manifest.values():
        if e["kind"] != "scene":
            continue
        video = next(out / f["path"] for f in e["files"] if f["kind"] == "video")
        pcm = narration.decode(video, rate=narration.TTS_RATE)
        lufs, peak = ebur128(pcm, narration.TTS_RATE)
        between = []
        t = 0.0
        for s in e["sections"][:-1]:  # the silence around each beat boundary: end of voice to next voice
            t += s["duration"]
            a, b = int((t - 4) * narration.TTS_RATE), int((t + 1) * narration.TTS_RATE)
            g = gaps(pcm[max(a, 0):b], narration.TTS_RATE, least=0.3)
            if g:
                between.append(max(g))
        res[e["scene"]] = {"lufs": lufs, "true_peak_dbtp": peak, "beat_gaps_s": summary(between),
                           "duration": e["duration"]}
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", default="en")
    ap.add_argument("--out", type=Path, help="a folder rendered with --voice piper: loudness and beat pauses")
    a = ap.parse_args()
    os.environ["NN_EXPLAINER_CACHE"] = tempfile.mkdtemp(prefix="voice-cost-")  # cold: nothing synthesised yet
    res = {"synthesis": synthesis(a.lang)}
    if a.out:
        res["rendered"] = rendered(a.out)
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
