#!/usr/bin/env node
'use strict';
// Writes acceptance/example/data/*.csv from bench/gen/example-data.ts.
// bench/ is not part of the build, so the TypeScript is compiled on the fly with @swc/core
// (a dev dependency already used by jest); no ts-node / @swc/register needed.
//   node scripts/write-example-data.js [outDir]
const path = require('node:path');
const fs = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const defaultTs = Module._extensions['.ts'];
Module._extensions['.ts'] = function compileTs(module, filename) {
  if (filename.includes(`${path.sep}node_modules${path.sep}`) && defaultTs) return defaultTs(module, filename);
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const gen = require('../bench/gen/example-data.ts');
const outDir = path.resolve(process.argv[2] || path.join(__dirname, '..', 'acceptance', 'example', 'data'));
const written = gen.writeExampleData(outDir, gen.generateExampleData(gen.EXAMPLE_DATA_OPTIONS));
const range = gen.telemetryDateRange(gen.EXAMPLE_DATA_OPTIONS.telemetry);
for (const file of written) {
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').length - 1;
  process.stdout.write(`${path.relative(process.cwd(), file)}  ${lines} rows\n`);
}
process.stdout.write(`date range for dbo.usp_BuildDeviceKpis: @FromDate='${range.from}', @ToDate='${range.to}'\n`);
