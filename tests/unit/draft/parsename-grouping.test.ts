import { draftAgainstEmulator } from './emulator-parity';

// PARSENAME(Sku, n) splits SKUs written DEPT.STYLE.COLOUR.SIZE in merchandising reports. Drafts
// refused it; translated, the same expression in the select list and the GROUP BY carried its
// own file:line:col in its run-time stop, so the select list's copy was no longer known as the
// group key and DuckDB rejected the query (so did LEFT(Sku, CHARINDEX('.', Sku) - 1)).
const DDL = `CREATE TABLE dbo.Line (Id int NOT NULL, Sku varchar(40) NOT NULL, Qty int NOT NULL);
CREATE TABLE dbo.Mix (Style varchar(40) NULL, Dept varchar(40) NULL, Size varchar(40) NULL, Units int NULL);`;
const LINE = {
  name: 'dbo.Line', columns: ['Id:int', 'Sku:text', 'Qty:int'],
  rows: [[1, 'APP.TSHIRT.BLU.M', 2], [2, 'app.tshirt.blu.m', 3], [3, 'HOME.VASE.GRN', 1], [4, 'A.B.C.D.E', 4], [5, 'APP..RED.S', 5], [6, 'NODOTS', 6]],
  csv: 'Id,Sku,Qty\n1,APP.TSHIRT.BLU.M,2\n2,app.tshirt.blu.m,3\n3,HOME.VASE.GRN,1\n4,A.B.C.D.E,4\n5,APP..RED.S,5\n6,NODOTS,6\n',
};
const MIX = { name: 'dbo.Mix', columns: ['Style:text?', 'Dept:text?', 'Size:text?', 'Units:int?'] };
const PROC = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Mix (Style, Dept, Size, Units)
  SELECT PARSENAME(l.Sku, 3), LEFT(l.Sku, CHARINDEX('.', l.Sku) - 1), PARSENAME(l.Sku, 1), SUM(l.Qty)
  FROM dbo.Line l
  WHERE CHARINDEX('.', l.Sku) > 0 AND UPPER(l.Sku) = l.Sku
  GROUP BY PARSENAME(l.Sku, 3), LEFT(l.Sku, CHARINDEX('.', l.Sku) - 1), PARSENAME(l.Sku, 1);
END`;

describe('PARSENAME in drafts', () => {
  it('splits names as the emulator does, also as a GROUP BY key read in the select list', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROC, inputs: [LINE], output: MIX });
    // A.B.C.D.E has five parts (NULL pieces), APP..RED.S an empty STYLE piece (NULL).
    expect(r.emulator).toEqual(['HOME|HOME|GRN|1', 'NULL|APP|S|5', 'NULL|A|NULL|4', 'TSHIRT|APP|M|5']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });
});
