#!/usr/bin/env bash
# System packages the test suite needs: Debian's Chromium (browser tests; never a downloaded
# browser) and axe-core from npm (accessibility checks). Idempotent; skips what is present.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null 2>&1; then
  npm install --silent --no-audit --no-fund --no-save axe-core@4 >/dev/null 2>&1 || echo "warning: axe-core not installed"
fi
