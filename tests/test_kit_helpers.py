"""The scene kit's pure helpers, in milliseconds, against references worked out by hand or by brute force."""
import math

import numpy as np
import pytest
from hypothesis import assume, example, given, strategies as st

from scenes.kit.plots import contour_segments, keyframe_indices
from scenes.kit.fmt import num, rel, signed_terms, stated, tex_factor, tex_linear, tex_lines, tex_num, tex_rel
from scenes.kit.network import shown_indices
from scenes.kit.parts import clip_segment, edge_width, nice_range

values = st.floats(-1e6, 1e6, allow_nan=False).filter(lambda v: abs(v) > 1e-4)


@pytest.mark.parametrize("value, text", [
    (0.06566, "0.0657"), (30.0, "30.0"), (30, "30"), (1316.7, "1,317"), (-0.5, "\u22120.500"), (0.0, "0"),
    (-0.0001, "\u22120.000100"), (2.5, "2.50"), (0.1 + 0.2, "0.300"), (123.456, "123"), (-9.996, "\u221210.0"),
    (1e-9, "0"), (0.15, "0.150"), (6.0, "6.00"), (-0.55, "\u22120.550"), (99.96, "100"), (17, "17"),
])
def test_num_by_hand(value, text):
    assert num(value) == text


def oracle(v: float) -> str:
    """Three significant digits by Python's own '#.3g' (fixed notation below 100, trailing zeros kept)."""
    if abs(v) >= 99.95:
        return f"{round(v):,}"
    text = format(v, "#.3g").rstrip(".")
    return "0" if float(text) == 0 else text


@given(st.floats(-1e4, 1e4, allow_nan=False).filter(lambda v: abs(v) > 1e-3))
def test_num_matches_the_3g_oracle(v):
    assert num(v).replace("\u2212", "-") == oracle(v)


def test_approx_sign_only_where_the_shown_value_is_rounded():
    assert (rel(0.15), rel(0.06566), rel(3.0), rel(2.9999)) == ("=", "≈", "=", "≈")
    assert tex_rel(1 / 3) == r"\approx" and tex_rel(0.25) == "="
    assert (stated(10.0), stated(-0.4), stated(0.5), stated(99.96)) == ("10", "\u22120.4", "0.5", "100")


@given(values)
def test_num_keeps_three_significant_digits_and_no_exponent(v):
    text = num(v).replace("\u2212", "-")
    assert "e" not in text and text.replace(",", "").lstrip("-").replace(".", "", 1).isdigit()
    assert abs(float(text.replace(",", "")) - v) <= 5e-3 * abs(v) + 1e-12


def test_tex_numbers_and_factors():
    assert tex_num(1316.7) == "1{,}317"
    assert tex_factor(-0.5) == "(-0.500)" and tex_factor(0.5) == "0.500"
    assert [tex_linear(1.0), tex_linear(-1.0), tex_linear(2.0, -2.0), tex_linear(0.5, 3.0), tex_linear(2.0, 0.0)] == \
        ["x", "-x", r"2\,x - 2", r"0.5\,x + 3", r"2\,x"]
    assert signed_terms([1.5, -0.25, 3.0]) == "1.50 - 0.250 + 3.00"
    assert signed_terms([-1.0, 2], lead=True) == "- 1.00 + 2"
    assert tex_lines(["a", "b", "c"]) == [r"a \\", r"b \\", "c"] and tex_lines(["a"]) == ["a"]


@pytest.mark.parametrize("lo, hi, ticks, want", [
    (0, 7.3, 4, (0, 8, 2)), (0, 1, 4, (0, 1, 0.25)), (-3.2, 4.1, 4, (-4, 6, 2)), (0, 170, 6, (0, 200, 50)),
    (0.013, 0.094, 4, (0, 0.1, 0.025)), (0.26, 0.94, 4, (0.2, 1, 0.2)),
])
def test_nice_range_by_hand(lo, hi, ticks, want):
    assert nice_range(lo, hi, ticks) == pytest.approx(want)


@given(st.floats(-1e4, 1e4), st.floats(1e-3, 1e4), st.integers(1, 10))
@example(-1e-05, 5001.0, 1)   # a step twice the range: lo just below 0 was left uncovered
def test_nice_range_covers_with_a_round_step(lo, span, ticks):
    hi = lo + span
    a, b, step = nice_range(lo, hi, ticks)
    assert a <= lo + 1e-9 * span and b >= hi - 1e-9 * span
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m) for m in (1, 2, 2.5, 5))
    for end in (a, b):
        assert abs(end / step - round(end / step)) < 1e-6
    assert (b - a) / step <= 2 * ticks + 2
    assert all(isinstance(v, int) for v in (a, b) if float(v).is_integer() and abs(v) < 1e15)


REACH = 20.0   # the oracle samples the line this far either side of p0: past every point of the box


def brute_clip(p0, p1, box, n=200_001):
    """The part of the line inside the box by sampling it densely: (first, last) point, or None."""
    (x0, y0), (x1, y1) = p0, p1
    span = REACH / math.hypot(x1 - x0, y1 - y0)   # in units of the segment (a short one needs more)
    t = np.linspace(-span, span, n)
    x, y = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
    inside = (x >= box[0]) & (x <= box[1]) & (y >= box[2]) & (y <= box[3])
    if not inside.any():
        return None
    k = np.flatnonzero(inside)
    return (x[k[0]], y[k[0]]), (x[k[-1]], y[k[-1]])


coord = st.floats(-3, 3)


@given(coord, coord, coord, coord)
def test_clip_segment_matches_dense_sampling(x0, y0, x1, y1):
    assume(math.hypot(x1 - x0, y1 - y0) > 0.05)
    box = (-2.0, 2.0, -1.0, 1.5)
    got, want = clip_segment((x0, y0), (x1, y1), box[:2], box[2:]), brute_clip((x0, y0), (x1, y1), box)
    if want is None or got is None:   # a line that grazes a corner may be missed by one side only
        assume(False)
    tol = 2 * REACH / 200_000 * 2   # two sampling steps along the line
    for a, b in zip(got, want):
        assert a == pytest.approx(b, abs=tol)


def test_clip_segment_of_a_short_segment_left_of_the_box_is_the_whole_chord():
    # found by Hypothesis: the segment lies outside the box, the line through it crosses all of it
    got = clip_segment((-2.5625, 0.0), (-2.5, 0.0), (-2.0, 2.0), (-1.0, 1.5))
    assert got == (pytest.approx((-2.0, 0.0)), pytest.approx((2.0, 0.0)))


def test_clip_segment_of_a_line_that_misses_the_box_is_none():
    assert clip_segment((0, 5), (1, 5), (0, 1), (0, 1)) is None
    assert clip_segment((5, 0), (5, 1), (0, 1), (0, 1)) is None   # vertical, outside


def test_contour_of_a_plane_lies_on_its_level_line_and_spans_the_grid():
    xs, ys = np.linspace(0, 1, 6), np.linspace(0, 1, 5)
    grid = [[x + y for x in xs] for y in ys]          # grid[i][j] at (xs[j], ys[i])
    segments = contour_segments(xs, ys, grid, 0.9)
    ends = np.array([p for s in segments for p in s])
    np.testing.assert_allclose(ends.sum(axis=1), 0.9)   # linear interpolation is exact on a plane
    length = sum(math.dist(a, b) for a, b in segments)
    assert length == pytest.approx(0.9 * math.sqrt(2))  # from (0, 0.9) to (0.9, 0)


def test_contour_of_a_bowl_is_a_ring_of_its_radius():
    xs = ys = np.linspace(-1, 1, 41)
    grid = [[x * x + y * y for x in xs] for y in ys]
    segments = contour_segments(xs, ys, grid, 0.25)
    radii = [math.hypot(*p) for s in segments for p in s]
    assert min(radii) > 0.49 and max(radii) < 0.51
    assert sum(math.dist(a, b) for a, b in segments) == pytest.approx(2 * math.pi * 0.5, rel=0.01)
    assert contour_segments(xs, ys, grid, 5.0) == []   # above the whole surface


@given(st.integers(1, 5000), st.integers(2, 40))
def test_keyframes_start_and_end_and_increase(count, frames):
    idx = keyframe_indices(count, frames)
    assert idx[0] == 0 and idx[-1] == count - 1
    assert all(a < b for a, b in zip(idx, idx[1:]))
    assert len(idx) == count if count <= frames else len(idx) <= frames + 1


def test_shown_indices_by_hand():
    assert shown_indices(4, 6) == [0, 1, 2, 3]
    assert shown_indices(100, 6) == [0, 1, 2, 98, 99]   # three, a gap for the ellipsis, two
    assert shown_indices(10, 2) == [0, 9]


def test_edge_width_is_proportional_to_the_weight():
    assert edge_width(0, 4) == 2.0 and edge_width(-4, 4) == 9.0 and edge_width(2, -4) == pytest.approx(5.5)
