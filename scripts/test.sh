#!/usr/bin/env bash
# The whole test suite: system packages it needs, type check, lint and format, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
npm run --silent check
node scripts/run-tests.mjs all
