"""The up-to-date key is derived from what a render loads: no list to forget a file in."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scenes import catalog
from studio import runner
from studio.jobs import RenderJob

ROOT = runner.ROOT
PROJECT_FILES = sorted(str(p.relative_to(ROOT)) for pkg in runner.PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def keys(root: Path) -> dict[str, str]:
    runner._file_hash.cache_clear()   # a byte added at the end changes no import: the rest may stay
    return {s.id: runner.job_key(RenderJob(s.id, {}, "low"), root) for s in catalog.SCENES}


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    """A copy of the project's sources, to change a byte in without touching the checkout."""
    copy = tmp_path_factory.mktemp("tree")
    for rel in PROJECT_FILES:
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / rel, copy / rel)
    return copy, keys(copy)


@pytest.mark.parametrize("rel", PROJECT_FILES)
def test_one_byte_changes_the_key_of_exactly_the_scenes_that_load_the_file(tree, rel):
    copy, before = tree
    loads = {s.id for s in catalog.SCENES if copy / rel in runner.loaded_sources(s.module, copy)}
    original = (copy / rel).read_bytes()
    (copy / rel).write_bytes(original + b" ")
    try:
        after = keys(copy)
    finally:
        (copy / rel).write_bytes(original)
    assert {s for s in before if before[s] != after[s]} == loads


def test_each_scene_loads_its_own_module_and_no_other_scenes():
    for spec in catalog.SCENES:
        scene_files = {p for p in runner.source_files(spec) if p.parent.name.startswith("ch") and p.stem != "common"
                       and p.name != "__init__.py"}
        assert scene_files == {ROOT / (spec.module.replace(".", "/") + ".py")}


@pytest.mark.slow
def test_every_file_a_real_render_loads_is_in_its_key_or_the_cli(tmp_path):
    """Run a real render (in-process, one worker) and list the project files it had loaded at exit:
    each is in the scene's key, or is the command line's own (which decides nothing in a frame)."""
    listing = tmp_path / "loaded.json"
    code = (
        "import atexit, json, runpy, sys\n"
        f"root = {str(ROOT)!r}\n"
        "def dump():\n"
        "    files = {getattr(m, '__file__', None) or '' for m in list(sys.modules.values())}\n"
        f"    open({str(listing)!r}, 'w').write(json.dumps(sorted(f for f in files if f.startswith(root + '/') and '/.venv/' not in f)))\n"
        "atexit.register(dump)\n"
        f"sys.argv = ['render.py', 'render', 'bias', '-q', 'low', '--jobs', '1', '--out', {str(tmp_path / 'out')!r}]\n"
        "runpy.run_path('render.py', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    loaded = {Path(f) for f in json.loads(listing.read_text())}
    key = set(runner.source_files(catalog.find("bias")))
    cli = runner.import_closure(runner._imports(ROOT / "render.py", ROOT)) | {ROOT / "render.py"}
    assert loaded - key - cli == set()
    assert ROOT / "scenes/ch1/bias.py" in loaded & key
