#!/usr/bin/env node
// Prints one line "N passed, N failed" from the vitest and Playwright JSON reports (missing = 0).
// Usage: node scripts/test-summary.mjs [exit status of npm test]. A failing `npm test` whose reports
// show no failed test (the type check or the build failed) still counts one failure.
import { readFileSync, existsSync } from 'node:fs';

const read = (p) => (existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : null);
let passed = 0, failed = 0;
const unit = read('artifacts/vitest.json');
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += (unit.numFailedTests ?? 0) + (unit.numTodoTests ?? 0) + (unit.numPendingTests ?? 0);
  // a suite that failed to load counts as a failure even though it ran no test
  failed += (unit.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
}
const e2e = read('artifacts/playwright.json');
if (e2e) {
  // A flaky test failed once and passed on its retry: it counts as passed, and is named here.
  const flaky = e2e.stats?.flaky ?? 0;
  if (flaky) console.log(`note: ${flaky} browser test(s) passed only on a retry`);
  passed += (e2e.stats?.expected ?? 0) + flaky;
  failed += (e2e.stats?.unexpected ?? 0) + (e2e.stats?.skipped ?? 0);
  failed += (e2e.errors ?? []).length;
}
const npmStatus = Number(process.argv[2] ?? 0);
if (npmStatus !== 0 && failed === 0) {
  console.log('note: npm test failed outside the test runners (type check or build); see its output above');
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
