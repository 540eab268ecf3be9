"""The base every explainer scene shares: parameters, its trace, strings, beats."""
from __future__ import annotations

from contextlib import contextmanager

from manim import DOWN, UP, FadeIn, FadeOut, ReplacementTransform, Scene, Text, VGroup, Write
from manim.animation.animation import prepare_animation

from nncore import get_trace

from scenes import catalog
from scenes.kit import palette
from scenes.kit.fonts import font_for
from scenes.kit.parts import lean
from scenes.strings import text_for


READING_RATE = {"en": 15.0, "zh": 7.0}  # characters a viewer reads per second, by language


class ExplainerScene(Scene):
    """A scene that animates one nncore trace.

    Parameters are keyword arguments with the article's values as defaults
    (the trace function's own defaults), so `render.py` can pass a user's
    values and a plain `manim file.py Scene` renders the article's case.
    """

    # What the catalog says of the scene, stored there once (listing scenes must not import manim):
    trace_name = ""       # the nncore trace this scene animates
    title_key = ""        # strings key of the title
    chapter = 0

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        spec = catalog.by_class(cls.__name__)
        if spec is not None:   # a catalogued scene; a subclass of one inherits its facts
            cls.trace_name, cls.title_key, cls.chapter = spec.trace, f"{spec.key}.title", spec.chapter

    def __init__(self, lang: str = "en", **params):
        self.lang = lang
        self.params = params
        self.trace = get_trace(self.trace_name, **params)
        super().__init__()

    def setup(self):
        self.camera.background_color = palette.BACKGROUND

    def play(self, *animations, **kwargs):
        # Drop the parsed SVG paths that glyphs keep after their points are built: every
        # animation copies its mobjects, and those paths make each copy ~7x slower.
        prepared = [prepare_animation(a) for a in animations]
        for a in prepared:
            for mob in (a.mobject, getattr(a, "target_mobject", None)):
                if mob is not None:
                    lean(mob)
        super().play(*prepared, **kwargs)

    # -- words ---------------------------------------------------------
    def words(self, key: str, **fields) -> str:
        """The string table's text for `key` in the scene's language, fields filled in."""
        return text_for(key, self.lang, **fields)

    def label(self, key: str, size: float = palette.BODY_SIZE, color=palette.TEXT, **fields) -> Text:
        return self.plain(self.words(key, **fields), size, color)

    def plain(self, text: str, size: float = palette.BODY_SIZE, color=palette.TEXT) -> Text:
        return Text(text, font=font_for(self.lang), font_size=size, color=color)

    # -- structure -----------------------------------------------------
    @contextmanager
    def beat(self, name: str, caption: str | None = None, **fields):
        """One storyboard beat: a section (a clip of its own) with its caption spanning the
        animations played inside the block; if they are over before the caption can be read,
        the last frame holds until it can."""
        self.next_section(name)
        start = self.time
        yield
        if caption:
            text = self.words(caption, **fields)
            short = len(text) / READING_RATE.get(self.lang, 15.0) - (self.time - start)
            if short > 0.2:
                self.wait(short)
            length = self.time - start
            if length > 0:
                self.add_subcaption(text, duration=length, offset=-length)

    def step_through(self, states, run_time: float = 1.2, pause: float = 0.4):
        """Morph each group of mobjects into the next group in turn.

        `states` yields tuples (one mobject per part); ReplacementTransform
        leaves the newest objects on screen, so their labels stay true."""
        states = list(states)
        for old, new in zip(states, states[1:]):
            self.play(*[ReplacementTransform(a, b) for a, b in zip(old, new)], run_time=run_time)
            self.wait(pause)

    def title_card(self) -> Text:
        """Chapter and scene title in the centre, then the title moves to the top as a header."""
        chapter = self.label(f"chapter.{self.chapter}", palette.SMALL_SIZE, palette.DIM)
        title = self.label(self.title_key, palette.TITLE_SIZE)
        VGroup(chapter, title).arrange(DOWN, buff=0.3)
        self.next_section("title")
        self.play(FadeIn(chapter, shift=0.2 * DOWN), Write(title), run_time=1.2)
        self.wait(0.8)
        header = self.label(self.title_key, palette.BODY_SIZE).to_edge(UP, buff=0.3)
        self.play(FadeOut(chapter), title.animate.become(header), run_time=0.8)
        return title
