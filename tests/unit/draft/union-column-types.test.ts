import { draftAgainstEmulator } from './emulator-parity';
import { draftOf } from './draft-harness';

// A UNION ALL of two sources whose key is int on one side and bigint on the other (a PAS feed's
// bigint ids beside the ward system's int ones) was refused as an implicit conversion. Integers of
// two widths unite as the wider, every value unchanged; other differing types are still refused,
// the message naming the column and both types.
const DDL = `CREATE TABLE dbo.WardStay ([Stay Ref] int NOT NULL, Ward varchar(10) NOT NULL);
CREATE TABLE dbo.PasStay ([Stay Ref] bigint NOT NULL, Ward varchar(10) NOT NULL);
CREATE TABLE dbo.AllStay ([Stay Ref] bigint NOT NULL, Ward varchar(10) NOT NULL);`;
const WARD = { name: 'dbo.WardStay', columns: ['Stay Ref:int', 'Ward:text'], rows: [[1, 'A'], [2, 'B']], csv: 'Stay Ref,Ward\n1,A\n2,B\n' };
const PAS = { name: 'dbo.PasStay', columns: ['Stay Ref:bigint', 'Ward:text'], rows: [[5000000000, 'A']], csv: 'Stay Ref,Ward\n5000000000,A\n' };
const ALL = { name: 'dbo.AllStay', columns: ['Stay Ref:bigint', 'Ward:text'] };
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;

describe('UNION ALL of columns typed differently', () => {
  it('unites an int and a bigint column as bigint, as the emulator does', async () => {
    const body = '  INSERT INTO dbo.AllStay ([Stay Ref], Ward) SELECT [Stay Ref], Ward FROM dbo.WardStay UNION ALL SELECT [Stay Ref], Ward FROM dbo.PasStay;';
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc(body), inputs: [WARD, PAS], output: ALL });
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(['1|A', '2|B', '5000000000|A']);
    expect(r.draft).toEqual(r.emulator);
  });

  it('refuses text beside an integer, naming the column and both types', () => {
    const body = "  INSERT INTO dbo.AllStay ([Stay Ref], Ward) SELECT [Stay Ref], Ward FROM dbo.WardStay UNION ALL SELECT [Stay Ref], 7 FROM dbo.PasStay;";
    const draft = draftOf(proc(body), { ddl: DDL, inputs: [WARD, PAS], output: ALL });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals[0]?.reason).toMatch(/^column 2 \(Ward\) is varchar\(10\) on one side and int on the other; SQL Server converts it implicitly/);
  });
});
