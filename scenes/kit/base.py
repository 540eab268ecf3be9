"""The base every explainer scene shares: parameters, its trace, strings, beats."""
from __future__ import annotations

from contextlib import contextmanager

from manim import (DOWN, UP, FadeIn, FadeOut, ReplacementTransform, RoundedRectangle, Scene, Text, VGroup, Write,
                   config, logger)

from nncore import get_trace

from scenes import catalog
from scenes.kit import cues as cue_rules, frame, palette, theme as themes
from scenes.kit.fonts import font_for
from manimcompat import (install_fast_colour_copies, install_fast_mobject_copies, install_image_canvas,
                         install_lean_svgs, install_text_svg_cache, install_unchanged_numbers_kept,
                         install_whole_text_svgs, lean_animations)
from scenes.strings import text_for

VOICE_PAUSE = 0.4     # seconds of silence after a beat's narration before the next beat starts
# How much slower a beat's animations may run so that they last as long as its narration: the
# picture keeps moving while the voice speaks, instead of finishing early and holding still.
MAX_STRETCH = 1.75
CAPTION_SIZE = 30     # burned-in captions: two lines fill the caption band

# Glyphs forget their parsed SVG paths once drawn, also in Manim's SVG cache: every Text and
# MathTex after the first of its kind, and every copy an animation makes, is cheaper. Text parses
# its SVG once a process, like MathTex (the sketch pass's parse serves the real render).
install_lean_svgs()
install_text_svg_cache()
install_whole_text_svgs()   # a Text's SVG file is never seen half-written by another process
install_fast_colour_copies()   # every animation deep-copies its mobjects, and each holds colours
install_fast_mobject_copies()  # ...and a counting number copies a glyph per digit at each value
install_unchanged_numbers_kept()   # ...unless it shows the same digits as before
install_image_canvas()         # an ImageMobject (training's decision map) draws with this Pillow


class LayoutError(AssertionError):
    """A beat ended with something the viewer must read in the caption band or the margin."""


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

    # What a beat that ends outside the safe area does: "warn" (a log line) or "raise" (tests set it).
    layout_check = "warn"

    def __init__(self, lang: str = "en", burn_captions: bool = False, theme: str = "dark",
                 voice: dict[str, float] | None = None, pace: dict[str, float] | None = None, **params):
        if theme not in palette.THEMES:
            raise ValueError(f"unknown theme {theme!r}; choose one of: {', '.join(palette.THEMES)}")
        self.lang, self.burn_captions, self.theme = lang, bool(burn_captions), theme
        self.voice = dict(voice or {})   # beat name -> seconds of narration, measured before the render
        # beat name -> seconds its animations take at their own speed (from the sketch pass): with
        # both, a beat's animations are slowed (up to MAX_STRETCH) to fill its narration
        self.pace = dict(pace or {})
        self.natural: dict[str, float] = {}   # what this run measured, for the next one
        self.stretch = 1.0
        self.params = params
        self.trace = get_trace(self.trace_name, **params)
        # (beat name, its full caption) in order; filled in a sketch pass too, so narration can be
        # made before the real render.
        self.spoken: list[tuple[str, str]] = []
        self.layout_problems: list[str] = []
        self._burned = None
        super().__init__(camera_class=themes.CAMERAS[theme])

    def setup(self):
        self.camera.background_color = themes.background(self.theme)

    def play(self, *animations, **kwargs):
        # Drop the parsed SVG paths that glyphs keep after their points are built: every
        # animation copies its mobjects, and those paths make each copy ~7x slower.
        prepared = lean_animations(animations)
        if self.stretch != 1.0:
            for a in prepared:
                a.run_time *= self.stretch
            if "run_time" in kwargs:
                kwargs["run_time"] *= self.stretch
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
        """One storyboard beat: a section (a clip of its own) and its caption, as cues of at most two
        lines timed by length. The beat lasts as long as its animations, and at least until its
        caption can be read (or, with a voice, until the narration and a pause are over)."""
        if any(n == name for n, _ in self.spoken) or name == "title":
            raise ValueError(f"{type(self).__name__}: beat name {name!r} is used twice (recordings are "
                             f"stored per beat name)")
        text = self.words(caption, **fields) if caption else ""
        self.spoken.append((name, text))
        self.next_section(name)
        start = self.time
        voiced = self.voice.get(name)
        span = voiced if voiced else cue_rules.reading_seconds(text, self.lang)
        cues = cue_rules.split_cues(text, self.lang) if text else []
        times = cue_rules.schedule(cues, span)
        self._burn(cues, times, start)
        natural = self.pace.get(name, 0.0)
        if voiced and natural > 0:
            self.stretch = min(MAX_STRETCH, max(1.0, (voiced + VOICE_PAUSE) / natural))
        yield
        self.stretch = 1.0
        self.natural[name] = self.time - start
        need = voiced + VOICE_PAUSE if voiced else span
        if need - (self.time - start) > 1e-3:
            self.wait(need - (self.time - start))
        length = self.time - start
        for k, (cue, (a, b)) in enumerate(zip(cues, times)):
            end = length if k == len(cues) - 1 else min(b, length)
            if end > a:
                self.add_subcaption(cue, duration=end - a, offset=start + a - self.time)
        self._burn([], [], start)
        self.check_layout(name)

    def check_layout(self, name: str):
        """Nothing may end a beat in the caption band or the margins (see scenes/kit/frame.py)."""
        problems = [f"beat {name!r}: {p}" for p in frame.outside(self.mobjects, skip=[self._burned])]
        self.layout_problems += problems
        if problems and self.layout_check == "raise":
            raise LayoutError(f"{type(self).__name__}: " + "\n".join(problems))
        for p in problems:
            logger.warning("%s: %s", type(self).__name__, p)

    def _burn(self, cues, times, start):
        """With burn_captions, draw the cues in the caption band at their times (the last one holds
        to the beat's end); with no cues, take the drawing away."""
        if self._burned is not None:
            self.remove(self._burned)
            self._burned = None
        if not (self.burn_captions and cues):
            return
        left, right, bottom, top = frame.band_box()
        drawn = []
        for cue in cues:
            text = Text(cue, font=font_for(self.lang), font_size=CAPTION_SIZE, color=palette.TEXT,
                        line_spacing=0.8)
            text.scale_to_fit_width(min(text.width, right - left - 0.4))
            box = RoundedRectangle(corner_radius=0.08, width=text.width + 0.3, height=text.height + 0.2,
                                   stroke_width=0).set_fill(palette.BACKGROUND, 0.75)
            drawn.append(VGroup(box, text).move_to([0, (bottom + top) / 2, 0]))
        holder = VGroup(drawn[0])

        def show(m, dt):   # dt: a time-based updater, so it runs during waits too
            t = self.time - start
            k = next((i for i, (_, b) in enumerate(times) if t < b), len(drawn) - 1)
            if m.submobjects[0] is not drawn[k]:
                m.submobjects = [drawn[k]]

        holder.add_updater(show)
        self._burned = holder
        self.add(holder)

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
        header = self.label(self.title_key, palette.BODY_SIZE).to_edge(UP, buff=frame.MARGIN * config.frame_height + 0.05)
        self.play(FadeOut(chapter), title.animate.become(header), run_time=0.8)
        self.check_layout("title")
        return title
