#!/usr/bin/env bash
# `npm run bench`: throughput, latency, cache discipline and cost at 10x the data of a production build
# (about 10 minutes on a quiet machine; `--no-scale` leaves the 10x step out).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-deps.sh
command -v redis-benchmark >/dev/null || { echo "redis-benchmark is missing (apt-get install -y redis-tools)"; exit 1; }
exec node_modules/.bin/tsx scripts/bench/bench.ts "$@"
