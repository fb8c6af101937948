import { draftOf } from './draft-harness';

// A CDR rating job rates a day in batches: WHILE @rows > 0, `;WITH todo AS (SELECT TOP (@n) …
// ORDER BY CallId) UPDATE todo …`, SET @rows = @@ROWCOUNT. No loop idiom matches it, so the WHILE
// is refused; its refusal poisoned only a table named `todo`, and the draft gave dbo.CDR back
// unchanged, without a word: every call unrated, a silently wrong output.
const DDL = 'CREATE TABLE dbo.CDR (CallId bigint NOT NULL, Secs int NULL, RatedFlag bit NOT NULL);';
const CDR = { name: 'dbo.CDR', columns: ['CallId:bigint', 'Secs:int?', 'RatedFlag:bool'] };
const loop = (dml: string): string => `CREATE PROCEDURE dbo.usp_T @N int AS
BEGIN
  DECLARE @rows int = 1
  WHILE @rows > 0
  BEGIN
    ;WITH todo AS (SELECT TOP (@N) c.CallId, c.Secs, c.RatedFlag FROM dbo.CDR c WHERE c.RatedFlag = 0 ORDER BY c.CallId)
    ${dml}
    SET @rows = @@ROWCOUNT
  END
END`;

describe('a refused loop that changes a table through a CTE', () => {
  it.each([
    ['UPDATE', 'UPDATE todo SET Secs = 1, RatedFlag = 1'],
    ['DELETE', 'DELETE FROM todo'],
  ])('refuses the output (%s through the CTE), never the table unchanged', (_kind, dml) => {
    const body = draftOf(loop(dml), { ddl: DDL, inputs: [CDR], output: CDR, params: { '@N': 'int?' } });
    expect(body.sql).toBeUndefined();
    expect(body.refusals.map((r) => `${r.line}:${r.col} ${r.construct}`)).toEqual(['4:3 WHILE loop']);
  });
});
