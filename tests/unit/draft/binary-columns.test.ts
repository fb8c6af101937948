import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A varbinary column reaches a spec as its hex text ('0xA962…', as capture writes it), but
// SQL Server's SUBSTRING, LEN and DATALENGTH count its bytes: DATALENGTH of a SHA-256 hash is
// 32, of its text 66, and SUBSTRING(hash, 1, 2) is the first two bytes, never '0x'. A draft
// working on the text would give those wrong numbers silently, so the column keeps the type of
// its CREATE TABLE and every use but a copy or a NULL test is refused.
const DDL = `CREATE TABLE dbo.Dim (Id int NOT NULL, RowHash varbinary(32) NULL);
CREATE TABLE dbo.Report (Id int NOT NULL, Head varchar(66) NULL, Bytes int NULL);`;
const DIM: HarnessTable = {
  name: 'dbo.Dim',
  columns: ['Id:int', 'RowHash:text?'],
  rows: [[1, '0xA9624FA7041B804A54027A1B7CA86C61FF49C4039E8658A8F3B9895811E36A7B'], [2, null]],
};
const OUT: HarnessTable = { name: 'dbo.Report', columns: ['Id:int', 'Head:text?', 'Bytes:int?'] };
const procedureOf = (head: string, bytes: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Report (Id, Head, Bytes) SELECT Id, ${head}, ${bytes} FROM dbo.Dim;
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafts over varbinary columns', () => {
  it.each([
    ['SUBSTRING(RowHash, 1, 2)', 'NULL'],
    ['NULL', 'DATALENGTH(RowHash)'],
    ['NULL', 'LEN(RowHash)'],
  ])('refuse %s / %s rather than count the hex digits', (head, bytes) => {
    const body = draftOf(procedureOf(head, bytes), { ddl: DDL, inputs: [DIM, OUT], output: OUT });
    expect(body.sql).toBeUndefined();
    expect(body.refusals[0]?.line).toBe(3);
  });

  it('still draft a section that only tests the column for NULL', async () => {
    const body = draftOf(procedureOf("CASE WHEN RowHash IS NULL THEN 'new' ELSE 'kept' END", 'Id * 2'), { ddl: DDL, inputs: [DIM, OUT], output: OUT });
    expect(await runDraft(session, body, [DIM, OUT])).toEqual(['1|kept|2', '2|new|4']);
  });

  it('copy the column into a text output column as the hex text it was given in', async () => {
    // An SCD load's fact-time member insert: existing rows keep their hash, new rows get NULL.
    const copy = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Dim (Id) SELECT Id + 10 FROM dbo.Dim WHERE RowHash IS NOT NULL;
END`;
    const body = draftOf(copy, { ddl: DDL, inputs: [DIM], output: DIM });
    expect(await runDraft(session, body, [DIM])).toEqual([
      '1|0xA9624FA7041B804A54027A1B7CA86C61FF49C4039E8658A8F3B9895811E36A7B', '2|NULL', '11|NULL',
    ]);
  });
});
