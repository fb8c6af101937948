import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// datetimeoffset values at an offset other than +00:00 while a statement computes with them
// (src/legacy/emulator/dates/offset-values.ts): TODATETIMEOFFSET keeps the local time and attaches
// the offset, SWITCHOFFSET keeps the instant; local parts read at the offset, comparisons and
// DATEDIFF at the instant. Every expected value below is worked out by hand in its comment.
describe('datetimeoffset at a written offset', () => {
  const tables = 'CREATE TABLE dbo.CallDetail (CallId int, StartUtc datetimeoffset(0), LocalStart datetime2(0));';
  // call 1 starts 2026-03-28 23:45 UTC, call 2 2026-03-29 04:10 UTC, call 3 2026-03-29 18:30 UTC
  const csv = { 'dbo.CallDetail': 'CallId,StartUtc,LocalStart\n1,2026-03-28 23:45:00 +00:00,2026-03-29 05:15:00\n2,2026-03-29 04:10:00 +00:00,2026-03-29 09:40:00\n3,2026-03-29 18:30:00 +00:00,2026-03-30 00:00:00\n' };

  it('TODATETIMEOFFSET keeps the local time, SWITCHOFFSET the instant, as text, local parts and offset', async () => {
    const r = await runBody(`
      DECLARE @local datetime2(3) = '2026-03-29 08:15:30.250', @utc datetimeoffset(0) = '2026-03-29 23:30:00 +00:00';
      SELECT CAST(TODATETIMEOFFSET(@local, '+05:30') AS varchar(40)) AS ist,
             CAST(TODATETIMEOFFSET(@local, -300) AS nvarchar(40)) AS est,
             CAST(SWITCHOFFSET(@utc, '-05:00') AS varchar(30)) AS ny,
             CONVERT(varchar(10), CAST(SWITCHOFFSET(@utc, '+05:30') AS date), 120) AS istDay,
             CONVERT(varchar(19), CAST(SWITCHOFFSET(@utc, 330) AS datetime2(0)), 120) AS istClock,
             DATEPART(hour, SWITCHOFFSET(@utc, '+05:30')) AS h, DATEPART(tz, TODATETIMEOFFSET(@local, '-03:30')) AS tz,
             DATEPART(tzoffset, @utc) AS tz0,
             CAST(SWITCHOFFSET(TODATETIMEOFFSET(@local, '+05:30'), '+00:00') AS varchar(40)) AS back, CAST(@utc AS varchar(26)) AS utcText;`);
    expect(resultRows(r)).toEqual([{
      // datetimeoffset(3) text: the local clock, 3 digits, blank, offset
      ist: '2026-03-29 08:15:30.250 +05:30',
      // -300 minutes is -05:00
      est: '2026-03-29 08:15:30.250 -05:00',
      // 23:30 UTC is 18:30 at -05:00 (scale 0: no fraction)
      ny: '2026-03-29 18:30:00 -05:00',
      // 23:30 UTC + 5:30 is 05:00 the next day
      istDay: '2026-03-30', istClock: '2026-03-30 05:00:00', h: 5, tz: -210, tz0: 0,
      // 08:15:30.250 at +05:30 is 02:45:30.250 UTC (datetimeoffset(3): 3 digits); a stored value's text too
      back: '2026-03-29 02:45:30.250 +00:00', utcText: '2026-03-29 23:30:00 +00:00',
    }]);
  });

  it('compares, orders, groups and DATEDIFFs by the instant, with the local day as SQL Server reads it', async () => {
    const r = await runBody(`
      -- the local day at +05:30 of each call, and calls counted per local day
      SELECT CallId, CONVERT(char(10), CAST(SWITCHOFFSET(StartUtc, '+05:30') AS date), 120) AS LocalDay FROM dbo.CallDetail ORDER BY SWITCHOFFSET(StartUtc, '+05:30') DESC;
      SELECT CONVERT(char(10), CAST(SWITCHOFFSET(StartUtc, '+05:30') AS date), 120) AS LocalDay, COUNT(*) AS Calls FROM dbo.CallDetail GROUP BY CAST(SWITCHOFFSET(StartUtc, '+05:30') AS date) ORDER BY LocalDay;
      -- the local time at +05:30 taken as its instant: equal to the UTC column for calls 1 and 2
      SELECT CallId FROM dbo.CallDetail WHERE TODATETIMEOFFSET(LocalStart, '+05:30') = StartUtc ORDER BY CallId;
      SELECT CallId, DATEDIFF(minute, TODATETIMEOFFSET(LocalStart, '+05:30'), StartUtc) AS m,
             DATEDIFF(day, SWITCHOFFSET(StartUtc, '+05:30'), '2026-03-30T00:00:00') AS d
      FROM dbo.CallDetail ORDER BY CallId;
      SELECT DISTINCT SWITCHOFFSET(StartUtc, '-05:00') AS ny FROM dbo.CallDetail WHERE SWITCHOFFSET(StartUtc, '-05:00') > '2026-03-29 00:00:00 +01:00' ORDER BY ny;`,
    { tables, csv });
    // +05:30: call 1 is 2026-03-29 05:15, call 2 09:40, call 3 2026-03-30 00:00; DESC by instant: 3, 2, 1
    expect(resultRows(r, 0)).toEqual([
      { CallId: 3, LocalDay: '2026-03-30' }, { CallId: 2, LocalDay: '2026-03-29' }, { CallId: 1, LocalDay: '2026-03-29' },
    ]);
    expect(resultRows(r, 1)).toEqual([{ LocalDay: '2026-03-29', Calls: 2 }, { LocalDay: '2026-03-30', Calls: 1 }]);
    // call 3: LocalStart 2026-03-30 00:00 at +05:30 is 18:30 UTC, equal too
    expect(resultRows(r, 2)).toEqual([{ CallId: 1 }, { CallId: 2 }, { CallId: 3 }]);
    // minutes: the same instants, 0. days counted at UTC: call 1 (23:45 on the 28th) to 2026-03-30 00:00 is 2,
    // calls 2 and 3 (the 29th) 1 (at +05:30 call 3 would be the 30th and give 0)
    expect(resultRows(r, 3)).toEqual([{ CallId: 1, m: 0, d: 2 }, { CallId: 2, m: 0, d: 1 }, { CallId: 3, m: 0, d: 1 }]);
    // after 2026-03-28 23:00 UTC: all three, each at -05:00 (the 28th 18:45, the 28th 23:10, the 29th 13:30)
    expect(resultRows(r, 4)).toEqual([{ ny: '2026-03-28 18:45:00 -05:00' }, { ny: '2026-03-28 23:10:00 -05:00' }, { ny: '2026-03-29 13:30:00 -05:00' }]);
  });

  it('reads a literal with an offset as its instant and its local parts', async () => {
    const r = await runBody(`
      SELECT CASE WHEN CAST('2026-03-29 10:00:00 +02:00' AS datetimeoffset(0)) = CAST('2026-03-29 08:00:00 +00:00' AS datetimeoffset(0)) THEN 1 ELSE 0 END AS same,
             DATEPART(hour, CAST('2026-03-29 10:00:00 +02:00' AS datetimeoffset)) AS h,
             CAST(CAST('2026-03-29 10:00:00.5 +02:00' AS datetimeoffset(1)) AS varchar(30)) AS t,
             DATEADD(hour, 15, CAST('2026-03-29 10:00:00 +02:00' AS datetimeoffset(0))) AS later;`);
    // 10:00 at +02:00 is 08:00 UTC; DATEADD keeps the offset: 2026-03-30 01:00 +02:00
    expect(resultRows(r)).toEqual([{ same: 1, h: 10, t: '2026-03-29 10:00:00.5 +02:00', later: '2026-03-30 01:00:00 +02:00' }]);
  });

  it('writes a datetimeoffset as text at its offset, from a literal, a stored value and a known varchar', async () => {
    const r = await runBody(`
      DECLARE @t varchar(40) = '2026-03-30 12:00:00 -05:00';
      SELECT CAST(CAST('2026-01-31T10:00:00+00:00' AS datetimeoffset) AS varchar(40)) AS a,
             CAST(CAST('2026-01-31T10:00:00+02:00' AS datetimeoffset) AS varchar(40)) AS b,
             CAST(TRY_CAST(@t AS datetimeoffset) AS varchar(40)) AS c;`);
    // datetimeoffset(7): 7 digits, a blank, the offset as written
    expect(resultRows(r)).toEqual([{ a: '2026-01-31 10:00:00.0000000 +00:00', b: '2026-01-31 10:00:00.0000000 +02:00', c: '2026-03-30 12:00:00.0000000 -05:00' }]);
  });

  it.each([
    ["DECLARE @d datetimeoffset(0) = '2026-03-29 00:30:00 +01:00'; SELECT DATEPART(hour, @d) AS h;", /keeping a datetimeoffset at an offset other than \+00:00/],
    ["CREATE TABLE #c (id int, s datetimeoffset(0)); INSERT INTO #c VALUES (1, '2026-03-29 00:30:00 +01:00');", /keeping a datetimeoffset at an offset other than \+00:00/],
    // kept in a variable or column: the stored form keeps +00:00 only
    ["DECLARE @d datetimeoffset(0); SET @d = TODATETIMEOFFSET(CAST('2026-03-29 08:00' AS datetime2(0)), '+01:00'); SELECT @d AS d;", /keeping a datetimeoffset at an offset other than \+00:00/],
    ["DECLARE @x datetime2(0) = '2026-03-29 08:00'; SELECT SWITCHOFFSET(@x, '+14:30') AS v;", /SWITCHOFFSET with the offset '\+14:30'/],
    ["DECLARE @x datetime2(0) = '2026-03-29 08:00'; SELECT TODATETIMEOFFSET(@x, '5:30') AS v;", /TODATETIMEOFFSET with the offset '5:30'/],
    ["DECLARE @x datetime2(0) = '2026-03-29 08:00', @o int = 60; SELECT TODATETIMEOFFSET(@x, @o + 0) AS v;", /offset not known before the statement runs/],
    ["DECLARE @x datetime2(0) = '2026-03-29 08:00'; SELECT DATEADD(month, 1, TODATETIMEOFFSET(@x, '+01:00')) AS v;", /DATEADD\(month, …\) of a datetimeoffset at an offset other than/],
    ["DECLARE @x datetime2(0) = '2026-03-29 08:00'; SELECT @x AT TIME ZONE 'Mid-Atlantic Standard Time' AS v;", /AT TIME ZONE 'Mid-Atlantic Standard Time': the time zones emulated/],
    ["SELECT CAST(CAST('2026-03-29 10:00:00 +02:00' AS datetimeoffset(7)) AS varchar(30)) AS v;", /its text takes 34 characters/],
  ])('refuses %s with its location, never caught', async (body, message) => {
    const err = await runBody(`BEGIN TRY ${body} END TRY BEGIN CATCH SELECT 'caught' AS v; END CATCH`).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(message);
  });
});
