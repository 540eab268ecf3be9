"""render.py as a user meets it: parsing, one-line errors, real small renders, interrupts, outputs."""
import json
import os
import subprocess
import sys
from pathlib import Path

import av
import pytest
from click.testing import CliRunner

from studio.captions import read_srt
from studio.cli import cli
from studio.jobs import RenderResult
from studio.manifest import Entry

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args, env=None, timeout=600):
    """The real entry point in a subprocess (exit codes and stderr exactly as a user sees them)."""
    return subprocess.run([sys.executable, "render.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=timeout)


# -- bad input: one line, exit 2, no traceback ------------------------------------------------
@pytest.mark.parametrize("args, message", [
    (["render", "neuron-firng"], "did you mean 'neuron-firing'"),
    (["render", "parameter-count", "--layers", "2,0,1"], "--layers"),
    (["render", "gradient-descent", "--lr", "-1"], "outside 0.001 to 10"),
    (["render", "gradient-descent", "--lr", "abc"], "'abc' is not a number"),
    (["render", "neuron-firing", "--inputs", "1,2,3"], "two inputs"),
    (["render", "--jobs", "0"], "--jobs"),
    (["render", "neuron-firing", "--transparent"], "--format mov or webm"),
    (["render", "bias", "--layers", "2,3"], "--layers does not apply to bias"),
    (["trace", "nope"], "'nope' is not one of"),
    (["trace", "training", "--layers", "3,4,1"], "start with 2"),
    # found by trying as a hostile user (issue 17): each refused before any work, with the range
    (["render", "parameter-count", "--layers", "2,,1"], "empty item"),
    (["render", "parameter-count", "--layers", ",".join(["3"] * 50)], "give 2 to 6"),
    (["render", "parameter-count", "--layers", "2,100000,1"], "outside 1 to 1000"),
    (["render", "training", "--epochs", "1000000000"], "1<=x<=10000"),
    (["render", "weight-update", "--epochs", "1000000000"], "1<=x<=10000"),
    (["trace", "training", "--epochs", "1000000000"], "1<=x<=10000"),
    (["render", "--jobs", "99999999999999999999"], "1<=x<=64"),
    (["render", "bias", "--out", ""], "--out"),
    (["render", "computation-graph", "--x", "1e308", "--w-o", "1e308"], "outside -10 to 10"),
    (["render", "gradient-descent", "--lr", "1e308"], "outside 0.001 to 10"),
    (["render", "learning-rates", "--lr", "1e-320"], "outside 0.001 to 10"),
    (["render", "neuron-firing", "--inputs", "1e308,1e308", "--threshold", "-1e308"], "outside -1000 to 1000"),
    (["render", "bias", "--w", "1e-320"], "at least 0.1"),
    (["render", "perceptron", "--inputs", ",".join(["1"] * 100), "--weights", ",".join(["1"] * 100)], "give 1 to 5"),
    (["trace", "backprop", "--x", "1e308", "--y", "-1e308", "--w-o", "1e308"], "--x"),
    (["render", "bias", "--scheduler", "not a url"], "not a scheduler address"),
    (["render", "bias", "--seed", "1"], "--seed does not apply to bias"),
])
def test_bad_input_is_one_line_and_exit_2(args, message, tmp_path):
    r = usage_error(*args, "--out", str(tmp_path / "out")) if args[0] == "render" and "--out" not in args \
        else usage_error(*args)
    assert message in r.stderr, r.stderr
    assert not (tmp_path / "out").exists()  # refused before anything was made


def usage_error(*args, env=None):
    """render.py in this process (milliseconds, not a process start): exit 2, one line, no traceback."""
    r = CliRunner().invoke(cli, list(args), env=env)
    assert r.exit_code == 2, (r.output, r.exception)
    assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("Error: "), r.stderr
    assert "Traceback" not in r.output and isinstance(r.exception, SystemExit)
    return r


def test_the_entry_point_gives_the_same_one_line(tmp_path):
    """One real process for the path a user takes (render.py, its signal set-up, exit code)."""
    r = run_cli("render", "gradient-descent", "--lr", "abc", "--out", str(tmp_path / "out"))
    assert r.returncode == 2 and r.stderr.strip() == "Error: Invalid value for '--lr': 'abc' is not a number"


def test_non_utf8_out_is_refused_in_one_line(tmp_path):
    r = usage_error("render", "bias", "-q", "low", "--out", os.fsdecode(os.fsencode(str(tmp_path)) + b"/caf\xe9"))
    assert "UTF-8" in r.stderr and not list(tmp_path.iterdir())


def test_version_and_ranges_are_shown():
    assert CliRunner().invoke(cli, ["--version"]).output.startswith("render.py, version ")
    help_text = CliRunner().invoke(cli, ["render", "--help"], terminal_width=200).output
    assert "[1 to 10000]" in help_text and "1 to 64" in help_text
    rows = json.loads(CliRunner().invoke(cli, ["list", "--json"]).output)
    training = next(r for r in rows if r["scene"] == "training")
    assert training["ranges"]["--epochs"] == "1 to 10000"


def test_cli_runner_reports_the_same_errors():
    r = CliRunner().invoke(cli, ["render", "gradient-descent", "--lr", "abc"])
    assert r.exit_code == 2 and "'abc' is not a number" in r.output


def test_unwritable_out_is_a_clear_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    r = usage_error("render", "bias", "-q", "low", "--out", str(blocked / "sub"))
    assert "cannot write to --out" in r.stderr and f"{blocked} is not a folder" in r.stderr


def test_missing_latex_is_named_with_its_fix(tmp_path):
    # A PATH without latex (the check looks it up on PATH).
    r = usage_error("render", "bias", "-q", "low", "--out", str(tmp_path / "out"), env={"PATH": str(tmp_path)})
    assert "latex" in r.stderr and "apt-get install" in r.stderr


# -- issue 25: every value checked before any work, nothing made until all passed -----------------
def test_an_unusable_cache_is_named_once_up_front(tmp_path):
    cache = tmp_path / "cache-file"
    cache.write_text("not a folder")
    r = usage_error("render", "bias", "-q", "low", "--out", str(tmp_path / "out"),
                    env={"NN_EXPLAINER_CACHE": str(cache / "sub")})
    assert f"cannot use NN_EXPLAINER_CACHE={cache / 'sub'}: {cache} is not a folder" in r.stderr
    assert not (tmp_path / "out").exists()


def test_a_usage_error_after_the_out_check_leaves_no_out_folder(tmp_path):
    out = tmp_path / "new" / "out"
    r = usage_error("render", "bias", "-q", "low", "--out", str(out), "--voice", "nosuchengine")
    assert "voice" in r.stderr and not (tmp_path / "new").exists()


def test_a_long_value_is_cut_in_the_one_line_error(tmp_path):
    r = usage_error("render", "x" * 100_000, "--out", str(tmp_path / "out"))
    assert "unknown scene or chapter 'xxxx" in r.stderr and "[100000 characters]" in r.stderr
    assert len(r.stderr) < 400
    r = usage_error("render", "gradient-descent", "--lr", "9" * 100_000)
    assert len(r.stderr) < 400 and "--lr" in r.stderr


def test_a_manifest_that_is_a_folder_is_named(tmp_path):
    (tmp_path / "manifest.json").mkdir()
    r = usage_error("render", "bias", "-q", "low", "--out", str(tmp_path))
    assert f"{tmp_path / 'manifest.json'} is not a file" in r.stderr
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "manifest.json").rmdir()
    os.symlink(tmp_path / "fifo", tmp_path / "manifest.json")  # reading it would block: refused unread
    r = usage_error("render", "bias", "-q", "low", "--out", str(tmp_path))
    assert f"{tmp_path / 'manifest.json'} is not a file" in r.stderr


def test_a_work_folder_that_is_a_file_is_named(tmp_path):
    (tmp_path / ".work").write_text("mine")
    r = usage_error("render", "bias", "-q", "low", "--out", str(tmp_path))
    assert f"{tmp_path / '.work'} is not a folder" in r.stderr


@pytest.mark.parametrize("port", ["0", "65536", "99999"])
def test_a_scheduler_port_out_of_range_is_a_usage_error(port):
    r = usage_error("render", "bias", "--scheduler", f"tcp://127.0.0.1:{port}")
    assert f"port {port}" in r.stderr and "outside 1 to 65535" in r.stderr


# -- listing and traces -------------------------------------------------------------------------
def test_list_json_names_every_scene_with_parameters():
    r = CliRunner().invoke(cli, ["list", "--json"])
    rows = json.loads(r.output)
    ids = [row["scene"] for row in rows]
    assert "neuron-firing" in ids and "weight-update" in ids and len(ids) == len(set(ids))
    firing = next(row for row in rows if row["scene"] == "neuron-firing")
    assert firing["parameters"]["--threshold"] == 40.0 and firing["chapter"] == 1


def test_trace_json_equals_nncore_and_takes_options():
    from nncore import get_trace
    r = CliRunner().invoke(cli, ["trace", "backprop", "--json", "--x", "0.5"])
    assert r.exit_code == 0
    assert json.loads(r.output) == get_trace("backprop", x=0.5)
    r = CliRunner().invoke(cli, ["trace", "parameter-count", "--json", "--layers", "3,5,1"])
    assert json.loads(r.output)["total"] == 26


# -- real renders -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("media")
    r = run_cli("render", "neuron-firing", "bias", "-q", "low", "--out", str(out), "-j", "2")
    assert r.returncode == 0, r.stderr
    return out


@pytest.mark.slow
def test_render_writes_the_stable_layout_with_real_video(rendered):
    q = rendered / "low"
    for name in ("neuron-firing", "bias"):
        for ext in ("mp4", "srt", "vtt", "png"):
            assert (q / f"{name}.{ext}").stat().st_size > 0
        with av.open(str(q / f"{name}.mp4")) as c:
            s = c.streams.video[0]
            assert (s.codec_context.width, s.codec_context.height) == (854, 480)
            assert float(s.average_rate) == 15 and c.duration > 5e6
        clips = sorted((q / name).glob("*.mp4"))
        assert len(clips) >= 3 and clips[0].name.startswith("00-title")
    cues = read_srt(q / "neuron-firing.srt")
    assert any("does not fire" in c.text for c in cues) and all(c.end > c.start for c in cues)
    assert (q / "neuron-firing.vtt").read_text().startswith("WEBVTT")


def moov_before_mdat(path: Path) -> bool:
    """An mp4's top-level boxes: the index (moov) ahead of the media data lets a page stream it."""
    data, order, i = path.read_bytes(), [], 0
    while i + 8 <= len(data):
        size, kind = int.from_bytes(data[i:i + 4], "big"), data[i + 4:i + 8].decode("latin-1")
        order.append(kind)
        if size < 8:
            break
        i += size
    return "moov" in order and "mdat" in order and order.index("moov") < order.index("mdat")


@pytest.mark.slow
def test_outputs_are_web_optimised_and_nothing_else_is_left(rendered):
    q = rendered / "low"
    assert moov_before_mdat(q / "bias.mp4") and moov_before_mdat(sorted((q / "bias").glob("*.mp4"))[0])
    assert not (rendered / ".work").exists()  # staging is gone once the run is over


@pytest.mark.slow
def test_gif_is_small_and_leaves_no_empty_clip_folder(tmp_path):
    r = run_cli("render", "bias", "-q", "low", "--format", "gif", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    gif = tmp_path / "low" / "bias.gif"
    entry = json.loads((tmp_path / "manifest.json").read_text())["entries"]["low/en/bias.gif"]
    # Manim's own GIF of this scene (fixed colour cube, dithered) is 46.7 MB; a palette made
    # for the clip without dithering is ~2 MB. The bound leaves room, not a factor of ten.
    assert gif.stat().st_size < 6 * 2**20, gif.stat().st_size
    with av.open(str(gif)) as c:
        frames = sum(1 for _ in c.decode(video=0))
    assert abs(frames / 15 - entry["duration"]) < 0.2 and entry["duration"] > 15
    assert not (tmp_path / "low" / "bias").exists()


def test_rendering_everything_says_what_it_is_about_to_do(tmp_path, monkeypatch):
    from studio import worker

    seen = []
    monkeypatch.setattr(worker, "render", lambda job: seen.append(job.scene) or RenderResult(job.scene, ok=False))
    r = CliRunner().invoke(cli, ["render", "-q", "low", "-j", "1", "--out", str(tmp_path)])
    from scenes import catalog
    first = r.output.splitlines()[0]
    assert first.startswith(f"rendering {len(catalog.SCENES)} scenes at low (480p15)") and "about" in first
    assert sorted(seen) == sorted(s.id for s in catalog.SCENES) and r.exit_code == 1
    seen.clear()
    r = CliRunner().invoke(cli, ["render", "bias", "perceptron", "-q", "low", "-j", "1", "--out", str(tmp_path)])
    assert r.output.splitlines()[0].startswith("rendering 2 scenes at low (480p15) with 1 worker: about")


@pytest.mark.slow
def test_manifest_describes_every_file(rendered):
    data = json.loads((rendered / "manifest.json").read_text())
    entry = data["entries"]["low/en/neuron-firing.mp4"]
    assert entry["chapter"] == 1 and entry["quality"] == "low" and entry["width"] == 854
    kinds = {f["kind"] for f in entry["files"]}
    assert kinds == {"video", "captions", "poster", "section"}
    import hashlib
    for f in entry["files"]:
        assert hashlib.sha256((rendered / f["path"]).read_bytes()).hexdigest() == f["sha256"]
    sections = [f for f in entry["files"] if f["kind"] == "section"]
    assert abs(sum(f["duration"] for f in sections) - entry["duration"]) < 0.2


@pytest.mark.slow
def test_second_run_is_up_to_date_and_force_redoes(rendered):
    video = rendered / "low" / "bias.mp4"
    before = video.stat().st_mtime_ns
    r = run_cli("render", "bias", "-q", "low", "--out", str(rendered))
    assert r.returncode == 0 and "bias: up to date" in r.stdout
    assert video.stat().st_mtime_ns == before
    r = run_cli("render", "bias", "-q", "low", "--out", str(rendered), "--w", "2")
    assert r.returncode == 0 and "up to date" not in r.stdout  # other parameters: rendered again
    assert video.stat().st_mtime_ns != before


@pytest.mark.slow
def test_explainer_joins_scenes_end_to_end(rendered):
    r = run_cli("explainer", "neuron-firing", "bias", "-q", "low", "--out", str(rendered))
    assert r.returncode == 0, r.stderr
    q = rendered / "low"
    data = json.loads((rendered / "manifest.json").read_text())["entries"]
    total = data["low/en/neuron-firing.mp4"]["duration"] + data["low/en/bias.mp4"]["duration"]
    with av.open(str(q / "explainer.mp4")) as c:
        assert abs(c.duration / 1e6 - total) <= 1 / 15 + 1e-6
        assert len(c.chapters()) == 2
    chapters = (q / "explainer.chapters.txt").read_text().splitlines()
    assert chapters[0].startswith("0:00 1.1 ") and len(chapters) == 2
    cues = read_srt(q / "explainer.srt")
    assert cues[-1].end <= total + 0.01 and len(cues) == len(read_srt(q / "neuron-firing.srt")) + len(
        read_srt(q / "bias.srt"))
    assert moov_before_mdat(q / "explainer.mp4")
    listed = json.loads((rendered / "manifest.json").read_text())["entries"]["low/en/explainer"]["files"]
    assert {f["path"] for f in listed} == {f"low/explainer.{x}" for x in ("mp4", "srt", "vtt", "chapters.txt")}
    # a second run joins nothing (the files keep their inode and mtime); other scenes join again
    stamp = lambda: [(p.stat().st_ino, p.stat().st_mtime_ns) for p in sorted(q.glob("explainer.*"))]
    before = stamp()
    assert run_cli("explainer", "neuron-firing", "bias", "-q", "low", "--out", str(rendered)).returncode == 0
    assert stamp() == before
    assert run_cli("explainer", "bias", "-q", "low", "--out", str(rendered)).returncode == 0
    with av.open(str(q / "explainer.mp4")) as c:
        assert abs(c.duration / 1e6 - data["low/en/bias.mp4"]["duration"]) <= 1 / 15 + 1e-6


def test_a_failing_scene_does_not_stop_the_others(tmp_path, monkeypatch):
    from studio import worker

    def flaky(job):
        if job.scene == "bias":
            return RenderResult("bias", ok=False, error="ValueError: boom")
        return RenderResult(job.scene, ok=True, entry=Entry(kind="scene", quality="low", lang="en", scene=job.scene))

    monkeypatch.setattr(worker, "render", flaky)
    r = CliRunner().invoke(cli, ["render", "bias", "perceptron", "-q", "low", "-j", "1", "--out", str(tmp_path)])
    assert r.exit_code == 1
    assert "FAILED bias: ValueError: boom" in r.output and "1 of 2 scenes ready" in r.output


@pytest.mark.slow
def test_two_processes_on_one_out_do_not_corrupt_each_other(tmp_path):
    out = tmp_path / "media"
    cmd = [sys.executable, "render.py", "render", "bias", "perceptron", "-q", "low", "--out", str(out), "-j", "1"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    entries = json.loads((out / "manifest.json").read_text())["entries"]
    assert set(entries) == {"low/en/bias.mp4", "low/en/perceptron.mp4"}
    import hashlib
    for e in entries.values():
        for f in e["files"]:
            assert hashlib.sha256((out / f["path"]).read_bytes()).hexdigest() == f["sha256"]
        video = next(out / f["path"] for f in e["files"] if f["kind"] == "video")
        with av.open(str(video)) as c:
            assert sum(1 for _ in c.decode(video=0)) > 30  # decodes to the end
