"""What travels between the command line, the runner and the workers (local or on a Dask cluster)."""
from __future__ import annotations

import dataclasses
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
    """One `render`/`explainer`/`lecture` call, checked: what the runner needs to do it.
    `job` holds what every scene's job shares (its scene and parameters are filled per scene)."""
    specs: list
    per_scene: dict
    job: RenderJob
    jobs: int = 1
    force: bool = False
    scheduler: str | None = None

    @classmethod
    def of(cls, *, specs: list, per_scene: dict, jobs: int = 1, force: bool = False, scheduler: str | None = None,
           **job_fields) -> "RenderRequest":
        """The request from named values; `job_fields` are RenderJob's (quality, out, format, voice, ...)."""
        return cls(specs, per_scene, RenderJob(scene="", params={}, **job_fields), jobs, force, scheduler)

    @property
    def out(self) -> Path:
        return Path(self.job.out)

    @property
    def quality(self) -> str:
        return self.job.quality

    @property
    def lang(self) -> str:
        return self.job.lang

    @property
    def verbose(self) -> bool:
        return self.job.verbose

    def render_jobs(self) -> list[RenderJob]:
        from studio import narration

        voice = self.job.voice
        return [dataclasses.replace(self.job, scene=s.id, params=self.per_scene[s.id],
                                    recordings=narration.recordings(voice.folder, s.id)
                                    if voice.engine == "recorded" else {})
                for s in self.specs]
