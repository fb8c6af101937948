// loadTransform's require hook transpiles .ts transforms with SWC when the workspace has
// @swc/core, else with the typescript package. Jest loads modules through its own transformer,
// so the hook is exercised in a plain Node process on the built dist/, once per transpiler.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isStubTransform } from '../../../src/sections/load-transform';

const root = join(__dirname, '../../..');

describe('loadTransform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'load-transform-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const engine = JSON.stringify(join(root, 'dist/engine'));
  writeFileSync(join(dir, 'helper.ts'), 'export default function twice(x: string): string { return `${x} || ${x}`; }\nexport enum Kind { A = 1 }\n');
  writeFileSync(join(dir, '01-x.ts'), [
    `import { defineTransform, table } from ${engine};`,
    "import twice, { Kind } from './helper';",
    'interface Unused { readonly a: number }',
    "const out = table({ V: 'text' }) satisfies { kind: string };",
    "export default defineTransform({ name: 'dbo.p/01-x', inputs: {}, outputName: 'dbo.T', output: out, sql: (): string => `SELECT ${twice(\"'a'\")} AS V, ${Kind.A} AS K` });",
  ].join('\n'));

  it.each([['swc', ''], ['typescript', 'typescript']])('loads a TypeScript transform through %s', (_name, transpiler) => {
    const script = `const { loadTransform } = require(${JSON.stringify(join(root, 'dist/sections/load-transform'))});
      const t = loadTransform(${JSON.stringify(join(dir, '01-x.ts'))});
      process.stdout.write(JSON.stringify({ kind: t.kind, name: t.name, sql: t.sql({}) }));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, MIGRATE_TRANSPILER: transpiler } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ kind: 'transform', name: 'dbo.p/01-x', sql: "SELECT 'a' || 'a' AS V, 1 AS K" });
  });

  it('says the workspace has not installed the library a transform imports, without a require stack', () => {
    writeFileSync(join(dir, '02-y.ts'), "import { defineTransform } from 'tsql-migrate/engine';\nexport default defineTransform({} as never);\n");
    const script = `const { loadTransform } = require(${JSON.stringify(join(root, 'dist/sections/load-transform'))});
      try { loadTransform(${JSON.stringify(join(dir, '02-y.ts'))}); } catch (e) { process.stdout.write(JSON.stringify({ code: e.code, message: e.message, hint: e.hint })); }`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: dir });
    expect(JSON.parse(r.stdout)).toEqual({ code: 'SECTIONS_LIBRARY_MISSING', message: `${join(dir, '02-y.ts')} imports tsql-migrate, which this workspace has not installed`, hint: expect.stringMatching(/^run `npm install` in the workspace/) });
  });

  it.each([
    ['export default defineTransform({ sql: () => notImplemented("x") });', true],
    ['export default defineTransform({ sql: () => "SELECT 1" });', false],
  ])('isStubTransform(%j) is %p', (text, expected) => {
    const file = join(dir, 'stub.ts');
    writeFileSync(file, text);
    expect(isStubTransform(file)).toBe(expected);
  });
});
