#!/usr/bin/env node
// Runs jest (arguments passed through) and, when the only failures are test files whose jest
// worker process was killed by a native crash (a signal such as SIGSEGV: the test file never
// reported a result, pass or fail), runs those files once more, alone and in band. It says so
// loudly, with the signal and the files, and the run passes only if the re-run passes.
//
// Why: the test suite opens thousands of in-process DuckDB databases; a rare native crash in a
// long-lived worker (seen once in ~50 full CI runs, never reproduced in isolation) would
// otherwise turn a green run red with no test having failed. A test that fails, or a file that
// crashes twice, still fails the run: this never hides a failing assertion.
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** At most this many crashed files are re-run; more than that is no rare crash. */
const MAX_RERUNS = 3;
const CRASH = /jest worker process \(pid=\d+\) was terminated by another process: signal=(SIG[A-Z]+)/;

/**
 * The test files to run again, with the signal that stopped each, when every failed file of
 * `results` (jest's --json output) failed by a worker's crash and no test failed; otherwise [].
 */
function crashedFiles(results) {
  const failed = results.testResults.filter((r) => r.status === 'failed');
  if (failed.length === 0 || failed.length > MAX_RERUNS || results.numFailedTests > 0) return [];
  const crashed = failed.map((r) => {
    const m = CRASH.exec(r.message ?? '');
    return m === null || r.assertionResults.some((a) => a.status === 'failed') ? undefined : { file: r.name, signal: m[1] };
  });
  return crashed.every((c) => c !== undefined) ? crashed : [];
}

/** Runs jest to its end; a SIGINT or SIGTERM sent to this script goes on to it (and so to its workers). */
function runJest(args, outputFile) {
  const jest = require.resolve('jest/bin/jest');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [jest, ...args, '--json', `--outputFile=${outputFile}`], { stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      let results;
      try {
        results = JSON.parse(readFileSync(outputFile, 'utf8'));
      } catch {
        results = undefined;
      }
      resolve({ status: code ?? 1, signal, results });
    });
  });
}

function testsLine(counts) {
  const parts = [];
  if (counts.failed > 0) parts.push(`${counts.failed} failed`);
  if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
  parts.push(`${counts.passed} passed`, `${counts.total} total`);
  return `Tests:       ${parts.join(', ')}`;
}

function countsOf(results) {
  return {
    failed: results.numFailedTests,
    skipped: results.numPendingTests + (results.numTodoTests ?? 0),
    passed: results.numPassedTests,
    total: results.numTotalTests,
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'run-jest-'));
  try {
    const first = await runJest(process.argv.slice(2), join(dir, 'first.json'));
    if (first.status === 0 || first.results === undefined) return first.status;
    const crashed = crashedFiles(first.results);
    if (crashed.length === 0) return first.status;
    for (const c of crashed) {
      process.stderr.write(`\nrun-jest: NATIVE CRASH: the jest worker running ${c.file} was killed by ${c.signal} before the file reported any result; running it again, alone\n`);
    }
    const files = crashed.map((c) => c.file);
    const again = await runJest(['--runInBand', '--runTestsByPath', ...files], join(dir, 'again.json'));
    if (again.status !== 0 || again.results === undefined) {
      process.stderr.write(`run-jest: the re-run of ${files.join(', ')} failed too (${again.signal ?? `exit ${again.status}`}): the run fails\n`);
      return again.status === 0 ? 1 : again.status;
    }
    const a = countsOf(first.results);
    const b = countsOf(again.results);
    const total = { failed: a.failed + b.failed, skipped: a.skipped + b.skipped, passed: a.passed + b.passed, total: a.total + b.total };
    process.stderr.write(`run-jest: the re-run of ${files.join(', ')} passed; ${crashed.length} test file(s) crashed once (${crashed.map((c) => c.signal).join(', ')}) and passed alone\n`);
    // The whole run's count, as jest's own summary line (CI reads the last such line).
    process.stderr.write(`${testsLine(total)} (after re-running ${crashed.length} crashed file(s))\n`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void main().then((code) => { process.exitCode = code; });

module.exports = { crashedFiles };
