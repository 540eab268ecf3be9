"""Numbers as a viewer should read them: 2-3 significant digits, no exponent noise."""
from __future__ import annotations

import math


def decimals_for(value: float, digits: int = 3) -> int:
    """Decimal places that show `digits` significant digits of `value` (0 for big numbers)."""
    if value == 0 or not math.isfinite(value):
        return 0
    return max(0, digits - 1 - int(math.floor(math.log10(abs(value)))))


def num(value: float, digits: int = 3) -> str:
    """0.06566 -> '0.0657', 30.0 -> '30', 1316.7 -> '1,317', -0.5 -> '-0.5'."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    d = min(decimals_for(value, digits), 6)
    text = f"{value:,.{d}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def tex_num(value: float, digits: int = 3) -> str:
    """The same, safe inside MathTex (braces around thousands separators, minus sign kept)."""
    return num(value, digits).replace(",", "{,}")


def tex_factor(value: float, digits: int = 3) -> str:
    """A number as a factor in a product: negatives in parentheses."""
    text = tex_num(value, digits)
    return f"({text})" if value < 0 else text


def tex_linear(w: float, b: float | None = None, var: str = "x") -> str:
    """'w x + b' as a reader writes it: x not 1x, -x not -1x, x - 2 not x + -2."""
    coef = {1.0: "", -1.0: "-"}.get(float(w), tex_num(w) + r"\,")
    text = f"{coef}{var}"
    if b is not None and b != 0:
        text += f" {'+' if b > 0 else '-'} {tex_num(abs(b))}"
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
