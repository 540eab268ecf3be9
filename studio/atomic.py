"""Files that appear whole or not at all, and the leftovers of runs that died.

Every file studio writes outside a staging folder goes through `temporary()`: the bytes are
written to `.NAME.PID.tmp` beside the target and renamed over it. The temporary file is
created with the process umask (not mkstemp's 0600), so a second user can share the folder.
A run killed half way leaves only such files, and only ones it listed first in its ledger
(`CACHE/temporary/PID.list`, written before the file is made): `sweep()` removes what the ledgers
of dead processes list, and nothing else. A user's own `.x.4242420.tmp` is never touched.
"""
from __future__ import annotations

import atexit
import os
import re
from contextlib import contextmanager
from pathlib import Path

from studio.layout import cache_root

LEDGER_MOST = 1 << 20  # bytes read from one ledger (a run lists a few hundred paths)
_noted: set[str] = set()


def _ledger(pid: int) -> Path:
    return cache_root() / "temporary" / f"{pid}.list"


def _note(tmp: Path) -> None:
    """List `tmp` in this process's ledger before it exists: a kill at any moment leaves it listed."""
    line = str(Path(tmp).absolute())
    if line in _noted:
        return
    ledger = _ledger(os.getpid())
    if not _noted:  # the first of this process: its ledger goes when it exits normally
        atexit.register(_clear, ledger, os.getpid())
    ledger.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(ledger, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
    try:
        os.write(fd, (line + "\n").encode("utf-8", "surrogateescape"))
    finally:
        os.close(fd)
    _noted.add(line)


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
    _note(tmp)
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


def _clear(ledger: Path, pid: int) -> list[Path]:
    """Remove what the ledger lists (only `.NAME.PID.tmp` names of that pid), then the ledger."""
    removed = []
    try:
        with open(ledger, "rb") as f:
            lines = f.read(LEDGER_MOST).decode("utf-8", "surrogateescape").splitlines()
    except OSError:
        return removed
    ours = re.compile(r"^\..+\.%d\.tmp$" % pid)
    for line in lines:
        p = Path(line)
        if p.is_absolute() and ours.match(p.name) and p.is_file() and not p.is_symlink():
            try:
                p.unlink()
                removed.append(p)
            except OSError:
                pass
    ledger.unlink(missing_ok=True)
    return removed


def sweep(own: bool = False) -> list[Path]:
    """Remove the temporary files that processes no longer running listed (and, with `own`, this
    process's: its run is over, so any still there were cut short)."""
    removed = []
    folder = cache_root() / "temporary"
    try:
        ledgers = list(folder.iterdir())
    except OSError:
        return removed
    for ledger in ledgers:
        pid = ledger.stem
        if ledger.suffix != ".list" or not pid.isdigit():
            continue
        if own and int(pid) == os.getpid():
            removed += _clear(ledger, int(pid))
            _noted.clear()
        elif not alive(int(pid)):
            removed += _clear(ledger, int(pid))
    return removed
