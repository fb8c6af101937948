import { draftBody } from '../../../src/draft';
import { draftInputOf, type HarnessTable } from './draft-harness';

// FORMAT without a culture takes the session language's (the FORMAT page). A draft under SET
// LANGUAGE Deutsch wrote FORMAT(Day, 'MMMM') as en-US ('February' where SQL Server writes
// 'Februar'); the draft does not follow that language, so it refuses instead.
const D: HarnessTable = { name: 'dbo.D', columns: ['Day:date'], rows: [['2016-02-08']] };
const OUT: HarnessTable = { name: 'dbo.M', columns: ['Day:date', 'Mon:nvarchar(20)'], rows: [] };
const proc = (set: string, culture = ''): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
    ${set}
    INSERT INTO dbo.M (Day, Mon) SELECT d.Day, FORMAT(d.Day, 'MMMM'${culture}) FROM dbo.D AS d;
END`;

/** The draft of the INSERT (line 4) alone, its SET (line 3) left outside the section as propose leaves it. */
const draft = (set: string, culture?: string): ReturnType<typeof draftBody> => {
  const input = draftInputOf(proc(set, culture), { inputs: [D, OUT], output: OUT });
  return draftBody({ ...input, spec: { ...input.spec, lines: [{ start: 4, end: 4 }] } });
};

describe('drafted FORMAT without a culture after SET LANGUAGE', () => {
  it('refuses it under a language the draft does not follow', () => {
    const body = draft('SET LANGUAGE Deutsch;');
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((r) => r.reason).join(' ')).toMatch(/no culture given, under a SET LANGUAGE/);
  });

  it('translates it under us_english, and with a culture given under any language', () => {
    expect(draft('SET LANGUAGE us_english;').refusals).toEqual([]);
    expect(draft('SET LANGUAGE Deutsch;', ", 'en-US'").refusals).toEqual([]);
  });
});
