"""Every trace matches the TypedDict its function is annotated with (nncore/shapes.py), key for key."""
import types
import typing
from typing import get_args, get_origin, get_type_hints, is_typeddict

import pytest

from nncore import TRACES, shapes
from nncore.traces import backprop, cost_surface


def mismatches(value, tp, where="trace") -> list[str]:
    """Where `value` departs from the type `tp`: missing or extra keys, wrong types, at any depth."""
    if is_typeddict(tp):
        if not isinstance(value, dict):
            return [f"{where}: a dict ({tp.__name__}) expected, got {type(value).__name__}"]
        hints = get_type_hints(tp)
        out = [f"{where}: missing key {k!r}" for k in hints.keys() - value.keys()]
        out += [f"{where}: key {k!r} not in {tp.__name__}" for k in value.keys() - hints.keys()]
        for k in hints.keys() & value.keys():
            out += mismatches(value[k], hints[k], f"{where}[{k!r}]")
        return out
    origin, args = get_origin(tp), get_args(tp)
    if origin in (typing.Union, types.UnionType):
        tries = [mismatches(value, a, where) for a in args]
        return [] if any(not t for t in tries) else min(tries, key=len)
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: a list expected, got {type(value).__name__}"]
        return [m for i, v in enumerate(value) for m in mismatches(v, args[0], f"{where}[{i}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where}: a dict expected, got {type(value).__name__}"]
        return [m for k, v in value.items()
                for m in mismatches(k, args[0], f"{where} key") + mismatches(v, args[1], f"{where}[{k!r}]")]
    if tp is type(None):
        ok = value is None
    elif tp is float:  # an int is a fine float; a bool is not a number here
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif tp in (bool, str):
        ok = isinstance(value, tp)
    else:
        raise TypeError(f"{where}: the test does not know the type {tp!r}")
    return [] if ok else [f"{where}: {getattr(tp, '__name__', tp)} expected, got {value!r}"]


def shape_of(fn):
    return get_type_hints(fn)["return"]


@pytest.mark.parametrize("name", sorted(TRACES))
def test_each_trace_matches_its_annotated_shape(name):
    fn = TRACES[name]
    assert is_typeddict(shape_of(fn)), f"{fn.__name__} is not annotated with a TypedDict from nncore.shapes"
    errors = mismatches(fn(), shape_of(fn))
    assert not errors, "\n".join(errors)


def test_every_shape_is_used_by_some_trace():
    # a shape no trace reaches would be documentation of nothing
    seen, todo = set(), [shape_of(fn) for fn in TRACES.values()]
    while todo:
        tp = todo.pop()
        if is_typeddict(tp):
            if tp in seen:
                continue
            seen.add(tp)
            todo += get_type_hints(tp).values()
        else:
            todo += get_args(tp)
    defined = {v for v in vars(shapes).values() if is_typeddict(v)}
    assert {t.__name__ for t in defined - seen} == set()


# the checker itself: each kind of drift is caught, and says where
def test_a_new_field_a_missing_field_and_a_wrong_type_are_caught_deep_inside():
    tr = backprop()
    tr["gradients"]["w_i"]["extra"] = 1.0
    del tr["nudge"]["nodes"]["E"]
    tr["edges"][3]["value"] = "0.5"
    tr["gradients"]["b_o"]["values"][1] = None
    assert sorted(mismatches(tr, shapes.BackpropTrace)) == sorted([
        "trace['gradients']['w_i']: key 'extra' not in Gradient",
        "trace['nudge']['nodes']: missing key 'E'",
        "trace['edges'][3]['value']: float expected, got '0.5'",
        "trace['gradients']['b_o']['values'][1]: float expected, got None",
    ])


def test_optional_fields_bools_and_ints_are_told_apart():
    tr = cost_surface(steps=3)
    assert tr["path"]["diverged_at"] is None and mismatches(tr, shapes.CostSurfaceTrace) == []
    tr["path"]["diverged_at"] = 2
    assert mismatches(tr, shapes.CostSurfaceTrace) == []
    tr["path"]["diverged_at"] = 2.5
    tr["path"]["converged"] = 1
    tr["theta0s"][0] = True
    assert len(mismatches(tr, shapes.CostSurfaceTrace)) == 3
    assert mismatches({"a": [1, 2.5]}, dict[str, list[float]]) == []
    assert mismatches({"a": [1, "x"]}, dict[str, list[float]]) == ["trace['a'][1]: float expected, got 'x'"]
