#!/usr/bin/env node
// Runs the npm scripts named as arguments (`node scripts/run-checks.js typecheck lint`) at the
// same time and fails when any of them fails. Why: `npm test` ran typecheck and lint one after
// the other, each on a single core (tsc and eslint do not use a second one), with the other core
// of the 2-core CI machine idle. The build stays before them: the type check resolves the
// fixtures' `tsql-migrate/engine` through the package's own name to the built dist/, which a
// fresh clone lacks until the build has run. Each script's output is printed whole when it
// ends, so they never interleave; each says how it ended.
'use strict';
const { spawn } = require('node:child_process');

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs `npm run <script>` with its output kept; resolves with the exit code (1 for a signal). */
function run(script) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (err) => chunks.push(Buffer.from(`${String(err)}\n`)));
    child.on('close', (code, signal) => {
      const status = code ?? 1;
      process.stdout.write(`\n== npm run ${script}: ${status === 0 ? 'passed' : `FAILED (${signal ?? `exit ${status}`})`}\n`);
      process.stdout.write(Buffer.concat(chunks));
      resolve(status);
    });
  });
}

async function main() {
  const scripts = process.argv.slice(2);
  if (scripts.length === 0) {
    process.stderr.write('usage: node scripts/run-checks.js <npm script>...\n');
    return 2;
  }
  const codes = await Promise.all(scripts.map(run));
  return codes.find((c) => c !== 0) ?? 0;
}

void main().then((code) => { process.exitCode = code; });
