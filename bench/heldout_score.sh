#!/usr/bin/env bash
# Print the extraction scores on the dev set (../shared/eval) and on the held-out set
# written in this project (tests/heldout), one table after the other.
# Usage: bench/heldout_score.sh [--show]   (run from anywhere; extra args go to score.py)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
python=".venv/bin/python"
[ -x "$python" ] || python="python3"
thidua=".venv/bin/thidua"
[ -x "$thidua" ] || thidua="thidua"
score="../shared/eval/score.py"

if [ -f "$score" ] && [ -d ../shared/eval/corpus ]; then
    echo "== dev set (../shared/eval)"
    "$python" "$score" --corpus ../shared/eval/corpus --gold ../shared/eval/gold \
        --cmd-batch "$thidua extract --jsonl {files}" "$@"
else
    echo "== dev set: ../shared/eval not found, skipped"
fi
echo
echo "== held-out set (tests/heldout)"
if [ ! -f "$score" ]; then
    echo "no scorer: $score (it lives beside the project in ../shared/eval)" >&2
    exit 2
fi
"$python" "$score" --corpus tests/heldout/corpus --gold tests/heldout/gold \
    --cmd-batch "$thidua extract --jsonl {files}" "$@"
