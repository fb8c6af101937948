import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// Campaign revenue: credits of sessions from the campaign's source, picked in the LEFT JOIN's ON
// by an IN over a correlated subquery (DuckDB cannot plan a subquery in an outer join's ON).
const TABLES = `
CREATE TABLE dbo.[Campaign Spend] ([Campaign Code] varchar(20) NOT NULL, [Utm Source] varchar(20) NOT NULL, Spend money NOT NULL)
CREATE TABLE dbo.Touch ([Session Id] int NOT NULL, [Utm Source] varchar(20) NULL)
CREATE TABLE dbo.Credit ([Session Id] int NOT NULL, Amount money NULL)`;
const CSV = {
  'dbo.Campaign Spend': 'Campaign Code,Utm Source,Spend\nSPRING,google,100\nFB,facebook,40\nMAIL,email,0\n',
  'dbo.Touch': 'Session Id,Utm Source\n1,google\n2,google\n3,facebook\n',
  'dbo.Credit': 'Session Id,Amount\n1,10.5\n2,4.25\n2,1\n3,\n9,7\n',
};

describe('a subquery in the ON of an outer join', () => {
  it('keeps every left row of a LEFT JOIN, with the right rows its ON picks', async () => {
    const r = await runBody(`
      SELECT cs.[Campaign Code], COUNT(c.[Session Id]) AS Hits, SUM(c.Amount) AS Revenue
      FROM dbo.[Campaign Spend] cs
      LEFT JOIN dbo.Credit c
             ON c.[Session Id] IN (SELECT t.[Session Id] FROM dbo.Touch t WHERE t.[Utm Source] = cs.[Utm Source])
            AND c.Amount > 0
      GROUP BY cs.[Campaign Code]
      ORDER BY cs.[Campaign Code]`, { tables: TABLES, csv: CSV });
    expect(resultRows(r)).toEqual([
      { 'Campaign Code': 'FB', Hits: 0, Revenue: null },
      { 'Campaign Code': 'MAIL', Hits: 0, Revenue: null },
      { 'Campaign Code': 'SPRING', Hits: 3, Revenue: 15.75 },
    ]);
  });

  it('reads an EXISTS in the ON of a LEFT JOIN to a derived table', async () => {
    const r = await runBody(`
      SELECT cs.[Campaign Code], x.Amount
      FROM dbo.[Campaign Spend] cs
      LEFT JOIN (SELECT [Session Id], SUM(Amount) AS Amount FROM dbo.Credit GROUP BY [Session Id]) x
             ON EXISTS (SELECT 1 FROM dbo.Touch t WHERE t.[Session Id] = x.[Session Id] AND t.[Utm Source] = cs.[Utm Source])
      ORDER BY cs.[Campaign Code], x.Amount`, { tables: TABLES, csv: CSV });
    expect(resultRows(r)).toEqual([
      { 'Campaign Code': 'FB', Amount: null },
      { 'Campaign Code': 'MAIL', Amount: null },
      { 'Campaign Code': 'SPRING', Amount: 5.25 },
      { 'Campaign Code': 'SPRING', Amount: 10.5 },
    ]);
  });

  it('refuses one in a FULL JOIN, located, not as an internal error', async () => {
    const err = await runBody(`
      SELECT cs.[Campaign Code], c.Amount
      FROM dbo.[Campaign Spend] cs
      FULL JOIN dbo.Credit c ON c.[Session Id] IN (SELECT t.[Session Id] FROM dbo.Touch t WHERE t.[Utm Source] = cs.[Utm Source])`,
    { tables: TABLES, csv: CSV }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/does not support a subquery in the ON of a FULL JOIN/);
    expect((err as LegacyError).location?.span?.start.line).toBe(7);
  });
});
