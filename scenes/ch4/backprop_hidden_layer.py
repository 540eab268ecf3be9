"""Chapter 4: Case 2: the hidden layer."""
from __future__ import annotations

from manim import (DOWN, RIGHT, UP, Create, FadeIn, FadeOut,
                   Indicate, LaggedStart, ReplacementTransform, SurroundingRectangle, VGroup)
from scenes.kit import frame, palette
from scenes.kit.fmt import product_approx, tex_factor, tex_num
from scenes.kit.graph import ChainProduct, build, paren, partial, tex
from scenes.kit.parts import note
from scenes.kit.chain import BAND, CEILING, MATH, SYMBOL, as_factor, edge_formulas, edge_partial, full_graph, in_band, side_by_side, tag_formula
from scenes.ch4.common import Chapter4Scene


class BackpropHiddenLayer(Chapter4Scene):
    """Fig 11, Case 2: the longer path to w_i and b_i, which begins with Case 1's product (reused)."""

    def construct(self):
        self.title_card()
        tr = self.trace
        g, values, tags = full_graph(tr)
        shared = self.shared_tag("case2.from_case1")
        shared_value = tex_num(tr["shared"]["value"])
        with self.beat("graph", "case2.cap.graph", shared=shared_value):
            self.show_graph(g, values, tags)
            self.play(FadeIn(shared), g.light(tr["shared"]["factors"]))
            self.wait(1.2)
        w, b = side_by_side(self.hidden_product("w_i", g), self.hidden_product("b_i", g))
        self.g = g
        marks = self.weight(g, tags, shared, w)
        marks.add(self.bias(g, tags, shared, b))
        rule = self.recursion(g, w, b, marks, shared)
        with self.beat("summary", "case2.cap.summary"):
            grid = self.gradient_grid(tr["gradients"])
            self.play(FadeOut(rule), g.unlight())
            self.play(LaggedStart(*[FadeIn(c, shift=0.2 * UP) for c in grid], lag_ratio=0.3))
            self.wait(2.5)

    def hidden_product(self, param: str, g) -> ChainProduct:
        """dE/dparam: five local derivatives; the first two are Case 1's dE/dmu2. Numbers as the
        graph `g`'s tags show them."""
        tr = self.trace
        gr, formulas = tr["gradients"][param], edge_formulas(tr)
        f = gr["factors"]
        values = [tr["shared"]["value"]] + gr["values"][2:]
        texts = [tex_num(values[0])] + [g.edge_number(formulas[e], v) for e, v in zip(f[2:], gr["values"][2:])]
        product = ChainProduct(partial("E", SYMBOL[param]), [edge_partial(e) for e in f],
                               [partial("E", r"\mu_2")] + [as_factor(formulas[e]) for e in f[2:]],
                               values, gr["gradient"], size=MATH, texts=texts,
                               buff=0.14)   # rows close together: the five factors stay as large as the band allows
        for row in (product.formulas, product.numbers):
            row.factors[0].set_color(palette.GRADIENT)   # what Case 1 already computed
        return product

    def weight(self, g, tags, shared, product) -> VGroup:
        """The w_i product, reusing Case 1's dE/dmu2; returns the frames it drew."""
        tr = self.trace
        gr = tr["gradients"]["w_i"]
        path = gr["factors"]
        stored_symbol, stored_number = shared[0][1][0], shared[0][1][2]
        with self.beat("path", "case2.cap.path"):
            self.trace_path(g, path)
            self.wait(0.4)
        with self.beat("symbols", "case2.cap.symbols"):
            self.write_symbols(g, product.symbols, path)
            self.wait(0.6)
        formulas = build(product.formulas, [stored_symbol] + [tag_formula(tags[e]) for e in path[2:]])
        with self.beat("reuse", "case2.cap.reuse"):
            first_two = SurroundingRectangle(product.symbols.factor_group(0, 2), color=palette.GRADIENT, buff=0.06)
            self.play(Create(first_two), Indicate(shared[0], color=palette.GRADIENT))
            self.play(g.flow(tr["shared"]["factors"], backward=True, color=palette.GRADIENT), run_time=1.4)
            self.play(formulas[0], formulas[1], run_time=1.4)
            self.play(Indicate(product.formulas.factors[0], color=palette.GRADIENT),
                      Indicate(shared, color=palette.GRADIENT, scale_factor=1.15), run_time=1.2)
            self.play(*[Indicate(tags[e], color=palette.GRADIENT, scale_factor=1.4) for e in path[:2]],
                      Indicate(g.nodes["O"], color=palette.OUTPUT), run_time=1.2)
            self.wait(0.6)
        with self.beat("formulas", "case2.cap.formulas"):
            for step, e in zip(formulas[2:], path[2:]):   # each grows out of its edge's tag, which lights up
                self.play(step, Indicate(tags[e], color=palette.GRADIENT, scale_factor=1.4), run_time=1.1)
            self.wait(0.5)
        shared_n, w_o, dh, x = product.texts   # as the row shows them (w_o and x as given)
        with self.beat("numbers", "case2.cap.numbers", shared=shared_n, w_o=w_o, dh=dh, x=x, g=tex_num(gr["gradient"]),
                       rel="≈" if product.approx else "="):
            frames = self.write_row(product.numbers, [stored_number] + [tags[e].number for e in path[2:]], run_time=0.9,
                                    g=g, edges=[path[:2]] + path[2:], framed=True)
            self.play(FadeOut(frames), run_time=0.4)
            box = self.conclude(product)
            self.wait(1.2)
        return VGroup(first_two, box)

    def bias(self, g, tags, shared, product) -> SurroundingRectangle:
        """The b_i product: the same path as far as mu1, then the edge to b_i."""
        gr = self.trace["gradients"]["b_i"]
        path = gr["factors"]
        stored_symbol, stored_number = shared[0][1][0], shared[0][1][2]
        with self.beat("bias-path", "case2.cap.bias_path"):
            self.trace_path(g, path)
            self.write_symbols(g, product.symbols, path, run_time=0.6)
            first_two = SurroundingRectangle(product.symbols.factor_group(0, 2), color=palette.GRADIENT, buff=0.06)
            self.play(Create(first_two), Indicate(shared[0], color=palette.GRADIENT))   # the same reuse as w_i's
            self.write_row(product.formulas, [stored_symbol] + [tag_formula(tags[e]) for e in path[2:]], run_time=0.7,
                           g=g, edges=[path[:2]] + path[2:])
            self.wait(0.5)
        with self.beat("bias-result", "case2.cap.bias", g=tex_num(gr["gradient"])):
            self.write_row(product.numbers, [stored_number] + [tags[e].number for e in path[2:]], run_time=0.7,
                           g=g, edges=[path[:2]] + path[2:])
            box = self.conclude(product)
            self.wait(1.5)
        return VGroup(first_two, box)

    def recursion(self, g, w, b, marks, shared) -> VGroup:
        """The second level of reuse: dE/dmu2 * w_o * h(1 - h) is dE/dmu1, which is dE/db_i, and
        dE/dw_i is it times x. Each step back multiplies by a weight and a slope: any depth.
        Returns what it leaves in the band."""
        tr = self.trace
        hid, d2 = tr["hidden"], tr["shared"]["value"]
        v = tr["gradients"]["w_i"]["values"]           # dE/dO, dO/dmu2, w_o, h(1-h), x
        x, g_wi = v[4], tr["gradients"]["w_i"]["gradient"]
        d1 = hid["value"]
        firsts = [p.formulas.factor_group(0, 3) for p in (w, b)]
        boxes = VGroup(*[SurroundingRectangle(f, color=palette.GRADIENT, buff=0.06) for f in firsts])
        rel1 = r"\approx" if product_approx([d2, v[2], v[3]], d1) else "="
        rel2 = r"\approx" if product_approx([d1, x], g_wi) else "="
        level = tex(partial("E", r"\mu_1"), "=", partial("E", r"\mu_2"), r"\,w_o\,h(1 - h)", "=",
                    r"\cdot".join(paren(t) for t in w.texts[:3]), rel1, tex_num(d1), "=",
                    partial("E", "b_i"), size=MATH)
        times_x = tex(partial("E", "w_i"), "=", partial("E", r"\mu_1"), r"\,x", "=",
                      rf"{tex_factor(d1)}\cdot{paren(w.texts[3])}", rel2, tex_num(g_wi), size=MATH)
        level[-3].set_color(palette.GRADIENT)
        times_x[-1].set_color(palette.GRADIENT)
        rule = tex(partial("E", r"\mu_{l}"), "=", partial("E", r"\mu_{l+1}"), r"\,w_{l+1}", r"\,\sigma'(\mu_l)",
                   size=MATH, color=palette.GRADIENT)
        layer = VGroup(tex("l", size=MATH), self.label("case2.layer", palette.SMALL_SIZE, palette.TEXT),
                       tex(r"\mu_1,\ \mu_2;\quad w_2 = w_o", size=MATH)).arrange(RIGHT, buff=0.15)
        general = note(VGroup(rule, layer).arrange(RIGHT, buff=0.6), color=palette.GRADIENT, pad=0.08)   # thin: full size
        rows = VGroup(level, times_x).arrange(DOWN, buff=0.25)
        times_x.shift((level[1].get_x() - times_x[1].get_x()) * RIGHT)     # the '=' signs under each other
        rows.scale(min(1.0, 12.4 / rows.width))
        in_band(rows, BAND + 0.2)
        if rows.get_top()[1] > CEILING:                                  # under the bias nodes, like the products
            rows.scale((CEILING - rows.get_bottom()[1]) / rows.height, about_edge=DOWN)
        frame.keep_inside(rows)
        level_box = SurroundingRectangle(level[2:4], color=palette.GRADIENT, buff=0.06)   # the three shared factors
        # the general rule takes the place of dE/dw_i's row, under its instance dE/dmu1, full size
        general.scale(min(1.0, 12.4 / general.width))
        general.next_to(level, DOWN, buff=0.12).set_x(0)
        low = frame.safe_box()[2] + 0.1
        if general.get_bottom()[1] < low:
            general.scale((general.get_top()[1] - low) / general.height, about_edge=UP)
        with self.beat("mu1", "case2.cap.mu1"):
            self.play(Create(boxes), *g.extend(hid["factors"]))
            self.play(g.flow(hid["factors"], backward=True, color=palette.GRADIENT), run_time=2.4)   # E back to mu1
            self.play(Indicate(g.nodes["mu1"], color=palette.OUTPUT), *[Indicate(f, color=palette.GRADIENT) for f in firsts],
                      run_time=1.2)
            self.wait(0.6)
        with self.beat("recursion", "case2.cap.recursion", d1=tex_num(d1)):
            self.play(FadeOut(VGroup(w, b, marks)), ReplacementTransform(boxes, level_box), FadeIn(level),
                      run_time=1.0)
            self.play(Indicate(level[-3], color=palette.GRADIENT), g.flash(["dmu1/db_i"], backward=True,
                                                                            color=palette.GRADIENT), run_time=1.2)
            self.play(Indicate(level[-1], color=palette.GRADIENT), Indicate(g.nodes["b_i"], color=palette.GRADIENT),
                      run_time=1.2)
            self.play(FadeIn(times_x, shift=0.2 * DOWN), g.flash(["dmu1/dw_i"], backward=True, color=palette.GRADIENT),
                      run_time=1.2)
            self.play(Indicate(times_x[3], color=palette.GRADIENT), Indicate(g.nodes["x"], color=palette.GRADIENT),
                      run_time=1.2)
            self.wait(0.6)
        with self.beat("deeper", "case2.cap.deeper"):
            self.play(FadeOut(shared), FadeOut(times_x), run_time=0.6)   # they leave before the rule arrives
            self.play(FadeIn(general, shift=0.2 * UP), run_time=1.0)
            self.play(Indicate(rule[3], color=palette.GRADIENT), Indicate(g.nodes["w_o"], color=palette.GRADIENT),
                      g.flash(["dmu2/dh"], backward=True, color=palette.GRADIENT), run_time=1.3)
            self.play(Indicate(rule[4], color=palette.GRADIENT), Indicate(g.nodes["h"], color=palette.OUTPUT),
                      g.flash(["dh/dmu1"], backward=True, color=palette.GRADIENT), run_time=1.3)
            self.play(Indicate(layer, color=palette.TEXT, scale_factor=1.05),
                      *[Indicate(g.nodes[k], color=palette.SUM) for k in ("mu1", "mu2")], run_time=1.3)
            self.wait(0.6)
        return VGroup(level, level_box, general)
