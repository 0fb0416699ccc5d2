#!/usr/bin/env bash
# The main job on the embedded default: index samples/ into the local index, then query it.
set -euo pipefail
cd "$(dirname "$0")/.."
export THIDUA_HOME="${THIDUA_HOME:-$PWD/.thidua}"
bin=.venv/bin
echo "== thidua ingest samples/  (local index in $THIDUA_HOME)"
$bin/thidua ingest samples/
echo
echo "== thidua search --unit 'Sở Nội vụ' --year 2023"
$bin/thidua search --unit "so noi vu" --year 2023
echo
echo "== thidua stats awards"
$bin/thidua stats awards
