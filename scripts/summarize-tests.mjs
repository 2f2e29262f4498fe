// Prints one closing line for the whole suite, from the JSON reports of Vitest and Playwright:
// "tests: N passed, N failed, N skipped". A report that is missing counts as a failure.
import { existsSync, readFileSync } from "node:fs";

const REPORTS = { vitest: ".test-results/vitest.json", playwright: ".test-results/playwright.json" };
let passed = 0;
let failed = 0;
let skipped = 0;

for (const [runner, file] of Object.entries(REPORTS)) {
  if (!existsSync(file)) {
    console.log(`${runner}: no report (did not run to the end)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  if (runner === "vitest") {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    console.log(`${runner}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  } else {
    const { expected, unexpected, flaky, skipped: notRun } = report.stats;
    passed += expected + flaky;
    failed += unexpected;
    skipped += notRun;
    console.log(`${runner}: ${expected + flaky} passed, ${unexpected} failed${flaky ? ` (${flaky} flaky)` : ""}`);
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
