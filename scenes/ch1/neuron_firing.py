"""Chapter 1: A neuron fires past a threshold."""
from __future__ import annotations

from dataclasses import dataclass
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, Create, DecimalNumber, Dot, DoubleArrow, FadeIn, FadeOut,
                   GrowArrow, GrowFromCenter, Indicate, Line, MathTex, MoveAlongPath, Rectangle, Text, Transform,
                   ValueTracker, VGroup, Write, rate_functions)
from scenes.kit import palette
from scenes.kit.base import ExplainerScene
from scenes.kit.fmt import (decimals_for, stated, tex_stated)
from scenes.kit.parts import NeuronNode, ticking


INPUT_AT = (5.0 * LEFT + 1.3 * UP, 5.0 * LEFT + 1.9 * DOWN)   # where the two inputs sit


@dataclass
class CaseParts:
    """What one case of NeuronFiring puts on screen."""
    neuron: NeuronNode
    sigma: MathTex
    inputs: VGroup
    values: VGroup
    names: VGroup
    arrows: VGroup
    out_arrow: Arrow
    label: Text


class NeuronFiring(ExplainerScene):
    """Fig 1: inputs are summed and compared with a threshold."""

    def construct(self):
        self.title_card()
        threshold = self.trace["threshold"]
        cases = self.trace["cases"]
        top = max([threshold] + [c["total"] for c in cases]) * 1.25
        gauge = self.make_gauge(threshold, top).to_edge(RIGHT, buff=1.0).shift(0.3 * DOWN)
        neuron = self.intro(gauge)
        lines = [self.play_case(n, case, neuron, gauge, top, len(cases) > 1) for n, case in enumerate(cases, start=1)]
        self.summary(lines, neuron, gauge)

    def intro(self, gauge) -> VGroup:
        """The neuron and its threshold gauge, drawn while the caption names them; they stay for every case."""
        node = NeuronNode(radius=0.75).move_to(1.6 * LEFT + 0.3 * DOWN)
        neuron = VGroup(node, MathTex(r"\Sigma", font_size=60, color=palette.TEXT).move_to(node))
        neuron.node = node
        # the paths the inputs will take (the cases draw them again from their input nodes)
        paths = VGroup(*[Arrow(start + 0.45 * RIGHT, node.get_left(), buff=0.1, color=palette.DIM, stroke_width=4)
                         for start in INPUT_AT])
        with self.beat("intro", "firing.cap.intro"):
            # "a neuron adds up": the neuron and its sum sign
            self.play(Create(node), Write(neuron[1]), run_time=1.0)
            # "the signals that reach it": pulses run in along the inputs' paths and merge in the sum
            pulses = [Dot(color=palette.INPUT, radius=0.14).move_to(ar.get_start()) for ar in paths]
            self.play(*[GrowArrow(ar) for ar in paths], run_time=0.6)
            self.play(*[MoveAlongPath(d, Line(ar.get_start(), ar.get_end())) for d, ar in zip(pulses, paths)],
                      run_time=0.9)
            self.remove(*pulses)
            self.play(Indicate(neuron[1], color=palette.SUM, scale_factor=1.4), FadeOut(paths), run_time=0.8)
            # "and compares the sum with a threshold": the gauge, then its threshold mark
            self.play(FadeIn(gauge[0]), run_time=0.6)
            self.play(Create(gauge[1]), FadeIn(gauge[2], shift=0.2 * RIGHT), run_time=0.8)
            self.play(Indicate(gauge[1:], color=palette.BIAS, scale_factor=1.2), run_time=0.8)
        return neuron

    # -- parts used only here -----------------------------------------------------
    def make_gauge(self, threshold, top, height=4.2):
        frame = Rectangle(width=0.7, height=height, color=palette.DIM, stroke_width=3)
        level = frame.get_bottom() + UP * height * threshold / top
        # the threshold is what chapter 1 later calls a bias (moved to the left side): the bias colour
        mark = Line(level + 0.55 * LEFT, level + 0.55 * RIGHT, color=palette.BIAS, stroke_width=6)
        label = self.label("firing.threshold", palette.SMALL_SIZE, palette.BIAS, threshold=stated(threshold))
        label.next_to(mark, LEFT, buff=0.15)
        gauge = VGroup(frame, mark, label)
        gauge.frame, gauge.height_units = frame, height
        return gauge

    def play_case(self, n, case, neuron, gauge, top, numbered):
        """One case: the inputs arrive, their sum fills the gauge, the neuron fires or not.
        Returns the case's line for the summary and its verdict's key."""
        a, b = case["inputs"]
        total, threshold, fired = case["total"], case["threshold"], case["fired"]
        parts = self.case_parts(n, a, b, neuron)
        with self.beat(f"case{n}-inputs", "firing.cap.inputs", a=stated(a), b=stated(b)):
            if numbered:
                self.play(FadeIn(parts.label))
            self.play(FadeIn(parts.inputs), Write(parts.values), FadeIn(parts.names))
            self.play(*[GrowArrow(ar) for ar in parts.arrows])
        counter, fill = self.add_up(n, case, parts, gauge, top)
        verdict_key, verdict = self.decide(n, case, parts, gauge, fill)
        comparison = ">" if fired else r"\le"
        line = MathTex(rf"{tex_stated(a)} + {tex_stated(b)} = {tex_stated(total)} {comparison} {tex_stated(threshold)}",
                       font_size=palette.MATH_SIZE, color=palette.OUTPUT if fired else palette.TEXT)
        self.play(*[FadeOut(m) for m in (parts.inputs, parts.values, parts.names, parts.arrows,
                                         counter, fill, verdict, parts.label)]
                  + ([FadeOut(parts.out_arrow)] if fired else []), parts.neuron.animate.set_activation(0.0),
                  run_time=0.6)
        return line, verdict_key

    def case_parts(self, n, a, b, shown) -> CaseParts:
        neuron, sigma = shown.node, shown[1]
        inputs = VGroup(*[NeuronNode(radius=0.45, activation=0.0, color=palette.INPUT).move_to(pos)
                          for pos in INPUT_AT])
        values = VGroup(*[MathTex(tex_stated(v), font_size=palette.MATH_SIZE).move_to(node) for v, node in zip((a, b), inputs)])
        names = VGroup(*[MathTex(f"x_{i}", font_size=palette.MATH_SIZE - 4, color=palette.DIM).next_to(node, LEFT, buff=0.2)
                         for i, node in enumerate(inputs, start=1)])
        arrows = VGroup(*[Arrow(node.get_right(), neuron.get_left(), buff=0.1, color=palette.DIM, stroke_width=4)
                          for node in inputs])
        out_arrow = Arrow(neuron.get_right(), neuron.get_right() + 2.6 * RIGHT, buff=0.1, color=palette.DIM, stroke_width=5)
        label = self.label("firing.case", palette.BODY_SIZE, palette.DIM, n=n).to_corner(UP + LEFT, buff=0.9).shift(0.5 * DOWN)
        return CaseParts(neuron, sigma, inputs, values, names, arrows, out_arrow, label)

    def add_up(self, n, case, parts, gauge, top):
        """Pulses run to the neuron; the counter counts up to the sum while the gauge fills.
        Returns (counter, fill)."""
        total = case["total"]
        places = max(decimals_for(v, 3) if not float(v).is_integer() else 0 for v in case["inputs"])
        counter = DecimalNumber(0, num_decimal_places=places, font_size=palette.MATH_SIZE, color=palette.SUM)
        counter.next_to(parts.neuron, DOWN, buff=0.3)
        fill = self.gauge_fill(gauge, 0.0, top)
        with self.beat(f"case{n}-sum", "firing.cap.sum", total=stated(total), threshold=stated(case["threshold"])):
            pulses = [Dot(color=palette.INPUT, radius=0.12).move_to(ar.get_start()) for ar in parts.arrows]
            self.add(counter, fill)
            self.play(*[MoveAlongPath(d, Line(ar.get_start(), ar.get_end())) for d, ar in zip(pulses, parts.arrows)],
                      run_time=1.0)
            self.remove(*pulses)
            # a counter that counts (never one number morphing into the next)
            tracker = ValueTracker(0)
            self.play(tracker.animate.set_value(total), ticking(counter, tracker.get_value, run_time=1.8),
                      Transform(fill, self.gauge_fill(gauge, total, top)), run_time=1.8,
                      rate_func=rate_functions.ease_out_cubic)
            self.remove(tracker)   # a ValueTracker is a point at (value, 0): not for the screen
            self.play(Indicate(counter, color=palette.SUM), Indicate(gauge[1], color=palette.BIAS), run_time=1.2)
        return counter, fill

    def decide(self, n, case, parts, gauge, fill):
        """Over the threshold the neuron lights and a pulse leaves it; else the threshold flashes.
        Returns (the verdict's strings key, the verdict)."""
        fired, out_arrow = case["fired"], parts.out_arrow
        verdict_key = "firing.fires" if fired else "firing.silent"
        verdict = self.label(verdict_key, palette.BODY_SIZE, palette.OUTPUT if fired else palette.DIM)
        # under the arrow: above it the verdict would run into the gauge's threshold label
        verdict.next_to(out_arrow, DOWN, buff=0.2).align_to(out_arrow, LEFT).shift(0.25 * RIGHT)
        with self.beat(f"case{n}-verdict", "firing.cap.fire" if fired else "firing.cap.nofire",
                       total=stated(case["total"]), threshold=stated(case["threshold"])):
            if fired:
                pulse = Dot(color=palette.OUTPUT, radius=0.16).move_to(out_arrow.get_start())
                self.play(parts.neuron.animate.set_activation(1.0), fill.animate.set_fill(palette.OUTPUT),
                          GrowArrow(out_arrow))
                self.play(MoveAlongPath(pulse, Line(out_arrow.get_start(), out_arrow.get_end())), FadeIn(verdict),
                          run_time=1.0)
                self.play(FadeOut(pulse, scale=2.5), run_time=0.4)
            else:
                # "stays below": the gap from the sum up to the threshold, drawn in the gauge
                top, level = fill.get_top(), gauge[1].get_center()
                words = verdict
                if level[1] - top[1] > 0.3:
                    gap = DoubleArrow([gauge.frame.get_x(), top[1], 0], [gauge.frame.get_x(), level[1], 0], buff=0.04,
                                      color=palette.TEXT, stroke_width=6, tip_length=0.16,
                                      max_tip_length_to_length_ratio=0.4)
                    self.play(GrowFromCenter(gap), Indicate(gauge[1], color=palette.BIAS), run_time=1.0)
                    verdict = VGroup(verdict, gap)
                else:
                    self.play(Indicate(gauge[1], color=palette.BIAS), run_time=1.0)
                # "the neuron does not fire": it stays dark
                self.play(FadeIn(words),
                          Indicate(parts.neuron, color=palette.DIM, scale_factor=1.1), run_time=1.0)
            self.wait(1.2)
        return verdict_key, verdict

    def gauge_fill(self, gauge, value, top):
        frame = gauge.frame
        h = max(gauge.height_units * min(value, top) / top, 0.001)
        return Rectangle(width=frame.width - 0.1, height=h, stroke_width=0).set_fill(palette.SUM, 0.8).align_to(
            frame, DOWN).shift(0.05 * UP).set_x(frame.get_x())

    def summary(self, lines, neuron, gauge):
        rows = VGroup()
        for line, key in lines:
            verdict = self.label(key, palette.BODY_SIZE, palette.OUTPUT if key == "firing.fires" else palette.DIM)
            rows.add(VGroup(line, verdict).arrange(RIGHT, buff=0.5))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.5).move_to(0.6 * UP)
        t = tex_stated(self.trace["threshold"])
        # the threshold moved to the left side: -threshold is the bias of the next scene
        rule = MathTex(rf"x_1 + x_2 > {t}", r"\iff", r"x_1 + x_2", rf"- {t}", "> 0", font_size=palette.MATH_SIZE + 4)
        rule[0].set_color(palette.TEXT)
        rule[3].set_color(palette.BIAS)   # the threshold, moved over: the next scenes' bias
        rule.next_to(rows, DOWN, buff=0.8)
        with self.beat("cases", "firing.cap.summary"):
            # "sum the inputs, compare with the threshold": each case's sum and comparison in turn,
            # "fire or stay quiet": then its verdict
            self.play(FadeOut(gauge), FadeOut(neuron), run_time=0.6)
            for row in rows:
                self.play(FadeIn(row[0], shift=0.3 * UP), run_time=0.8)
            self.play(*[FadeIn(row[1], shift=0.3 * LEFT) for row in rows], run_time=0.8)
            self.play(*[Indicate(row[1], color=row[1].get_color()) for row in rows], run_time=1.0)
        with self.beat("rule", "firing.cap.rule", threshold=stated(self.trace["threshold"])):
            self.play(Write(rule[0]), run_time=1.2)
            self.play(FadeIn(rule[1]), Write(rule[2]), run_time=1.2)
            self.play(Write(rule[3:]), run_time=1.2)
            self.play(Indicate(rule[3], color=palette.BIAS), run_time=1.2)
            self.wait(2)
