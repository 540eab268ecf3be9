"""Files that appear whole or not at all, and the leftovers of runs that died.

Every file studio writes outside a staging folder goes through `temporary()`: the bytes are
written to `.NAME.PID.tmp` beside the target and renamed over it. The temporary file is
created with the process umask (not mkstemp's 0600), so a second user can share the folder.
A run killed half way leaves only such `.*.PID.tmp` files; `sweep()` removes those whose
process is gone.
"""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path

_TMP = re.compile(r"^\..+\.(\d+)\.tmp$")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


@contextmanager
def temporary(path: Path):
    """Yields a temporary path beside `path`; renamed onto `path` if the block ends normally."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_text(path: Path, text: str) -> None:
    with temporary(path) as tmp:
        # O_EXCL + 0o666: the umask decides the mode, as for any file a user creates.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)


def sweep(folder: Path) -> list[Path]:
    """Remove `.NAME.PID.tmp` files in `folder` whose process is no longer running."""
    removed = []
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return removed
    for name in names:
        m = _TMP.match(name)
        if m and not alive(int(m.group(1))):
            p = Path(folder) / name
            try:
                p.unlink()
                removed.append(p)
            except (FileNotFoundError, IsADirectoryError):
                pass
    return removed
