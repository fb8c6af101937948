#!/usr/bin/env node
'use strict';
// Benchmark runner for `npm run bench` (which builds first): runs every bench/*-bench.js and
// bench/*-bench.ts, each in its own Node process so one benchmark's memory never inflates the
// next one's peak. TypeScript benches are compiled on the fly with @swc/core (a devDependency):
// when this file is loaded with `node -r bench/run.js`, it only registers that .ts hook.
// Usage: node bench/run.js [name-filter ...]
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

function registerTypeScript() {
  const swc = require('@swc/core');
  require.extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}

function main() {
  const filters = process.argv.slice(2);
  const benches = readdirSync(__dirname)
    .filter((f) => /-bench\.(js|ts)$/.test(f))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  if (benches.length === 0) {
    process.stderr.write(`no bench/*-bench.{js,ts} matches ${filters.join(' ') || '(any)'}\n`);
    return 2;
  }
  let failed = 0;
  for (const file of benches) {
    process.stdout.write(`\n## ${file}\n`);
    const args = file.endsWith('.ts') ? ['-r', __filename, join(__dirname, file)] : [join(__dirname, file)];
    const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
    if (r.status !== 0) {
      failed++;
      process.stderr.write(`${file} failed (exit ${r.status ?? r.signal})\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main();
else registerTypeScript();
