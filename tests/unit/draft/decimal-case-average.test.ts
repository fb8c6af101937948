import { draftAgainstEmulator, type ParityCase } from './emulator-parity';

// A usage report averages `CASE WHEN … THEN Rate ELSE 0 END` of a decimal(12,9): the CASE's
// precision is in doubt (the 0 typed int or decimal(1,0)) but its scale is 9, so AVG is
// decimal(38,9) and SUM decimal(38,9), in the draft as in the emulator (SQL Server's AVG page).
const kase = (expr: string): ParityCase => ({
  ddl: `CREATE TABLE dbo.Rates (Id int NOT NULL PRIMARY KEY, Rate decimal(12,9) NOT NULL);
CREATE TABLE dbo.Result (Label varchar(10) NOT NULL, Value decimal(38,9) NULL);`,
  procedure: `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\nINSERT INTO dbo.Result (Label, Value)\nSELECT 'x', ${expr} FROM dbo.Rates;\nEND`,
  inputs: [{ name: 'dbo.Rates', columns: ['Id:int', 'Rate:decimal(12,9)'], csv: 'Id,Rate\n1,1.234567891\n2,-0.864197524\n3,0.000000001\n' }],
  output: { name: 'dbo.Result', columns: ['Label:text', 'Value:decimal(38,9)?'] },
});

describe('AVG and SUM of a CASE over a decimal and the constant 0', () => {
  it.each([
    ['AVG', 'AVG(CASE WHEN Id < 3 THEN Rate ELSE 0 END)', 'x|0.123456789'],
    ['SUM', 'SUM(CASE WHEN Id <> 2 THEN Rate ELSE 0 END)', 'x|1.234567892'],
  ])('%s keeps the decimal\'s nine decimals', async (_what, expr, row) => {
    const r = await draftAgainstEmulator(kase(expr));
    expect(r.emulator).toEqual([row]);
    expect(r.draft).toEqual(r.emulator);
  });
});
