#!/usr/bin/env bash
# Coverage-guided fuzzing (atheris/libFuzzer) of every importer's parsing layer, one harness after
# the other — a long-running check, not part of the pytest suite. Needs `pip install -e ".[fuzz]"`.
#
#   bench/fuzz/run.sh [SECONDS] [HARNESS ...]      # default: 60 s each, all fuzz_*.py harnesses
#
# Per harness: executions, libFuzzer's final `cov:` figure and findings (crash-/timeout-/oom- files
# in /tmp/yhdyspinta-fuzz/<harness>/; files of an earlier run are moved to previous/ first; the
# log is fuzz.log there). Replay a finding: .venv/bin/python bench/fuzz/<harness>.py <crash file>.
# Exit status 1 if any harness found something.
set -uo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH="${1:-60}"
shift $(( $# > 0 ? 1 : 0 ))
PY=.venv/bin/python
OUT="${YHDYSPINTA_FUZZ_DIR:-/tmp/yhdyspinta-fuzz}"
if [ $# -gt 0 ]; then HARNESSES=("$@"); else
  HARNESSES=(fuzz_csv fuzz_xlsx fuzz_indicator_values fuzz_survey fuzz_readiness fuzz_funding_inputs fuzz_catalogue)
fi
$PY -c "import atheris" 2>/dev/null || { echo "atheris missing: .venv/bin/pip install -e \".[fuzz]\"" >&2; exit 2; }

echo "atheris run $(date -u +%Y-%m-%dT%H:%M:%SZ), ${SECONDS_EACH} s per harness, $(nproc) cores"
printf '%-24s %12s %8s %8s %9s  %s\n' harness executions exec/s cov findings first
failed=0
for h in "${HARNESSES[@]}"; do
  h="${h%.py}"; h="${h##*/}"
  dir="$OUT/$h"
  mkdir -p "$dir/previous"
  find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) \
    -exec mv -f {} "$dir/previous/" \;
  timeout -k 10 $((SECONDS_EACH + 180)) $PY "bench/fuzz/$h.py" "-max_total_time=$SECONDS_EACH" > "$dir/fuzz.log" 2>&1
  status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$dir/fuzz.log" | grep -o '[0-9]*$' | tail -1)
  [ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$dir/fuzz.log" | tail -1 | tr -d '#')
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$dir/fuzz.log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$dir/fuzz.log" | tail -1 | grep -o '[0-9]*')
  findings=$(find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  first=""
  if [ "$findings" -gt 0 ]; then
    failed=1
    first=$(grep -A1 -m1 -E 'Uncaught Python exception|ERROR: libFuzzer: (timeout|out-of-memory)' "$dir/fuzz.log" | tail -1)
  elif [ "$status" -ne 0 ]; then
    failed=1
    first="exit status $status without a crash file, see $dir/fuzz.log"
  fi
  printf '%-24s %12s %8s %8s %9s  %s\n' "$h" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$findings" "$first"
  find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) \
    -printf '    %p\n'
done
exit $failed
