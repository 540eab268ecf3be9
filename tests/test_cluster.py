"""--scheduler: scene renders on a Dask cluster, gathered into --out like local ones."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
ROOT = Path(__file__).resolve().parents[1]


def test_render_on_a_local_dask_cluster(tmp_path):
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        out = tmp_path / "media"
        r = subprocess.run([sys.executable, "render.py", "render", "bias", "neuron-firing", "-q", "low",
                            "--out", str(out), "--scheduler", cluster.scheduler_address],
                           cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr
        # still up: the render's client only disconnected, and the worker still serves a new client
        with distributed.Client(cluster.scheduler_address, timeout=30) as client:
            assert client.submit(sum, [1, 2]).result(timeout=30) == 3
    entries = json.loads((out / "manifest.json").read_text())["entries"]
    assert set(entries) == {"low/en/bias.mp4", "low/en/neuron-firing.mp4"}
    for e in entries.values():
        for f in e["files"]:
            assert (out / f["path"]).stat().st_size == f["bytes"]
    # Gathered outputs count as ours: a local re-run finds them up to date.
    r = subprocess.run([sys.executable, "render.py", "render", "bias", "-q", "low", "--out", str(out)],
                       cwd=ROOT, capture_output=True, text=True)
    assert "bias: up to date" in r.stdout


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    r = subprocess.run([sys.executable, "render.py", "render", "bias", "-q", "low", "--out", str(tmp_path),
                        "--scheduler", "tcp://127.0.0.1:9"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "cannot reach the Dask scheduler" in r.stderr


@pytest.mark.slow
def test_more_workers_than_cores_render_one_scene_in_parts(tmp_path):
    """Three Dask worker processes on this machine (more than its cores, issue 29): with --jobs 3 one
    scene is rendered in three parts, shipped back and joined; the pictures, captions and sections
    are those of a one-process render."""
    import av
    import numpy as np

    def frames(path):
        with av.open(str(path)) as c:
            return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]

    whole = tmp_path / "whole"
    r = subprocess.run([sys.executable, "render.py", "render", "bias", "-q", "low", "--out", str(whole), "-j", "1"],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    with distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        out = tmp_path / "media"
        r = subprocess.run([sys.executable, "render.py", "render", "bias", "-q", "low", "--out", str(out), "-j", "3",
                            "--scheduler", cluster.scheduler_address], cwd=ROOT, capture_output=True, text=True,
                           timeout=900)
        assert r.returncode == 0, r.stderr
    a, b = frames(out / "low" / "bias.mp4"), frames(whole / "low" / "bias.mp4")
    assert len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b))
    assert (out / "low" / "bias.srt").read_text() == (whole / "low" / "bias.srt").read_text()
    got, want = (json.loads((d / "manifest.json").read_text())["entries"]["low/en/bias.mp4"] for d in (out, whole))
    assert got["sections"] == want["sections"]
    assert not (out / ".work").exists()
