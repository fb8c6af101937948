#!/usr/bin/env node
'use strict';
// The npm registry this project's machines reach serves only Linux builds of packages that ship
// native binaries per platform (@swc/core-darwin-arm64 etc. answer 404). `npm install` then
// leaves those optional dependencies out of package-lock.json, and `npm ci` refuses the lock
// ("Missing: … from lock file"). This adds a lock entry for each missing platform package with
// its os/cpu, so `npm ci` skips it on Linux exactly as it would with a complete lock, and the
// lock stays valid for other platforms' registries. Run it after every `npm install`.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openbsd', 'sunos', 'aix', 'netbsd', 'openharmony', 'wasi'];
const CPU = [['x86_64', 'x64'], ['x64', 'x64'], ['arm64', 'arm64'], ['aarch64', 'arm64'], ['ia32', 'ia32'], ['arm', 'arm'],
  ['ppc64', 'ppc64'], ['s390x', 's390x'], ['riscv64', 'riscv64'], ['loong64', 'loong64'], ['wasm32', 'wasm32'], ['universal', null]];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OS.find((o) => parts.includes(o));
  const cpuHit = CPU.find(([token]) => parts.includes(token));
  const entry = {};
  if (os) entry.os = [os];
  if (cpuHit && cpuHit[1]) entry.cpu = [cpuHit[1]];
  if (parts.includes('musl')) entry.libc = ['musl'];
  else if (os === 'linux' && (parts.includes('gnu') || parts.includes('gnueabihf'))) entry.libc = ['glibc'];
  return entry;
}

const path = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [key, pkg] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    // where npm would place it: hoisted at the top unless a nested copy exists
    if (packages[`${key ? `${key}/` : ''}node_modules/${dep}`] || packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform.os && !platform.cpu) continue; // not a per-platform binary: leave it to npm
    packages[`node_modules/${dep}`] = { version, ...platform, ...(pkg.dev ? { dev: true } : {}), optional: true };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`complete-lockfile: added ${added} platform package entr${added === 1 ? 'y' : 'ies'}\n`);
