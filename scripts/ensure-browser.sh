#!/usr/bin/env bash
# Debian's Chromium and the CJK fonts for the browser tests (no Playwright browser download is reachable):
# installed when missing, like scripts/ensure-services.sh does for PostgreSQL and Redis.
set -uo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
have_fonts() { fc-list :lang=zh 2>/dev/null | grep -qi noto; }
if [ -x "$CHROMIUM" ] && have_fonts; then
  echo "Chromium and CJK fonts are installed ($("$CHROMIUM" --version 2>/dev/null))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ERROR: $CHROMIUM or fonts-noto-cjk missing and no apt-get to install them (set CHROMIUM_PATH)"
  exit 1
fi
echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null || {
  echo "ERROR: could not install chromium and fonts-noto-cjk"
  exit 1
}
echo "Installed $("$CHROMIUM" --version 2>/dev/null)"
