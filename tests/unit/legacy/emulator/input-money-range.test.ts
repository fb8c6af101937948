import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// money and smallmoney are held in DuckDB decimals wider than their ranges: a lot cost past
// money's range in an input CSV (999,999,999,999,999.0000, which no SQL Server export holds) used
// to load silently, and its sums came out as numbers no legacy run gives. The money and
// smallmoney data type page gives the ranges: -922,337,203,685,477.5808 to 922,337,203,685,477.5807
// and -214,748.3648 to 214,748.3647.
const TABLES = `CREATE TABLE dbo.[Receipt Lot] ([Lot ID] int NOT NULL, [Unit Cost] money NULL, [Fee] smallmoney NULL)
GO`;
const run = (csv: string): ReturnType<typeof runBody> => runBody('SELECT [Lot ID], CONVERT(varchar(30), [Unit Cost], 2) AS [Unit Cost], CONVERT(varchar(30), [Fee], 2) AS [Fee] FROM dbo.[Receipt Lot] ORDER BY [Lot ID];', { tables: TABLES, csv: { 'dbo.Receipt Lot': csv } });

describe('an input money value past its type\'s range', () => {
  it('loads the ends of both ranges', async () => {
    const r = await run('Lot ID,Unit Cost,Fee\n1,-922337203685477.5808,-214748.3648\n2,922337203685477.5807,214748.3647\n3,,\n');
    expect(resultRows(r)).toEqual([
      { 'Lot ID': 1, 'Unit Cost': '-922337203685477.5808', Fee: '-214748.3648' },
      { 'Lot ID': 2, 'Unit Cost': '922337203685477.5807', Fee: '214748.3647' },
      { 'Lot ID': 3, 'Unit Cost': null, Fee: null },
    ]);
  });

  it.each([
    ['money', 'Lot ID,Unit Cost,Fee\n1,1.0000,1.0000\n17,999999999999999.0000,1.0000\n', 'Unit Cost', /row 2 \(line 3\), column Unit Cost: the value '999999999999999\.0000' does not load into dbo\.Receipt Lot column Unit Cost: a money column holds -922337203685477\.5808 to 922337203685477\.5807/],
    ['smallmoney', 'Lot ID,Unit Cost,Fee\n1,1.0000,-214748.3649\n', 'Fee', /row 1 \(line 2\), column Fee: the value '-214748\.3649' does not load into dbo\.Receipt Lot column Fee: a smallmoney column holds -214748\.3648 to 214748\.3647/],
  ])('is refused, located, in a %s column', async (_type, csv, column, message) => {
    const err = await run(csv).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).code).toBe('LEGACY_INPUT');
    expect((err as LegacyError).message).toMatch(message);
    expect((err as LegacyError).message).toContain(column);
  });
});
