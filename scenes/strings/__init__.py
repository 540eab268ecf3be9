"""Every on-screen word and caption, looked up by key, one table per language.

Each chapter keeps its own module (`ch1.py` ...) with one dict per language;
they are merged here. Formulas are MathTex and need no translation.
Placeholders are str.format fields.
"""
from __future__ import annotations

from . import ch1, ch2, ch3, ch4, ch5, common

_MODULES = (common, ch1, ch2, ch3, ch4, ch5)
LANGUAGES = ("en", "zh")
TABLES = {lang: {k: v for m in _MODULES for k, v in getattr(m, lang.upper(), {}).items()} for lang in LANGUAGES}


def text_for(key: str, lang: str = "en", **fields) -> str:
    try:
        table = TABLES[lang]
    except KeyError:
        raise ValueError(f"unknown language {lang!r}; choose one of: {', '.join(LANGUAGES)}") from None
    return table[key].format(**fields)
