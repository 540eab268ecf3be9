#!/usr/bin/env bash
# Idempotent setup: system libraries (only the missing ones), .venv, the project.
# Quick when everything is there: dpkg -s and a stamp file skip the slow parts.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}

# gcc + libc headers + Python's headers: pycairo and ManimPango have no Linux wheels and build
# from source (a fresh Debian has no compiler: "meson: Unknown compiler(s)");
# cairo/pango headers + pkg-config: the same builds; latex + dvisvgm render MathTex;
# fonts: DejaVu for Latin text, Noto CJK for the Chinese edition;
# espeak-ng: the light offline voice (--voice espeak), English and Mandarin;
# ffmpeg: the tests' independent meters (ebur128 loudness and true peak, freezedetect);
# chromium: the lecture page is tested in a real headless browser;
# libreoffice-impress + poppler-utils: slides.pptx is tested by converting it to PDF and reading it.
APT_PACKAGES="gcc libc6-dev libcairo2-dev libpango1.0-dev pkg-config \
texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm \
fonts-dejavu-core fonts-noto-cjk espeak-ng ffmpeg \
chromium libreoffice-impress poppler-utils"
# Debian's python3 keeps its headers in python3-dev; a Python built elsewhere (pyenv) has its own.
if [ ! -f "$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h" ]; then
  APT_PACKAGES="$APT_PACKAGES python3-dev"
fi

missing=""
for p in $APT_PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing system packages; run: sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
  fi
  echo "setup: installing system packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
# Reinstall only when pyproject.toml changed since the last install.
stamp=.venv/.installed-pyproject
if [ ! -f "$stamp" ] || ! cmp -s pyproject.toml "$stamp"; then
  echo "setup: pip install -e '.[test]'"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  cp pyproject.toml "$stamp"
fi
