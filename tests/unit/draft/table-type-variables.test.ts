import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A monthly statement run fills a variable of a user-defined table type and hands it to the
// procedure that applies the tiers (`EXEC dbo.usp_ApplyTiers @Assignments = @Assignments`, a
// READONLY parameter). SQL Server declares such a variable as an empty table of its type's
// columns (learn.microsoft.com/sql/relational-databases/tables/use-table-valued-parameters-database-engine).
// The draft took `DECLARE @Assignments dbo.TierAssignment` for a scalar and refused the INSERT
// into it ("its rows before the statement are unknown").
const DDL = `CREATE TYPE [dbo].[TierAssignment] AS TABLE ([Customer Id] INT NOT NULL PRIMARY KEY, [Tier] VARCHAR(10) NULL, [Points] INT NOT NULL, [Fee] MONEY NULL);
GO
CREATE TABLE [dbo].[Monthly Statement] ([Customer Id] INT NOT NULL, [Statement Month] DATE NOT NULL, [Tier] VARCHAR(10) NULL, [Balance] INT NOT NULL, [Fee] MONEY NULL);`;
const STATEMENTS: HarnessTable = {
  name: 'dbo.Monthly Statement', columns: ['Customer Id:int', 'Statement Month:date', 'Tier:text?', 'Balance:int', 'Fee:decimal(19,4)?'],
  rows: [[7, '2020-02-01', 'GOLD', 2177, '10.00'], [7, '2020-01-01', 'SILVER', 1500, '10.00'], [9, '2020-02-01', null, 0, '10.01'], [12, '2020-02-01', 'BRONZE', 40, null]],
};
const OUT: HarnessTable = { name: '@Assignments', columns: ['Customer Id:int', 'Tier:text?', 'Points:int', 'Fee:decimal(19,4)?'] };

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('a variable of a user-defined table type', () => {
  it('is drafted as an empty table of its type that the INSERT fills', async () => {
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T @MonthStart DATE AS
BEGIN
  DECLARE @Assignments [dbo].[TierAssignment];
  INSERT INTO @Assignments ([Customer Id], Tier, Points, Fee)
  SELECT s.[Customer Id], s.Tier, s.Balance, s.Fee FROM dbo.[Monthly Statement] AS s WHERE s.[Statement Month] = @MonthStart;
END`, { ddl: DDL, inputs: [STATEMENTS], output: OUT, params: { '@MonthStart': 'date?' } });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [STATEMENTS], { '@MonthStart': "DATE '2020-02-01'" })).toEqual(['7|GOLD|2177|10', '9|NULL|0|10.01', '12|BRONZE|40|NULL']);
  });

  it('keeps the money type of its columns: AVG of money stops where SQL Server keeps four decimals, not averaged as a decimal', async () => {
    const avgOut: HarnessTable = { name: 'dbo.Tier Fee', columns: ['Tier:text?', 'Average Fee:decimal(19,4)?'] };
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @Assignments dbo.TierAssignment;
  INSERT INTO @Assignments ([Customer Id], Tier, Points, Fee) SELECT s.[Customer Id], s.Tier, s.Balance, s.Fee FROM dbo.[Monthly Statement] AS s;
  INSERT INTO dbo.[Tier Fee] (Tier, [Average Fee]) SELECT a.Tier, AVG(a.Fee) FROM @Assignments AS a GROUP BY a.Tier;
END`, { ddl: `${DDL}\nGO\nCREATE TABLE dbo.[Tier Fee] (Tier VARCHAR(10) NULL, [Average Fee] MONEY NULL);`, inputs: [STATEMENTS, avgOut], output: avgOut });
    expect(body.refusals).toEqual([]);
    const gold = (fees: string[]): HarnessTable => ({ ...STATEMENTS, rows: fees.map((f, i) => [i + 1, '2020-02-01', 'GOLD', 100, f]) });
    expect(await runDraft(session, body, [gold(['10.00', '10.01']), avgOut])).toEqual(['GOLD|10.005']);
    // as decimal(19,4) columns the mean 10.003333… would be averaged to 10.0033 without a word
    await expect(runDraft(session, body, [gold(['10.00', '10.00', '10.01']), avgOut])).rejects.toThrow(/proc\.sql:5:67: AVG of money values whose mean has more than four decimals/);
  });

  it('numbers an IDENTITY column of the type from the seed its CREATE TYPE script writes', async () => {
    const out: HarnessTable = { name: '@Lines', columns: ['Line No:int', 'Customer Id:int'] };
    // the type's script is not the procedure's: its seed must be read from its own text
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @Lines dbo.StatementLines;
  INSERT INTO @Lines ([Customer Id]) SELECT s.[Customer Id] FROM dbo.[Monthly Statement] AS s ORDER BY s.[Customer Id], s.[Statement Month];
END`, { ddl: `${DDL}\nGO\nCREATE TYPE dbo.StatementLines AS TABLE ([Line No] INT IDENTITY(100, 5) NOT NULL, [Customer Id] INT NOT NULL);`, inputs: [STATEMENTS], output: out });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [STATEMENTS])).toEqual(['100|7', '105|7', '110|9', '115|12']);
  });

  it('stays a scalar where the type is not a table type', () => {
    const body = draftOf(`CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @Bonus dbo.Points = 5;
  INSERT INTO @Assignments ([Customer Id], Points) SELECT s.[Customer Id], s.Balance + @Bonus FROM dbo.[Monthly Statement] AS s;
END`, { ddl: `${DDL}\nGO\nCREATE TYPE dbo.Points FROM INT NOT NULL;`, inputs: [STATEMENTS], output: OUT });
    expect(body.refusals.map((r) => r.reason)).toEqual([expect.stringMatching(/its rows before the statement are unknown/)]);
  });
});
