import { sectionInputTables } from '../../../../src/legacy';
import { parseScript } from '../../../../src/tsql';
import { runSection } from './emulator-helpers';

// A results table built from one row per side of each fixture: `SELECT … INTO #side … UNION ALL
// SELECT …`. The section creates #side itself; `sections record` asked for `Given table #side`
// because only a SELECT whose whole query held the INTO counted as creating its table.
const TABLES = `CREATE TABLE dbo.Fixture ([Fixture No] int NOT NULL, [Home Club] varchar(30) NOT NULL, [Away Club] varchar(30) NOT NULL,
  [Home Score] int NOT NULL, [Away Score] int NOT NULL)
GO
CREATE TABLE dbo.[Club Points] ([Club] varchar(30) NOT NULL, [Points] int NOT NULL)
GO
`;
const PROC = `CREATE PROCEDURE dbo.[usp_Club Points]
AS
BEGIN
    SELECT [Home Club] AS Club, CASE WHEN [Home Score] > [Away Score] THEN 3 WHEN [Home Score] = [Away Score] THEN 1 ELSE 0 END AS Pts
    INTO #side FROM dbo.Fixture
    UNION ALL
    SELECT [Away Club], CASE WHEN [Away Score] > [Home Score] THEN 3 WHEN [Away Score] = [Home Score] THEN 1 ELSE 0 END FROM dbo.Fixture;
    INSERT INTO dbo.[Club Points] ([Club], [Points]) SELECT Club, SUM(Pts) FROM #side GROUP BY Club;
END
GO
`;
const lines = [{ start: 4, end: 8 }];
const scripts = () => [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROC, { file: 'points.sql' })];

describe('a section whose SELECT … INTO #temp is a UNION ALL', () => {
  it('creates the #temp: it is no input of the section', () => {
    expect(sectionInputTables(scripts(), 'dbo.usp_Club Points', lines, { changed: true }).map((i) => i.key).sort()).toEqual(['dbo.fixture']);
  });

  it('runs from a scenario that gives only the fixtures', async () => {
    const text = { type: 'text' } as const;
    const int = { type: 'int' } as const;
    const r = await runSection({
      scripts: scripts(), procedure: 'dbo.usp_Club Points', lines, params: {}, outputs: ['dbo.Club Points'],
      tables: [
        { name: 'dbo.Fixture', columns: [{ name: 'Fixture No', ...int }, { name: 'Home Club', ...text }, { name: 'Away Club', ...text }, { name: 'Home Score', ...int }, { name: 'Away Score', ...int }], rows: [['1', 'Kestrels', 'Otters', '2', '2'], ['2', 'Otters', 'Herons', '3', '1']] },
        { name: 'dbo.Club Points', columns: [{ name: 'Club', ...text }, { name: 'Points', ...int }], rows: [] },
      ],
    });
    expect([...(r.outputs.get('dbo.Club Points')?.rows ?? [])].sort()).toEqual([['Herons', '0'], ['Kestrels', '1'], ['Otters', '4']]);
  });
});
