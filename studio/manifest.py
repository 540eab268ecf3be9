"""manifest.json: what is in the output folder, and whether a scene is up to date.

Several render.py processes may share one --out: every change happens under
an exclusive file lock and is written to a temporary file, then renamed.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

NAME = "manifest.json"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def entry_id(scene: str, quality: str, lang: str, fmt: str = "mp4") -> str:
    return f"{quality}/{lang}/{scene}.{fmt}"


def release(data: dict, path: str, new_sha: str, new_stat, keep: str) -> None:
    """A file at `path` was just replaced: entries (other than `keep`) that list it stay valid
    only if the bytes are the same; an entry whose file changed under it is dropped."""
    for key in list(data["entries"]):
        if key == keep:
            continue
        for rec in data["entries"][key]["files"]:
            if rec["path"] == path:
                if rec["sha256"] == new_sha:
                    rec["bytes"], rec["mtime_ns"] = new_stat.st_size, new_stat.st_mtime_ns
                else:
                    del data["entries"][key]
                break


@contextmanager
def locked(out: Path):
    """Hold the output folder's lock; yields the manifest (a dict) to read or change."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".manifest.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            data = read(out)
            before = json.dumps(data, sort_keys=True)
            yield data
            if json.dumps(data, sort_keys=True) != before:
                _write(out, data)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def read(out: Path) -> dict:
    path = Path(out) / NAME
    try:
        data = json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        data = {}
    data.setdefault("version", 1)
    data.setdefault("entries", {})
    return data


def _write(out: Path, data: dict) -> None:
    fd, tmp = tempfile.mkstemp(dir=out, prefix=".manifest-", suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(tmp, Path(out) / NAME)


def files_intact(out: Path, entry: dict) -> bool:
    """Every file of the entry is there with the size and mtime it had when recorded."""
    for f in entry.get("files", []):
        p = Path(out) / f["path"]
        try:
            st = p.stat()
        except FileNotFoundError:
            return False
        if st.st_size != f["bytes"] or st.st_mtime_ns != f["mtime_ns"]:
            return False
    return True
