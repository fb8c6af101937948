import { resultRows, runBody } from './emulator-helpers';

// TOP (learn.microsoft.com/sql/t-sql/queries/top-transact-sql): WITH TIES returns the rows that
// tie with the last one on the ORDER BY. `SELECT TOP (1) WITH TIES … ORDER BY ROW_NUMBER() OVER
// (PARTITION BY g ORDER BY d DESC)` keeps every row numbered 1, one per group: the latest stay
// of each guest. The emulator ranked the ORDER BY with RANK() OVER (ORDER BY ROW_NUMBER() OVER …),
// which DuckDB refuses ("window functions are not allowed in window definitions"): capture
// stopped with an internal error.
const TABLES = `CREATE TABLE dbo.Stay (StayId int NOT NULL PRIMARY KEY, GuestId int NOT NULL, CheckIn date NOT NULL, Hotel varchar(10) NULL)
GO
`;
const DATA = { 'dbo.Stay': 'StayId,GuestId,CheckIn,Hotel\n1,1,2021-01-01,AMS\n2,1,2021-01-03,ber\n3,2,2021-01-02,LIS\n4,2,2021-01-02,par\n5,3,2021-01-05,\n' };

describe('TOP … WITH TIES ordered by a window function', () => {
  it('keeps the rows the window numbers first, one per group', async () => {
    const r = await runBody(`SELECT TOP (1) WITH TIES GuestId, StayId, CheckIn FROM dbo.Stay
      ORDER BY ROW_NUMBER() OVER (PARTITION BY GuestId ORDER BY CheckIn DESC, StayId);`, { tables: TABLES, csv: DATA });
    expect(resultRows(r).map((x) => [x.GuestId, x.StayId]).sort()).toEqual([[1, 2], [2, 3], [3, 5]]);
  });

  it('ranks text keys beside the window by the collation, NULLs first', async () => {
    const r = await runBody(`SELECT TOP 2 WITH TIES StayId FROM dbo.Stay
      ORDER BY Hotel, ROW_NUMBER() OVER (ORDER BY StayId);`, { tables: TABLES, csv: DATA });
    expect(resultRows(r).map((x) => x.StayId)).toEqual([5, 1]);
  });
});

// A windowed DISTINCT aggregate is SQL Server's compile error 10759 ("Use of DISTINCT is not
// allowed with the OVER clause"); DuckDB computes it, so the emulator gave a count no procedure
// on SQL Server can produce.
describe('COUNT(DISTINCT …) OVER (…)', () => {
  it('is refused with its place, as SQL Server refuses it', async () => {
    await expect(runBody('SELECT StayId, COUNT(DISTINCT Hotel) OVER (PARTITION BY GuestId) AS n FROM dbo.Stay;', { tables: TABLES, csv: DATA }))
      .rejects.toThrow(/COUNT\(DISTINCT …\) OVER \(…\) \(SQL Server: error 10759/);
  });
});
