#!/usr/bin/env bash
# The README's promise, tried for real: a new Debian 12 root with nothing but Python 3
# (debootstrap minbase + python3 python3-venv make git), a clone of this repo's HEAD,
# `make test`, then `make video QUALITY=low`. Needs root; takes many minutes (not in `make test`).
#
#   sudo scripts/fresh-check.sh [WORKDIR]      # default WORKDIR: /var/tmp/nn-fresh
#
# Only the machine's apt and pip configuration (mirrors, certificates) is copied in; every
# package the project needs must come from its own setup. The minbase image is cached as a
# tarball in WORKDIR (it is the same pristine image each time); the root itself is new per run.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "fresh-check: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "fresh-check: apt-get install debootstrap" >&2; exit 2; }

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/var/tmp/nn-fresh}
base=$work/base-bookworm.tgz
root=$work/root
mkdir -p "$work"

cleanup() {
  for m in dev/shm dev/pts dev sys proc src; do
    if mountpoint -q "$root/$m" 2>/dev/null; then umount -l "$root/$m"; fi
  done
}
trap cleanup EXIT

if [ ! -f "$base" ]; then
  echo "fresh-check: debootstrap (once; cached in $base)"
  rm -rf "$work/pristine"
  debootstrap --variant=minbase --include=python3,python3-venv,make,git,ca-certificates \
    bookworm "$work/pristine" http://deb.debian.org/debian >"$work/debootstrap.log"
  tar -C "$work/pristine" -czf "$base.tmp" . && mv "$base.tmp" "$base"
  rm -rf "$work/pristine"
fi

cleanup
rm -rf "$root" && mkdir -p "$root"
tar -C "$root" -xzf "$base"

# The machine's way to reach the registries (mirrors, proxy certificates), nothing else.
if [ -d /etc/apt/sources.list.d ] && [ -n "$(ls /etc/apt/sources.list.d)" ]; then
  rm -f "$root/etc/apt/sources.list"  # debootstrap's own; the machine's list replaces it
  cp -a /etc/apt/sources.list.d/. "$root/etc/apt/sources.list.d/"
fi
if [ -f /etc/apt/sources.list ]; then cp /etc/apt/sources.list "$root/etc/apt/"; fi
if [ -d /usr/local/share/ca-certificates ]; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
fi
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
for f in /etc/apt/apt.conf.d/*; do
  case $(basename "$f") in docker-*|*autoremove*) ;; *) cp "$f" "$root/etc/apt/apt.conf.d/" ;; esac
done
if [ -f /etc/pip.conf ]; then cp /etc/pip.conf "$root/etc/"; fi
if [ -d /etc/xdg/pip ]; then mkdir -p "$root/etc/xdg" && cp -a /etc/xdg/pip "$root/etc/xdg/"; fi
cp /etc/resolv.conf "$root/etc/resolv.conf"

mkdir -p "$root/src" "$root/dev/shm"
mount --bind "$repo" "$root/src"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t tmpfs shm "$root/dev/shm"

echo "fresh-check: in the fresh root: clone, make test, make video QUALITY=low"
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 /bin/bash -euo pipefail -c '
    git config --global --add safe.directory /src/.git
    git clone -q /src /root/nn-explainer
    cd /root/nn-explainer
    s=$(date +%s); make test;                 echo "fresh-check: make test took $(( $(date +%s) - s )) s"
    s=$(date +%s); make video QUALITY=low;    echo "fresh-check: make video QUALITY=low took $(( $(date +%s) - s )) s"
    test -s media/low/explainer.mp4
  '
echo "fresh-check: passed"
