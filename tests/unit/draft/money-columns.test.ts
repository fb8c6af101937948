import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// A money column reaches the spec as decimal(19,4); the draft takes its type from the CREATE
// TABLE script, so money's own arithmetic applies (money / int keeps four decimals, truncated, in SQL Server).
const DDL = `CREATE TABLE dbo.Pay (Id int NOT NULL, Qty int NOT NULL, Amount money NOT NULL);
CREATE TABLE dbo.PayOut (Id int NOT NULL, Total decimal(19,4) NULL);`;
const PAY: HarnessTable = { name: 'dbo.Pay', columns: ['Id:int', 'Qty:int', 'Amount:decimal(19,4)'], rows: [[1, 3, 10.5], [2, 2, 0.25]] };
const OUT: HarnessTable = { name: 'dbo.PayOut', columns: ['Id:int', 'Total:decimal(19,4)?'] };
const procedureOf = (expression: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.PayOut (Id, Total) SELECT Id, ${expression} FROM dbo.Pay;
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafts of money columns', () => {
  it('translate money times an integer exactly', async () => {
    const body = draftOf(procedureOf('Amount * Qty'), { ddl: DDL, inputs: [PAY, OUT], output: OUT });
    expect(await runDraft(session, body, [PAY, OUT])).toEqual(['1|31.5', '2|0.5']);
  });

  it('truncate a money quotient at four decimals, as SQL Server does (0.25 / 3 is 0.0833)', async () => {
    const body = draftOf(procedureOf('Amount / 3'), { ddl: DDL, inputs: [PAY, OUT], output: OUT });
    expect(body.refusals).toEqual([]);
    expect(await runDraft(session, body, [PAY, OUT])).toEqual(['1|3.5', '2|0.0833']);
  });
});
