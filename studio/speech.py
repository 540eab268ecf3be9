"""The speech form of a caption: what a voice says for what a caption writes.

Captions are written for the eye ("μ1 = w_i x + b_i", "σ(1 − σ)", "2-4-1", "−0.500"); a voice
reads them as a teacher would ("mu 1 equals w sub i x plus b sub i", "sigma times the quantity
one minus sigma", "two four one", "minus zero point five"). One table per language, in the
order it is applied: names, then structures (groups, powers, fractions, shapes), then numbers,
subscripts and single symbols. Plain numbers are left to the engine, which reads them in its
language ("zero point six four six", "零点六四六"). Each entry is tested (tests/test_speech.py).
"""
from __future__ import annotations

import re

GREEK = "σφθμηβεŷ"
_FACTOR = rf"[A-Za-z{GREEK}]"


def _square(words: dict):
    """(a − b)² / (a - b)^2 as "the quantity a − b, squared" (a square of a group, not of b)."""
    def say(m):
        inside = m.group(1).strip()
        kind = "difference" if re.search(r"[−-]", inside) else "sum" if "+" in inside else "plain"
        return words[kind].format(inside)
    return say


def _power(words: dict):
    """x^2 "x squared", 2^w "2 to the power w"."""
    def say(m):
        base, exp = m.group(1), m.group(2).strip("{}()")
        return words.get(exp, words["n"]).format(base, exp)
    return say


def _subscript(words: dict):
    """w_i "w sub i", w_ji "w sub j i" (indices are letters, said one by one)."""
    def say(m):
        index = m.group(1)
        if index.isalpha() and len(index) <= 3:
            index = " ".join(index)
        return words["sub"].format(index)
    return say


def _trim(m) -> str:
    """1.00 -> 1, 0.500 -> 0.5: the zeros a display keeps for alignment are not said."""
    whole, frac = m.group(1), m.group(2).rstrip("0")
    return f"{whole}.{frac}" if frac else whole


# A network's shape: 2-4-1, 2-w-w-1 (three or more parts, at least one a number).
SHAPE = re.compile(r"(?<![\w-])(?=[\w-]*\d)((?:\d+|[a-z])(?:-(?:\d+|[a-z])){2,})(?![\w-])")
NUMBER_ZEROS = re.compile(r"(?<![\d.,])(\d+)\.(\d*0)(?!\d|\.\d)")
MINUS_NUMBER = re.compile(r"(?<![\w)])-(?=\d)")        # a hyphen used as a minus sign before a number
SPACED_HYPHEN = re.compile(r"(?<=\s)-(?=\s)")           # "O - y": a hyphen typed for a minus
SIGN = re.compile(r"(?<![\w)])−(?=\d)")                 # −0.5: a sign, not a subtraction
SUBSCRIPT = re.compile(rf"(?<=[A-Za-z{GREEK}])_(\w+)")
POWER = re.compile(r"(\w+)\^(\{[^{}]*\}|\([^()]*\)|\w+)")
SQUARE = re.compile(r"\(([^()]+)\)\s*(?:²|\^2|\^\{2\})")
SIGMOID_SLOPE = re.compile(rf"({_FACTOR})\(1 [−-] \1\)")  # σ(1 − σ), O(1 − O), h(1 − h): products
FUNCTION = re.compile(r"([σφ]|\bphi)\(([^()]*)\)")       # σ(z), phi(...): a function applied
SLASH = re.compile(r"(?<=\S)/(?=\S)")                   # ∂E/∂w: "partial E over partial w"
PRIME = re.compile(rf"(?<![\w'])({_FACTOR})'")           # σ' (not the apostrophe of "sigmoid's")
LATEX = re.compile(r"\\([A-Za-z]+)")                    # \sigma typed into a caption

# (pattern, replacement) in order; a replacement is a string (re.sub syntax) or a function.
FORMS = {
    "en": [
        (re.compile(r"\bn_in\b"), "n in"), (re.compile(r"\bn_out\b"), "n out"),
        (re.compile(r"\btanh\b"), "tanch"),          # as lecturers say it: "tan" is another function
        (re.compile(r"\bReLU\b"), "ray-loo"),        # espeak says "ree-loo"
        (LATEX, r"\1"),
        (SPACED_HYPHEN, "−"),
        (SIGMOID_SLOPE, r"\1 times the quantity 1 minus \1"),
        (FUNCTION, r"\1 of \2"),
        (re.compile(r"(?:½|\b1/2)\s*(?=\()"), "one half times "),
        (SQUARE, _square({"difference": "the quantity {}, squared", "sum": "the quantity {}, squared",
                          "plain": "{} squared"})),
        (POWER, _power({"2": "{} squared", "3": "{} cubed", "n": "{} to the power {}"})),
        (re.compile(r"½|\b1/2\b"), "one half"), (re.compile(r"\b1/4\b"), "one quarter"),
        (SHAPE, lambda m: m.group(1).replace("-", " ")),
        (PRIME, r"\1 prime"),
        (NUMBER_ZEROS, _trim),
        (MINUS_NUMBER, "−"),
        (SUBSCRIPT, _subscript({"sub": " sub {}"})),
        (SLASH, " over "),
    ],
    "zh": [
        (re.compile(r"\bn_in\b"), "输入数"), (re.compile(r"\bn_out\b"), "输出数"),
        (re.compile(r"tanh"), "双曲正切"),
        (LATEX, r"\1"),
        (SPACED_HYPHEN, "−"),
        (SIGMOID_SLOPE, r"\1 乘以 1 减 \1 的差"),
        (FUNCTION, r"\1 \2"),
        (re.compile(r"(?:½|\b1/2)\s*(?=\()"), "二分之一乘以 "),
        (SQUARE, _square({"difference": "{} 的差的平方", "sum": "{} 的和的平方", "plain": "{} 的平方"})),
        (POWER, _power({"2": "{} 的平方", "3": "{} 的立方", "n": "{} 的 {} 次方"})),
        (re.compile(r"½|\b1/2\b"), "二分之一"), (re.compile(r"\b1/4\b"), "四分之一"),
        (SHAPE, lambda m: m.group(1).replace("-", " ")),
        (PRIME, r"\1 撇"),
        (NUMBER_ZEROS, _trim),
        (MINUS_NUMBER, "−"),
        (SIGN, "负 "),                               # "负0.5" would lose its point ("负零五")
        (re.compile(r"(\d+(?:\.\d+)?)\s*%"), r"百分之\1"),  # 百分之五十: the word goes before the number
        (SUBSCRIPT, _subscript({"sub": " 下标 {}"})),
        (SLASH, " 除以 "),
    ],
}

# Single symbols, after the forms above. Longest first where one symbol starts another.
SYMBOLS = {
    "en": [(":=", " becomes "), ("∂", " partial "), ("≈", " approximately "), ("≠", " is not "), ("≤", " at most "),
           ("≥", " at least "), ("→", " to "), ("×", " times "), ("·", " times "), ("÷", " divided by "),
           ("−", " minus "), ("±", " plus or minus "), ("=", " equals "), ("+", " plus "), ("<", " less than "),
           (">", " greater than "), ("²", " squared "), ("√", " square root of "), ("Σ", " sum "),
           ("∑", " sum "), ("θ", " theta "), ("η", " eta "), ("μ", " mu "), ("σ", " sigma "), ("β", " beta "),
           ("ε", " epsilon "), ("φ", " phi "), ("∇", " gradient "), ("ŷ", " y hat "), ("%", " percent "),
           ("⋮", " "), ("…", " ")],
    "zh": [(":=", "更新为"), ("∂", "偏"), ("≈", "约等于"), ("≠", "不等于"), ("≤", "小于等于"), ("≥", "大于等于"), ("→", "到"),
           ("×", "乘以"), ("·", "乘以"), ("÷", "除以"), ("−", "减"), ("±", "正负"), ("=", "等于"), ("+", "加"),
           ("<", "小于"), (">", "大于"), ("²", "的平方"), ("√", "根号"), ("Σ", "求和"), ("∑", "求和"),
           ("θ", "西塔"), ("η", "伊塔"), ("μ", "缪"), ("σ", "西格玛"), ("β", "贝塔"), ("ε", "艾普西隆"),
           ("φ", "斐"), ("∇", "梯度"), ("ŷ", "y 帽"), ("⋮", " "), ("…", " ")],
}


def speakable(text: str, lang: str = "en") -> str:
    for pattern, words in FORMS[lang]:
        text = pattern.sub(words, text)
    for symbol, words in SYMBOLS[lang]:
        text = text.replace(symbol, words)
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r" (?=[,.;:!?，。；：])", "", text).strip()
