#!/usr/bin/env bash
# CPU per request kind in one gunicorn worker (production settings), on the load test's database.
#   bench/load/cpu_per_request.sh [DATABASE_URL]   default: the database of bench/load/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=/tmp/yhdyspinta-load PORT=8799
export DEBUG=0 SECRET_KEY="cpu-test-only-$RANDOM$RANDOM" ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0
export SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING PAGE_CACHE_DIR="$WORK/cpu-page-cache"
export DATABASE_URL="${1:-sqlite:///$WORK/load.sqlite3}" LOAD_PLAN="$WORK/cpu-plan.json"
rm -rf "$PAGE_CACHE_DIR"
.venv/bin/python manage.py trust_load_plan > "$LOAD_PLAN"
.venv/bin/gunicorn config.wsgi -w 1 -b "127.0.0.1:$PORT" --error-logfile "$WORK/cpu-gunicorn.log" \
  --capture-output &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
.venv/bin/python bench/load/cpu_per_request.py "$(pgrep -P $GUNICORN | head -1)" "http://127.0.0.1:$PORT"
