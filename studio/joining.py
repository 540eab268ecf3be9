"""Video files without re-encoding: remux (web-optimised), add a voice, join with chapter marks; and GIFs.

Containers live here, sound in studio/narration.py: this module uses narration, never the reverse."""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

from studio import atomic, narration

# The mp4 index (moov) in front of the data: a page or course site can start playing at once.
FASTSTART = {"movflags": "+faststart"}


def video_end(path: Path) -> float:
    """Seconds from 0 to the end of the last frame (what joining lays end to end)."""
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        end = 0
        for pkt in c.demux(s):
            if pkt.pts is not None:
                end = max(end, pkt.pts + (pkt.duration or 0))
        return float(end * s.time_base)


def _copy_packets(inp, out, ostream, shift: int = 0) -> int:
    """Mux every packet of inp's video stream into ostream shifted by `shift`; returns the end pts."""
    s = inp.streams.video[0]
    end = 0
    for pkt in inp.demux(s):
        if pkt.dts is None:  # the demuxer's final flush packet
            continue
        end = max(end, pkt.pts + (pkt.duration or 0))
        pkt.pts += shift
        pkt.dts += shift
        pkt.stream = ostream
        out.mux(pkt)
    return end


def remux(src: Path, dest: Path) -> None:
    """`src` (mp4) to `dest` by stream copy with the index in front (faststart)."""
    with av.open(str(src)) as inp, av.open(str(dest), "w", format="mp4", container_options=FASTSTART) as out:
        ostream = out.add_stream_from_template(inp.streams.video[0])
        _copy_packets(inp, out, ostream)


def mux(video: Path, track: np.ndarray, dest: Path, fmt: str = "mp4", rate: int = narration.RATE) -> None:
    """`video`'s picture (stream copy) with `track` encoded beside it, into `dest`."""
    options = FASTSTART if fmt == "mp4" else {}
    with av.open(str(video)) as inp, av.open(str(dest), "w", format={"mov": "mov"}.get(fmt, fmt),
                                             container_options=options) as out:
        vin = inp.streams.video[0]
        vout = out.add_stream_from_template(vin)
        aout = narration.add_voice_stream(out, fmt, rate)
        for pkt in inp.demux(vin):
            if pkt.dts is None:
                continue
            pkt.stream = vout
            out.mux(pkt)
        narration.encode_audio(out, aout, track)


def concat(paths: list[Path], dest: Path, chapters: list[tuple[float, float, str]] = ()) -> float:
    """Write `paths` one after another into `dest` (whole or not at all); returns the total seconds.

    All inputs must share codec, size and frame rate (renders of one quality do). The pictures
    are stream-copied; if every input is narrated, their voices are laid at the same offsets on one
    track and encoded once (copying AAC packets would carry each file's encoder delay along)."""
    voiced = bool(paths) and all(narration.has_audio(p) for p in paths)
    offset, starts = Fraction(0), []
    with atomic.temporary(Path(dest)) as tmp:
        with av.open(str(tmp), "w", format="mp4", container_options=FASTSTART) as out:
            with av.open(str(paths[0])) as first:  # every stream exists before the first packet
                ostream = out.add_stream_from_template(first.streams.video[0])
                rate = first.streams.audio[0].rate if voiced else 0  # one voice engine: one rate
            if voiced:
                aout = narration.add_voice_stream(out, rate=rate)
            for path in paths:
                with av.open(str(path)) as inp:
                    s = inp.streams.video[0]
                    starts.append(offset)
                    end = _copy_packets(inp, out, ostream, int(round(offset / s.time_base)))
                    offset += end * s.time_base
            if voiced:
                track = np.zeros(int(round(offset * rate)), np.float32)
                for path, start in zip(paths, starts):
                    pcm = narration.decode(path, rate=rate)
                    a = int(round(start * rate))
                    track[a:a + pcm.size] = pcm[:track.size - a]
                narration.encode_audio(out, aout, track)
            if chapters:
                ms = Fraction(1, 1000)
                out.set_chapters([{"id": i, "start": int(a * 1000), "end": int(b * 1000), "time_base": ms,
                                   "metadata": {"title": title}} for i, (a, b, title) in enumerate(chapters, 1)])
    return float(offset)


def to_gif(src: Path, dest: Path) -> None:
    """A GIF of `src` with one palette made for the clip and no dithering.

    Manim's own GIF uses a fixed 3-3-2 colour cube with Bayer dithering: the noise on the dark
    flat background makes files ~20x larger. Two passes over the clip (memory stays one frame):
    palettegen over every frame, then paletteuse without dither, re-encoding only the changed
    rectangle of each frame."""
    palette = _palette(src)
    with av.open(str(src)) as inp, av.open(str(dest), "w", format="gif") as out:
        s = inp.streams.video[0]
        graph = av.filter.Graph()
        frames = graph.add_buffer(template=s)
        pal = graph.add_buffer(width=palette.width, height=palette.height, format=palette.format.name,
                               time_base=Fraction(1, 1))
        use = graph.add("paletteuse", "dither=none:diff_mode=rectangle")
        sink = graph.add("buffersink")
        frames.link_to(use, 0, 0)
        pal.link_to(use, 0, 1)
        use.link_to(sink)
        graph.configure()
        pal.push(palette)
        pal.push(None)  # one palette for the whole clip: paletteuse keeps the last one
        ostream = out.add_stream("gif", rate=s.average_rate)
        ostream.width, ostream.height, ostream.pix_fmt = s.codec_context.width, s.codec_context.height, "pal8"
        n = 0

        def drain():
            nonlocal n
            while True:
                try:
                    frame = sink.pull()
                except (av.error.BlockingIOError, av.error.EOFError):
                    return
                frame.pts, frame.time_base = n, 1 / s.average_rate
                n += 1
                out.mux(ostream.encode(frame))

        for frame in inp.decode(s):
            frames.push(frame)
            drain()
        frames.push(None)
        drain()
        out.mux(ostream.encode(None))


def _palette(src: Path):
    """palettegen's one 16x16 frame: the clip's 256 colours."""
    with av.open(str(src)) as inp:
        s = inp.streams.video[0]
        graph = av.filter.Graph()
        source = graph.add_buffer(template=s)
        gen = graph.add("palettegen", "stats_mode=full")
        sink = graph.add("buffersink")
        source.link_to(gen)
        gen.link_to(sink)
        graph.configure()
        for frame in inp.decode(s):
            source.push(frame)
        source.push(None)
        return sink.pull()


def youtube_stamp(seconds: float) -> str:
    s = int(seconds)
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
