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

// An SSDT post-deployment script adds the scrap factor and a computed gross quantity per to a
// table another file creates (mrp probe): the draft read [Gross Qty Per] from the Given, which
// states stored columns only, and every row came out NULL.
const BOM_DDL = `CREATE TABLE mfg.[Bill Of Materials] ([BOM Line Id] INT NOT NULL PRIMARY KEY, [Qty Per] DECIMAL(18,6) NOT NULL);
GO
ALTER TABLE mfg.[Bill Of Materials] ADD [Scrap %] DECIMAL(5,2) NOT NULL CONSTRAINT DF_Scrap DEFAULT (0) WITH VALUES;
GO
ALTER TABLE mfg.[Bill Of Materials] ADD [Gross Qty Per] AS ([Qty Per] / (1 - [Scrap %] / 100));
GO
ALTER TABLE mfg.[Bill Of Materials] ADD [Old Gross] AS ([Qty Per] * 2);
GO
ALTER TABLE mfg.[Bill Of Materials] DROP COLUMN [Old Gross];
`;
const BOM: HarnessTable = { name: 'mfg.Bill Of Materials', columns: ['BOM Line Id:int', 'Qty Per:decimal(18,6)', 'Scrap %:decimal(5,2)'], rows: [[7, '8.000000', '2.50'], [9, '0.000333', '99.99'], [11, '0.125000', '12.50']] };
const GROSS: HarnessTable = { name: 'result', columns: ['BOM Line Id:int', 'Gross Qty Per:decimal(35,17)?'], rows: [] };

describe('a computed column an ALTER TABLE adds', () => {
  it('is computed from its definition, as SQL Server does (the harness reads the decimal(35,17) as a double)', async () => {
    const body = draftOf(proc('SELECT b.[BOM Line Id], b.[Gross Qty Per] FROM mfg.[Bill Of Materials] b;'), { ddl: BOM_DDL, inputs: [{ ...BOM, columns: [...BOM.columns, 'Gross Qty Per:decimal(35,17)?'] }], output: GROSS });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [BOM])).toEqual(['7|8.205128205128204', '9|3.33', '11|0.14285714285714285']);
  });

  it('is gone again after a DROP COLUMN', () => {
    const text = draftSection(draftInputOf(proc('SELECT b.[BOM Line Id], b.[Old Gross] FROM mfg.[Bill Of Materials] b;'), { ddl: BOM_DDL, inputs: [{ ...BOM, columns: [...BOM.columns, 'Old Gross:decimal(20,6)?'] }], output: GROSS }));
    expect(text).not.toMatch(/\* 2/);
  });
});
