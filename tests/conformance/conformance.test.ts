import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseCaseFile } from './case-file';
import { runConformanceCase } from './run-case';

// Every tests/conformance/<rule-group>/*.sql is one case (format: README.md in this folder).
const ROOT = __dirname;
const groups = readdirSync(ROOT).filter((d) => statSync(join(ROOT, d)).isDirectory() && readdirSync(join(ROOT, d)).some((f) => f.endsWith('.sql'))).sort();

describe.each(groups)('conformance: %s', (group) => {
  const files = readdirSync(join(ROOT, group)).filter((f) => f.endsWith('.sql')).sort();
  it.each(files)('%s', async (name) => {
    const file = relative(process.cwd(), join(ROOT, group, name));
    const c = parseCaseFile(file, readFileSync(join(ROOT, group, name), 'utf8'));
    expect(await runConformanceCase(c)).toEqual([]);
  });
});
