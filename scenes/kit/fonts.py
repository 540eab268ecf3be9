"""The font of each language, chosen explicitly so Pango never falls back to boxes ("tofu")."""
from __future__ import annotations

import re
import subprocess
from functools import lru_cache

# language: (font family, the Debian package that has it)
FONTS = {"en": ("DejaVu Sans", "fonts-dejavu-core"), "zh": ("Noto Sans CJK SC", "fonts-noto-cjk")}


class FontMissing(RuntimeError):
    pass


@lru_cache(maxsize=None)
def _installed(family: str) -> bool:
    """Whether fontconfig (which Pango asks) has `family`: `fc-list` answers in ~10 ms, where
    manimpango's own list costs ~50 ms of imports on every up-to-date run. Debian's Pango depends
    on fontconfig, so the tool is there; elsewhere Pango is asked directly."""
    pattern = ":family=" + re.sub(r"([\\:,=-])", r"\\\1", family)   # fontconfig's pattern escapes
    try:
        listed = subprocess.run(["fc-list", pattern, "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        import manimpango

        return family in manimpango.list_fonts()
    return any(family in line.split(",") for line in listed.splitlines())


def font_for(lang: str) -> str:
    """The font family for `lang`; a clear error naming the package when it is not installed."""
    family, package = FONTS.get(lang, FONTS["en"])
    if not _installed(family):
        raise FontMissing(f"font {family!r} for --lang {lang} is not installed: apt-get install {package}")
    return family
