import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession } from '../../../src/engine';
import { renderHtml, renderSamples, resolveCompareOptions, runComparison, unifiedDiffOf, type CompareOptions, type TableResult } from '../../../src/acceptance';

let session: EngineSession;
let dir: string;
beforeAll(async () => {
  session = await EngineSession.open({ threads: 2 });
  dir = mkdtempSync(join(tmpdir(), 'accept-cmp-'));
});
afterAll(() => {
  session.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function csv(text: string): string {
  const p = join(dir, `t${++n}.csv`);
  writeFileSync(p, text);
  return p;
}

async function compare(expected: string, actual: string, options: Partial<CompareOptions>, mismatchesPath?: string): Promise<TableResult> {
  return runComparison(session, {
    kind: 'comparison-job', name: 't', expected: { kind: 'csv', path: csv(expected) }, actual: { kind: 'csv', path: csv(actual) },
    options: resolveCompareOptions(options), ...(mismatchesPath ? { mismatchesPath } : {}),
  });
}

const counts = (r: TableResult) => ({ records: r.records, matched: r.matched, changed: r.changed, missing: r.missing, extra: r.extra, duplicateKeys: r.duplicateKeys });

describe('compareLoadedTables (DuckDB path)', () => {
  it.each<[string, string, string, Partial<CompareOptions>, ReturnType<typeof counts>]>([
    ['identical', 'id,v\n1,a\n2,b\n', 'id,v\n2,b\n1,a\n', { key: ['id'] }, { records: 2, matched: 2, changed: 0, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['changed, missing, extra', 'id,v\n1,a\n2,b\n3,c\n', 'id,v\n1,a\n2,x\n4,d\n', { key: ['id'] }, { records: 4, matched: 1, changed: 1, missing: 1, extra: 1, duplicateKeys: 0 }],
    ['composite key', 'a,b,v\n1,1,x\n1,2,y\n', 'a,b,v\n1,2,y\n1,1,z\n', { key: ['a', 'b'] }, { records: 2, matched: 1, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['duplicate keys paired in value order (as audit_helper), never dropped', 'id,v\n1,a\n1,b\n2,c\n', 'id,v\n1,b\n1,a\n1,a\n2,c\n', { key: ['id'] }, { records: 4, matched: 2, changed: 1, missing: 0, extra: 1, duplicateKeys: 1 }],
    // the one-pass compare proves keys unique with the rows counted from the CSVs' bytes:
    // a record over two lines, blank lines, and a quote the counter gives up on must not hide a repeat
    ['a repeated key next to a record over two lines', 'id,v\n1,"a\nb"\n1,c\n2,d\n', 'id,v\n1,c\n2,d\n1,"a\nb"\n', { key: ['id'] }, { records: 3, matched: 3, changed: 0, missing: 0, extra: 0, duplicateKeys: 1 }],
    ['a repeated key between blank lines', 'id,v\n\n1,a\n\n1,b\n\n', 'id,v\n1,b\n1,a\n', { key: ['id'] }, { records: 2, matched: 2, changed: 0, missing: 0, extra: 0, duplicateKeys: 1 }],
    ['a repeated key in a file with a quote inside a field', 'id,v\n1,a"b\n1,c\n', 'id,v\n1,c\n1,a"b\n', { key: ['id'] }, { records: 2, matched: 2, changed: 0, missing: 0, extra: 0, duplicateKeys: 1 }],
    ['a repeated key and a record over two lines past the first 64 KiB (rows counted from the bytes)',
      `id,v\n${Array.from({ length: 3000 }, (_, i) => `${i + 10},value-${'x'.repeat(30)}`).join('\n')}\n1,"a\nb"\n\n1,c\n`,
      `id,v\n1,c\n${Array.from({ length: 3000 }, (_, i) => `${i + 10},value-${'x'.repeat(30)}`).join('\n')}\n1,"a\nb"\n`, { key: ['id'] }, { records: 3002, matched: 3002, changed: 0, missing: 0, extra: 0, duplicateKeys: 1 }],
    ['NULL keys join NULL keys', 'id,v\n,a\n2,b\n', 'id,v\n,a\n2,b\n', { key: ['id'] }, { records: 2, matched: 2, changed: 0, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['multiset without a key', 'id,v\n1,a\n1,a\n2,b\n', 'id,v\n1,a\n2,c\n', {}, { records: 4, matched: 1, changed: 0, missing: 2, extra: 1, duplicateKeys: 0 }],
    ['trailing blanks only with trim', 'id,v\n1,"a  "\n', 'id,v\n1,a\n', { key: ['id'] }, { records: 1, matched: 0, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['trim', 'id,v\n1,"a  "\n', 'id,v\n1,a\n', { key: ['id'], trim: true }, { records: 1, matched: 1, changed: 0, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['case matters by default', 'id,v\n1,Abc\n', 'id,v\n1,aBC\n', { key: ['id'] }, { records: 1, matched: 0, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['ignore case', 'id,v\n1,Abc\n', 'id,v\n1,aBC\n', { key: ['id'], ignoreCase: true }, { records: 1, matched: 1, changed: 0, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['numeric text against numbers', 'id,v\n1,1.50\n2,x\n', 'id,v\n1,1.5\n2,2\n', { key: ['id'] }, { records: 2, matched: 1, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['absolute tolerance', 'id,v\n1,1.0\n2,2.0\n', 'id,v\n1,1.004\n2,2.02\n', { key: ['id'], tolerance: { absolute: 0.005, relative: 0 } }, { records: 2, matched: 1, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['relative tolerance', 'id,v\n1,1000.0\n2,1.0\n', 'id,v\n1,1000.5\n2,1.5\n', { key: ['id'], tolerance: { absolute: 0, relative: 0.001 } }, { records: 2, matched: 1, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['per-column tolerance', 'id,a,b\n1,1.0,1.0\n', 'id,a,b\n1,1.1,1.1\n', { key: ['id'], columnTolerance: { a: { absolute: 0.2 } } }, { records: 1, matched: 0, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['dates in SQL Server text', 'id,d\n1,2024-01-02\n2,2024-01-03\n', 'id,d\n1,Jan  2 2024 12:00AM\n2,01/04/2024\n', { key: ['id'] }, { records: 2, matched: 1, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['bit 1/0 against true/false', 'id,b\n1,1\n2,0\n3,1\n', 'id,b\n1,true\n2,false\n3,false\n', { key: ['id'] }, { records: 3, matched: 2, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 }],
    // a varchar flag ('Yes'/'No') is text: DuckDB's sniffer typed it BOOLEAN, and 'Yes', 'Y' and 'true' were one value
    ['a Yes/No text column against Y/N text', 'id,hit\n1,Yes\n2,No\n3,Yes\n', 'id,hit\n1,Y\n2,N\n3,Yes\n', { key: ['id'] }, { records: 3, matched: 1, changed: 2, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['a Yes/No text column against true/false spelled in text', 'id,hit\n1,Yes\n2,No\n', 'id,hit\n1,Y\n2,false\n', { key: ['id'] }, { records: 2, matched: 0, changed: 2, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['true/false on both sides stays a boolean', 'id,b\n1,True\n2,false\n', 'id,b\n1,true\n2,FALSE\n', { key: ['id'] }, { records: 2, matched: 2, changed: 0, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['NULL vs empty differ by default', 'id,v\n1,""\n', 'id,v\n1,\n', { key: ['id'] }, { records: 1, matched: 0, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['NULL equals empty on request', 'id,v\n1,""\n', 'id,v\n1,\n', { key: ['id'], nullEqualsEmpty: true }, { records: 1, matched: 1, changed: 0, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['ignored column', 'id,v,loaded\n1,a,2024-01-01\n', 'id,v,loaded\n1,a,2025-05-05\n', { key: ['id'], ignore: ['loaded'] }, { records: 1, matched: 1, changed: 0, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['renamed column', 'id,amount\n1,5\n', 'id,amt\n1,5\n', { key: ['id'], map: { amount: 'amt' } }, { records: 1, matched: 1, changed: 0, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['a column missing in actual counts as a difference', 'id,v,w\n1,a,x\n', 'id,v\n1,a\n', { key: ['id'] }, { records: 1, matched: 0, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 }],
    ['column names match case-insensitively', 'ID,Value\n1,a\n', 'id,value\n1,a\n', { key: ['ID'] }, { records: 1, matched: 1, changed: 0, missing: 0, extra: 0, duplicateKeys: 0 }],
  ])('%s', async (_name, e, a, options, expected) => {
    expect(counts(await compare(e, a, options))).toEqual(expected);
  });

  it('reports per-column mismatches and match %', async () => {
    const r = await compare('id,a,b\n1,x,1\n2,y,2\n3,z,3\n4,w,4\n', 'id,a,b\n1,x,1\n2,Y,2\n3,z,9\n4,W,4\n', { key: ['id'] });
    const byName = Object.fromEntries(r.columns.map((c) => [c.name, [c.mismatches, c.percentMatched]]));
    expect(byName).toEqual({ id: [0, 100], a: [2, 50], b: [1, 75] });
    expect(r.percentMatched).toBe(25);
    expect(r.passed).toBe(false);
  });

  it('lists the first K differing records by key, with the differing cells', async () => {
    const r = await compare('id,v,w\n3,c,1\n1,a,1\n2,b,1\n', 'id,v,w\n1,A,1\n2,b,2\n4,d,1\n', { key: ['id'], limit: 3 });
    expect(r.samples.map((s) => [s.status, Number(s.key.id), s.differing])).toEqual([['changed', 1, ['v']], ['changed', 2, ['w']], ['missing', 3, []]]);
  });

  it('finds the smallest key with --key auto', async () => {
    const r = await compare('a,b,v\n1,1,x\n1,2,x\n2,1,z\n', 'a,b,v\n1,1,x\n1,2,x\n2,1,q\n', { key: 'auto' });
    expect(r.key).toEqual({ mode: 'key', columns: ['a', 'b'], auto: true });
    expect(counts(r)).toMatchObject({ matched: 2, changed: 1 });
  });

  it('writes every differing record to a mismatches CSV', async () => {
    const out = join(dir, 'mismatches.csv');
    await compare('id,v\n1,a\n2,b\n3,c\n', 'id,v\n1,a\n2,x\n4,d\n', { key: ['id'] }, out);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual([
      'status,id,differing_columns,expected_v,actual_v', 'changed,2,v,b,x', 'missing,3,,c,', 'extra,4,,,d',
    ]);
  });

  it.each<[string, string, string]>([
    ['unique keys', 'id,v\n1,a\n2,b\n3,c\n5,e\n', 'id,v\n1,a\n2,x\n4,d\n5,E\n'],
    ['duplicates on both sides', 'id,v\n1,a\n1,b\n2,c\n', 'id,v\n1,b\n1,a\n1,a\n2,c\n'],
    ['duplicates on one side only', 'id,v\n1,a\n3,c\n3,c\n', 'id,v\n1,a\n'],
    ['NULL keys', 'id,v\n,a\n,b\n2,c\n', 'id,v\n,a\n2,c\n'],
    ['a key repeated only among the matched records', 'id,v\n1,a\n2,b\n2,b\n', 'id,v\n1,a\n2,b\n2,b\n'],
    ['a key repeated on the actual side of a missing record', 'id,v\n1,a\n', 'id,v\n2,a\n2,a\n'],
  ])('the one-pass and the exact path agree: %s', async (_name, e, a) => {
    const fast = await compare(e, a, { key: ['id'] });
    const exact = await compare(e, a, { key: ['id'] }, join(dir, 'agree.csv'));
    expect(counts(fast)).toEqual(counts(exact));
    expect(fast.columns).toEqual(exact.columns);
    expect(fast.samples).toEqual(exact.samples);
    expect([fast.expected.nullKeyRows, fast.actual.nullKeyRows]).toEqual([exact.expected.nullKeyRows, exact.actual.nullKeyRows]);
  });

  it.each<[string, string, string]>([
    ['unique keys', 'SELECT * FROM (VALUES (1, 1), (2, 2), (3, 3)) t(id, v)', 'SELECT * FROM (VALUES (1, 1), (2, 9), (4, 4)) t(id, v)'],
    ['duplicates on both sides', 'SELECT * FROM (VALUES (1, 1), (1, 2), (2, 3)) t(id, v)', 'SELECT * FROM (VALUES (1, 2), (1, 1), (1, 1), (2, 3)) t(id, v)'],
    ['duplicates among the missing records', 'SELECT * FROM (VALUES (1, 1), (3, 3), (3, 3)) t(id, v)', 'SELECT * FROM (VALUES (1, 1)) t(id, v)'],
  ])('with cheap row counts (Parquet), the one-pass and the exact path agree: %s', async (_name, e, a) => {
    const pq = async (sql: string): Promise<string> => {
      const p = join(dir, `q${++n}.parquet`);
      await session.run(`COPY (${sql}) TO '${p}' (FORMAT parquet)`);
      return p;
    };
    const job = async (mismatchesPath?: string): Promise<TableResult> => runComparison(session, {
      kind: 'comparison-job', name: 'q', expected: { kind: 'parquet', path: await pq(e) }, actual: { kind: 'parquet', path: await pq(a) },
      options: resolveCompareOptions({ key: ['id'] }), ...(mismatchesPath ? { mismatchesPath } : {}),
    });
    const fast = await job();
    const exact = await job(join(dir, 'agree-pq.csv'));
    expect(counts(fast)).toEqual(counts(exact));
    expect(fast.samples).toEqual(exact.samples);
  });

  const microRows = Array.from({ length: 25000 }, (_, i) => `${i},2024-01-02 10:00:00.${String(i).padStart(6, '0')}`).join('\n');
  it.each<[string, string, string, string[], Partial<ReturnType<typeof counts>>]>([
    ['datetime2(7) values 100 ns apart differ (not cut to microseconds on reading)',
      'id,t\n1,2024-01-02 10:00:00.1234567\n2,9999-12-31 23:59:59.9999999\n', 'id,t\n1,2024-01-02 10:00:00.1234568\n2,9999-12-31 23:59:59.9999999\n', ['id'], { matched: 1, changed: 1 }],
    ['7 fraction digits against 3 compare as instants',
      'id,t\n1,2024-01-02 10:00:00.1230000\n2,2024-01-02 10:00:00.1234567\n', 'id,t\n1,2024-01-02 10:00:00.123\n2,2024-01-02 10:00:00.123456\n', ['id'], { matched: 1, changed: 1 }],
    ['datetime2(7) keys 100 ns apart are two keys, not a duplicate',
      't,v\n2024-01-02 10:00:00.1234567,a\n2024-01-02 10:00:00.1234568,b\n', 't,v\n2024-01-02 10:00:00.1234568,b\n2024-01-02 10:00:00.1234567,a\n', ['t'], { records: 2, matched: 2, duplicateKeys: 0 }],
    // DuckDB's sniffer reads 20,000 rows: a TIMESTAMP column would drop the 7th digit past them.
    ["a 7th fraction digit first seen past the sniffer's 20,000 rows",
      `id,t\n${microRows}\n25000,2024-01-02 10:00:00.1234567\n`, `id,t\n${microRows}\n25000,2024-01-02 10:00:00.1234568\n`, ['id'], { records: 25001, matched: 25000, changed: 1 }],
  ])('timestamps to the nanosecond: %s', async (_name, e, a, key, expected) => {
    expect(counts(await compare(e, a, { key }))).toMatchObject(expected);
  });

  // DuckDB's CSV reader casts like CAST ('4.5' into BIGINT is 5, a datetime into DATE loses its
  // time): a type sniffed from the first 20,000 rows must not round a later value into equality.
  const intRows = Array.from({ length: 25000 }, (_, i) => `${i},${i % 7}`).join('\n');
  const dateRows = Array.from({ length: 25000 }, (_, i) => `${i},2024-01-02`).join('\n');
  it.each<[string, string, string, Partial<ReturnType<typeof counts>>]>([
    ['a decimal past the sample of an integer column', `id,v\n${intRows}\n25000,4.5\n`, `id,v\n${intRows}\n25000,5\n`, { records: 25001, matched: 25000, changed: 1 }],
    ['a time past the sample of a date column', `id,d\n${dateRows}\n25000,2024-01-02 10:00\n`, `id,d\n${dateRows}\n25000,2024-01-02 11:00\n`, { records: 25001, matched: 25000, changed: 1 }],
    // past 2^53 a DOUBLE would merge neighbouring keys: those files are read as exact integers
    ['keys past 2^53 stay distinct', `id,v\n${Array.from({ length: 50 }, (_, i) => `${9007199254740993n + 2n * BigInt(i)},${i}`).join('\n')}\n`, `id,v\n${Array.from({ length: 50 }, (_, i) => `${9007199254740993n + 2n * BigInt(i)},${i === 7 ? 8 : i}`).join('\n')}\n`, { records: 50, matched: 49, changed: 1, duplicateKeys: 0 }],
    ['integers that agree stay equal', `id,v\n${intRows}\n25000,5\n`, `id,v\n${intRows}\n25000,5\n`, { records: 25001, matched: 25001, changed: 0 }],
    // the narrowing's fast tests (no IS NULL branch, midnight on the microsecond count) must keep
    // NULLs NULL, negatives and dates before 1970 exact, and still refuse a time before 1970
    ['NULL and negative integers past the sample', `id,v\n${intRows}\n25000,\n25001,-7\n`, `id,v\n${intRows}\n25000,\n25001,-8\n`, { records: 25002, matched: 25001, changed: 1 }],
    ['NULL and dates before 1970 past the sample', `id,d\n${dateRows}\n25000,\n25001,1901-03-04\n25002,1969-12-31\n`, `id,d\n${dateRows}\n25000,\n25001,1901-03-04\n25002,1969-12-30\n`, { records: 25003, matched: 25002, changed: 1 }],
    ['a time before 1970 past the sample of a date column', `id,d\n${dateRows}\n25000,1969-12-31 10:00\n`, `id,d\n${dateRows}\n25000,1969-12-31 11:00\n`, { records: 25001, matched: 25000, changed: 1 }],
  ])('a CSV value the sniffed type would round: %s', async (_name, e, a, expected) => {
    expect(counts(await compare(e, a, { key: ['id'] }))).toMatchObject(expected);
  });

  it.each<[string, string, number]>([
    ['TIMESTAMP_NS 100 ns apart', "SELECT 1 AS id, TIMESTAMP_NS '2024-01-02 10:00:00.1234568' AS t", 0],
    ['TIMESTAMP_NS equal', "SELECT 1 AS id, TIMESTAMP_NS '2024-01-02 10:00:00.1234567' AS t", 1],
    ['TIMESTAMPTZ at the same instant', "SELECT 1 AS id, TIMESTAMPTZ '2024-01-02 08:00:00.123456+00:00' AS t", 0],
  ])('a typed timestamp against datetime2(7) text: %s', async (_name, actualSql, matched) => {
    const r = await runComparison(session, {
      kind: 'comparison-job', name: 'ts', expected: { kind: 'csv', path: csv('id,t\n1,2024-01-02 10:00:00.1234567\n') }, actual: { kind: 'sql', query: actualSql },
      options: resolveCompareOptions({ key: ['id'] }),
    });
    expect(r.matched).toBe(matched);
    expect(r.expected.columns).toEqual([{ name: 'id', type: 'BIGINT' }, { name: 't', type: 'TIMESTAMP' }]);
  });

  it('datetimeoffset text in two CSVs compares at its instant, whatever the offset', async () => {
    const r = await compare(
      'id,t\n1,2024-01-02 12:00:00.1234567 +02:00\n2,2024-01-02 12:00:00.1234567 +02:00\n3,"2024-01-02T10:00:00Z"\n',
      'id,t\n1,2024-01-02 10:00:00.1234567 +00:00\n2,2024-01-02 05:00:00.1234568 -05:00\n3,2024-01-02 11:00:00.0000000 +01:00\n', { key: ['id'] });
    expect(counts(r)).toMatchObject({ matched: 2, changed: 1 });
    expect(r.columns.find((c) => c.name === 't')).toMatchObject({ expectedType: 'TIMESTAMP WITH TIME ZONE', comparedAs: 'timestamp' });
  });

  it('a datetimeoffset compares at its instant against a TIMESTAMPTZ', async () => {
    const r = await runComparison(session, {
      kind: 'comparison-job', name: 'tz', expected: { kind: 'csv', path: csv('id,t\n1,2024-01-02 12:00:00.1234560 +02:00\n2,2024-01-02 12:00:00 +02:00\n') },
      actual: { kind: 'sql', query: "SELECT * FROM (VALUES (1, TIMESTAMPTZ '2024-01-02 10:00:00.123456+00:00'), (2, TIMESTAMPTZ '2024-01-02 12:00:00+00:00')) v(id, t)" },
      options: resolveCompareOptions({ key: ['id'] }),
    });
    expect(counts(r)).toMatchObject({ matched: 1, changed: 1 });
  });

  // Same-typed floats without a tolerance and booleans compare as IS NOT DISTINCT FROM (a shortcut
  // of the general CASE): NaN, -0, NULL and FLOAT must come out as the CASE says.
  it.each<[string, string, string, Partial<CompareOptions>, number]>([
    ['NaN against NaN', "'nan'::DOUBLE", "'nan'::DOUBLE", {}, 1],
    ['NaN against a number', "'nan'::DOUBLE", '1.5::DOUBLE', {}, 0],
    ['-0 against 0', "'-0.0'::DOUBLE", '0.0::DOUBLE', {}, 1],
    ['NULL against NULL', 'NULL::DOUBLE', 'NULL::DOUBLE', {}, 1],
    ['NULL against 0', 'NULL::DOUBLE', '0.0::DOUBLE', {}, 0],
    ['FLOAT one ulp apart', '0.3::FLOAT', "'0.30000004'::FLOAT", {}, 0],
    ['within a tolerance', '1.0::DOUBLE', '1.004::DOUBLE', { tolerance: { absolute: 0.01, relative: 0 } }, 1],
    ['booleans equal', 'true', 'true', {}, 1],
    ['booleans differ', 'true', 'false', {}, 0],
    ['boolean NULL against false', 'NULL::BOOLEAN', 'false', {}, 0],
  ])('same-typed values, keyed: %s', async (_name, e, a, options, matched) => {
    const query = (v: string): { kind: 'sql'; query: string } => ({ kind: 'sql', query: `SELECT 1 AS id, ${v} AS v` });
    const r = await runComparison(session, { kind: 'comparison-job', name: 'f', expected: query(e), actual: query(a), options: resolveCompareOptions({ key: ['id'], ...options }) });
    expect(r.matched).toBe(matched);
  });

  it('re-sniffs a CSV whose sampled types break further down', async () => {
    const rows = Array.from({ length: 30000 }, (_, i) => `${i},${i}`).join('\n');
    const r = await compare(`id,v\n${rows}\n30000,n/a\n`, `id,v\n${rows}\n30000,n/a\n`, { key: ['id'] });
    expect(counts(r)).toMatchObject({ records: 30001, matched: 30001 });
  });

  it('compares Parquet against CSV', async () => {
    const pq = join(dir, 'p.parquet');
    await session.run(`COPY (SELECT i AS id, i * 1.5 AS v FROM range(100) t(i)) TO '${pq}' (FORMAT parquet)`);
    const lines = Array.from({ length: 100 }, (_, i) => `${i},${i === 7 ? 0 : i * 1.5}`).join('\n');
    const r = await runComparison(session, { kind: 'comparison-job', name: 'p', expected: { kind: 'parquet', path: pq }, actual: { kind: 'csv', path: csv(`id,v\n${lines}\n`) }, options: resolveCompareOptions({ key: ['id'] }) });
    expect(counts(r)).toEqual({ records: 100, matched: 99, changed: 1, missing: 0, extra: 0, duplicateKeys: 0 });
  });
});

describe('differing values are shown at full precision', () => {
  const sql = (select: string): { kind: 'sql'; query: string } => ({ kind: 'sql', query: select });
  async function compareSql(expected: string, actual: string, key: string[]): Promise<TableResult> {
    return runComparison(session, { kind: 'comparison-job', name: 't', expected: sql(expected), actual: sql(actual), options: resolveCompareOptions({ key, limit: 5 }) });
  }

  it.each([
    ['TIMESTAMP, 1 µs apart', "TIMESTAMP '2024-01-01 10:00:00.000001'", "TIMESTAMP '2024-01-01 10:00:00.000002'", '2024-01-01 10:00:00.000001', '2024-01-01 10:00:00.000002'],
    // The comparison itself works in µs (TIMESTAMP); the values are shown with all 7 digits.
    ['TIMESTAMP_NS (datetime2(7)), shown to 100 ns', "'2024-01-01 10:00:00.1234567'::TIMESTAMP_NS", "'2024-01-01 10:00:00.1234578'::TIMESTAMP_NS", '2024-01-01 10:00:00.1234567', '2024-01-01 10:00:00.1234578'],
    ['whole seconds against 1 µs', "TIMESTAMP '2024-01-01 10:00:00'", "TIMESTAMP '2024-01-01 10:00:00.000001'", '2024-01-01 10:00:00', '2024-01-01 10:00:00.000001'],
    ['DOUBLE, one ulp apart', '0.3::DOUBLE', '(0.1::DOUBLE + 0.2::DOUBLE)', '0.3', '0.30000000000000004'],
    ['DECIMAL(38,19) beyond a double', '0.1000000000000000001::DECIMAL(38,19)', '0.1000000000000000002::DECIMAL(38,19)', '0.1000000000000000001', '0.1000000000000000002'],
  ])('%s: keyed (one pass), keyed with duplicates (exact path) and without a key', async (_case, e, a, eText, aText) => {
    for (const [rows, key] of [['SELECT 1 AS id, {v} AS v', ['id']], ['SELECT 1 AS id, {v} AS v UNION ALL SELECT 1, {v}', ['id']], ['SELECT 1 AS id, {v} AS v', []]] as const) {
      const r = await compareSql(rows.split('{v}').join(e), rows.split('{v}').join(a), [...key]);
      expect(r.matched).toBe(0);
      const text = renderSamples(r);
      expect(text).toContain(eText);
      expect(text).toContain(aText);
      expect(unifiedDiffOf(r)).toContain(aText);
      expect(renderHtml([r])).toContain(aText);
    }
  });
});

describe('a legacy export read as people make them', () => {
  const write = (bytes: Buffer): string => {
    const p = join(dir, `t${++n}.csv`);
    writeFileSync(p, bytes);
    return p;
  };
  const job = (expected: string, actual: string, expectedCsv = {}) => ({
    kind: 'comparison-job' as const, name: 't', options: resolveCompareOptions({ key: ['id'] }),
    expected: { kind: 'csv' as const, path: expected, csv: expectedCsv }, actual: { kind: 'csv' as const, path: actual },
  });

  it('an SSMS export writing NULL as the text NULL: differs with a note saying how to read it, matches read with its own marker', async () => {
    const ssms = csv('id,name,amount\r\n1,NULL,12.50\r\n2,,NULL\r\n');
    const ours = csv('id,name,amount\n1,,12.5\n2,"",\n');
    const plain = await runComparison(session, job(ssms, ours));
    expect(counts(plain)).toMatchObject({ matched: 0, changed: 2 });
    expect(plain.notes.join('\n')).toMatch(/the expected file writes the text NULL .*--expected-null-marker NULL/);
    // the marker is the expected side's alone: the actual file's empty cells stay NULL, its "" an empty string
    const marked = await runComparison(session, job(ssms, ours, { nullMarker: 'NULL' }));
    expect(counts(marked)).toMatchObject({ records: 2, matched: 2 });
    expect(marked.notes.join('\n')).not.toMatch(/text NULL/);
  });

  it('SSMS\'s text of uniqueidentifier, datetimeoffset and time against the pipeline\'s (DuckDB\'s) text of the same values', async () => {
    const ssms = csv('id,g,dto,t\r\n1,6F9619FF-8B86-D011-B42D-00C04FC964FF,2026-01-31 18:26:00.0000000 +01:00,18:26:00.0000000\r\n2,A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11,2026-02-01 00:00:00.0000000 +00:00,00:00:00.0000000\r\n3,A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12,2026-02-01 00:00:00.0000000 +00:00,00:00:00.0000000\r\n');
    const ours = csv('id,g,dto,t\n1,6f9619ff-8b86-d011-b42d-00c04fc964ff,2026-01-31 17:26:00+00,18:26:00\n2,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,2026-02-01 00:00:00+00,00:00:00\n3,a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13,2026-02-01 01:00:00+01,00:00:00\n');
    const r = await runComparison(session, job(ssms, ours));
    expect(counts(r)).toMatchObject({ records: 3, matched: 2, changed: 1 });
    expect(r.columns.find((c) => c.name === 'g')?.mismatches).toBe(1); // a GUID one digit apart still differs
    expect(r.columns.find((c) => c.name === 'dto')?.mismatches).toBe(0);
    // the load step shows a TIME as people read it, not as DuckDB's microsecond count
    expect(r.expected.head[0]?.t).toBe('18:26:00');
  });

  it('a code the legacy side holds with leading zeros differs from the pipeline\'s number without them', async () => {
    // Provider NPI char(10) '0123456789' reads as text, the new side's 123456789 as a BIGINT
    const legacy = csv('id,npi,amount\n1,0123456789,0.50\n2,2345678901,12.5\n');
    const ours = csv('id,npi,amount\n1,123456789,0.5\n2,2345678901,12.50\n');
    const r = await runComparison(session, job(legacy, ours));
    expect(counts(r)).toMatchObject({ records: 2, matched: 1, changed: 1 });
    expect(r.columns.find((c) => c.name === 'npi')?.mismatches).toBe(1);
    expect(r.columns.find((c) => c.name === 'amount')?.mismatches).toBe(0);
  });

  it('numbers with more digits than a double keeps compare as exact decimals, never rounded; a double\'s own digits are read as it', async () => {
    // decimal(19,4) totals one unit apart in the last digit: as doubles both are 123456789012345.12
    const run = (e: string, a: string) => runComparison(session, job(csv(e), csv(a)));
    const totals = await run('id,amount\n1,12.5\n2,123456789012345.1234\n', 'id,amount\n1,12.50\n2,123456789012345.1235\n');
    expect(counts(totals)).toMatchObject({ records: 2, matched: 1, changed: 1 });
    expect(totals.expected.columns.find((c) => c.name === 'amount')?.type).toBe('DECIMAL(38,4)');
    // past the sniffed sample too (the sample promised short numbers)
    const long = Array.from({ length: 25000 }, (_, i) => `${i + 10},${i}.5`).join('\n');
    const past = await run(`id,amount\n${long}\n1,0.1234567890123456789\n`, `id,amount\n${long}\n1,0.1234567890123456788\n`);
    expect(counts(past)).toMatchObject({ records: 25001, matched: 25000, changed: 1 });
    // a long number in exponent form has no exact decimal reading here: refused, named
    await expect(run('id,amount\n1,1.2345678901234567891E+5\n', 'id,amount\n1,123456.78901234567\n')).rejects.toThrow(/column amount: 1\.2345678901234567891E\+5 has more significant digits than a double keeps/);
    const ok = await run('id,f\n1,0.30000000000000004\n2,1.5E-05\n3,12.50\n4,123456789.1234500\n', 'id,f\n1,0.30000000000000004\n2,0.000015\n3,12.5\n4,123456789.12345\n');
    expect(counts(ok)).toMatchObject({ records: 4, matched: 4 });
    expect(ok.expected.columns.find((c) => c.name === 'f')?.type).toBe('DOUBLE');
  });

  it('a DECIMAL past 15 digits against a double or numeric text is equal only digit for digit', async () => {
    const sql = (q: string) => ({ kind: 'sql' as const, query: q });
    const rows = (v: string, cast: string) => [1, 2, 3].map((id) => `SELECT ${id} AS id, ${v.split('|')[id - 1]}${cast} AS v`).join(' UNION ALL ');
    const decimals = rows("12345678901234.5001|12.5000|123456789012.3457", '::DECIMAL(38,4)');
    for (const other of [rows('12345678901234.5|12.5|123456789012.3457', '::DOUBLE'), rows("'12345678901234.5'|'12.50'|'123456789012.3457'", '')]) {
      const r = await runComparison(session, { kind: 'comparison-job', name: 't', expected: sql(other), actual: sql(decimals), options: resolveCompareOptions({ key: ['id'] }) });
      expect(counts(r)).toMatchObject({ records: 3, matched: 2, changed: 1 });
      expect(r.samples[0]?.key).toEqual({ id: 1 });
    }
    // a 64-bit id past 2^53 against its text (a column with an 'n/a' stays text)
    const ids = await runComparison(session, { kind: 'comparison-job', name: 't', options: resolveCompareOptions({ key: ['id'] }),
      expected: sql("SELECT 1 AS id, '9007199254740993' AS v UNION ALL SELECT 2, '1234567890123456789' UNION ALL SELECT 3, 'n/a'"),
      actual: sql("SELECT 1 AS id, 9007199254740992::BIGINT AS v UNION ALL SELECT 2, 1234567890123456789::BIGINT UNION ALL SELECT 3, NULL::BIGINT") });
    expect(counts(ids)).toMatchObject({ records: 3, matched: 1, changed: 2 });
  });

  it('an "ANSI" (Windows-1252) export: read by its code page when named, and when found not to be UTF-8 (with a note)', async () => {
    // 0x80 is the euro sign and 0x93/0x94 curly quotes in Windows-1252; Latin-1 has control characters there
    const ansi = write(Buffer.concat([Buffer.from('id,label\r\n1,Price '), Buffer.from([0x80]), Buffer.from(' 5\r\n2,Caf'), Buffer.from([0xe9]), Buffer.from('\r\n3,'), Buffer.from([0x93]), Buffer.from('q'), Buffer.from([0x94]), Buffer.from('\r\n')]));
    const utf8 = csv('id,label\n1,Price \u20ac 5\n2,Caf\u00e9\n3,\u201cq\u201d\n');
    const found = await runComparison(session, job(ansi, utf8));
    expect(counts(found)).toMatchObject({ records: 3, matched: 3 });
    expect(found.notes.join('\n')).toMatch(/expected file is not UTF-8: read as Windows-1252/);
    const named = await runComparison(session, job(ansi, utf8, { encoding: 'windows-1252' }));
    expect(counts(named)).toMatchObject({ records: 3, matched: 3 });
    expect(named.notes.join('\n')).not.toMatch(/not UTF-8/);
    expect(named.expected.source).toContain(ansi); // the report names the file, not its UTF-8 copy
  });
});
