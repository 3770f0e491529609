#!/usr/bin/env bash
# System libraries Qt needs on Linux, a CJK font so Chinese renders on screen and in PDFs, the programs
# the tests use (poppler-utils, LibreOffice Calc) and the PostgreSQL server the team-mode tests start in a
# temporary folder (tools/pglocal.py).
# Installs them with apt-get when run as root (or with sudo) and they are missing; otherwise says what to install.
set -u
[ "$(uname -s)" = "Linux" ] || exit 0
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian/Ubuntu system; install Qt's runtime libraries and a CJK font (Noto Sans CJK) yourself"; exit 0; }
pkgs="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 fonts-noto-cjk"
# Tools the tests run (under CI=true a test whose tool is missing fails instead of skipping):
# pdftotext/pdfinfo check the printed PDFs; LibreOffice Calc round-trips the exported workbooks.
pkgs="$pkgs poppler-utils libreoffice-calc"
pkgs="$pkgs postgresql"   # the team-mode tests' server
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "system-deps: please install:$missing"; exit 0; fi
echo "system-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 \
  || echo "system-deps: could not install$missing (Chinese may not render; see README)"
exit 0
