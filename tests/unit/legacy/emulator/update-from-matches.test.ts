import { onePerTarget } from '../../../../src/legacy/emulator/cte-dml';
import { resultRows, runBody } from './emulator-helpers';

// An UPDATE … FROM whose FROM matches a target row several times: SQL Server applies any one of
// the matches, so the emulator takes them when they agree and refuses when they differ.
const TABLES = `
CREATE TABLE dbo.Account (AccountId int NOT NULL PRIMARY KEY, Segment varchar(10) NULL, Tier int NULL)
GO
CREATE TABLE dbo.Feed (AccountId int NOT NULL, Segment varchar(10) NULL, Tier int NULL)
GO`;

describe('UPDATE … FROM with several matches per target row', () => {
  it('applies matches that agree, NULLs included, in every column', async () => {
    const r = await runBody(`
      INSERT INTO dbo.Account VALUES (1, 'old', 1), (2, 'old', 2), (3, 'old', 3);
      INSERT INTO dbo.Feed VALUES (1, 'retail', NULL), (1, 'retail', NULL), (2, NULL, 7), (3, NULL, NULL);
      UPDATE a SET Segment = f.Segment, Tier = f.Tier FROM dbo.Account AS a JOIN dbo.Feed AS f ON f.AccountId = a.AccountId;
      SELECT @@ROWCOUNT AS n;
      SELECT AccountId, Segment, Tier FROM dbo.Account ORDER BY AccountId;`, { tables: TABLES });
    expect(resultRows(r, 0)).toEqual([{ n: 3 }]);
    expect(resultRows(r, 1)).toEqual([{ AccountId: 1, Segment: 'retail', Tier: null }, { AccountId: 2, Segment: null, Tier: 7 }, { AccountId: 3, Segment: null, Tier: null }]);
  });

  it('refuses matches that differ in one column of several', async () => {
    const run = runBody(`
      INSERT INTO dbo.Account VALUES (1, 'old', 1);
      INSERT INTO dbo.Feed VALUES (1, 'retail', 1), (1, 'retail', 2);
      UPDATE a SET Segment = f.Segment, Tier = f.Tier FROM dbo.Account AS a JOIN dbo.Feed AS f ON f.AccountId = a.AccountId;`, { tables: TABLES });
    await expect(run).rejects.toThrow(/several rows giving it different values/);
  });

  it('groups the matches per target row rather than numbering them with window functions (DuckDB\'s DISTINCT window aggregate cost ~10 ms per statement)', () => {
    const sql = onePerTarget('SELECT 1 AS __rid, 2 AS "v0", 3 AS "v1"', 2, '"dbo"."Account"');
    expect(sql).toMatch(/GROUP BY __rid HAVING/);
    expect(sql).not.toMatch(/\bOVER\s*\(/);
  });
});
