#!/usr/bin/env node
/**
 * `npm test`: the whole suite, in the order a failure is cheapest to find.
 *   1. type-check (includes the Electron shell against electron's shipped .d.ts), then ESLint
 *      (eslint.config.mjs; no warnings allowed)
 *   2. build the renderer and the Electron bundles (the e2e suite runs the built app)
 *   3. unit tests (Vitest)
 *   4. end-to-end tests (Playwright: browser host here; Electron where a binary exists)
 *   5. Electronegativity static scan of electron/ (fails on any high-severity finding)
 * and ends with one line `N passed, M failed[, K skipped]` summing unit and e2e tests
 * (the type-check, lint, build and scan each count as one test).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.test-output');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
process.env.ELECTRON_SKIP_BINARY_DOWNLOAD = '1';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${title}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function step(title, command, args) {
  if (run(title, command, args)) totals.passed++;
  else {
    totals.failed++;
    failures.push(title);
  }
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

step('type-check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
const built = run('build', 'npm', ['run', 'build', '--silent']);
if (built) totals.passed++;
else {
  totals.failed++;
  failures.push('build');
}

// Unit tests: counts from Vitest's JSON report.
const vitestJson = path.join(out, 'vitest.json');
run('unit tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += report.numPassedTests;
  // A file that fails to load has no failed test inside it: count it as one failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  totals.failed += report.numFailedTests + brokenFiles;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? [])
    for (const t of file.assertionResults ?? []) if (t.status === 'failed') failures.push(`unit: ${t.fullName}`);
  for (const file of report.testResults ?? [])
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed'))
      failures.push(`unit file: ${path.relative(root, file.name)}: ${String(file.message).split('\n')[0]}`);
} else {
  totals.failed++;
  failures.push('unit tests produced no report');
}

// End-to-end tests: counts from Playwright's JSON report.
if (built) {
  const pwJson = path.join(out, 'playwright.json');
  run('end-to-end tests', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  if (existsSync(pwJson)) {
    const report = JSON.parse(readFileSync(pwJson, 'utf8'));
    const s = report.stats ?? {};
    totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
    totals.failed += s.unexpected ?? 0;
    totals.skipped += s.skipped ?? 0;
    const walk = (suite, trail) => {
      for (const spec of suite.specs ?? [])
        for (const t of spec.tests ?? [])
          if (t.status === 'unexpected') failures.push(`e2e [${t.projectName}]: ${[...trail, spec.title].join(' › ')}`);
      for (const child of suite.suites ?? []) walk(child, [...trail, child.title]);
    };
    for (const suite of report.suites ?? []) walk(suite, []);
    for (const e of report.errors ?? []) {
      totals.failed++;
      failures.push(`e2e error: ${String(e.message).split('\n')[0]}`);
    }
  } else {
    totals.failed++;
    failures.push('end-to-end tests produced no report');
  }
}

step('electronegativity scan', 'node', [path.join(root, 'scripts', 'check-electronegativity.mjs')]);

console.log('\n=== summary');
for (const f of failures) console.log(`FAILED ${f}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
