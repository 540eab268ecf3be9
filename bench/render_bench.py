#!/usr/bin/env python
"""Render-speed benchmark (not a test): `make bench` or `python bench/render_bench.py`.

Measures, each `--repeats` times (median reported), in fresh output folders:
  * our renderer (`render.py render`, default jobs) for the whole series, per quality:
    wall time, video duration, render factor = wall / duration, frames/s, peak memory;
    per scene, the worker's own time for that scene;
  * the same scenes rendered the way a Manim user would by hand: one `manim -q? file Scene`
    process per scene, one after another; the ratio ours / by-hand;
  * draw-only time (Manim's `--format none`, by hand) vs the by-hand mp4 time: the encode share;
  * the "up to date" re-run (wall and CPU seconds), and every nncore trace;
  * one scene (the series' longest), cold, in one process and split over every core
    (`--jobs N`), alternating in the same run: wall and CPU seconds, and their ratio;
  * the scheduler's plan: the makespan on 1 to 64 workers from the series' measured per-beat
    costs (list scheduling, longest first; each extra part of a scene pays what cutting the one
    scene in two cost, its parts rendered one after another, less a worker's start, which a
    cluster's running workers do not pay again);
  * growth: the network diagram at 2-4-1, 2-16-1, 784-100-10 and the training scene at
    100, 1,000 and 10,000 epochs (video length and render time must not follow the epochs);
  * encoder presets on one scene: time, size and PSNR against a lossless encode.
Writes bench/results.json and prints a table (Markdown, ready for the README).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scenes import catalog  # noqa: E402
from studio.layout import QUALITIES  # noqa: E402

PY = sys.executable
MANIM = str(Path(PY).with_name("manim"))
FLAG = {"low": "-ql", "medium": "-qm", "high": "-qh", "4k": "-qk"}


LAST_CPU = [0.0]   # CPU seconds (user + system) of the last timed() process tree


def timed(cmd, **kw) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall seconds and peak RSS (KiB) of a child process tree; its CPU seconds land in LAST_CPU
    (a fair measure when other work shares the cores: wall times then are not)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{r.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU[0] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, max(after.ru_maxrss, before.ru_maxrss), r


def cold(cache: Path) -> dict:
    """The environment of a cold run: its own empty LaTeX/SVG cache (render.py keeps one in the
    user's cache folder across runs, which would make every run after the first warm)."""
    return {"env": {**os.environ, "NN_EXPLAINER_CACHE": str(cache)}}


def median(xs):
    return statistics.median(xs) if xs else None


def ours(specs, quality, repeats, workdir) -> dict:
    runs = []
    for i in range(repeats):
        out = workdir / f"ours-{quality}-{i}"
        wall, peak, log = timed([PY, "render.py", "render", *[s.id for s in specs], "-q", quality, "--out", str(out)],
                                **cold(workdir / f"cache-{quality}-{i}"))
        man = json.loads((out / "manifest.json").read_text())["entries"]
        entries = {e["scene"]: e for e in man.values() if e["quality"] == quality and e["kind"] == "scene"}
        for sid, seconds in worker_seconds(log.stderr).items():   # the manifest is written before the time is known
            if sid in entries:
                entries[sid]["render_seconds"] = seconds
        runs.append({"wall": wall, "peak_kib": peak, "out": out, "entries": entries})
    mid = sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]
    # The up-to-date path: same command again on the median run's folder.
    upd, upd_cpu = [], []
    for _ in range(max(repeats, 3)):
        upd.append(timed([PY, "render.py", "render", *[s.id for s in specs], "-q", quality, "--out", str(mid["out"])])[0])
        upd_cpu.append(LAST_CPU[0])
    duration = sum(e["duration"] for e in mid["entries"].values())
    fps = int(QUALITIES[quality].label.split("p")[1])
    return {"wall": median([r["wall"] for r in runs]), "walls": [r["wall"] for r in runs],
            "duration": duration, "render_factor": median([r["wall"] for r in runs]) / duration,
            "frames_per_second": duration * fps / median([r["wall"] for r in runs]),
            "peak_mib": mid["peak_kib"] / 1024, "up_to_date_wall": median(upd), "up_to_date_cpu": median(upd_cpu),
            "files_mib": sum(f["bytes"] for e in mid["entries"].values() for f in e["files"]) / 2**20,
            "scenes": {sid: {"duration": e["duration"], "render_seconds": e.get("render_seconds"),
                             "beats": [[x["name"], x["duration"]] for x in e.get("sections", [])]}
                       for sid, e in mid["entries"].items()}}


def worker_seconds(progress: str) -> dict:
    """Each scene's render seconds from the progress lines (`... ok SCENE (12.3s)`)."""
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"\bok (\S+) \(([\d.]+)s\)", progress)}


def by_hand(specs, quality, repeats, workdir, fmt="mp4") -> dict:
    """One `manim` process per scene, one after another, as the docs teach."""
    per_scene = {s.id: [] for s in specs}
    totals = []
    for i in range(repeats):
        media = workdir / f"hand-{quality}-{fmt}-{i}"
        total = 0.0
        for s in specs:
            cmd = [MANIM, FLAG[quality], "--media_dir", str(media), "--progress_bar", "none", "-v", "WARNING"]
            if fmt == "none":
                cmd += ["--format", "none"]
            wall, _, _ = timed(cmd + [s.module.replace(".", "/") + ".py", s.name])
            per_scene[s.id].append(wall)
            total += wall
        totals.append(total)
    return {"wall": median(totals), "walls": totals, "scenes": {k: median(v) for k, v in per_scene.items()}}


def one_scene(scene, quality, repeats, workdir) -> dict:
    """One scene, cold, in one process (`--jobs 1`) and split over the cores (`--jobs N`, N = the
    cores), alternating in the same run: wall and CPU seconds of each, and their ratio."""
    cores = os.cpu_count() or 1
    rows = {1: [], cores: []}
    for i in range(repeats):
        for jobs in rows:
            out = workdir / f"one-{scene}-{quality}-{jobs}-{i}"
            wall, _, _ = timed([PY, "render.py", "render", scene, "-q", quality, "--out", str(out), "-j", str(jobs)],
                               **cold(workdir / f"cache-one-{scene}-{quality}-{jobs}-{i}"))
            rows[jobs].append((wall, LAST_CPU[0]))
    whole, split = rows[1], rows[cores]
    return {"scene": scene, "jobs": cores, "whole_wall": median([w for w, _ in whole]),
            "split_wall": median([w for w, _ in split]), "whole_cpu": median([c for _, c in whole]),
            "split_cpu": median([c for _, c in split]),
            "ratio": median([w for w, _ in split]) / median([w for w, _ in whole])}


PLAN_WORKERS = (1, 2, 4, 8, 16, 32, 64)


def worker_start(scene: str, repeats: int = 3) -> float:
    """CPU seconds a fresh worker process spends before it renders: Python, Manim, the studio and
    the scene's module imported (median of `repeats`)."""
    module = catalog.find(scene).module
    code = f"import manim, manimcompat; from studio import executors, worker, split; import {module}"
    cpus = []
    for _ in range(repeats):
        timed([PY, "-c", code])
        cpus.append(LAST_CPU[0])
    return median(cpus)


# One render of a scene, or one part of it, in a process of its own (the cut is the one `--jobs`
# makes: studio/split.py, from the scene's own sketch).
RENDER_ONE = """
import os, sys
from studio import runner, split, worker
from studio.jobs import RenderJob
scene, quality, out, part, parts = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
job = RenderJob(scene, {}, quality, out=out)
job.key = runner.job_key(job)
if parts > 1:
    job = split.PartJob.of(job, part, parts, os.getpid())
r = worker.render(job)
assert r.ok, r.error
"""


def part_cost(scene: str, quality: str, workdir: Path, start: float, parts: int = 2, repeats: int = 1) -> dict:
    """What cutting `scene` into `parts` costs beyond rendering it whole, in CPU seconds, with the
    renders one after another (no two processes sharing the host, whose contention charges a
    parallel split), each cold in a process of its own: (sum of the parts - whole - the extra
    workers' starts) / (parts - 1). The median of `repeats` (whole and parts rendered in turn; the
    bench asks at least three): one alone swung 0.0-6.7 s at 1080p60, where a whole render's CPU
    varies by as much."""
    def cpu(part: int, n: int, i: int) -> float:
        tag = f"{scene}-{quality}-{part}of{n}-{i}"
        timed([PY, "-c", RENDER_ONE, scene, quality, str(workdir / f"cost-{tag}"), str(part), str(n)],
              **cold(workdir / f"cache-cost-{tag}"))
        shutil.rmtree(workdir / f"cost-{tag}", ignore_errors=True)
        return LAST_CPU[0]

    wholes, each, overheads = [], [], []
    for i in range(repeats):
        wholes.append(cpu(0, 1, i))
        each.append([cpu(p, parts, i) for p in range(parts)])
        overheads.append(max(0.0, (sum(each[-1]) - wholes[-1]) / (parts - 1) - start))
    return {"scene": scene, "parts": parts, "whole_cpu": median(wholes),
            "parts_cpu": [median([e[p] for e in each]) for p in range(parts)], "start_cpu": start,
            "overheads": overheads, "overhead": median(overheads)}


def part_overhead(one: dict | None, start: float) -> float:
    """What a part after a scene's first costs a worker that is already running, in CPU seconds:
    the split's CPU beyond one process's, per extra part, less the extra worker's start (a split
    over N local workers starts N fresh processes where one process renders in the CLI's own; a
    cluster's workers start once, whatever they render). What is left: the part's own sketch pass,
    its rebuild of the beats before it (undrawn), its encoder, and the join."""
    if not one:
        return 0.0
    return max(0.0, (one["split_cpu"] - one["whole_cpu"]) / max(1, one["jobs"] - 1) - start)


def plan_curve(series: dict, part_overhead: float = 0.0) -> list[dict]:
    """The makespan the scheduler's plan (studio/split.py: long scenes cut into contiguous runs of
    beats, list scheduling longest first) gives on N workers, from a render's measured costs: each
    scene's render seconds shared among its beats by their length, and each part after a scene's
    first paying `part_overhead` (its worker re-runs the beats before it without drawing)."""
    from studio import split

    beats = {sid: [(b, sc["render_seconds"] * d / sc["duration"]) for b, d in sc["beats"]]
             for sid, sc in series["scenes"].items() if sc.get("render_seconds") and sc.get("beats")}
    work = sum(c for bs in beats.values() for _, c in bs)
    rows = []
    for n in PLAN_WORKERS:
        costs = split.split_costs(beats, n, part_overhead)
        span = split.makespan(costs, n)
        rows.append({"workers": n, "makespan": span, "fair": work / n, "ratio": span / (work / n),
                     "parts": len(costs)})
    return rows


def narrated(specs, quality, repeats, workdir, engine: str = "espeak", silent: dict | None = None) -> dict:
    """The whole series silent and with --voice ENGINE, in the same run, each cold (empty output
    folder, empty LaTeX and voice caches), alternating; then each again, up to date.

    `silent`: a series row of this bench run (`ours`: the same command with no voice, cold), used
    instead of rendering the silent series once more."""
    walls = {"none": [], engine: []}
    upd = {"none": [], engine: []}
    video = {}
    if silent is not None:
        walls = {"none": [silent["wall"]], engine: []}
        upd = {"none": [silent["up_to_date_wall"]], engine: []}
        video["none"] = silent["duration"]
    for i in range(repeats):
        for voice in [v for v in walls if silent is None or v != "none"]:
            out, cache = workdir / f"voice-{voice}-{quality}-{i}", workdir / f"cache-voice-{voice}-{quality}-{i}"
            cmd = [PY, "render.py", "render", *[s.id for s in specs], "-q", quality, "--voice", voice, "--out", str(out)]
            walls[voice].append(timed(cmd, **cold(cache))[0])
            upd[voice].append(median([timed(cmd, **cold(cache))[0] for _ in range(3)]))   # as `ours` measures it
            video[voice] = sum(e["duration"] for e in json.loads((out / "manifest.json").read_text())["entries"].values()
                               if e["kind"] == "scene")
    silent, voiced = median(walls["none"]), median(walls[engine])
    # The voice lengthens beats (speech is slower than reading), so part of the added wall time is
    # more video; the render factor (wall per second of video) separates that from the overhead.
    return {"silent_wall": silent, "narrated_wall": voiced, "added": voiced / silent - 1,
            "silent_video": video["none"], "narrated_video": video[engine],
            "factor_added": (voiced / video[engine]) / (silent / video["none"]) - 1,
            "silent_up_to_date": median(upd["none"]), "narrated_up_to_date": median(upd[engine])}


# Results key of each voice engine's narration rows (espeak's rows keep their old key).
VOICE_ROWS = {"espeak": "narration", "piper": "narration_piper"}


def traces(repeats=3) -> dict:
    from nncore import TRACES, get_trace
    out = {}
    for name in TRACES:
        times = []
        for _ in range(max(repeats, 3)):
            t = time.perf_counter()
            get_trace(name)
            times.append(time.perf_counter() - t)
        out[name] = median(times) * 1000
    return out


def growth(workdir, repeats) -> dict:
    cases = [("parameter-count", ["--layers", v]) for v in ("2,4,1", "2,16,1", "784,100,10")]
    cases += [("training", ["--epochs", v]) for v in ("100", "1000", "10000")]
    rows = []
    for scene, opts in cases:
        walls = []
        for i in range(repeats):
            out = workdir / f"growth-{scene}-{opts[1]}-{i}"
            wall, _, _ = timed([PY, "render.py", "render", scene, *opts, "-q", "low", "--out", str(out), "-j", "1"],
                               **cold(workdir / f"cache-growth-{scene}-{opts[1]}-{i}"))
            walls.append(wall)
        entry = next(e for e in json.loads((out / "manifest.json").read_text())["entries"].values()
                     if e["kind"] == "scene")
        rows.append({"scene": scene, "option": " ".join(opts), "duration": entry["duration"], "wall": median(walls)})
    return rows


def encoders(workdir, scene="neuron-firing", quality="high") -> list:
    """Preset trade-off on one scene: time, size, PSNR against a lossless (qp 0) encode."""
    import av
    import numpy as np
    from manim import tempconfig

    import manimcompat
    from studio import reuse
    spec = catalog.find(scene)
    reuse.install_frame_reuse()

    def render(opts, name):
        with tempconfig({"quality": QUALITIES[quality].manim, "media_dir": str(workdir / "enc"),
                         "output_file": name, "disable_caching": True, "progress_bar": "none",
                         "verbosity": "ERROR", "video_encoder_options": opts}):
            t = time.perf_counter()
            s = spec.load()()
            s.render()
            return time.perf_counter() - t, manimcompat.movie_path(s)

    def frames(path):
        with av.open(str(path)) as c:
            return [f.to_ndarray(format="rgb24").astype(np.float32) for i, f in enumerate(c.decode(video=0))
                    if i % 30 == 0]

    _, ref_path = render({"preset": "ultrafast", "crf": "0"}, "reference")  # crf 0: lossless
    ref = frames(ref_path)
    rows = []
    for preset in ("medium", "veryfast", "superfast", "ultrafast"):
        wall, path = render({"preset": preset, "crf": "23"}, preset)
        mse = statistics.mean(float(np.mean((a - b) ** 2)) for a, b in zip(ref, frames(path)))
        psnr = 10 * np.log10(255 ** 2 / max(mse, 1e-9))
        rows.append({"preset": preset, "crf": 23, "wall": wall, "mib": path.stat().st_size / 2**20,
                     "psnr_db": float(psnr)})
    return rows


def table(res) -> str:
    lines = [f"Measured {res['date']} on {res['machine']} (median of {res['repeats']}; by hand: "
             f"{res.get('hand_repeats', res['repeats'])}). Every run of ours starts cold: an empty output folder, "
             "so every formula is typeset again.", "",
             "| quality | video | ours (wall) | render factor | frames/s | peak MiB | by hand | ours / by hand "
             "| draw only (by hand) | up to date |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for q, r in res["series"].items():
        h = res["by_hand"].get(q, {})
        d = res["draw_only"].get(q, {})
        ratio = f"{r['wall'] / h['wall']:.2f}" if h.get("wall") else "-"
        lines.append(f"| {q} | {r['duration']:.0f} s | {r['wall']:.1f} s | {r['render_factor']:.3f} | "
                     f"{r['frames_per_second']:.0f} | {r['peak_mib']:.0f} | "
                     f"{h.get('wall', 0):.1f} s | {ratio} | {d.get('wall', 0):.1f} s | {r['up_to_date_wall']:.2f} s |")
    if res.get("one_scene"):
        lines += ["", "| one scene, cold | video | one process: wall / CPU | split (--jobs N): wall / CPU | split / one process (wall) |",
                  "|---|---|---|---|---|"]
        for q, o in res["one_scene"].items():
            video = res["series"].get(q, {}).get("scenes", {}).get(o["scene"], {}).get("duration", 0)
            lines.append(f"| {o['scene']} at {q}, N = {o['jobs']} | {video:.0f} s | {o['whole_wall']:.1f} s / "
                         f"{o['whole_cpu']:.1f} s | {o['split_wall']:.1f} s / {o['split_cpu']:.1f} s | {o['ratio']:.2f} |")
    if res.get("part_overhead"):
        lines += ["", f"A worker's start: {res['worker_start_cpu']:.2f} CPU-s. A part after a scene's first costs, "
                  "in the plan (beyond the whole, per extra part, less a worker's start):"]
        for q, v in res["part_overhead"].items():
            c = res.get("part_cost", {}).get(q)
            how = (f"{c['scene']} whole {c['whole_cpu']:.1f} CPU-s, in parts one after another "
                   + " + ".join(f"{x:.1f}" for x in c["parts_cpu"])
                   + (f"; median of {', '.join(f'{o:.2f}' for o in c['overheads'])}" if len(c.get("overheads", ())) > 1 else "")
                   if c else "from the one-scene split")
            lines.append(f"- at {q}: {v:.2f} s ({how})")
    for q, rows in res.get("plan", {}).items():
        lines += ["", f"| plan at {q}: workers | " + " | ".join(str(r["workers"]) for r in rows) + " |",
                  "|---|" + "---|" * len(rows),
                  "| makespan | " + " | ".join(f"{r['makespan']:.1f} s" for r in rows) + " |",
                  "| work / workers | " + " | ".join(f"{r['fair']:.1f} s" for r in rows) + " |",
                  "| ratio | " + " | ".join(f"{r['ratio']:.2f}" for r in rows) + " |",
                  "| parts | " + " | ".join(str(r["parts"]) for r in rows) + " |"]
    if res.get("encoders"):
        lines += ["", "| x264 preset (crf 23, 1080p60, one scene) | wall | size | PSNR vs lossless |", "|---|---|---|---|"]
        lines += [f"| {e['preset']} | {e['wall']:.1f} s | {e['mib']:.2f} MiB | {e['psnr_db']:.1f} dB |"
                  for e in res["encoders"]]
    if res.get("growth"):
        lines += ["", "| growth (low) | video | wall |", "|---|---|---|"]
        lines += [f"| {g['scene']} {g['option']} | {g['duration']:.1f} s | {g['wall']:.1f} s |" for g in res["growth"]]
    for engine, key in VOICE_ROWS.items():
        if not res.get(key):
            continue
        lines += ["", f"| narration (--voice {engine}) | video: silent / narrated | wall: silent / narrated | added "
                  "| per second of video | up to date: silent / narrated |", "|---|---|---|---|---|---|"]
        lines += [f"| {q} | {n.get('silent_video', 0):.0f} s / {n.get('narrated_video', 0):.0f} s | "
                  f"{n['silent_wall']:.1f} s / {n['narrated_wall']:.1f} s | {100 * n['added']:+.1f} % | "
                  f"{100 * n.get('factor_added', float('nan')):+.1f} % | "
                  + (f"{n['silent_up_to_date']:.2f} s / {n['narrated_up_to_date']:.2f} s |"
                     if "narrated_up_to_date" in n else "not measured |")
                  for q, n in res[key].items()]
    lines += ["", "nncore traces (ms): " + ", ".join(f"{k} {v:.1f}" for k, v in res["traces_ms"].items())]
    if res.get("carried"):
        lines += ["", "Not measured in this run (skipped), kept from an earlier one: "
                  + ", ".join(f"{k} ({d})" for k, d in sorted(res["carried"].items()))]
    return "\n".join(lines + [""] + targets(res))


def targets(res) -> list[str]:
    """Issue 8's targets, each with the measured value and whether it is met."""
    checks = []
    series, hand = res["series"], res["by_hand"]
    for q, limit in (("high", 0.5), ("low", 0.08)):
        if q in series:
            checks.append((f"render factor at {q} <= {limit}", series[q]["render_factor"], limit))
    for q, r in series.items():
        if hand.get(q, {}).get("wall"):
            checks.append((f"ours / by hand at {q} <= 0.6", r["wall"] / hand[q]["wall"], 0.6))
        checks.append((f"up to date at {q} <= 3 s", r["up_to_date_wall"], 3.0))
    checks.append(("slowest nncore trace <= 50 ms", max(res["traces_ms"].values()), 50.0))
    # issue 29
    for q, limit in (("low", 0.2), ("high", 0.3)):
        if hand.get(q, {}).get("wall") and q in series:
            checks.append((f"ours / by hand at {q} <= {limit} (issue 29)", series[q]["wall"] / hand[q]["wall"], limit))
    if "high" in series:
        fps, cores = 60, int(res["machine"].split()[0])
        floor = 0.006 * fps / cores   # x264 ultrafast ~6 ms a 1080p frame, spread over the cores
        checks.append((f"render factor at high beside the encoding floor {floor:.2f}",
                       series["high"]["render_factor"], float("inf")))
    for q, o in res.get("one_scene", {}).items():
        checks.append((f"one scene at {q} split over {o['jobs']} cores / one process (wall) <= 0.6", o["ratio"], 0.6))
        checks.append((f"one scene at {q} split / one process (CPU; > 1 is the parts' overhead)",
                       o["split_cpu"] / o["whole_cpu"], float("inf")))
        # the split's CPU spread evenly over the cores: no split on this machine can beat it
        checks.append((f"one scene at {q}: the least split / one process {o['jobs']} cores allow "
                       f"(split CPU / {o['jobs']} / one process wall)",
                       o["split_cpu"] / o["jobs"] / o["whole_wall"], float("inf")))
    for q, rows in res.get("plan", {}).items():
        at32 = next(r for r in rows if r["workers"] == 32)
        checks.append((f"plan at {q} on 32 workers / (work / 32) <= 1.5", at32["ratio"], 1.5))
    for q, r in series.items():
        checks.append((f"up to date at {q} < 0.5 s (wall)", r["up_to_date_wall"], 0.5))
    for engine, key in VOICE_ROWS.items():
        for q, n in res.get(key, {}).items():
            checks.append((f"{engine} narration adds at {q} <= 10 % (wall)", 100 * n["added"], 10.0))
            if "factor_added" in n:
                checks.append((f"{engine} narration adds at {q} <= 10 % (per second of video)",
                               100 * n["factor_added"], 10.0))
            if "narrated_up_to_date" in n:
                checks.append((f"{engine} narrated up to date at {q} <= silent + 0.5 s", n["narrated_up_to_date"],
                               n["silent_up_to_date"] + 0.5))
    verdict = lambda value, limit: ("(reported)" if limit == float("inf")  # noqa: E731 - no target, a figure
                                    else "met" if value <= limit else "NOT met")
    return [f"- {name}: {value:.3g} {verdict(value, limit)}" for name, value, limit in checks]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--hand-repeats", type=int, default=None,
                    help="repeats of the by-hand baseline (default: --repeats; at 1080p60 one takes ~17 min)")
    ap.add_argument("--qualities", default="low,high")
    ap.add_argument("--scenes", default="", help="comma-separated scene ids (default: the whole series)")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: hand,draw,one,growth,encoders,voice")
    ap.add_argument("--only-voice", nargs="?", const="piper,espeak", default=None, metavar="ENGINES",
                    help="only the narration rows (default engines: piper,espeak), merged into bench/results.json "
                         "(the rest stays as measured)")
    ap.add_argument("--silent-from-series", action="store_true",
                    help="with --only-voice: the silent figures are bench/results.json's series rows (the same "
                         "command, cold, from the last full run) instead of a silent render of their own")
    ap.add_argument("--only-plan", action="store_true",
                    help="only a part's cost and the plan, from bench/results.json's series (the rest stays as measured)")
    a = ap.parse_args()
    if a.only_voice:
        return only_voice(a)
    if a.only_plan:
        return only_plan(a.repeats)
    specs = [catalog.find(s) for s in a.scenes.split(",")] if a.scenes else list(catalog.SCENES)
    skip = set(a.skip.split(",")) - {""}
    workdir = Path(tempfile.mkdtemp(prefix="nnbench-"))
    res = {"date": time.strftime("%Y-%m-%d"), "repeats": a.repeats, "hand_repeats": a.hand_repeats or a.repeats,
           "scenes": [s.id for s in specs],
           "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
           "encoder": __import__("studio.worker", fromlist=["x"]).ENCODER_OPTIONS,
           "series": {}, "by_hand": {}, "draw_only": {}}
    try:
        res["traces_ms"] = traces()
        for q in a.qualities.split(","):
            print(f"[bench] ours {q} ...", flush=True)
            r = ours(specs, q, a.repeats, workdir)
            res["series"][q] = r
            if "hand" not in skip:
                print(f"[bench] by hand {q} ...", flush=True)
                res["by_hand"][q] = by_hand(specs, q, a.hand_repeats or a.repeats, workdir)
            if "draw" not in skip:
                print(f"[bench] draw only {q} ...", flush=True)
                res["draw_only"][q] = by_hand(specs, q, 1, workdir, fmt="none")
            if "one" not in skip:
                longest = max(r["scenes"], key=lambda sid: r["scenes"][sid]["duration"])
                print(f"[bench] one scene ({longest}) {q}, one process and split ...", flush=True)
                res.setdefault("one_scene", {})[q] = one_scene(longest, q, a.repeats, workdir)
            shutil.rmtree(workdir, ignore_errors=True)
            workdir.mkdir()
        if "voice" not in skip:
            for engine, key in VOICE_ROWS.items():
                res[key] = {}
                for q in a.qualities.split(","):
                    print(f"[bench] narration {engine} {q} ...", flush=True)
                    res[key][q] = narrated(specs, q, a.repeats, workdir, engine)
        if "growth" not in skip:
            print("[bench] growth ...", flush=True)
            res["growth"] = growth(workdir, a.repeats)
        if "encoders" not in skip:
            print("[bench] encoders ...", flush=True)
            res["encoders"] = encoders(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for q in res["series"].values():
        q.pop("out", None)
    carry_skipped(res, skip, ROOT / "bench" / "results.json")
    ones = res.get("one_scene", {})
    res["worker_start_cpu"] = worker_start(next(iter(ones.values()))["scene"] if ones else specs[0].id)
    plan_rows(res, skip, a.repeats)
    (ROOT / "bench" / "results.json").write_text(json.dumps(res, indent=1, default=str) + "\n")
    print(table(res))


def plan_rows(res: dict, skip: set, repeats: int) -> None:
    """The plan's curve per quality. A part's overhead: measured with the parts one after another
    (part_cost) unless `one` is skipped, else from the (carried) one-scene split."""
    workdir = Path(tempfile.mkdtemp(prefix="nnbench-"))
    try:
        for q, r in res["series"].items():
            one = res.get("one_scene", {}).get(q)
            if "one" not in skip and one:
                print(f"[bench] a part's cost ({one['scene']}) {q} ...", flush=True)
                res.setdefault("part_cost", {})[q] = part_cost(one["scene"], q, workdir, res["worker_start_cpu"],
                                                               repeats=max(repeats, 3))
            cost = res.get("part_cost", {}).get(q)
            overhead = cost["overhead"] if cost else part_overhead(one, res["worker_start_cpu"])
            res.setdefault("part_overhead", {})[q] = overhead
            res.setdefault("plan", {})[q] = plan_curve(r, overhead)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# What each --skip part writes into the results (kept from the last run that measured it).
SKIPPED_KEYS = {"hand": ("by_hand",), "draw": ("draw_only",), "one": ("one_scene", "part_cost"),
                "growth": ("growth",), "encoders": ("encoders",), "voice": tuple(VOICE_ROWS.values())}


def carry_skipped(res: dict, skip: set, path: Path) -> None:
    """Rows of the parts this run skipped, as the last run measured them, each marked with that run's
    date in `carried` (a skipped part must not erase what was measured, nor pass for today's)."""
    if not skip or not path.exists():
        return
    old = json.loads(path.read_text())
    for part in sorted(skip):
        for key in SKIPPED_KEYS.get(part, ()):
            if old.get(key) and not res.get(key):
                res[key] = old[key]
                res.setdefault("carried", {})[key] = old.get("carried", {}).get(key, old.get("date"))


def only_plan(repeats: int):
    path = ROOT / "bench" / "results.json"
    res = json.loads(path.read_text())
    res["worker_start_cpu"] = worker_start(next(iter(res["one_scene"].values()))["scene"])
    res.pop("part_cost", None)
    plan_rows(res, set(), repeats)
    for cost in res["part_cost"].values():
        cost["date"] = time.strftime("%Y-%m-%d %H:%M")   # measured apart from the series it is set against
    path.write_text(json.dumps(res, indent=1, default=str) + "\n")
    print(table(res))


def only_voice(a):
    specs = [catalog.find(s) for s in a.scenes.split(",")] if a.scenes else list(catalog.SCENES)
    path = ROOT / "bench" / "results.json"
    res = json.loads(path.read_text())
    workdir = Path(tempfile.mkdtemp(prefix="nnbench-"))
    try:
        for engine in a.only_voice.split(","):
            key = VOICE_ROWS[engine]
            res.setdefault(key, {})
            for q in a.qualities.split(","):
                print(f"[bench] narration {engine} {q} ...", flush=True)
                silent = res["series"].get(q) if a.silent_from_series else None
                res[key][q] = narrated(specs, q, a.repeats, workdir, engine, silent)
                res[key][q]["silent_from"] = "series" if silent else "this run"
                res[key][q]["date"] = time.strftime("%Y-%m-%d")
                path.write_text(json.dumps(res, indent=1, default=str) + "\n")   # each row kept as it lands
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(table(res))


if __name__ == "__main__":
    main()
