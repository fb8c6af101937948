#!/usr/bin/env node
'use strict';
// Thin launcher: the compiled CLI lives in dist/ (`npm run build`).
try {
  require('../dist/cli/main.js').main(process.argv).then((code) => { process.exitCode = code; });
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && /dist[\\/]cli[\\/]main/.test(String(err.message))) {
    process.stderr.write('migrate: not built yet. Run `npm run build` first (or `npm ci`, then `npm run build`).\n');
    process.exitCode = 2;
  } else {
    throw err;
  }
}
