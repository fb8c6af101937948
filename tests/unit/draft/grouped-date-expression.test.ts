import { draftAgainstEmulator } from './emulator-parity';

// A weekly OEE roll-up groups by the ISO year of a production day, written the usual way
// (YEAR(DATEADD(day, 26 - DATEPART(ISO_WEEK, d), d))) in the select list and again in the GROUP
// BY. DATEADD's overflow stop names its own line:col in each copy, so the select list's copy was
// no grouped expression to DuckDB (Binder Error) until it took the GROUP BY's SQL.
const DDL = `CREATE TABLE dbo.DayOee ([Machine Id] int NOT NULL, [Prod Day] date NOT NULL, OEE decimal(9,4) NULL);
CREATE TABLE dbo.WeekOee ([Machine Id] int NOT NULL, [Iso Year] int NOT NULL, [Iso Week] int NOT NULL, Days int NOT NULL);`;
const DAY = {
  name: 'dbo.DayOee', columns: ['Machine Id:int', 'Prod Day:date', 'OEE:decimal(9,4)?'],
  rows: [[1, '2015-12-31', '0.4671'], [1, '2016-01-03', '0.3687'], [1, '2016-01-04', null], [2, '2014-12-29', '0.5000']],
  csv: 'Machine Id,Prod Day,OEE\n1,2015-12-31,0.4671\n1,2016-01-03,0.3687\n1,2016-01-04,\n2,2014-12-29,0.5000\n',
};
const WEEK = { name: 'dbo.WeekOee', columns: ['Machine Id:int', 'Iso Year:int', 'Iso Week:int', 'Days:int'] };
const PROC = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.WeekOee ([Machine Id], [Iso Year], [Iso Week], Days)
  SELECT d.[Machine Id],
         YEAR(DATEADD(day, 26 - DATEPART(ISO_WEEK, d.[Prod Day]), d.[Prod Day])),
         DATEPART(ISO_WEEK, d.[Prod Day]),
         COUNT(*)
  FROM dbo.DayOee d
  GROUP BY d.[Machine Id],
           YEAR(DATEADD(day, 26 - DATEPART(ISO_WEEK, d.[Prod Day]), d.[Prod Day])),
           DATEPART(ISO_WEEK, d.[Prod Day]);
END`;

describe('a GROUP BY expression with a run-time stop, repeated in the select list', () => {
  it('is the same group key to DuckDB, and the draft gives the emulator\'s rows', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROC, inputs: [DAY], output: WEEK });
    // 2015-12-31 and 2016-01-03 are ISO week 53 of 2015; 2014-12-29 is week 1 of 2015
    expect(r.emulator).toEqual(['1|2015|53|2', '1|2016|1|1', '2|2015|1|1']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });
});
