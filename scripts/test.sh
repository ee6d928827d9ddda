#!/usr/bin/env bash
# `npm test`: every check, against real FerretDB and Redis, ending with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-deps.sh
exec node_modules/.bin/tsx scripts/test.ts "$@"
