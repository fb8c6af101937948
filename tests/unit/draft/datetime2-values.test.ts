import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// datetime2(7) in drafts: held as its text 'yyyy-mm-dd hh:mi:ss.fffffff' (VARCHAR), which compares
// and orders as the values do; conversions into it are exact or stop the query (never a cut or a
// rounded value). Sources: the datetime2 page (range 0001-01-01 through 9999-12-31, 100 ns),
// data type precedence (datetime2 above datetime and date), CAST and CONVERT (style 121).
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const DDL = 'CREATE TABLE dbo.Dim (K int NOT NULL, ValidTo datetime2 NOT NULL);\nCREATE TABLE dbo.Out (K int NOT NULL, At datetime2(7) NULL);';
const DIM: HarnessTable = { name: 'dbo.Dim', columns: ['K:int', 'ValidTo:datetime2'], rows: [[1, '9999-12-31 23:59:59.9999999'], [2, '9999-12-31 23:59:59.9999998'], [3, '0999-01-01 00:00:00.0000000']] };
const OUT: HarnessTable = { name: 'dbo.Out', columns: ['K:int', 'At:datetime2?'], rows: [] };

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

const run = async (body: string, inputs: readonly HarnessTable[] = [DIM, OUT]): Promise<string[]> => {
  const d = draftOf(proc(body), { ddl: DDL, inputs, output: OUT });
  expect(d.refusals.map((r) => r.reason)).toEqual([]);
  return runDraft(session, d, inputs);
};

describe('drafted datetime2(7) values', () => {
  it.each([
    // 100 ns apart are two values; the year 999 orders before 9999 (fixed-width text)
    ["WHERE d.ValidTo = '9999-12-31 23:59:59.9999999'", ['1|9999-12-31 23:59:59.9999999']],
    ["WHERE d.ValidTo < '9999-12-31 23:59:59.9999999'", ['2|9999-12-31 23:59:59.9999998', '3|0999-01-01 00:00:00.0000000']],
    ["WHERE d.ValidTo >= '9999-12-31'", ['1|9999-12-31 23:59:59.9999999', '2|9999-12-31 23:59:59.9999998']],
    ["WHERE d.ValidTo > CAST('2026-01-01' AS date)", ['1|9999-12-31 23:59:59.9999999', '2|9999-12-31 23:59:59.9999998']],
  ])('compares exactly: %s', async (where, rows) => {
    expect(await run(`INSERT INTO dbo.Out (K, At) SELECT d.K, d.ValidTo FROM dbo.Dim AS d ${where};`)).toEqual(rows);
  });

  it('takes MAX as the latest value', async () => {
    expect(await run('INSERT INTO dbo.Out (K, At) SELECT 0, MAX(d.ValidTo) FROM dbo.Dim AS d;')).toEqual(['0|9999-12-31 23:59:59.9999999']);
  });

  it.each([
    ["'2026-12-01T02:00:00.5'", '2026-12-01 02:00:00.5000000'],
    ["'20261201'", '2026-12-01 00:00:00.0000000'],
    ["CAST('2026-12-01' AS date)", '2026-12-01 00:00:00.0000000'],
  ])('converts %s exactly', async (value, text) => {
    expect(await run(`INSERT INTO dbo.Out (K, At) VALUES (1, ${value});`)).toEqual([`1|${text}`]);
  });

  it('reads text from data at run time in the forms every DATEFORMAT reads alike, and stops on another', async () => {
    const src = (v: string): HarnessTable => ({ name: 'dbo.Src', columns: ['K:int', 'V:text'], rows: [[1, v]] });
    const body = 'INSERT INTO dbo.Out (K, At) SELECT s.K, s.V FROM dbo.Src AS s;';
    expect(await run(body, [src('2026-12-01 02:00:00.1234567'), OUT])).toEqual(['1|2026-12-01 02:00:00.1234567']);
    expect(await run(body, [src('2026-12-01 02:00'), OUT])).toEqual(['1|2026-12-01 02:00:00.0000000']);
    await expect(run(body, [src('12/01/2026'), OUT])).rejects.toThrow(/proc\.sql:3:\d+: text converted to datetime2 that is not in the form/);
    await expect(run(body, [src('2026-12-01 02:00:00.12345678'), OUT])).rejects.toThrow(/text converted to datetime2/);
  });

  it('converts a datetime held as TIMESTAMP only when its fraction is whole 10 ms (datetime .003 is 3.333… ms)', async () => {
    const src = (v: string): HarnessTable => ({ name: 'dbo.Src', columns: ['K:int', 'V:timestamp'], rows: [[1, v]] });
    const body = 'INSERT INTO dbo.Out (K, At) SELECT s.K, s.V FROM dbo.Src AS s;';
    expect(await run(body, [src('2026-12-01 02:00:00.12'), OUT])).toEqual(['1|2026-12-01 02:00:00.1200000']);
    await expect(run(body, [src('2026-12-01 02:00:00.123'), OUT])).rejects.toThrow(/not whole 10 ms converted to datetime2/);
  });

  it.each([
    ["'2026-12-01 02:00:00.12345678'", /more than 7 fraction digits|not in a form/],
    ["'12/01/2026'", /not in a form every DATEFORMAT/],
    ["'2026-12-01T02:00'", /not in a form every DATEFORMAT/],
  ])('refuses the constant %s, located', (value, why) => {
    const d = draftOf(proc(`INSERT INTO dbo.Out (K, At) VALUES (1, ${value});`), { ddl: DDL, inputs: [OUT], output: OUT });
    expect(d.refusals.map((r) => `${r.line}: ${r.reason}`)).toEqual([expect.stringMatching(new RegExp(`^3: .*(${why.source})`))]);
  });

  it.each([
    ['DATEADD(day, 1, d.ValidTo)', /the date argument is datetime2/],
    ['d.ValidTo + 1', /datetime2 \+ int/],
  ])('refuses %s, which it does not reproduce on datetime2 text', (expr, why) => {
    const d = draftOf(proc(`INSERT INTO dbo.Out (K, At) SELECT d.K, ${expr} FROM dbo.Dim AS d;`), { ddl: DDL, inputs: [DIM, OUT], output: OUT });
    expect(d.refusals.map((r) => `${r.construct}: ${r.reason}`)).toEqual([expect.stringMatching(why)]);
  });
});
