import fc from 'fast-check';
import { EngineSession, quoteLiteral } from '../../../src/engine';
import { compareRows, resolveCompareOptions, runComparison, type TableResult } from '../../../src/acceptance';

// Never a match where the data differ: random tables, known injected changes, drops, extra rows,
// duplicates and NULLs; every count must come out exactly, on both the DuckDB and in-memory paths.

type R = { id: number; n: number | null; t: string | null; x: number | null };

let session: EngineSession;
let tableNo = 0;
beforeAll(async () => { session = await EngineSession.open({ threads: 2 }); });
afterAll(() => session.close());

async function tableOf(rows: readonly R[]): Promise<string> {
  const name = `prop_${++tableNo}`;
  await session.run(`CREATE TEMP TABLE ${name} (id INTEGER, n INTEGER, t VARCHAR, x DOUBLE)`);
  const lit = (v: number | string | null): string => (v === null ? 'NULL' : typeof v === 'string' ? quoteLiteral(v) : String(v));
  if (rows.length > 0) await session.run(`INSERT INTO ${name} VALUES ${rows.map((r) => `(${[r.id, r.n, r.t, r.x].map(lit).join(', ')})`).join(', ')}`);
  return name;
}

const rowArb = fc.record({
  n: fc.option(fc.integer({ min: -1000, max: 1000 }), { freq: 5 }),
  t: fc.option(fc.string({ maxLength: 5, unit: 'grapheme-ascii' }), { freq: 5 }),
  x: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { freq: 5 }),
});

const scenario = fc.record({
  base: fc.array(rowArb, { minLength: 1, maxLength: 40 }),
  change: fc.array(fc.nat(), { maxLength: 6 }),
  drop: fc.array(fc.nat(), { maxLength: 6 }),
  add: fc.array(rowArb, { maxLength: 5 }),
  dup: fc.array(fc.nat(), { maxLength: 4 }),
  seed: fc.nat(),
});

/** Builds both sides and the counts the comparison must find. */
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario) {
  const expected: R[] = s.base.map((r, i) => ({ id: i, ...r }));
  const n = expected.length;
  const dropped = new Set(s.drop.map((d) => d % n));
  const changed = new Set(s.change.map((c) => c % n).filter((c) => !dropped.has(c)));
  const actual: R[] = [];
  for (const e of expected) {
    if (dropped.has(e.id)) continue;
    if (!changed.has(e.id)) { actual.push({ ...e }); continue; }
    // a guaranteed difference in one column, a NULL where there was a value or a value for a NULL
    const which = (e.id + s.seed) % 3;
    if (which === 0) actual.push({ ...e, n: e.n === null ? 0 : e.n + 1 });
    else if (which === 1) actual.push({ ...e, t: e.t === null ? '' : e.t + 'z' });
    else actual.push({ ...e, x: e.x === null ? 1 : null });
  }
  const added = s.add.map((r, i) => ({ id: n + i, ...r }));
  actual.push(...added);
  const unchanged = actual.filter((r) => r.id < n && !changed.has(r.id));
  const dupSources = [...new Set(s.dup.filter(() => unchanged.length > 0).map((d) => (unchanged[d % unchanged.length] as R).id))];
  for (const id of dupSources) actual.push({ ...(actual.find((r) => r.id === id) as R) });
  // deterministic shuffle: order must not matter
  actual.sort((a, b) => ((a.id * 7919 + s.seed) % 101) - ((b.id * 7919 + s.seed) % 101));
  return {
    expected, actual,
    keyed: { matched: n - changed.size - dropped.size, changed: changed.size, missing: dropped.size, extra: added.length + dupSources.length, duplicateKeys: dupSources.length },
    multiset: { matched: n - changed.size - dropped.size, changed: 0, missing: dropped.size + changed.size, extra: added.length + dupSources.length + changed.size, duplicateKeys: 0 },
  };
}

const countsOf = (r: TableResult) => ({ matched: r.matched, changed: r.changed, missing: r.missing, extra: r.extra, duplicateKeys: r.duplicateKeys });

describe('acceptance counts are exact', () => {
  it.each([['keyed', ['id']], ['multiset', []]] as const)('%s compare, DuckDB and in-memory', async (mode, key) => {
    await fc.assert(fc.asyncProperty(scenario, async (s) => {
      const b = build(s);
      const want = mode === 'keyed' ? b.keyed : b.multiset;
      const options = resolveCompareOptions({ key: [...key] });
      const [e, a] = [await tableOf(b.expected), await tableOf(b.actual)];
      const sql = await runComparison(session, { kind: 'comparison-job', name: 'p', expected: { kind: 'sql', query: `SELECT * FROM ${e}` }, actual: { kind: 'sql', query: `SELECT * FROM ${a}` }, options, allowEmpty: true });
      expect(countsOf(sql)).toEqual(want);
      expect(sql.records).toBe(want.matched + want.changed + want.missing + want.extra);
      expect(sql.passed).toBe(want.matched === sql.records);
      const mem = compareRows('p', b.expected, b.actual, options);
      expect(countsOf(mem)).toEqual(want);
    }), { numRuns: Number(process.env.FC_RUNS ?? 25) });
  });
});
