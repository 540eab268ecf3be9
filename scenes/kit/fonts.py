"""The font of each language, chosen explicitly so Pango never falls back to boxes ("tofu")."""
from __future__ import annotations

from functools import lru_cache

# language: (font family, the Debian package that has it)
FONTS = {"en": ("DejaVu Sans", "fonts-dejavu-core"), "zh": ("Noto Sans CJK SC", "fonts-noto-cjk")}


class FontMissing(RuntimeError):
    pass


@lru_cache(maxsize=None)
def _installed() -> frozenset:
    import manimpango

    return frozenset(manimpango.list_fonts())


def font_for(lang: str) -> str:
    """The font family for `lang`; a clear error naming the package when it is not installed."""
    family, package = FONTS.get(lang, FONTS["en"])
    if family not in _installed():
        raise FontMissing(f"font {family!r} for --lang {lang} is not installed: apt-get install {package}")
    return family
