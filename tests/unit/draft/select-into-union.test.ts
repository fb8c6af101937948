import { draftAgainstEmulator } from './emulator-parity';

// Points per club from one row per side of each fixture, 2014 style: `SELECT … INTO #side FROM …
// UNION ALL SELECT … FROM …`. The draft took the statement for a result set (only a query holding
// INTO itself counted) and then refused the read of #side as a table nothing built.
const DDL = `CREATE TABLE dbo.Fixture ([Fixture No] INT NOT NULL, [Home Club] VARCHAR(30) NOT NULL, [Away Club] VARCHAR(30) NOT NULL, [Home Score] INT NOT NULL, [Away Score] INT NOT NULL);
CREATE TABLE dbo.[Club Points] ([Club] VARCHAR(30) NOT NULL, [Points] INT NOT NULL, [Played] INT NOT NULL);`;
const FIXTURES = {
  name: 'dbo.Fixture', columns: ['Fixture No:int', 'Home Club:text', 'Away Club:text', 'Home Score:int', 'Away Score:int'],
  rows: [[1, 'Kestrels', 'Otters', 2, 2], [2, 'Otters', 'Herons', 3, 1], [3, 'Herons', 'Kestrels', 0, 1]],
  csv: 'Fixture No,Home Club,Away Club,Home Score,Away Score\n1,Kestrels,Otters,2,2\n2,Otters,Herons,3,1\n3,Herons,Kestrels,0,1\n',
};
const PROC = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SELECT [Home Club] AS Club, CASE WHEN [Home Score] > [Away Score] THEN 3 WHEN [Home Score] = [Away Score] THEN 1 ELSE 0 END AS Pts
  INTO #side FROM dbo.Fixture
  UNION ALL
  SELECT [Away Club], CASE WHEN [Away Score] > [Home Score] THEN 3 WHEN [Away Score] = [Home Score] THEN 1 ELSE 0 END FROM dbo.Fixture;
  INSERT INTO dbo.[Club Points] ([Club], [Points], [Played]) SELECT Club, SUM(Pts), COUNT(*) FROM #side GROUP BY Club;
END`;

describe('SELECT … INTO #temp from a UNION ALL in a draft', () => {
  it('builds the #temp from both queries, as the emulator does', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROC, inputs: [FIXTURES], output: { name: 'dbo.Club Points', columns: ['Club:text', 'Points:int', 'Played:int'] } });
    expect(r.emulator).toEqual(['Herons|0|2', 'Kestrels|4|2', 'Otters|4|2']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });
});
