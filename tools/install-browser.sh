#!/usr/bin/env bash
# The browser the live-preview test drives: Debian's Chromium, installed where it is missing.
# Playwright is told to use it (no browser is downloaded at test time).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-browser: not root; install Debian's chromium package to run the browser test" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
