import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// A cursor over a multi-statement table-valued function whose arguments are the loop's variables
// (an MRP report: components of each part, exploded by a function). SQL Server runs the function
// at OPEN with the variables' values then; a loop that changes what the function reads is refused.
const TABLES = `
CREATE TABLE dbo.Bom (Parent varchar(10) NOT NULL, Comp varchar(10) NOT NULL, QtyPer decimal(18,6) NOT NULL, PRIMARY KEY (Parent, Comp))
GO
CREATE TABLE dbo.Shortage (Part varchar(10), Comp varchar(10), Need decimal(18,6))
GO
CREATE FUNCTION dbo.ComponentsOf (@Parent varchar(10), @Qty decimal(18,6))
RETURNS @r TABLE (Comp varchar(10), Need decimal(18,6))
AS
BEGIN
  INSERT @r (Comp, Need) SELECT b.Comp, @Qty * b.QtyPer FROM dbo.Bom b WHERE b.Parent = @Parent
  IF @@ROWCOUNT = 0 INSERT @r VALUES (@Parent, @Qty)
  RETURN
END
GO
`;
const DATA = { 'dbo.Bom': 'Parent,Comp,QtyPer\nBIKE,FRAME,1\nBIKE,WHEEL,2\nTRIKE,WHEEL,3\n' };

const LOOP = (options: string, inner: string): string => `
DECLARE @part varchar(10), @qty decimal(18,6), @comp varchar(10), @need decimal(18,6)
DECLARE parts CURSOR LOCAL FAST_FORWARD FOR SELECT v.p, v.q FROM (VALUES ('BIKE', 2.5), ('SAW', 1), ('TRIKE', 4)) v(p, q) ORDER BY v.p
OPEN parts
FETCH NEXT FROM parts INTO @part, @qty
WHILE @@FETCH_STATUS = 0
BEGIN
  DECLARE comps CURSOR LOCAL ${options} FOR SELECT c.Comp, c.Need FROM dbo.ComponentsOf(@part, @qty) c ORDER BY c.Comp
  SET @qty = @qty * 10   -- bound at OPEN, not at DECLARE
  OPEN comps
  FETCH NEXT FROM comps INTO @comp, @need
  WHILE @@FETCH_STATUS = 0
  BEGIN
    ${inner}
    FETCH NEXT FROM comps INTO @comp, @need
  END
  CLOSE comps
  DEALLOCATE comps
  FETCH NEXT FROM parts INTO @part, @qty
END
SELECT Part, Comp, Need FROM dbo.Shortage ORDER BY Part, Comp
`;

describe('a cursor over a multi-statement table-valued function', () => {
  it('runs the function at OPEN with the variables of that moment, in a nested loop that writes other tables', async () => {
    const r = await runBody(LOOP('', 'INSERT dbo.Shortage (Part, Comp, Need) VALUES (@part, @comp, @need)'), { tables: TABLES, csv: DATA });
    expect(resultRows(r).map((x) => [x.Part, x.Comp, Number(x.Need)])).toEqual([
      ['BIKE', 'FRAME', 25], ['BIKE', 'WHEEL', 50],
      ['SAW', 'SAW', 10],
      ['TRIKE', 'WHEEL', 120],
    ]);
  });

  it('refuses a FETCH after the loop wrote a table the function reads (the dynamic cursor may see it)', async () => {
    const err = await runBody(LOOP('', "INSERT dbo.Bom (Parent, Comp, QtyPer) VALUES (@part, 'Z' + @comp, 1)"), { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/FETCH from the cursor comps after the loop wrote a table its query reads/);
  });

  it('keeps the rows of OPEN for a STATIC cursor while the loop writes what the function reads', async () => {
    const r = await runBody(LOOP('STATIC', "INSERT dbo.Bom (Parent, Comp, QtyPer) VALUES (@part, 'Z' + @comp, 1); INSERT dbo.Shortage VALUES (@part, @comp, @need)"), { tables: TABLES, csv: DATA });
    expect(resultRows(r).map((x) => `${String(x.Part)}/${String(x.Comp)}`)).toEqual(['BIKE/FRAME', 'BIKE/WHEEL', 'SAW/SAW', 'TRIKE/WHEEL']);
  });
});
