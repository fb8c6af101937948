import { draftAgainstEmulator } from './emulator-parity';

// money converted to an integer rounds in SQL Server (CAST and CONVERT, "Truncating and rounding
// results": money -> int Round), where decimal and float truncate. A payroll paying whole units
// (`CAST(Net AS int)`, or Net stored into an int column) must not lose the half unit either side.
const DDL = `CREATE TABLE dbo.Pay (Id int NOT NULL, Net money NOT NULL, Rate decimal(9,4) NOT NULL);
CREATE TABLE dbo.PayOut (Id int NOT NULL, CastNet int NULL, StoredNet int NULL, CastRate int NULL);`;
const PAY = {
  name: 'dbo.Pay',
  columns: ['Id:int', 'Net:decimal(19,4)', 'Rate:decimal(9,4)'],
  rows: [[1, 10.6496, 10.6496], [2, -10.6496, -10.6496], [3, 2.4999, 2.4999]],
  csv: 'Id,Net,Rate\n1,10.6496,10.6496\n2,-10.6496,-10.6496\n3,2.4999,2.4999\n',
};
const OUT = { name: 'dbo.PayOut', columns: ['Id:int', 'CastNet:int?', 'StoredNet:int?', 'CastRate:int?'] };

describe('money to an integer', () => {
  it('rounds in the draft and in the emulator, where decimal truncates', async () => {
    const r = await draftAgainstEmulator({
      ddl: DDL,
      procedure: `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.PayOut (Id, CastNet, StoredNet, CastRate) SELECT Id, CAST(Net AS int), Net, CAST(Rate AS int) FROM dbo.Pay;
END`,
      inputs: [PAY],
      output: OUT,
    });
    expect(r.emulator).toEqual(['1|11|11|10', '2|-11|-11|-10', '3|2|2|2']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });
});
