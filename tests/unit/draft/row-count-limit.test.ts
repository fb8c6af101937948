import { draftBody } from '../../../src/draft';
import type { SectionSpec } from '../../../src/sections';
import { draftInputOf, draftOf } from './draft-harness';

// SET ROWCOUNT n limits every later SELECT, INSERT, UPDATE, DELETE and MERGE to the first n rows
// its plan meets. `sections propose` leaves the SET in housekeeping; a draft that took every row
// would delete all the done rows where the legacy batch deletes one.
const DDL = 'CREATE TABLE dbo.Q (Id int NOT NULL PRIMARY KEY, Done bit NOT NULL);';
const Q = { name: 'dbo.Q', columns: ['Id:int', 'Done:bool'] };
const PROC = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET ROWCOUNT 1
  DELETE FROM dbo.Q WHERE Done = 1
  SET ROWCOUNT 0
  DELETE FROM dbo.Q WHERE Id < 0
END`;
const refusals = (body: ReturnType<typeof draftBody>): string => body.refusals.map((r) => `${r.line}:${r.col} ${r.construct}: ${r.reason}`).join('\n');

/** The draft of the section of `lines` only (the rest is housekeeping). */
function draftOfLines(procedure: string, lines: readonly { start: number; end: number }[]): ReturnType<typeof draftBody> {
  const input = draftInputOf(procedure, { ddl: DDL, inputs: [Q], output: Q });
  return draftBody({ ...input, spec: { ...input.spec, lines } as SectionSpec });
}

describe('drafts under SET ROWCOUNT', () => {
  it('refuse a DELETE under the limit a SET before the section (in housekeeping) leaves', () => {
    const body = draftOfLines(PROC, [{ start: 4, end: 4 }]);
    expect(body.sql).toBeUndefined();
    expect(refusals(body)).toMatch(/^4:3 DELETE under SET ROWCOUNT 1 \(line 3\): it reads or changes only the first rows its plan meets/);
  });

  it('refuse one under a SET inside the section, and draft the statements after SET ROWCOUNT 0', () => {
    const body = draftOf(PROC, { ddl: DDL, inputs: [Q], output: Q });
    expect(refusals(body)).toMatch(/^4:3 DELETE under SET ROWCOUNT 1 \(line 3\)/);
    const after = draftOfLines(PROC, [{ start: 6, end: 6 }]);
    expect(refusals(after)).toBe('');
    expect(after.sql).toBeDefined();
  });

  it('refuse a statement after a SET ROWCOUNT inside an IF before the section, whose limit may hold', () => {
    const proc = PROC.replace('  SET ROWCOUNT 0\n', '  SET ROWCOUNT 0\n  IF (SELECT COUNT(*) FROM dbo.Q) > 100 SET ROWCOUNT 50\n');
    const body = draftOfLines(proc, [{ start: 7, end: 7 }]);
    expect(refusals(body)).toMatch(/^7:3 DELETE under SET ROWCOUNT 50 \(line 6\)/);
  });
});
