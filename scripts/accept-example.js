#!/usr/bin/env node
'use strict';
// The repository's own acceptance gate: for every procedure with a captured legacy baseline in
// acceptance/example/baseline/<proc>/, run the new pipeline (`migrate run`) on the same input
// data with the same parameters (from the baseline's manifest.json), then compare everything
// with `migrate accept acceptance/example/`. Exit code is accept's: 0 pass, 1 below threshold, 2 bad input.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const example = join(root, 'acceptance', 'example');
const cli = join(root, 'bin', 'migrate.js');

function migrate(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  return r.status ?? 2;
}

const baselines = join(example, 'baseline');
const procs = existsSync(baselines) ? readdirSync(baselines).filter((d) => existsSync(join(baselines, d, 'manifest.json'))).sort() : [];
if (procs.length === 0) {
  process.stderr.write('accept-example: no baselines under acceptance/example/baseline (run migrate capture first)\n');
  process.exit(2);
}
rmSync(join(example, 'actual'), { recursive: true, force: true });
// every captured procedure, with the parameters its baseline was captured with (manifest.json)
const code = migrate(['run', '--baselines', baselines, '--data', join(example, 'data'), '--out', join(example, 'actual'), '--format', 'csv']);
if (code !== 0) process.exit(code);
process.stdout.write('\n== migrate accept acceptance/example/\n');
process.exit(migrate(['accept', 'acceptance/example/', '--record', 'acceptance/results', '--junit', 'acceptance/results/junit.xml']));
