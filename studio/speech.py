"""The speech form of a caption: what a voice should say for the symbols a caption shows.

Captions are written for the eye ("μ1 = w_i x + b_i", "∂E/∂w_o ≈ 0.0657", "θ − 3"); a voice
reads them as words ("mu 1 equals w sub i x plus b sub i"). Plain numbers are left to the engine,
which reads them in its language (espeak: "zero point six four six", "零点六四六").
"""
from __future__ import annotations

import re

# Longest first where one symbol starts another.
SYMBOLS = {
    "en": [("∂", " partial "), ("≈", " approximately "), ("≠", " is not "), ("≤", " at most "),
           ("≥", " at least "), ("→", " to "), ("×", " times "), ("·", " times "), ("÷", " divided by "),
           ("−", " minus "), ("±", " plus or minus "), ("=", " equals "), ("+", " plus "), ("<", " less than "),
           (">", " greater than "), ("²", " squared "), ("√", " square root of "), ("Σ", " sum "),
           ("∑", " sum "), ("θ", " theta "), ("η", " eta "), ("μ", " mu "), ("σ", " sigma "), ("β", " beta "),
           ("ε", " epsilon "), ("φ", " phi "), ("∇", " gradient "), ("ŷ", " y hat "), ("%", " percent "),
           ("'", "")],
    "zh": [("∂", "偏"), ("≈", "约等于"), ("≠", "不等于"), ("≤", "小于等于"), ("≥", "大于等于"), ("→", "到"),
           ("×", "乘以"), ("·", "乘以"), ("÷", "除以"), ("−", "减"), ("±", "正负"), ("=", "等于"), ("+", "加"),
           ("<", "小于"), (">", "大于"), ("²", "的平方"), ("√", "根号"), ("Σ", "求和"), ("∑", "求和"),
           ("θ", "西塔"), ("η", "伊塔"), ("μ", "缪"), ("σ", "西格玛"), ("β", "贝塔"), ("ε", "艾普西隆"),
           ("φ", "斐"), ("∇", "梯度"), ("ŷ", "y 帽")],
}
SUB = {"en": " sub ", "zh": " 下标 "}
OVER = {"en": " over ", "zh": " 除以 "}
# w_i, b_o, x_1, ŷ_1: a letter and its subscript
_SUBSCRIPT = re.compile(r"(?<=[A-Za-zŷθμ])_(\w+)")
# E/w between symbols (not 1/2 or dates): "∂E/∂w" reads "partial E over partial w"
_SLASH = re.compile(r"(?<=\S)/(?=\S)")
_MINUS_NUMBER = re.compile(r"(?<![\w)])-(?=\d)")  # a hyphen used as a minus sign before a number


def speakable(text: str, lang: str = "en") -> str:
    text = _SUBSCRIPT.sub(lambda m: SUB[lang] + m.group(1), text)
    text = _MINUS_NUMBER.sub("−", text)
    text = _SLASH.sub(OVER[lang], text)
    if lang == "zh":  # 百分之五十: the word goes before the number
        text = re.sub(r"(\d+(?:\.\d+)?)\s*%", r"百分之\1", text)
    for symbol, words in SYMBOLS[lang]:
        text = text.replace(symbol, words)
    return re.sub(r"[ \t]+", " ", text).strip()
