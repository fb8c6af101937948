import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// A billing feed staged as text (amounts read from a flat file into varchar columns) reaching
// arithmetic. SQL Server converts text beside an int, money or float to that type, and fails with
// 245/235/8114 where it is no number; two texts it joins with + and does not compile with - * / %
// (error 8117). The emulator handed `Amount - Discount` to DuckDB, which failed as an internal
// error of the emulator asking to report a bug.
const tables = `CREATE TABLE dbo.StageInvoice (
  InvoiceNo   varchar(12) NOT NULL,
  Amount      varchar(20) NULL,
  Discount    varchar(20) NULL,
  Qty         varchar(10) NULL
);`;
const csv = { 'dbo.StageInvoice': 'InvoiceNo,Amount,Discount,Qty\nINV-1001,120,15,3\nINV-1002,80,5,n/a\n' };

async function refusal(body: string): Promise<LegacyError> {
  const err = await runBody(body, { tables, csv }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(LegacyError);
  return err as LegacyError;
}

describe('text operands of arithmetic', () => {
  it('refuses - of two varchar columns where written, as SQL Server does not compile it (8117)', async () => {
    const err = await refusal(`
    SELECT s.InvoiceNo, s.Amount - s.Discount AS NetAmount
    FROM dbo.StageInvoice AS s;`);
    expect(err.code).toBe('LEGACY_UNSUPPORTED');
    expect(err.message).toMatch(/- of two text values \(SQL Server does not compile it: error 8117/);
    expect(err.message).not.toMatch(/internal error/);
    expect([err.location?.file, err.location?.span?.start.line, err.location?.span?.start.column]).toEqual(['usp_test.sql', 5, 25]);
  });

  it('refuses it inside TRY too: no CATCH block sees it', async () => {
    const err = await refusal(`
    DECLARE @net varchar(20), @disc varchar(20) = '15';
    BEGIN TRY
      SELECT @net = Amount FROM dbo.StageInvoice WHERE InvoiceNo = 'INV-1001';
      SET @net = @net * @disc;
    END TRY
    BEGIN CATCH
      SELECT ERROR_NUMBER() AS err;
    END CATCH`);
    expect(err.message).toMatch(/\* of two text values .*error 8117.*multiply/);
  });

  it('converts text beside an int and joins two texts with +', async () => {
    const r = await runBody(`
    SELECT InvoiceNo, Amount * 2 AS Doubled, 1000 - Discount AS Left1000, Amount + Discount AS Joined
    FROM dbo.StageInvoice WHERE InvoiceNo = 'INV-1001';`, { tables, csv });
    expect(resultRows(r)).toEqual([{ InvoiceNo: 'INV-1001', Doubled: 240, Left1000: 985, Joined: '12015' }]);
    expect((await refusal('SELECT Amount / Qty AS UnitPrice FROM dbo.StageInvoice;')).message).toMatch(/\/ of two text values .*error 8117.*divide/);
  });

  it('fails with a catchable 245 where the text is no integer', async () => {
    const r = await runBody(`
    BEGIN TRY
      SELECT SUM(Qty * 1) AS Units FROM dbo.StageInvoice;
    END TRY
    BEGIN CATCH
      SELECT ERROR_NUMBER() AS err, ERROR_MESSAGE() AS msg;
    END CATCH`, { tables, csv });
    expect(resultRows(r)).toEqual([{ err: 245, msg: "Conversion failed when converting the varchar value 'n/a' to data type int." }]);
    expect((await refusal('SELECT Qty % Amount AS Leftover FROM dbo.StageInvoice;')).message).toMatch(/% of two text values .*error 8117.*modulo/);
  });

  it.each([
    ['SELECT SUM(Amount) AS Total FROM dbo.StageInvoice;', /SUM of a text value \(SQL Server does not compile it: error 8117/],
    ['SELECT -Discount AS Credit FROM dbo.StageInvoice;', /unary - of a text value/],
    ['SELECT Amount + 0.5 AS Rounded FROM dbo.StageInvoice;', /\+ of text and a decimal value/],
    ['SELECT Amount - NULL AS Nothing FROM dbo.StageInvoice;', /- of text and NULL/],
    ['SELECT Qty & 1 AS Odd FROM dbo.StageInvoice;', /& of text and another value/],
  ])('refuses %s where written, never as an internal error', async (body, message) => {
    const err = await refusal(body);
    expect(err.message).toMatch(message);
    expect(err.message).not.toMatch(/internal error/);
  });
});
