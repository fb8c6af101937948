import { runBody, resultRows } from './emulator-helpers';

// OBJECT_ID: whether the object exists is known from the scripts; its id is the database's.
const SCRIPTS = `
CREATE TABLE dbo.RegionSales_UK (OrderRef varchar(20) NOT NULL, OrderTotal money NOT NULL)
GO
CREATE TABLE dbo.ExtractLog (Step varchar(20) NOT NULL, ObjId int NULL)
GO
CREATE VIEW dbo.vw_UkSales AS SELECT OrderRef, OrderTotal FROM dbo.RegionSales_UK
GO
CREATE TRIGGER dbo.trg_UkSales_Audit ON dbo.RegionSales_UK AFTER INSERT AS SET NOCOUNT ON
GO
`;

describe('OBJECT_ID', () => {
  it('tests existence by the object type the second argument names', async () => {
    const r = await runBody(`
      SELECT CASE WHEN OBJECT_ID('dbo.RegionSales_UK', 'U') IS NOT NULL THEN 'y' ELSE 'n' END AS tbl,
             CASE WHEN OBJECT_ID('dbo.usp_test', 'U') IS NULL THEN 'n' ELSE 'y' END AS procAsTable,
             CASE WHEN OBJECT_ID('dbo.usp_test', 'P') IS NOT NULL THEN 'y' ELSE 'n' END AS proc,
             CASE WHEN OBJECT_ID('dbo.vw_UkSales') IS NOT NULL THEN 'y' ELSE 'n' END AS vw,
             CASE WHEN OBJECT_ID(N'[dbo].[vw_UkSales]', 'V') IS NOT NULL THEN 'y' ELSE 'n' END AS vwTyped,
             CASE WHEN OBJECT_ID('dbo.trg_UkSales_Audit', 'TR') IS NOT NULL THEN 'y' ELSE 'n' END AS trg,
             OBJECT_ID('dbo.RegionSales_US') AS missing;`, { tables: SCRIPTS });
    expect(resultRows(r)).toEqual([{ tbl: 'y', procAsTable: 'n', proc: 'y', vw: 'y', vwTyped: 'y', trg: 'y', missing: null }]);
  });

  it("refuses the value of an existing object's id, which the database assigns", async () => {
    const run = runBody(`
      INSERT INTO dbo.ExtractLog (Step, ObjId) VALUES ('uk', OBJECT_ID('dbo.RegionSales_UK'));`, { tables: SCRIPTS, csv: { 'dbo.ExtractLog': 'Step,ObjId\n' } });
    await expect(run).rejects.toMatchObject({
      code: 'LEGACY_UNSUPPORTED',
      message: expect.stringMatching(/the value of OBJECT_ID of an object that exists/),
      location: expect.objectContaining({ file: 'usp_test.sql', span: expect.objectContaining({ start: expect.objectContaining({ line: 5, column: 62 }) }) }),
    });
  });

  it('refuses an object type it does not emulate', async () => {
    await expect(runBody(`IF OBJECT_ID('dbo.fn_Tax', 'FN') IS NOT NULL PRINT 'x';`, { tables: SCRIPTS })).rejects.toThrow(/OBJECT_ID with the object type 'FN'/);
  });
});
