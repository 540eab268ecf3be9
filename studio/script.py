"""The narration script a teacher records from: every beat's text and the time its picture needs.

Written as Markdown (to read from) and CSV (for tools), OUT/narration-script.LANG.md|.csv. The
file column says where `--voice recorded:DIR` looks for each recording.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from scenes import catalog
from studio import atomic
from studio.narration import AUDIO_EXTENSIONS


def write(out: Path, lang: str, plans: dict[str, list[tuple[str, str, float]]]) -> tuple[Path, Path]:
    """`plans`: {scene id: [(beat, text, seconds)]} in series order."""
    md = [f"# Narration script ({lang})", "",
          f"Record one file per beat as DIR/SCENE/BEAT{'|'.join(AUDIO_EXTENSIONS)}, then render with "
          "`--voice recorded:DIR`. A recording may run longer than the picture needs: the beat waits for it.", ""]
    rows = io.StringIO()
    table = csv.writer(rows, lineterminator="\n")
    table.writerow(["scene", "beat", "text", "picture_seconds", "file"])
    for scene, plan in plans.items():
        spec = catalog.find(scene)
        md += [f"## {spec.chapter}. {spec.title(lang)} (`{scene}`)", ""]
        for beat, text, seconds in plan:
            md += [f"- **{beat}** ({seconds:.1f} s): {text}"]
            table.writerow([scene, beat, text, f"{seconds:.2f}", f"{scene}/{beat}.wav"])
        md.append("")
    paths = (Path(out) / f"narration-script.{lang}.md", Path(out) / f"narration-script.{lang}.csv")
    atomic.write_text(paths[0], "\n".join(md))
    atomic.write_text(paths[1], rows.getvalue())
    return paths
