#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian 12 machine (apt, pip, npm), then runs them all.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 || ! command -v dot >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium graphviz >/dev/null
fi
python3 -m pip install -q -e '.[test]'
npm ci --prefix tests/js --no-audit --no-fund --silent
ruff check coursec tests bench
mypy
node --test tests/js/unit/
python3 -m pytest -n 2 -q
