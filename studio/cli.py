"""The command line: list scenes, render them, print their traces, build the explainer and the lecture page.

Exit codes: 0 success, 1 a render failed, 2 bad usage (one line, no traceback).
"""
from __future__ import annotations

import difflib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import click

from nncore import TRACES, get_trace
from scenes import catalog
from studio import params as P
from studio.layout import FORMATS, QUALITIES

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "media"


# -- shared checks ------------------------------------------------------------------
def resolve_targets(names) -> list:
    """Scene ids, class names or chapters (1, ch1, chapter-1) to scene specs, in series order."""
    if not names:
        return list(catalog.SCENES)
    chosen = []
    for name in names:
        low = name.strip().lower().replace("_", "-")
        chapter = low.removeprefix("chapter").removeprefix("ch").strip("-")
        if chapter.isdigit() and int(chapter) in catalog.CHAPTERS:
            chosen += [s for s in catalog.SCENES if s.chapter == int(chapter)]
            continue
        try:
            chosen.append(catalog.find(low))
        except KeyError:
            words = [s.id for s in catalog.SCENES] + [s.name for s in catalog.SCENES]
            close = difflib.get_close_matches(name, words, n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]!r}?" if close else "; see `render.py list`"
            raise click.UsageError(f"unknown scene or chapter {name!r}{hint}")
    return [s for s in catalog.SCENES if s in chosen]  # series order, no repeats


def check_font(lang: str) -> None:
    from scenes.kit.fonts import FontMissing, font_for

    try:
        font_for(lang)
    except FontMissing as e:
        raise click.UsageError(str(e)) from None


def check_params(specs, values: dict) -> dict:
    """Each scene's parameters, validated by computing its trace now, before any render starts."""
    unused = set(values) - {k for s in specs for k in P.params_for(s, values)}
    if unused:
        flags = ", ".join(sorted(P.flag_of(k) for k in unused))
        names = ", ".join(s.id for s in specs)
        raise click.UsageError(f"{flags} does not apply to {names}; `render.py list` shows each scene's parameters")
    per_scene = {}
    for s in specs:
        p = P.params_for(s, values)
        try:
            get_trace(s.trace, **p)
        except (ValueError, TypeError) as e:
            raise click.UsageError(f"{s.id}: {e}") from None
        per_scene[s.id] = p
    return per_scene


def check_out(out: Path) -> Path:
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".write-test-"):
            pass
    except OSError as e:
        raise click.UsageError(f"cannot write to --out {out}: {e.strerror or e}") from None
    return out


def check_tools() -> None:
    missing = [t for t in ("latex", "dvisvgm") if shutil.which(t) is None]
    if missing:
        raise click.UsageError(f"{' and '.join(missing)} not found (needed for formulas): run `make setup` "
                               "or apt-get install texlive-latex-base texlive-latex-extra dvisvgm")
    try:
        import av  # noqa: F401  (PyAV carries its own ffmpeg libraries)
    except ImportError:
        raise click.UsageError("PyAV (video encoding) is missing: run `make setup` or pip install av") from None


def output_options(fn):
    fn = click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
                      help="render on an existing Dask cluster instead of local processes (extra [cluster])")(fn)
    fn = click.option("--verbose", is_flag=True, help="show Manim's logs and full tracebacks")(fn)
    fn = click.option("--force", is_flag=True, help="re-render even what is up to date")(fn)
    fn = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                      help="scenes rendered in parallel processes  [default: number of cores]")(fn)
    fn = click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
                      show_default="media/", help="output folder")(fn)
    fn = click.option("--quality", "-q", type=click.Choice(list(QUALITIES)), default="high", show_default=True,
                      help="low 480p15, medium 720p30, high 1080p60, 4k 2160p60")(fn)
    return fn


def render_all(specs, per_scene, quality, fmt, transparent, lang, out, jobs, force, verbose, scheduler=None):
    """Render the scenes; exit 1 with a summary if any failed."""
    from studio import runner

    check_tools()
    check_font(lang)
    out = check_out(out)
    executor = None
    if scheduler:
        from studio.executors import DaskCluster
        try:
            executor = DaskCluster(scheduler)
        except RuntimeError as e:
            raise click.UsageError(str(e)) from None
    work = [{"scene": s.id, "params": per_scene[s.id], "quality": quality, "format": fmt,
             "transparent": transparent, "lang": lang, "out": str(out), "verbose": verbose} for s in specs]
    report = runner.run(work, out, jobs or os.cpu_count() or 1, force=force, echo=click.echo, executor=executor)
    if report.interrupted:
        click.echo("interrupted: finished scenes are kept; nothing half-written was left in place", err=True)
        sys.exit(130)
    for r in report.failed:
        click.echo(f"FAILED {r['scene']}: {r['error']}", err=True)
        if verbose:
            click.echo(r["traceback"], err=True)
    done = [r for r in report.results if r["ok"]]
    from studio.layout import quality_dir
    click.echo(f"{len(done)} of {len(report.results)} scenes ready in {quality_dir(out, quality, lang)}")
    if report.failed:
        sys.exit(1)
    return report


# -- commands -------------------------------------------------------------------------
@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli():
    """Animated explainers for the simple math behind neural networks.

    Start with `list`, then `render SCENE -q low` for a quick look.
    """


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="machine-readable output")
def list_scenes(as_json):
    """Every scene with its chapter, description and parameters."""
    rows = [{"scene": s.id, "class": s.name, "chapter": s.chapter, "chapter_title": catalog.chapter_title(s.chapter),
             "title": s.title(), "description": s.description(), "trace": s.trace,
             "parameters": {P.flag_of(k): v for k, v in s.defaults().items() if k in P.KEYWORDS}}
            for s in catalog.SCENES]
    if as_json:
        click.echo(json.dumps(rows, indent=2, default=list))
        return
    chapter = None
    for r in rows:
        if r["chapter"] != chapter:
            chapter = r["chapter"]
            click.echo(f"\n{r['chapter_title']}")
        click.echo(f"  {r['scene']:<26}{r['description']}")
        if r["parameters"]:
            opts = "  ".join(f"{k} {_show(v)}" for k, v in r["parameters"].items())
            click.echo(f"  {'':<26}{opts}")


def _show(v):
    if isinstance(v, (list, tuple)):
        return ",".join(_show(x) for x in v)
    return "-" if v is None else str(v)


@cli.command()
@click.argument("targets", nargs=-1)
@output_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="mp4", show_default=True,
              help="png = the last frame only, as a poster")
@click.option("--transparent", is_flag=True, help="alpha channel (with --format mov or webm), for slides")
@P.scene_options
def render(targets, quality, out, jobs, force, verbose, scheduler, fmt, transparent, lang, **options):
    """Render scenes or chapters (none = the whole series).

    TARGETS are scene names (see `list`) or chapters (1, ch2, chapter-3).
    Layout: OUT/QUALITY/SCENE.mp4, .srt, .vtt, .png (poster), SCENE/ (section clips), OUT/manifest.json.
    """
    if transparent and fmt not in ("mov", "webm"):
        raise click.UsageError("--transparent needs --format mov or webm (mp4 has no alpha channel)")
    specs = resolve_targets(targets)
    per_scene = check_params(specs, P.given(options))
    render_all(specs, per_scene, quality, fmt, transparent, lang, out, jobs, force, verbose, scheduler)


@cli.command(help="Print the numbers behind a scene: the nncore trace NAME, as JSON.\n\nNAME is one of: "
             + ", ".join(sorted(TRACES)) + ". Options change the inputs, as for `render`.")
@click.argument("name", type=click.Choice(sorted(TRACES)), metavar="NAME")
@click.option("--json", "as_json", is_flag=True, help="print JSON (the default output is the same JSON, indented)")
@P.scene_options
def trace(name, as_json, lang, **options):
    values = P.given(options)
    accepted = {k: v for k, v in values.items() if k in _trace_keywords(name)}
    if set(values) - set(accepted):
        flags = ", ".join(sorted(P.flag_of(k) for k in set(values) - set(accepted)))
        raise click.UsageError(f"{flags} does not apply to trace {name}")
    try:
        data = get_trace(name, **accepted)
    except (ValueError, TypeError) as e:
        raise click.UsageError(f"{name}: {e}") from None
    click.echo(json.dumps(data, indent=None if as_json else 2))


def _trace_keywords(name):
    import inspect
    return set(inspect.signature(TRACES[name]).parameters)


@cli.command()
@click.argument("targets", nargs=-1)
@output_options
@P.scene_options
def explainer(targets, quality, out, jobs, force, verbose, scheduler, lang, **options):
    """The whole series as one video: OUT/QUALITY/explainer.mp4 with chapters and captions.

    Renders what is not up to date, then joins the scene videos by stream copy
    (no re-encoding) and writes explainer.srt, .vtt and explainer.chapters.txt.
    TARGETS (scenes or chapters) make a shorter explainer of just those, in series order.
    """
    from studio import explainer as ex

    specs = resolve_targets(targets)
    per_scene = check_params(specs, P.given(options))
    report = render_all(specs, per_scene, quality, "mp4", False, lang, out, jobs, force, verbose, scheduler)
    entries = {r["entry"]["scene"]: r["entry"] for r in report.results}
    built = ex.build(out, quality, lang, [entries[s.id] for s in specs])
    click.echo(f"explainer: {built['video']} ({built['duration']:.1f} s, {len(built['chapters'])} chapters)")


@cli.command()
@click.argument("targets", nargs=-1)
@output_options
@P.scene_options
def lecture(targets, quality, out, jobs, force, verbose, scheduler, lang, **options):
    """A self-contained lecture page, OUT/QUALITY/index.html, with every scene's video,
    captions, description, formulas and section clips (relative paths: copy the folder anywhere).

    Renders what is missing first. TARGETS as for `render` (none = the whole series).
    """
    from studio import lecture as lec

    specs = resolve_targets(targets)
    per_scene = check_params(specs, P.given(options))
    report = render_all(specs, per_scene, quality, "mp4", False, lang, out, jobs, force, verbose, scheduler)
    entries = {r["entry"]["scene"]: r["entry"] for r in report.results}
    page = lec.build(out, quality, lang, entries)
    click.echo(f"lecture page: {page}")


def main():
    # click turns UsageError into one line and exit 2; anything unexpected is one line and exit 1,
    # with the traceback only under --verbose.
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        # One line: what is wrong (click's message names the option and the value).
        click.echo(f"error: {e.format_message()}", err=True)
        sys.exit(e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except Exception as e:  # noqa: BLE001
        if "--verbose" in sys.argv:
            raise
        click.echo(f"error: {type(e).__name__}: {e} (run with --verbose for details)", err=True)
        sys.exit(1)
