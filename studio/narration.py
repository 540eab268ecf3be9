"""Narration: a voice for every beat, made offline, and the audio track that carries it.

What is said is the beat's caption (one text: captions and voice always agree), read in its
speech form (studio/speech.py). Engines: espeak-ng (Debian's package; English, and Mandarin with
its `cmn` voice) or a teacher's recordings, DIR/SCENE/BEAT.wav|.flac|.ogg|.mp3, one file a beat.
Before the real render a timing pass learns each beat's text and how long its picture needs; the
voice lengths then go to the scene, whose beats hold until their voice ends. After the render the
voice of each beat is laid at its section's start, the track is normalised to -16 LUFS with
no clipping (silence stays exact zeros) and muxed beside the untouched video stream.
"""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import numpy as np

from studio import atomic, speech
from studio.layout import cache_root

RATE = 48000                    # Hz: what AAC and Opus take natively; a teacher's recordings keep it
ESPEAK_RATE = 24000             # espeak-ng speaks at 22.05 kHz: 24 kHz (AAC and Opus take it) keeps
                                # all it says and halves the encoding and the loudness passes
TARGET_LUFS = -16.0             # speech for online video (EBU/Apple/YouTube guidance: -16 to -14)
PEAK = 10 ** (-1.0 / 20)        # -1 dBFS: headroom against clipping after encoding
AUDIO_EXTENSIONS = (".wav", ".flac", ".ogg", ".mp3")
ENGINES = ("none", "espeak", "recorded")
DEFAULT_ESPEAK = {"en": "en-us", "zh": "cmn"}
ESPEAK_APT = "apt-get install espeak-ng"


class VoiceError(ValueError):
    """A voice that cannot be used (unknown engine, unreadable recording): one line for the user."""


@dataclass(frozen=True)
class Voice:
    engine: str = "none"
    name: str | None = None        # espeak voice, e.g. en-us+f3; None: the language's default
    folder: str | None = None      # recorded: DIR
    speed: int = 165               # espeak words per minute

    @property
    def on(self) -> bool:
        return self.engine != "none"

    @property
    def rate(self) -> int:
        """The sample rate of this voice's track."""
        return ESPEAK_RATE if self.engine == "espeak" else RATE

    def describe(self) -> dict:
        """What the up-to-date key must know: engine, voice, speed, espeak's version."""
        d = {"engine": self.engine, "name": self.name, "speed": self.speed}
        if self.engine == "espeak":
            d["espeak"] = espeak_version()
        return d


def parse(text: str, speed: int = 165) -> Voice:
    """`none`, `espeak`, `espeak:VOICE` or `recorded:DIR`."""
    engine, _, rest = text.partition(":")
    if engine not in ENGINES:
        raise VoiceError(f"unknown voice engine {engine!r}; choose none, espeak, espeak:VOICE or recorded:DIR")
    if engine == "none":
        return Voice()
    if engine == "espeak":
        if shutil.which("espeak-ng") is None:
            raise VoiceError(f"espeak-ng is not installed: run `make setup` or {ESPEAK_APT}")
        return Voice("espeak", name=rest or None, speed=speed)
    if not rest:
        raise VoiceError("recorded: needs a folder, e.g. --voice recorded:my-recordings")
    if not Path(rest).is_dir():
        raise VoiceError(f"recorded:{rest}: no such folder")
    return Voice("recorded", folder=str(Path(rest).resolve()))


@lru_cache(maxsize=None)
def espeak_version() -> str:
    try:
        return subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


# -- decoding and synthesis -----------------------------------------------------------------------------
def decode(source, name: str = "", rate: int = RATE) -> np.ndarray:
    """Any audio PyAV reads (a path or bytes) as mono float32 at `rate`. VoiceError names what failed."""
    import av

    try:
        with av.open(io.BytesIO(source) if isinstance(source, bytes) else str(source)) as c:
            if not c.streams.audio:
                raise VoiceError(f"{name or source}: no audio stream")
            resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
            chunks = []
            for frame in c.decode(audio=0):
                chunks += [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
            chunks += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    except VoiceError:
        raise
    except (av.error.FFmpegError, OSError, ValueError) as e:
        raise VoiceError(f"{name or source}: not readable audio ({e})") from None
    return np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)


def espeak_name(voice: Voice, lang: str) -> str:
    return voice.name or DEFAULT_ESPEAK[lang]


def espeak(text: str, lang: str, voice: Voice) -> np.ndarray:
    """The text spoken by espeak-ng, cached by everything that changes the sound."""
    said = speech.speakable(text, lang)
    name = espeak_name(voice, lang)
    key = hashlib.sha256(json.dumps([espeak_version(), name, voice.speed, voice.rate, said]).encode()).hexdigest()
    path = cache_root() / "voice" / f"{key}.f32"
    if path.exists():
        return np.fromfile(path, dtype=np.float32)
    r = subprocess.run(["espeak-ng", "-v", name, "-s", str(voice.speed), "--stdout", said],
                       capture_output=True)
    if r.returncode != 0 or not r.stdout:
        raise VoiceError(f"espeak-ng failed for voice {name!r}: {r.stderr.decode(errors='replace').strip()}")
    pcm = decode(r.stdout, "espeak-ng output", voice.rate)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic.temporary(path) as tmp:  # workers share the cache: whole files only
        pcm.tofile(tmp)
    return pcm


def recordings(folder: str, scene: str) -> dict[str, bytes]:
    """A scene's recordings by beat, as bytes: they travel with the job (to a Dask worker too)."""
    d = Path(folder) / scene
    out = {}
    for p in sorted(d.iterdir()) if d.is_dir() else []:
        if p.suffix.lower() in AUDIO_EXTENSIONS and p.is_file():
            try:
                out[p.stem] = p.read_bytes()
            except OSError as e:
                raise VoiceError(f"{p}: cannot read ({e.strerror})") from None
    return out


def check_recordings(folder: str, scene: str) -> None:
    """Every recording of the scene decodes (before any render starts)."""
    d = Path(folder) / scene
    for p in sorted(d.iterdir()) if d.is_dir() else []:
        if p.suffix.lower() in AUDIO_EXTENSIONS and decode(p.read_bytes(), str(p)).size == 0:
            raise VoiceError(f"{p}: no audio in the file")


def voices(spoken: list[tuple[str, str]], lang: str, voice: Voice, recorded: dict[str, bytes]) -> dict:
    """{beat: samples} for each beat that has a voice (a missing recording has none)."""
    out = {}
    for beat, text in spoken:
        if voice.engine == "espeak" and text.strip():
            out[beat] = espeak(text, lang, voice)
        elif voice.engine == "recorded" and beat in recorded:
            out[beat] = decode(recorded[beat], beat, voice.rate)
    return out


# -- the track ----------------------------------------------------------------------------------
def lay(sections: list[tuple[str, float]], clips: dict[str, np.ndarray], seconds: float,
        rate: int = RATE) -> np.ndarray:
    """One mono track of `seconds`: each beat's voice at the start of its section, zeros elsewhere."""
    track = np.zeros(int(round(seconds * rate)), np.float32)
    t = 0.0
    for name, duration in sections:
        clip = clips.get(name)
        if clip is not None and clip.size:
            a = int(round(t * rate))
            n = min(clip.size, track.size - a)
            track[a:a + n] = clip[:n]
        t += duration
    return track


def k_filters(rate: int) -> list[tuple[list, list]]:
    """ITU-R BS.1770 K-weighting, a high shelf (the head) then a high-pass (RLB), as (b, a) at any
    sample rate: the standard tabulates 48 kHz only; these are the analogue prototypes it was
    made from (B. De Man, "Evaluation of implementations of the EBU R128 loudness measurement",
    AES 2018), put through the bilinear transform."""
    k = np.tan(np.pi * 1681.974450955533 / rate)
    q, vh = 0.7071752369554196, 10 ** (3.999843853973347 / 20)
    vb = vh ** 0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = ([(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0],
             [1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])
    k, q = np.tan(np.pi * 38.13547087602444 / rate), 0.5003270373238773
    a0 = 1 + k / q + k * k
    high_pass = ([1.0, -2.0, 1.0], [1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])
    return [shelf, high_pass]


def _k_weighted(x: np.ndarray, rate: int) -> np.ndarray:
    from scipy.signal import lfilter

    for b, a in k_filters(rate):
        x = lfilter(b, a, x)
    return x


def loudness(x: np.ndarray, rate: int = RATE) -> float:
    """Integrated loudness in LUFS (BS.1770-4: 400 ms blocks, 75 % overlap, -70 LUFS absolute and
    -10 LU relative gates). -inf for silence."""
    y = _k_weighted(x.astype(np.float64), rate)
    block, step = int(0.4 * rate), int(0.1 * rate)
    if y.size < block:
        return float("-inf")
    energy = np.concatenate([[0.0], np.cumsum(y ** 2)])
    starts = np.arange(0, y.size - block + 1, step)
    power = (energy[starts + block] - energy[starts]) / block
    lufs = -0.691 + 10 * np.log10(np.maximum(power, 1e-20))
    gated = power[lufs > -70]
    if not gated.size:
        return float("-inf")
    relative = -0.691 + 10 * np.log10(gated.mean()) - 10
    kept = power[(lufs > -70) & (lufs > relative)]
    return float(-0.691 + 10 * np.log10(kept.mean()))


def limit(x: np.ndarray, ceiling: float = PEAK, rate: int = RATE) -> np.ndarray:
    """A peak limiter: the gain dips (5 ms look-ahead, 60 ms release) wherever |x| would pass the
    ceiling, so no sample does; speech keeps its loudness, only its sharpest peaks are tamed."""
    from scipy.ndimage import maximum_filter1d
    from scipy.signal import lfilter

    envelope = maximum_filter1d(np.abs(x), size=int(0.005 * rate) * 2 + 1)
    need = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-12))
    release = np.exp(-1.0 / (0.06 * rate))
    smooth = 1.0 - lfilter([1 - release], [1, -release], 1.0 - need)  # a reduction fades out slowly
    return (x * np.minimum(need, smooth)).astype(np.float32)


def normalise(x: np.ndarray, rate: int = RATE) -> np.ndarray:
    """To TARGET_LUFS with no sample above -1 dBFS: gain, limit, measure again (the limiter takes
    a little loudness away; speech lands within 0.1 LU in two or three rounds)."""
    y = x.astype(np.float32)
    for _ in range(6):
        level = loudness(y, rate)
        if not np.isfinite(level) or abs(level - TARGET_LUFS) < 0.1:
            return y
        y = limit(y * np.float32(10 ** ((TARGET_LUFS - level) / 20)), rate=rate)
    return y


# -- files ------------------------------------------------------------------------------------------
AUDIO_CODEC = {"mp4": "aac", "mov": "aac", "webm": "libopus"}


def add_voice_stream(out, fmt: str = "mp4", rate: int = RATE):
    """The audio stream of a narrated file. AAC with ffmpeg's fast coder: ~3x quicker than its
    default two-loop search, and no worse on speech (SNR against the track 35 dB vs 23 dB here)."""
    stream = out.add_stream(AUDIO_CODEC[fmt], rate=rate, layout="mono")
    if AUDIO_CODEC[fmt] == "aac":
        stream.bit_rate = 96_000
        stream.options = {"aac_coder": "fast"}
    return stream


def mux(video: Path, track: np.ndarray, dest: Path, fmt: str = "mp4", rate: int = RATE) -> None:
    """`video`'s picture (stream copy) with `track` encoded beside it, into `dest`."""
    import av

    from studio.joining import FASTSTART

    options = FASTSTART if fmt == "mp4" else {}
    with av.open(str(video)) as inp, av.open(str(dest), "w", format={"mov": "mov"}.get(fmt, fmt),
                                             container_options=options) as out:
        vin = inp.streams.video[0]
        vout = out.add_stream_from_template(vin)
        aout = add_voice_stream(out, fmt, rate)
        for pkt in inp.demux(vin):
            if pkt.dts is None:
                continue
            pkt.stream = vout
            out.mux(pkt)
        encode_audio(out, aout, track)


def encode_audio(out, stream, track: np.ndarray) -> None:
    import av

    size, rate = stream.codec_context.frame_size or 1024, stream.codec_context.sample_rate
    fmt = stream.codec_context.format.name  # fltp for aac and opus
    for i in range(0, track.size, size):
        chunk = np.ascontiguousarray(track[i:i + size], dtype=np.float32)
        frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="fltp" if fmt.endswith("p") else "flt",
                                           layout="mono")
        frame.sample_rate, frame.pts, frame.time_base = rate, i, Fraction(1, rate)
        out.mux(stream.encode(frame))
    out.mux(stream.encode(None))


def has_audio(path: Path) -> bool:
    import av

    with av.open(str(path)) as c:
        return bool(c.streams.audio)
