"""Chapter 5, universal approximation: on-screen words and captions."""
EN = {
    # UniversalApproximation
    "approx.title": "Can a network approximate any function?",
    "approx.desc": "Wider hidden layers fit a curve better: what the universal approximation theorem promises.",
    "approx.cap.target": "The network never sees the target curve: only {n} sample points of it.",
    "approx.cap.columns": "For each fit: its mean squared error on the {n} samples, "
                          "and its largest error anywhere in the range.",
    "approx.cap.first": "One hidden neuron can only make one smooth step: the errors stay large "
                        "({mse} mean squared, {largest} at most).",
    "approx.cap.more": "{hidden} hidden neurons, {params} parameters: mean squared error {mse}, largest {largest}.",
    "approx.cap.depth": "Depth works too: a {layers} net, two hidden layers of four, {params} parameters, "
                        "trained {epochs} epochs, gets within {largest}.",
    "approx.cap.promise": "The theorem: for every error bound epsilon above zero, some network f-hat, "
                          "wide enough, stays within epsilon everywhere on a range [a, b].",
    "approx.cap.limits": "It promises that such a network exists. It does not promise that training finds it, "
                         "or that it does well on data it has not seen.",
    "approx.cap.seeds": "The same 1-{hidden}-1 net, the same {epochs} epochs of training, from {n} random starts: "
                        "{stalled} of them stall far from the target.",
    "approx.cap.seeds_why": "A good network of this size exists, the best run gets within {best}; "
                            "the others got stuck, the worst at {worst}. Training need not find it.",
    "approx.cap.summary": "More neurons and layers: more power, but more parameters to train and more compute. "
                          "A trade-off.",
    "approx.samples": "{n} samples of the target",
    "approx.net": "net",
    "approx.parameters": "parameters",
    "approx.mse": "mean sq.\nerror",
    "approx.largest": "largest\nerror",
    "approx.seeds_head": "1-{width}-1, {epochs} epochs, random start:",
    "approx.seed_found": "seed {seed}: largest error {largest}",
    "approx.seed_stalled": "seed {seed}: largest error {largest}, stalled",
    "approx.promised": "promised:",
    "approx.exists": "a close enough network exists",
    "approx.not_promised": "not promised:",
    "approx.finds": "that training finds it",
    "approx.generalises": "that it works on new data",
}

ZH = {
    # UniversalApproximation
    "approx.title": "网络能逼近任何函数吗？",
    "approx.desc": "隐藏层越宽，曲线拟合得越好；万能逼近定理究竟保证了什么。",
    "approx.cap.target": "网络从来看不到目标曲线：只能看到它的 {n} 个采样点。",
    "approx.cap.columns": "每个拟合都列出：它在 {n} 个采样点上的均方误差，以及它在整个区间上的最大误差。",
    "approx.cap.first": "一个隐藏神经元只能做出一个平滑的台阶：误差仍然很大"
                        "（均方误差 {mse}，最大误差 {largest}）。",
    "approx.cap.more": "{hidden} 个隐藏神经元，{params} 个参数：均方误差 {mse}，最大误差 {largest}。",
    "approx.cap.depth": "加深也行：{layers} 网络有两个各含四个神经元的隐藏层，{params} 个参数，"
                        "训练 {epochs} 个轮次后，误差在 {largest} 以内。",
    "approx.cap.promise": "定理说：对任意误差上限 ε > 0，只要隐藏神经元足够多，就存在一个网络，"
                          "它在有界区间 [a, b] 上处处误差都小于 ε。",
    "approx.cap.limits": "它只保证这样的网络存在。它不保证训练能找到这个网络，"
                         "也不保证它在没见过的数据上表现良好。",
    "approx.cap.seeds": "同样的 1-{hidden}-1 网络，同样训练 {epochs} 个轮次，从 {n} 个随机起点出发："
                        "其中 {stalled} 个停在离目标很远的地方。",
    "approx.cap.seeds_why": "这么大的好网络是存在的，最好的一次误差在 {best} 以内；"
                            "其他的卡住了，最差的是 {worst}。训练不一定能找到它。",
    "approx.cap.summary": "神经元和层数越多，能力越强，但要训练的参数更多，计算量也更大。这是一种权衡。",
    "approx.samples": "目标的 {n} 个采样点",
    "approx.net": "网络",
    "approx.parameters": "参数",
    "approx.mse": "均方误差",
    "approx.largest": "最大误差",
    "approx.seeds_head": "1-{width}-1，{epochs} 个轮次，随机起点：",
    "approx.seed_found": "种子 {seed}：最大误差 {largest}",
    "approx.seed_stalled": "种子 {seed}：最大误差 {largest}，卡住了",
    "approx.promised": "保证：",
    "approx.exists": "存在足够接近的网络",
    "approx.not_promised": "不保证：",
    "approx.finds": "训练能找到它",
    "approx.generalises": "它在新数据上也有效",
}
