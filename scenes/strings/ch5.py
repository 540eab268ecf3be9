"""Chapter 5, universal approximation: on-screen words and captions."""
EN = {
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
