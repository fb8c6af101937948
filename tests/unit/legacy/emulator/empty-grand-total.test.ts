import { LegacyError } from '../../../../src/core';
import { runBody } from './emulator-helpers';

// Intercompany netting by CUBE: on a period without balances, whether SQL Server returns the
// grand-total row of the empty grouping set (the standard says one row, COUNT(*) 0) is not
// documented, so the emulator refuses there, at the GROUP BY; with rows it reproduces every set.
const TABLES = `CREATE TABLE dbo.[Interco Balance] ([Entity Code] varchar(10) NOT NULL, [Ccy Code] char(3) NOT NULL, Balance money NOT NULL);`;
const CSV = { 'dbo.Interco Balance': 'Entity Code,Ccy Code,Balance\nUK01,EUR,150000.0000\nDE01,EUR,-150000.0000\nUK01,GBP,12.5000\n' };
const EMPTY = { 'dbo.Interco Balance': 'Entity Code,Ccy Code,Balance\n' };
const netting = (groupBy: string, having = ''): string => `SELECT b.[Entity Code], b.[Ccy Code], SUM(b.Balance) AS Net, COUNT(*) AS Lines
FROM dbo.[Interco Balance] b
GROUP BY ${groupBy}${having};`;

describe('the grand total of ROLLUP, CUBE and GROUPING SETS over no rows', () => {
  it.each([
    ['CUBE', 'CUBE (b.[Entity Code], b.[Ccy Code])'],
    ['ROLLUP', 'ROLLUP (b.[Entity Code], b.[Ccy Code])'],
    ['WITH ROLLUP', 'b.[Entity Code], b.[Ccy Code] WITH ROLLUP'],
    ['GROUPING SETS with ()', 'GROUPING SETS ((b.[Entity Code], b.[Ccy Code]), ())'],
  ])('%s over an empty table is refused at the GROUP BY', async (_what, groupBy) => {
    const error = await runBody(netting(groupBy), { tables: TABLES, csv: EMPTY }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyError);
    expect((error as LegacyError).message).toContain('the grand total of ROLLUP, CUBE or GROUPING SETS over no rows');
    // the GROUP BY is the body's third line: line 6 of usp_test.sql, column 1
    expect((error as LegacyError).message).toContain('usp_test.sql:6:1');
  });

  it('GROUP BY () over an empty table is refused too', async () => {
    await expect(runBody('SELECT SUM(b.Balance) AS Net FROM dbo.[Interco Balance] b GROUP BY ();', { tables: TABLES, csv: EMPTY }))
      .rejects.toThrow(/the grand total of ROLLUP, CUBE or GROUPING SETS over no rows/);
  });

  it('keeps every grouping set over rows, the grand total included', async () => {
    const r = await runBody(`${netting('CUBE (b.[Entity Code], b.[Ccy Code])').replace(/;$/, '')}\nORDER BY GROUPING_ID(b.[Entity Code], b.[Ccy Code]), b.[Entity Code], b.[Ccy Code];`, { tables: TABLES, csv: CSV });
    const rows = (r.resultSets[0]?.rows ?? []).map((x) => [x['Entity Code'], x['Ccy Code'], Number(x.Net), Number(x.Lines)]);
    expect(rows).toEqual([
      ['DE01', 'EUR', -150000, 1], ['UK01', 'EUR', 150000, 1], ['UK01', 'GBP', 12.5, 1],
      ['DE01', null, -150000, 1], ['UK01', null, 150012.5, 2],
      [null, 'EUR', 0, 2], [null, 'GBP', 12.5, 1],
      [null, null, 12.5, 3],
    ]);
  });

  it('leaves grouping sets without a grand total alone, and a grand total HAVING drops', async () => {
    const sets = await runBody(netting('GROUPING SETS ((b.[Entity Code]), (b.[Ccy Code]))'), { tables: TABLES, csv: EMPTY });
    expect(sets.resultSets[0]?.rows).toEqual([]);
    const dropped = await runBody(netting('ROLLUP (b.[Entity Code], b.[Ccy Code])', '\nHAVING COUNT(*) > 0'), { tables: TABLES, csv: EMPTY });
    expect(dropped.resultSets[0]?.rows).toEqual([]);
  });
});
