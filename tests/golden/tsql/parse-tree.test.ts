import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeSource, writeFileAtomic } from '../../../src/core';
import { dumpTree, parseScript, tokenize } from '../../../src/tsql';

// Golden parse trees for every .sql of the corpus, the example procedures and the parser's own
// fixtures. `GOLDEN_UPDATE=1 npx jest tests/golden/tsql` (or `npm run golden:update`) rewrites
// them; review the diff like code.
const ROOT = join(__dirname, '..', '..', '..');
const GOLDEN = __dirname;
const SOURCES: readonly [string, string][] = [
  [join(ROOT, 'tests', 'fixtures', 'sql'), ''],
  [join(ROOT, 'procedures'), 'procedures.'],
];
const update = process.env.GOLDEN_UPDATE === '1';

function listSql(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return listSql(full);
    return name.toLowerCase().endsWith('.sql') ? [full] : [];
  });
}

const cases = SOURCES.flatMap(([dir, prefix]) =>
  listSql(dir).map((file) => [`${prefix}${relative(dir, file).replace(/\.sql$/i, '').split(/[\\/]/).join('.')}`, file] as const));

describe('golden parse trees', () => {
  it('has fixtures to check', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s', (name, file) => {
    const text = decodeSource(readFileSync(file), file).text;
    // sqlfluff-style invariant: the tokens give back the file exactly.
    expect(tokenize(text).map((t) => t.text).join('')).toBe(text);
    const tree = dumpTree(parseScript(text, { file: relative(ROOT, file).split(/[\\/]/).join('/') }));
    const golden = join(GOLDEN, `${name}.tree`);
    if (update) {
      writeFileAtomic(golden, tree);
      return;
    }
    if (!existsSync(golden)) {
      throw new Error(`no golden file ${relative(ROOT, golden)}; run GOLDEN_UPDATE=1 npx jest tests/golden/tsql and review it`);
    }
    expect(tree).toBe(readFileSync(golden, 'utf8'));
  });
});
