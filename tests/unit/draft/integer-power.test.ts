import { draftAgainstEmulator } from './emulator-parity';

// A device-status job builds its masks with POWER: POWER(CAST(2 AS bigint), [Bit No]) for the
// extended 40-bit word, POWER(2, n) for the low word. The draft refused every POWER, so the
// section was written by hand; now an integer power is drafted in its base's type, truncated
// (POWER(2, -1) is 0), stopping where SQL Server overflows.
const DDL = `CREATE TABLE dbo.[Device Bit] ([Device Id] int NOT NULL, [Bit No] int NOT NULL);
CREATE TABLE dbo.[Bit Mask] ([Device Id] int NOT NULL, [Wide Mask] bigint NULL, [Low Mask] int NULL);`;
const BITS = { name: 'dbo.Device Bit', columns: ['Device Id:int', 'Bit No:int'], rows: [[7, 0], [8, 8], [9, 40], [10, 62]], csv: 'Device Id,Bit No\n7,0\n8,8\n9,40\n10,62\n' };
const OUT = { name: 'dbo.Bit Mask', columns: ['Device Id:int', 'Wide Mask:bigint?', 'Low Mask:int?'] };
const proc = (select: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.[Bit Mask] ([Device Id], [Wide Mask], [Low Mask])
  SELECT b.[Device Id], ${select} FROM dbo.[Device Bit] b;
END`;

describe('POWER of integers in drafts', () => {
  it('draft a bigint mask and a truncated int power, agreeing with the emulator', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('POWER(CAST(2 AS bigint), b.[Bit No]), POWER(2, b.[Bit No] % 31 - 1)'), inputs: [BITS], output: OUT });
    expect(r.emulator).toEqual(['10|4611686018427387904|0', '7|1|0', '8|256|128', '9|1099511627776|256']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('stop, located, where an int power passes the int range', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('NULL, POWER(2, b.[Bit No])'), inputs: [BITS], output: OUT }, { keepRefusal: true });
    expect(r.draftError).toContain('proc.sql:4:31: POWER past the range of int');
  });
});
