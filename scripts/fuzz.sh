#!/usr/bin/env bash
# The differential fuzzer on any seed: scripts/fuzz.sh [--seed N] [--count M] [--skip ENGINES] [--http2]
# (through `npm run fuzz -- ...`). Runs test/conformance/fuzz.test.ts, which CI runs on its fixed seed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) export CORSKIT_FUZZ_SEED="$2"; shift 2 ;;
    --count) export CORSKIT_FUZZ_COUNT="$2"; shift 2 ;;
    --skip) export CORSKIT_SKIP_ENGINES="$2"; shift 2 ;;
    --http2) export CORSKIT_FUZZ_TRANSPORT=http2; shift ;;
    *) echo "usage: npm run fuzz -- [--seed N] [--count M] [--skip chromium,firefox,webkit] [--http2]" >&2; exit 2 ;;
  esac
done
exec pnpm exec vitest run test/conformance/fuzz.test.ts
