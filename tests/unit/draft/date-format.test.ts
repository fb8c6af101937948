import { draftAgainstEmulator } from './emulator-parity';
import { draftOf } from './draft-harness';

// A UK school's term dates under SET DATEFORMAT dmy: SQL Server reads '2024-09-01' as a datetime
// year-day-month, 9 January 2024 (the datetime page: only 'yyyymmdd' and ISO 8601's
// 'yyyy-mm-ddThh:mm:ss' read alike under every DATEFORMAT; date reads 'yyyy-mm-dd' as ISO always).
// The draft wrote it as 1 September: the term's grades and its weekday were silently another day's.
const DDL = `CREATE TABLE dbo.Grade (StudentId int NOT NULL, GradedOn datetime NOT NULL, Due date NOT NULL);
CREATE TABLE dbo.TermStat (StudentId int NOT NULL, TermStart datetime NULL, Graded int NULL);`;
const GRADE = { name: 'dbo.Grade', columns: ['StudentId:int', 'GradedOn:timestamp', 'Due:date'], csv: 'StudentId,GradedOn,Due\n1,2024-01-10 09:00:00,2024-09-01\n1,2024-09-02 09:00:00,2024-09-01\n' };
const STAT = { name: 'dbo.TermStat', columns: ['StudentId:int', 'TermStart:timestamp?', 'Graded:int?'] };

function procedure(setting: string, body: string): string {
  return `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  ${setting}
  DECLARE @start datetime
  ${body}
END`;
}

const refusals = (proc: string): string[] => draftOf(proc, { ddl: DDL, inputs: [GRADE], output: STAT }).refusals.map((r) => `${r.line}:${r.col} ${r.construct}: ${r.reason}`);

describe('datetime constants under SET DATEFORMAT', () => {
  it.each([
    ['an assignment', "SET @start = '2024-09-01'\n  INSERT INTO dbo.TermStat (StudentId, TermStart, Graded) SELECT StudentId, @start, COUNT(*) FROM dbo.Grade GROUP BY StudentId", 5],
    ['a comparison with a datetime column', "INSERT INTO dbo.TermStat (StudentId, TermStart, Graded) SELECT StudentId, NULL, COUNT(*) FROM dbo.Grade WHERE GradedOn >= '2024-09-01' GROUP BY StudentId", 5],
    ['a CAST with a time after a blank', "INSERT INTO dbo.TermStat (StudentId, TermStart, Graded) SELECT StudentId, CAST('2024-09-01 08:00' AS datetime), COUNT(*) FROM dbo.Grade GROUP BY StudentId", 5],
  ])('refuse %s under dmy, at the constant', (_, body, line) => {
    const found = refusals(procedure('SET DATEFORMAT dmy', body));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${line}:\\d+ '2024-09-01[^']*' read as a datetime: under SET DATEFORMAT dmy`));
  });

  it('refuse them under a language whose date format the draft does not know', () => {
    const found = refusals(procedure('SET LANGUAGE British', "SET @start = '2024-09-01'\n  INSERT INTO dbo.TermStat (StudentId, TermStart, Graded) SELECT StudentId, @start, COUNT(*) FROM dbo.Grade GROUP BY StudentId"));
    expect(found[0]).toMatch(/the date format in effect is not known \(SET LANGUAGE British at line 3\)/);
  });

  it('translate what reads alike under dmy (yyyymmdd, yyyy-mm-dd beside a date column) as the emulator computes it', async () => {
    const r = await draftAgainstEmulator({
      ddl: DDL,
      procedure: procedure('SET DATEFORMAT dmy', `SET @start = '20240901'
  INSERT INTO dbo.TermStat (StudentId, TermStart, Graded)
  SELECT StudentId, @start, SUM(CASE WHEN GradedOn >= '20240901' AND Due = '2024-09-01' THEN 1 ELSE 0 END) FROM dbo.Grade GROUP BY StudentId`),
      inputs: [GRADE], output: STAT,
    });
    expect(r.draftError).toBeUndefined();
    expect(r.emulator).toEqual(['1|2024-09-01 00:00:00|1']);
    expect(r.draft).toEqual(r.emulator);
  });

  it("translate an ISO 8601 'yyyy-mm-ddThh:mm:00' beside a datetime column under dmy, as the emulator computes it", async () => {
    // a meter feed's switch to summer time, written as the instant it happens
    const r = await draftAgainstEmulator({
      ddl: DDL,
      procedure: procedure('SET DATEFORMAT dmy', `INSERT INTO dbo.TermStat (StudentId, TermStart, Graded)
  SELECT StudentId, NULL, SUM(CASE WHEN GradedOn >= '2024-01-10T09:00:00' AND GradedOn < '2024-09-02T09:00:00' THEN 1 ELSE 0 END) FROM dbo.Grade GROUP BY StudentId`),
      inputs: [GRADE], output: STAT,
    });
    expect(r.draftError).toBeUndefined();
    expect(r.emulator).toEqual(['1|NULL|1']);
    expect(r.draft).toEqual(r.emulator);
  });

  it('match the emulator under mdy, as before', async () => {
    const r = await draftAgainstEmulator({
      ddl: DDL,
      procedure: procedure('SET DATEFORMAT mdy', "SET @start = '2024-09-01'\n  INSERT INTO dbo.TermStat (StudentId, TermStart, Graded) SELECT StudentId, @start, SUM(CASE WHEN GradedOn >= '2024-09-01' THEN 1 ELSE 0 END) FROM dbo.Grade GROUP BY StudentId"),
      inputs: [GRADE], output: STAT,
    });
    expect(r.draft).toEqual(['1|2024-09-01 00:00:00|1']);
    expect(r.draft).toEqual(r.emulator);
  });
});
