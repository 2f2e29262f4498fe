#!/usr/bin/env bash
# Every test, in the order that fails fastest: types, unit and protocol tests, one production
# build, then the browser and HTTP suites against that build.
set -euo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export NEXT_TELEMETRY_DISABLED=1

echo "== typecheck"
npx tsc --noEmit
echo "== unit and protocol tests (vitest)"
npx vitest run
echo "== production build"
npm run -s build
echo "== end-to-end (Playwright, Chromium)"
npx playwright test
