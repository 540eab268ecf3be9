"""manifest.json: every file in the output folder, what made it, and whether it is still whole.

The manifest is the only source of truth: a file counts as a render's output only while its
entry lists it with the bytes' sha256. Several render.py processes may share one --out, so
every change happens under an exclusive file lock and lands by atomic rename.

A scene's outputs are published as a set (`publish`): a journal naming every rename is
written first, then the files are renamed into place and the entry recorded. A process killed
half way leaves the journal; the next run on the folder finishes that publish (`recover`), so
a mixed set of old and new files never outlives the run that died.

A damaged manifest (not text, not JSON, not a manifest) never blocks the folder: `salvage`
moves it aside as manifest.json.damaged-TIMESTAMP and keeps only the entries that still parse
and whose files re-hash to what they list; everything else renders again.
"""
from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import stat
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from studio import atomic
from studio.layout import work_root

NAME = "manifest.json"
FORMAT = 2  # bump when the entry layout changes; older manifests are read as empty
MOST_BYTES = 64 << 20  # a manifest of every scene, quality and language is ~1 MB; more is not one


@dataclass
class FileRecord:
    path: str                 # relative to the output folder
    kind: str                 # video, captions, poster, section, explainer, page, formula, ...
    bytes: int
    mtime_ns: int
    sha256: str
    duration: float | None = None   # videos and section clips
    width: int | None = None
    height: int | None = None
    fps: float | None = None
    section: str | None = None      # a section clip's beat name


@dataclass
class Section:
    """One beat's clip of a scene video."""
    index: int
    name: str
    file: str         # the clip, inside the scene's clip folder
    duration: float
    start: float      # seconds into the scene video


@dataclass
class VoiceRecord:
    """Who speaks a scene ("none": silent)."""
    engine: str = "none"
    name: str | None = None     # as given (espeak:NAME); None: the language's default
    speed: int | None = None    # words per minute
    voice: str | None = None    # the espeak voice that spoke
    espeak: str | None = None   # espeak-ng's version
    piper: str | None = None    # piper-tts's version
    model: str | None = None    # the Piper model file that spoke
    sha256: str | None = None   # and its sha256 (the bundled voice's is recorded in studio/piper_voice.py)


@dataclass
class Entry:
    kind: str                 # "scene", "explainer" or "lecture"
    quality: str
    lang: str
    files: list[FileRecord] = field(default_factory=list)
    scene: str | None = None  # scene entries only, from here on
    scene_class: str | None = None
    chapter: int | None = None
    title: str | None = None
    params: dict = field(default_factory=dict)
    format: str = "mp4"
    transparent: bool = False
    key: str | None = None
    duration: float = 0.0
    width: int | None = None
    height: int | None = None
    sections: list[Section] = field(default_factory=list)
    render_seconds: float | None = None
    voice: VoiceRecord = field(default_factory=VoiceRecord)
    notes: list[str] = field(default_factory=list)  # e.g. beats without a recording

    def file(self, kind: str) -> FileRecord | None:
        return next((f for f in self.files if f.kind == kind), None)

    def of_kind(self, kind: str) -> list[FileRecord]:
        return [f for f in self.files if f.kind == kind]

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> "Entry":
        d = dict(d)
        d["files"] = [FileRecord(**f) for f in d.get("files", [])]
        d["sections"] = [Section(**x) for x in d.get("sections", [])]
        d["voice"] = VoiceRecord(**(d.get("voice") or {}))
        return cls(**d)


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)
    version: int = FORMAT

    def to_json(self) -> dict:
        return {"version": self.version, "entries": {k: e.to_json() for k, e in self.entries.items()}}


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_record(out: Path, path: Path, kind: str, **extra) -> FileRecord:
    """A file's record as it is now on disk (path relative to `out`)."""
    st = Path(path).stat()
    return FileRecord(path=str(Path(path).relative_to(out)), kind=kind, bytes=st.st_size,
                      mtime_ns=st.st_mtime_ns, sha256=sha256(path), **extra)


def entry_id(scene: str, quality: str, lang: str, fmt: str = "mp4") -> str:
    return f"{quality}/{lang}/{scene}.{fmt}"


def _parse(raw: bytes) -> tuple[Manifest, str | None]:
    """The manifest in `raw`, and what is wrong with it (None: nothing). Entries that do not parse
    are left out and counted; an older layout is not damage, just nothing to reuse."""
    if len(raw) > MOST_BYTES:
        return Manifest(), f"larger than {MOST_BYTES >> 20} MiB"
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Manifest(), "not text"
    except ValueError:
        return Manifest(), "not JSON"
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        return Manifest(), "not a manifest"
    if data.get("version") != FORMAT:
        return Manifest(), None
    entries, bad = {}, 0
    for key, e in data["entries"].items():
        try:
            entries[key] = Entry.from_json(e)
        except (TypeError, ValueError, AttributeError):
            bad += 1
    return Manifest(entries), (f"{bad} of {len(data['entries'])} entries unreadable" if bad else None)


def _load(path: Path) -> tuple[Manifest, str | None]:
    try:
        with open(path, "rb") as f:
            raw = f.read(MOST_BYTES + 1)
    except FileNotFoundError:
        return Manifest(), None
    return _parse(raw)


def read(out: Path) -> Manifest:
    """The manifest as far as it can be read (a damaged one reads as what parses; see `salvage`)."""
    return _load(Path(out) / NAME)[0]


def salvage(out: Path) -> str | None:
    """Move a damaged manifest aside and keep what can be trusted: the entries that parse and whose
    files are whole. Returns the one line to tell the user, or None when nothing was wrong."""
    out = Path(out)
    if not (out / NAME).is_file() or _load(out / NAME)[1] is None:
        return None
    with locked(out, reading=False) as data:  # written back on leaving, if anything was kept
        parsed, problem = _load(out / NAME)
        if problem is None:
            data.entries.update(parsed.entries)
            return None
        aside = out / f"{NAME}.damaged-{time.strftime('%Y%m%dT%H%M%S')}"
        n = 1
        while aside.exists():
            aside, n = aside.with_name(f"{aside.name.split('~')[0]}~{n}"), n + 1
        os.replace(out / NAME, aside)
        kept = {k: e for k, e in parsed.entries.items() if files_intact(out, e)}
        data.entries.update(kept)
    return (f"{out / NAME} was damaged ({problem}): moved to {aside.name}; kept {len(kept)} entries whose files "
            "re-hash to what they list, the rest renders again")


def _write(out: Path, data: Manifest) -> None:
    atomic.write_text(Path(out) / NAME, json.dumps(data.to_json(), indent=1, sort_keys=True) + "\n")


@contextmanager
def locked(out: Path, reading: bool = True):
    """Hold the output folder's lock; yields the Manifest to read or change (written back if changed)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / ".manifest.lock", os.O_RDWR | os.O_CREAT, 0o666)
    with os.fdopen(fd, "r+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            data = read(out) if reading else Manifest()
            before = json.dumps(data.to_json(), sort_keys=True)
            yield data
            if json.dumps(data.to_json(), sort_keys=True) != before:
                _write(out, data)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def files_intact(out: Path, entry: Entry) -> bool:
    """Every file of the entry is there with the bytes it had when recorded (size first, then sha256:
    a same-size corruption with its mtime restored is caught too; hashing costs ~1 ms a MB)."""
    for f in entry.files:
        p = Path(out) / f.path
        try:
            st = p.stat()
            # a regular file only: a damaged entry naming a FIFO or /dev/zero must not block or read for ever
            if not stat.S_ISREG(st.st_mode) or st.st_size != f.bytes or sha256(p) != f.sha256:
                return False
        except OSError:
            return False
    return True


def _forget_replaced(data: Manifest, rec: FileRecord, keep: str) -> None:
    """A file at rec.path was just replaced: entries (other than `keep`) that list it stay valid
    only if the bytes are the same; an entry whose file changed under it is dropped."""
    for key in list(data.entries):
        if key == keep:
            continue
        for other in data.entries[key].files:
            if other.path == rec.path:
                if other.sha256 == rec.sha256:
                    other.bytes, other.mtime_ns = rec.bytes, rec.mtime_ns
                else:
                    del data.entries[key]
                break


# -- publishing a set of files ----------------------------------------------------------------
def _journal_dir(out: Path) -> Path:
    return work_root(out) / "journal"


def publish(out: Path, key: str, entry: Entry, moves: list[tuple[Path, Path]], stale: list[Path]) -> None:
    """Rename staged files onto their final paths, delete `stale` ones, record `entry` under `key`:
    all or (after a crash, once `recover` ran) all. `entry.files` describe the staged bytes."""
    out = Path(out)
    journal = _journal_dir(out) / f"{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"
    journal.parent.mkdir(parents=True, exist_ok=True)
    body = {"key": key, "entry": entry.to_json(), "moves": [[str(a), str(b)] for a, b in moves],
            "stale": [str(p) for p in stale]}
    with locked(out) as data:
        atomic.write_text(journal, json.dumps(body))
        _apply(out, body, data)
        _write(out, data)  # now, not on leaving the lock: the journal goes only once this is down
        journal.unlink()


def _apply(out: Path, body: dict, data: Manifest) -> None:
    for staged, final in body["moves"]:
        if os.path.exists(staged):
            os.replace(staged, final)
    for path in body["stale"]:
        Path(path).unlink(missing_ok=True)
    entry = Entry.from_json(body["entry"])
    for rec in entry.files:  # rename keeps the inode: size and mtime are the staged file's
        _forget_replaced(data, rec, keep=body["key"])
    data.entries[body["key"]] = entry


def recover(out: Path) -> int:
    """Finish the publishes that a killed process left half done; returns how many."""
    folder = _journal_dir(out)
    if not folder.exists():
        return 0
    done = 0
    with locked(out) as data:
        for journal in sorted(folder.glob("*.json")):
            try:
                with open(journal, "rb") as f:
                    body = json.loads(f.read(MOST_BYTES))
                entry = Entry.from_json(body["entry"])
                moves = [(str(a), str(b)) for a, b in body["moves"]]
                if not isinstance(body["key"], str) or not isinstance(body["stale"], list):
                    raise TypeError("not a journal")
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                # half-written (the journal lands before anything moves) or not ours: nothing to finish
                journal.unlink(missing_ok=True)
                continue
            shas = {str(Path(out) / f.path): f.sha256 for f in entry.files}
            # Each file is either still staged or already in place with the recorded bytes.
            whole = all(os.path.exists(staged) or (os.path.exists(final) and sha256(Path(final)) == shas.get(final))
                        for staged, final in moves)
            if whole:
                _apply(out, body, data)
                done += 1
            else:
                data.entries.pop(body["key"], None)
            _write(out, data)
            journal.unlink()
    return done
