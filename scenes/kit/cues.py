"""Captions as broadcasters write them: cues of at most 2 lines, split at clause boundaries, timed by length.

Pure Python (no manim): the base scene uses it for the .srt and for burned-in captions alike, so both
show the same cues at the same times.
"""
from __future__ import annotations

import re

LINE_CHARS = {"en": 42, "zh": 22}       # characters a caption line holds, by language
READING_RATE = {"en": 15.0, "zh": 7.0}  # characters a viewer reads per second, by language
LINES = 2

# A clause ends after sentence or clause punctuation (kept with the clause it ends).
_CLAUSE_EN = re.compile(r"(?<=[.;:!?,])\s+|\s+(?=—)")
_CLAUSE_ZH = re.compile(r"(?<=[。；：！？，、])")


def _width(lang: str) -> int:
    return LINE_CHARS.get(lang, LINE_CHARS["en"])


def reading_seconds(text: str, lang: str) -> float:
    return len(text.replace("\n", "")) / READING_RATE.get(lang, READING_RATE["en"])


# Chinese has no spaces: a line may break after punctuation, around a Latin word or number, or after
# a particle or conjunction that ends a phrase (的 了 和 ...); never elsewhere, so never inside a word.
_ZH_PUNCT = set("。；：！？，、）」』》")
_ZH_BREAK_AFTER = _ZH_PUNCT | set("的了着过和与及或把被在是就也都而再并则从向让给对")
_ZH_LATIN = re.compile(r"[A-Za-z0-9_.,=+\-−×/()≈<>'^²]+")


def _tokens(text: str, lang: str) -> list[str]:
    """Words (English) or unbreakable pieces (Chinese: a Latin word or number stays whole, and a run
    of Chinese characters is cut only after punctuation or a phrase-ending particle)."""
    if lang != "zh":
        return text.split()
    out: list[str] = []
    for tok in re.findall(rf"{_ZH_LATIN.pattern}|\s|.", text):
        prev = out[-1] if out else None
        chinese = not tok.isspace() and not _ZH_LATIN.fullmatch(tok)
        if prev is not None and not prev.isspace() and chinese and (
                tok in _ZH_PUNCT   # punctuation stays with what it closes: no line starts with it
                or (not _ZH_LATIN.fullmatch(prev) and prev[-1] not in _ZH_BREAK_AFTER)):
            out[-1] += tok
        else:
            out.append(tok)
    return [piece for tok in _formulas(out) for piece in _chars_if_too_long(tok)]


def _formulas(tokens: list[str]) -> list[str]:
    """A formula written in Latin among Chinese ("z = 0.5", "x1 + x2 − 40 > 0", "1 − tanh²") is one
    piece when it fits a line: Latin pieces joined by single spaces are not cut apart. A formula wider
    than a line keeps its pieces (the lines balance better than around one line-wide block)."""
    out: list[str] = []
    punct = "".join(_ZH_PUNCT)
    i = 0
    while i < len(tokens):
        j = i   # the formula's last piece: the run of Latin pieces, up to one that ends in punctuation
        if _ZH_LATIN.fullmatch(tokens[i]):   # the last piece may carry the punctuation that ends it
            while (j + 2 < len(tokens) and tokens[j + 1] == " " and tokens[j] == tokens[j].rstrip(punct)
                   and _ZH_LATIN.fullmatch(tokens[j + 2].rstrip(punct))):
                j += 2
        run = tokens[i:j + 1:2]
        if len(" ".join(run)) <= LINE_CHARS["zh"]:
            out.append(" ".join(run))
        else:
            out.extend(tokens[i:j + 1])
        i = j + 1
    return out


def _chars_if_too_long(tok: str) -> list[str]:
    """A Chinese piece wider than a line is cut into characters (the last resort)."""
    return list(tok) if len(tok) > LINE_CHARS["zh"] else [tok]


def wrap(text: str, lang: str = "en") -> list[str]:
    """Lines of at most the language's width, broken between words (English; Chinese: at punctuation
    where that fits, else between the pieces of _tokens), balanced: as many lines as the width needs,
    as even as they can be (no one-word last line)."""
    lines = _balanced(lambda width: _greedy(text, lang, width), _width(lang))
    if lang == "zh":   # the same number of lines, each ending at punctuation, reads better still
        clauses = _balanced(lambda width: _greedy_clauses(text, width), _width(lang))
        if len(clauses) <= len(lines) and all(len(l) <= _width(lang) for l in clauses):
            return clauses
    return lines


def _greedy_clauses(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for clause in _CLAUSE_ZH.split(text.strip()):
        joined = line + clause
        if len(joined.strip()) <= width or not line:
            line = joined
        else:
            lines.append(line.strip())
            line = clause
    return lines + ([line.strip()] if line.strip() else [])


def _balanced(split, widest: int) -> list[str]:
    """`split(width)` at the narrowest width that gives no more pieces than at `widest`."""
    best = split(widest)
    for width in range(max(map(len, best), default=0) - 1, 0, -1):
        tighter = split(width)
        if len(tighter) > len(best):
            break
        best = tighter
    return best


def _greedy(text: str, lang: str, width: int) -> list[str]:
    lines, line = [], ""
    glue = "" if lang == "zh" else " "
    for tok in _tokens(text, lang):
        if lang == "zh" and tok.isspace():
            tok = " "
            if not line:
                continue
        joined = f"{line}{glue}{tok}" if line else tok
        if len(joined) <= width or not line:
            line = joined
        else:
            lines.append(line.rstrip())
            line = tok.lstrip()
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _fits(text: str, lang: str) -> bool:
    lines = wrap(text, lang)
    return len(lines) <= LINES and all(len(l) <= _width(lang) for l in lines)


def _clauses(text: str, lang: str) -> list[str]:
    pattern = _CLAUSE_ZH if lang == "zh" else _CLAUSE_EN
    return [c.strip() for c in pattern.split(text.strip()) if c and c.strip()]


def _halves(clause: str, lang: str) -> list[str]:
    """A clause too long for one cue, cut between words (characters in Chinese) into as few pieces
    as fit, of about even length (no one-word last cue)."""
    return _balanced(lambda budget: _pack(clause, lang, budget), len(clause))


def _pack(clause: str, lang: str, budget: int) -> list[str]:
    glue = "" if lang == "zh" else " "
    pieces, piece = [], ""
    for tok in _tokens(clause, lang):
        joined = f"{piece}{glue}{tok}" if piece else tok.strip()
        if piece and (len(joined) > budget or not _fits(joined, lang)):
            pieces.append(piece.strip())
            piece = tok.strip()
        else:
            piece = joined
    return pieces + ([piece.strip()] if piece.strip() else [])


def split_cues(text: str, lang: str = "en") -> list[str]:
    """The caption as cues: each at most 2 lines of the language's width (line breaks written in),
    clauses packed together while they fit, a long clause cut between words."""
    glue = "" if lang == "zh" else " "
    cues, current = [], ""
    for clause in _clauses(text, lang):
        joined = f"{current}{glue}{clause}" if current else clause
        if _fits(joined, lang):
            current = joined
            continue
        if current:
            cues.append(current)
        pieces = _halves(clause, lang)
        cues.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        cues.append(current)
    return ["\n".join(wrap(c, lang)) for c in cues]


def schedule(cues: list[str], span: float) -> list[tuple[float, float]]:
    """(start, end) of each cue inside a span of `span` seconds, each cue's share by its length."""
    sizes = [max(len(c.replace("\n", "")), 1) for c in cues]
    total, t, out = sum(sizes), 0.0, []
    for s in sizes:
        out.append((t, t + span * s / total))
        t += span * s / total
    return out
