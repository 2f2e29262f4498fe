#!/usr/bin/env bash
# Every test, in the order that fails fastest: types, lint, unit and protocol tests, one production
# build, then the browser and HTTP suites against that build, then one short pass of every
# benchmark on that same build (a smoke run: it checks they work, never how fast).
# Ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export NEXT_TELEMETRY_DISABLED=1
rm -rf .test-results && mkdir -p .test-results
trap 'node scripts/summarize-tests.mjs' EXIT

echo "== on Node $(node --version) ($(command -v node))"
echo "== typecheck"
npx tsc --noEmit
echo "== lint (ESLint: Next's and typescript-eslint's rules, import direction, no cycles)"
npm run -s lint
echo "== unit and protocol tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json
echo "== production build"
# No secret in the build environment: the build must not need one (read lazily at runtime).
env -u SESSION_SECRET -u DASHBOARD_USERS -u GEMINI_API_KEY -u GEMINI_API_SECRET npm run -s build
echo "== end-to-end (Playwright, Chromium)"
npx playwright test
echo "== benchmarks, smoke run (figures not checked)"
npm run -s bench:smoke
