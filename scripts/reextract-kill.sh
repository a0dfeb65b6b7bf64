#!/bin/sh
# kill -9 during `letopis reextract` many times over (tests/workflow/test_reextract_kill.py with more runs
# and several seeds), on SQLite; add "-k postgresql" style selection through PYTEST_ARGS if wanted.
#   scripts/reextract-kill.sh [RUNS_PER_SEED] [SEEDS]
set -eu
runs=${1:-40}
seeds=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-"$root/.venv/bin/python"}
seed=1
while [ "$seed" -le "$seeds" ]; do
    echo "seed $seed: $runs killed runs"
    LETOPIS_KILL_RUNS=$runs LETOPIS_KILL_SEED=$seed PYTHONPATH="$root/src:$root" \
        "$python" -m pytest "$root/tests/workflow/test_reextract_kill.py" -q -x -p no:cacheprovider \
        -k "${PYTEST_K:-sqlite}" ${PYTEST_ARGS:-}
    seed=$((seed + 1))
done
