import { EngineSession } from '../../../src/engine';
import { draftBody } from '../../../src/draft/draft-section';
import { draftInputOf, runDraft, type HarnessTable } from './draft-harness';

// A section given a table variable (or #temp table) that an earlier section declared and filled
// sees its columns as the spec holds them: money as decimal(19,4). SQL Server computes AVG of
// money as money (learn.microsoft.com/sql/t-sql/functions/avg-transact-sql, return types), so
// the draft must type the column by its DECLARE, not by the spec: AVG then stops on a mean of
// more than four decimals, as the emulator refuses it, instead of averaging it as a decimal.
const DDL = 'CREATE TABLE dbo.AvgOut (Act nvarchar(10) NULL, AvgNew money NULL);';
const OUT: HarnessTable = { name: 'dbo.AvgOut', columns: ['Act:text?', 'AvgNew:decimal(19,4)?'] };
const PROCEDURE = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @audit TABLE (Act nvarchar(10), NewPrice money);
  INSERT INTO dbo.AvgOut (Act, AvgNew) SELECT Act, AVG(NewPrice) FROM @audit GROUP BY Act;
END`;
const audit = (rows: (string | null)[][]): HarnessTable => ({ name: '@audit', columns: ['Act:text?', 'NewPrice:decimal(19,4)?'], rows });

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('drafts reading a table variable an earlier section declared', () => {
  const run = (input: HarnessTable): Promise<string[]> => {
    const whole = draftInputOf(PROCEDURE, { ddl: DDL, inputs: [input, OUT], output: OUT });
    // the section is the INSERT alone (line 4): the DECLARE belongs to an earlier section
    const body = draftBody({ ...whole, spec: { ...whole.spec, lines: [{ start: 4, end: 4 }] } });
    expect(body.refusals).toEqual([]);
    return runDraft(session, body, [input, OUT]);
  };

  it('average its money column as money where the mean has at most four decimals', async () => {
    expect(await run(audit([['UPDATE', '10.00'], ['UPDATE', '10.01'], ['INSERT', null]]))).toEqual(['INSERT|NULL', 'UPDATE|10.005']);
  });

  it('stop where the money mean has more decimals, as the emulator refuses it, instead of a decimal average', async () => {
    await expect(run(audit([['UPDATE', '10.00'], ['UPDATE', '10.00'], ['UPDATE', '10.01']]))).rejects.toThrow(/proc\.sql:4:52: AVG of money values whose mean has more than four decimals/);
  });

  it('divide its money columns as money, four decimals truncated at each step, not as decimals', async () => {
    const proc = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  DECLARE @audit TABLE (OldPrice money, NewPrice money);
  INSERT INTO dbo.Pct (Pct) SELECT (a.NewPrice - a.OldPrice) / a.OldPrice * 100 FROM @audit a;
END`;
    const out: HarnessTable = { name: 'dbo.Pct', columns: ['Pct:decimal(9,4)?'] };
    const prices: HarnessTable = { name: '@audit', columns: ['OldPrice:decimal(19,4)?', 'NewPrice:decimal(19,4)?'], rows: [['19.99', '21.49']] };
    const whole = draftInputOf(proc, { ddl: 'CREATE TABLE dbo.Pct (Pct decimal(9,4) NULL);', inputs: [prices, out], output: out });
    const body = draftBody({ ...whole, spec: { ...whole.spec, lines: [{ start: 4, end: 4 }] } });
    expect(body.refusals).toEqual([]);
    // as decimal(19,4) the draft gave 7.5038 for 19.99 -> 21.49; SQL Server's money quotient keeps 0.0750 (1.50 / 19.99 = 0.07503…), times 100
    expect(await runDraft(session, body, [prices, out])).toEqual(['7.5']);
  });
});
