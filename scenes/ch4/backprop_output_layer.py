"""Chapter 4: Case 1: the output layer."""
from __future__ import annotations

from manim import (DOWN, LEFT, RIGHT, UP, Create, FadeIn, FadeOut,
                   Indicate, LaggedStart, SurroundingRectangle, TransformFromCopy, VGroup, Write)
from scenes.kit import frame, palette
from scenes.kit.fmt import num, product_approx, shown, stated, tex_factor, tex_num, tex_stated
from scenes.kit.graph import partial, tex
from scenes.kit.chain import (BAND, LEAVES, MATH, SYMBOL, full_graph, in_band, node_digits, side_by_side,
                              tag_formula)
from scenes.ch4.common import Chapter4Scene


class BackpropOutputLayer(Chapter4Scene):
    """Fig 10, Case 1: the chain rule from E back to w_o, then to b_o; the shared first factors."""

    def construct(self):
        self.title_card()
        g, values, tags = full_graph(self.trace)
        question = in_band(tex(partial("E", "w_o"), "=", "?", size=palette.MATH_SIZE + 4))
        with self.beat("graph", "case1.cap.graph"):
            self.show_graph(g, values, tags)
            self.play(Write(question))
            self.wait(2.0)
        w, b = side_by_side(self.chain_product("w_o", g), self.chain_product("b_o", g))
        boxes = VGroup(self.weight(g, tags, w, question), self.bias(g, tags, b))
        marks, shared = self.keep_shared(g, w, b)
        check, on_edges = self.nudge(g, tags, VGroup(w, b, boxes, marks), shared)
        self.restore(g, check, on_edges, shared)

    def weight(self, g, tags, product, question):
        gr = self.trace["gradients"]["w_o"]
        path = gr["factors"]
        with self.beat("path", "case1.cap.path"):
            self.trace_path(g, path)
            self.wait(0.5)
        with self.beat("symbols", "case1.cap.symbols"):
            self.play(FadeOut(question), run_time=0.4)
            self.write_symbols(g, product.symbols, path, run_time=0.9)
            self.wait(0.6)
        with self.beat("formulas", "case1.cap.formulas"):
            self.write_row(product.formulas, [tag_formula(tags[e]) for e in path], g=g, edges=path)
            self.wait(0.6)
        a, b, c = product.texts   # as the row shows them
        with self.beat("numbers", "case1.cap.numbers", a=a, b=b, c=c):
            self.write_row(product.numbers, [tags[e].number for e in path], g=g, edges=path)
            self.wait(0.6)
        with self.beat("result", "case1.cap.result", g=tex_num(gr["gradient"])):
            box = self.conclude(product)
            self.wait(1.2)
        return box

    def bias(self, g, tags, product):
        gr = self.trace["gradients"]["b_o"]
        path = gr["factors"]
        with self.beat("bias-path", "case1.cap.bias_path"):
            self.trace_path(g, path)
            self.write_symbols(g, product.symbols, path, run_time=0.7)
            self.write_row(product.formulas, [tag_formula(tags[e]) for e in path], run_time=0.7, g=g, edges=path)
            self.wait(0.5)
        with self.beat("bias-result", "case1.cap.bias", g=tex_num(gr["gradient"])):
            self.write_row(product.numbers, [tags[e].number for e in path], run_time=0.7, g=g, edges=path)
            box = self.conclude(product)
            self.wait(1.5)
        return box

    def keep_shared(self, g, *products):
        shared = self.shared_tag("case1.keep")
        with self.beat("shared", "case1.cap.shared", shared=tex_num(self.trace["shared"]["value"])):
            firsts = [p.formulas.factor_group(0, 2) for p in products]
            marks = VGroup(*[SurroundingRectangle(f, color=palette.GRADIENT, buff=0.06) for f in firsts])
            off = [e for e in g.lit if e not in self.trace["shared"]["factors"]]
            self.play(Create(marks), g.unlight_edges(off))    # the path back to mu2, which both share
            self.play(TransformFromCopy(VGroup(*firsts), shared[0]), FadeIn(shared[1]), run_time=1.2)
            self.wait(2.5)
        return marks, shared

    def nudge(self, g, tags, old, shared):
        """The check that makes a gradient visible: w_o + a small step, a real forward pass (the
        trace's), and E moves by about step x dE/dw_o. The edges' local derivatives and the kept
        product belong to the graph before the nudge: they leave while it lasts."""
        nd, gr = self.trace["nudge"], self.trace["gradients"]["w_o"]["gradient"]
        moved = nd["nodes"]
        before, after = tex_num(nd["E_before"], 5), tex_num(nd["E_after"], 5)
        delta = tex_num(nd["delta"], 2)
        # '=' where the two E's as shown subtract to the change as shown, '≈' otherwise
        diff_rel = "=" if num(shown(nd["E_after"], 5) - shown(nd["E_before"], 5), 2) == num(nd["delta"], 2) else r"\approx"
        pred_rel = r"\approx" if product_approx([nd["step"], gr], nd["predicted"]) else "="
        step = tex_stated(nd["step"])
        first = tex(rf"w_o:\ {tex_stated(self.trace['nodes']['w_o'])} \to {tex_num(nd['value'])}", r"\qquad",
                    rf"E:\ {before} \to {after}", size=MATH + 2)
        first[2].set_color(palette.COST)
        second = tex(r"\Delta E", "=", rf"{after} - {before}", diff_rel, delta, size=MATH + 2, color=palette.COST)
        third = tex(r"\approx", rf"{step}\cdot", partial("E", "w_o"), "=", rf"{step}\cdot{tex_factor(gr)}",
                    pred_rel, tex_num(nd["predicted"]), size=MATH + 2, color=palette.GRADIENT)
        rows = VGroup(first, second, third).arrange(DOWN, buff=0.2)
        third.shift((second[1].get_x() - third[0].get_x()) * RIGHT)     # '≈' under ΔE's '='
        first.shift((second[1].get_x() - first[0].get_x() - 0.4) * RIGHT)
        in_band(rows, BAND + 0.05)
        frame.keep_inside(rows)
        on_edges = list(tags.values())   # one by one: they are parts of the group the graph came in with
        with self.beat("nudge", "case1.cap.nudge", step=stated(nd["step"]), before=before, after=after):
            self.play(FadeOut(old), *[FadeOut(t) for t in on_edges], FadeOut(shared), g.unlight())
            g.digits = node_digits(moved, [n for n in LEAVES if n != "w_o"])
            self.play(FadeIn(first[0]), g.change_value("w_o", nd["value"]),
                      Indicate(g.nodes["w_o"], color=palette.GRADIENT), run_time=1.0)
            for name in ("mu2", "O", "E"):
                color = palette.COST if name == "E" else palette.TEXT
                self.play(g.flash(g.edges_into(name)), g.change_value(name, moved[name], color), run_time=0.8)
            self.play(FadeIn(first[1:]), Indicate(g.nodes["E"], color=palette.COST))
            self.settle(VGroup(first))
            self.wait(1.0)
        # a rate of change: the change of E per unit change of w_o, from the two numbers just shown
        rate_value = shown(nd["delta"], 2) / nd["step"]
        rate = tex(partial("E", "w_o"), r"\approx", r"\frac{\Delta E}{\Delta w_o}", "=",
                   rf"\frac{{{delta}}}{{{step}}}", "=", tex_num(rate_value, 2), size=MATH + 2, color=palette.GRADIENT)
        rate.move_to(third).align_to(third, LEFT)   # it takes the prediction row's place
        with self.beat("nudge-check", "case1.cap.nudge_check", delta=delta.replace("{,}", ","), step=stated(nd["step"]),
                       g=tex_num(gr)):
            self.play(FadeIn(second, shift=0.2 * DOWN))
            self.play(FadeIn(third, shift=0.2 * DOWN))
            box = SurroundingRectangle(third[-1], color=palette.GRADIENT, buff=0.08)
            self.play(Create(box))
            self.wait(1.0)
            self.play(FadeOut(third), FadeOut(box), run_time=0.6)   # the other way round: E's change per unit of w_o
            self.play(FadeIn(rate[:3], shift=0.2 * DOWN), Indicate(g.nodes["w_o"], color=palette.GRADIENT), run_time=1.2)
            self.play(FadeIn(rate[3:5]), Indicate(second[-1], color=palette.COST), run_time=1.2)
            self.play(FadeIn(rate[5:]), Indicate(g.nodes["E"], color=palette.COST), run_time=1.2)
            self.settle(VGroup(rate))
            self.wait(1.0)
        return VGroup(first, second, rate), on_edges

    def restore(self, g, check, on_edges, shared):
        """Back to w_o as given: the graph as Case 2 takes it over, with Case 1's two gradients."""
        n, grads = self.trace["nodes"], self.trace["gradients"]
        cells = VGroup(*[tex(partial("E", SYMBOL[p]), "=", tex_num(grads[p]["gradient"]),
                             size=MATH + 4, color=palette.GRADIENT) for p in ("w_o", "b_o")]).arrange(RIGHT, buff=1.6)
        in_band(cells, BAND - 0.1)
        with self.beat("restore", "case1.cap.restore", w_o=stated(n["w_o"]), g=tex_num(grads["w_o"]["gradient"]),
                       gb=tex_num(grads["b_o"]["gradient"])):
            self.play(FadeOut(check))
            g.digits = node_digits(n)
            self.play(g.change_value("w_o", n["w_o"], given=True), Indicate(g.nodes["w_o"], color=palette.GRADIENT),
                      run_time=1.0)
            for name in ("mu2", "O", "E"):
                color = palette.COST if name == "E" else palette.TEXT
                self.play(g.flash(g.edges_into(name)), g.change_value(name, n[name], color), run_time=0.7)
            self.play(*[FadeIn(t) for t in on_edges], FadeIn(shared), LaggedStart(*[FadeIn(c, shift=0.2 * UP) for c in cells],
                                                                   lag_ratio=0.4), run_time=1.4)
            self.wait(2.0)

