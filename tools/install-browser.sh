#!/usr/bin/env bash
# What the suite needs from Debian, installed where it is missing: Chromium, which the
# live-preview test drives (Playwright is told to use it; no browser is downloaded at test
# time), and poppler's pdfinfo, the reader other than ours that checks the tagged PDFs.
# Where they cannot be installed, it says so and the tests that need them are skipped.
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
cannot() {
  echo "install-browser: $1; the tests that need ${missing[*]} will be skipped." >&2
  echo "install-browser: to run them, install them (Debian/Ubuntu: sudo apt-get install ${missing[*]})." >&2
  exit 0
}
command -v apt-get >/dev/null 2>&1 || cannot "no apt-get here to install ${missing[*]} with"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=sudo
  else
    cannot "installing ${missing[*]} needs root (or sudo without a password)"
  fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-browser: installing Debian's ${missing[*]} for the suite" >&2
${SUDO:-} apt-get update -qq >/dev/null || cannot "apt-get update failed"
${SUDO:-} apt-get install -y -qq "${missing[@]}" >/dev/null || cannot "apt-get could not install ${missing[*]}"
