import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A datetimeoffset column reaches a spec as text ('2026-03-30 12:00:00 +02:00'), but SQL Server
// compares it as its instant: '2026-03-30 12:00:00 +02:00' = '2026-03-30 10:00:00 +00:00' is
// true, and a datetimeoffset(7) '… 12:00:00.0000000 +00:00' equals a datetimeoffset(0) '…
// 12:00:00 +00:00' ("processed, compared, sorted, and indexed in the server as in UTC",
// https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetimeoffset-transact-sql). A draft
// that compared the texts would give 0 where SQL Server gives 1, so it takes the type from the
// CREATE TABLE script and refuses what it cannot reproduce.
const DDL = `CREATE TABLE dbo.Ship (Id int NOT NULL, Promised datetimeoffset(0) NOT NULL, Delivered datetimeoffset(7) NULL);
CREATE TABLE dbo.Late (Id int NOT NULL, OnTime bit NULL);`;
const SHIP: HarnessTable = {
  name: 'dbo.Ship',
  columns: ['Id:int', 'Promised:text', 'Delivered:text?'],
  rows: [[1, '2026-03-30 12:00:00 +02:00', '2026-03-30 10:00:00.0000000 +00:00']],
};
const OUT: HarnessTable = { name: 'dbo.Late', columns: ['Id:int', 'OnTime:bool?'] };
const procedureOf = (condition: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Late (Id, OnTime) SELECT Id, CASE WHEN ${condition} THEN 1 ELSE 0 END FROM dbo.Ship;
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafts over datetimeoffset columns', () => {
  it.each(['Delivered = Promised', 'Delivered <= Promised', "Delivered = '2026-03-30 10:00:00 +00:00'"])('refuse %s rather than compare the texts', (condition) => {
    const body = draftOf(procedureOf(condition), { ddl: DDL, inputs: [SHIP, OUT], output: OUT });
    expect(body.sql).toBeUndefined();
    expect(body.refusals[0]?.construct).toMatch(/^datetimeoffset (=|<=) (datetimeoffset|varchar\(\d+\))$/);
    expect(body.refusals[0]?.line).toBe(3);
  });

  it('still draft a section whose datetimeoffset columns it does not touch', async () => {
    const body = draftOf(procedureOf('Id = 1'), { ddl: DDL, inputs: [SHIP, OUT], output: OUT });
    expect(await runDraft(session, body, [SHIP, OUT])).toEqual(['1|true']);
  });
});
