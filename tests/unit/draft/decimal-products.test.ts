import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// An amount in decimal(19,4) times a rate in decimal(38,10): p = 19 + 38 + 1 = 58 > 38 and 44
// integral digits, so SQL Server keeps 6 decimals, rounded (Precision, scale, and length page:
// decimal(38,6)). DuckDB would multiply decimals that wide in floating point; the draft works
// on the unscaled digits.
const DDL = `CREATE TABLE dbo.Txn (Id int NOT NULL, Amount decimal(19,4) NOT NULL, Rate decimal(38,10) NULL);
CREATE TABLE dbo.TxnBase (Id int NOT NULL, Base decimal(38,6) NULL);`;
const TXN: HarnessTable = {
  name: 'dbo.Txn',
  columns: ['Id:int', 'Amount:decimal(19,4)', 'Rate:decimal(38,10)?'],
  rows: [[1, '12345.6789', '0.9234567891'], [2, '-250.5050', '1.1512345678'], [3, '1.0000', '0.0000005000'], [4, '-1.0000', '0.0000005000'], [5, '0.0000', '123.0000000000'], [6, '7.0000', null]],
};
const OUT: HarnessTable = { name: 'dbo.TxnBase', columns: ['Id:int', 'Base:decimal(38,6)?'] };
const PROCEDURE = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.TxnBase (Id, Base) SELECT Id, Amount * Rate FROM dbo.Txn;
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafts of a decimal product whose scale SQL Server cuts', () => {
  it('round the exact product half away from zero to decimal(38,6)', async () => {
    const body = draftOf(PROCEDURE, { ddl: DDL, inputs: [TXN, OUT], output: OUT });
    expect(body.refusals).toEqual([]);
    // 11400.70099625361999 and -288.39001540673900 exactly; 0.0000005 is half a unit of the 6th decimal; NULL stays NULL
    expect(await runDraft(session, body, [TXN, OUT])).toEqual(['1|11400.700996', '2|-288.390015', '3|0.000001', '4|-0.000001', '5|0', '6|NULL']);
  });

  it('agree with the emulator on the same rows', async () => {
    const csv = 'Id,Amount,Rate\n1,12345.6789,0.9234567891\n2,-250.5050,1.1512345678\n3,1.0000,0.0000005000\n4,-1.0000,0.0000005000\n5,0.0000,123.0000000000\n6,7.0000,\n';
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: PROCEDURE, inputs: [{ ...TXN, csv }], output: OUT });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });
});

describe('drafts of decimal arithmetic on a decimal(38,20) value', () => {
  // B / 7: scale max(6, 20 + 1 + 1) = 22, precision 40 > 38 with 18 integral digits, so
  // decimal(38,20), truncated. DuckDB overflows computing B's digits as B * 10^20 in B's own
  // decimal(38,20); the draft reads them from its text.
  const ddl = `CREATE TABLE dbo.Fx (Id int NOT NULL, B decimal(38,20) NULL);
CREATE TABLE dbo.FxOut (Id int NOT NULL, Q decimal(38,20) NULL);`;
  it('divides exactly, as the emulator does', async () => {
    const r = await draftAgainstEmulator({
      ddl,
      procedure: 'CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n  INSERT INTO dbo.FxOut (Id, Q) SELECT Id, B / 7 FROM dbo.Fx;\nEND',
      inputs: [{ name: 'dbo.Fx', columns: ['Id:int', 'B:decimal(38,20)?'], rows: [], csv: 'Id,B\n1,0.12345678901234567891\n2,-0.00000000005000000000\n3,\n' }],
      output: { name: 'dbo.FxOut', columns: ['Id:int', 'Q:decimal(38,20)?'] },
    });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(['1|0.01763668414462081127', '2|-0.00000000000714285714', '3|NULL']);
    expect(r.draft).toEqual(r.emulator);
  });
});
