import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// DECLARE CURSOR: learn.microsoft.com/sql/t-sql/language-elements/declare-cursor-transact-sql (the
// rows come in the SELECT's order, which only ORDER BY defines). capture runs the procedure again
// with such rows fetched in reverse and lists what changes; a count over the rows does not.
const TABLES = `CREATE TABLE dbo.Region (RegionId int NOT NULL PRIMARY KEY, RegionName nvarchar(40) NOT NULL)
GO
CREATE TABLE dbo.Numbered (Seq int NOT NULL PRIMARY KEY, RegionName nvarchar(40) NOT NULL)
GO
CREATE TABLE dbo.Totals (Total int NOT NULL, Cnt int NOT NULL)
GO
CREATE SEQUENCE dbo.SeqNo AS int START WITH 10
GO
`;

function loop(orderBy: string, extra = ''): string {
  return `CREATE PROCEDURE dbo.usp_Number
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @id int, @name nvarchar(40), @n int = 0, @total int = 0, @last int = 0;
  DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT RegionId, RegionName FROM dbo.Region${orderBy};
  OPEN c;
  FETCH NEXT FROM c INTO @id, @name;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    ${extra}
    SET @n = @n + 1;
    SET @total = @total + @id;
    SET @last = @id;
    INSERT INTO dbo.Numbered (Seq, RegionName) VALUES (@n, @name);
    FETCH NEXT FROM c INTO @id, @name;
  END
  CLOSE c;
  DEALLOCATE c;
  INSERT INTO dbo.Totals (Total, Cnt) VALUES (@total, @n);
END
GO
`;
}

// Two rows have no order besides the two the runs take, so the comparison names the columns the
// order reaches; three or more that differ make the second run refuse and every output is listed
// (tie-disputes.ts).
const TWO_REGIONS = 'RegionId,RegionName\n3,North\n1,South\n';

async function capture(procedure: string, flags: string[] = [], regions = 'RegionId,RegionName\n3,North\n1,South\n2,East\n'): Promise<{ code: number; err: string; manifest: { nonReproducible: string[]; nonReproducibleCauses: string[] } }> {
  const ws = mkdtempSync(join(tmpdir(), 'capture-order-'));
  try {
    mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures/tables/tables.sql'), TABLES);
    writeFileSync(join(ws, 'procedures/usp_Number.sql'), procedure);
    writeFileSync(join(ws, 'data/dbo.Region.csv'), regions);
    const r = await runMigrate(['capture', 'dbo.usp_Number', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', join(ws, 'out'), '--json', ...flags]);
    return { code: r.code, err: r.err, manifest: r.code === 0 ? JSON.parse(r.out) : { nonReproducible: [], nonReproducibleCauses: [] } };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

describe('migrate capture: outputs that depend on the order of a cursor without ORDER BY', () => {
  it('lists the running numbers a cursor without ORDER BY gives, not its order-free totals', async () => {
    const r = await capture(loop(''), [], TWO_REGIONS);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.manifest.nonReproducible).toEqual(['dbo.Numbered.RegionName', 'dbo.Numbered.Seq']);
    expect(r.manifest.nonReproducibleCauses).toEqual([expect.stringMatching(/^the rows of the cursor c opened at .*usp_Number\.sql:7:3 without ORDER BY, taken in the other order: the procedure writes other values/)]);
  });

  it('lists every output over three rows that differ, whose other orders neither run takes', async () => {
    const r = await capture(loop(''));
    expect(r.code).toBe(0);
    expect(r.manifest.nonReproducible).toEqual(['dbo.Numbered.RegionName', 'dbo.Numbered.Seq', 'dbo.Totals.Cnt', 'dbo.Totals.Total']);
    expect(r.manifest.nonReproducibleCauses).toEqual([expect.stringMatching(/three or more of them differ/)]);
  });

  it('lists nothing when ORDER BY decides the order, or with --no-order-check', async () => {
    expect((await capture(loop(' ORDER BY RegionId'))).manifest.nonReproducible).toEqual([]);
    expect((await capture(loop(''), ['--no-order-check'])).manifest.nonReproducible).toEqual([]);
  });

  it('lists every output when the other order stops the procedure', async () => {
    // The file's order (3, 1) runs; the reverse (1, 3) meets region 3 after another one.
    const ascendingFirst = await capture(loop('', "IF @id = 3 AND @last <> 0 THROW 50001, N'regions out of order', 1;"), [], TWO_REGIONS);
    expect(ascendingFirst.err).toBe('');
    expect(ascendingFirst.code).toBe(0);
    expect(ascendingFirst.manifest.nonReproducible).toEqual(['dbo.Numbered.RegionName', 'dbo.Numbered.Seq', 'dbo.Totals.Cnt', 'dbo.Totals.Total']);
    expect(ascendingFirst.manifest.nonReproducibleCauses).toEqual([expect.stringMatching(/taken in the other order: the procedure stops \(.*regions out of order/)]);
  });
});

// ROW_NUMBER: learn.microsoft.com/sql/t-sql/functions/row-number-transact-sql ("There is no
// guarantee that the rows returned by a query using ROW_NUMBER() will be ordered exactly the same
// with each execution unless … values of the ORDER BY columns are unique").
/** dbo.usp_Number with `body` as its statements, from line 5, column 3. */
const procedureOf = (body: string): string => `CREATE PROCEDURE dbo.usp_Number
AS
BEGIN
  SET NOCOUNT ON;
  ${body}
END
GO
`;
const LATEST = (orderBy: string): string => procedureOf(`INSERT INTO dbo.Numbered (Seq, RegionName)
  SELECT RegionId, RegionName
  FROM (SELECT RegionId, RegionName, ROW_NUMBER() OVER (PARTITION BY RegionId % 2 ORDER BY ${orderBy}) AS rn FROM dbo.Region) AS r
  WHERE rn = 1;`);

describe('migrate capture: outputs that depend on how ROW_NUMBER breaks ties', () => {
  it('lists the rows ROW_NUMBER() picked among ties of its ORDER BY, naming it', async () => {
    const r = await capture(LATEST('LEN(RegionName)'));
    expect(r.err).toBe('');
    expect(r.manifest.nonReproducible).toEqual(['dbo.Numbered.RegionName', 'dbo.Numbered.Seq']);
    expect(r.manifest.nonReproducibleCauses).toEqual([expect.stringMatching(/^rows with equal ORDER BY values of ROW_NUMBER\(\) OVER at .*usp_Number\.sql:7:51, taken in the other order: the procedure writes other values/)]);
  });

  it('lists nothing when the ORDER BY has no ties', async () => {
    const r = await capture(LATEST('RegionName'));
    expect(r.err).toBe('');
    expect(r.manifest.nonReproducible).toEqual([]);
  });
});

// STRING_AGG: learn.microsoft.com/sql/t-sql/functions/string-agg-transact-sql (without WITHIN
// GROUP "the order of the concatenated values is not guaranteed"); FOR XML PATH('') without ORDER BY likewise.
const LIST = (expression: string): string => procedureOf(`INSERT INTO dbo.Numbered (Seq, RegionName) SELECT 1, ${expression};`);

describe('migrate capture: lists concatenated in an order SQL Server leaves open', () => {
  it.each([
    ['STRING_AGG without WITHIN GROUP', "(SELECT STRING_AGG(RegionName, ',') FROM dbo.Region)", /^the values STRING_AGG\(\) without WITHIN GROUP concatenates at .*usp_Number\.sql:5:64, taken in the other order/],
    ["FOR XML PATH('') without ORDER BY", "STUFF((SELECT ',' + RegionName FROM dbo.Region FOR XML PATH('')), 1, 1, '')", /^the rows FOR XML PATH\(''\) without ORDER BY concatenates at .*usp_Number\.sql:5:\d+, taken in the other order/],
  ])('lists the column %s fills, and only it', async (_name, expression, cause) => {
    const r = await capture(LIST(expression), [], TWO_REGIONS);
    expect(r.err).toBe('');
    expect(r.manifest.nonReproducible).toEqual(['dbo.Numbered.RegionName']);
    expect(r.manifest.nonReproducibleCauses).toEqual([expect.stringMatching(cause)]);
  });

  it.each([
    ['STRING_AGG … WITHIN GROUP (ORDER BY …)', "(SELECT STRING_AGG(RegionName, ',') WITHIN GROUP (ORDER BY RegionName) FROM dbo.Region)"],
    ["FOR XML PATH('') with ORDER BY", "STUFF((SELECT ',' + RegionName FROM dbo.Region ORDER BY RegionId FOR XML PATH('')), 1, 1, '')"],
  ])('lists nothing for %s without ties', async (_name, expression) => {
    const r = await capture(LIST(expression), []);
    expect(r.err).toBe('');
    expect(r.manifest.nonReproducible).toEqual([]);
  });
});

// TOP in UPDATE/DELETE: learn.microsoft.com/sql/t-sql/queries/top-transact-sql ("The rows
// referenced in the TOP expression used with INSERT, UPDATE, MERGE, or DELETE aren't arranged in any order").
describe('migrate capture: rows UPDATE TOP and DELETE TOP pick', () => {
  const PICK = (statement: string): string => procedureOf(`INSERT INTO dbo.Numbered (Seq, RegionName) SELECT RegionId, RegionName FROM dbo.Region;
  ${statement};`);
  it('lists what DELETE TOP (1) leaves, naming the statement', async () => {
    const r = await capture(PICK('DELETE TOP (1) FROM dbo.Numbered'));
    expect(r.err).toBe('');
    expect(r.manifest.nonReproducible).toEqual(['dbo.Numbered.RegionName', 'dbo.Numbered.Seq']);
    expect(r.manifest.nonReproducibleCauses).toEqual([expect.stringMatching(/^the rows DELETE TOP at .*usp_Number\.sql:6:3 changes, taken in the other order/)]);
  });

  it('lists nothing when every qualifying row is changed anyway', async () => {
    const r = await capture(PICK("UPDATE TOP (5) dbo.Numbered SET RegionName = RegionName + N'!'"));
    expect(r.err).toBe('');
    expect(r.manifest.nonReproducible).toEqual([]);
  });
});

// ORDER BY sorts; rows with equal values come in an order SQL Server does not define
// (learn.microsoft.com/sql/t-sql/queries/select-order-by-clause-transact-sql).
describe('migrate capture: ties of an ORDER BY where their order decides', () => {
  // dbo.Region: 3 North, 1 South, 2 East; LEN(North) = LEN(South) = 5
  it.each([
    ['a TOP (1) among ties', "INSERT INTO dbo.Numbered (Seq, RegionName) SELECT TOP (1) RegionId, RegionName FROM dbo.Region ORDER BY LEN(RegionName) DESC;", /^(the spelling of the text grouped at .*usp_Number\.sql:5:\d+ .*, )?rows with equal ORDER BY values a TOP chooses between at .*usp_Number\.sql:5:/],
    ['an OFFSET … FETCH among ties', 'INSERT INTO dbo.Numbered (Seq, RegionName) SELECT RegionId, RegionName FROM dbo.Region ORDER BY LEN(RegionName) DESC OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY;', /^(the spelling of the text grouped at .*usp_Number\.sql:5:\d+ .*, )?rows with equal ORDER BY values OFFSET … FETCH chooses between at .*usp_Number\.sql:5:/],
    ['a cursor fetching ties in a running number', `DECLARE @n int = 0, @name nvarchar(40);
  DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT RegionName FROM dbo.Region ORDER BY LEN(RegionName) DESC;
  OPEN c; FETCH NEXT FROM c INTO @name;
  WHILE @@FETCH_STATUS = 0 BEGIN SET @n = @n + 1; INSERT INTO dbo.Numbered (Seq, RegionName) VALUES (@n, @name); FETCH NEXT FROM c INTO @name; END
  CLOSE c; DEALLOCATE c;`, /^rows with equal ORDER BY values of the cursor c opened at .*usp_Number\.sql:7:3/],
    ['an INSERT … SELECT … ORDER BY numbering ties with identity values', `CREATE TABLE #t (Id int IDENTITY(1, 1) NOT NULL, Name nvarchar(40) NOT NULL);
  INSERT INTO #t (Name) SELECT RegionName FROM dbo.Region ORDER BY LEN(RegionName) DESC;
  INSERT INTO dbo.Numbered (Seq, RegionName) SELECT Id, Name FROM #t;`, /^rows with equal ORDER BY values the INSERT … SELECT at .*usp_Number\.sql:6:3 numbers with identity values/],
    // NEXT VALUE FOR: learn.microsoft.com/sql/t-sql/functions/next-value-for-transact-sql (values are
    // generated in the order of the OVER clause's ORDER BY; among its ties the plan decides).
    ['NEXT VALUE FOR … OVER (ORDER BY …) numbering ties', 'INSERT INTO dbo.Numbered (Seq, RegionName) SELECT NEXT VALUE FOR dbo.SeqNo OVER (ORDER BY LEN(RegionName) DESC), RegionName FROM dbo.Region;', /^rows with equal ORDER BY values of NEXT VALUE FOR dbo\.SeqNo OVER at .*usp_Number\.sql:5:\d+, taken in the other order/],
  ])('lists the rows of %s', async (_name, body, cause) => {
    // --sequence: without it capture notes the sequence numbered from its script's start (capture-sequence-note.test.ts)
    const r = await capture(procedureOf(body), ['--sequence', 'dbo.SeqNo=1']);
    expect(r.err).toBe('');
    expect(r.manifest.nonReproducible).toEqual(['dbo.Numbered.RegionName', 'dbo.Numbered.Seq']);
    expect(r.manifest.nonReproducibleCauses).toEqual([expect.stringMatching(cause)]);
  });

  it('lists nothing when the ORDER BY has no ties where it matters', async () => {
    const r = await capture(procedureOf("INSERT INTO dbo.Numbered (Seq, RegionName) SELECT TOP (1) RegionId, RegionName FROM dbo.Region ORDER BY LEN(RegionName) ASC;"));
    expect(r.err).toBe('');
    expect(r.manifest.nonReproducible).toEqual([]);
  });

  it('lists nothing for NEXT VALUE FOR … OVER (ORDER BY …) over distinct values', async () => {
    // --sequence: without it capture notes the sequence numbered from its script's start (capture-sequence-note.test.ts)
    const r = await capture(procedureOf('INSERT INTO dbo.Numbered (Seq, RegionName) SELECT NEXT VALUE FOR dbo.SeqNo OVER (ORDER BY RegionName), RegionName FROM dbo.Region;'), ['--sequence', 'dbo.SeqNo=1']);
    expect(r.err).toBe('');
    expect(r.manifest.nonReproducible).toEqual([]);
  });
});

// The same over grouped queries: each output row is a group, and groups whose ORDER BY values are
// equal (every region below has COUNT(*) = 1) come in an order SQL Server's plan decides.
describe('migrate capture: ties between groups of a grouped query', () => {
  it.each([
    ['ROW_NUMBER() over groups', 'INSERT INTO dbo.Numbered (Seq, RegionName) SELECT ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC), RegionName FROM dbo.Region GROUP BY RegionName;', /^rows with equal ORDER BY values of ROW_NUMBER\(\) OVER at .*usp_Number\.sql:5:\d+, (the spelling of the text grouped at .*usp_Number\.sql:5:\d+ .*, )?taken in the other order/, ['dbo.Numbered.RegionName', 'dbo.Numbered.Seq']],
    // the count is 1 whichever group TOP keeps
    ['a TOP (1) among tied groups', 'INSERT INTO dbo.Numbered (Seq, RegionName) SELECT TOP (1) COUNT(*), RegionName FROM dbo.Region GROUP BY RegionName ORDER BY COUNT(*) DESC;', /^(the spelling of the text grouped at .*usp_Number\.sql:5:\d+ .*, )?rows with equal ORDER BY values a TOP chooses between at .*usp_Number\.sql:5:/, ['dbo.Numbered.RegionName']],
  ])('lists the rows of %s', async (_name, body, cause, columns) => {
    const r = await capture(procedureOf(body));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.manifest.nonReproducible).toEqual(columns);
    // a window's three tied groups that differ: the second run follows its values, a cause of its own (order-check.ts)
    expect(r.manifest.nonReproducibleCauses.filter((c: string) => !/three or more of them tied and differing/.test(c))).toEqual([expect.stringMatching(cause)]);
  });

  // SQL Server groups text case-insensitively and without trailing blanks, and shows one of the
  // group's spellings: the one its plan meets first. PIVOT groups its other columns the same way
  // (it used to show one spelling, picked silently).
  it.each([
    ['GROUP BY', 'INSERT INTO dbo.Numbered (Seq, RegionName) SELECT MIN(RegionId), RegionName FROM #r GROUP BY RegionName;'],
    ['PIVOT', 'INSERT INTO dbo.Numbered (Seq, RegionName) SELECT [x], RegionName FROM (SELECT RegionId, RegionName, \'x\' AS Tag FROM #r) s PIVOT (MIN(RegionId) FOR Tag IN ([x])) p;'],
  ])('lists the text a %s shows when its rows spell it differently, and nothing when they spell it one way', async (_name, body) => {
    const mixed = await capture(procedureOf(`SELECT RegionId, RegionName INTO #r FROM dbo.Region; INSERT INTO #r VALUES (7, 'NORTH'), (8, 'North '); ${body}`));
    expect(mixed.err).toBe('');
    expect(mixed.manifest.nonReproducible).toEqual(['dbo.Numbered.RegionName']);
    expect(mixed.manifest.nonReproducibleCauses).toEqual([expect.stringMatching(/^the spelling of the text grouped at .*usp_Number\.sql:5:\d+ \(rows spelling it differently only in case or trailing blanks\), taken in the other order/)]);
    const uniform = await capture(procedureOf(`SELECT RegionId, RegionName INTO #r FROM dbo.Region; INSERT INTO #r VALUES (7, 'North'); ${body}`));
    expect(uniform.err).toBe('');
    expect(uniform.manifest.nonReproducible).toEqual([]);
  });

  it('lists nothing when the groups\' ORDER BY values differ', async () => {
    const r = await capture(procedureOf('INSERT INTO dbo.Numbered (Seq, RegionName) SELECT ROW_NUMBER() OVER (ORDER BY MAX(RegionId) DESC), RegionName FROM dbo.Region GROUP BY RegionName;'));
    expect(r.err).toBe('');
    expect(r.manifest.nonReproducible).toEqual([]);
  });
});

// OUTPUT parameters are outputs of the call (learn.microsoft.com/sql/t-sql/statements/create-procedure-transact-sql):
// capture writes them as one row, outputs.csv, and lists one as non-reproducible when the order fed it.
describe('migrate capture: OUTPUT parameters', () => {
  const lastRegion = (orderBy: string): string => `CREATE PROCEDURE dbo.usp_Number
  @Last nvarchar(40) OUTPUT,
  @Count int OUTPUT,
  @Draw float = NULL OUTPUT
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @name nvarchar(40);
  SET @Count = 0;
  DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT RegionName FROM dbo.Region${orderBy};
  OPEN c; FETCH NEXT FROM c INTO @name;
  WHILE @@FETCH_STATUS = 0 BEGIN SET @Last = @name; SET @Count = @Count + 1; FETCH NEXT FROM c INTO @name; END
  CLOSE c; DEALLOCATE c;
  SET @Draw = RAND(7) * 0;
END
GO
`;
  type WithOutputs = { outputParameters?: { file: string; values: Record<string, string | null> } };
  it('writes their values as the procedure returned them, and lists those the order or RAND() fed', async () => {
    const ordered = await capture(lastRegion(' ORDER BY RegionId'));
    expect(ordered.err).toBe('');
    expect((ordered.manifest as WithOutputs).outputParameters).toEqual({ file: 'outputs.csv', values: { '@Last': 'North', '@Count': '3', '@Draw': '0.0' } });
    expect(ordered.manifest.nonReproducible).toEqual(['outputs.Draw']);
    const unordered = await capture(lastRegion(''), [], TWO_REGIONS);
    expect(unordered.manifest.nonReproducible).toEqual(['outputs.Draw', 'outputs.Last']);
    expect(unordered.manifest.nonReproducibleCauses).toEqual(expect.arrayContaining([expect.stringMatching(/^the rows of the cursor c opened at .*usp_Number\.sql:11:3 without ORDER BY/), expect.stringMatching(/^RAND\(\)\/NEWID\(\) values/)]));
  });
});
