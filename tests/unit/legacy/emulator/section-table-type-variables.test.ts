import { sectionInputTables } from '../../../../src/legacy';
import { parseScript } from '../../../../src/tsql';
import { runSection } from './emulator-helpers';

// A statement run fills a variable of a user-defined table type and reads it back within one
// section (`DECLARE @Assignments dbo.TierAssignment; INSERT INTO @Assignments …; INSERT INTO
// dbo.TierRun SELECT … FROM @Assignments`). SQL Server declares it empty, like `DECLARE @t
// TABLE (…)`; the section took it for a table an earlier section builds: `record --from-data`
// refused ("which an earlier section of the procedure builds"), and a hand-written scenario
// was asked for its rows ("the scenario gives no rows for it").
const SCRIPT = `CREATE TYPE [dbo].[TierAssignment] AS TABLE ([Customer Id] INT NOT NULL PRIMARY KEY, [Tier] VARCHAR (10) NULL)
GO
CREATE TYPE dbo.Points FROM INT NOT NULL
GO
CREATE TABLE dbo.[Monthly Statement] ([Customer Id] INT NOT NULL, [Tier] VARCHAR (10) NULL)
GO
CREATE TABLE dbo.TierRun ([Customer Id] INT NOT NULL, [Tier] VARCHAR (10) NULL, [Bonus] INT NULL)
GO
CREATE PROCEDURE dbo.usp_Tiers
AS
BEGIN
    DECLARE @Assignments [dbo].[TierAssignment];
    DECLARE @Bonus dbo.Points = 5;
    INSERT INTO @Assignments ([Customer Id], Tier) SELECT s.[Customer Id], s.Tier FROM dbo.[Monthly Statement] AS s;
    INSERT INTO dbo.TierRun ([Customer Id], Tier, Bonus) SELECT a.[Customer Id], a.Tier, @Bonus FROM @Assignments AS a;
END
GO
`;
const lines = [{ start: 12, end: 15 }];

describe('a section declaring a variable of a table type', () => {
  it('does not ask real data for it: the section builds it', () => {
    const inputs = sectionInputTables([parseScript(SCRIPT, { file: 'tiers.sql' })], 'dbo.usp_Tiers', lines);
    expect(inputs.map((i) => i.key)).toEqual(['dbo.monthly statement']);
  });

  it('runs from a scenario giving only the tables it reads', async () => {
    const r = await runSection({
      scripts: [parseScript(SCRIPT, { file: 'tiers.sql' })], procedure: 'dbo.usp_Tiers', lines, params: {}, outputs: ['dbo.TierRun'],
      tables: [
        { name: 'dbo.Monthly Statement', columns: [{ name: 'Customer Id', type: 'int' }, { name: 'Tier', type: 'text?' }], rows: [['1', 'GOLD'], ['3', null]] },
        { name: 'dbo.TierRun', columns: [{ name: 'Customer Id', type: 'int' }, { name: 'Tier', type: 'text?' }, { name: 'Bonus', type: 'int?' }], rows: [] },
      ],
    });
    expect(r.outputs.get('dbo.TierRun')?.rows).toEqual([['1', 'GOLD', '5'], ['3', null, '5']]);
  });
});
