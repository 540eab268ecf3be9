"""Chapter 2 strings: the network."""

EN = {
    # the network diagram's layer names (any chapter may use them)
    "net.input": "input",
    "net.hidden": "hidden",
    "net.output": "output",

    # ParameterCount
    "params.title": "How many parameters does a network have?",
    "params.desc": "Count the weights and biases of a 2-4-1 network, then see how the count grows.",
    "params.cap.build": "The {shape} network, layer by layer: every neuron feeds every neuron of the next layer.",
    "params.cap.weights": "Each edge carries one weight: {n_in} × {n_out} = {weights} weights. "
                          "Running total: {total}.",
    "params.cap.biases": "Each neuron of the next layer adds one bias: {biases} more. Running total: {total}.",
    "params.cap.formula": "Per layer: n_in × n_out weights plus n_out biases. In all, {total} parameters.",
    "params.cap.examples": "Bigger networks have far more: the {shape} network has {count}.",
    "params.cap.linear": "With one hidden layer, {family}, the count grows only linearly with its width w: {linear}.",
    "params.cap.general": "In general, with L hidden layers of width w: the weights between two hidden layers "
                          "give the w squared term, once for each of the L − 1 gaps.",
    "params.cap.width": "Widen both hidden layers of 2-w-w-1: each doubling multiplies the count by {ratios}. It approaches 4×, far below 2^w.",
    "params.cap.depth": "Add {width}-wide hidden layers: each one adds the same {added} parameters, a straight line.",
    "params.cap.square": "Here they are for w = 4: every neuron of one hidden layer feeds every neuron of the next, "
                         "4 × 4 = 16 weights. Double w and they quadruple.",
    "params.cap.correct": "So the count does not grow exponentially: it grows with the square of the width "
                          "and linearly with the depth.",
    "params.parameters": "parameters",
    "params.weights": "weights",
    "params.biases": "biases",
    "params.row_weights": "{src}→{dst} weights",
    "params.row_biases": "{dst} biases",
    "params.per_layer": "per layer",
    "params.wider": "wider: 2-w-w-1",
    "params.deeper": "deeper: 2-{width}-…-{width}-1",
    "params.per_extra": "+{added} per layer",
    "params.where_L": "L: the number of hidden layers, each w wide",
    "params.not_exp": "Not exponential:",
    "params.growth": "quadratic in width, linear in depth",

    # ForwardPass
    "forward.title": "The forward pass",
    "forward.desc": "Inputs flow through the network: each neuron computes z = w·x + b and its activation.",
    "forward.cap.layers": "A network is built in layers. The input layer holds the features, x1 and x2; "
                          "then a hidden layer of {hidden} neurons, and the output.",
    "forward.cap.perceptron": "Each hidden neuron is the perceptron of chapter 1: its own weight on every input, "
                              "its own bias, then the sigmoid.",
    "forward.cap.dense": "Every neuron feeds every neuron of the next layer: the layers are dense.",
    "forward.cap.network": "The weights are random (seed {seed}): blue edges are positive, red negative, "
                           "thicker is larger. A filled purple dot is a positive bias, a ring a negative one.",
    "forward.cap.inputs": "One input goes in: x = ({values}). An input neuron just passes its value on.",
    "forward.cap.first": "Each neuron weighs its inputs and adds its bias: z = {z}. "
                         "The sigmoid turns it into its activation, {a}. Brighter means a larger activation.",
    "forward.cap.neuron": "Neuron {j}: z = {z}, activation {a}.",
    "forward.cap.matrix": "All {n_out} at once: z({l}) = W({l}) x + b({l}). "
                          "Row j of the {n_out} by {n_in} matrix W({l}) holds neuron j's weights; "
                          "times the {n_in} by 1 input, plus {n_out} biases, it gives {n_out} sums.",
    "forward.cap.output": "The output neuron does the same with the hidden activations and its own weights: "
                          "z = {z}, prediction {a}.",
    "forward.cap.summary": "Layer by layer, z(l) = W(l) a(l−1) + b(l) and a(l) = sigma(z(l)), starting from a(0) = x: "
                           "the prediction is {a}.",
    "forward.legend_pos": "w > 0",
    "forward.legend_neg": "w < 0",
    "forward.legend_small": "small |w|",
    "forward.legend_large": "large |w|",
    "forward.legend_bias_pos": "bias b > 0",
    "forward.legend_bias_neg": "b < 0",
    "forward.hidden_layer": "hidden layer {n}",
    "forward.output_layer": "output layer",
    "forward.prediction": "prediction",
}

ZH = {
    # the network diagram's layer names (any chapter may use them)
    "net.input": "输入层",
    "net.hidden": "隐藏层",
    "net.output": "输出层",

    # ParameterCount
    "params.title": "一个网络有多少个参数？",
    "params.desc": "数一数 2-4-1 网络的权重和偏置，再看参数个数如何增长。",
    "params.cap.build": "{shape} 网络，一层一层搭起来：每个神经元都连到下一层的每一个神经元。",
    "params.cap.weights": "每条连线带一个权重：{n_in} × {n_out} = {weights} 个权重。"
                          "累计：{total}。",
    "params.cap.biases": "下一层的每个神经元各加一个偏置：又多了 {biases} 个。累计：{total}。",
    "params.cap.formula": "每一层：n_in × n_out 个权重，加上 n_out 个偏置。总共 {total} 个参数。",
    "params.cap.examples": "更大的网络参数要多得多：{shape} 网络有 {count} 个。",
    "params.cap.linear": "只有一个隐藏层时（{family}），参数个数随宽度 w 只是线性增长：{linear}。",
    "params.cap.general": "一般地，有 L 个宽度为 w 的隐藏层时：两个隐藏层之间的权重给出 w 平方项，"
                          "L − 1 个间隔各一次。",
    "params.cap.width": "把 2-w-w-1 的两个隐藏层都加宽：宽度每翻一倍，参数个数依次乘以 {ratios}。它趋近 4 倍，远低于 2^w。",
    "params.cap.depth": "增加宽度为 {width} 的隐藏层：每加一层都多出同样的 {added} 个参数，是一条直线。",
    "params.cap.square": "这里 w = 4：前一个隐藏层的每个神经元都连到后一个隐藏层的每个神经元，"
                         "4 × 4 = 16 个权重。w 翻倍，它们就变成四倍。",
    "params.cap.correct": "所以参数个数并不是指数增长：它随宽度按平方增长，"
                          "随深度线性增长。",
    "params.parameters": "参数",
    "params.weights": "权重",
    "params.biases": "偏置",
    "params.row_weights": "{src}→{dst} 权重",
    "params.row_biases": "{dst} 偏置",
    "params.per_layer": "每层",
    "params.wider": "加宽：2-w-w-1",
    "params.deeper": "加深：2-{width}-…-{width}-1",
    "params.per_extra": "每层 +{added}",
    "params.where_L": "L：隐藏层的层数，每层宽 w",
    "params.not_exp": "不是指数增长：",
    "params.growth": "随宽度平方增长，随深度线性增长",

    # ForwardPass
    "forward.title": "前向传播",
    "forward.desc": "输入流过网络：每个神经元计算 z = w·x + b，再算出它的激活值。",
    "forward.cap.layers": "网络是一层一层搭起来的。输入层放的是特征 x1 和 x2；"
                          "接着是 {hidden} 个神经元的隐藏层，然后是输出层。",
    "forward.cap.perceptron": "每个隐藏神经元就是第一章的感知机：每个输入有它自己的权重，"
                              "还有自己的偏置，然后经过 sigmoid。",
    "forward.cap.dense": "每个神经元都连到下一层的每一个神经元：这些层是全连接的。",
    "forward.cap.network": "权重是随机的（随机种子 {seed}）：蓝色连线为正，红色为负，"
                           "越粗表示绝对值越大。实心紫点是正的偏置，空心圆环是负的偏置。",
    "forward.cap.inputs": "送进一个输入：x = ({values})。输入神经元只是把它的值传下去。",
    "forward.cap.first": "每个神经元把输入乘以权重求和，再加上偏置：z = {z}。"
                         "sigmoid 把它变成激活值 {a}。越亮表示激活值越大。",
    "forward.cap.neuron": "神经元 {j}：z = {z}，激活值 {a}。",
    "forward.cap.matrix": "{n_out} 个神经元一起算：z({l}) = W({l}) x + b({l})。W({l}) 是 {n_out} 乘 {n_in} 的矩阵："
                          "第 j 行是神经元 j 的权重。乘以 {n_in} 乘 1 的输入，再加上 {n_out} 个偏置，"
                          "得到 {n_out} 个加权和。",
    "forward.cap.output": "输出神经元用隐藏层的激活值和它自己的权重做同样的计算：z = {z}，预测值 {a}。",
    "forward.cap.summary": "一层接一层，z(l) = W(l) a(l−1) + b(l)，a(l) = σ(z(l))，从 a(0) = x 开始："
                           "预测值是 {a}。",
    "forward.legend_pos": "w > 0",
    "forward.legend_neg": "w < 0",
    "forward.legend_small": "|w| 小",
    "forward.legend_large": "|w| 大",
    "forward.legend_bias_pos": "偏置 b > 0",
    "forward.legend_bias_neg": "b < 0",
    "forward.hidden_layer": "隐藏层 {n}",
    "forward.output_layer": "输出层",
    "forward.prediction": "预测值",
}
