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
    "params.cap.examples": "Bigger networks have far more: the {shape} network has {count}. With one hidden layer the count grows only linearly with its width: {linear}.",
    "params.cap.width": "Widen both hidden layers of 2-w-w-1: each doubling multiplies the count by {ratios}. It approaches 4×, far below 2^w.",
    "params.cap.depth": "Add {width}-wide hidden layers: each one adds the same {added} parameters, a straight line.",
    "params.cap.square": "The w² comes from the w × w weights between two hidden layers: every neuron of one feeds every neuron of the next.",
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
    "params.not_exp": "Not exponential:",
    "params.growth": "quadratic in width, linear in depth",

    # ForwardPass
    "forward.title": "The forward pass",
    "forward.desc": "Inputs flow through the network: each neuron computes z = w·x + b and its activation.",
    "forward.cap.network": "A {shape} network with random weights (seed {seed}): blue edges positive, red negative, "
                           "thicker is larger. The purple dots are the neurons' biases.",
    "forward.cap.inputs": "One input goes in: x = ({values}). An input neuron just passes its value on.",
    "forward.cap.first": "Each neuron weighs its inputs and adds its bias: z = {z}. "
                         "The sigmoid turns it into its activation, {a}. Brighter means a larger activation.",
    "forward.cap.neuron": "Neuron {j}: z = {z}, activation {a}.",
    "forward.cap.matrix": "All {n_out} at once: z = W a + b. Row j of the {n_out} × {n_in} matrix W holds neuron j's weights, so w_ji goes from input i to neuron j.",
    "forward.cap.output": "The output neuron does the same with the hidden activations: z = {z}, prediction {a}.",
    "forward.cap.summary": "Layer by layer, z = W a + b and a = sigma(z): the prediction is {a}.",
    "forward.hidden_layer": "hidden layer {n}",
    "forward.output_layer": "output layer",
    "forward.prediction": "prediction",

    # Training
    "training.title": "Training: the cost goes down",
    "training.desc": "A 2-4-1 network learns XOR-like points; the cost falls epoch by epoch.",
    "training.cap.data": "{n} points: the label is 1 where exactly one input is high, 0 elsewhere (like XOR).",
    "training.cap.network": "A {shape} network with random weights outputs about the same for every point, "
                            "{lo} to {hi}: all below 0.5, so it calls every point 0. "
                            "That is {correct} of {n} right, no better than chance.",
    "training.cap.epoch": "One epoch is one forward pass and one backward pass over all {n} points, "
                          "then every weight takes a step.",
    "training.cap.rule": "The cost C is half the mean squared error over the {n} points. Each step uses momentum: "
                         "beta {beta}, learning rate {eta}.",
    "training.cap.train": "Epoch by epoch the weights change and the cost falls, though not every time: "
                         "with momentum it rose after {rises} of the {epochs} epochs.",
    "training.cap.summary": "After {epochs} epochs the cost fell from {first} to {last}: "
                            "{correct} of {n} points are right.",
    "training.epoch_is": "1 epoch = forward + backward pass over all {n} points",
    "training.epoch": "epoch {n}",
    "training.epochs": "epochs",
    "training.correct": "{correct} of {n} right",
    "training.label1": "label 1",
    "training.label0": "label 0",
    "training.shading": "brighter = output nearer 1",

    # UniversalApproximation
    "approx.title": "Can a network approximate any function?",
    "approx.desc": "Wider hidden layers fit a curve better: what the universal approximation theorem promises.",
    "approx.cap.target": "A target curve, known only at {n} sample points.",
    "approx.cap.columns": "For each fit: its mean squared error on the {n} samples, "
                          "and its largest error anywhere in the range.",
    "approx.cap.first": "One hidden neuron can only make one smooth step: the errors stay large "
                        "({mse} mean squared, {largest} at most).",
    "approx.cap.more": "{hidden} hidden neurons, {params} parameters: mean squared error {mse}, largest {largest}.",
    "approx.cap.promise": "The theorem: with enough hidden neurons, a network can be as close as we like to any "
                          "continuous function on a bounded range. Its ε bounds the largest error, the last column.",
    "approx.cap.limits": "It promises that such a network exists. It does not promise that training finds it, "
                         "or that it does well on data it has not seen.",
    "approx.cap.evidence": "Here is one it did not find: trained {long} epochs instead of {short}, "
                           "the same {hidden} neurons reach a largest error of {after}, not {before}.",
    "approx.cap.summary": "More neurons: more power, but more parameters to train and more compute. A trade-off.",
    "approx.neurons": "neurons",
    "approx.parameters": "parameters",
    "approx.mse": "mean sq.\nerror",
    "approx.largest": "largest\nerror",
    "approx.run": "{epochs} epochs: largest error {largest}",
    "approx.seen": "training need not find the good network:",
    "approx.promised": "promised:",
    "approx.exists": "a close enough network exists",
    "approx.not_promised": "not promised:",
    "approx.finds": "that training finds it",
    "approx.generalises": "that it works on new data",
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
    "params.cap.examples": "更大的网络参数要多得多：{shape} 网络有 {count} 个。只有一个隐藏层时，参数个数随宽度只是线性增长：{linear}。",
    "params.cap.width": "把 2-w-w-1 的两个隐藏层都加宽：宽度每翻一倍，参数个数依次乘以 {ratios}。它趋近 4 倍，远低于 2^w。",
    "params.cap.depth": "增加宽度为 {width} 的隐藏层：每加一层都多出同样的 {added} 个参数，是一条直线。",
    "params.cap.square": "w² 来自两个隐藏层之间的 w × w 个权重：前一层的每个神经元都连到后一层的每个神经元。",
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
    "params.not_exp": "不是指数增长：",
    "params.growth": "随宽度平方增长，随深度线性增长",

    # ForwardPass
    "forward.title": "前向传播",
    "forward.desc": "输入流过网络：每个神经元计算 z = w·x + b，再算出它的激活值。",
    "forward.cap.network": "一个随机权重的 {shape} 网络（随机种子 {seed}）：蓝色连线为正，红色为负，"
                           "越粗表示绝对值越大。紫色圆点是各神经元的偏置。",
    "forward.cap.inputs": "送进一个输入：x = ({values})。输入神经元只是把它的值传下去。",
    "forward.cap.first": "每个神经元把输入乘以权重求和，再加上偏置：z = {z}。"
                         "sigmoid 把它变成激活值 {a}。越亮表示激活值越大。",
    "forward.cap.neuron": "神经元 {j}：z = {z}，激活值 {a}。",
    "forward.cap.matrix": "{n_out} 个神经元一起算：z = W a + b。{n_out} × {n_in} 矩阵 W 的第 j 行是神经元 j 的权重，所以 w_ji 从输入 i 连到神经元 j。",
    "forward.cap.output": "输出神经元对隐藏层的激活值做同样的计算：z = {z}，预测值 {a}。",
    "forward.cap.summary": "一层接一层，z = W a + b，a = σ(z)：预测值是 {a}。",
    "forward.hidden_layer": "隐藏层 {n}",
    "forward.output_layer": "输出层",
    "forward.prediction": "预测值",

    # Training
    "training.title": "训练：代价逐渐下降",
    "training.desc": "一个 2-4-1 网络学习类似 XOR 的点；代价一个轮次接一个轮次地下降。",
    "training.cap.data": "{n} 个点：恰好有一个输入为高时，标签为 1；其他情况标签为 0（类似 XOR）。",
    "training.cap.network": "一个随机权重的 {shape} 网络对每个点的输出都差不多，"
                            "在 {lo} 到 {hi} 之间：都低于 0.5，所以它把每个点都判为 0。"
                            "{n} 个点中答对 {correct} 个，和瞎猜一样。",
    "training.cap.epoch": "一个轮次，就是对全部 {n} 个点做一次前向传播和一次反向传播，"
                          "然后每个权重都走一步。",
    "training.cap.rule": "代价 C 是 {n} 个点上均方误差的一半。每一步都用动量："
                         "β = {beta}，学习率 {eta}。",
    "training.cap.train": "一个轮次接一个轮次，权重不断改变，代价下降，但并非每次都降："
                         "因为有动量，{epochs} 个轮次中有 {rises} 次之后代价上升了。",
    "training.cap.summary": "{epochs} 个轮次之后，代价从 {first} 降到 {last}："
                            "{n} 个点中答对 {correct} 个。",
    "training.epoch_is": "1 个轮次 = 对全部 {n} 个点做一次前向 + 反向传播",
    "training.epoch": "第 {n} 轮",
    "training.epochs": "轮次",
    "training.correct": "答对 {correct} / {n}",
    "training.label1": "标签 1",
    "training.label0": "标签 0",
    "training.shading": "越亮 = 输出越接近 1",

    # UniversalApproximation
    "approx.title": "网络能逼近任何函数吗？",
    "approx.desc": "隐藏层越宽，曲线拟合得越好；万能逼近定理究竟保证了什么。",
    "approx.cap.target": "一条目标曲线，只在 {n} 个采样点上已知。",
    "approx.cap.columns": "每个拟合都列出：它在 {n} 个采样点上的均方误差，以及它在整个区间上的最大误差。",
    "approx.cap.first": "一个隐藏神经元只能做出一个平滑的台阶：误差仍然很大"
                        "（均方误差 {mse}，最大误差 {largest}）。",
    "approx.cap.more": "{hidden} 个隐藏神经元，{params} 个参数：均方误差 {mse}，最大误差 {largest}。",
    "approx.cap.promise": "定理说：只要隐藏神经元足够多，网络就能在有界区间上以任意精度逼近"
                          "任何连续函数。其中的 ε 限制的是最大误差，也就是最后一列。",
    "approx.cap.limits": "它只保证这样的网络存在。它不保证训练能找到这个网络，"
                         "也不保证它在没见过的数据上表现良好。",
    "approx.cap.evidence": "这里就有一个训练没找到的网络：训练 {long} 个轮次而不是 {short} 个，"
                           "同样 {hidden} 个神经元的最大误差降到 {after}，而不是 {before}。",
    "approx.cap.summary": "神经元越多，能力越强，但要训练的参数更多，计算量也更大。这是一种权衡。",
    "approx.neurons": "神经元",
    "approx.parameters": "参数",
    "approx.mse": "均方误差",
    "approx.largest": "最大误差",
    "approx.run": "{epochs} 个轮次：最大误差 {largest}",
    "approx.seen": "训练不一定能找到好的网络：",
    "approx.promised": "保证：",
    "approx.exists": "存在足够接近的网络",
    "approx.not_promised": "不保证：",
    "approx.finds": "训练能找到它",
    "approx.generalises": "它在新数据上也有效",
}
