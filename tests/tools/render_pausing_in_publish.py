"""render.py, except that publishing stops for good right after the file named $PAUSE_AFTER is renamed
into place (the other files of the set not yet).

Lets a test kill a render exactly inside the publish window (between two renames) without
guessing a time: it waits until a final file's inode changes, then kills."""
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from studio import manifest  # noqa: E402

real_replace = os.replace


def replace_then_hang(src, dst, *rest, **kw):
    real_replace(src, dst, *rest, **kw)
    if "/stage-" in str(src) and Path(dst).name == os.environ["PAUSE_AFTER"]:
        while True:  # the test kills us here
            time.sleep(1)


manifest.os.replace = replace_then_hang
sys.argv[0] = "render.py"
from studio.cli import main  # noqa: E402

main()
