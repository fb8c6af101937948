import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

// AVG of money is money (learn.microsoft.com/sql/t-sql/functions/avg-transact-sql, return types:
// "money and smallmoney category: money"). Where the mean has at most four decimals (25.02 / 3 =
// 8.34, an invoice month's average) it is exact, as the emulator computes it; how SQL Server
// rounds a longer mean to four decimals is not documented, so the draft stops on such data, as
// the emulator does, instead of refusing every AVG of a money column.
const DDL = `CREATE TABLE dbo.Invoice (CustomerId int NOT NULL, Amount money NULL);
CREATE TABLE dbo.AvgOut (CustomerId int NOT NULL, AvgInvoice money NULL);`;
const OUT: HarnessTable = { name: 'dbo.AvgOut', columns: ['CustomerId:int', 'AvgInvoice:decimal(19,4)?'] };
const PROCEDURE = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.AvgOut (CustomerId, AvgInvoice) SELECT CustomerId, AVG(Amount) FROM dbo.Invoice GROUP BY CustomerId;
END`;
const invoices = (rows: (string | number | null)[][]): HarnessTable => ({ name: 'dbo.Invoice', columns: ['CustomerId:int', 'Amount:decimal(19,4)?'], rows });

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafts of AVG over a money column', () => {
  const run = (input: HarnessTable): Promise<string[]> => {
    const body = draftOf(PROCEDURE, { ddl: DDL, inputs: [input, OUT], output: OUT });
    expect(body.refusals).toEqual([]);
    return runDraft(session, body, [input, OUT]);
  };

  it('give the exact mean where it has at most four decimals, NULLs left out, a group of NULLs NULL', async () => {
    expect(await run(invoices([[5, '12.50'], [5, '12.51'], [5, '0.01'], [6, '-1.0001'], [6, '-2.0001'], [6, null], [7, null]])))
      .toEqual(['5|8.34', '6|-1.5001', '7|NULL']);
  });

  it('stop the query where the mean has more decimals, naming the call', async () => {
    await expect(run(invoices([[1, '10.00'], [1, '10.00'], [1, '10.01']]))).rejects.toThrow(/proc\.sql:3:70: AVG of money values whose mean has more than four decimals/);
  });
});
