"""The command line: list scenes, render them, print their traces, build the explainer and the lecture page.

Exit codes: 0 success, 1 a render failed, 2 bad usage (one line, before any work starts),
128 + signal when stopped (130 Ctrl-C, 143 SIGTERM).
"""
from __future__ import annotations

import difflib
import inspect
import json
import os
import shutil
from pathlib import Path

import click

from nncore import TRACES, get_trace
from nncore.exercises import MAX_COUNT, MAX_SEED, SCENE_KINDS
from scenes import catalog
from studio import params, stopping
from studio.errors import BadInput, RenderFailed, as_bad_input, describe
from studio.jobs import RenderRequest
from studio.layout import FORMATS, QUALITIES, cache_root, quality_dir, work_root

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "media"
MAX_JOBS = 64  # more processes than this only queue for the same cores and memory (~300 MB each)


class Cli(click.Group):
    """Every failure a user can meet ends in one line: usage errors (exit 2), a stop signal
    (128 + signal), anything unexpected (exit 1; the traceback only with --verbose)."""

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as e:
            raise as_bad_input(e) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.UsageError as e:
            raise as_bad_input(e) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except stopping.Stopped as e:
            click.echo(f"stopped ({e}): finished scenes are kept; nothing half-written was left in place", err=True)
            ctx.exit(e.exit_code)
        except Exception as e:  # noqa: BLE001
            if ctx.meta.get("verbose"):
                raise
            raise RenderFailed(f"{describe(e)} (run with --verbose for details)") from None


# -- checks, each where the value is read ---------------------------------------------------------
class OutDir(click.ParamType):
    name = "DIR"

    def convert(self, value, param, ctx):
        if isinstance(value, Path):
            return value
        if value == "":
            self.fail("is empty; give a folder, e.g. --out media", param, ctx)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            self.fail("is not valid UTF-8; choose a folder name the page and manifest can name", param, ctx)
        return Path(value)


class Scheduler(click.ParamType):
    name = "tcp://HOST:PORT"

    def convert(self, value, param, ctx):
        from studio.executors import SCHEDULER

        found = SCHEDULER.match(value)
        if not found:
            self.fail(f"{value!r} is not a scheduler address like tcp://HOST:8786", param, ctx)
        if found.group(3) and not 1 <= int(found.group(3)) <= 65535:
            self.fail(f"port {found.group(3)} in {value!r} is outside 1 to 65535", param, ctx)
        return value


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
            raise BadInput(f"unknown scene or chapter {name!r}{hint}") from None
    return [s for s in catalog.SCENES if s in chosen]  # series order, no repeats


def check_font(lang: str) -> None:
    from scenes.kit.fonts import FontMissing, font_for

    try:
        font_for(lang)
    except FontMissing as e:
        raise BadInput(str(e)) from None


def _trace(name: str, values: dict) -> dict:
    """The trace, or a one-line usage error naming what is wrong (never inf or NaN in JSON)."""
    try:
        data = get_trace(name, **values)
        json.dumps(data, allow_nan=False)
    except (ValueError, TypeError, OverflowError, ArithmeticError) as e:
        raise BadInput(f"{name}: {e}") from None
    return data


def check_params(specs, values: dict) -> dict:
    """Each scene's parameters, validated by computing its trace now, before any render starts."""
    unused = set(values) - {k for s in specs for k in params.params_for(s, values)}
    if unused:
        flags = ", ".join(sorted(params.flag_of(k) for k in unused))
        names = ", ".join(s.id for s in specs)
        raise BadInput(f"{flags} does not apply to {names}; `render.py list` shows each scene's parameters")
    per_scene = {}
    for s in specs:
        p = params.params_for(s, values)
        params.check_scene_ranges(s.id, p)
        if p:   # the article's own values need no check (tests/test_traces.py computes each trace)
            _trace(s.trace, p)
        per_scene[s.id] = p
    return per_scene


def _nearest_existing(path: Path) -> Path:
    """The folder `path` would be made in (a name too long, a loop, ... raise OSError)."""
    while path != path.parent:
        try:
            os.lstat(path)
            return path
        except (FileNotFoundError, NotADirectoryError):  # the latter: a file on the way, named below
            path = path.parent
    return path


def _writable_folder(path: Path) -> str | None:
    """Why `path` cannot be (or become) a folder this process writes in; None if it can.
    Nothing is created: a usage error must leave no trace."""
    try:
        found = _nearest_existing(path)
        if not found.is_dir():
            return f"{found} is not a folder"
        if not os.access(found, os.W_OK | os.X_OK):
            return f"{found} is not writable"
    except OSError as e:
        return f"{e.strerror or e}"
    return None


def check_out(out: Path) -> Path:
    """--out is, or can become, a writable folder whose manifest (if any) is a file."""
    out = Path(out).absolute()
    problem = _writable_folder(out)
    if problem:
        raise BadInput(f"cannot write to --out {out}: {problem}")
    for name in ("manifest.json", ".manifest.lock"):
        path = out / name
        if os.path.lexists(path) and not path.is_file():
            raise BadInput(f"{path} is not a file (a folder or a device?): move it away, the manifest goes there")
    if os.path.lexists(work_root(out)) and not work_root(out).is_dir():
        raise BadInput(f"{work_root(out)} is not a folder: move it away, renders are staged there")
    return out


def check_cache() -> Path:
    """The cache (LaTeX/SVG files, worker folders) is, or can become, a writable folder."""
    root = cache_root()
    problem = _writable_folder(root)
    if problem:
        where = f"NN_EXPLAINER_CACHE={root}" if os.environ.get("NN_EXPLAINER_CACHE") else \
            f"the cache folder {root} (set NN_EXPLAINER_CACHE to move it)"
        raise BadInput(f"cannot use {where}: {problem}")
    return root


def check_tools() -> None:
    missing = [t for t in ("latex", "dvisvgm") if shutil.which(t) is None]
    if missing:
        raise BadInput(f"{' and '.join(missing)} not found (needed for formulas): run `make setup` "
                       "or apt-get install texlive-latex-base texlive-latex-extra dvisvgm")
    from importlib.util import find_spec

    if find_spec("av") is None:   # found, not imported: a run with nothing to do never loads PyAV
        raise BadInput("PyAV (video encoding) is missing: run `make setup` or pip install av")


def _remember_verbose(ctx, param, value):
    ctx.meta["verbose"] = ctx.meta.get("verbose") or value
    return value


def output_options(fn):
    fn = click.option("--scheduler", type=Scheduler(), default=None,
                      help="render on an existing Dask cluster instead of local processes (extra [cluster])")(fn)
    fn = click.option("--verbose", is_flag=True, callback=_remember_verbose, is_eager=True,
                      help="show Manim's logs and full tracebacks")(fn)
    fn = click.option("--force", is_flag=True, help="re-render even what is up to date")(fn)
    fn = click.option("--jobs", "-j", type=click.IntRange(1, MAX_JOBS), default=None,
                      help=f"scenes rendered in parallel processes, 1 to {MAX_JOBS}  [default: number of cores]")(fn)
    fn = click.option("--out", type=OutDir(), default=DEFAULT_OUT, show_default="media/", help="output folder")(fn)
    fn = click.option("--quality", "-q", type=click.Choice(list(QUALITIES)), default="high", show_default=True,
                      help="low 480p15, medium 720p30, high 1080p60, 4k 2160p60")(fn)
    return fn


def look_options(fn):
    """How the videos look and sound: shared by every command that renders."""
    fn = click.option("--speed", type=click.IntRange(80, 300), default=None,
                      help="speaking rate in words (Chinese: characters) per minute, 80 to 300  "
                           "[default: piper's own pace; espeak 165, Chinese 240]")(fn)
    fn = click.option("--voice", default="none", show_default=True, metavar="ENGINE",
                      help="narration: none, piper (the bundled neural English voice), piper:MODEL.onnx (any Piper "
                           "voice, its .onnx.json beside it), espeak, espeak:VOICE (e.g. espeak:en-us+f3) or "
                           "recorded:DIR (DIR/SCENE/BEAT.wav|.flac|.ogg|.mp3; `render.py script` lists the beats)")(fn)
    fn = click.option("--theme", type=click.Choice(["dark", "light"]), default="dark", show_default=True,
                      help="light: dark text on white, for clips laid on white slides")(fn)
    fn = click.option("--burn-captions", is_flag=True,
                      help="draw the captions into the picture too (for places where .srt files get lost)")(fn)
    return fn


def check_voice(text: str, speed, specs, lang: str = "en", fmt: str = "mp4"):
    from studio import narration

    try:
        return narration.check(text, speed, lang, fmt, [s.id for s in specs])
    except narration.VoiceError as e:
        raise BadInput(str(e)) from None


def make_request(*, targets=(), quality: str, out, lang: str, jobs: int | None = None, force: bool = False,
                 verbose: bool = False, scheduler: str | None = None, fmt: str = "mp4", transparent: bool = False,
                 burn_captions: bool = False, theme: str = "dark", voice: str = "none", speed: int | None = None,
                 **values) -> RenderRequest:
    """Click's options to a checked request, every check in the order a user would fix them.
    Nothing is created or started yet."""
    specs = resolve_targets(targets)
    per_scene = check_params(specs, params.given(values))
    check_tools()
    check_font(lang)
    out = check_out(out)
    check_cache()
    return RenderRequest.of(specs=specs, per_scene=per_scene, jobs=jobs or os.cpu_count() or 1, force=force,
                            scheduler=scheduler, quality=quality, out=str(out), format=fmt, transparent=transparent,
                            lang=lang, verbose=verbose, burn_captions=burn_captions, theme=theme,
                            voice=check_voice(voice, speed, specs, lang, fmt))


def executor_for(req: RenderRequest):
    """Local processes (None: the runner's default), or the Dask cluster, greeted before anything is made."""
    if not req.scheduler:
        return None
    from studio.executors import DaskCluster, SchedulerError

    try:
        return DaskCluster(req.scheduler)
    except SchedulerError as e:
        raise BadInput(str(e)) from None


def render_all(req: RenderRequest):
    """Render the request's scenes; one line per failure and exit 1 if any failed."""
    from studio import runner

    executor = executor_for(req)
    req.out.mkdir(parents=True, exist_ok=True)  # every value passed: now the folder may appear
    report = runner.run(req.render_jobs(), req.out, req.jobs, force=req.force, echo=click.echo,
                        executor=executor)
    if report.stopped:
        raise report.stopped
    for r in report.results:
        for note in r.entry.notes if r.ok and r.entry else []:
            click.echo(f"note: {note}", err=True)
    for r in report.failed:
        click.echo(f"FAILED {r.scene}: {r.error}", err=True)
        if req.verbose:
            click.echo(r.traceback, err=True)
    done = [r for r in report.results if r.ok]
    click.echo(f"{len(done)} of {len(report.results)} scenes ready in {quality_dir(req.out, req.quality, req.lang)}")
    if report.failed:
        raise RenderFailed(f"{len(report.failed)} scene(s) failed")
    return report


# -- commands -------------------------------------------------------------------------
@click.group(cls=Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nn-explainer", prog_name="render.py")
def cli():
    """Animated explainers for the simple math behind neural networks.

    Start with `list`, then `render SCENE -q low` for a quick look.
    """


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="machine-readable output")
def list_scenes(as_json):
    """Every scene with its chapter, description and parameters (default and allowed range)."""
    rows = [{"scene": s.id, "class": s.name, "chapter": s.chapter, "chapter_title": catalog.chapter_title(s.chapter),
             "title": s.title(), "description": s.description(), "trace": s.trace,
             "parameters": {params.flag_of(k): v for k, v in s.defaults().items() if k in params.KEYWORDS},
             "ranges": {params.flag_of(k): params.bounds_of(k, s.id) for k in s.defaults() if k in params.KEYWORDS}}
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
        for flag, v in r["parameters"].items():
            click.echo(f"  {'':<26}{flag} {_show(v)}  ({r['ranges'][flag]})")


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
@look_options
@params.scene_options
def render(fmt, transparent, **options):
    """Render scenes or chapters (none = the whole series).

    TARGETS are scene names (see `list`) or chapters (1, ch2, chapter-3).
    Layout: OUT/QUALITY/SCENE.mp4, .srt, .vtt, .png (poster), SCENE/ (section clips), OUT/manifest.json.
    """
    if transparent and fmt not in ("mov", "webm"):
        raise BadInput("--transparent needs --format mov or webm (mp4 has no alpha channel)")
    render_all(make_request(fmt=fmt, transparent=transparent, **options))


@cli.command(help="Print the numbers behind a scene: the nncore trace NAME, as JSON.\n\nNAME is one of: "
             + ", ".join(sorted(TRACES)) + ". Options change the inputs, as for `render`.")
@click.argument("name", type=click.Choice(sorted(TRACES)), metavar="NAME")
@click.option("--json", "as_json", is_flag=True, help="print JSON (the default output is the same JSON, indented)")
@params.scene_options
def trace(name, as_json, lang, **values):
    values = params.given(values)
    accepted = set(inspect.signature(TRACES[name]).parameters)
    if set(values) - accepted:
        flags = ", ".join(sorted(params.flag_of(k) for k in set(values) - accepted))
        raise BadInput(f"{flags} does not apply to trace {name}")
    click.echo(json.dumps(_trace(name, values), indent=None if as_json else 2, allow_nan=False))


@cli.command()
@click.argument("targets", nargs=-1)
@click.option("--out", type=OutDir(), default=DEFAULT_OUT, show_default="media/", help="output folder")
@click.option("--quality", "-q", type=click.Choice(list(QUALITIES)), default="low", show_default=True,
              help="frame size used to lay out the scenes (timings do not depend on it)")
@params.scene_options
def script(**options):
    """The narration script to record from: each beat's text and the seconds its picture needs,
    as OUT/narration-script.LANG.md (to read) and .csv (for tools). TARGETS as for `render`."""
    from studio import script as writer
    from studio import worker

    req = make_request(jobs=1, **options)
    req.out.mkdir(parents=True, exist_ok=True)
    plans = {}
    for job in req.render_jobs():
        plans[job.scene] = worker.plan_beats(job)
    md, table = writer.write(req.out, req.lang, plans)
    click.echo(f"narration script: {md} and {table} ({sum(len(p) for p in plans.values())} beats)")


def _series_command(build=None, **extra):
    """`explainer` and `lecture`: render what is not up to date (mp4), then `build` from the entries.
    `extra`: options of one command (name -> click option), passed on to its `build` by name."""
    if build is None:
        return lambda b: _series_command(b, **extra)

    @click.argument("targets", nargs=-1)
    @output_options
    @look_options
    @params.scene_options
    def command(**options):
        more = {k: options.pop(k) for k in extra}
        req = make_request(**options)
        report = render_all(req)
        entries = {r.entry.scene: r.entry for r in report.results}
        build(req, [entries[s.id] for s in req.specs], **more)

    command.__doc__ = build.__doc__
    for option in extra.values():
        command = option(command)
    return cli.command(build.__name__)(command)


@_series_command
def explainer(req, entries):
    """The whole series as one video: OUT/QUALITY/explainer.mp4 with chapters and captions.

    Renders what is not up to date, then joins the scene videos by stream copy
    (no re-encoding) and writes explainer.srt, .vtt and explainer.chapters.txt.
    TARGETS (scenes or chapters) make a shorter explainer of just those, in series order.
    """
    from studio import explainer as ex

    with stopping.deferred():
        built = ex.build(req.out, req.quality, req.lang, entries)
    click.echo(f"explainer: {built['video']} ({built['duration']:.1f} s, {built['chapters']} chapters)")


@_series_command(no_predict=click.option("--no-predict", is_flag=True,
                                         help="no prediction pauses in the presenter (P turns them on there)"))
def lecture(req, entries, no_predict=False):
    """A self-contained lecture page, OUT/QUALITY/index.html, with every scene's video,
    captions, description, formulas and section clips (relative paths: copy the folder anywhere).

    Renders what is missing first. TARGETS as for `render` (none = the whole series).
    """
    from studio import lecture as lec

    with stopping.deferred():
        page = lec.build(req.out, req.quality, req.lang, {e.scene: e for e in entries}, predict_on=not no_predict)
    click.echo(f"lecture page: {page}")


@_series_command
def slides(req, entries):
    """Slides for PowerPoint and Impress: OUT/QUALITY/slides.pptx.

    A title slide and a divider per chapter in the clips' theme, one slide per beat with its clip
    full-slide, playing as the slide is shown, and the beat's caption in the speaker notes.
    Renders what is not up to date first. TARGETS as for `render` (none = the whole series).
    """
    from studio import slides as deck

    with stopping.deferred():
        dest = deck.build(req.out, req.quality, req.lang, entries, theme=req.job.theme)
    click.echo(f"slides: {dest}")


@cli.command()
@click.argument("targets", nargs=-1)
@click.option("--seed", type=click.IntRange(0, MAX_SEED), default=1, show_default=True,
              help=f"which worksheet, 0 to {MAX_SEED:,}: the same seed gives the same files, byte for byte")
@click.option("--count", type=click.IntRange(1, MAX_COUNT), default=2, show_default=True,
              help=f"exercises per scene, 1 to {MAX_COUNT}")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True, help="language of the sheets")
@click.option("--out", type=OutDir(), default=DEFAULT_OUT, show_default="media/", help="output folder")
def worksheet(targets, seed, count, lang, out):
    """Exercises to print, with an answer key: OUT/worksheets/[LANG/]seed-N/worksheet.html|pdf and
    answers.html|pdf. TARGETS as for `render` (none = every scene that has exercises); `--seed 1`
    to `--seed 30` make a different sheet for each of 30 pupils."""
    from studio import worksheet as ws

    scenes = [s.id for s in resolve_targets(targets) if s.id in SCENE_KINDS]
    if not scenes:
        raise BadInput(f"no exercises for {', '.join(targets)}; scenes with exercises: {', '.join(SCENE_KINDS)}")
    if ws.chromium() is None:
        raise BadInput("chromium not found (it prints the PDFs): run `make setup` or apt-get install chromium")
    try:
        import playwright  # noqa: F401  (drives chromium)
    except ImportError:
        raise BadInput("playwright (drives chromium to print the PDFs) is missing: run `make setup` "
                       "or pip install playwright") from None
    check_font(lang)
    out = check_out(out)
    with stopping.deferred():
        files = ws.build(out, scenes, seed, count, lang)
    click.echo(f"worksheet: {files['worksheet.pdf']} and answers {files['answers.pdf']}")


def main():
    stopping.install()
    cli(prog_name="render.py")
