"""Remembered file facts (issue 29, up to date in under half a second): a fact is reused only for
the very bytes it was computed from. The oracle for each fact is hashlib over the file as it is."""
from __future__ import annotations

import hashlib
import os

import pytest

from studio import filecache, manifest, runner


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def later(monkeypatch):
    """The clock moved on past the racy window (as it has for any file not written just now)."""
    real = filecache.time.time
    monkeypatch.setattr(filecache.time, "time", lambda: real() + 10 * filecache.RACY)


def counting():
    calls = []

    def compute(p):
        calls.append(p)
        return sha(p)
    return compute, calls


def test_a_fact_is_reused_across_runs_while_the_file_is_unchanged(tmp_path, later):
    f = tmp_path / "a.bin"
    f.write_bytes(b"x" * 1000)
    compute, calls = counting()
    store = tmp_path / "facts.json"
    first = filecache.FileFacts(store)
    assert first.get("sha256", f, compute) == sha(f)
    first.save()
    second = filecache.FileFacts(store)   # the next run
    assert second.get("sha256", f, compute) == sha(f) and len(calls) == 1


def test_a_rewrite_with_its_mtime_restored_is_hashed_again(tmp_path, later):
    f = tmp_path / "a.bin"
    f.write_bytes(b"abcdef")
    compute, calls = counting()
    facts = filecache.FileFacts(tmp_path / "facts.json")
    facts.get("sha256", f, compute)
    st = f.stat()
    for _ in range(10_000):   # until the file system's clock has moved (its ctime granularity)
        f.write_bytes(b"abcdeX")
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
        if f.stat().st_ctime_ns != st.st_ctime_ns:
            break
    assert f.stat().st_size == st.st_size and f.stat().st_mtime_ns == st.st_mtime_ns
    assert facts.get("sha256", f, compute) == sha(f) == hashlib.sha256(b"abcdeX").hexdigest()
    assert len(calls) == 2


def test_a_file_replaced_by_rename_is_hashed_again(tmp_path, later):
    f = tmp_path / "a.bin"
    f.write_bytes(b"one")
    facts = filecache.FileFacts(tmp_path / "facts.json")
    facts.get("sha256", f, sha)
    (tmp_path / "b.bin").write_bytes(b"two")
    os.replace(tmp_path / "b.bin", f)
    assert facts.get("sha256", f, sha) == hashlib.sha256(b"two").hexdigest()


def test_a_file_written_just_now_is_not_remembered(tmp_path):
    f = tmp_path / "a.bin"
    f.write_bytes(b"fresh")
    facts = filecache.FileFacts(tmp_path / "facts.json")
    facts.get("sha256", f, sha)
    assert not facts.dirty and facts.facts == {}


def test_a_damaged_store_is_ignored(tmp_path, later):
    store = tmp_path / "facts.json"
    store.write_text("{not json")
    f = tmp_path / "a.bin"
    f.write_bytes(b"x")
    facts = filecache.FileFacts(store)
    assert facts.get("sha256", f, sha) == sha(f)
    facts.save()
    assert filecache.FileFacts(store).facts   # rewritten whole


def test_up_to_date_notices_a_same_size_corruption_of_an_output(tmp_path, later, monkeypatch):
    monkeypatch.setattr(filecache, "_SHARED", [filecache.FileFacts(tmp_path / "facts.json")])
    f = tmp_path / "low" / "a.mp4"
    f.parent.mkdir()
    f.write_bytes(b"abcdef")
    entry = manifest.Entry(kind="scene", quality="low", lang="en", files=[manifest.file_record(tmp_path, f, "video")])
    assert runner.files_intact(tmp_path, entry)
    st = f.stat()
    for _ in range(10_000):
        f.write_bytes(b"abcdeX")
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
        if f.stat().st_ctime_ns != st.st_ctime_ns:
            break
    assert not runner.files_intact(tmp_path, entry)


def test_a_users_piper_model_is_tried_once_per_change_of_its_files(tmp_path, later, monkeypatch):
    from studio import piper_voice

    monkeypatch.setattr(filecache, "_SHARED", [filecache.FileFacts(tmp_path / "facts.json")])
    spoken = []
    monkeypatch.setattr(piper_voice, "synthesize", lambda model, text, scale: spoken.append(text))
    real_model, real_config = piper_voice.bundled_paths()
    model = tmp_path / "voice.onnx"
    model.symlink_to(real_model)
    config = tmp_path / "voice.onnx.json"
    config.write_bytes(real_config.read_bytes())
    first = piper_voice.check(model)
    assert first.sha256 == sha(real_model) and len(spoken) == 1
    piper_voice.check(model)
    assert len(spoken) == 1                        # the same bytes: not tried again
    config.write_bytes(real_config.read_bytes() + b"\n")
    piper_voice.check(model)
    assert len(spoken) == 2                        # a changed config: tried again
