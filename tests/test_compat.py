"""studio/compat.py, the one module that touches Manim's internals: each touch does what Manim's own
code does (or exactly what it claims), undoes what it swaps, and the module refuses another version."""
from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction

import av
import numpy as np
import pytest
from manim import MathTex
from manim._config.video_encoder import VideoEncoderSpec
from manim.mobject.svg import svg_mobject
from manim.mobject.text import numbers, tex_mobject
from manim.scene.video_segment_encoder import VideoSegmentEncoder

from studio import compat

W, H = 64, 48


def frames_with_repeats():
    """(picture, repeat) pairs: a few distinct pictures, some held for several frames like a wait."""
    rng = np.random.default_rng(7)
    pictures = [rng.integers(0, 256, (H, W, 4), dtype=np.uint8) for _ in range(3)]
    for p in pictures:
        p[..., 3] = 255
    return [(pictures[0], 1), (pictures[1], 4), (pictures[2], 1), (pictures[0], 3)]


def encode(path, write):
    spec = VideoEncoderSpec(container_format="mp4", codec="libx264", pixel_format="yuv420p", width=W, height=H,
                            frame_rate=Fraction(10), options=(("crf", "23"),))
    encoder = VideoSegmentEncoder(target=path, spec=spec)
    for pixels, repeat in frames_with_repeats():
        write(encoder, pixels, repeat=repeat)
    encoder.finish()


def decoded(path):
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def test_frame_reuse_decodes_to_the_frames_manims_own_encoder_gives(tmp_path):
    compat.install_frame_reuse()
    encode(tmp_path / "manim.mp4", VideoSegmentEncoder.manim_write_frame)
    encode(tmp_path / "reuse.mp4", VideoSegmentEncoder.write_frame)
    theirs, ours = decoded(tmp_path / "manim.mp4"), decoded(tmp_path / "reuse.mp4")
    assert len(theirs) == len(ours) == sum(r for _, r in frames_with_repeats())
    for a, b in zip(theirs, ours):
        np.testing.assert_array_equal(a, b)


def test_frame_reuse_installs_once():
    compat.install_frame_reuse()
    patched = VideoSegmentEncoder.write_frame
    compat.install_frame_reuse()
    assert VideoSegmentEncoder.write_frame is patched
    assert VideoSegmentEncoder.manim_write_frame is not patched


@pytest.mark.parametrize("found", ["0.21.0", "0.23.1", "1.0.0", "unknown"])
def test_another_manim_version_is_refused_with_what_to_do(monkeypatch, found):
    monkeypatch.setattr(compat, "installed_manim_version", lambda: found)
    with pytest.raises(compat.ManimVersionError, match=r"pip install 'manim==0\.22\.\*'") as refused:
        compat.check_manim_version()
    assert found in str(refused.value)


@pytest.mark.parametrize("found", ["0.22.0", "0.22.7", "0.22.1rc1"])
def test_any_0_22_release_is_accepted(monkeypatch, found):
    monkeypatch.setattr(compat, "installed_manim_version", lambda: found)
    compat.check_manim_version()


def test_lean_drops_every_parsed_path_and_keeps_the_drawing():
    formula = MathTex(r"\sigma(z) = \frac{1}{1+e^{-z}}")
    before = formula.get_all_points().copy()
    assert any(getattr(m, "path_obj", None) is not None for m in formula.get_family())
    assert compat.lean(formula) is formula
    assert all(getattr(m, "path_obj", None) is None for m in formula.get_family())
    np.testing.assert_array_equal(formula.get_all_points(), before)


def test_tex_swap_restores_the_compiler_and_forgets_the_stand_ins(tmp_path):
    real = tex_mobject.tex_to_svg_file
    digits_before = dict(numbers.string_to_mob_map)
    stand_in = tmp_path / "stand-in.svg"
    stand_in.write_text("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 -8 5 9'>"
                        "<path d='M0 0h4v-7h-4z'/></svg>", encoding="utf-8")
    seen = []

    def fake(expression, environment=None, tex_template=None):
        seen.append(expression)
        return stand_in

    with compat.tex_compiler_swapped(fake, tmp_path):
        assert tex_mobject.tex_to_svg_file is fake
        MathTex("x^{2}")
        numbers.string_to_mob_map["sketch-only"] = object()
        assert any(str(m.file_name) == str(stand_in) for m in svg_mobject.SVG_HASH_TO_MOB_MAP.values())
    assert seen and tex_mobject.tex_to_svg_file is real
    assert numbers.string_to_mob_map == digits_before
    assert not any(str(m.file_name) == str(stand_in) for m in svg_mobject.SVG_HASH_TO_MOB_MAP.values())


def test_tex_swap_restores_after_an_error(tmp_path):
    real = tex_mobject.tex_to_svg_file
    with pytest.raises(ValueError), compat.tex_compiler_swapped(lambda *a, **k: None, tmp_path):
        raise ValueError
    assert tex_mobject.tex_to_svg_file is real


def test_pool_processes_are_the_pools_live_workers():
    with ProcessPoolExecutor(max_workers=2) as pool:
        pids = set(pool.map(_pid, range(4)))
        assert {p.pid for p in compat.pool_processes(pool)} >= pids
    assert compat.pool_processes(pool) == []


def _pid(_):
    import os
    return os.getpid()


def test_scenes_import_no_studio_module_but_compat():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    imports = {m for f in (root / "scenes").rglob("*.py")
               for m in re.findall(r"^\s*(?:from|import)\s+(studio[\w.]*)", f.read_text(), re.M)}
    assert imports <= {"studio.compat"}
