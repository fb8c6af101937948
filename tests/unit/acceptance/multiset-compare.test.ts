import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { resolveCompareOptions, runComparison, type CompareOptions, type TableResult } from '../../../src/acceptance';

// Without a key, the one-pass grouping (tryFastMultisetCompare) must give what grouping each side
// and joining the groupings gives (the path a mismatches file takes): same counts, same first
// records in the same order, for every shape of value the join pairs in its own way.
let session: EngineSession;
let dir: string;
beforeAll(async () => {
  session = await EngineSession.open({ threads: 2 });
  dir = mkdtempSync(join(tmpdir(), 'accept-multiset-'));
});
afterAll(() => {
  session.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function file(text: string, ext = 'csv'): string {
  const p = join(dir, `t${++n}.${ext}`);
  writeFileSync(p, text);
  return p;
}

async function both(expected: string, actual: string, options: Partial<CompareOptions> = {}): Promise<[TableResult, TableResult]> {
  const job = { kind: 'comparison-job' as const, name: 't', expected: { kind: 'csv' as const, path: file(expected) }, actual: { kind: 'csv' as const, path: file(actual) }, options: resolveCompareOptions({ limit: 50, ...options }) };
  return [await runComparison(session, job), await runComparison(session, { ...job, mismatchesPath: join(dir, `m${++n}.csv`) })];
}

const summary = (r: TableResult) => ({ records: r.records, matched: r.matched, missing: r.missing, extra: r.extra, rows: [r.expected.rows, r.actual.rows], samples: r.samples });

describe('multiset compare (no key)', () => {
  it.each<[string, string, string, Partial<CompareOptions>, Partial<ReturnType<typeof summary>>]>([
    ['repeated rows count once per copy', 'a,b\n1,x\n1,x\n2,y\n', 'a,b\n1,x\n2,y\n2,y\n3,z\n', {}, { records: 5, matched: 2, missing: 1, extra: 2 }],
    ['NULLs pair with NULLs and sort last', 'a,b\n,x\n1,\n2,y\n', 'a,b\n,x\n1,\n2,z\n', {}, { records: 4, matched: 2, missing: 1, extra: 1 }],
    ['-0 is 0 and NaN is NaN', 'a,b\n0.0,nan\n1.5,2\n', 'a,b\n-0.0,nan\n1.5,3\n', {}, { records: 3, matched: 1, missing: 1, extra: 1 }],
    ['text rules apply before grouping', 'a,b\n1,Abc \n2,x\n', 'a,b\n1,aBC\n2,X\n', { trim: true, ignoreCase: true }, { records: 2, matched: 2, missing: 0, extra: 0 }],
    ['a column typed differently on each side (the join pairs across types)', 'a,b\n1,2\n2,3\n', 'a,b\n1,2\n2,x\n', {}, { records: 3, matched: 1, missing: 1, extra: 1 }],
    ['nothing in common', 'a,b\n1,x\n', 'a,b\n2,y\n', {}, { records: 2, matched: 0, missing: 1, extra: 1 }],
  ])('%s: one pass = grouped join', async (_name, e, a, options, expected) => {
    const [fast, exact] = await both(e, a, options);
    expect(summary(fast)).toEqual(summary(exact));
    expect(summary(fast)).toMatchObject(expected);
  });

  // a first column unique on both sides is joined on instead of grouping every column
  const ids = Array.from({ length: 3000 }, (_, i) => i);
  it.each<[string, string, string, number]>([
    ['changed pairs whose expected or actual row sorts first, missing and extra rows',
      `id,v,w\n${ids.map((i) => `${i},${i % 3 === 0 ? 'b' : 'a'},${i % 5 === 0 ? '' : 'x'}`).join('\n')}\n`,
      `id,v,w\n${ids.filter((i) => i % 97 !== 1).map((i) => `${i},${i % 7 === 0 ? 'a' : i % 3 === 0 ? 'b' : 'a'},${i % 11 === 0 ? 'y' : i % 5 === 0 ? '' : 'x'}`).join('\n')}\n3001,a,x\n`, 40],
    ['a cut inside a changed pair', 'id,v\n1,a\n2,b\n3,c\n', 'id,v\n1,z\n2,a\n3,c\n', 3],
    ['a first column unique in the first 2,048 rows that repeats further down',
      `id,v\n${ids.map((i) => `${i},a`).join('\n')}\n5,b\n`, `id,v\n${ids.map((i) => `${i},${i === 7 ? 'c' : 'a'}`).join('\n')}\n5,b\n9,z\n`, 40],
  ])('by the first column: %s', async (_name, e, a, limit) => {
    const [fast, exact] = await both(e, a, { limit });
    expect(summary(fast)).toEqual(summary(exact));
    expect(fast.samples.length).toBeGreaterThan(0);
  });

  it('the first records are the smallest rows, in ORDER BY ALL order, past the limit', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i % 13},${i % 7 === 0 ? '' : `v${i % 5}`}`);
    const other = rows.filter((_, i) => i % 3 !== 0).concat(['99,w', ',w']);
    const [fast, exact] = await both(`a,b\n${rows.join('\n')}\n`, `a,b\n${other.join('\n')}\n`, { limit: 7 });
    expect(fast.samples).toHaveLength(7);
    expect(summary(fast)).toEqual(summary(exact));
  });
});
