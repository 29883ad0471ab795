#!/usr/bin/env bash
# Quick start 1: set up, then cross-check the bundled example articles.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/recoupe compare examples/crue-argens/*.txt "$@"
