#!/bin/sh
# Installs ImageMagick from the distribution's packages, for the second development benchmark
# (scripts/gen-dev-bench-im.ts). Debian/Ubuntu only; run as root (or with sudo).
set -eu
if [ -x /usr/bin/convert ] && /usr/bin/convert -version 2>/dev/null | grep -q ImageMagick; then
  echo "ImageMagick is installed: $(/usr/bin/convert -version | head -n 1)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-imagemagick: no apt-get here; install ImageMagick 6 or 7 with your package manager" >&2
  exit 2
fi
apt-get update
apt-get install -y --no-install-recommends imagemagick
/usr/bin/convert -version | head -n 1
