import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// Where datetimeoffset values at different offsets meet (src/legacy/emulator/dates/offset-combining.ts).
// SQL Server compares datetimeoffset values by their instant: the same instant at +05:30 and at
// -05:00 is one value. Comparisons (IN, ANY, EXISTS … EXCEPT) compare instants and are exact;
// a column that would hold two offsets (CASE, COALESCE, UNION ALL …) is refused where written,
// since DISTINCT, GROUP BY, UNION and MIN/MAX over it would count two values (and SQL Server
// shows one of them at an offset its plan picks). Expected values are worked out by hand.
describe('datetimeoffset values at different offsets', () => {
  const tables = 'CREATE TABLE dbo.CallLeg (LegId int, StartUtc datetimeoffset(0), LocalStart datetime2(0));';
  // legs 1-3: LocalStart is StartUtc at +05:30 (23:45 UTC + 5:30 = 05:15 next day, …);
  // leg 4: LocalStart 11:00 at +05:30 is 05:30 UTC, not its 06:00 UTC
  const csv = {
    'dbo.CallLeg': 'LegId,StartUtc,LocalStart\n'
      + '1,2026-03-28 23:45:00 +00:00,2026-03-29 05:15:00\n'
      + '2,2026-03-29 04:10:00 +00:00,2026-03-29 09:40:00\n'
      + '3,2026-03-29 18:30:00 +00:00,2026-03-30 00:00:00\n'
      + '4,2026-03-30 06:00:00 +00:00,2026-03-30 11:00:00\n',
  };

  it('compares by the instant in IN, NOT IN, ANY, NULLIF and EXISTS (… EXCEPT / INTERSECT …)', async () => {
    const r = await runBody(`
      SELECT LegId FROM dbo.CallLeg WHERE SWITCHOFFSET(StartUtc, '+05:30') IN (SELECT StartUtc FROM dbo.CallLeg WHERE LegId <> 2) ORDER BY LegId;
      SELECT LegId FROM dbo.CallLeg WHERE TODATETIMEOFFSET(LocalStart, '+05:30') NOT IN (SELECT SWITCHOFFSET(StartUtc, '-05:00') FROM dbo.CallLeg) ORDER BY LegId;
      SELECT LegId FROM dbo.CallLeg WHERE SWITCHOFFSET(StartUtc, '-05:00') IN (CAST('2026-03-29 06:10:00 +02:00' AS datetimeoffset(0)), StartUtc) ORDER BY LegId;
      SELECT LegId FROM dbo.CallLeg WHERE StartUtc = ANY (SELECT SWITCHOFFSET(StartUtc, '+01:00') FROM dbo.CallLeg WHERE LegId = 3);
      SELECT LegId, CASE WHEN NULLIF(SWITCHOFFSET(StartUtc, '+05:30'), TODATETIMEOFFSET(LocalStart, '+05:30')) IS NULL THEN 'same' ELSE 'moved' END AS s FROM dbo.CallLeg ORDER BY LegId;
      SELECT LegId FROM dbo.CallLeg c WHERE EXISTS (SELECT SWITCHOFFSET(c.StartUtc, '+01:00') EXCEPT SELECT TODATETIMEOFFSET(c.LocalStart, '+05:30')) ORDER BY LegId;
      SELECT LegId FROM dbo.CallLeg c WHERE EXISTS (SELECT c.StartUtc INTERSECT SELECT TODATETIMEOFFSET(c.LocalStart, '+05:30')) ORDER BY LegId;`,
    { tables, csv });
    // each leg's instant is its own StartUtc: all but leg 2 (excluded from the subquery)
    expect(resultRows(r, 0)).toEqual([{ LegId: 1 }, { LegId: 3 }, { LegId: 4 }]);
    // legs 1-3 name an instant of some leg; leg 4's 05:30 UTC is none of them
    expect(resultRows(r, 1)).toEqual([{ LegId: 4 }]);
    // 06:10 at +02:00 is 04:10 UTC, leg 2; every leg also equals its own StartUtc
    expect(resultRows(r, 2)).toEqual([{ LegId: 1 }, { LegId: 2 }, { LegId: 3 }, { LegId: 4 }]);
    // 18:30 UTC at +01:00 is leg 3's instant
    expect(resultRows(r, 3)).toEqual([{ LegId: 3 }]);
    expect(resultRows(r, 4)).toEqual([{ LegId: 1, s: 'same' }, { LegId: 2, s: 'same' }, { LegId: 3, s: 'same' }, { LegId: 4, s: 'moved' }]);
    // the row "changed" only for leg 4 (05:30 UTC against 06:00 UTC), the same instant elsewhere
    expect(resultRows(r, 5)).toEqual([{ LegId: 4 }]);
    expect(resultRows(r, 6)).toEqual([{ LegId: 1 }, { LegId: 2 }, { LegId: 3 }]);
  });

  it('groups, unions and takes MIN/MAX where every branch has the one offset', async () => {
    const r = await runBody(`
      WITH Legs AS (
        SELECT LegId, SWITCHOFFSET(StartUtc, '+05:30') AS AtIst FROM dbo.CallLeg
        UNION ALL
        SELECT LegId, TODATETIMEOFFSET(LocalStart, '+05:30') FROM dbo.CallLeg
      )
      SELECT CAST(AtIst AS varchar(30)) AS AtIst, COUNT(*) AS n FROM Legs GROUP BY AtIst ORDER BY AtIst;
      SELECT COUNT(DISTINCT CASE WHEN LegId < 3 THEN SWITCHOFFSET(StartUtc, '+05:30') ELSE TODATETIMEOFFSET(LocalStart, '+05:30') END) AS n,
             CAST(MAX(CASE WHEN LegId < 3 THEN SWITCHOFFSET(StartUtc, '+05:30') ELSE TODATETIMEOFFSET(LocalStart, '+05:30') END) AS varchar(30)) AS latest
      FROM dbo.CallLeg;
      SELECT CAST(v AS varchar(30)) AS v FROM (SELECT SWITCHOFFSET(StartUtc, '-05:00') AS v FROM dbo.CallLeg WHERE LegId < 3
                                              UNION SELECT SWITCHOFFSET(StartUtc, '-05:00') FROM dbo.CallLeg WHERE LegId = 2) AS u ORDER BY u.v;
      SELECT * FROM (SELECT LegId, SWITCHOFFSET(StartUtc, '+01:00') AS s FROM dbo.CallLeg) AS p PIVOT (MAX(s) FOR LegId IN ([1], [2])) AS pv;`,
    { tables, csv });
    // legs 1-3: both branches the same instant (2 rows each); leg 4: 11:30 (06:00 UTC) and 11:00
    expect(resultRows(r, 0)).toEqual([
      { AtIst: '2026-03-29 05:15:00 +05:30', n: 2 }, { AtIst: '2026-03-29 09:40:00 +05:30', n: 2 },
      { AtIst: '2026-03-30 00:00:00 +05:30', n: 2 }, { AtIst: '2026-03-30 11:00:00 +05:30', n: 1 }, { AtIst: '2026-03-30 11:30:00 +05:30', n: 1 },
    ]);
    // four instants; the latest is leg 4's LocalStart branch (11:00 at +05:30, 05:30 UTC)
    expect(resultRows(r, 1)).toEqual([{ n: 4, latest: '2026-03-30 11:00:00 +05:30' }]);
    // leg 2 on both sides is one row: 04:10 UTC is 23:10 the day before at -05:00
    expect(resultRows(r, 2)).toEqual([{ v: '2026-03-28 18:45:00 -05:00' }, { v: '2026-03-28 23:10:00 -05:00' }]);
    // a pivoted column keeps its datetimeoffset(0) (no fraction) and its offset
    expect(resultRows(r, 3)).toEqual([{ 1: '2026-03-29 00:45:00 +01:00', 2: '2026-03-29 05:10:00 +01:00' }]);
  });

  const refused: [string, string, RegExp][] = [
    ['CASE over two offsets', "SELECT CASE WHEN LegId = 1 THEN SWITCHOFFSET(StartUtc, '+05:30') ELSE SWITCHOFFSET(StartUtc, '-05:00') END AS v FROM dbo.CallLeg", /CASE over a datetimeoffset\(0\) at \+05:30, a datetimeoffset\(0\) at -05:00/],
    ['CASE beside a stored value', "SELECT CASE WHEN LegId = 1 THEN SWITCHOFFSET(StartUtc, '+05:30') ELSE StartUtc END AS v FROM dbo.CallLeg", /CASE over a datetimeoffset\(0\) at \+05:30, a stored datetimeoffset \(\+00:00\)/],
    ['IIF over two offsets', "SELECT DISTINCT IIF(LegId = 1, SWITCHOFFSET(StartUtc, '+05:30'), SWITCHOFFSET(StartUtc, '+01:00')) AS v FROM dbo.CallLeg", /IIF over/],
    ['COALESCE beside a stored value', "SELECT COALESCE(SWITCHOFFSET(StartUtc, '+05:30'), StartUtc) AS v FROM dbo.CallLeg", /COALESCE over a datetimeoffset\(0\) at \+05:30, a stored/],
    ['ISNULL of a stored value', "SELECT ISNULL(StartUtc, SWITCHOFFSET(StartUtc, '+05:30')) AS v FROM dbo.CallLeg", /ISNULL over a stored datetimeoffset/],
    ['ISNULL of MAX beside a stored MAX', "SELECT ISNULL(MAX(SWITCHOFFSET(StartUtc, '+05:30')), MAX(StartUtc)) AS v FROM dbo.CallLeg", /ISNULL over a datetimeoffset\(0\) at \+05:30, a stored/],
    ['MAX of a CASE beside a stored value', "SELECT MAX(CASE WHEN LegId > 1 THEN SWITCHOFFSET(StartUtc, '+05:30') ELSE StartUtc END) AS v FROM dbo.CallLeg", /CASE over/],
    ['CHOOSE', "SELECT CHOOSE(LegId, SWITCHOFFSET(StartUtc, '+05:30'), SWITCHOFFSET(StartUtc, '+01:00')) AS v FROM dbo.CallLeg", /CHOOSE over/],
    ['LAG with a stored default', "SELECT LAG(SWITCHOFFSET(StartUtc, '+05:30'), 1, StartUtc) OVER (ORDER BY LegId) AS v FROM dbo.CallLeg", /LAG's default over/],
    ['UNION of two offsets', "SELECT SWITCHOFFSET(StartUtc, '+05:30') AS v FROM dbo.CallLeg UNION SELECT SWITCHOFFSET(StartUtc, '-05:00') FROM dbo.CallLeg", /UNION of column 1 as a datetimeoffset\(0\) at \+05:30 on one side and a datetimeoffset\(0\) at -05:00/],
    ['UNION beside a stored value', "SELECT SWITCHOFFSET(StartUtc, '+05:30') AS v FROM dbo.CallLeg UNION SELECT StartUtc FROM dbo.CallLeg", /UNION of column 1 .* a stored datetimeoffset/],
    ['INTERSECT of two offsets', "SELECT SWITCHOFFSET(StartUtc, '+05:30') AS v FROM dbo.CallLeg INTERSECT SELECT SWITCHOFFSET(StartUtc, '+01:00') FROM dbo.CallLeg", /INTERSECT of column 1/],
    ['EXCEPT beside a stored value', "SELECT SWITCHOFFSET(StartUtc, '+05:30') AS v FROM dbo.CallLeg EXCEPT SELECT StartUtc FROM dbo.CallLeg", /EXCEPT of column 1/],
    ['a CTE of UNION ALL branches counted', "WITH x AS (SELECT SWITCHOFFSET(StartUtc, '+05:30') AS v FROM dbo.CallLeg UNION ALL SELECT SWITCHOFFSET(StartUtc, '-05:00') FROM dbo.CallLeg) SELECT COUNT(DISTINCT v) AS n, MIN(v) AS lo FROM x", /UNION ALL of column 1/],
    ['a recursive member at another offset', "WITH r (n, v) AS (SELECT 1, SWITCHOFFSET(StartUtc, '+01:00') FROM dbo.CallLeg WHERE LegId = 2 UNION ALL SELECT n + 1, SWITCHOFFSET(v, '+02:00') FROM r WHERE n < 3) SELECT COUNT(DISTINCT v) AS n FROM r", /UNION ALL of column 2 as a datetimeoffset\(0\) at \+01:00 on one side and a datetimeoffset\(0\) at \+02:00/],
    ['an APPLY of UNION ALL branches', "SELECT COUNT(DISTINCT x.v) AS n FROM dbo.CallLeg c CROSS APPLY (SELECT SWITCHOFFSET(c.StartUtc, '+01:00') AS v UNION ALL SELECT SWITCHOFFSET(c.StartUtc, '+02:00')) AS x", /UNION ALL of column 1/],
    ['a VALUES column of two offsets', "SELECT COUNT(DISTINCT v) AS n FROM (VALUES (SWITCHOFFSET(CAST('2026-03-29 04:10:00 +00:00' AS datetimeoffset(0)), '+01:00')), (SWITCHOFFSET(CAST('2026-03-29 04:10:00 +00:00' AS datetimeoffset(0)), '-01:00'))) AS x(v)", /a VALUES column over/],
    ['CONVERT with a style', "SELECT CONVERT(varchar(40), SWITCHOFFSET(StartUtc, '+05:30'), 126) AS v FROM dbo.CallLeg", /CONVERT of a datetimeoffset to text with a style/],
    ['CONVERT of a stored value with a style', "SELECT CONVERT(varchar(40), StartUtc, 121) AS v FROM dbo.CallLeg", /CONVERT of a datetimeoffset to text with a style/],
    ['FORMAT', "SELECT FORMAT(SWITCHOFFSET(StartUtc, '+05:30'), 'yyyy-MM-dd HH:mm zzz') AS v FROM dbo.CallLeg", /FORMAT of a datetimeoffset value/],
  ];
  it.each(refused)('refuses %s with its location, never caught', async (_name, body, message) => {
    const err = await runBody(`BEGIN TRY\n${body};\nEND TRY BEGIN CATCH SELECT 'caught' AS v; END CATCH`, { tables, csv }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    const e = err as LegacyError;
    expect(e.code).toBe('LEGACY_UNSUPPORTED');
    expect(e.message).toMatch(message);
    // the statement is line 5 of usp_test.sql (CREATE PROCEDURE, AS, BEGIN, BEGIN TRY)
    expect(e.location).toMatchObject({ file: 'usp_test.sql', span: { start: { line: 5 } } });
  });
});
