#!/usr/bin/env bash
# What the suite needs from Debian, installed where it is missing: Chromium, which the
# live-preview test drives (Playwright is told to use it; no browser is downloaded at test
# time), and poppler's pdfinfo, the reader other than ours that checks the tagged PDFs.
set -euo pipefail
missing=()
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  missing+=(chromium)
fi
if ! command -v pdfinfo >/dev/null 2>&1; then
  missing+=(poppler-utils)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-browser: not root; install Debian's ${missing[*]} to run the whole suite" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq "${missing[@]}" >/dev/null
