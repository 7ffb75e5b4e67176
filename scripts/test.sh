#!/usr/bin/env bash
# Every check and every test, in the order a failure is cheapest to read. Run through scripts/run.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-browsers.sh
echo "== lint"; pnpm run --silent lint
echo "== typecheck"; pnpm run --silent typecheck
echo "== API reference (typedoc)"; pnpm run --silent docs:check
echo "== build"; pnpm run --silent build:quiet
echo "== package exports (publint, attw)"; pnpm run --silent check:packages
echo "== tests"
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json "$@" || status=$?
node scripts/test-summary.mjs test-results/vitest.json
exit $status
