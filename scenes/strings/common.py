"""Strings every chapter shares."""

EN = {
    "chapter.1": "Chapter 1 · The neuron",
    "chapter.2": "Chapter 2 · The network",
    "chapter.3": "Chapter 3 · Learning",
    "chapter.4": "Chapter 4 · Backpropagation",
    "series.title": "The simple math behind neural networks",
}
