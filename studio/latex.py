"""LaTeX compiled in batches: one `latex` and one `dvisvgm` run per scene instead of one per formula.

Each formula costs ~200 ms cold (`latex` spends ~90 ms just loading its format, `dvisvgm` ~70 ms
starting up); a scene has 5-50 of them. So before the real render, a sketch pass runs the scene's
construct with play() doing nothing (no animation, no frame drawn), where each formula not yet in
the cache gets a stand-in drawing (one box per character, inside the same named groups) and is
written down. The formulas written down are then typeset together, one page each (`standalone`'s
`multi` option), and split back into one SVG per formula under the file name Manim itself would
look for. The pages are the very same drawings a single compile gives (tests/test_latex.py).

Everything here is best effort: if the sketch pass stumbles on a stand-in (code that counts
glyphs), the formulas seen so far are still batched; if the batch fails to typeset, nothing is
written; in both cases the real render compiles what is missing one by one, exactly as Manim does.
Each fallback is logged (logger `studio.latex`, one warning saying why), never silent.
"""
from __future__ import annotations

import logging
import os
import re
import subprocess
import tempfile
from pathlib import Path

import manimcompat as compat

log = logging.getLogger(__name__)

SINGLE = r"\documentclass[preview]{standalone}"
MULTI = r"\documentclass[preview,multi=nnpage]{standalone}"
GROUP = re.compile(r"\\special\{dvisvgm:raw <g id='([^']+)'>\}(.*?)\\special\{dvisvgm:raw </g>\}", re.S)
COMMAND = re.compile(r"\\[a-zA-Z]+|[{}&^_\s]|\\.")


def _stand_in(expression: str) -> str:
    """An SVG with the formula's named groups, each holding one small box per visible character:
    enough for layout code to find parts and glyphs while sketching."""
    def boxes(text, x0):
        n = max(1, len(COMMAND.sub("", text)) + len(re.findall(r"\\[a-zA-Z]+", text)))
        return "".join(f"<path d='M{x0 + 5 * i} 0h4v-7h-4z'/>" for i in range(min(n, 60))), x0 + 5 * n

    parts, x = [], 0
    groups = GROUP.findall(expression)
    for gid, text in groups or [("", expression)]:
        drawn, x = boxes(text, x)
        parts.append(f"<g id='{gid}'>{drawn}</g>" if gid else drawn)
    return ("<svg xmlns='http://www.w3.org/2000/svg' version='1.1' "
            f"viewBox='0 -8 {max(x, 5)} 9'>{''.join(parts)}</svg>")


def _sketcher(wanted: dict, scratch: Path):
    """A formula compiler that notes each formula not cached yet and draws a stand-in for it."""
    from manim import config

    def sketch(expression, environment=None, tex_template=None):
        template = tex_template or config["tex_template"]
        tex_file = compat.tex_source_file(expression, environment, template)  # Manim's own name and source
        if tex_file.with_suffix(".svg").exists():
            return tex_file.with_suffix(".svg")
        name, code = tex_file.stem, tex_file.read_text(encoding="utf-8")
        if compat.compiles_with_latex_to_dvi(template) and code.startswith(SINGLE):
            wanted[name] = code
        stand_in = scratch / f"{name}.svg"
        stand_in.write_text(_stand_in(expression), encoding="utf-8")
        return stand_in

    return sketch


def prefetch(scene_class, kwargs: dict, config_overrides: dict, spoken: list | None = None,
             pace: dict | None = None) -> int:
    """Typeset, in one batch, the formulas the scene will need that are not cached yet.

    The sketch also meets every beat's caption and runs the scene's clock: if it ran to the end,
    a `spoken` list receives the (beat, caption) pairs and a `pace` dict each beat's animation
    seconds (narration needs no pass of its own)."""
    from manim import config, tempconfig

    wanted: dict[str, str] = {}
    # Same frame size as the real render: Text's SVGs are drawn on a canvas of that size and
    # cached under a name that does not say so.
    with tempfile.TemporaryDirectory(prefix="nn-sketch-") as scratch, \
            tempconfig({**config_overrides, "write_to_movie": False, "save_last_frame": False,
                        "save_sections": False, "disable_caching": True,
                        # no output at all: a video format with no play calls is an error in
                        # Manim 0.22, which would throw away the captions the sketch met
                        "format": "none"}):
        # Stand-ins must not outlive the sketch in Manim's maps, or the real render would draw
        # boxes for digits: the swap forgets every drawing made from a file in scratch.
        with compat.tex_compiler_swapped(_sketcher(wanted, Path(scratch)), scratch):
            try:
                scene = scene_class(**kwargs)
                # Nothing is animated or drawn: the formulas come from the trace, not from where
                # an animation leaves things, and skipping play makes the sketch ~10x cheaper.
                compat.skip_animations(scene)
                scene.render()
                if spoken is not None:
                    spoken.extend(scene.spoken)
                if pace is not None:
                    pace.update(scene.natural)
            except Exception as e:  # noqa: BLE001 - a stand-in tripped the scene; keep what was seen
                log.warning("sketch pass of %s stopped early (%s: %s); %d formulas seen so far are batched, "
                            "the render typesets the rest one by one", scene_class.__name__, type(e).__name__,
                            str(e).splitlines()[0][:200] if str(e) else "", len(wanted))
        return typeset(wanted, config.get_dir("tex_dir"), scene_class.__name__)


def typeset(formulas: dict[str, str], tex_dir: Path, who: str = "a scene") -> int:
    """Typeset {tex hash: .tex source} in one batch into tex_dir/<hash>.svg; returns how many landed.
    One template per batch: formulas with another preamble are left to the real render."""
    split = {name: code.split(r"\begin{document}", 1) for name, code in formulas.items()}
    if not split:
        return 0
    preamble = next(iter(split.values()))[0]
    names = sorted(n for n, (pre, _) in split.items() if pre == preamble)
    bodies = [split[n][1].rsplit(r"\end{document}", 1)[0] for n in names]
    doc = (preamble.replace(SINGLE, MULTI, 1) + "\\begin{document}\n"
           + "".join(f"\\begin{{nnpage}}{body}\\end{{nnpage}}\n" for body in bodies) + "\\end{document}\n")
    tex_dir.mkdir(parents=True, exist_ok=True)
    # beside tex_dir, not in it: Manim deletes whatever in tex_dir is not .tex or .svg
    with tempfile.TemporaryDirectory(prefix="nn-batch-", dir=tex_dir.parent) as tmp:
        tmp = Path(tmp)
        (tmp / "batch.tex").write_text(doc, encoding="utf-8")
        run = dict(cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if subprocess.run(["latex", "-interaction=batchmode", "-halt-on-error", "batch.tex"], **run).returncode:
            log.warning("%s: batch of %d formulas did not typeset (%s); the render typesets them one by one",
                        who, len(names), first_error(tmp / "batch.log"))
            return 0
        subprocess.run(["dvisvgm", "--page=1-", "--no-fonts", "--verbosity=0", "--output=%p.svg", "batch.dvi"],
                       **run)
        pages = sorted(tmp.glob("*.svg"), key=lambda p: int(p.stem))
        if len(pages) != len(names):  # pages and formulas no longer line up: trust none of them
            log.warning("%s: batch of %d formulas gave %d pages; the render typesets them one by one",
                        who, len(names), len(pages))
            return 0
        for name, page in zip(names, pages):
            os.replace(page, tex_dir / f"{name}.svg")  # whole files only: a reader never sees half
    return len(names)


def first_error(log_file: Path, limit: int = 1 << 20) -> str:
    """The first `! ...` line of a LaTeX log (read at most `limit` bytes), e.g. '! Dimension too large.'."""
    try:
        with open(log_file, "rb") as f:
            text = f.read(limit).decode("utf-8", "replace")
    except OSError as e:
        return f"no log: {e.strerror or e}"
    return next((line.strip() for line in text.splitlines() if line.startswith("!")), "no error line in the log")
