import { draftBody } from '../../../src/draft';
import { EngineSession } from '../../../src/engine';
import { draftInputOf, draftOf, runDraft, type HarnessTable } from './draft-harness';

// `SELECT @Cut = c.Cutoff FROM etl.Cutoff c WHERE c.TableName = …`, the ETL watermark read: no
// row leaves the variable as it was, one row gives its value, several stop the drafted query
// (SQL Server assigns the last row its plan returns). Source: the SELECT @local_variable page.
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T @Name varchar(20) AS\nBEGIN\n${body}\nEND`;
const CUTOFF: HarnessTable = { name: 'etl.Cutoff', columns: ['TableName:text', 'Cutoff:int?'], rows: [['Sale', 15], ['Stock', null], ['Twice', 1], ['Twice', 2]] };
const S: HarnessTable = { name: 'dbo.S', columns: ['K:int', 'V:int'], rows: [[1, 5], [2, 10], [3, 20]] };
const T: HarnessTable = { name: 'dbo.T', columns: ['K:int', 'V:int'], rows: [] };
const READ = `DECLARE @Cut int = 7;
SELECT @Cut = c.Cutoff FROM etl.Cutoff AS c WHERE c.TableName = @Name;
INSERT INTO dbo.T (K, V) SELECT s.K, s.V FROM dbo.S AS s WHERE s.V > ISNULL(@Cut, 0);`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafted SELECT @v = column FROM … (a lookup, not an aggregate)', () => {
  const body = (): ReturnType<typeof draftOf> => draftOf(proc(READ), { inputs: [CUTOFF, S, T], output: T, params: { '@Name': 'text?' } });

  it.each([
    ["'Sale'", ['3|20']], // one row: its value, 15
    ["'Nothing'", ['2|10', '3|20']], // no row: @Cut keeps its DECLARE value, 7
    ["'Stock'", ['1|5', '2|10', '3|20']], // one row whose value is NULL: @Cut becomes NULL
  ])('@Name = %s', async (name, rows) => {
    expect(body().refusals).toEqual([]);
    expect(await runDraft(session, body(), [CUTOFF, S, T], { '@Name': name })).toEqual(rows);
  });

  it('stops with an error, located, when several rows match', async () => {
    await expect(runDraft(session, body(), [CUTOFF, S, T], { '@Name': "'Twice'" })).rejects.toThrow(/proc\.sql:4:1: SELECT @v = … FROM found more than one row/);
  });

  it('starts from NULL a variable whose DECLARE (no value) is outside the section and used nowhere else', async () => {
    const text = proc(`DECLARE @Cut int;\nSELECT @Cut = c.Cutoff FROM etl.Cutoff AS c WHERE c.TableName = @Name;\nINSERT INTO dbo.T (K, V) SELECT s.K, s.V FROM dbo.S AS s WHERE s.V > ISNULL(@Cut, 6);`);
    const input = draftInputOf(text, { inputs: [CUTOFF, S, T], output: T, params: { '@Name': 'text?' } });
    const body = draftBody({ ...input, spec: { ...input.spec, lines: [{ start: 4, end: 5 }] } });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [CUTOFF, S, T], { '@Name': "'Nothing'" })).toEqual(['2|10', '3|20']);
  });

  it('starts from NULL a variable that statements outside the section only read (a guard `IF @Cut IS NULL PRINT …`), as `sections record` does', async () => {
    const text = proc(`DECLARE @Cut int;\nIF @Cut IS NULL PRINT 'no cutoff yet';\nSELECT @Cut = c.Cutoff FROM etl.Cutoff AS c WHERE c.TableName = @Name;\nINSERT INTO dbo.T (K, V) SELECT s.K, s.V FROM dbo.S AS s WHERE s.V > ISNULL(@Cut, 6);\nIF @Cut > 100 PRINT 'late';`);
    const input = draftInputOf(text, { inputs: [CUTOFF, S, T], output: T, params: { '@Name': 'text?' } });
    const body = draftBody({ ...input, spec: { ...input.spec, lines: [{ start: 5, end: 6 }] } });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [CUTOFF, S, T], { '@Name': "'Nothing'" })).toEqual(['2|10', '3|20']);
  });

  it('reads `SELECT @v = ISNULL(SUM(x), 0) FROM …` as an aggregate (one row), whatever @v held before', async () => {
    const text = proc(`DECLARE @Cut int;\nSET @Cut = 3;\nSELECT @Cut = ISNULL(SUM(c.Cutoff), 0) FROM etl.Cutoff AS c WHERE c.TableName = @Name;\nINSERT INTO dbo.T (K, V) SELECT s.K, s.V FROM dbo.S AS s WHERE s.V > @Cut;`);
    const input = draftInputOf(text, { inputs: [CUTOFF, S, T], output: T, params: { '@Name': 'text?' } });
    const body = draftBody({ ...input, spec: { ...input.spec, lines: [{ start: 5, end: 6 }] } });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [CUTOFF, S, T], { '@Name': "'Nothing'" })).toEqual(['1|5', '2|10', '3|20']);
    expect(await runDraft(session, body, [CUTOFF, S, T], { '@Name': "'Sale'" })).toEqual(['3|20']);
  });

  it('reads `SELECT @v = STRING_AGG(…) FROM …` as an aggregate too (one row, NULL over none), whatever @v held before', async () => {
    const N: HarnessTable = { name: 'dbo.N', columns: ['K:int', 'Names:text?'], rows: [] };
    const text = proc(`DECLARE @List varchar(200);\nSET @List = 'set outside';\nSELECT @List = STRING_AGG(c.TableName, ',') WITHIN GROUP (ORDER BY c.TableName) FROM etl.Cutoff AS c WHERE c.Cutoff >= 2 OR c.TableName = @Name;\nINSERT INTO dbo.N (K, Names) VALUES (1, @List);`);
    const input = draftInputOf(text, { inputs: [CUTOFF, N], output: N, params: { '@Name': 'text?' } });
    const body = draftBody({ ...input, spec: { ...input.spec, lines: [{ start: 5, end: 6 }] } });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [CUTOFF, N], { '@Name': "'Stock'" })).toEqual(['1|Sale,Stock,Twice']);
    const none: HarnessTable = { ...CUTOFF, rows: [] };
    expect(await runDraft(session, body, [none, N], { '@Name': "'Stock'" })).toEqual(['1|NULL']);
  });

  it('refuses an item reading a variable another item of the same SELECT assigns (which value it sees is not documented)', () => {
    const text = proc(`DECLARE @Cut int = 7, @Next int;\nSELECT @Cut = MAX(c.Cutoff), @Next = @Cut + 1 FROM etl.Cutoff AS c WHERE c.TableName = @Name;\nINSERT INTO dbo.T (K, V) VALUES (@Cut, @Next);`);
    const body = draftOf(text, { inputs: [CUTOFF, S, T], output: T, params: { '@Name': 'text?' } });
    expect(body.refusals.map((r) => `${r.line}:${r.col}: ${r.construct}: ${r.reason}`)).toEqual([expect.stringMatching(/^4:1: SELECT @Cut = … FROM: an item reads @Cut, which another item of the same SELECT assigns/)]);
  });

  it('refuses when the earlier value is set outside the section', () => {
    const text = proc(`DECLARE @Cut int;\nSET @Cut = 3;\nSELECT @Cut = c.Cutoff FROM etl.Cutoff AS c WHERE c.TableName = @Name;\nINSERT INTO dbo.T (K, V) SELECT s.K, s.V FROM dbo.S AS s WHERE s.V > @Cut;`);
    const input = draftInputOf(text, { inputs: [CUTOFF, S, T], output: T, params: { '@Name': 'text?' } });
    const body = draftBody({ ...input, spec: { ...input.spec, lines: [{ start: 5, end: 6 }] } });
    expect(body.refusals.map((r) => `${r.line}: ${r.reason}`)).toEqual([expect.stringMatching(/^5: @Cut keeps its earlier value when no row matches/)]);
  });
});

describe('drafted date-and-time constants', () => {
  const D: HarnessTable = { name: 'dbo.D', columns: ['K:int', 'At:timestamp'], rows: [] };
  const draft = (literal: string, type = 'datetime2(7)'): ReturnType<typeof draftOf> => draftOf(proc(`DECLARE @End ${type} = ${literal};\nINSERT INTO dbo.D (K, At) VALUES (1, @End);`), { inputs: [D], output: D, params: { '@Name': 'text?' } });

  // datetime2(7) reads these forms alike under every DATEFORMAT and language, to 100 ns (CAST and
  // CONVERT, date and time styles): its value is exact as written
  it.each([
    ["'2013-01-01 10:30'", '2013-01-01T10:30:00Z'],
    ["'2013-01-01T10:30:00.000'", '2013-01-01T10:30:00Z'],
    ["'20131231 23:59'", '2013-12-31T23:59:00Z'],
    ["'2013-01-01 10:30:15'", '2013-01-01T10:30:15Z'],
  ])('%s is taken as written', async (literal, at) => {
    expect(await runDraft(session, draft(literal), [D])).toEqual([`1|${String(new Date(at))}`]);
  });

  // datetime, smalldatetime and datetime2(0-6) are one TIMESTAMP to the draft, and round differently
  it.each([
    ["'9999-12-31 23:59:59.9999999'", /7th fraction digit/],
    ["'2013-01-01 10:30:15'", /round differently/],
  ])('%s as datetime2(3) is refused', (literal, why) => {
    expect(draft(literal, 'datetime2(3)').refusals.map((r) => r.reason)).toEqual([expect.stringMatching(why)]);
  });

  it('stops, located, when a datetime2(7) with 100 ns goes into a timestamp column, never cut', async () => {
    const body = draft("'9999-12-31 23:59:59.9999999'");
    expect(body.refusals).toEqual([]);
    await expect(runDraft(session, body, [D])).rejects.toThrow(/proc\.sql:\d+:\d+: a datetime2 value with a 7th fraction digit/);
  });
});

describe('drafted INSERT into a table with an IDENTITY column it does not name', () => {
  // SQL Server draws the identity values from the table's counter (never NULL); a MERGE numbers
  // its rows in its plan's order, so the draft refuses instead of writing NULL (INSERTs: identity-keys.test.ts).
  const DIM: HarnessTable = { name: 'dim.Customer', columns: ['Key:int', 'Code:int'], rows: [[1, 7]] };
  const ddl = 'CREATE TABLE dim.Customer ([Key] int IDENTITY(1,1) NOT NULL PRIMARY KEY, Code int NOT NULL);';

  it.each([
    ['MERGE … WHEN NOT MATCHED THEN INSERT', "MERGE dim.Customer AS t USING dbo.S AS s ON t.Code = s.K WHEN NOT MATCHED THEN INSERT (Code) VALUES (s.K);"],
  ])('%s is refused at the identity column', (_name, statement) => {
    const body = draftOf(proc(statement), { ddl, inputs: [DIM, S], output: DIM, params: { '@Name': 'text?' } });
    expect(body.refusals.map((r) => `${r.construct}: ${r.reason}`)).toEqual([expect.stringMatching(/^identity column Key: the INSERT leaves it to the table's identity counter/)]);
  });

  it('a table variable column with a DEFAULT the INSERT omits gets the DEFAULT', async () => {
    const text = proc("DECLARE @t TABLE (K int, V int DEFAULT 5);\nINSERT INTO @t (K) VALUES (1);\nINSERT INTO dbo.T (K, V) SELECT K, V FROM @t;");
    const body = draftOf(text, { inputs: [T], output: T, params: { '@Name': 'text?' } });
    expect(await runDraft(session, body, [T])).toEqual(['1|5']);
  });
});
