"""Equations that are true as shown: "=" only when the numbers printed give the result printed.

A worked step prints rounded operands and a rounded result. `shown_equation` redoes the step from
the printed operands (read back from their text) and writes "=" only when that gives exactly the
printed result, "≈" otherwise (e.g. "σ(0.6) ≈ 0.646", "0.5 · 3 = 1.5"). Numbers are written by
`show`: a value with at most 4 significant figures in full (12.25, −0.4), any other to 3 significant figures with scenes/kit/fmt.py's rules (0.0657, −0.550).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nncore.exercises import EXACT_DIGITS, short, written
from scenes.kit.fmt import MINUS, decimals_for, num


def show(value: float) -> str:
    """The text of a number on a worksheet: a short value in full (12.25, −0.4, 49), any other
    as the scenes show it (3 significant figures: 0.0657, −0.550)."""
    value = float(value)
    if not short(value):
        return num(value)
    value = written(value)
    if value.is_integer():
        return num(int(value))
    return f"{value:.{decimals_for(value, EXACT_DIGITS)}f}".rstrip("0").replace("-", MINUS)


def read(text: str) -> float:
    """The number a reader takes from `show`'s text."""
    return float(text.replace(",", "").replace(MINUS, "-"))


@dataclass(frozen=True)
class ShownEquation:
    text: str        # "lhs = expression REL result"
    relation: str    # "=" or "≈"
    result: str      # the result's text


def shown_equation(lhs: str, expression: Callable[[list[str]], str], operands: Sequence[float], result: float,
                   evaluate: Callable[..., float]) -> ShownEquation:
    """`lhs = expression(texts of operands) REL text of result`; REL is "=" only when `evaluate` on
    the operands as printed gives the result as printed (to 1e-12 relative)."""
    texts = [show(v) for v in operands]
    shown_result = show(result)
    exact = math.isclose(evaluate(*[read(t) for t in texts]), read(shown_result), rel_tol=1e-12, abs_tol=1e-15)
    rel = "=" if exact else "≈"
    return ShownEquation(f"{lhs} = {expression(texts)} {rel} {shown_result}", rel, shown_result)
