import { resultRows, runBody } from './emulator-helpers';

// `SELECT … INTO #t FROM home UNION ALL SELECT … FROM away`: SQL Server takes INTO on the first
// query of a set operation and fills the table with all of its rows (a points table built from
// home and away rows). The new columns are NOT NULL only where every query's expression is
// (a constant, ISNULL of one); a NULL stored there later fails with 515.
const TABLES = `CREATE TABLE dbo.Fixture ([Fixture ID] int NOT NULL PRIMARY KEY, [Home Side] varchar(30) NOT NULL,
  [Away Side] varchar(30) NOT NULL, [Home Score] int NOT NULL, [Away Score] int NOT NULL);`;
const CSV = { 'dbo.Fixture': 'Fixture ID,Home Side,Away Side,Home Score,Away Score\n1,Oak Lane,Mill End,2,0\n2,Mill End,Quay Rd,1,1\n3,Quay Rd,Oak Lane,0,3\n' };
const POINTS = `SELECT f.[Home Side] AS Side, 'H' AS Venue,
       CASE WHEN f.[Home Score] > f.[Away Score] THEN 3 WHEN f.[Home Score] = f.[Away Score] THEN 1 ELSE 0 END AS Pts
INTO #pts
FROM dbo.Fixture f
UNION ALL
SELECT f.[Away Side], VENUE_B,
       CASE WHEN f.[Away Score] > f.[Home Score] THEN 3 WHEN f.[Away Score] = f.[Home Score] THEN 1 ELSE 0 END
FROM dbo.Fixture f;`;

describe('SELECT … INTO from a UNION ALL', () => {
  it('creates the table from every query of the union', async () => {
    const r = await runBody(`${POINTS.replace('VENUE_B', "'A'")}
SELECT Side, SUM(Pts) AS Points, COUNT(*) AS Played FROM #pts GROUP BY Side ORDER BY Side;`, { tables: TABLES, csv: CSV });
    expect(resultRows(r)).toEqual([
      { Side: 'Mill End', Points: 1, Played: 2 },
      { Side: 'Oak Lane', Points: 6, Played: 2 },
      { Side: 'Quay Rd', Points: 1, Played: 2 },
    ]);
  });

  it.each([
    ["'A'", 515],    // constants in both queries: Venue is NOT NULL
    ['NULL', 0],     // NULL in the second: Venue is nullable
  ])('makes Venue NOT NULL only when every query gives a constant (second query %s)', async (venue, error) => {
    const r = await runBody(`${POINTS.replace('VENUE_B', venue)}
BEGIN TRY
  UPDATE #pts SET Venue = NULL WHERE Side = 'Oak Lane';
  SELECT 0 AS e;
END TRY
BEGIN CATCH
  SELECT ERROR_NUMBER() AS e;
END CATCH`, { tables: TABLES, csv: CSV });
    expect(resultRows(r)).toEqual([{ e: error }]);
  });
});
