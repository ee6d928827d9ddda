#!/usr/bin/env bash
# `npm run audit`: Lighthouse (mobile and desktop) on every page of a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-deps.sh
exec node_modules/.bin/tsx scripts/audit.ts "$@"
