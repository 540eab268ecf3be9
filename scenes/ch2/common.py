"""What the chapter-2 scenes share."""
from __future__ import annotations

from scenes.kit import palette
from scenes.kit.base import ExplainerScene


class Chapter2Scene(ExplainerScene):
    """What the chapter's scenes share."""

    @staticmethod
    def layer_keys(layers):
        last = len(layers) - 1
        return ["net.input" if l == 0 else "net.output" if l == last else "net.hidden" for l in range(last + 1)]

    def layer_names(self, layers, size=palette.SMALL_SIZE):
        return [self.label(k, size, palette.DIM) for k in self.layer_keys(layers)]
