#!/usr/bin/env bash
# Mutation testing, one module at a time (mutmut 3, one worker): see scripts/mutation.py and
# docs/testing.md. Needs the "mutation" extra: .venv/bin/pip install -e ".[test,mutation]".
#   scripts/mutation.sh rkt_excel/schedule.py
#   scripts/mutation.sh --changed            # the modules this branch changes against main
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
[ -x "$python" ] || python=python3
exec "$python" "$root/scripts/mutation.py" "$@"
