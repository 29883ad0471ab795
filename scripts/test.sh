#!/usr/bin/env bash
# Quick start 2: set everything up (Python deps, PostgreSQL 15, Chromium), then run ruff, mypy and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ "${#need_apt[@]}" -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "recoupe: installing system packages: ${need_apt[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
    else
        echo "recoupe: not root: cannot install ${need_apt[*]}; tests that need them will skip" >&2
    fi
fi

bash scripts/setup.sh dev,postgres,dask,parquet

if [ -z "${RECOUPE_TEST_PG:-}" ] && [ -f scripts/start_postgres.sh ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    RECOUPE_TEST_PG="$(bash scripts/start_postgres.sh | tail -n 1)"
    export RECOUPE_TEST_PG
fi

. .venv/bin/activate
echo "== ruff"
ruff check src tests benchmarks
ruff format --check src tests benchmarks
echo "== mypy"
mypy
echo "== pytest"
pytest -q "$@"
