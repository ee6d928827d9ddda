#!/usr/bin/env bash
# `npm run demo`: the whole app with its embedded services and demo data on http://localhost:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-deps.sh
exec node_modules/.bin/tsx scripts/demo.ts "$@"
