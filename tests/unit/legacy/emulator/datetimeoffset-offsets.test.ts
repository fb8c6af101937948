import { LegacyError } from '../../../../src/core';
import { EngineSession } from '../../../../src/engine';
import { resultRows, runBody } from './emulator-helpers';

// The emulator holds a datetimeoffset as its instant (DuckDB TIMESTAMPTZ, 1 µs). SQL Server
// reads a datetimeoffset's date and time parts at the offset it was written with: "When
// converting to date, the year, month, and day are copied"; to datetime2 "the date and time
// are copied … and the time zone is truncated"
// (https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetimeoffset-transact-sql). So the
// parts are right only for values at +00:00, and only when DuckDB's own TimeZone is UTC
// whatever the machine's TZ is: values at another offset, and 100 ns digits, are refused where
// they are made (constants, data files, text converted while the procedure runs).
describe('datetimeoffset in the emulator', () => {
  const savedTz = process.env.TZ;
  // A machine west of UTC: DuckDB takes its default TimeZone from TZ when a database opens.
  beforeAll(() => { process.env.TZ = 'America/New_York'; });
  afterAll(() => { if (savedTz === undefined) delete process.env.TZ; else process.env.TZ = savedTz; });

  it('opens every DuckDB session at UTC, whatever TZ the machine has', async () => {
    const s = await EngineSession.open({ threads: 1 });
    try {
      const rows = await s.all("SELECT current_setting('TimeZone') AS tz, CAST(CAST(TIMESTAMPTZ '2026-03-29 00:30:00+00' AS TIMESTAMP) AS VARCHAR) AS t");
      expect(rows).toEqual([{ tz: 'UTC', t: '2026-03-29 00:30:00' }]);
    } finally {
      s.close();
    }
  });

  it('reads the date and time parts of values at +00:00 as SQL Server does (constants, Z, no offset, data files)', async () => {
    const r = await runBody(`
      DECLARE @d datetimeoffset(0) = '2026-03-29 00:30:00 +00:00', @z datetimeoffset(3) = '2026-03-29T23:59:59.5Z';
      SELECT CONVERT(varchar(10), CAST(@d AS date), 120) AS d, CONVERT(varchar(19), CAST(@d AS datetime2(0)), 120) AS t, DATEPART(hour, @d) AS h,
             CONVERT(varchar(23), CAST(@z AS datetime2(3)), 121) AS z;
      SELECT [Shipment ID] AS id, CONVERT(varchar(10), CAST([Booked At] AS date), 120) AS d, DATEPART(hour, [Booked At]) AS h
      FROM dbo.Shipment ORDER BY [Shipment ID];`, {
      tables: 'CREATE TABLE dbo.Shipment ([Shipment ID] int, [Booked At] datetimeoffset(7));',
      // SSMS's own text of a datetimeoffset(7), and an ISO text with Z
      csv: { 'dbo.Shipment': 'Shipment ID,Booked At\n1,2026-03-28 23:45:00.0000000 +00:00\n2,2026-03-29T00:15:00Z\n3,2026-03-29 01:00:00\n' },
    });
    expect(resultRows(r, 0)).toEqual([{ d: '2026-03-29', t: '2026-03-29 00:30:00', h: 0, z: '2026-03-29 23:59:59.500' }]);
    expect(resultRows(r, 1)).toEqual([
      { id: 1, d: '2026-03-28', h: 23 }, { id: 2, d: '2026-03-29', h: 0 }, { id: 3, d: '2026-03-29', h: 1 },
    ]);
  });

  it('rounds a value to the fractional digits of datetimeoffset(p), from text and from datetime2(7)', async () => {
    const r = await runBody(`
      DECLARE @txt varchar(40) = '2026-03-29 21:59:59.5 +00:00', @d7 datetime2(7) = '2026-03-29 21:59:59.9999996';
      SELECT CONVERT(varchar(19), CAST(CAST(@txt AS datetimeoffset(0)) AS datetime2(0)), 120) AS a,
             CONVERT(varchar(23), CAST(CAST(@d7 AS datetimeoffset(3)) AS datetime2(3)), 121) AS b;`);
    expect(resultRows(r)).toEqual([{ a: '2026-03-29 22:00:00', b: '2026-03-29 22:00:00.000' }]);
  });

  it('keeps DATEADD of a datetimeoffset a datetimeoffset of its digits ("the data type of the date argument"), not a datetime', async () => {
    const r = await runBody(`
      DECLARE @b datetimeoffset(7) = '2026-03-30 10:00:00.123456 +00:00', @e datetimeoffset(0) = '2026-01-31 10:00:00 +00:00';
      SELECT CONVERT(varchar(27), CAST(DATEADD(minute, 1, @b) AS datetime2(7)), 121) AS a,
             CONVERT(varchar(19), CAST(DATEADD(month, 1, @e) AS datetime2(0)), 120) AS m;`);
    // a datetime would have rounded .123456 to .123 (1/300 s)
    expect(resultRows(r)).toEqual([{ a: '2026-03-30 10:01:00.1234560', m: '2026-02-28 10:00:00' }]);
    const text = await runBody("DECLARE @b datetimeoffset(7) = '2026-03-30 10:00:00 +00:00'; SELECT CAST(DATEADD(day, 1, @b) AS varchar(40)) AS v;");
    // as text it is a datetimeoffset's, never datetime's 'Mar 31 2026 10:00AM'
    expect(resultRows(text)).toEqual([{ v: '2026-03-31 10:00:00.0000000 +00:00' }]);
  });

  it.each([
    // CAST to date would give 2026-03-28, the UTC date, where SQL Server gives 2026-03-29
    ["DECLARE @d datetimeoffset(0) = '2026-03-29 00:30:00 +01:00'; SELECT CAST(@d AS date) AS d;", /keeping a datetimeoffset at an offset other than \+00:00 in a column, a variable/],
    // the 7th digit decides `@a <= @b` (false in SQL Server), cut it would make them equal
    ["DECLARE @a datetimeoffset(7) = '2026-03-30 12:00:00.0000001', @b datetimeoffset(0) = '2026-03-30 12:00:00'; SELECT CASE WHEN @a <= @b THEN 1 ELSE 0 END AS ontime;", /datetimeoffset values with 100 ns digits/],
    ["DECLARE @d7 datetime2(7) = '2026-03-30 12:00:00.0000001'; SELECT CAST(@d7 AS datetimeoffset(7)) AS v;", /datetimeoffset values with 100 ns digits/],
  ])('refuses %s with its location, never caught', async (body, message) => {
    const err = await runBody(`BEGIN TRY ${body} END TRY BEGIN CATCH SELECT 'caught' AS v; END CATCH`).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(message);
    expect((err as LegacyError).format()).toMatch(/^usp_test\.sql:\d+:\d+: the emulator does not support/);
  });

  it('loads a data file written by capture or run (DuckDB\'s +00), and refuses its +01 as it refuses +01:00', async () => {
    const tables = 'CREATE TABLE dbo.[Rated Call] (CallId int, CallStartUtc datetimeoffset(0));';
    const r = await runBody('SELECT CallId, DATEPART(hour, CallStartUtc) AS h FROM dbo.[Rated Call];', {
      tables, csv: { 'dbo.Rated Call': 'CallId,CallStartUtc\n2,2019-03-30 23:00:00+00\n' },
    });
    expect(resultRows(r)).toEqual([{ CallId: 2, h: 23 }]);
    const err = await runBody('SELECT COUNT(*) AS n FROM dbo.[Rated Call];', {
      tables, csv: { 'dbo.Rated Call': 'CallId,CallStartUtc\n2,2019-03-31 00:00:00+01\n' },
    }).then(() => undefined, (e: unknown) => e);
    expect((err as LegacyError).message).toMatch(/row 1 \(line 2\), column CallStartUtc: .*at an offset other than \+00:00/);
  });

  it.each([
    ['2026-03-29 00:30:00.0000000 +01:00', /at an offset other than \+00:00/],
    ['2026-03-30 12:00:00.0000001 +00:00', /100 ns digits/],
  ])('refuses the data-file value %s, naming the file, row and column', async (value, message) => {
    const err = await runBody('SELECT COUNT(*) AS n FROM dbo.Shipment;', {
      tables: 'CREATE TABLE dbo.Shipment ([Shipment ID] int, [Booked At] datetimeoffset(7));',
      csv: { 'dbo.Shipment': `Shipment ID,Booked At\n1,${value}\n` },
    }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/row 1 \(line 2\), column Booked At/);
    expect((err as LegacyError).message).toMatch(message);
  });
});
