"""Captions: read Manim's .srt, write .srt and WebVTT, join several with time offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_TIME = r"(\d+):(\d{2}):(\d{2})[,.](\d{3})"
_CUE = re.compile(_TIME + r"\s*-->\s*" + _TIME)


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


def _seconds(h, m, s, ms) -> float:
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def parse_srt(text: str) -> list[Cue]:
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.strip().splitlines()
        for i, line in enumerate(lines):
            m = _CUE.search(line)
            if m:
                g = m.groups()
                cues.append(Cue(_seconds(*g[:4]), _seconds(*g[4:]), "\n".join(lines[i + 1:]).strip()))
                break
    return cues


def read_srt(path: Path) -> list[Cue]:
    return parse_srt(Path(path).read_text(encoding="utf-8")) if Path(path).exists() else []


def _stamp(t: float, sep: str) -> str:
    ms = int(round(max(t, 0.0) * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(cues: list[Cue]) -> str:
    return "".join(f"{i}\n{_stamp(c.start, ',')} --> {_stamp(c.end, ',')}\n{c.text}\n\n"
                   for i, c in enumerate(cues, start=1))


def to_vtt(cues: list[Cue]) -> str:
    return "WEBVTT\n\n" + "".join(f"{_stamp(c.start, '.')} --> {_stamp(c.end, '.')}\n{c.text}\n\n" for c in cues)


def shifted(cues: list[Cue], offset: float) -> list[Cue]:
    return [Cue(c.start + offset, c.end + offset, c.text) for c in cues]
