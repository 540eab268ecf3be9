"""Numbers as a viewer should read them: 3 significant digits, trailing zeros kept, a real minus sign."""
from __future__ import annotations

import math

import numpy as np


def decimals_for(value: float, digits: int = 3) -> int:
    """Decimal places that show `digits` significant digits of `value` (0 for big numbers)."""
    if value == 0 or not math.isfinite(value):
        return 0
    return max(0, digits - 1 - int(math.floor(math.log10(abs(value)))))


MINUS = "\u2212"   # the minus sign (a hyphen is shorter and reads as a dash)


def num(value: float, digits: int = 3) -> str:
    """A computed value with `digits` significant digits, trailing zeros kept, a real minus sign:
    0.15 -> '0.150', 6.0 -> '6.00', -0.55 -> '−0.550', 0.06566 -> '0.0657'; from 100 on, whole
    units (1316.7 -> '1,317'). Python ints are counts: shown exactly (17 -> '17')."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return f"{int(value):,}".replace("-", MINUS)
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    d = min(decimals_for(value, digits), 6)
    rounded = round(value, d)
    if rounded != 0 and decimals_for(rounded, digits) < d:   # 9.996 rounds up to 10.0, not 10.00
        d = decimals_for(rounded, digits)
    text = f"{value:,.{d}f}"
    if float(text.replace(",", "")) == 0:
        return "0"
    return text.replace("-", MINUS)


def stated(value: float) -> str:
    """A stated input as a person writes it: no trailing zeros (10, 0.5, −0.4)."""
    if float(value).is_integer():
        return num(int(value))
    text = num(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def approx(value: float, digits: int = 3) -> bool:
    """Whether `num(value)` rounds the value (so '≈', not '=', belongs before it)."""
    shown = float(num(value, digits).replace(",", "").replace(MINUS, "-"))
    return not math.isclose(shown, float(value), rel_tol=1e-9, abs_tol=1e-12)


def rel(value: float, digits: int = 3) -> str:
    """'=' or '≈' before `num(value)`, for Text."""
    return "≈" if approx(value, digits) else "="


def tex_rel(value: float, digits: int = 3) -> str:
    """'=' or '\\approx' before `tex_num(value)`, for MathTex."""
    return r"\approx" if approx(value, digits) else "="


def shown(value: float, digits: int = 3) -> float:
    """The number a viewer reads from `num(value)`."""
    return float(num(value, digits).replace(",", "").replace(MINUS, "-"))


def product_approx(factors, result: float, digits: int = 3) -> bool:
    """Whether the factors as shown do not multiply to the result as shown (0.564 x 0.180 x 0.646 =
    0.06558, yet the exact product shows 0.0657): then '≈', not '=', belongs before the result."""
    return num(float(np.prod([shown(f, digits) for f in factors])), digits) != num(result, digits)


def tex_num(value: float, digits: int = 3) -> str:
    """The same, safe inside MathTex (braces around thousands separators; TeX draws its own minus)."""
    return num(value, digits).replace(MINUS, "-").replace(",", "{,}")


def tex_stated(value: float) -> str:
    return stated(value).replace(MINUS, "-").replace(",", "{,}")


def tex_factor(value: float, digits: int = 3) -> str:
    """A number as a factor in a product: negatives in parentheses."""
    text = tex_num(value, digits)
    return f"({text})" if value < 0 else text


def tex_linear(w: float, b: float | None = None, var: str = "x") -> str:
    """'w x + b' of stated parameters as a reader writes it: x not 1x, -x not -1x, x - 2 not x + -2."""
    coef = {1.0: "", -1.0: "-"}.get(float(w), tex_stated(w) + r"\,")
    text = f"{coef}{var}"
    if b is not None and b != 0:
        text += f" {'+' if b > 0 else '-'} {tex_stated(abs(b))}"
    return text


def signed_terms(values, lead: bool = False) -> str:
    """'a - b + c' from numbers with 2-3 significant digits; with `lead`, '+ a - b + c'."""
    out = ""
    for k, v in enumerate(values):
        sign = "-" if v < 0 else "+"
        out += f" {sign} {tex_num(abs(v))}" if (k or lead) else tex_num(v)
    return out.strip()


def tex_lines(lines) -> list[str]:
    """Rows for one multi-line MathTex (one LaTeX run, one part per row): a line break after each
    but the last. In the default align* an "&" sets the column: "&x" left-aligns x, "x&" right-aligns it."""
    lines = list(lines)
    return [line + r" \\" for line in lines[:-1]] + lines[-1:]
