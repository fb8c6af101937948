import { draftAgainstEmulator } from './emulator-parity';

// Campaign revenue: the credits of sessions that came from the campaign's source, picked in a
// LEFT JOIN's ON by an IN over a correlated subquery. Drafted as written, DuckDB refused the
// query ("Cannot perform non-inner join on subquery").
const DDL = `CREATE TABLE dbo.Spend (Code varchar(20) NOT NULL, Source varchar(20) NOT NULL);
CREATE TABLE dbo.Touch (SessionId int NOT NULL, Source varchar(20) NULL);
CREATE TABLE dbo.Credit (SessionId int NOT NULL, Amount int NULL);
CREATE TABLE dbo.Revenue (Code varchar(20) NOT NULL, Hits int NOT NULL, Total int NULL);`;
const SPEND = { name: 'dbo.Spend', columns: ['Code:text', 'Source:text'], rows: [['SPRING', 'google'], ['FB', 'facebook'], ['MAIL', 'email']], csv: 'Code,Source\nSPRING,google\nFB,facebook\nMAIL,email\n' };
const TOUCH = { name: 'dbo.Touch', columns: ['SessionId:int', 'Source:text?'], rows: [[1, 'google'], [2, 'GOOGLE'], [3, 'facebook']], csv: 'SessionId,Source\n1,google\n2,GOOGLE\n3,facebook\n' };
const CREDIT = { name: 'dbo.Credit', columns: ['SessionId:int', 'Amount:int?'], rows: [[1, 10], [2, 4], [2, 1], [3, null], [9, 7]], csv: 'SessionId,Amount\n1,10\n2,4\n2,1\n3,\n9,7\n' };
const REVENUE = { name: 'dbo.Revenue', columns: ['Code:text', 'Hits:int', 'Total:int?'] };
const proc = (join: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Revenue (Code, Hits, Total)
  SELECT s.Code, COUNT(c.SessionId), SUM(c.Amount)
  FROM dbo.Spend s
  ${join} dbo.Credit c
         ON c.SessionId IN (SELECT t.SessionId FROM dbo.Touch t WHERE t.Source = s.Source)
  GROUP BY s.Code;
END`;

describe('a subquery in the ON of an outer join, drafted', () => {
  it('keeps every left row of a LEFT JOIN with the right rows its ON picks, as the emulator', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('LEFT JOIN'), inputs: [SPEND, TOUCH, CREDIT], output: REVENUE });
    expect(r.emulator).toEqual(['FB|1|NULL', 'MAIL|0|NULL', 'SPRING|3|15']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('refuses one in a FULL JOIN at its ON', async () => {
    await expect(draftAgainstEmulator({ ddl: DDL, procedure: proc('FULL JOIN'), inputs: [SPEND, TOUCH, CREDIT], output: REVENUE }, { keepRefusal: true }))
      .rejects.toThrow(/refused: 7:13 a subquery in the ON of a FULL JOIN/);
  });
});
