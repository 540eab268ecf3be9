"""Strings every chapter shares."""

EN = {
    "chapter.1": "Chapter 1 · The neuron",
    "chapter.2": "Chapter 2 · The network",
    "chapter.3": "Chapter 3 · Learning",
    "chapter.4": "Chapter 4 · Backpropagation",
    "chapter.5": "Chapter 5 · Can a network solve any problem?",
    "series.title": "The simple math behind neural networks",
}

ZH = {
    "chapter.1": "第 1 章 · 神经元",
    "chapter.2": "第 2 章 · 神经网络",
    "chapter.3": "第 3 章 · 学习",
    "chapter.4": "第 4 章 · 反向传播",
    "chapter.5": "第 5 章 · 神经网络能解决任何问题吗？",
    "series.title": "神经网络背后的简单数学",
}
