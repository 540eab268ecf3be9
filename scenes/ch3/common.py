"""What the chapter-3 scenes share."""
from __future__ import annotations

from manim import (RIGHT, DecimalNumber, VGroup)
from scenes.kit import palette
from scenes.kit.base import ExplainerScene


SIZE = palette.MATH_SIZE - 8   # formulas in side panels


class Chapter3Scene(ExplainerScene):
    """What the chapter's scenes share."""

    def counter(self, k: int, size=palette.SMALL_SIZE, color=palette.DIM) -> VGroup:
        """'step <k>' with a number that changes cheaply."""
        word = self.label("gd.step", size, color)
        number = DecimalNumber(k, num_decimal_places=0, font_size=size + 10, color=color)
        row = VGroup(word, number).arrange(RIGHT, buff=0.18)
        number.set_y(word.get_y() + 0.02)
        row.number = number
        return row
