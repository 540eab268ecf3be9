"""Chapter 4 strings: backpropagation."""

EN = {
    # ComputationGraph
    "graph.title": "The computation graph",
    "graph.desc": "The 1-1-1 chain as a graph: values flow forward, every edge carries its local derivative.",
    "graph.cap.chain": "Backpropagation on the smallest network: one input, one hidden neuron, one output. "
                       "A chain of single neurons, each feeding the next: not a layer of neurons side by side.",
    "graph.cap.steps": "Step by step: μ1 = w_i x + b_i, h = σ(μ1), μ2 = w_o h + b_o, O = σ(μ2), "
                       "and the error E = ½(O − y)².",
    "graph.cap.graph": "As a computation graph, every intermediate value is a node, and arrows show what it is "
                       "computed from.",
    "graph.cap.depends": "μ1 depends on the input x and also on the parameters w_i and b_i. "
                         "That dependence is how the error reaches them.",
    "graph.cap.forward": "The forward pass: values flow from left to right. With x = {x} and y = {y}, "
                         "the error is E = {E}.",
    "graph.cap.error": "This E is the error of one sample. The regression cost averages over n points, "
                       "with 1/(2n) in front; for a single point the two agree.",
    "graph.cap.local_out": "Each edge gets its local derivative: how fast its head changes when its tail changes. "
                           "Near the output: O − y, O(1 − O), h, 1 and w_o. O(1 − O) is the sigmoid's "
                           "slope σ' = σ(1 − σ) from chapter 1.",
    "graph.cap.local_in": "Near the input: h(1 − h), x and 1.",
    "graph.cap.summary": "Values flow forward; each edge holds its local derivative. What flows backward "
                         "is their product along a path.",
    "graph.chain": "a chain of single neurons",
    "graph.input": "input",
    "graph.hidden": "hidden",
    "graph.output": "output",
    "graph.depends": "depends on the input and on both parameters",
    "graph.one_sample": "error of one sample",
    "graph.regression": "regression cost over n points",
    "graph.same": "the same when n = 1",
    "graph.from_ch1": "chapter 1:",
    "graph.forward": "forward: values",
    "graph.backward": "backward: products of local derivatives",

    # BackpropOutputLayer
    "case1.title": "Case 1: the output layer",
    "case1.desc": "The chain rule from E back to w_o and b_o, factor by factor, with the numbers.",
    "case1.cap.graph": "The graph with its values and local derivatives. How does E change when w_o changes?",
    "case1.cap.path": "Follow the path from E back to w_o: through O and μ2.",
    "case1.cap.symbols": "The chain rule: multiply the local derivatives along the path.",
    "case1.cap.formulas": "Each factor is the local derivative on one edge: O − y, O(1 − O) and h.",
    "case1.cap.numbers": "With the numbers: {a} times {b} times {c}.",
    "case1.cap.result": "So ∂E/∂w_o = {g}.",
    "case1.cap.bias_path": "For b_o the path leaves μ2 by its other edge: the same first two factors, "
                           "then ∂μ2/∂b_o.",
    "case1.cap.bias": "That last local derivative is 1, so ∂E/∂b_o = {g}.",
    "case1.cap.shared": "Both products begin with the same two factors: ∂E/∂μ2 = {shared}. Keep it, "
                        "Case 2 needs it again.",
    "case1.cap.nudge": "A check: nudge w_o by {step} and run the forward pass again. E moves from {before} "
                       "to {after}.",
    "case1.cap.nudge_check": "That change, {delta}, is about {step} times ∂E/∂w_o = {g}. A gradient is a rate "
                             "of change: how fast E changes as the weight changes.",
    "case1.cap.restore": "Back to w_o = {w_o}, the graph as it was. Case 1 gives ∂E/∂w_o = {g} and ∂E/∂b_o = {gb}.",
    "case1.keep": "keep for Case 2",

    # BackpropHiddenLayer
    "case2.title": "Case 2: the hidden layer",
    "case2.desc": "The longer path to w_i and b_i begins with the product Case 1 already computed.",
    "case2.cap.graph": "From Case 1 we already have ∂E/∂μ2 = {shared}.",
    "case2.cap.path": "To reach w_i the path from E goes further back: through O, μ2, h and μ1.",
    "case2.cap.symbols": "Five local derivatives, multiplied along the path.",
    "case2.cap.reuse": "The first two factors are exactly the product from Case 1. Reuse it instead of computing "
                       "it again: that reuse is backpropagation.",
    "case2.cap.formulas": "The other factors are w_o, h(1 − h) and x.",
    "case2.cap.numbers": "{shared} times {w_o} times {dh} times {x}: ∂E/∂w_i {rel} {g}.",
    "case2.cap.bias_path": "For b_i the path is the same as far as μ1, then takes the edge to b_i.",
    "case2.cap.bias": "Its local derivative is 1, so ∂E/∂b_i = {g}.",
    "case2.cap.mu1": "Both products also share their first three factors: ∂E/∂μ2 · w_o · h(1 − h), the path "
                     "back to μ1.",
    "case2.cap.recursion": "That product is ∂E/∂μ1 = {d1}: it is ∂E/∂b_i itself, and ∂E/∂w_i is it times x.",
    "case2.cap.deeper": "Each step back multiplies by a weight and a sigmoid slope. With l numbering the "
                        "layers, μ1 is layer 1 and μ2 layer 2: the same rule reaches every layer of a deeper network.",
    "case2.cap.summary": "One backward pass, and all four gradients are known.",
    "case2.from_case1": "from Case 1",
    "case2.layer": "numbers the layers:",

    # WeightUpdate
    "update.title": "Updating the weights",
    "update.desc": "Every parameter steps against its gradient; the error falls, epoch after epoch.",
    "update.cap.gradients": "The backward pass gave one gradient for each parameter.",
    "update.cap.rule": "Gradient descent: each parameter moves against its gradient, a step of η = {lr} times "
                       "the gradient.",
    "update.cap.updates": "All four at once: w_o becomes {w_o}, b_o {b_o}, w_i {w_i} and b_i {b_i}.",
    "update.cap.updates_down": "So all four fall: w_o becomes {w_o}, b_o {b_o}, w_i {w_i} and b_i {b_i}.",
    "update.cap.signs": "Why do all four fall? Each gradient begins with O − y, and O = {O} is above y = {y}. "
                        "The sigmoid slopes and h are always positive. Below μ2 the path also multiplies by w_o, "
                        "and for w_i by x: both are positive here. So every gradient is positive.",
    "update.cap.stale": "The values from μ1 to E were computed with the old parameters: now they are out of "
                        "date.",
    "update.cap.forward": "A new forward pass with the new parameters replaces them: E falls from {before} to "
                          "{after}.",
    "update.cap.epochs": "Forward, backward, update, again and again: each pass over the data (here one sample) "
                         "is an epoch. O moves toward y = {y}: after {epochs} epochs O = {O} and E = {final}.",
    "update.cap.summary": "Each epoch brings O closer to y, but slowly: after {epochs} epochs O = {O} is still "
                          "above y = {y}, so training goes on.",
    "update.cap.averaged": "With n samples the gradients are averaged over them: the 1/(2n) of chapter 3.",
    "update.before": "before",
    "update.after": "after one step",
    "update.epoch": "epoch",
    "update.epochs": "after {epochs} epochs",

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
    "training.epoch": "epoch",
    "training.epochs": "epochs",
    "training.correct": "of {n} right",
    "training.label1": "label 1",
    "training.label0": "label 0",
    "training.shading": "brighter = output nearer 1",
}

ZH = {
    # ComputationGraph
    "graph.title": "计算图",
    "graph.desc": "把 1-1-1 链画成计算图：数值向前流动，每条边带着它的局部导数。",
    "graph.cap.chain": "在最小的网络上做反向传播：一个输入、一个隐藏神经元、一个输出。"
                       "这是单个神经元首尾相连的链，而不是并排的一层神经元。",
    "graph.cap.steps": "一步一步：μ1 = w_i x + b_i，h = σ(μ1)，μ2 = w_o h + b_o，O = σ(μ2)，"
                       "误差 E = ½(O − y)²。",
    "graph.cap.graph": "画成计算图：每个中间值是一个节点，箭头表示它由哪些量算出。",
    "graph.cap.depends": "μ1 既取决于输入 x，也取决于参数 w_i 和 b_i。误差正是通过这种依赖传到它们。",
    "graph.cap.forward": "前向传播：数值从左向右流动。x = {x}、y = {y} 时，误差 E = {E}。",
    "graph.cap.error": "这里的 E 是一个样本的误差。回归的代价对 n 个点取平均，前面是 1/(2n)；只有一个点时两者相同。",
    "graph.cap.local_out": "每条边得到它的局部导数：尾端变化时，头端变化多快。靠近输出的是 O − y、O(1 − O)、h、1 和 w_o。"
                           "O(1 − O) 就是第 1 章 sigmoid 的斜率 σ' = σ(1 − σ)。",
    "graph.cap.local_in": "靠近输入的是 h(1 − h)、x 和 1。",
    "graph.cap.summary": "数值向前流动，每条边带着它的局部导数。向后流动的是它们沿路径的乘积。",
    "graph.chain": "单个神经元连成的链",
    "graph.input": "输入",
    "graph.hidden": "隐藏",
    "graph.output": "输出",
    "graph.depends": "既取决于输入，也取决于两个参数",
    "graph.one_sample": "一个样本的误差",
    "graph.regression": "n 个点的回归代价",
    "graph.same": "n = 1 时相同",
    "graph.from_ch1": "第 1 章：",
    "graph.forward": "前向：数值",
    "graph.backward": "反向：局部导数的乘积",

    # BackpropOutputLayer
    "case1.title": "情形 1：输出层",
    "case1.desc": "从 E 反推到 w_o 和 b_o 的链式法则，逐个因子，带上数值。",
    "case1.cap.graph": "带数值和局部导数的计算图。w_o 变化时，E 怎样变化？",
    "case1.cap.path": "沿着路径从 E 回到 w_o：经过 O 和 μ2。",
    "case1.cap.symbols": "链式法则：把路径上的局部导数相乘。",
    "case1.cap.formulas": "每个因子是一条边上的局部导数：O − y、O(1 − O) 和 h。",
    "case1.cap.numbers": "代入数值：{a} 乘 {b} 乘 {c}。",
    "case1.cap.result": "所以 ∂E/∂w_o = {g}。",
    "case1.cap.bias_path": "对 b_o，路径从 μ2 走另一条边：前两个因子相同，最后是 ∂μ2/∂b_o。",
    "case1.cap.bias": "最后这个局部导数是 1，所以 ∂E/∂b_o = {g}。",
    "case1.cap.shared": "两个乘积的前两个因子相同：∂E/∂μ2 = {shared}。把它留着，情形 2 还要用。",
    "case1.cap.nudge": "检验一下：把 w_o 增加 {step}，再做一次前向传播。E 从 {before} 变为 {after}。",
    "case1.cap.nudge_check": "这个变化 {delta} 约等于 {step} 乘 ∂E/∂w_o = {g}。梯度是变化率：权重变化时 E 变化得多快。",
    "case1.cap.restore": "回到 w_o = {w_o}，计算图恢复原样。情形 1 给出 ∂E/∂w_o = {g}，∂E/∂b_o = {gb}。",
    "case1.keep": "留给情形 2",

    # BackpropHiddenLayer
    "case2.title": "情形 2：隐藏层",
    "case2.desc": "通往 w_i 和 b_i 的路径更长，它的开头正是情形 1 已经算好的乘积。",
    "case2.cap.graph": "情形 1 已经给出 ∂E/∂μ2 = {shared}。",
    "case2.cap.path": "要到达 w_i，从 E 出发的路径走得更远：经过 O、μ2、h 和 μ1。",
    "case2.cap.symbols": "五个局部导数，沿路径相乘。",
    "case2.cap.reuse": "前两个因子正是情形 1 的乘积。直接复用，不必重算：这种复用就是反向传播。",
    "case2.cap.formulas": "其余的因子是 w_o、h(1 − h) 和 x。",
    "case2.cap.numbers": "{shared} 乘 {w_o} 乘 {dh} 乘 {x}：∂E/∂w_i {rel} {g}。",
    "case2.cap.bias_path": "对 b_i，路径直到 μ1 都相同，然后走向 b_i 的那条边。",
    "case2.cap.bias": "它的局部导数是 1，所以 ∂E/∂b_i = {g}。",
    "case2.cap.mu1": "两个乘积的前三个因子也相同：∂E/∂μ2 · w_o · h(1 − h)，即回到 μ1 的路径。",
    "case2.cap.recursion": "这个乘积就是 ∂E/∂μ1 = {d1}：它正是 ∂E/∂b_i，而 ∂E/∂w_i 是它乘以 x。",
    "case2.cap.deeper": "每往回走一步，就乘一个权重和一个 sigmoid 斜率。用 l 给层编号，μ1 是第 1 层，μ2 是第 2 层："
                        "同样的规则可以到达更深网络的每一层。",
    "case2.cap.summary": "一次反向传播，四个梯度就都知道了。",
    "case2.from_case1": "来自情形 1",
    "case2.layer": "是层的编号：",

    # WeightUpdate
    "update.title": "更新权重",
    "update.desc": "每个参数逆着梯度走一步；误差一轮接一轮地下降。",
    "update.cap.gradients": "反向传播为每个参数给出一个梯度。",
    "update.cap.rule": "梯度下降：每个参数逆着梯度移动，步长是 η = {lr} 乘以梯度。",
    "update.cap.updates": "四个参数同时更新：w_o 变为 {w_o}，b_o 变为 {b_o}，w_i 变为 {w_i}，b_i 变为 {b_i}。",
    "update.cap.updates_down": "所以四个参数都减小：w_o 变为 {w_o}，b_o 变为 {b_o}，w_i 变为 {w_i}，b_i 变为 {b_i}。",
    "update.cap.signs": "为什么四个都减小？每个梯度都以 O − y 开头，而 O = {O} 大于 y = {y}。"
                        "sigmoid 的斜率和 h 总是正的。μ2 以下的路径还要乘 w_o，对 w_i 还要乘 x：这里两者都是正的。"
                        "所以每个梯度都是正的。",
    "update.cap.stale": "从 μ1 到 E 的这些值是用旧参数算出的：现在已经过时了。",
    "update.cap.forward": "用新参数再做一次前向传播，替换它们：E 从 {before} 降到 {after}。",
    "update.cap.epochs": "前向、反向、更新，一遍又一遍。每遍历一次数据（这里只有一个样本）就是一轮。"
                         "O 逐渐靠近 y = {y}：{epochs} 轮之后 O = {O}，E = {final}。",
    "update.cap.summary": "每一轮都让 O 更接近 y，但很慢：{epochs} 轮之后 O = {O} 仍然大于 y = {y}，训练还要继续。",
    "update.cap.averaged": "有 n 个样本时，梯度要对它们取平均：就是第 3 章的 1/(2n)。",
    "update.before": "之前",
    "update.after": "一步之后",
    "update.epoch": "轮次",
    "update.epochs": "{epochs} 轮之后",

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
    "training.epoch": "轮次",
    "training.epochs": "轮次",
    "training.correct": "/ {n} 答对",
    "training.label1": "标签 1",
    "training.label0": "标签 0",
    "training.shading": "越亮 = 输出越接近 1",
}
