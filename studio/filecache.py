"""Facts about files (a sha256, a source's imports) remembered by the file's identity on disk, so an
up-to-date check costs a stat per file instead of a read and a hash (or a parse) of each.

Identity is (device, inode, size, mtime_ns, ctime_ns). Writing a file changes its mtime and ctime, and
ctime cannot be set back (restoring an mtime with `touch -d` changes it), so a remembered fact is used
only for the very bytes it was computed from. One hole is closed as git closes it ("racy clean"): a
file written within the file system's timestamp granularity of being read could change again with the
same stamps, so a fact about a file changed less than RACY seconds before it was read is not kept.

The store is one small JSON file under the cache root, written whole by atomic rename (two runs at
once: the last one's facts win, each of them true); it holds at most MAX_FACTS entries.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from studio import atomic
from studio.layout import cache_root

NAME = "file-facts.json"
VERSION = 1
RACY = 2.0            # seconds: more than any file system's timestamp granularity
MAX_FACTS = 20000     # ~100 bytes each: a few MB at most
MAX_BYTES = 8 << 20   # a store larger than this is not read (not ours, or damaged)


def identity(st: os.stat_result) -> list:
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


class FileFacts:
    """{(kind, absolute path): fact} valid while the file's identity is unchanged."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else cache_root() / NAME
        self.facts: dict[str, list] = {}
        self.dirty = False
        try:
            if self.path.stat().st_size <= MAX_BYTES:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                if raw.get("version") == VERSION and isinstance(raw.get("facts"), dict):
                    self.facts = raw["facts"]
        except (OSError, ValueError, AttributeError):
            pass   # no store yet, or unreadable: every fact is computed again

    def get(self, kind: str, path: Path, compute):
        """`compute(path)` for this file, or what it gave before for the same bytes (JSON values)."""
        path = Path(path).absolute()
        st = path.stat()
        key = f"{kind}:{path}"
        known = self.facts.get(key)
        if isinstance(known, list) and len(known) == 2 and known[0] == identity(st):
            return known[1]
        value = compute(path)
        after = path.stat()
        if identity(after) == identity(st) and \
                time.time() - max(after.st_mtime_ns, after.st_ctime_ns) / 1e9 > RACY:
            self.facts[key] = [identity(after), value]
            self.dirty = True
        return value

    def save(self) -> None:
        if not self.dirty:
            return
        facts = self.facts
        if len(facts) > MAX_FACTS:   # keep the newest (insertion order: the ones just computed last)
            facts = dict(list(facts.items())[-MAX_FACTS:])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_text(self.path, json.dumps({"version": VERSION, "facts": facts}))
            self.dirty = False
        except OSError:
            pass   # a read-only cache: the next run computes again, nothing is wrong


_SHARED: list[FileFacts] = []


def shared() -> FileFacts:
    """This process's store, read once: the up-to-date check and the voice check share it (whoever
    finishes checking saves it; `studio.runner.plan` does)."""
    if not _SHARED:
        _SHARED.append(FileFacts())
    return _SHARED[0]
