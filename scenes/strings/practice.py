"""Words of the worksheets (`render.py worksheet`) and of the presenter's prediction questions.

Kept out of the scenes' tables (scenes/strings/__init__.py): these are printed by a browser, which
takes the subscripts (x₁, wₒ) the Chinese scene font lacks from the page's Latin font.
Numbers come in through the {fields}; none is typed here.
"""
from __future__ import annotations

_CHAIN_EN = ("The chain μ₁ = wᵢx + bᵢ, h = σ(μ₁), μ₂ = wₒh + bₒ, O = σ(μ₂), E = ½(O − y)², with σ(z) = 1/(1 + e⁻ᶻ), "
             "has x = {x}, y = {y}, wᵢ = {w_i}, bᵢ = {b_i}, wₒ = {w_o}, bₒ = {b_o}.")
_CHAIN_ZH = ("链 μ₁ = wᵢx + bᵢ，h = σ(μ₁)，μ₂ = wₒh + bₒ，O = σ(μ₂)，E = ½(O − y)²，其中 σ(z) = 1/(1 + e⁻ᶻ)，"
             "已知 x = {x}，y = {y}，wᵢ = {w_i}，bᵢ = {b_i}，wₒ = {w_o}，bₒ = {b_o}。")

EN = {
    # the sheets
    "sheet.title": "Practice: the simple math behind neural networks",
    "sheet.answers_title": "Answers: the simple math behind neural networks",
    "sheet.meta": "Worksheet {seed} · {count} exercises · give answers to 3 significant figures",
    "sheet.name": "Name: ____________________",
    "sheet.answer_line": "Answer:",
    "sheet.answer": "Answer: {answer}",
    "sheet.exercise": "Exercise {n}",
    "sheet.fires": "fires",
    "sheet.silent": "does not fire",
    "sheet.fire_rule": "{total} > {threshold}: the neuron fires",
    "sheet.silent_rule": "{total} < {threshold}: the neuron does not fire",
    "sheet.step_rule": "z = {z} {cmp} 0, so a = {a}",
    "sheet.note": "“=” means the numbers as printed give the result exactly; “≈” that it is rounded to 3 significant figures.",
    # one question per kind of exercise
    "ex.neuron": "A neuron with threshold {threshold} receives the inputs x₁ = {x1} and x₂ = {x2}. Does it fire?",
    "ex.perceptron": ("A perceptron with a step activation (a = 1 if z > 0, else 0) has the inputs x₁ = {x1}, "
                      "x₂ = {x2}, x₃ = {x3}, the weights w₁ = {w1}, w₂ = {w2}, w₃ = {w3} and the bias b = {b}. "
                      "Find z = w₁x₁ + w₂x₂ + w₃x₃ + b and the output a."),
    "ex.sigmoid": "Find σ(z) = 1/(1 + e⁻ᶻ) and its slope σ′(z) = σ(z)(1 − σ(z)) at z = {z}.",
    "ex.forward": ("A 2-2-1 network of sigmoid neurons gets x₁ = {x1}, x₂ = {x2}. Hidden neuron 1 has the weights "
                   "w₁₁ = {w11}, w₂₁ = {w21} and the bias b₁ = {b1}; hidden neuron 2 has w₁₂ = {w12}, w₂₂ = {w22}, "
                   "b₂ = {b2}; the output neuron has v₁ = {v1}, v₂ = {v2}, c = {c}. "
                   "Find its output o = σ(v₁h₁ + v₂h₂ + c), where hⱼ = σ(w₁ⱼx₁ + w₂ⱼx₂ + bⱼ)."),
    "ex.count": "How many parameters (weights and biases) does a {shape} network have?",
    "ex.cost": ("The line ŷ = θ₀ + θ₁x with θ₀ = {theta0} and θ₁ = {theta1} is drawn through the n = {n} points "
                "(x, y): {points}. Find its cost C = (1/2n) Σ (ŷ − y)²."),
    "ex.descent": ("Gradient descent on C(θ) = {a}(θ − {m})² + {floor}, whose slope is C′(θ) = θ − {m}, starts at "
                   "θ₀ = {theta0} with the learning rate η = {eta}. Take two steps θ ← θ − η C′(θ): find θ₁ and θ₂."),
    "ex.backprop": _CHAIN_EN + " Find ∂E/∂wₒ = (O − y) · O(1 − O) · h.",
    "ex.backprop_hidden": _CHAIN_EN + " Find ∂E/∂wᵢ = (O − y) · O(1 − O) · wₒ · h(1 − h) · x.",
    "ex.update": (_CHAIN_EN + " Update wₒ and bₒ once with the learning rate η = {eta} "
                  "(w ← w − η ∂E/∂w): find the new wₒ and bₒ."),
    # prediction points in the presenter (and the lecture page's handout)
    "predict.ask": "Predict",
    "predict.hint": "→ reveal · P prediction pauses off",
    "predict.off": "Prediction pauses off (P turns them on)",
    "predict.on": "Prediction pauses on",
    "predict.number": "Your number: ______",
    "predict.heading": "Predict",
    "predict.answers": "Answers to the prediction questions",
    "predict.worksheet": "Worksheet {seed}",
    "predict.answer_key": "answers",
    "predict.worksheets": "Worksheets:",
    "predict.yes": "yes",
    "predict.no": "no",
    "q.fire": "{a} and {b} arrive, the threshold is {threshold}: does the neuron fire?",
    "q.weighted_sum": "The inputs are {inputs}, the weights {weights}. What is Σ w·x?",
    "q.sigmoid_slope": "What is the sigmoid's slope at z = 0?",
    "q.bias": "The neuron fires when x₁ + x₂ > {threshold}. Which bias b writes that as x₁ + x₂ + b > 0?",
    "q.output_half": "Will the {shape} network's output be above or below 0.5?",
    "q.above": "above 0.5",
    "q.below": "below 0.5",
    "q.count": "How many parameters does a {shape} network have?",
    "q.cost": "The squares add up to {total} over n = {n} points. What is C = total / (2n)?",
    "q.direction": "From θ = {theta}, which way will the ball move, and is the first step bigger or smaller than the next?",
    "q.right_bigger": "right, bigger",
    "q.right_smaller": "right, smaller",
    "q.left_bigger": "left, bigger",
    "q.left_smaller": "left, smaller",
    "q.verdict": "With η = {eta}, will descent converge, crawl, oscillate or diverge?",
    "q.converges": "converge",
    "q.crawls": "crawl",
    "q.oscillates": "oscillate",
    "q.diverges": "diverge",
    "q.escape": "Will the ball with momentum β = {beta} escape the dip?",
    "q.sign": "Is {name} positive or negative?",
    "q.positive": "positive",
    "q.negative": "negative",
    "q.error_after": "After one update of every parameter, will E go up or down?",
    "q.up": "up",
    "q.down": "down",
    "q.rises": "Training with momentum β = {beta}: will the cost ever go up from one epoch to the next?",
}

ZH = {
    "sheet.title": "练习：神经网络背后的简单数学",
    "sheet.answers_title": "答案：神经网络背后的简单数学",
    "sheet.meta": "练习卷 {seed} · {count} 道题 · 答案保留 3 位有效数字",
    "sheet.name": "姓名：____________________",
    "sheet.answer_line": "答案：",
    "sheet.answer": "答案：{answer}",
    "sheet.exercise": "第 {n} 题",
    "sheet.fires": "激活",
    "sheet.silent": "不激活",
    "sheet.fire_rule": "{total} > {threshold}：神经元激活",
    "sheet.silent_rule": "{total} < {threshold}：神经元不激活",
    "sheet.step_rule": "z = {z} {cmp} 0，所以 a = {a}",
    "sheet.note": "“=” 表示按印出的数字计算恰好得到结果；“≈” 表示结果已四舍五入到 3 位有效数字。",
    "ex.neuron": "一个阈值为 {threshold} 的神经元收到输入 x₁ = {x1} 和 x₂ = {x2}。它会激活吗？",
    "ex.perceptron": ("一个使用阶跃激活（z > 0 时 a = 1，否则为 0）的感知机，输入为 x₁ = {x1}，x₂ = {x2}，x₃ = {x3}，"
                      "权重为 w₁ = {w1}，w₂ = {w2}，w₃ = {w3}，偏置 b = {b}。求 z = w₁x₁ + w₂x₂ + w₃x₃ + b 和输出 a。"),
    "ex.sigmoid": "求 z = {z} 处的 σ(z) = 1/(1 + e⁻ᶻ) 及其斜率 σ′(z) = σ(z)(1 − σ(z))。",
    "ex.forward": ("一个由 sigmoid 神经元组成的 2-2-1 网络，输入 x₁ = {x1}，x₂ = {x2}。隐藏神经元 1 的权重为 "
                   "w₁₁ = {w11}，w₂₁ = {w21}，偏置 b₁ = {b1}；隐藏神经元 2 为 w₁₂ = {w12}，w₂₂ = {w22}，b₂ = {b2}；"
                   "输出神经元为 v₁ = {v1}，v₂ = {v2}，c = {c}。求输出 o = σ(v₁h₁ + v₂h₂ + c)，其中 hⱼ = σ(w₁ⱼx₁ + w₂ⱼx₂ + bⱼ)。"),
    "ex.count": "一个 {shape} 网络有多少个参数（权重和偏置）？",
    "ex.cost": "直线 ŷ = θ₀ + θ₁x（θ₀ = {theta0}，θ₁ = {theta1}）穿过 n = {n} 个点 (x, y)：{points}。求它的代价 C = (1/2n) Σ (ŷ − y)²。",
    "ex.descent": ("在 C(θ) = {a}(θ − {m})² + {floor} 上做梯度下降，其斜率为 C′(θ) = θ − {m}，从 θ₀ = {theta0} 出发，"
                   "学习率 η = {eta}。按 θ ← θ − η C′(θ) 走两步：求 θ₁ 和 θ₂。"),
    "ex.backprop": _CHAIN_ZH + "求 ∂E/∂wₒ = (O − y) · O(1 − O) · h。",
    "ex.backprop_hidden": _CHAIN_ZH + "求 ∂E/∂wᵢ = (O − y) · O(1 − O) · wₒ · h(1 − h) · x。",
    "ex.update": _CHAIN_ZH + "用学习率 η = {eta} 把 wₒ 和 bₒ 更新一次（w ← w − η ∂E/∂w）：求新的 wₒ 和 bₒ。",
    "predict.ask": "预测",
    "predict.hint": "→ 揭晓 · P 关闭预测暂停",
    "predict.off": "预测暂停已关闭（按 P 打开）",
    "predict.on": "预测暂停已打开",
    "predict.number": "你的数字：______",
    "predict.heading": "预测",
    "predict.answers": "预测题答案",
    "predict.worksheet": "练习卷 {seed}",
    "predict.answer_key": "答案",
    "predict.worksheets": "练习卷：",
    "predict.yes": "会",
    "predict.no": "不会",
    "q.fire": "输入 {a} 和 {b}，阈值为 {threshold}：神经元会激活吗？",
    "q.weighted_sum": "输入为 {inputs}，权重为 {weights}。Σ w·x 是多少？",
    "q.sigmoid_slope": "sigmoid 在 z = 0 处的斜率是多少？",
    "q.bias": "神经元在 x₁ + x₂ > {threshold} 时激活。哪个偏置 b 能把它写成 x₁ + x₂ + b > 0？",
    "q.output_half": "这个 {shape} 网络的输出会高于还是低于 0.5？",
    "q.above": "高于 0.5",
    "q.below": "低于 0.5",
    "q.count": "一个 {shape} 网络有多少个参数？",
    "q.cost": "n = {n} 个点的平方和为 {total}。C = 平方和 / (2n) 是多少？",
    "q.direction": "从 θ = {theta} 出发，小球会往哪边走？第一步比下一步大还是小？",
    "q.right_bigger": "向右，更大",
    "q.right_smaller": "向右，更小",
    "q.left_bigger": "向左，更大",
    "q.left_smaller": "向左，更小",
    "q.verdict": "η = {eta} 时，下降会收敛、爬行、振荡还是发散？",
    "q.converges": "收敛",
    "q.crawls": "爬行",
    "q.oscillates": "振荡",
    "q.diverges": "发散",
    "q.escape": "动量 β = {beta} 的小球能逃出这个小坑吗？",
    "q.sign": "{name} 是正数还是负数？",
    "q.positive": "正数",
    "q.negative": "负数",
    "q.error_after": "所有参数更新一次之后，E 会变大还是变小？",
    "q.up": "变大",
    "q.down": "变小",
    "q.rises": "用动量 β = {beta} 训练：代价会不会在某个轮次之后变大？",
}

TABLES = {"en": EN, "zh": ZH}


def text(key: str, lang: str = "en", **fields) -> str:
    try:
        table = TABLES[lang]
    except KeyError:
        raise ValueError(f"unknown language {lang!r}; choose one of: {', '.join(TABLES)}") from None
    return table[key].format(**fields)
