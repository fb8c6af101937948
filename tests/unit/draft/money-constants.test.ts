import { draftOf } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// A money constant ($12.50) is money: it keeps money's four decimals in arithmetic (money with
// money or an integer stays money). Payroll code writes dues, caps and zeros that way
// (`IIF(Flags & 2 <> 0, $12.50, $0)`); before, every such constant refused the whole draft.
const DDL = `CREATE TABLE dbo.Pay (Id int NOT NULL, Net money NOT NULL);
CREATE TABLE dbo.PayOut (Id int NOT NULL, Dues money NULL, Capped money NULL, Twice money NULL);`;
const PAY = { name: 'dbo.Pay', columns: ['Id:int', 'Net:decimal(19,4)'], rows: [[1, 150.25], [2, 99.99], [3, -5]], csv: 'Id,Net\n1,150.25\n2,99.99\n3,-5\n' };
const OUT = { name: 'dbo.PayOut', columns: ['Id:int', 'Dues:decimal(19,4)?', 'Capped:decimal(19,4)?', 'Twice:decimal(19,4)?'] };
const proc = (select: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.PayOut (Id, Dues, Capped, Twice) SELECT Id, ${select} FROM dbo.Pay;
END`;

describe('money constants in drafts', () => {
  it('translate as money and agree with the emulator', async () => {
    const r = await draftAgainstEmulator({
      ddl: DDL,
      procedure: proc('IIF(Net > $100, $12.50, $0), CASE WHEN Net > $922337203685477.5807 THEN $0 ELSE Net - -$0.0001 END, Net + $2'),
      inputs: [PAY],
      output: OUT,
    });
    expect(r.emulator).toEqual(['1|12.5000|150.2501|152.2500', '2|0.0000|99.9901|101.9900', '3|0.0000|-4.9999|-3.0000']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('refuse a money constant with more than four decimals, whose rounding is not documented', () => {
    const body = draftOf(proc('$1.23456, Net, Net'), { ddl: DDL, inputs: [PAY], output: OUT });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((x) => `${x.line}:${x.col} ${x.construct}`)).toEqual(['3:63 literal $1.23456']);
  });
});
