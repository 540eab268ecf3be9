"""The palette swap of the light theme, done where colours are drawn: every mobject of every scene
follows, colour changes mid-animation included, with no scene edited."""
from __future__ import annotations

import colorsys

import numpy as np
from manim import Camera, ManimColor

from manimcompat import path_caching_camera, recolouring_camera

from scenes.kit import palette


def _rgb(hex_color: str) -> np.ndarray:
    return np.array(ManimColor(hex_color).to_rgb(), dtype=float)


_DARK = np.array([_rgb(c) for c in palette.LIGHT])
_LIGHT = np.array([_rgb(c) for c in palette.LIGHT.values()])


def light_rgb(rgb) -> np.ndarray:
    """The light theme's colour for a dark-theme colour: the palette's own pair when it is a palette
    colour, else (blends, Manim's defaults) greys inverted and colours darkened to stay readable on white."""
    rgb = np.asarray(rgb, dtype=float)
    dist = np.abs(_DARK - rgb).sum(axis=1)
    k = int(np.argmin(dist))
    if dist[k] < 1e-3:
        return _LIGHT[k]
    h, l, s = colorsys.rgb_to_hls(*rgb)
    l = 1.0 - l if s < 0.25 else min(l, 0.42)
    return np.array(colorsys.hls_to_rgb(h, l, s))


def _to_light(rgbas):
    out = np.array(rgbas, dtype=float, copy=True)
    for row in out:
        row[:3] = light_rgb(row[:3])
    return out


LightCamera = recolouring_camera(_to_light)   # draws the dark palette as the light one


# Both keep the cairo path of a vmobject drawn again unchanged (most of a frame: what stays put
# above something that moves is redrawn every frame).
CAMERAS = {"dark": path_caching_camera(Camera), "light": path_caching_camera(LightCamera)}


def background(theme: str) -> str:
    return palette.LIGHT[palette.BACKGROUND] if theme == "light" else palette.BACKGROUND
