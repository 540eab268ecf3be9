"""A user's file, read with a bound: a regular file only (a FIFO would block a read forever, a
folder is no file), never more than `limit` bytes, even if it grows while being read. The caller
names its own error class, so the one-line message reaches the user as that layer's error."""
from __future__ import annotations

import os
import stat
from pathlib import Path


def _why(e: OSError) -> str:
    return (e.strerror or "cannot be read").lower()


def regular_size(path: Path, limit: int, error: type[Exception], label: str, too_big: str) -> int:
    """Size of `path` if it is a regular file of at most `limit` bytes; else error("LABEL: why").
    `too_big` ends the message for a file past the limit ("more than ...")."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise error(f"{label}: {_why(e)}") from None
    if not stat.S_ISREG(st.st_mode):
        raise error(f"{label}: not a regular file")
    if st.st_size > limit:
        raise error(f"{label}: {st.st_size / 2**20:.0f} MiB, {too_big}")
    return st.st_size


def read(path: Path, limit: int, error: type[Exception]) -> bytes:
    """At most `limit` bytes of `path`; a file that grew past it since it was checked is refused."""
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise error(f"{path}: {_why(e)}") from None
    if len(data) > limit:
        raise error(f"{path}: grew past {limit // 2**20} MiB while being read")
    return data
