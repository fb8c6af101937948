import { draftBody } from '../../../src/draft';
import { EngineSession } from '../../../src/engine';
import { draftInputOf, runDraft, type HarnessTable } from './draft-harness';

// DATEPART(weekday) and DATEPART(week) under SET DATEFIRST (the SET DATEFIRST and DATEPART pages):
// weekday 1 is the DATEFIRST day; week 1 holds January 1 and weeks start on the DATEFIRST day.
// 2016-01-01 is a Friday, 2016-01-03 a Sunday, 2016-01-04 a Monday.
const D: HarnessTable = { name: 'dbo.D', columns: ['Day:date'], rows: [['2016-01-01'], ['2016-01-03'], ['2016-01-04']] };
const OUT: HarnessTable = { name: 'dbo.W', columns: ['Day:date', 'Dw:int', 'Wk:int'], rows: [] };
const proc = (set: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
    ${set}
    INSERT INTO dbo.W (Day, Dw, Wk) SELECT d.Day, DATEPART(dw, d.Day), DATEPART(week, d.Day) FROM dbo.D AS d;
END`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

/** The draft of the INSERT (line 4) alone, its SET (line 3) left outside the section as propose leaves it. */
const draft = (set: string, lines = [{ start: 4, end: 4 }]): ReturnType<typeof draftBody> => {
  const input = draftInputOf(proc(set), { inputs: [D, OUT], output: OUT });
  return draftBody({ ...input, spec: { ...input.spec, lines } });
};

describe('drafted DATEPART(weekday) and DATEPART(week)', () => {
  it.each([
    ['no SET DATEFIRST (us_english: Sunday first)', 'SET NOCOUNT ON;', ['2016-01-01|6|1', '2016-01-03|1|2', '2016-01-04|2|2']],
    ['SET DATEFIRST 1 before the section, in housekeeping', 'SET DATEFIRST 1;', ['2016-01-01|5|1', '2016-01-03|7|1', '2016-01-04|1|2']],
  ])('%s', async (_name, set, rows) => {
    const body = draft(set);
    expect(body.refusals).toEqual([]);
    const out = await runDraft(session, body, [D, OUT]);
    // rows sorted by day; the day itself prints as a JavaScript Date
    expect(out.map((r) => r.split('|').slice(1).join('|'))).toEqual(rows.map((r) => r.split('|').slice(1).join('|')));
  });

  it('follows a SET DATEFIRST inside the section', async () => {
    const body = draft('SET DATEFIRST 1;', [{ start: 3, end: 4 }]);
    expect(body.refusals).toEqual([]);
    expect((await runDraft(session, body, [D, OUT]))[2]).toMatch(/\|1\|2$/);
  });

  it('refuses when the SET DATEFIRST before the section is inside an IF', () => {
    const body = draft("IF 1 = 1 SET DATEFIRST 1;");
    expect(body.refusals.map((r) => `${r.line}: ${r.construct}: ${r.reason}`)).toEqual([expect.stringMatching(/^3: SET DATEFIRST: set inside an IF or a loop/)]);
  });
});
