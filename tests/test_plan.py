"""The scheduler's plan (issue 29): list scheduling, longest first, and the split of long scenes into
contiguous runs of beats, on made-up cost tables whose makespans are known in closed form."""
from __future__ import annotations

import itertools
import random

import pytest

from studio import split
from studio.jobs import RenderJob


@pytest.mark.parametrize("m", [2, 3, 5, 8])
def test_graham_worst_case_for_longest_first(m):
    """Graham's table: two jobs of each length 2m-1 .. m+1 and three of length m on m workers. Longest
    first gives 4m - 1, the optimum is 3m (so the plan is exactly 4/3 - 1/(3m) of the best)."""
    costs = {("a", L): L for L in range(m + 1, 2 * m)} | {("b", L): L for L in range(m + 1, 2 * m)}
    costs |= {("c", i): m for i in range(3)}
    assert sum(costs.values()) == 3 * m * m   # the optimum 3m on m workers has no idle time
    assert split.makespan(costs, m) == 4 * m - 1


@pytest.mark.parametrize("n,m", [(10, 3), (64, 32), (7, 7), (3, 8)])
def test_equal_jobs_take_ceil_rounds(n, m):
    assert split.makespan({i: 2.5 for i in range(n)}, m) == 2.5 * -(-n // m)


def test_a_job_longer_than_the_rest_bounds_the_makespan():
    assert split.makespan({"long": 100.0, **{i: 1.0 for i in range(50)}}, 4) == 100.0


def test_every_job_runs_once():
    costs = {i: (i * 7919) % 13 + 1 for i in range(40)}
    span, assigned = split.lpt(costs, 6)
    assert sorted(itertools.chain(*assigned)) == sorted(costs)
    assert span == max(sum(costs[j] for j in w) for w in assigned)


def test_one_worker_does_all_the_work():
    assert split.makespan({i: i for i in range(1, 11)}, 1) == 55


@pytest.mark.parametrize("n,k", [(12, 3), (12, 4), (10, 5), (7, 1)])
def test_contiguous_runs_of_equal_beats_are_equal(n, k):
    cuts = split.contiguous([1.0] * n, k)
    assert cuts == [i * n // k for i in range(k)]


def test_contiguous_follows_the_weights():
    # 10 s of beats, then 10 s in one long beat: two parts cut before the long beat
    assert split.contiguous([2, 2, 2, 2, 2, 10], 2) == [0, 5]
    assert split.contiguous([5, 1, 1, 1, 1, 1], 2) == [0, 1]


def test_contiguous_never_makes_an_empty_run():
    assert split.contiguous([3.0, 4.0], 5) == [0, 1]
    assert split.contiguous([], 3) == [0]
    assert split.contiguous([1.0, 0.0, 0.0, 1.0], 4) == [0, 1, 2, 3]


def test_parts_of_a_scene_no_longer_than_a_fair_share():
    assert split.parts_of(130, 130, 2) == 2      # one scene, two cores: both work on it
    assert split.parts_of(130, 1100, 2) == 1     # a series on two cores: scenes are enough
    assert split.parts_of(130, 1100, 32) == 4    # fair share 34.4 s: 130 s in 4 parts
    assert split.parts_of(130, 130, 64, beats=6) == 6   # never more parts than beats
    assert split.parts_of(130, 130, 1) == 1


def test_plan_splits_one_scene_over_the_workers_and_orders_longest_first():
    one = split.plan([RenderJob("momentum", {}, "low")], 2, {"momentum": 120.0}, owner=7)
    assert [(j.part, j.parts, j.owner) for j in one] == [(0, 2, 7), (1, 2, 7)]
    jobs = [RenderJob(s, {}, "low") for s in ("a", "b", "c")]
    series = split.plan(jobs, 2, {"a": 10.0, "b": 30.0, "c": 20.0}, owner=7)
    assert [j.scene for j in series] == ["b", "c", "a"] and not any(isinstance(j, split.PartJob) for j in series)


def test_plan_leaves_a_scene_whole_when_its_second_part_would_cost_more_than_it_saves():
    """5 s on 2 workers: 2.5 s each, the second paying 2.5 s more, ends at 5 s, no sooner than
    whole; 6 s split ends at 5.5 s."""
    assert [type(j) for j in split.plan([RenderJob("bias", {}, "low")], 2, {"bias": 5.0}, owner=1, overhead=2.5)] \
        == [RenderJob]
    assert len(split.plan([RenderJob("bias", {}, "low")], 2, {"bias": 6.0}, owner=1, overhead=2.5)) == 2


def test_plan_leaves_a_gif_whole():
    assert len(split.plan([RenderJob("bias", {}, "low", format="gif")], 4, {"bias": 30.0}, owner=1)) == 1


def test_split_costs_at_32_workers_within_1_5x_of_a_fair_share():
    """A made-up series like the real one (15 scenes of 6-14 beats of 2-9 s): cut for 32 workers,
    the plan's makespan is within 1.5x of total / 32."""
    beats = {f"s{i}": [(f"b{j}", 2 + (i * 5 + j * 3) % 8) for j in range(6 + i % 9)] for i in range(15)}
    total = sum(c for bs in beats.values() for _, c in bs)
    parts = split.split_costs(beats, 32)
    assert sum(parts.values()) == total
    assert split.makespan(parts, 32) <= 1.5 * total / 32
    assert split.makespan(split.split_costs(beats, 1), 1) == total


def _costs(beats: dict, counts: dict, overhead: float) -> dict:
    """{(scene, part): cost} with each scene cut into counts[scene] contiguous runs of its beats."""
    costs = {}
    for s, k in counts.items():
        weights = [c for _, c in beats[s]]
        cuts = split.contiguous(weights, k) + [len(weights)]
        costs |= {(s, p): sum(weights[cuts[p]:cuts[p + 1]]) + (overhead if p else 0) for p in range(len(cuts) - 1)}
    return costs


def _brute_force(beats: dict, workers: int, overhead: float) -> float:
    """The least makespan over every way of giving each scene 1..beats parts (the oracle)."""
    scenes = sorted(beats)
    return min(split.makespan(_costs(beats, dict(zip(scenes, counts)), overhead), workers)
               for counts in itertools.product(*[range(1, len(beats[s]) + 1) for s in scenes]))


def _alike(beats: dict, workers: int, overhead: float) -> float:
    """The least makespan when every scene is cut alike (parts no longer than a fair share / finer)."""
    total = sum(c for bs in beats.values() for _, c in bs)
    return min(split.makespan(_costs(beats, {s: split.parts_of(sum(c for _, c in bs), total, workers, len(bs), finer)
                                             for s, bs in beats.items()}, overhead), workers)
               for finer in split.FINER)


def test_one_scene_at_a_time_finds_the_cut_that_cutting_alike_misses():
    """4 workers, a part after a scene's first 1 s more: every scene cut alike ends at 14 s at best;
    exhaustive search finds 13 s, and so does the plan."""
    beats = {"s0": [(0, 3), (1, 5)], "s1": [(0, 1), (1, 4), (2, 6)],
             "s2": [(0, 1), (1, 2), (2, 5), (3, 4), (4, 3)], "s3": [(0, 6), (1, 1), (2, 4), (3, 1)]}
    assert _alike(beats, 4, 1.0) == 14.0
    assert _brute_force(beats, 4, 1.0) == 13.0
    costs = split.split_costs(beats, 4, 1.0)
    assert split.makespan(costs, 4) == 13.0
    assert sum(costs.values()) == 46 + 1.0 * (len(costs) - len(beats))   # every beat once, each extra part 1 s


def test_the_plan_is_never_worse_than_cutting_alike_and_never_better_than_exhaustive_search():
    # first a table where one scene at a time alone ends at 13 s and cutting alike at 12 s
    tables = [({"s0": [(0, 3), (1, 5), (2, 5), (3, 1)], "s1": [(0, 2), (1, 6), (2, 5), (3, 2), (4, 4)],
                "s2": [(0, 3), (1, 6), (2, 3), (3, 3)]}, 4, 0.0)]
    rng = random.Random(29)
    for _ in range(60):
        tables.append(({f"s{i}": [(j, rng.randint(1, 6)) for j in range(rng.randint(1, 5))] for i in range(rng.randint(2, 4))},
                       rng.choice([2, 3, 4, 6]), rng.choice([0.0, 0.5, 1.0])))
    assert _alike(*tables[0]) == 12.0
    for beats, workers, overhead in tables:
        span = split.makespan(split.split_costs(beats, workers, overhead), workers)
        assert _brute_force(beats, workers, overhead) - 1e-9 <= span <= _alike(beats, workers, overhead) + 1e-9


def test_a_cold_run_puts_the_scenes_with_the_most_to_read_first(tmp_path):
    """Never rendered into the folder, scenes go longest first by how much their captions say (a
    silent beat lasts at least its caption's reading time); a duration the folder knows wins."""
    from scenes import catalog
    from scenes.strings import TABLES
    from studio import runner

    said = {s.id: sum(len(t) for k, t in TABLES["en"].items() if k.startswith(f"{s.key}.cap.")) for s in catalog.SCENES}
    assert min(said.values()) > 100                 # every scene's captions are found
    _, todo = runner.plan([RenderJob(s.id, {}, "low", out=str(tmp_path)) for s in catalog.SCENES], tmp_path)
    order = [j.scene for j in todo]
    assert order == sorted(said, key=lambda s: -said[s])
    for lang in ("en", "zh"):
        assert all(catalog.find(s).reading_seconds(lang) > 10 for s in said)
    job = RenderJob("bias", {}, "low")
    assert runner.expected_seconds(job, {"bias": 500.0}) == 500.0
    assert runner.expected_seconds(job, {}) == catalog.find("bias").reading_seconds("en")
