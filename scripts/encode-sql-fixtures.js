#!/usr/bin/env node
'use strict';
// Gives a few corpus files the encodings and line endings real SSMS exports have (CRLF,
// UTF-16 LE with BOM, UTF-8 with BOM). Idempotent: each file is decoded, normalised to LF,
// then re-encoded, so it can be rerun after editing.
//   node scripts/encode-sql-fixtures.js
const fs = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', 'tests', 'fixtures', 'sql');
const targets = {
  'sales-order-procs.sql': 'crlf',
  'crlf-mixed-case-proc.sql': 'crlf',
  'incremental-load-watermark.sql': 'crlf',
  'index-maintenance.sql': 'crlf',
  'backup-all-databases.sql': 'utf16le-bom-crlf',
  'nested-comments-go-n.sql': 'utf8-bom',
};

function decode(bytes) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  return bytes.toString('utf8');
}

for (const [name, form] of Object.entries(targets)) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    process.stdout.write(`skip ${name} (missing)\n`);
    continue;
  }
  const lf = decode(fs.readFileSync(file)).replace(/\r\n/g, '\n');
  let out;
  if (form === 'crlf') out = Buffer.from(lf.replace(/\n/g, '\r\n'), 'utf8');
  else if (form === 'utf16le-bom-crlf') out = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lf.replace(/\n/g, '\r\n'), 'utf16le')]);
  else if (form === 'utf8-bom') out = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lf, 'utf8')]);
  else throw new Error(`unknown form ${form}`);
  fs.writeFileSync(file, out);
  process.stdout.write(`${name}: ${form}\n`);
}
