import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';
import { draftAgainstEmulator, type ParityCase } from './emulator-parity';

// A dimension's surrogate key: an INSERT leaves the IDENTITY column to the table's counter. SQL
// Server numbers an INSERT … SELECT … ORDER BY in that order (the INSERT page's guarantee), from
// the counter's last value (the seed on an empty table) by the increment; each draft runs
// against the emulator's result for the same rows.
const ddl = (identity: string): string => `CREATE TABLE dim.Customer ([Key] int IDENTITY${identity} NOT NULL PRIMARY KEY, Code int NOT NULL, Name varchar(20) NULL);
CREATE TABLE dbo.Stage (Code int NOT NULL, Name varchar(20) NULL);`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const DIM = { name: 'dim.Customer', columns: ['Key:int', 'Code:int', 'Name:text?'] };
const STAGE = { name: 'dbo.Stage', columns: ['Code:int', 'Name:text?'] };
const STAGE_CSV = 'Code,Name\n30,carol\n10,alice\n20,bob\n';

// The emulator runs first on the session the draft then reads, so the dimension starts empty
// here (no input: the draft takes the output table as empty, the emulator loads no rows).
const parity = (identity: string, body: string): ParityCase => ({
  ddl: ddl(identity),
  procedure: proc(body),
  inputs: [{ ...STAGE, csv: STAGE_CSV }],
  output: DIM,
});

describe('drafted INSERT numbering an IDENTITY column, against the emulator', () => {
  it.each<[string, string, string, string[]]>([
    ['from the seed by the increment, in the ORDER BY order', '(100,10)',
      'INSERT INTO dim.Customer (Code, Name) SELECT s.Code, s.Name FROM dbo.Stage AS s ORDER BY s.Name;',
      ['100|10|alice', '110|20|bob', '120|30|carol']],
    ['ordered by a select-list alias, not the source column of that name', '(1,1)',
      'INSERT INTO dim.Customer (Code, Name) SELECT 100 - s.Code AS Code, s.Name FROM dbo.Stage AS s ORDER BY Code;',
      ['1|70|carol', '2|80|bob', '3|90|alice']],
    ['downwards for a negative increment, ordered by position', '(-1,-1)',
      'INSERT INTO dim.Customer (Code, Name) SELECT s.Code, s.Name FROM dbo.Stage AS s ORDER BY 1 DESC;',
      ['-1|30|carol', '-2|20|bob', '-3|10|alice']],
    ['one row of VALUES, then another without a column list', '(1,1)',
      "INSERT INTO dim.Customer (Code, Name) VALUES (8, 'erin');\nINSERT INTO dim.Customer VALUES (9, 'fay');",
      ['1|8|erin', '2|9|fay']],
  ])('%s', async (_name, identity, body, rows) => {
    const r = await draftAgainstEmulator(parity(identity, body));
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft?.slice().sort()).toEqual(rows.slice().sort());
  });
});

describe('drafted INSERT numbering an IDENTITY column: what SQL Server leaves to its plan', () => {
  let session: EngineSession;
  beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
  afterAll(() => session.close());
  const dim: HarnessTable = { ...DIM, rows: [[1, 7, 'dave']] };
  const stage = (rows: (string | number)[][]): HarnessTable => ({ ...STAGE, rows });
  const draft = (body: string): ReturnType<typeof draftOf> => draftOf(proc(body), { ddl: ddl('(1,1)'), inputs: [DIM, STAGE], output: DIM });

  it.each<[string, string, HarnessTable, string[]]>([
    ['after the largest key the Given holds', '(1,1)', { ...DIM, rows: [[4, 7, 'dave'], [9, 8, 'erin']] }, ['10|30|carol', '11|20|bob', '12|10|alice', '4|7|dave', '9|8|erin']],
    ['below the smallest key for a negative increment', '(-1,-1)', { ...DIM, rows: [[-5, 7, 'dave']] }, ['-5|7|dave', '-6|30|carol', '-7|20|bob', '-8|10|alice']],
  ])('numbers an INSERT … SELECT … ORDER BY %s', async (_name, identity, given, rows) => {
    const body = draftOf(proc('INSERT INTO dim.Customer (Code, Name) SELECT s.Code, s.Name FROM dbo.Stage AS s ORDER BY s.Code DESC;'), { ddl: ddl(identity), inputs: [DIM, STAGE], output: DIM });
    expect(body.refusals).toEqual([]);
    expect((await runDraft(session, body, [given, stage([[30, 'carol'], [10, 'alice'], [20, 'bob']])])).sort()).toEqual(rows.slice().sort());
  });

  it('stops, located, on rows tied in the ORDER BY', async () => {
    const body = draft('INSERT INTO dim.Customer (Code, Name) SELECT s.Code, s.Name FROM dbo.Stage AS s ORDER BY s.Name;');
    expect(body.refusals).toEqual([]);
    await expect(runDraft(session, body, [dim, stage([[10, 'x'], [20, 'x']])])).rejects.toThrow(/proc\.sql:3:\d+: ROW_NUMBER\(\) OVER rows tied in its ORDER BY/);
    expect(await runDraft(session, body, [dim, stage([[10, 'y'], [20, 'x']])])).toEqual(['1|7|dave', '2|20|x', '3|10|y']);
  });

  it('numbers one row without ORDER BY and stops, located, on several', async () => {
    const body = draft('INSERT INTO dim.Customer (Code, Name) SELECT s.Code, s.Name FROM dbo.Stage AS s;');
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [dim, stage([[10, 'x']])])).toEqual(['1|7|dave', '2|10|x']);
    await expect(runDraft(session, body, [dim, stage([[10, 'x'], [20, 'y']])])).rejects.toThrow(/proc\.sql:3:1: identity values of Key for several rows without ORDER BY/);
  });

  it.each([
    ['a VALUES list of several rows', "INSERT INTO dim.Customer (Code, Name) VALUES (8, 'a'), (9, 'b');", /a VALUES list of several rows/],
    ['an INSERT after a DELETE of the table', "DELETE FROM dim.Customer WHERE Code = 7;\nINSERT INTO dim.Customer (Code, Name) VALUES (8, 'a');", /another statement of the section changed the table/],
  ])('refuses %s at the identity column', (_name, body, why) => {
    expect(draft(body).refusals.map((r) => `${r.construct}: ${r.reason}`)).toEqual([expect.stringMatching(new RegExp(`^identity column Key: ${why.source}`))]);
  });
});

// The load log idiom: a one-row INSERT opens the run's log row, SCOPE_IDENTITY() right after it
// keeps that row's key for the rows the load writes (their lineage column).
describe('SCOPE_IDENTITY() right after a one-row INSERT … VALUES', () => {
  const LOG = `CREATE TABLE etl.LoadLog ([Load Id] int IDENTITY(1,1) NOT NULL PRIMARY KEY, Job varchar(20) NOT NULL);
CREATE TABLE dbo.Fact (Code int NOT NULL, [Load Id] int NULL);
CREATE TABLE dbo.Stage (Code int NOT NULL, Name varchar(20) NULL);`;
  const FACT = { name: 'dbo.Fact', columns: ['Code:int', 'Load Id:int?'] };
  const LOG_TABLE = { name: 'etl.LoadLog', columns: ['Load Id:int', 'Job:text'] };

  it('is the identity the row got, continuing after the log rows already there (as the emulator numbers it: 42)', async () => {
    const log = { ...LOG_TABLE, rows: [[7, 'dims'], [41, 'facts']] };
    const stage = { ...STAGE, rows: [[30, 'carol'], [10, 'alice']] };
    const body = draftOf(proc(`DECLARE @LoadId int;
INSERT etl.LoadLog (Job) VALUES ('facts');
SET @LoadId = SCOPE_IDENTITY();
INSERT INTO dbo.Fact (Code, [Load Id]) SELECT Code, @LoadId FROM dbo.Stage;`), { ddl: LOG, inputs: [stage, log, { ...FACT, rows: [] }], output: FACT });
    expect(body.refusals).toEqual([]);
    const session = await EngineSession.open({ threads: 1 });
    try {
      expect(await runDraft(session, body, [stage, log, { ...FACT, rows: [] }])).toEqual(['10|42', '30|42']);
    } finally {
      session.close();
    }
  });

  it('is refused after any other statement, and after an INSERT … SELECT', () => {
    const refused = (body: string): string[] => draftOf(proc(body), { ddl: LOG, inputs: [STAGE, { ...LOG_TABLE, rows: [] }], output: FACT }).refusals.map((x) => x.construct);
    expect(refused(`DECLARE @LoadId int;
INSERT etl.LoadLog (Job) VALUES ('facts');
DELETE FROM dbo.Stage WHERE Code < 0;
SET @LoadId = SCOPE_IDENTITY();
INSERT INTO dbo.Fact (Code, [Load Id]) SELECT Code, @LoadId FROM dbo.Stage;`)).toContain('SCOPE_IDENTITY()');
    expect(refused(`DECLARE @LoadId int;
INSERT etl.LoadLog (Job) SELECT 'facts';
SET @LoadId = SCOPE_IDENTITY();
INSERT INTO dbo.Fact (Code, [Load Id]) SELECT Code, @LoadId FROM dbo.Stage;`)).toContain('SCOPE_IDENTITY()');
  });
});

// A #temp of lines numbered by IDENTITY, filled by INSERT … SELECT without ORDER BY: which line
// got which number is up to SQL Server's plan, but a later statement that never reads the number
// is certain. The draft stops only where the number is read (by name, through `*` or a copy, or in
// the output), as the emulator taints only a statement that reads the column (random-values.ts).
// Before, every such INSERT of several rows stopped the draft, read or not.
describe('identity values numbered without ORDER BY into a #temp', () => {
  let session: EngineSession;
  beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
  afterAll(() => session.close());
  const TOTALS = { name: 'dbo.Totals', columns: ['Code:int', 'Amount:decimal(12,2)?'] };
  const LINES = { name: 'dbo.Lines', columns: ['Code:int', 'Amount:decimal(12,2)?'] };
  const lines = { ...LINES, rows: [[10, 5.5], [20, 2], [10, 1]] };
  const body = (reads: string): string => proc(`    CREATE TABLE #Work ([Line No] int IDENTITY(1,1) NOT NULL PRIMARY KEY, [Code] int NOT NULL, [Amount] decimal(12,2) NULL);
    INSERT INTO #Work ([Code], [Amount]) SELECT l.Code, l.Amount FROM dbo.Lines l WHERE l.Amount > 0;
    INSERT INTO #Work ([Code], [Amount]) SELECT l.Code, 0 FROM dbo.Lines l WHERE l.Amount IS NULL;
${reads}`);
  const draft = (reads: string): ReturnType<typeof draftOf> => draftOf(body(reads), { ddl: 'CREATE TABLE dbo.Lines (Code int NOT NULL, Amount decimal(12,2) NULL);\nCREATE TABLE dbo.Totals (Code int NOT NULL, Amount decimal(12,2) NULL);', inputs: [LINES, TOTALS], output: TOTALS });

  it('runs a later statement that never reads the number', async () => {
    const d = draft('    INSERT INTO dbo.Totals (Code, Amount) SELECT w.[Code], SUM(w.[Amount]) FROM #Work w GROUP BY w.[Code];');
    expect(d.refusals).toEqual([]);
    expect(await runDraft(session, d, [lines, { ...TOTALS, rows: [] }])).toEqual(['10|6.5', '20|2']);
  });

  it.each([
    ['by name', '    INSERT INTO dbo.Totals (Code, Amount) SELECT w.[Line No], w.[Amount] FROM #Work w;'],
    ['through * and a copy', '    SELECT * INTO #Copy FROM #Work;\n    INSERT INTO dbo.Totals (Code, Amount) SELECT c.[Line No], c.[Amount] FROM #Copy c;'],
  ])('stops, located at the INSERT, where a statement reads the number %s', async (_name, reads) => {
    const d = draft(reads);
    expect(d.refusals).toEqual([]);
    await expect(runDraft(session, d, [lines, { ...TOTALS, rows: [] }])).rejects.toThrow(/proc\.sql:4:5: identity values of Line No for several rows without ORDER BY, read later/);
    // one row numbered: certain, so the read runs
    expect(await runDraft(session, d, [{ ...LINES, rows: [[10, 5.5]] }, { ...TOTALS, rows: [] }])).toEqual(['1|5.5']);
  });
});
