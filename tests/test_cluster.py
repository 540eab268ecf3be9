"""--scheduler: scene renders on a Dask cluster, gathered into --out like local ones."""
import http.server
import json
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
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


def refused(address: str, tmp_path):
    from click.testing import CliRunner

    from studio.cli import cli

    t0 = time.monotonic()
    r = CliRunner().invoke(cli, ["render", "bias", "-q", "low", "--out", str(tmp_path / "out"),
                                 "--scheduler", address])
    took = time.monotonic() - t0
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1, (r.output, r.exception)
    assert f"no Dask scheduler at {address}" in r.stderr, r.stderr
    assert not (tmp_path / "out").exists()  # refused before anything was made
    return r, took


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    refused("tcp://127.0.0.1:9", tmp_path)


@contextmanager
def peer(answer: bytes | None):
    """A TCP server on 127.0.0.1 that, on each connection, sends `answer` (None: stays silent, as
    an HTTP server waiting for its request does) and keeps the connection open until the test ends."""
    server = socket.create_server(("127.0.0.1", 0))
    conns, stop = [], threading.Event()

    def serve():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                c, _ = server.accept()
            except OSError:
                continue
            conns.append(c)
            if answer is not None:
                c.sendall(answer)

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        t.join(timeout=5)
        for c in conns:
            c.close()
        server.close()


@pytest.mark.parametrize("answer, reason", [
    (None, "no greeting within 1 s"),                                       # an HTTP server: waits for a request
    (b"\xff" * 64, "answered with something else"),                         # garbage: a length of exabytes
    (b"HTTP/1.0 400 Bad Request\r\n\r\n", "answered with something else"),  # a server that speaks first
    ((20).to_bytes(8, "little") + b"x" * 20, "answered with something else"),  # a frame, but no Dask greeting
])
def test_a_peer_that_is_not_dask_is_named_not_waited_on(answer, reason, tmp_path, monkeypatch):
    from studio import executors

    monkeypatch.setattr(executors, "HANDSHAKE_SECONDS", 1.0)
    with peer(answer) as address:
        r, took = refused(address, tmp_path)
    assert reason in r.stderr and took < 5, (r.stderr, took)


def test_an_http_server_is_refused_too(tmp_path, monkeypatch):
    """A real HTTP server (the issue's case: it used to hang past 120 s)."""
    from studio import executors

    monkeypatch.setattr(executors, "HANDSHAKE_SECONDS", 1.0)
    httpd = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        _, took = refused(f"tcp://127.0.0.1:{httpd.server_port}", tmp_path)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert took < 5



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
