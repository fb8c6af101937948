import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession, loadTableSource, quoteLiteral } from '../../../src/engine';
import { compareLoadedTables, keyedJoinSql, kindOfDuckType, pairColumns, resolveCompareOptions, resolveKeyPairs, rulesOf, toKeyedSamples, type CompareOptions, type TableResult } from '../../../src/acceptance';
import { tryPositionalKeyedCompare } from '../../../src/acceptance/positional-compare';

// The positional compare (positional-compare.ts) must never change a verdict: every case compares
// the same two Parquet files with it and without it (the hash join) and expects the same report,
// and says whether it did the work or left it to the hash join.

let session: EngineSession;
let dir: string;
beforeAll(async () => {
  session = await EngineSession.open({ threads: 2 });
  dir = mkdtempSync(join(tmpdir(), 'accept-positional-'));
});
afterAll(() => {
  session.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
async function parquet(sql: string): Promise<string> {
  const p = join(dir, `t${++n}.parquet`);
  await session.run(`COPY (${sql}) TO ${quoteLiteral(p)} (FORMAT parquet)`);
  return p;
}

/** The report without its timing. */
function shown(r: TableResult): unknown {
  const { elapsedMs: _, ...rest } = r;
  return rest;
}

/** Compares two Parquet files written from SQL, with and without the positional compare; the report, and whether it was used. */
async function both(expectedSql: string, actualSql: string, options: Partial<CompareOptions> = { key: ['id'] }): Promise<{ result: TableResult; used: boolean }> {
  const [e, a] = [await parquet(expectedSql), await parquet(actualSql)];
  const resolved = resolveCompareOptions(options);
  const results: TableResult[] = [];
  const used: boolean[] = [];
  for (const positional of [false, true]) {
    const id = ++n;
    const et = await loadTableSource(session, `pe_${id}`, { kind: 'parquet', path: e });
    const at = await loadTableSource(session, `pa_${id}`, { kind: 'parquet', path: a });
    results.push(await compareLoadedTables(session, 't', et, at, resolved, { positional, onPositional: (u) => { used.push(u); } }));
  }
  expect(used[0]).toBe(false);
  expect(shown(results[1] as TableResult)).toEqual(shown(results[0] as TableResult));
  return { result: results[1] as TableResult, used: used[1] as boolean };
}

// Every row names its options: jest hands a test function with more parameters than its row a `done` callback.
const KEY: Partial<CompareOptions> = { key: ['id'] };

const counts = (r: TableResult): Record<string, number> => ({ records: r.records, matched: r.matched, changed: r.changed, missing: r.missing, extra: r.extra, duplicateKeys: r.duplicateKeys });

/** 3,000 rows (more than one DuckDB vector) of every kind of value, sorted by id. */
const ROWS = `SELECT i AS id, i * 7 % 1000 AS qty, round(i / 8.0, 2)::DOUBLE AS amount, 'cust_' || (i % 50) AS customer,
  DATE '2020-01-01' + CAST(i % 900 AS INTEGER) AS day, CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3 = 0 END AS flag FROM range(1, 3001) t(i)`;
const changed = `SELECT id, qty, CASE WHEN id % 125 = 1 THEN amount + 0.01 ELSE amount END AS amount, CASE WHEN id = 2999 THEN NULL ELSE customer END AS customer, day, flag FROM (${ROWS}) ORDER BY id`;

describe('the positional compare of two Parquet files', () => {
  it('reads files with the same keys in the same order side by side, with the same report', async () => {
    const { result, used } = await both(`${ROWS} ORDER BY id`, changed);
    expect(used).toBe(true);
    expect(counts(result)).toEqual({ records: 3000, matched: 2975, changed: 25, missing: 0, extra: 0, duplicateKeys: 0 });
    expect(result.columns.find((c) => c.name === 'amount')?.mismatches).toBe(24);
    expect(result.samples.map((s) => String(s.key.id))).toEqual(['1', '126', '251', '376', '501', '626', '751', '876', '1001', '1126']);
  });

  it('reads a composite key side by side when its order is the key order', async () => {
    const two = (v: string): string => `SELECT id // 100 AS a, id % 100 AS b, ${v} AS v FROM range(1, 3001) t(id) ORDER BY a, b`;
    const { result, used } = await both(two('id'), two('CASE WHEN id = 1500 THEN 0 ELSE id END'), { key: ['a', 'b'] });
    expect(used).toBe(true);
    expect(counts(result)).toEqual({ records: 3000, matched: 2999, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 });
  });

  it.each<[string, string, string, Partial<CompareOptions>]>([
    ['files in other orders', `${ROWS} ORDER BY id`, `SELECT * FROM (${changed}) ORDER BY hash(id)`, KEY],
    ['one order on both sides that is not the key order', `${ROWS} ORDER BY hash(id)`, `SELECT * FROM (${changed}) ORDER BY hash(id)`, KEY],
    ['keys in descending order', `${ROWS} ORDER BY id DESC`, `SELECT * FROM (${changed}) ORDER BY id DESC`, KEY],
    ['a key repeated at the same places', `SELECT * FROM (${ROWS} UNION ALL SELECT * FROM (${ROWS}) WHERE id = 7) ORDER BY id`, `SELECT * FROM (SELECT * FROM (${changed}) UNION ALL SELECT * FROM (${changed}) WHERE id = 7) ORDER BY id`, KEY],
    ['a record missing and another extra, as many rows on each side', `${ROWS} ORDER BY id`, `SELECT * REPLACE (CASE WHEN id = 3000 THEN 3001 ELSE id END AS id) FROM (${changed}) ORDER BY id`, KEY],
    ['a record missing at the start', `${ROWS} ORDER BY id`, `SELECT * FROM (${changed}) WHERE id > 1 ORDER BY id`, KEY],
    ['a NULL key', `SELECT * REPLACE (CASE WHEN id = 1 THEN NULL ELSE id END AS id) FROM (${ROWS}) ORDER BY id NULLS FIRST`, `SELECT * REPLACE (CASE WHEN id = 1 THEN NULL ELSE id END AS id) FROM (${changed}) ORDER BY id NULLS FIRST`, KEY],
    ['a column on one side only', `${ROWS} ORDER BY id`, `SELECT *, 1 AS more FROM (${changed}) ORDER BY id`, KEY],
    ['a text key compared ignoring case', `SELECT 'k' || lpad(id::VARCHAR, 5, '0') AS id, amount FROM (${ROWS}) ORDER BY id`, `SELECT 'K' || lpad(id::VARCHAR, 5, '0') AS id, amount FROM (${changed}) ORDER BY id`, { key: ['id'], ignoreCase: true }],
  ])('leaves %s to the hash join', async (_, expected, actual, options) => {
    const { used } = await both(expected, actual, options);
    expect(used).toBe(false);
  });

  it('proves the pairing again on every record of the query that counts', async () => {
    // The keys-only pass is shown the expected file against itself (in one order); the counting
    // query the two files, whose key 7 is on two rows of each, at the same places: unproven.
    const load = async (sql: string, view: string) => loadTableSource(session, view, { kind: 'parquet', path: await parquet(sql) });
    const et = await load(`${ROWS} ORDER BY id`, 'proof_e');
    const twice = await load(`SELECT * FROM (SELECT * FROM (${ROWS}) UNION ALL SELECT * FROM (${ROWS}) WHERE id = 7) WHERE id <> 3000 ORDER BY id`, 'proof_twice');
    const once = await load(changed, 'proof_once');
    const options = resolveCompareOptions(KEY);
    const typed = (t: typeof et) => t.columns.map((c) => ({ name: c.name, type: c.type, kind: kindOfDuckType(c.type) }));
    const run = async (at: typeof et) => {
      const pairing = pairColumns(typed(et), typed(at), options);
      const keys = resolveKeyPairs(pairing, ['id'], typed(et), typed(at));
      const values = pairing.pairs.filter((p) => !keys.includes(p));
      return tryPositionalKeyedCompare(session, et, at, values, keys,
        (vs, ks) => keyedJoinSql(et.view, vs.length === 0 ? et.view : at.view, vs, ks, rulesOf(options), false, true),
        { expected: 3000, actual: 3000 }, 10, (rows) => toKeyedSamples(rows, values, keys));
    };
    expect(await run(twice)).toBeUndefined();
    expect((await run(once))?.changed).toBe(25);
  });
});
