import { EngineSession } from '../../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from '../draft-harness';

/*
 * A WHILE over months (`SET @m = DATEADD(month, 1, @m)`) from a month start, the way a report
 * builds its month list. DATEADD(month, 1, …) keeps the day where the next month has it
 * (learn.microsoft.com/sql/t-sql/functions/dateadd-transact-sql: "If datepart is month and the
 * date month has more days than the return month and the date day doesn't exist in the return
 * month, the last day of the return month is returned"), so from the 28th or before the loop
 * gives one date per month on the same day: generate_series reproduces it. From the 29th on the
 * day drifts (Jan 31 -> Feb 28 -> Mar 28), which the draft stops on at run time, naming the step.
 */
const DDL = 'CREATE TABLE dbo.MonthList (MonthStart date NOT NULL, MonthEnd date NOT NULL);';
const PROCEDURE = `CREATE PROCEDURE dbo.usp_T @From date, @To date AS
BEGIN
  DECLARE @m date;
  SET @m = @From;
  WHILE @m <= @To
  BEGIN
    INSERT INTO dbo.MonthList (MonthStart, MonthEnd) VALUES (@m, EOMONTH(@m));
    SET @m = DATEADD(month, 1, @m);
  END
END`;
const OUT: HarnessTable = { name: 'dbo.MonthList', columns: ['MonthStart:date', 'MonthEnd:date'] };

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('a WHILE stepping by DATEADD(month, 1, …)', () => {
  const body = draftOf(PROCEDURE, { ddl: DDL, inputs: [OUT], output: OUT, params: { '@From': 'date', '@To': 'date' } });
  const run = (from: string, to: string): Promise<string[]> => runDraft(session, body, [OUT], { '@From': from, '@To': to });
  const iso = (rows: string[]): string[] => rows.map((r) => r.split('|').map((d) => new Date(d).toISOString().slice(0, 10)).join('|'));

  it('is drafted as a series of months', () => {
    expect(body.refusals).toEqual([]);
  });

  it('gives one row per month from a month start, the end of each month beside it', async () => {
    expect(iso(await run("DATE '2021-01-01'", "DATE '2021-04-30'"))).toEqual(['2021-01-01|2021-01-31', '2021-02-01|2021-02-28', '2021-03-01|2021-03-31', '2021-04-01|2021-04-30']);
  });

  it('keeps a day of the 28th or before in every month', async () => {
    expect(iso(await run("DATE '2024-01-28'", "DATE '2024-03-31'"))).toEqual(['2024-01-28|2024-01-31', '2024-02-28|2024-02-29', '2024-03-28|2024-03-31']);
  });

  it('gives no rows for a NULL start, as the WHILE never runs', async () => {
    expect(await run('CAST(NULL AS DATE)', "DATE '2021-04-30'")).toEqual([]);
  });

  it('stops the query on a start past the 28th, naming the step', async () => {
    await expect(run("DATE '2021-01-31'", "DATE '2021-04-30'")).rejects.toThrow(/proc\.sql:8:14: DATEADD\(month, …\) from a day past the 28th drifts/);
  });
});
