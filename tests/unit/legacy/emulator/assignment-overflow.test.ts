import { runBody } from './emulator-helpers';

// A ledger check (ticket-style legacy code): a net amount of scale 4 assigned to a narrower
// decimal variable overflows. DuckDB's error cannot tell a decimal(19,4) value from money, but
// the assignment knows both declared types, so ERROR_MESSAGE() is SQL Server's "converting
// numeric to data type numeric" (CAST and CONVERT, "Truncating and rounding results", Msg 8115).
const LEDGER = `CREATE TABLE dbo.[Invoice Total] ([Invoice No] int NOT NULL PRIMARY KEY, [Net Amount] decimal(19,4) NOT NULL, Fee money NOT NULL);`;
const CSV = { 'dbo.Invoice Total': 'Invoice No,Net Amount,Fee\n1006,999990.0000,999990.0000\n' };
const caught = `BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m; END CATCH`;

describe('an assignment that overflows its variable names the types it converts', () => {
  it.each([
    ['SELECT @v = … FROM a table', 'SELECT @Check = [Net Amount] * 100 FROM dbo.[Invoice Total] WHERE [Invoice No] = 1006;'],
    ['SET @v = …', 'SET @Check = (SELECT [Net Amount] FROM dbo.[Invoice Total]) * 100;'],
  ])('%s: numeric to numeric', async (_what, assign) => {
    const r = await runBody(`DECLARE @Check decimal(9,2);\nBEGIN TRY ${assign} END TRY\n${caught}`, { tables: LEDGER, csv: CSV });
    expect(r.resultSets[0]?.rows).toEqual([{ n: 8115, m: 'Arithmetic overflow error converting numeric to data type numeric.' }]);
  });

  it('a value drawn from a sequence is not drawn again to tell the cast apart: ERROR_MESSAGE() stays refused', async () => {
    const tables = `${LEDGER}\nCREATE SEQUENCE dbo.InvoiceSeq AS int START WITH 1006;`;
    const run = runBody(`DECLARE @Check decimal(5,2);\nBEGIN TRY SET @Check = (NEXT VALUE FOR dbo.InvoiceSeq) * 1.0000; END TRY\n${caught}`, { tables, csv: CSV });
    await expect(run).rejects.toMatchObject({ message: expect.stringMatching(/ERROR_MESSAGE\(\) of error 8115/) });
  });

  it('a money value still stops ERROR_MESSAGE(), located (SQL Server names money, which is not reproduced here)', async () => {
    const run = runBody(`DECLARE @Check decimal(9,2);\nBEGIN TRY SELECT @Check = Fee * 100 FROM dbo.[Invoice Total]; END TRY\n${caught}`, { tables: LEDGER, csv: CSV });
    await expect(run).rejects.toMatchObject({ message: expect.stringMatching(/ERROR_MESSAGE\(\) of error 8115.*money/), location: { file: 'usp_test.sql' } });
  });
});
