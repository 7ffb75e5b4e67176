#!/usr/bin/env bash
# Entry point for the README's commands on a fresh machine: brings a Node >= 22 and pnpm when the
# machine's Node is older (from the npm registry's `node` package), installs the workspace, then
# runs the named task. Usage: scripts/run.sh demo|test|bench|<pnpm args...>
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.toolchain"
NODE_MAJOR=24
PNPM_VERSION=10.34.9

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major node)" -lt 22 ] || ! command -v pnpm >/dev/null 2>&1 || [ -x "$tools/node_modules/.bin/node" ]; then
  if [ ! -x "$tools/node_modules/.bin/node" ] || [ ! -x "$tools/node_modules/.bin/pnpm" ]; then
    echo "corskit: installing Node $NODE_MAJOR and pnpm $PNPM_VERSION into .toolchain/ (machine has Node $(node -v 2>/dev/null || echo none))" >&2
    mkdir -p "$tools"
    npm install --silent --no-save --no-package-lock --prefix "$tools" "node@$NODE_MAJOR" "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$tools/node_modules/.bin:$PATH"
fi

cd "$root"
if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  pnpm install --frozen-lockfile --reporter=append-only >&2
fi

task="${1:-}"
shift || true
case "$task" in
  demo) pnpm run --silent build:quiet && node examples/demo/check-demo.ts "$@" ;;
  test) exec bash scripts/test.sh "$@" ;;
  docs) exec pnpm run --silent docs "$@" ;;
  fuzz) exec bash scripts/fuzz.sh "$@" ;;
  bench) pnpm run --silent build:quiet && exec pnpm run --silent bench:run "$@" ;;
  *) exec pnpm "$task" "$@" ;;
esac
