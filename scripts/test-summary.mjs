#!/usr/bin/env node
// Prints "N passed, N failed" from vitest JSON reports (the runner's own counts), summed over the files given.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let found = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  // A file that failed to load has no tests; count it as one failure so it cannot hide.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
  found += 1;
}
if (found === 0) {
  console.log('0 passed, 1 failed');
  console.error('No test report was written: the run stopped before the tests (typecheck or lint failed?).');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed`);
