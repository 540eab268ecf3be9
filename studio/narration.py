"""Narration: a voice for every beat, made offline, and the audio track that carries it.

What is said is the beat's caption (one text: captions and voice always agree), read in its
speech form (studio/speech.py). Engines: Piper, a neural voice (studio/piper_voice.py; the
bundled English voice or any Piper `.onnx` the user has), espeak-ng (Debian's package; English,
and Mandarin with its `cmn` voice, the light fallback) or a teacher's recordings,
DIR/SCENE/BEAT.wav|.flac|.ogg|.mp3, one file a beat. Before the real render a timing pass
learns each beat's text and how long its picture needs; the voice lengths then go to the
scene, whose beats hold until their voice ends. After the render the voice of each beat is laid
at its section's start, the track is normalised to -16 LUFS with true peaks below -1 dBTP
(silence stays exact zeros) and muxed beside the untouched video stream (studio/joining.py).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import numpy as np

from studio import atomic, bounded, piper_voice, speech
from studio.layout import cache_root

RATE = 48000                    # Hz: what AAC and Opus take natively; a teacher's recordings keep it
TTS_RATE = 24000                # the synthesisers speak at 22.05 kHz: 24 kHz (AAC and Opus take it)
                                # keeps all they say and halves the encoding and the loudness passes
TARGET_LUFS = -16.0             # speech for online video (EBU/Apple/YouTube guidance: -16 to -14)
PEAK = 10 ** (-1.5 / 20)        # true peak -1.5 dBTP in the track: -1 dBTP asked of the file, and the
                                # AAC/Opus encoders overshoot by a few tenths of a dB
OVERSAMPLE = 4                  # BS.1770-4 annex 2: true peaks by 4x oversampling
AUDIO_EXTENSIONS = (".wav", ".flac", ".ogg", ".mp3")
ENGINES = ("none", "piper", "espeak", "recorded")
DEFAULT_ESPEAK = {"en": "en-us", "zh": "cmn"}
ESPEAK_APT = "apt-get install espeak-ng"
# espeak's rate when --speed is not given, by language. Its Mandarin voice (cmn) counts each
# character (a syllable) as a word: at 165 it says 2.6 characters a second, half a narrator's pace,
# and the Chinese track ran 1.5-1.7x the English one, longer than MAX_STRETCH lets a beat's picture
# follow. At 240 (3.5-4 characters a second) it runs 1.1-1.2x the English one.
ESPEAK_WPM = {"en": 165, "zh": 240}
PIPER_WPM = 158                 # --speed that leaves a Piper voice at its own pace (length scale 1): the
                                # bundled voice's, measured over the series' captions (bench/voice_cost.py)
PIPER_STRETCH = 0.65            # Piper's speech lasts length_scale ** 0.65 as long, not length_scale (its
                                # duration predictor does not stretch every sound): measured at 120 and 200
MAX_NAME = 64                   # an espeak voice name (the longest shipped is ~20 characters)
# A beat is a few sentences; one recording longer than 5 minutes is a mistake (a whole lecture
# dropped in a beat's folder), and decoding it would hold gigabytes.
MAX_RECORDING_SECONDS = 300
MAX_RECORDING_BYTES = 200 * 2**20   # 5 minutes of 48 kHz 32-bit stereo WAV is 110 MiB
MAX_RECORDINGS = 500                # files looked at in one scene's folder
MAX_SCENE_BYTES = 400 * 2**20       # all of a scene's recordings: they travel with its job, in memory
SPEAKING_FORMATS = ("mp4", "webm", "mov")


class VoiceError(ValueError):
    """A voice that cannot be used (unknown engine, unreadable recording): one line for the user."""


def _clip(text: str, n: int = 80) -> str:
    """A value as echoed in an error: one line, and a 100k-character one cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n] + f"... ({len(text)} characters)"


@dataclass(frozen=True)
class Voice:
    engine: str = "none"
    name: str | None = None        # espeak voice, e.g. en-us+f3; None: the language's default
    folder: str | None = None      # recorded: DIR
    speed: int | None = None       # words per minute; None: the voice's own pace
    model: piper_voice.Model | None = None  # piper: the checked model

    @property
    def on(self) -> bool:
        return self.engine != "none"

    @property
    def rate(self) -> int:
        """The sample rate of this voice's track."""
        return TTS_RATE if self.engine in ("espeak", "piper") else RATE

    @property
    def length_scale(self) -> float:
        """Piper's pace: its config's length scale, stretched to --speed."""
        scale = self.model.length_scale if self.model else 1.0
        return scale * (PIPER_WPM / self.speed) ** (1 / PIPER_STRETCH) if self.speed else scale

    def describe(self) -> dict:
        """What the up-to-date key must know: engine, voice, speed, the synthesiser's version and model."""
        d = {"engine": self.engine, "name": self.name, "speed": self.speed}
        if self.engine == "espeak":
            d["espeak"] = espeak_version()
        if self.engine == "piper":
            d.update(piper=piper_voice.version(), model=Path(self.model.path).name, sha256=self.model.sha256)
        return d


def parse(text: str, speed: int | None = None, lang: str = "en") -> Voice:
    """`none`, `piper`, `piper:MODEL.onnx`, `espeak`, `espeak:VOICE` or `recorded:DIR`, checked."""
    engine, colon, rest = text.partition(":")
    if engine not in ENGINES:
        raise VoiceError(f"unknown voice engine {_clip(engine)!r}; choose none, piper, piper:MODEL.onnx, "
                         "espeak, espeak:VOICE or recorded:DIR")
    if engine == "none":
        if colon:
            raise VoiceError("--voice none takes nothing after it")
        if speed is not None:
            raise VoiceError("--speed needs a voice that speaks: add --voice piper (or espeak)")
        return Voice()
    if engine == "recorded":
        if speed is not None:
            raise VoiceError("--speed does not apply to recordings (they keep the teacher's pace)")
        return Voice("recorded", folder=_folder(rest))
    if engine == "espeak":
        if shutil.which("espeak-ng") is None:
            raise VoiceError(f"espeak-ng is not installed: run `make setup` or {ESPEAK_APT}")
        return Voice("espeak", name=_espeak_voice(rest) if colon else None, speed=speed)
    return Voice("piper", speed=speed, model=_piper_model(rest, colon, lang))


def _folder(rest: str) -> str:
    if not rest:
        raise VoiceError("recorded: needs a folder, e.g. --voice recorded:my-recordings")
    try:
        if not Path(rest).is_dir():
            raise VoiceError(f"recorded:{_clip(rest)}: no such folder")
        return str(Path(rest).resolve())
    except OSError as e:  # a name too long, a loop of links
        raise VoiceError(f"recorded:{_clip(rest)}: {(e.strerror or 'cannot be read').lower()}") from None


def _espeak_voice(name: str) -> str:
    """An espeak voice that exists (asked of espeak-ng itself, in milliseconds)."""
    if not name or len(name) > MAX_NAME or not re.fullmatch(r"[A-Za-z0-9_+\-]+", name):
        raise VoiceError(f"espeak:{_clip(name)}: not an espeak voice name (`espeak-ng --voices` lists them)")
    try:
        r = subprocess.run(["espeak-ng", "-q", "-v", name, "x"], capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        raise VoiceError("espeak-ng did not answer in 20 s") from None
    if r.returncode != 0:
        raise VoiceError(f"espeak:{name}: espeak-ng has no such voice (`espeak-ng --voices` lists them)")
    return name


def _piper_model(rest: str, colon: str, lang: str) -> piper_voice.Model:
    if colon and not rest:
        raise VoiceError("piper: needs a model, e.g. --voice piper:zh_CN-voice.onnx (or --voice piper)")
    try:
        model = piper_voice.check(rest or None)
    except piper_voice.ModelError as e:
        raise VoiceError(_clip(str(e), 300)) from None
    if model.lang != lang:
        way_out = "--voice piper:PATH.onnx with a Piper voice in that language, or --voice espeak"
        which = "the bundled Piper voice" if not rest else f"piper:{_clip(rest)}"
        raise VoiceError(f"{which} speaks {model.lang!r}, not {lang!r}: use {way_out}")
    return model


def check(text: str, speed: int | None, lang: str, fmt: str, scenes) -> Voice:
    """Every check of --voice and --speed, before any work: the voice, its pairing with the format,
    and for recordings every file of every scene asked for."""
    voice = parse(text, speed, lang)
    if voice.on and fmt not in SPEAKING_FORMATS:
        raise VoiceError(f"--format {fmt} has no sound: drop --voice, or use --format mp4, webm or mov")
    if voice.engine == "recorded":
        for scene in scenes:
            check_recordings(voice.folder, scene)
    return voice


@lru_cache(maxsize=None)
def espeak_version() -> str:
    try:
        return subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


# -- decoding and synthesis -----------------------------------------------------------------------------
def decode(source, name: str = "", rate: int = RATE, max_seconds: float | None = None) -> np.ndarray:
    """Any audio PyAV reads (a path or bytes) as mono float32 at `rate`. VoiceError names what failed,
    and a file longer than `max_seconds` is refused before it is decoded to the end."""
    import av

    too_long = VoiceError(f"{name or source}: longer than {max_seconds:.0f} s, the most a beat's recording "
                          "may last") if max_seconds else None
    try:
        with av.open(io.BytesIO(source) if isinstance(source, bytes) else str(source)) as c:
            if not c.streams.audio:
                raise VoiceError(f"{name or source}: no audio stream")
            if max_seconds and c.duration and c.duration / 1e6 > max_seconds:
                raise too_long
            resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
            chunks, n = [], 0
            for frame in c.decode(audio=0):
                chunks += [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
                n += frame.samples / (frame.sample_rate or rate)
                if max_seconds and n > max_seconds:
                    raise too_long
            chunks += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    except VoiceError:
        raise
    except (av.error.FFmpegError, OSError, ValueError) as e:
        raise VoiceError(f"{name or source}: not readable audio ({_clip(str(e), 120)})") from None
    return np.concatenate(chunks).astype(np.float32) if chunks else np.zeros(0, np.float32)


def espeak_name(voice: Voice, lang: str) -> str:
    return voice.name or DEFAULT_ESPEAK[lang]


def _cached(parts: list, make) -> np.ndarray:
    """Samples from the shared voice cache, keyed by everything that changes the sound, or made."""
    key = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
    path = cache_root() / "voice" / f"{key}.f32"
    if path.exists():
        return np.fromfile(path, dtype=np.float32)
    pcm = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic.temporary(path) as tmp:  # workers share the cache: whole files only
        pcm.tofile(tmp)
    return pcm


def espeak(text: str, lang: str, voice: Voice) -> np.ndarray:
    """The text spoken by espeak-ng, cached by everything that changes the sound."""
    said = speech.speakable(text, lang)
    name, wpm = espeak_name(voice, lang), voice.speed or ESPEAK_WPM[lang]

    def make():
        r = subprocess.run(["espeak-ng", "-v", name, "-s", str(wpm), "--stdout", said], capture_output=True)
        if r.returncode != 0 or not r.stdout:
            raise VoiceError(f"espeak-ng failed for voice {name!r}: {r.stderr.decode(errors='replace').strip()}")
        return decode(r.stdout, "espeak-ng output", voice.rate)

    return _cached([espeak_version(), name, wpm, voice.rate, said], make)


def piper(text: str, lang: str, voice: Voice) -> np.ndarray:
    """The text spoken by Piper, cached by engine, model hash, pace and text (as espeak is)."""
    from scipy.signal import resample_poly

    said = speech.speakable(text, lang)
    model, scale = voice.model, voice.length_scale

    def make():
        pcm = piper_voice.synthesize(model, said, scale)
        g = np.gcd(voice.rate, model.sample_rate)
        return resample_poly(pcm, voice.rate // g, model.sample_rate // g).astype(np.float32)

    return _cached(["piper", piper_voice.version(), model.sha256, piper_voice.SENTENCE_SILENCE, round(scale, 6),
                    voice.rate, said], make)


def _audio_files(folder: str, scene: str) -> list[Path]:
    """The scene's recordings: regular files only (a FIFO would block a read; a folder is no
    recording), each within MAX_RECORDING_BYTES, at most MAX_RECORDINGS looked at."""
    d = Path(folder) / scene
    if not d.is_dir():
        return []
    out, total = [], 0
    with os.scandir(d) as entries:
        for i, e in enumerate(entries):
            if i >= MAX_RECORDINGS:
                raise VoiceError(f"{d}: more than {MAX_RECORDINGS} files; a scene has a few dozen beats")
            if Path(e.name).suffix.lower() not in AUDIO_EXTENSIONS:
                continue
            p = d / e.name
            size = bounded.regular_size(
                p, MAX_RECORDING_BYTES, VoiceError, str(p), f"more than a beat's recording may take "
                f"({MAX_RECORDING_BYTES // 2**20} MiB, {MAX_RECORDING_SECONDS // 60} minutes)")
            out.append(p)
            total += size
    if total > MAX_SCENE_BYTES:
        raise VoiceError(f"{d}: {total / 2**20:.0f} MiB of recordings, more than the {MAX_SCENE_BYTES // 2**20} MiB "
                         "a scene's beats may take (compress them: FLAC, Ogg or MP3)")
    return sorted(out)


def _read(p: Path) -> bytes:
    return bounded.read(p, MAX_RECORDING_BYTES, VoiceError)


def recordings(folder: str, scene: str) -> dict[str, bytes]:
    """A scene's recordings by beat, as bytes: they travel with the job (to a Dask worker too)."""
    return {p.stem: _read(p) for p in _audio_files(folder, scene)}


def check_recordings(folder: str, scene: str) -> None:
    """Every recording of the scene decodes, and none lasts more than MAX_RECORDING_SECONDS
    (before any render starts)."""
    for p in _audio_files(folder, scene):
        if decode(_read(p), str(p), max_seconds=MAX_RECORDING_SECONDS).size == 0:
            raise VoiceError(f"{p}: no audio in the file")


def voices(spoken: list[tuple[str, str]], lang: str, voice: Voice, recorded: dict[str, bytes]) -> dict:
    """{beat: samples} for each beat that has a voice (a missing recording has none)."""
    out = {}
    for beat, text in spoken:
        if voice.engine in ("espeak", "piper") and text.strip():
            out[beat] = (piper if voice.engine == "piper" else espeak)(text, lang, voice)
        elif voice.engine == "recorded" and beat in recorded:
            out[beat] = decode(recorded[beat], beat, voice.rate, max_seconds=MAX_RECORDING_SECONDS)
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


def loudness(x: np.ndarray, rate: int = RATE) -> float:
    """Integrated loudness in LUFS (ITU-R BS.1770-4, pyloudnorm's meter). -inf for silence or for
    less than one 400 ms block."""
    import pyloudnorm

    if x.size < int(0.4 * rate) + 1 or not np.any(x):
        return float("-inf")
    with np.errstate(divide="ignore"):
        return float(pyloudnorm.Meter(rate).integrated_loudness(x.astype(np.float64)))


def true_peak_envelope(x: np.ndarray) -> np.ndarray:
    """|x| at each sample, taking the peaks between samples into account: BS.1770-4 annex 2 finds
    them by 4x oversampling (an AAC decoder's output reaches them)."""
    from scipy.signal import resample_poly

    up = resample_poly(x.astype(np.float32), OVERSAMPLE, 1)[:x.size * OVERSAMPLE]
    env = np.abs(up[0::OVERSAMPLE])
    for k in range(1, OVERSAMPLE):
        np.maximum(env, np.abs(up[k::OVERSAMPLE]), out=env)
    return env


def _peaks(x: np.ndarray, rate: int) -> np.ndarray:
    """The true-peak envelope held over a 5 ms look-ahead (and behind): where the gain must dip."""
    from scipy.ndimage import maximum_filter1d

    return maximum_filter1d(true_peak_envelope(x), size=int(0.005 * rate) * 2 + 1)


def _gain(peaks: np.ndarray, ceiling: float, rate: int) -> np.ndarray:
    """The limiter's gain: down at once where the peaks pass the ceiling, back up over 60 ms."""
    from scipy.signal import lfilter

    need = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    release = np.exp(-1.0 / (0.06 * rate))
    smooth = 1.0 - lfilter([1 - release], [1, -release], 1.0 - need)  # a reduction fades out slowly
    return np.minimum(need, smooth)


def limit(x: np.ndarray, ceiling: float = PEAK, rate: int = RATE) -> np.ndarray:
    """A true-peak limiter: the gain dips (5 ms look-ahead, 60 ms release) wherever the signal,
    between samples too, would pass the ceiling; speech keeps its loudness, only its sharpest
    peaks are tamed."""
    return (x * _gain(_peaks(x, rate), ceiling, rate)).astype(np.float32)


def normalise(x: np.ndarray, rate: int = RATE) -> np.ndarray:
    """To TARGET_LUFS (within 0.1 LU) with true peaks at most PEAK: a gain, then the limiter, which
    takes some loudness back (Piper's raw speech needs ~8 dB of peak limiting to reach -16 LUFS at
    -1.5 dBTP), so the gain is found by the secant method, each try limiting the original anew.
    The envelope scales with the gain: it is computed once."""
    x = x.astype(np.float32)
    level = loudness(x, rate)
    if not np.isfinite(level):
        return x
    peaks = _peaks(x, rate)
    gain_db, tried, y = TARGET_LUFS - level, [], x
    for _ in range(8):
        scale = 10 ** (gain_db / 20)
        y = (x * (scale * _gain(peaks * scale, PEAK, rate))).astype(np.float32)
        error = loudness(y, rate) - TARGET_LUFS
        if abs(error) < 0.1:
            break
        tried.append((gain_db, error))
        slope = 1.0
        if len(tried) > 1 and tried[-1][0] != tried[-2][0]:
            slope = float(np.clip((tried[-1][1] - tried[-2][1]) / (tried[-1][0] - tried[-2][0]), 0.1, 1.0))
        gain_db = min(gain_db - error / slope, 60.0)
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
