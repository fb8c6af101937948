import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// `x AT TIME ZONE 'Windows zone'` (src/legacy/emulator/dates/time-zones.ts). Every expected value
// was worked out with python3's zoneinfo (fold=0: the offset before the change, which is the
// AT TIME ZONE page's rule for the gap and the overlap) and the Windows rules of the zone (EU:
// last Sunday of March 02:00 -> 03:00 and of October 03:00 -> 02:00 local; US: second Sunday of
// March and first of November at 02:00). 2026: March 29 and October 25 in Europe, March 8 and
// November 1 in the US.
describe('AT TIME ZONE', () => {
  it('takes a datetime2 as local time in the zone, the gap moved ahead, the overlap at the summer offset', async () => {
    const r = await runBody(`
      DECLARE @z nvarchar(128) = N'central european standard time';
      CREATE TABLE #local (Id int, At datetime2(0));
      INSERT INTO #local VALUES (1, '2026-03-29 01:59:59'), (2, '2026-03-29 02:00:00'), (3, '2026-03-29 02:30:00'), (4, '2026-03-29 03:00:00'),
        (5, '2026-10-25 01:59:59'), (6, '2026-10-25 02:00:00'), (7, '2026-10-25 02:59:59'), (8, '2026-10-25 03:00:00');
      SELECT Id, CAST(At AT TIME ZONE 'Central European Standard Time' AS varchar(34)) AS Shown,
             CONVERT(varchar(19), CAST(At AT TIME ZONE @z AT TIME ZONE 'UTC' AS datetime2(0)), 120) AS Utc,
             DATEPART(tz, At AT TIME ZONE 'Central European Standard Time') AS Tz
      FROM #local ORDER BY Id;`);
    expect(resultRows(r)).toEqual([
      { Id: 1, Shown: '2026-03-29 01:59:59 +01:00', Utc: '2026-03-29 00:59:59', Tz: 60 },
      // the gap [02:00, 03:00): converted with +01:00, shown an hour later at +02:00
      { Id: 2, Shown: '2026-03-29 03:00:00 +02:00', Utc: '2026-03-29 01:00:00', Tz: 120 },
      { Id: 3, Shown: '2026-03-29 03:30:00 +02:00', Utc: '2026-03-29 01:30:00', Tz: 120 },
      { Id: 4, Shown: '2026-03-29 03:00:00 +02:00', Utc: '2026-03-29 01:00:00', Tz: 120 },
      { Id: 5, Shown: '2026-10-25 01:59:59 +02:00', Utc: '2026-10-24 23:59:59', Tz: 120 },
      // the overlap [02:00, 03:00): the first of the two, at the summer offset
      { Id: 6, Shown: '2026-10-25 02:00:00 +02:00', Utc: '2026-10-25 00:00:00', Tz: 120 },
      { Id: 7, Shown: '2026-10-25 02:59:59 +02:00', Utc: '2026-10-25 00:59:59', Tz: 120 },
      { Id: 8, Shown: '2026-10-25 03:00:00 +01:00', Utc: '2026-10-25 02:00:00', Tz: 60 },
    ]);
  });

  it('converts a UTC instant to the zone in winter and summer, and compares by the instant', async () => {
    const r = await runBody(`
      DECLARE @winter datetime2(0) = '2026-01-15 12:00', @summer datetime2(0) = '2026-07-15 12:00';
      SELECT CONVERT(varchar(19), CAST(@winter AT TIME ZONE 'UTC' AT TIME ZONE 'Central European Standard Time' AS datetime2(0)), 120) AS Winter,
             CONVERT(varchar(19), CAST(@summer AT TIME ZONE 'UTC' AT TIME ZONE 'Central European Standard Time' AS datetime2(0)), 120) AS Summer,
             CONVERT(char(10), CONVERT(date, CAST('2026-06-30 22:30' AS datetime2(0)) AT TIME ZONE 'UTC' AT TIME ZONE 'W. Europe Standard Time'), 120) AS BerlinDay,
             DATENAME(weekday, CAST('2026-12-31 23:30' AS datetime2(0)) AT TIME ZONE 'UTC' AT TIME ZONE 'Eastern Standard Time') AS NyDay,
             CASE WHEN CAST('2026-03-08 02:30' AS datetime2(0)) AT TIME ZONE 'Eastern Standard Time' = CAST('2026-03-08 07:30:00 +00:00' AS datetimeoffset(0)) THEN 1 ELSE 0 END AS NyGap,
             CAST(CAST('2026-11-01 01:30' AS datetime2(0)) AT TIME ZONE 'EASTERN STANDARD TIME' AS varchar(34)) AS NyOverlap,
             CAST(CAST('2026-07-15 12:00' AS datetime2(0)) AT TIME ZONE 'India Standard Time' AS varchar(34)) AS Ist;`);
    expect(resultRows(r)).toEqual([{
      Winter: '2026-01-15 13:00:00', Summer: '2026-07-15 14:00:00',
      // 22:30 UTC on June 30 is 00:30 on July 1 in Berlin; 23:30 UTC on Dec 31 is 18:30 that Thursday in New York
      BerlinDay: '2026-07-01', NyDay: 'Thursday',
      NyGap: 1, NyOverlap: '2026-11-01 01:30:00 -04:00', Ist: '2026-07-15 12:00:00 +05:30',
    }]);
  });

  it('leaves SWITCHOFFSET at its written offset in summer', async () => {
    const r = await runBody(`
      DECLARE @at datetimeoffset(0) = '2026-07-15 12:00:00 +00:00';
      SELECT CAST(SWITCHOFFSET(@at, '+01:00') AS varchar(34)) AS Fixed,
             CAST(SWITCHOFFSET(@at AT TIME ZONE 'Romance Standard Time', '+01:00') AS varchar(34)) AS FromZone;`);
    expect(resultRows(r)).toEqual([{ Fixed: '2026-07-15 13:00:00 +01:00', FromZone: '2026-07-15 13:00:00 +01:00' }]);
  });

  it.each([
    ["SELECT CAST(CAST('2026-07-15 12:00' AS datetime2(0)) AT TIME ZONE 'E. Europe Standard Time' AS date) AS v;", /AT TIME ZONE 'E\. Europe Standard Time': the time zones emulated are 'UTC' and 'GMT Standard Time'/],
    ["SELECT CAST(CAST('2009-07-15 12:00' AS datetime2(0)) AT TIME ZONE 'Pacific Standard Time' AS date) AS v;", /AT TIME ZONE 'Pacific Standard Time' at an instant before 2010-01-01/],
    ["DECLARE @z varchar(40) = 'Atlantic Standard Time'; SELECT CAST(CAST('2026-07-15 12:00' AS datetime2(0)) AT TIME ZONE @z AS date) AS v;", /AT TIME ZONE 'Atlantic Standard Time': the time zones emulated/],
    ["DECLARE @z varchar(40) = 'Atlantic Standard Time', @d datetimeoffset(0) = '2026-07-15 12:00:00 +00:00'; SELECT CAST(@d AT TIME ZONE @z AS date) AS v;", /AT TIME ZONE 'Atlantic Standard Time': the time zones emulated/],
    // kept in a variable the offset would be lost (a stored datetimeoffset keeps +00:00 only)
    ["DECLARE @t datetimeoffset(0) = CAST('2026-07-15 12:00' AS datetime2(0)) AT TIME ZONE 'Eastern Standard Time'; SELECT CAST(@t AS varchar(34)) AS v;", /keeping a datetimeoffset at an offset other than \+00:00/],
    // text: local time as datetime2, UTC as datetimeoffset; SQL Server's reading is not documented
    ["SELECT CAST('2026-07-15 12:00' AT TIME ZONE 'Tokyo Standard Time' AS date) AS v;", /AT TIME ZONE of a varchar value with a zone other than 'UTC'/],
    // datetime's result precision is not documented
    ["SELECT CAST(CAST('2026-07-15 12:00' AS datetime) AT TIME ZONE 'Eastern Standard Time' AS date) AS v;", /AT TIME ZONE of a datetime value/],
    // the offset differs per row: it may not become a column as it is
    ["SELECT CAST('2026-07-15 12:00' AS datetime2(0)) AT TIME ZONE 'W. Europe Standard Time' AS v;", /whose offset the emulator cannot tell per row/],
  ])('refuses %s with its location, never caught', async (body, message) => {
    const err = await runBody(`BEGIN TRY ${body} END TRY BEGIN CATCH SELECT 'caught' AS v; END CATCH`).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(message);
    expect((err as LegacyError).location).toBeDefined();
  });
});
