import { draftAgainstEmulator } from './emulator-parity';

// Gross requirements as an MRP procedure builds them: independent demand (decimal(18,6)) UNION ALL
// dependent demand through the explosion (decimal(18,6) * decimal(18,6), a decimal(37,12)), bucketed
// by DATEDIFF(week, …), which counts the Sundays crossed under any SET DATEFIRST.
// 2026-12-06 is a Sunday: 12-07..12-12 are week 0, 12-13 (Sunday) starts week 1; Saturday 11-28
// is two Sundays (11-29, 12-06) before it.
const DDL = `CREATE TABLE dbo.Demand (ItemNo varchar(20) NOT NULL, DueDate date NOT NULL, Qty decimal(18,6) NOT NULL);
CREATE TABLE dbo.Explosion (TopItem varchar(20) NOT NULL, ItemNo varchar(20) NOT NULL, ExtQty decimal(18,6) NOT NULL);
CREATE TABLE dbo.Gross (ItemNo varchar(20) NOT NULL, DueDate date NOT NULL, WeekNo int NULL, WeekBack int NULL, Qty decimal(38,12) NULL);`;
const PROCEDURE = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET DATEFIRST 1
  INSERT INTO dbo.Gross (ItemNo, DueDate, WeekNo, WeekBack, Qty)
  SELECT g.ItemNo, g.DueDate, DATEDIFF(week, '20261206', g.DueDate), DATEDIFF(wk, g.DueDate, '20261206'), SUM(g.Qty)
  FROM (
      SELECT d.ItemNo, d.DueDate, d.Qty FROM dbo.Demand d
      UNION ALL
      SELECT x.ItemNo, d.DueDate, d.Qty * x.ExtQty FROM dbo.Demand d JOIN dbo.Explosion x ON x.TopItem = d.ItemNo
  ) g
  GROUP BY g.ItemNo, g.DueDate;
END`;

describe('drafts of gross requirements (UNION ALL of two decimals, DATEDIFF by week)', () => {
  it('give the rows the emulator gives', async () => {
    const r = await draftAgainstEmulator({
      ddl: DDL, procedure: PROCEDURE,
      inputs: [
        { name: 'dbo.Demand', columns: ['ItemNo:text', 'DueDate:date', 'Qty:decimal(18,6)'], csv: 'ItemNo,DueDate,Qty\nBIKE,2026-12-12,10\nBIKE,2026-12-13,3.5\nBOLT,2026-11-28,1\n' },
        { name: 'dbo.Explosion', columns: ['TopItem:text', 'ItemNo:text', 'ExtQty:decimal(18,6)'], csv: 'TopItem,ItemNo,ExtQty\nBIKE,BOLT,0.333333\nBIKE,SPOKE,74.16\n' },
      ],
      output: { name: 'dbo.Gross', columns: ['ItemNo:text', 'DueDate:date', 'WeekNo:int?', 'WeekBack:int?', 'Qty:decimal(38,12)?'] },
    });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual([
      'BIKE|2026-12-12|0|0|10.000000000000',
      'BIKE|2026-12-13|1|-1|3.500000000000',
      'BOLT|2026-11-28|-2|2|1.000000000000',
      'BOLT|2026-12-12|0|0|3.333330000000',
      'BOLT|2026-12-13|1|-1|1.166665500000',
      'SPOKE|2026-12-12|0|0|741.600000000000',
      'SPOKE|2026-12-13|1|-1|259.560000000000',
    ]);
  });
});
