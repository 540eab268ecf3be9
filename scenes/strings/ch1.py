"""Chapter 1 strings: the neuron."""

EN = {
    # NeuronFiring
    "firing.title": "A neuron fires past a threshold",
    "firing.desc": "Inputs are summed; the neuron fires only when the sum passes the threshold.",
    "firing.cap.intro": "A neuron adds up the signals that reach it and compares the sum with a threshold.",
    "firing.cap.rule": "The neuron fires when x1 + x2 > {threshold}, that is, when x1 + x2 − {threshold} > 0.",
    "firing.cap.inputs": "Two inputs arrive: {a} and {b}.",
    "firing.cap.sum": "Their sum is {total}; the threshold is {threshold}.",
    "firing.cap.fire": "{total} is above {threshold}: the neuron fires and sends a pulse on.",
    "firing.cap.nofire": "{total} stays below {threshold}: the neuron does not fire.",
    "firing.cap.summary": "Sum the inputs, compare with the threshold: fire or stay quiet.",
    "firing.threshold": "threshold {threshold}",
    "firing.fires": "fires",
    "firing.silent": "does not fire",
    "firing.case": "Case {n}",

    # Perceptron
    "perceptron.title": "The perceptron: weights, a bias, an activation",
    "perceptron.desc": "Inputs times weights, summed, plus a bias, through an activation.",
    "perceptron.cap.inputs": "A perceptron gives every input its own weight: how much that input matters.",
    "perceptron.cap.products": "Each input is multiplied by its weight. A large weight makes an input count more; a negative one makes it count against firing.",
    "perceptron.cap.sum": "The products are summed: {weighted_sum}.",
    "perceptron.cap.bias": "Adding the bias {bias} gives z = {z}. A bias is the threshold moved to the left side; "
                           "the bias scene shows why.",
    "perceptron.cap.step": "A step activation turns z into {output}: it jumps from 0 to 1 at z = 0, where the sum "
                           "passes the threshold. Fire or not, nothing in between.",
    "perceptron.cap.sigmoid": "A sigmoid instead gives {output}: any value between 0 and 1.",
    "perceptron.cap.summary": "a = phi(sum of w times x, plus b).",
    "perceptron.step": "step",
    "perceptron.sigmoid": "sigmoid",
    "perceptron.binary": "0 or 1 only",
    "perceptron.continuous": "any value in (0, 1)",

    # ActivationFunctions
    "act.title": "Activation functions",
    "act.desc": "Sigmoid, tanh and ReLU with their derivatives and ranges.",
    "act.cap.sigmoid": "The sigmoid squashes any z into a value between 0 and 1.",
    "act.cap.sigmoid_d": "Its slope, the tangent at the dot, is sigma times one minus sigma: at most 1/4, at z = 0.",
    "act.cap.correct": "The sigmoid is not binary: its output is continuous. Only the step function gives just 0 or 1.",
    "act.cap.tanh": "tanh squashes z into a value between minus 1 and 1, centred on zero.",
    "act.cap.tanh_d": "Its slope, the tangent at the dot, is one minus tanh squared: 1 at z = 0.",
    "act.cap.relu": "ReLU keeps positive z and turns negative z into 0.",
    "act.cap.relu_d": "Its slope is 0 or 1. At z = 0 it is undefined; by convention we use 0.",
    "act.cap.summary": "Three curves, three ranges: sigmoid and tanh never reach their bounds.",
    "act.cap.uses": "The sigmoid gives probabilities; tanh is centred on zero; ReLU is cheap to compute and the default today.",
    "act.cap.linear": "Why an activation at all? Without one, two layers are W2 times (W1 x + b1) plus b2, "
                      "which is again W x + b: one straight line, however many layers we stack.",
    "act.cap.nonlinear": "A non-linear activation between the layers stops that collapse: only then can "
                         "more layers draw curves.",
    "act.why_nonlinear": "Linear layers collapse into one",
    "act.not_binary": "continuous, not binary",
    "act.step_binary": "only the step is binary",
    "act.undefined": "undefined at 0",
    "act.convention": "0 at z = 0 by convention",
    "act.use_sigmoid": "probabilities",
    "act.use_tanh": "zero-centred",
    "act.use_relu": "cheap, the default",

    # Bias
    "bias.title": "The bias: a shift",
    "bias.desc": "Without a bias every line passes through the origin; the bias shifts it.",
    "bias.cap.nobias": "Without a bias, y = w x always passes through the origin, whatever w is.",
    "bias.cap.bias": "A bias b shifts the line up or down by b: it crosses x = 0 at y = b, not at the origin.",
    "bias.cap.sigmoid": "Inside an activation, the bias slides the curve left or right.",
    "bias.cap.summary": "The bias is one more degree of freedom for every neuron.",
    "bias.cap.threshold": "The first scene's threshold is a bias: x1 + x2 > {threshold} is x1 + x2 − {threshold} > 0, so b = {b}.",
    "bias.origin": "always through (0, 0)",
    "bias.midpoint": "midpoint at x = {m}",
}

ZH = {
    # NeuronFiring
    "firing.title": "神经元：超过阈值才激发",
    "firing.desc": "把输入相加；只有当总和超过阈值时，神经元才会激发。",
    "firing.cap.intro": "神经元把传到它这里的信号加起来，再把总和与阈值比较。",
    "firing.cap.rule": "神经元在 x1 + x2 > {threshold} 时激发，也就是 x1 + x2 − {threshold} > 0 时。",
    "firing.cap.inputs": "两个输入到达：{a} 和 {b}。",
    "firing.cap.sum": "它们的和是 {total}；阈值是 {threshold}。",
    "firing.cap.fire": "{total} 大于 {threshold}：神经元激发，并把脉冲传下去。",
    "firing.cap.nofire": "{total} 没有超过 {threshold}：神经元不激发。",
    "firing.cap.summary": "把输入相加，再与阈值比较：激发，或者保持安静。",
    "firing.threshold": "阈值 {threshold}",
    "firing.fires": "激发",
    "firing.silent": "不激发",
    "firing.case": "情况 {n}",

    # Perceptron
    "perceptron.title": "感知机：权重、偏置与激活函数",
    "perceptron.desc": "输入乘以权重后求和，加上偏置，再经过激活函数。",
    "perceptron.cap.inputs": "感知机给每个输入一个自己的权重：表示这个输入有多重要。",
    "perceptron.cap.products": "每个输入都乘以它的权重。权重越大，这个输入越重要；负的权重让它不利于激发。",
    "perceptron.cap.sum": "把这些乘积加起来：{weighted_sum}。",
    "perceptron.cap.bias": "加上偏置 {bias}，得到 z = {z}。偏置就是移到左边的阈值；"
                           "偏置那一节会说明原因。",
    "perceptron.cap.step": "阶跃激活函数把 z 变成 {output}：它在 z = 0 处从 0 跳到 1，也就是总和越过阈值的地方。"
                           "要么激发，要么不激发，没有中间值。",
    "perceptron.cap.sigmoid": "换成 sigmoid，输出是 {output}：可以是 0 到 1 之间的任意值。",
    "perceptron.cap.summary": "a = φ(各输入乘权重之和，再加偏置 b)。",
    "perceptron.step": "阶跃",
    "perceptron.sigmoid": "sigmoid",
    "perceptron.binary": "只有 0 或 1",
    "perceptron.continuous": "(0, 1) 内任意值",

    # ActivationFunctions
    "act.title": "激活函数",
    "act.desc": "sigmoid、tanh 和 ReLU，以及它们的导数与取值范围。",
    "act.cap.sigmoid": "sigmoid 把任意 z 压缩到 0 和 1 之间。",
    "act.cap.sigmoid_d": "它的导数，也就是圆点处切线的斜率，是 σ(1 − σ)：最大为 1/4，在 z = 0 处。",
    "act.cap.correct": "sigmoid 的输出是连续的，并不是二值的；只有阶跃函数才只输出 0 或 1。",
    "act.cap.tanh": "tanh 把 z 压缩到 −1 和 1 之间，以零为中心。",
    "act.cap.tanh_d": "它的导数，也就是圆点处切线的斜率，是 1 − tanh²：在 z = 0 处为 1。",
    "act.cap.relu": "ReLU 保留正的 z，把负的 z 变成 0。",
    "act.cap.relu_d": "它的导数是 0 或 1。在 z = 0 处没有定义；按惯例取 0。",
    "act.cap.summary": "三条曲线，三种取值范围：sigmoid 和 tanh 永远到不了边界。",
    "act.cap.uses": "sigmoid 用来输出概率；tanh 以零为中心；ReLU 计算便宜，是今天的默认选择。",
    "act.cap.linear": "为什么需要激活函数？没有它，两层就是 W2 乘以 (W1 x + b1) 再加 b2，"
                      "仍然是 W x + b：不管叠多少层，都只是一条直线。",
    "act.cap.nonlinear": "在层与层之间加一个非线性的激活函数，就不会这样合并：这样更多的层才能画出曲线。",
    "act.why_nonlinear": "线性层会合并成一层",
    "act.not_binary": "连续，而非二值",
    "act.step_binary": "只有阶跃函数是二值的",
    "act.undefined": "在 0 处无定义",
    "act.convention": "按惯例 z = 0 处取 0",
    "act.use_sigmoid": "概率",
    "act.use_tanh": "以零为中心",
    "act.use_relu": "便宜，默认选择",

    # Bias
    "bias.title": "偏置：一次平移",
    "bias.desc": "没有偏置时，每条直线都经过原点；偏置让它平移。",
    "bias.cap.nobias": "没有偏置时，无论 w 取多少，y = w x 总是经过原点。",
    "bias.cap.bias": "偏置 b 让直线上下平移 b：它在 x = 0 处经过 y = b，而不是原点。",
    "bias.cap.sigmoid": "放进激活函数里，偏置让曲线左右平移。",
    "bias.cap.summary": "偏置为每个神经元多提供了一个自由度。",
    "bias.cap.threshold": "第一个场景里的阈值就是一个偏置：x1 + x2 > {threshold} 就是 x1 + x2 − {threshold} > 0，所以 b = {b}。",
    "bias.origin": "总是经过 (0, 0)",
    "bias.midpoint": "中点在 x = {m}",
}
