"""Displayed computations that are true as shown.

A viewer checks "z = 0.0889·1 − 0.379·0.5 − 1.16 = −1.26" with the numbers on screen, not with the
trace's float64s. So a computation is built here from the values it shows, and its result gets "="
only when the shown operands, at the shown precision, give the shown result; otherwise "≈".
Pure Python (no manim): scenes wrap the TeX in MathTex.

    z = computation("z", given(w1) * given(x1) + given(b), result=z_value)
    a = computation(r"\\sigma(z)", sigma(value(z_value)), result=a_value)

tests/test_equations.py recomputes every numeric equality of every scene from the TeX itself.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from scenes.kit.fmt import decimals_for, shown, stated, tex_num, tex_stated

ATOM, PRODUCT, SUM = 3, 2, 1   # how tightly a term binds (parentheses where a weaker one meets a stronger)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


FUNCTIONS = {"sigma": _sigmoid, "step": lambda z: 1.0 if z > 0 else 0.0, "tanh": math.tanh,
             "relu": lambda z: max(0.0, z)}
FUNCTION_TEX = {"sigma": r"\sigma", "step": r"\mathrm{step}", "tanh": r"\tanh", "relu": r"\mathrm{ReLU}"}


@dataclass(frozen=True)
class Term:
    tex: str       # as typeset
    py: str        # the same arithmetic over the numbers as shown, for Python to evaluate
    binds: int = ATOM
    negative: bool = False   # written with a leading minus (a factor needs parentheses; a sum folds it)

    def shown_value(self) -> float:
        return float(eval(self.py, {"__builtins__": {}}, dict(FUNCTIONS)))   # noqa: S307 - our own text

    def wrapped(self, below: int, negative: bool = False) -> "Term":
        """In parentheses where it binds less tightly than `below` (or, with `negative`, is a
        negative number: 0.5 · (−0.4), never 0.5 · −0.4)."""
        if self.binds < below or (negative and self.negative):
            return Term(rf"\left({self.tex}\right)", f"({self.py})")
        return self

    def __mul__(self, other: "Term") -> "Term":
        a, b = self.wrapped(PRODUCT), other.wrapped(PRODUCT, negative=True)
        # a product led by a negative number reads as negative: a + (−0.379 · 0.5) is a − 0.379 · 0.5
        return Term(rf"{a.tex} \cdot {b.tex}", f"{a.py}*{b.py}", PRODUCT, a.negative)

    def __add__(self, other: "Term") -> "Term":
        if other.negative:   # a + (−0.379) is written a − 0.379
            return Term(rf"{self.tex} - {other.tex[1:]}", f"{self.py} - {other.py[1:]}", SUM)
        return Term(f"{self.tex} + {other.tex}", f"{self.py} + {other.py}", SUM)

    def __sub__(self, other: "Term") -> "Term":
        if other.negative:
            return Term(f"{self.tex} + {other.tex[1:]}", f"{self.py} + {other.py[1:]}", SUM)
        b = other.wrapped(PRODUCT)   # a − (b + c), but a − b·c
        return Term(f"{self.tex} - {b.tex}", f"{self.py} - {b.py}", SUM)


def _number(text_tex: str, value_shown: float) -> Term:
    return Term(text_tex, repr(value_shown), ATOM, value_shown < 0)


def given(v: float) -> Term:
    """A value the user gave, written as given (1, 0.5, 0.05)."""
    return _number(tex_stated(v), float(stated(v).replace("\u2212", "-").replace(",", "")))


def value(v: float, digits: int = 3) -> Term:
    """A computed value at `digits` significant digits."""
    return _number(tex_num(v, digits), shown(v, digits))


def apply(name: str, arg: Term) -> Term:
    """sigma(...), step(...), tanh(...), relu(...) of a term."""
    return Term(rf"{FUNCTION_TEX[name]}\left({arg.tex}\right)", f"{name}({arg.py})")


def sigma(arg: Term) -> Term:
    return apply("sigma", arg)


def result_text(result: float, digits: int = 3, binary: bool = False) -> tuple[str, float]:
    """The result as shown, and the number a viewer reads from it (a binary output is '1', not '1.00')."""
    if binary:
        return str(int(result)), float(int(result))
    return tex_num(result, digits), shown(result, digits)


def holds(expression: Term, result_shown: float, result_digits: int) -> bool:
    """Whether the shown expression, worked out, rounds to the shown result."""
    worked = expression.shown_value()
    decimals = decimals_for(result_shown, result_digits) if result_shown else 0
    return math.isclose(round(worked, decimals), result_shown, abs_tol=0.5 * 10 ** -(decimals + 3))


def relation(expression: Term, result: float, digits: int = 3, binary: bool = False) -> str:
    """'=' if the shown expression gives the shown result, else '\\approx'."""
    _, seen = result_text(result, digits, binary)
    if binary:
        return "=" if expression.shown_value() == seen else r"\approx"
    return "=" if holds(expression, seen, digits) else r"\approx"


def computation(lhs: str | None, expression: Term, result: float, digits: int = 3, binary: bool = False) -> str:
    """'lhs = expression = result' (or '≈ result') in TeX; without lhs, 'expression = result'."""
    text, _ = result_text(result, digits, binary)
    head = f"{lhs} = " if lhs else ""
    return f"{head}{expression.tex} {relation(expression, result, digits, binary)} {text}"
