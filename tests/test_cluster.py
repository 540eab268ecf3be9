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
