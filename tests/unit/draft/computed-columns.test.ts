import { draftSection } from '../../../src/draft';
import { EngineSession } from '../../../src/engine';
import { draftInputOf, draftOf, runDraft, type HarnessTable } from './draft-harness';

// A computed column of a table (`[Line Total] AS (Qty * [Unit Price])`): a scenario and a data
// file give the stored columns only, so the draft computes it from its definition where a
// query reads the table (after the section's own changes to the stored columns too). The draft
// used to read it as a stored input column: NULL, and SUM of NULLs.
const DDL = `CREATE TABLE dbo.OrderLine (Id INT NOT NULL PRIMARY KEY, CustomerId INT NOT NULL, Qty SMALLINT NOT NULL,
    [Unit Price] DECIMAL(10,2) NOT NULL, [Line Total] AS (Qty * [Unit Price]));
GO
CREATE TABLE dbo.CustomerTotal (CustomerId INT NOT NULL PRIMARY KEY, Total DECIMAL(18,2) NULL);
GO
CREATE TABLE dbo.Tagged (Id INT NOT NULL, Name VARCHAR(20) NULL, Sound AS (SOUNDEX(Name)));
`;
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const LINES: HarnessTable = { name: 'dbo.OrderLine', columns: ['Id:int', 'CustomerId:int', 'Qty:int', 'Unit Price:decimal(10,2)'], rows: [[1, 1, 2, '10.50'], [2, 1, 1, '0.25'], [3, 2, 3, '1.00']] };
// scaffold declares the computed column among the inputs (typed from its definition)
const LINES_DECLARED: HarnessTable = { ...LINES, columns: [...LINES.columns, 'Line Total:decimal(16,2)?'] };
const TOTALS: HarnessTable = { name: 'dbo.CustomerTotal', columns: ['CustomerId:int', 'Total:decimal(18,2)?'], rows: [] };
const TOTALS_BODY = 'DELETE FROM dbo.CustomerTotal;\nINSERT INTO dbo.CustomerTotal (CustomerId, Total)\nSELECT CustomerId, SUM([Line Total]) FROM dbo.OrderLine GROUP BY CustomerId;';

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('computed columns are computed from their definitions', () => {
  it('an input\'s computed column, summed: the legacy totals', async () => {
    const body = draftOf(proc(TOTALS_BODY), { ddl: DDL, inputs: [LINES_DECLARED, TOTALS], output: TOTALS });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [LINES, TOTALS])).toEqual(['1|21.25', '2|3']);
  });

  it('the transform declares the stored columns only, so a data file of them is all a run needs', () => {
    const text = draftSection(draftInputOf(proc(TOTALS_BODY), { ddl: DDL, inputs: [LINES_DECLARED, TOTALS], output: TOTALS }));
    expect(text).toContain("'dbo.OrderLine': table({ Id: 'int', CustomerId: 'int', Qty: 'int', 'Unit Price': 'decimal(10,2)' }),");
    expect(text).not.toMatch(/'Line Total': 'decimal/);
  });

  it('after the section changes a stored column, reads see the computed column recomputed', async () => {
    const body = draftOf(proc(`UPDATE dbo.OrderLine SET Qty = Qty * 2 WHERE CustomerId = 2;\n${TOTALS_BODY}`), { ddl: DDL, inputs: [LINES_DECLARED, TOTALS], output: TOTALS });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [LINES, TOTALS])).toEqual(['1|21.25', '2|6']);
  });

  it('an output table\'s computed column comes from its final rows', async () => {
    const out: HarnessTable = { name: 'dbo.OrderLine', columns: ['Id:int', 'CustomerId:int', 'Qty:int', 'Unit Price:decimal(10,2)', 'Line Total:decimal(16,2)?'] };
    const body = draftOf(proc('INSERT INTO dbo.OrderLine (Id, CustomerId, Qty, [Unit Price]) VALUES (4, 3, 5, 2.50);'), { ddl: DDL, inputs: [LINES_DECLARED], output: out });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [LINES])).toEqual(['1|1|2|10.5|21', '2|1|1|0.25|0.25', '3|2|3|1|3', '4|3|5|2.5|12.5']);
  });

  it.each<[string, string[]]>([
    ['UPDATE dbo.OrderLine SET Qty = 7 WHERE [Line Total] > 5;', ['1|1|7|10.5|73.5', '2|1|1|0.25|0.25', '3|2|3|1|3']],
    ['UPDATE l SET Qty = 7 FROM dbo.OrderLine l WHERE l.[Line Total] > 5;', ['1|1|7|10.5|73.5', '2|1|1|0.25|0.25', '3|2|3|1|3']],
    ['DELETE FROM dbo.OrderLine WHERE [Line Total] > 5;', ['2|1|1|0.25|0.25', '3|2|3|1|3']],
    ['MERGE dbo.OrderLine AS t USING (SELECT 1 AS Id) s ON t.Id = s.Id WHEN MATCHED AND t.[Line Total] > 5 THEN UPDATE SET Qty = 9;', ['1|1|9|10.5|94.5', '2|1|1|0.25|0.25', '3|2|3|1|3']],
  ])('DML deciding by a computed column: %s', async (body, rows) => {
    const out: HarnessTable = { ...LINES_DECLARED, rows: [] };
    const draft = draftOf(proc(body), { ddl: DDL, inputs: [LINES_DECLARED], output: out });
    expect(draft.refusals).toEqual([]);
    expect(await runDraft(session, draft, [LINES])).toEqual(rows);
  });

  it.each<[string, string]>([
    ['a #temp table', 'CREATE TABLE #L (CustomerId int, Qty int, Price decimal(10,2), Amount AS (Qty * Price));\nINSERT INTO #L (CustomerId, Qty, Price) SELECT CustomerId, Qty, [Unit Price] FROM dbo.OrderLine;\nDELETE FROM dbo.CustomerTotal;\nINSERT INTO dbo.CustomerTotal (CustomerId, Total) SELECT CustomerId, SUM(Amount) FROM #L GROUP BY CustomerId;'],
    ['a table variable', 'DECLARE @L TABLE (CustomerId int, Qty int, Price decimal(10,2), Amount AS (Qty * Price));\nINSERT INTO @L (CustomerId, Qty, Price) SELECT CustomerId, Qty, [Unit Price] FROM dbo.OrderLine;\nDELETE FROM dbo.CustomerTotal;\nINSERT INTO dbo.CustomerTotal (CustomerId, Total) SELECT CustomerId, SUM(Amount) FROM @L GROUP BY CustomerId;'],
  ])('a computed column of %s the section creates', async (_what, body) => {
    const draft = draftOf(proc(body), { ddl: DDL, inputs: [LINES_DECLARED, TOTALS], output: TOTALS });
    expect(draft.refusals).toEqual([]);
    expect(await runDraft(session, draft, [LINES, TOTALS])).toEqual(['1|21.25', '2|3']);
  });

  it('a definition the draft cannot translate refuses at the CREATE TABLE\'s file:line:col', () => {
    const tagged: HarnessTable = { name: 'dbo.Tagged', columns: ['Id:int', 'Name:text?', 'Sound:text?'] };
    const out: HarnessTable = { name: 'result', columns: ['Id:int', 'Sound:text?'] };
    const body = draftOf(proc('SELECT Id, Sound FROM dbo.Tagged;'), { ddl: DDL, inputs: [tagged], output: out });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((r) => `${r.file}:${r.line}:${r.col}`)).toEqual(['ddl.sql:6:76']);
    expect(body.refusals[0]?.construct).toMatch(/^computed column Sound \(/);
  });
});
