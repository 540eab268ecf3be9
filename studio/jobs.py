"""What travels between the command line, the runner and the workers (local or on a Dask cluster)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studio.manifest import Entry
from studio.narration import Voice


@dataclass
class RenderJob:
    scene: str
    params: dict
    quality: str
    format: str = "mp4"
    transparent: bool = False
    lang: str = "en"
    out: str = "media"
    verbose: bool = False
    burn_captions: bool = False
    theme: str = "dark"
    voice: Voice = field(default_factory=Voice)
    recordings: dict = field(default_factory=dict)  # recorded voice: {beat: bytes}, travels with the job
    key: str = ""              # the up-to-date key (sources, versions, everything above)
    cache: str | None = None   # a shared SVG cache folder; default OUT/.work/cache

    def scene_kwargs(self) -> dict:
        """What the scene's constructor takes besides the voice lengths (known only at render time)."""
        return {"lang": self.lang, "burn_captions": self.burn_captions, "theme": self.theme, **self.params}


@dataclass
class RenderResult:
    scene: str
    ok: bool
    seconds: float = 0.0
    entry: Entry | None = None
    up_to_date: bool = False
    error: str = ""
    traceback: str = ""
    payload: dict = field(default_factory=dict)  # shipped files' bytes (Dask), by path
    notes: list = field(default_factory=list)    # worth a line in the summary (a missing recording, ...)


@dataclass
class RenderRequest:
    """One `render`/`explainer`/`lecture` call, checked: what the runner needs to do it."""
    specs: list
    per_scene: dict
    quality: str
    out: Path
    fmt: str = "mp4"
    transparent: bool = False
    lang: str = "en"
    jobs: int = 1
    force: bool = False
    verbose: bool = False
    scheduler: str | None = None
    burn_captions: bool = False
    theme: str = "dark"
    voice: Voice = field(default_factory=Voice)

    def render_jobs(self) -> list[RenderJob]:
        from studio import narration

        return [RenderJob(s.id, self.per_scene[s.id], self.quality, self.fmt, self.transparent, self.lang,
                          str(self.out), self.verbose, self.burn_captions, self.theme, self.voice,
                          narration.recordings(self.voice.folder, s.id) if self.voice.engine == "recorded" else {})
                for s in self.specs]
