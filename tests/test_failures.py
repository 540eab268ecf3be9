"""Signals, kills and leftovers (issue 17): a stop is prompt and one line, no worker outlives its
parent, a scene's outputs appear as a set, and later runs clean what dead runs left."""
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studio import atomic, manifest, runner
from studio.captions import read_srt

ROOT = Path(__file__).resolve().parents[1]
TOOLS = Path(__file__).parent / "tools"


def start(args, out, cache, script="render.py", **env):
    env = {**os.environ, "NN_EXPLAINER_CACHE": str(cache), **env}
    return subprocess.Popen([sys.executable, script, *args, "--out", str(out)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_until(condition, timeout=300.0, what=""):
    """Poll (no fixed sleep decides anything): fail only if `condition` never holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def partial_movies(cache: Path) -> list:
    return list(cache.glob("worker-*/videos/**/*.mp4"))


def descendants(pid: int) -> list[int]:
    """Every process whose parent chain leads to pid (read from /proc; survives reparenting only
    while the parent lives, so callers collect it before the kill)."""
    kids = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            kids.setdefault(ppid, []).append(int(d.name))
    found, todo = [], [pid]
    while todo:
        for c in kids.get(todo.pop(), []):
            found.append(c)
            todo.append(c)
    return found


def running(pids) -> list[int]:
    alive = []
    for p in pids:
        try:
            state = (Path("/proc") / str(p) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(p)
    return alive


def assert_consistent(out: Path):
    """Every manifest entry's files are whole, and nothing but listed outputs is in the folder."""
    data = manifest.read(out)
    listed = set()
    for entry in data.entries.values():
        assert manifest.files_intact(out, entry), entry.scene
        listed |= {f.path for f in entry.files}
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()} - {"manifest.json", ".manifest.lock"}
    assert on_disk == listed, on_disk ^ listed


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_under_load_is_prompt_clean_and_one_line(tmp_path, sig):
    """Both cores busy with other work; the render has written its first partial movie; then the signal."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        out, cache = tmp_path / "media", tmp_path / "cache"
        p = start(["render", "gradient-descent", "learning-rates", "-q", "low", "-j", "2"], out, cache)
        wait_until(lambda: partial_movies(cache) or p.poll() is not None, what="a partial movie")
        workers = descendants(p.pid)
        assert workers, "the render runs in worker processes"
        t0 = time.monotonic()
        p.send_signal(sig)
        _, err = p.communicate(timeout=60)
        took = time.monotonic() - t0
    finally:
        for h in hogs:
            h.kill()
    assert p.returncode == 128 + sig, err
    assert took < 10, f"took {took:.1f} s to stop"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "stopped" in lines[0] and "Traceback" not in err and "leaked" not in err, err
    wait_until(lambda: not running(workers), timeout=10, what="the workers to end")
    assert not (out / ".work").exists()  # staging folders removed
    assert_consistent(out)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(tmp_path, sig):
    out, cache = tmp_path / "media", tmp_path / "cache"
    p = start(["render", "gradient-descent", "learning-rates", "cost-surface", "-q", "low", "-j", "2", "--force"],
              out, cache)
    wait_until(lambda: partial_movies(cache) or p.poll() is not None, what="a partial movie")
    family = descendants(p.pid)
    os.kill(p.pid, sig)  # the parent only, as `kill PID` does
    p.wait(timeout=30)
    wait_until(lambda: not running(family), timeout=15, what="workers and resource tracker to end")
    # Whatever was published before is whole; a later run tidies the rest and finishes the job.
    data = manifest.read(out)
    for entry in data.entries.values():
        assert manifest.files_intact(out, entry)
    r = subprocess.run([sys.executable, "render.py", "render", "gradient-descent", "-q", "low", "--out", str(out)],
                       cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NN_EXPLAINER_CACHE": str(cache)})
    assert r.returncode == 0, r.stderr
    assert not (out / ".work").exists() and not list(cache.glob("worker-*"))
    assert_consistent(out)


@pytest.mark.slow
def test_a_kill_between_two_renames_never_leaves_a_mixed_set(tmp_path):
    """Re-render learning-rates with another --lr and SIGKILL the moment the final mp4 is replaced:
    the next run finishes that publish, so mp4, captions, clips and manifest all say --lr 0.9."""
    out, cache = tmp_path / "media", tmp_path / "cache"
    first = start(["render", "learning-rates", "-q", "low", "-j", "1"], out, cache)
    assert first.wait(timeout=600) == 0, first.stderr.read()
    mp4 = out / "low" / "learning-rates.mp4"
    old = {p: p.read_bytes() for p in (out / "low").rglob("*") if p.is_file()}
    inode = mp4.stat().st_ino

    p = start(["render", "learning-rates", "-q", "low", "-j", "1", "--lr", "0.9"], out, cache,
              script=str(TOOLS / "render_pausing_in_publish.py"), PAUSE_AFTER="learning-rates.mp4")
    wait_until(lambda: mp4.stat().st_ino != inode or p.poll() is not None, what="the mp4 to be replaced")
    assert p.poll() is None, p.stderr.read()
    os.killpg(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    # The window: one file new, the rest old. The manifest does not vouch for the mixed set.
    changed = [q for q, b in old.items() if not q.exists() or q.read_bytes() != b]
    assert changed and len(changed) < len(old)
    entry = manifest.read(out).entries["low/en/learning-rates.mp4"]
    assert not manifest.files_intact(out, entry)

    r = subprocess.run([sys.executable, "render.py", "render", "learning-rates", "-q", "low", "--lr", "0.9",
                        "--out", str(out)], cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, "NN_EXPLAINER_CACHE": str(cache)})
    assert r.returncode == 0 and "learning-rates: up to date" in r.stdout, r.stdout + r.stderr
    assert_consistent(out)
    entry = manifest.read(out).entries["low/en/learning-rates.mp4"]
    assert entry.params == {"lr": 0.9}
    # --lr 0.9 starts with a rate ten times smaller, 0.09; the default 0.5 started with 0.05
    said = re.compile(r"eta = 0\.09\b")
    assert any(said.search(c.text.replace("\n", " ")) for c in read_srt(out / "low" / "learning-rates.srt"))
    assert not any(said.search(c.text.replace("\n", " ")) for c in read_srt_text(old[out / "low" / "learning-rates.srt"]))


def read_srt_text(raw: bytes):
    import tempfile
    with tempfile.NamedTemporaryFile("wb", suffix=".srt") as f:
        f.write(raw)
        f.flush()
        return read_srt(Path(f.name))


def catches(pid: int, sig: int) -> bool:
    """Whether the process has a handler for `sig` (its SigCgt mask in /proc)."""
    try:
        for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
            if line.startswith("SigCgt:"):
                return bool(int(line.split()[1], 16) >> (sig - 1) & 1)
    except OSError:
        pass
    return False


def test_a_stop_python_wraps_during_an_import_is_still_a_stop():
    """A signal handled while a class body's `__set_name__` runs (a dataclass field, as the CLI's
    imports define them) reaches render.py wrapped in Python's RuntimeError (3.11; 3.12 no longer
    wraps): it is still the stop, and any other error is not one."""
    from studio import stopping

    class Landing:
        def __set_name__(self, owner, name):
            raise stopping.Stopped(signal.SIGINT)

    with pytest.raises(BaseException) as caught:
        type("Result", (), {"payload": Landing()})
    stop = stopping.within(caught.value)
    assert isinstance(stop, stopping.Stopped) and stop.exit_code == 130
    assert stopping.within(RuntimeError("no stop")) is None
    assert stopping.within(ValueError("inner")) is None


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.1, 0.2, 0.4])
def test_ctrl_c_during_start_up_is_one_line(tmp_path, delay):
    """Any moment of start-up once render.py runs (imports, checks): one line at most, never a
    traceback. (Before its first line, Python itself is still starting; a signal there is Python's.)"""
    p = start(["render", "bias", "-q", "low"], tmp_path / "media", tmp_path / "cache")
    # render.py's first act is to catch SIGTERM (nothing else does): from then on it is our code.
    wait_until(lambda: catches(p.pid, signal.SIGTERM) or p.poll() is not None, timeout=60, what="render.py")
    time.sleep(delay)  # where in start-up the signal lands; every landing must pass
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 1, err
    assert p.returncode in (130, -signal.SIGINT), err


# -- leftovers and files, without rendering -----------------------------------------------------------
def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def listed_by(pid: int, cache: Path, paths) -> None:
    """What atomic.temporary notes before making a file: the path in that process's ledger."""
    (cache / "temporary").mkdir(parents=True, exist_ok=True)
    with open(cache / "temporary" / f"{pid}.list", "a") as f:
        f.writelines(f"{p}\n" for p in paths)


def test_tidy_removes_only_what_dead_processes_left(tmp_path, monkeypatch):
    out, cache = tmp_path / "media", tmp_path / "cache"
    monkeypatch.setenv("NN_EXPLAINER_CACHE", str(cache))
    q = out / "low"
    q.mkdir(parents=True)
    dead, live = dead_pid(), os.getpid()
    leftovers = [q / f".explainer.mp4.{dead}.tmp", out / f".manifest.json.{dead}.tmp"]
    kept = [q / f".explainer.mp4.{live}.tmp", q / "explainer.mp4"]
    for f in leftovers + kept:
        f.write_bytes(b"x")
    listed_by(dead, cache, leftovers)
    listed_by(live, cache, kept[:1])
    (out / ".work" / f"stage-bias-{dead}-abcd1234").mkdir(parents=True)
    (out / ".work" / f"stage-bias-{live}-abcd1234").mkdir(parents=True)
    runner.tidy(out)
    assert not any(f.exists() for f in leftovers) and all(f.exists() for f in kept)
    assert [d.name for d in (out / ".work").iterdir()] == [f"stage-bias-{live}-abcd1234"]
    assert not (cache / "temporary" / f"{dead}.list").exists()


def test_a_users_file_that_looks_temporary_is_never_removed(tmp_path, monkeypatch):
    """Issue 25: `sub/dir/.x.4242420.tmp` (a dead pid's name pattern, but not ours) stays; so does
    a file a dead process's ledger names but whose pid is not in its name."""
    out, cache = tmp_path / "media", tmp_path / "cache"
    monkeypatch.setenv("NN_EXPLAINER_CACHE", str(cache))
    dead = dead_pid()
    users = [out / "sub" / "dir" / f".x.{dead}.tmp", out / f".notes.{dead}.tmp", out / "low" / f".a.{dead}.tmp"]
    for f in users:
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(b"mine")
    mislisted = out / "sub" / "keep.txt"
    mislisted.write_bytes(b"mine")
    listed_by(dead, cache, [mislisted])
    runner.tidy(out)
    assert all(f.read_bytes() == b"mine" for f in users + [mislisted])


def test_a_temporary_file_is_listed_before_it_exists(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_EXPLAINER_CACHE", str(tmp_path / "cache"))
    target = tmp_path / "out" / "page.html"
    target.parent.mkdir()
    with atomic.temporary(target) as tmp:
        ledger = (tmp_path / "cache" / "temporary" / f"{os.getpid()}.list").read_text()
        assert str(tmp) in ledger.splitlines() and not tmp.exists()
        tmp.write_text("x")
    atomic.sweep(own=True)  # the run is over: its ledger goes, the finished file stays
    assert target.read_text() == "x" and not (tmp_path / "cache" / "temporary" / f"{os.getpid()}.list").exists()


def test_a_write_that_fails_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "manifest.json"
    target.write_text("old")

    class DiskFull(OSError):
        pass

    with pytest.raises(DiskFull):
        with atomic.temporary(target) as tmp:
            tmp.write_text("half")
            raise DiskFull(28, "No space left on device")
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["manifest.json"]


def test_manifest_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        with manifest.locked(tmp_path) as data:
            data.entries["x"] = manifest.Entry(kind="lecture", quality="low", lang="en")
    finally:
        os.umask(old)
    assert (tmp_path / "manifest.json").stat().st_mode & 0o777 == 0o644


def test_a_same_size_corruption_with_its_mtime_restored_is_noticed(tmp_path):
    f = tmp_path / "low" / "a.mp4"
    f.parent.mkdir()
    f.write_bytes(b"abcdef")
    entry = manifest.Entry(kind="scene", quality="low", lang="en", files=[manifest.file_record(tmp_path, f, "video")])
    assert manifest.files_intact(tmp_path, entry)
    st = f.stat()
    f.write_bytes(b"abcdeX")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert not manifest.files_intact(tmp_path, entry)


def test_a_publish_journal_is_finished_by_recover(tmp_path):
    """The journal alone (as a SIGKILL leaves it) is enough to complete a publish; a journal whose
    files are neither staged nor in place is dropped with its entry."""
    out = tmp_path
    stage, q = out / ".work" / "stage-x-1-aa", out / "low"
    stage.mkdir(parents=True)
    q.mkdir()
    new = {"x.mp4": b"new video", "x.srt": b"new captions"}
    for name, data in new.items():
        (stage / name).write_bytes(data)
    (q / "x.srt").write_bytes(b"old captions")
    moves = [(stage / n, q / n) for n in new]
    files = [manifest.FileRecord(f"low/{n}", "video", len(d), 0, hashlib.sha256(d).hexdigest()) for n, d in new.items()]
    entry = manifest.Entry(kind="scene", quality="low", lang="en", scene="x", files=files)
    journal = out / ".work" / "journal" / "j.json"
    journal.parent.mkdir()
    # As if killed after the first rename: x.mp4 in place, x.srt still staged.
    os.replace(stage / "x.mp4", q / "x.mp4")
    journal.write_text(json.dumps({"key": "low/en/x.mp4", "entry": entry.to_json(),
                                   "moves": [[str(a), str(b)] for a, b in moves], "stale": []}))
    assert manifest.recover(out) == 1
    assert (q / "x.srt").read_bytes() == b"new captions" and not journal.exists()
    assert manifest.files_intact(out, manifest.read(out).entries["low/en/x.mp4"])


# -- a damaged manifest never blocks the folder (issue 25) ----------------------------------------
def fake_render(job):
    from studio.jobs import RenderResult
    return RenderResult(job.scene, ok=True, entry=manifest.Entry(kind="scene", quality="low", lang="en", scene=job.scene))


@pytest.mark.parametrize("garbage, problem", [
    (bytes(range(256)) * 4, "not text"),
    (b"hello, this is text", "not JSON"),
    (b'["a", "list"]', "not a manifest"),
])
def test_a_damaged_manifest_is_moved_aside_in_one_line_and_the_run_goes_on(tmp_path, monkeypatch, garbage, problem):
    from click.testing import CliRunner

    from studio import worker
    from studio.cli import cli

    monkeypatch.setenv("NN_EXPLAINER_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(worker, "render", fake_render)
    out = tmp_path / "media"
    out.mkdir()
    (out / "manifest.json").write_bytes(garbage)
    for _ in range(2):  # the second run finds a whole manifest: nothing more to say
        r = CliRunner().invoke(cli, ["render", "bias", "-q", "low", "-j", "1", "--out", str(out)])
        assert r.exit_code == 0, (r.output, r.exception)
        said = [line for line in r.output.splitlines() if "was damaged" in line]
        if _ == 0:
            assert len(said) == 1 and f"was damaged ({problem}): moved to manifest.json.damaged-" in said[0], r.output
        else:
            assert not said, r.output
    aside = list(out.glob("manifest.json.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage


def test_salvage_keeps_only_entries_whose_files_re_hash(tmp_path, monkeypatch):
    monkeypatch.setenv("NN_EXPLAINER_CACHE", str(tmp_path / "cache"))
    q = tmp_path / "low"
    q.mkdir()
    for name in ("a.mp4", "b.mp4"):
        (q / name).write_bytes(name.encode())
    entries = {k: manifest.Entry(kind="scene", quality="low", lang="en", scene=k,
                                 files=[manifest.file_record(tmp_path, q / f"{k}.mp4", "video")]).to_json()
               for k in ("a", "b")}
    (q / "b.mp4").write_bytes(b"changed")         # b's file no longer what its entry lists
    entries["c"] = {"kind": "scene", "no such field": 1}  # an entry that does not parse
    (tmp_path / "manifest.json").write_text(json.dumps({"version": manifest.FORMAT, "entries": entries}))
    said = manifest.salvage(tmp_path)
    assert "1 of 3 entries unreadable" in said and "kept 1 entries" in said
    assert set(manifest.read(tmp_path).entries) == {"a"}
    assert manifest.salvage(tmp_path) is None  # now whole


# -- a failed render says why in one line, and the LaTeX log stays where it says -------------------
def test_a_latex_failure_is_one_line_and_its_log_is_kept(tmp_path, monkeypatch):
    from manim import tempconfig
    from manim.utils.tex_file_writing import tex_to_svg_file

    from studio import worker

    monkeypatch.setenv("NN_EXPLAINER_CACHE", str(tmp_path / "cache"))
    with tempconfig({"media_dir": str(tmp_path / "worker-1"), "verbosity": "CRITICAL"}):
        with pytest.raises(ValueError) as caught:
            tex_to_svg_file(r"x = \nosuchcommand{1}")
    line = worker.failure(caught.value, "forward-pass")  # in the worker, as the render fails
    shutil.rmtree(tmp_path / "worker-1")  # as the run's end removes the worker's folder
    kept = tmp_path / "cache" / "logs" / "forward-pass.latex.log"
    assert line == f"LaTeX failed (! Undefined control sequence.); its log is kept at {kept}"
    assert r"\nosuchcommand" in kept.read_text()


# -- a worker that dies costs its scene, not the run (issue 25) -------------------------------------
@pytest.mark.slow
def test_a_killed_worker_costs_its_scene_only(tmp_path):
    out, cache = tmp_path / "media", tmp_path / "cache"
    p = start(["render", "1", "-q", "low", "-j", "2"], out, cache)
    wait_until(lambda: partial_movies(cache) or p.poll() is not None, what="a partial movie")
    victim = int(partial_movies(cache)[0].relative_to(cache).parts[0].split("-")[1])
    scene = (cache / f"worker-{victim}" / "current-job").read_text()
    os.kill(victim, signal.SIGKILL)
    stdout, err = p.communicate(timeout=600)
    assert p.returncode == 1, err
    failed = [line for line in err.splitlines() if line.startswith("FAILED")]
    assert failed == [f"FAILED {scene}: worker died: signal 9 (SIGKILL)"], err
    assert "3 of 4 scenes ready" in stdout and "Traceback" not in err, stdout + err
    from scenes import catalog
    assert set(manifest.read(out).entries) == {f"low/en/{s.id}.mp4" for s in catalog.SCENES
                                                if s.chapter == 1 and s.id != scene}
    assert not (out / ".work").exists() and not list(cache.glob("worker-*"))  # staging, journal, folders gone
    assert_consistent(out)


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_quick_double_ctrl_c_leaves_no_work_folder(tmp_path, jobs):
    """Two SIGINTs a few milliseconds apart, mid-render: stopped, one line, nothing left in --out."""
    out, cache = tmp_path / "media", tmp_path / "cache"
    p = start(["render", "bias", "perceptron", "-q", "low", "-j", jobs], out, cache)
    wait_until(lambda: partial_movies(cache) or p.poll() is not None, what="a partial movie")
    p.send_signal(signal.SIGINT)
    time.sleep(0.01)  # the gap between the two signals (not a wait for a result)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    assert p.returncode == 130 and "Traceback" not in err, err
    assert not (out / ".work").exists(), list((out / ".work").rglob("*"))
    assert_consistent(out)


@pytest.mark.parametrize("garbage", [bytes(range(256)), b"{}", b'{"key": 1, "entry": {}, "moves": 5}'])
def test_a_garbage_journal_is_dropped_not_fatal(tmp_path, garbage):
    journal = tmp_path / ".work" / "journal" / "j.json"
    journal.parent.mkdir(parents=True)
    journal.write_bytes(garbage)
    assert manifest.recover(tmp_path) == 0 and not journal.exists()


def test_an_entry_naming_a_device_or_fifo_is_not_intact_and_does_not_block(tmp_path):
    fifo = tmp_path / "low" / "x.mp4"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    for path in ("low/x.mp4", "../" * 20 + "dev/zero"):
        entry = manifest.Entry(kind="scene", quality="low", lang="en",
                               files=[manifest.FileRecord(path, "video", 0, 0, "0" * 64)])
        assert not manifest.files_intact(tmp_path, entry)
