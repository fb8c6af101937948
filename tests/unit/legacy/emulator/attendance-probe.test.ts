import { resultRows, runBody } from './emulator-helpers';

// Probed with time-and-attendance procedures: punches in datetime columns, shift start and end
// kept in time(0) columns, kiosk clocks in time(7).

// A time(p) target kept every microsecond of its source: CONVERT(time(0), PunchIn) of a datetime
// punch at 23:59:59.997 stored 23:59:59.997 in a time(0) column, where SQL Server rounds the
// fraction to the destination's digits ("rounded up to fit the destination precision").
describe('conversion to time(p) rounds to p digits', () => {
  const tables = `CREATE TABLE dbo.Punch (Id int NOT NULL PRIMARY KEY, PunchIn datetime NOT NULL, Kiosk time(7) NULL, Txt varchar(30) NULL);
    CREATE TABLE dbo.Shift (Id int NOT NULL PRIMARY KEY, StartAt time(0) NOT NULL, EndAt time(2) NULL);`;
  const csv = {
    'dbo.Punch': 'Id,PunchIn,Kiosk,Txt\n1,2016-02-08 08:07:29.497,08:07:29.5,08:07:29.5\n2,2016-02-08 08:07:30.503,08:07:30.004999,08:07:30.004999\n3,2016-02-21 23:59:59.997,23:59:59.996,23:59:59.5\n',
  };
  // hh:mm:ss and the milliseconds, each as SQL Server documents them for a time of any scale
  const text = (col: string): string => `CONVERT(varchar(8), ${col}, 108) + '.' + CAST(DATEPART(millisecond, ${col}) AS varchar(3))`;

  it('CONVERT(time(0), datetime) and time(7) to time(0)/time(2) round half up, wrapping at midnight', async () => {
    const r = await runBody(`SELECT Id, ${text('CONVERT(time(0), PunchIn)')} AS t0, ${text('CAST(Kiosk AS time(0))')} AS k0,
        ${text('CAST(Kiosk AS time(2))')} AS k2, ${text('CAST(Txt AS time(0))')} AS x0
      FROM dbo.Punch ORDER BY Id;`, { tables, csv });
    expect(resultRows(r)).toEqual([
      { Id: 1, t0: '08:07:29.0', k0: '08:07:30.0', k2: '08:07:29.500', x0: '08:07:30.0' },
      { Id: 2, t0: '08:07:31.0', k0: '08:07:30.0', k2: '08:07:30.0', x0: '08:07:30.0' },
      { Id: 3, t0: '00:00:00.0', k0: '00:00:00.0', k2: '00:00:00.0', x0: '00:00:00.0' },
    ]);
  });

  it('stores a datetime into a time(0) column rounded, so the key and DATEDIFF see the stored value', async () => {
    const r = await runBody(`INSERT INTO dbo.Shift (Id, StartAt, EndAt) SELECT Id, PunchIn, PunchIn FROM dbo.Punch;
      SELECT Id, ${text('StartAt')} AS s, ${text('EndAt')} AS e, DATEDIFF(second, StartAt, '08:07:30') AS d FROM dbo.Shift ORDER BY Id;`, { tables, csv });
    expect(resultRows(r)).toEqual([
      { Id: 1, s: '08:07:29.0', e: '08:07:29.500', d: 1 },
      { Id: 2, s: '08:07:31.0', e: '08:07:30.500', d: -1 },
      { Id: 3, s: '00:00:00.0', e: '00:00:00.0', d: 29250 },
    ]);
  });
});

// DATEDIFF(second, CAST(PunchIn AS time), KioskTime), the kiosk clock's drift, failed inside the
// emulator (DuckDB has no CAST from TIME to TIMESTAMP). A time reads as on 1900-01-01; the date
// parts it has not are refused rather than answered from 1900-01-01.
describe('time values in date functions', () => {
  const tables = `CREATE TABLE dbo.Punch (Id int NOT NULL PRIMARY KEY, PunchIn datetime NOT NULL, Kiosk time(7) NULL);`;
  const csv = { 'dbo.Punch': 'Id,PunchIn,Kiosk\n1,2016-02-08 21:52:00,21:51:58.5\n2,2016-02-20 23:52:30,00:00:01\n' };

  it('counts second and minute boundaries between two times, and adds hours wrapping at midnight', async () => {
    const r = await runBody(`SELECT Id, DATEDIFF(second, CAST(PunchIn AS time), Kiosk) AS ds, DATEDIFF(minute, Kiosk, CAST(PunchIn AS time)) AS dm,
        DATEPART(hour, Kiosk) AS h, CONVERT(varchar(8), DATEADD(hour, 3, Kiosk), 108) AS plus3
      FROM dbo.Punch ORDER BY Id;`, { tables, csv });
    expect(resultRows(r)).toEqual([
      { Id: 1, ds: -2, dm: 1, h: 21, plus3: '00:51:58' },
      { Id: 2, ds: -85949, dm: 1432, h: 0, plus3: '03:00:01' },
    ]);
  });

  it.each([
    ['DATEPART(weekday, Kiosk)', /DATEPART with the date part weekday of a time value/],
    ['DATEADD(day, 1, Kiosk)', /DATEADD with the date part day of a time value/],
    ['DATEDIFF(day, Kiosk, PunchIn)', /DATEDIFF with the date part day of a time value/],
    ['YEAR(Kiosk)', /date function .* of a time value/],
    ['DATEADD(millisecond, 500, CAST(Kiosk AS time(0)))', /DATEADD\(millisecond, …\) of a time\(0\) value/],
  ])('refuses %s (a date part SQL Server fails for a time column, or a rounding it does not document)', async (expr, message) => {
    await expect(runBody(`SELECT ${expr} AS v FROM dbo.Punch;`, { tables, csv })).rejects.toThrow(message);
  });
});

// DATEPART(millisecond, …) gave the milliseconds past the minute (33123 at 06:52:33.123), DuckDB's
// millisecond part, where SQL Server gives those past the second (0-999): a silently wrong number.
describe('DATEPART(millisecond, …)', () => {
  const tables = `CREATE TABLE dbo.Punch (Id int NOT NULL PRIMARY KEY, PunchIn datetime NOT NULL, Kiosk time(7) NULL, Exact datetime2(3) NULL);`;
  const csv = { 'dbo.Punch': 'Id,PunchIn,Kiosk,Exact\n1,2016-02-08 06:52:33.123,06:52:33.123456,2016-02-08 06:52:59.999\n' };

  it('is the milliseconds past the second, for datetime, datetime2 and time', async () => {
    const r = await runBody(`SELECT DATEPART(millisecond, PunchIn) AS a, DATEPART(ms, Kiosk) AS b, DATEPART(millisecond, Exact) AS c,
        DATENAME(millisecond, PunchIn) AS d FROM dbo.Punch;`, { tables, csv });
    expect(resultRows(r)).toEqual([{ a: 123, b: 123, c: 999, d: '123' }]);
  });
});

// UK sites ran the exceptions report under SET LANGUAGE British, which the emulator refused. It
// sets DATEFORMAT dmy and DATEFIRST 1 (sys.syslanguages), keeps us_english's month and day names,
// and makes FORMAT's default culture en-GB; a called procedure's SET LANGUAGE reverts on return.
describe('SET LANGUAGE British', () => {
  it('numbers weekdays from Monday, reads dd/mm/yyyy text, names days in English', async () => {
    const r = await runBody(`SET LANGUAGE British;
      DECLARE @d datetime = '22/02/2016 08:06';
      SELECT DATEPART(dw, @d) AS dw, @@DATEFIRST AS df, DATENAME(weekday, @d) + ' ' + DATENAME(month, @d) AS txt,
        CONVERT(varchar(10), @d, 103) AS uk, DATEPART(week, CAST('2016-01-04' AS date)) AS wk;`);
    expect(resultRows(r)).toEqual([{ dw: 1, df: 1, txt: 'Monday February', uk: '22/02/2016', wk: 2 }]);
  });

  it('takes en-GB as FORMAT\'s culture, refusing what en-GB writes differently across Windows versions', async () => {
    await expect(runBody(`SET LANGUAGE British; SELECT FORMAT(CAST('2016-09-01' AS date), 'dd MMM yyyy') AS v;`)).rejects.toThrow(/FORMAT/);
    const r = await runBody(`SET LANGUAGE us_english; SELECT FORMAT(CAST('2016-09-01' AS date), 'dd MMM yyyy') AS v;`);
    expect(resultRows(r)).toEqual([{ v: '01 Sep 2016' }]);
  });

  it('reverts when the procedure that set it returns', async () => {
    const r = await runBody(`EXEC dbo.usp_uk; SELECT DATEPART(dw, CAST('2016-02-22' AS date)) AS dw, @@DATEFIRST AS df;`, {
      extraProcs: `CREATE PROCEDURE dbo.usp_uk AS BEGIN SET LANGUAGE British; END\nGO\n`,
    });
    expect(resultRows(r)).toEqual([{ dw: 2, df: 7 }]);
  });

  it('still refuses a language whose names or settings are not followed', async () => {
    await expect(runBody(`SET LANGUAGE Deutsch; SELECT 1 AS v;`)).rejects.toThrow(/SET LANGUAGE Deutsch/);
  });
});

// A shift's start as a datetime: `CAST(WorkDate AS datetime) + CAST(ShiftStart AS datetime)`, the
// classic way to put a time of day on a date, failed inside the emulator twice: no CAST from a
// time to datetime, and no + of two datetimes (SQL Server adds them as days past 1900-01-01).
describe('a time of day put on a date', () => {
  const tables = `CREATE TABLE dbo.Shift (Id int NOT NULL PRIMARY KEY, WorkDate date NOT NULL, StartAt time(0) NOT NULL, Kiosk time(7) NULL, Punch datetime NOT NULL, Slot smalldatetime NULL);`;
  const csv = { 'dbo.Shift': 'Id,WorkDate,StartAt,Kiosk,Punch,Slot\n1,2016-02-08,22:00:00,21:51:58.5,2016-02-08 21:52:00,1900-01-02 10:30:00\n2,2016-02-09,06:00:00,06:00:00.1234,2016-02-09 05:59:59.997,1900-01-01 00:01:00\n' };

  it('converts a time to datetime, smalldatetime and datetime2 on 1900-01-01, and adds datetimes as days', async () => {
    const r = await runBody(`SELECT Id, CONVERT(varchar(23), CAST(StartAt AS datetime), 121) AS dt, CONVERT(varchar(16), CAST(StartAt AS smalldatetime), 120) AS sdt,
        CONVERT(varchar(19), CAST(StartAt AS datetime2(0)), 120) AS dt2,
        CONVERT(varchar(23), CAST(WorkDate AS datetime) + CAST(StartAt AS datetime), 121) AS shiftStart,
        CONVERT(varchar(23), Punch + CAST('00:00:00.003' AS datetime) + CAST('00:00:00.003' AS datetime), 121) AS ticks,
        CONVERT(varchar(16), Slot + Slot, 120) AS slots, CONVERT(varchar(19), 1 + Punch, 120) AS nextDay
      FROM dbo.Shift ORDER BY Id;`, { tables, csv });
    expect(resultRows(r)).toEqual([
      { Id: 1, dt: '1900-01-01 22:00:00.000', sdt: '1900-01-01 22:00', dt2: '1900-01-01 22:00:00', shiftStart: '2016-02-08 22:00:00.000', ticks: '2016-02-08 21:52:00.007', slots: '1900-01-03 21:00', nextDay: '2016-02-09 21:52:00' },
      { Id: 2, dt: '1900-01-01 06:00:00.000', sdt: '1900-01-01 06:00', dt2: '1900-01-01 06:00:00', shiftStart: '2016-02-09 06:00:00.000', ticks: '2016-02-09 06:00:00.003', slots: '1900-01-01 00:02', nextDay: '2016-02-10 05:59:59' },
    ]);
  });

  it('refuses a time with digits past the milliseconds to datetime (truncation before or after 1/300 s is not documented)', async () => {
    await expect(runBody(`SELECT CAST(Kiosk AS datetime) AS v FROM dbo.Shift WHERE Id = 2;`, { tables, csv })).rejects.toThrow(/time with digits past the milliseconds to datetime/);
  });

  it('refuses date + time and date - date, which SQL Server does not compile (Msg 402, 8117), where DuckDB would give a timestamp or days', async () => {
    await expect(runBody(`SELECT WorkDate + StartAt AS v FROM dbo.Shift;`, { tables, csv })).rejects.toThrow(/date \+ time .*Msg 402/);
    await expect(runBody(`SELECT Punch + StartAt AS v FROM dbo.Shift;`, { tables, csv })).rejects.toThrow(/datetime \+ time .*Msg 402/);
    await expect(runBody(`SELECT WorkDate - CAST('2016-01-01' AS date) AS v FROM dbo.Shift;`, { tables, csv })).rejects.toThrow(/date - date .*8117/);
  });

  it('fails with 517 where the sum of two datetimes passes 9999-12-31', async () => {
    await expect(runBody(`SELECT CAST('9999-12-31' AS datetime) + CAST('1900-01-02' AS datetime) AS v;`)).rejects.toThrow(/517/);
  });
});

// DATEDIFF(millisecond, …) over a pay period (more than 24 days) passes int: SQL Server fails
// with 535, where the emulator's CAST failed with 8115, which a CATCH block logging
// ERROR_NUMBER() wrote into the baseline.
describe('DATEDIFF past int', () => {
  it('fails with 535 for minute, second and millisecond counts past int; DATEDIFF_BIG counts on', async () => {
    const r = await runBody(`DECLARE @a datetime = '2016-02-01', @b datetime = '2016-02-29';
      BEGIN TRY SELECT DATEDIFF(millisecond, @a, @b) AS v; END TRY
      BEGIN CATCH SELECT ERROR_NUMBER() AS n; END CATCH
      SELECT DATEDIFF_BIG(millisecond, @a, @b) AS big, DATEDIFF(second, @a, @b) AS s;`);
    expect(resultRows(r, 0)).toEqual([{ n: 535 }]);
    expect(resultRows(r, 1)).toEqual([{ big: 2419200000, s: 2419200 }]);
  });
});
