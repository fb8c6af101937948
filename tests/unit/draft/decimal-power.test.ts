import { draftAgainstEmulator } from './emulator-parity';

// A lending back office's level payment, `ROUND(P * (rate / 12) / (1 - POWER(1 + rate / 12,
// -n)), 2)` (loans probe): the emulator computes it, the draft refused every decimal POWER
// ("write it by hand"). POWER's type is documented as decimal(p,s) on one page and decimal(38,s)
// on another; here both readings give the quotient decimal(38,9), so the payment is drafted.
// Expected payments computed by hand (Python's decimal, POWER in float rounded to scale 9, the
// quotient truncated at 9 decimals): 1264.14 on 200,000.00 at 6.5% over 360 months.
const DDL = `CREATE TABLE dbo.[Loan] ([Loan Id] int NOT NULL, [Principal] decimal(18,2) NOT NULL, [Rate] decimal(9,6) NULL, [Term] int NOT NULL);
CREATE TABLE dbo.[Plan] ([Loan Id] int NOT NULL, [Payment] decimal(18,2) NULL, [Growth] decimal(18,10) NULL);`;
const LOANS = {
  name: 'dbo.Loan',
  columns: ['Loan Id:int', 'Principal:decimal(18,2)', 'Rate:decimal(9,6)?', 'Term:int'],
  rows: [[1, '200000.00', '0.065000', 360], [2, '10000.00', '0.120000', 1], [3, '12345.67', '0.045000', 3], [4, '3000.00', '0.199900', 6], [5, '5000.00', null, 24]],
  csv: 'Loan Id,Principal,Rate,Term\n1,200000.00,0.065000,360\n2,10000.00,0.120000,1\n3,12345.67,0.045000,3\n4,3000.00,0.199900,6\n5,5000.00,,24\n',
};
const OUT = { name: 'dbo.Plan', columns: ['Loan Id:int', 'Payment:decimal(18,2)?', 'Growth:decimal(18,10)?'] };
const proc = (payment: string, growth: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.[Plan] ([Loan Id], [Payment], [Growth])
  SELECT l.[Loan Id], ${payment}, ${growth} FROM dbo.[Loan] l;
END`;
const ANNUITY = 'ROUND(l.[Principal] * (l.[Rate] / 12) / (1 - POWER(1 + l.[Rate] / 12, -l.[Term])), 2)';

describe('POWER of decimals in drafts', () => {
  it('draft the annuity payment and a CAST power, agreeing with the emulator and by hand', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(ANNUITY, 'CAST(POWER(1 + l.[Rate] / 12, l.[Term]) AS decimal(18,10))'), inputs: [LOANS], output: OUT });
    expect(r.emulator).toEqual(['1|1264.14|6.9917963050', '2|10100.00|1.0100000000', '3|4146.13|1.0112922400', '4|529.55|1.1042061150', '5|NULL|NULL']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('refuse, located, a decimal power read where the two documented types give other digits', async () => {
    // ROUND keeps its argument's type: decimal(13,9) or decimal(38,9), which the column then holds
    await expect(draftAgainstEmulator({ ddl: DDL, procedure: proc('NULL', 'ROUND(POWER(1 + l.[Rate] / 12, l.[Term]), 4)'), inputs: [LOANS], output: OUT }, { keepRefusal: true }))
      .rejects.toThrow(/4:\d+ POWER of a decimal value read here: SQL Server's documentation gives POWER of decimal\(p,s\) the type decimal\(p,s\) on one page and decimal\(38,s\) on another/);
    // decimal(10,2) / a power of decimal(5,4) keeps 8 decimals under one reading, 26 under the other
    await expect(draftAgainstEmulator({ ddl: DDL, procedure: proc('CAST(l.[Principal] AS decimal(10,2)) / POWER(CAST(1.0125 AS decimal(5,4)), l.[Term])', 'NULL'), inputs: [LOANS], output: OUT }, { keepRefusal: true }))
      .rejects.toThrow(/4:\d+ \/ with POWER of a decimal value/);
  });
});
