#!/usr/bin/env bash
# The browser the live-preview test drives: Debian's Chromium, installed where it is missing.
# Playwright is told to use it (no browser is downloaded at test time).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
cannot() {
  echo "install-browser: $1; the live-preview browser test will be skipped." >&2
  echo "install-browser: to run it, install Chromium (Debian/Ubuntu: sudo apt-get install chromium)." >&2
  exit 0
}
command -v apt-get >/dev/null 2>&1 || cannot "no apt-get here to install Chromium with"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=sudo
  else
    cannot "installing Chromium needs root (or sudo without a password)"
  fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-browser: installing Debian's chromium package for the live-preview test" >&2
${SUDO:-} apt-get update -qq >/dev/null || cannot "apt-get update failed"
${SUDO:-} apt-get install -y -qq chromium >/dev/null || cannot "apt-get could not install chromium"
