import { resultRows, runBody } from './emulator-helpers';

// A file-import ETL of the 2000s: every field lands in varchar(255) staging columns and is
// validated in T-SQL (ISDATE under SET DATEFORMAT dmy, TRY_CONVERT, CAST in TRY/CATCH with the
// error logged). The text comes from data (a table), not from constants, so these run the
// conversions the emulator generates for column values.

const STAGING = `CREATE TABLE stg.Raw (RowId int NOT NULL PRIMARY KEY, Txt varchar(255) NULL, NTxt nvarchar(50) NULL, D date NULL)
GO`;

/** The rows of `select` over stg.Raw loaded from `csv`, after `setup`. */
async function rows(csv: string, select: string, setup = ''): Promise<Record<string, unknown>[]> {
  const r = await runBody(`${setup}\n${select}`, { tables: STAGING, csv: { 'stg.Raw': csv } });
  return resultRows(r);
}

/** ERROR_NUMBER() and ERROR_MESSAGE() of `expr` over the row `id`, or its value. */
async function caught(csv: string, expr: string, setup = ''): Promise<Record<string, unknown>[]> {
  const r = await runBody(`${setup}
DECLARE @out TABLE (RowId int, n int, m nvarchar(4000));
DECLARE @id int = 1;
WHILE @id <= (SELECT MAX(RowId) FROM stg.Raw)
BEGIN
  BEGIN TRY
    DECLARE @v varchar(40) = (SELECT CONVERT(varchar(40), ${expr}, 121) FROM stg.Raw WHERE RowId = @id);
    INSERT @out VALUES (@id, 0, @v);
  END TRY
  BEGIN CATCH
    INSERT @out VALUES (@id, ERROR_NUMBER(), ERROR_MESSAGE());
  END CATCH
  SET @id = @id + 1;
END
SELECT RowId, n, m FROM @out ORDER BY RowId;`, { tables: STAGING, csv: { 'stg.Raw': csv } });
  return resultRows(r);
}

describe('staging text to dates, from data', () => {
  it('reads d/m/yyyy under SET DATEFORMAT dmy, and yyyy-mm-dd as year, day, month for datetime only', async () => {
    const csv = 'RowId,Txt\n1,13/02/1980\n2,2001-05-13\n3,2001-13-05\n4,1.2.1990\n5,13-02-1980 10:11:12.123\n6,30/02/2001\n7,20120229\n8,2001-05-13T10:00:00\n';
    expect(await rows(csv, 'SELECT RowId, ISDATE(Txt) AS ok, CONVERT(varchar(23), TRY_CONVERT(datetime, Txt), 121) AS dt, CONVERT(varchar(10), TRY_CONVERT(date, Txt), 23) AS d FROM stg.Raw ORDER BY RowId;', 'SET DATEFORMAT dmy;')).toEqual([
      { RowId: 1, ok: 1, dt: '1980-02-13 00:00:00.000', d: '1980-02-13' },
      // datetime reads 2001-05-13 as the 5th of month 13 under dmy; date reads it as ISO
      { RowId: 2, ok: 0, dt: null, d: '2001-05-13' },
      { RowId: 3, ok: 1, dt: '2001-05-13 00:00:00.000', d: null },
      { RowId: 4, ok: 1, dt: '1990-02-01 00:00:00.000', d: '1990-02-01' },
      { RowId: 5, ok: 1, dt: '1980-02-13 10:11:12.123', d: '1980-02-13' },
      { RowId: 6, ok: 0, dt: null, d: null },
      { RowId: 7, ok: 1, dt: '2012-02-29 00:00:00.000', d: '2012-02-29' },
      { RowId: 8, ok: 1, dt: '2001-05-13 10:00:00.000', d: '2001-05-13' },
    ]);
  });

  it('gives ISDATE 0 for empty and blank text, though CAST makes it 1900-01-01', async () => {
    const csv = 'RowId,Txt\n1,""\n2," "\n3,\n';
    expect(await rows(csv, "SELECT RowId, ISDATE(Txt) AS ok, CONVERT(varchar(10), TRY_CONVERT(datetime, Txt), 23) AS d, ISDATE('') AS lit FROM stg.Raw ORDER BY RowId;")).toEqual([
      { RowId: 1, ok: 0, d: '1900-01-01', lit: 0 },
      { RowId: 2, ok: 0, d: '1900-01-01', lit: 0 },
      { RowId: 3, ok: 0, d: null, lit: 0 },
    ]);
  });

  it('reads a string of only 4 digits as January 1st of that year for datetime (a char(8) field holding a year)', async () => {
    const csv = 'RowId,Txt\n1,"2015    "\n2,1999\n';
    expect(await rows(csv, 'SELECT RowId, ISDATE(Txt) AS ok, CONVERT(varchar(23), TRY_CONVERT(datetime, Txt), 121) AS dt, CONVERT(varchar(16), TRY_CONVERT(smalldatetime, Txt), 120) AS sdt FROM stg.Raw ORDER BY RowId;')).toEqual([
      { RowId: 1, ok: 1, dt: '2015-01-01 00:00:00.000', sdt: '2015-01-01 00:00' },
      { RowId: 2, ok: 1, dt: '1999-01-01 00:00:00.000', sdt: '1999-01-01 00:00' },
    ]);
    // date is not documented to take the year alone: still refused, not guessed
    await expect(rows('RowId,Txt\n1,2015\n', 'SELECT TRY_CONVERT(date, Txt) AS d FROM stg.Raw;')).rejects.toThrow(/date\/time text '2015'/);
  });

  it('refuses more than 3 digits of a second and years before 1753 for datetime, as SQL Server does', async () => {
    const csv = 'RowId,Txt,NTxt,D\n1,2009-05-12 10:19:41.1234,2009-05-12 10:19:41.123,1500-01-01\n2,1500-01-01,1600-01-01,1753-01-01\n3,1899-12-31,2079-06-07,2079-06-06\n';
    expect(await rows(csv, `SELECT RowId, ISDATE(Txt) AS ok, ISDATE(NTxt) AS nok,
      CONVERT(varchar(23), TRY_CONVERT(datetime, Txt), 121) AS dt, CONVERT(varchar(27), TRY_CONVERT(datetime2, Txt), 121) AS dt2,
      CONVERT(varchar(23), TRY_CONVERT(datetime, D), 121) AS fromDate, CONVERT(varchar(16), TRY_CONVERT(smalldatetime, NTxt), 121) AS sdt
      FROM stg.Raw ORDER BY RowId;`)).toEqual([
      { RowId: 1, ok: 0, nok: 1, dt: null, dt2: '2009-05-12 10:19:41.1234000', fromDate: null, sdt: '2009-05-12 10:20' },
      { RowId: 2, ok: 0, nok: 0, dt: null, dt2: '1500-01-01 00:00:00.0000000', fromDate: '1753-01-01 00:00:00.000', sdt: null },
      { RowId: 3, ok: 1, nok: 1, dt: '1899-12-31 00:00:00.000', dt2: '1899-12-31 00:00:00.0000000', fromDate: '2079-06-06 00:00:00.000', sdt: null },
    ]);
  });

  it('raises 242 (out of range) for a day that does not exist or a year before 1753, 241 for other text', async () => {
    const csv = 'RowId,Txt,D\n1,02/30/2001,1500-01-01\n2,20010230,\n3,2009-05-12 10:19:41.1234,\n4,n/a,\n5,1500-01-01,\n';
    const range = 'The conversion of a varchar data type to a datetime data type resulted in an out-of-range value.';
    const text = 'Conversion failed when converting date and/or time from character string.';
    expect(await caught(csv, 'CAST(Txt AS datetime)')).toEqual([
      { RowId: 1, n: 242, m: range },
      { RowId: 2, n: 242, m: range },
      { RowId: 3, n: 241, m: text },
      { RowId: 4, n: 241, m: text },
      { RowId: 5, n: 242, m: range },
    ]);
    expect((await caught(csv, 'CAST(Txt AS date)')).map((r) => r.n)).toEqual([241, 241, 0, 241, 0]);
    expect((await caught(csv, 'CAST(D AS datetime)'))[0]).toEqual({ RowId: 1, n: 242, m: 'The conversion of a date data type to a datetime data type resulted in an out-of-range value.' });
    expect((await caught(csv, 'CAST(Txt AS datetime)', 'SET DATEFORMAT dmy;'))[0]).toEqual({ RowId: 1, n: 242, m: range });
  });
});

describe('staging text in CONVERT styles and arithmetic, from data', () => {
  it('reads a fixed-order style with blanks around, 242 for a day that does not exist in datetime, 241 in date', async () => {
    const csv = 'RowId,Txt\n1,02/13/2024\n2,13/02/2024\n3, 02/13/2024 \n4,01/01/1500\n5,abc\n6,2/3/2024\n';
    expect(await rows(csv, `SELECT RowId, CONVERT(varchar(10), TRY_CONVERT(datetime, Txt, 101), 23) AS us, CONVERT(varchar(10), TRY_CONVERT(date, Txt, 103), 23) AS gb,
      CONVERT(varchar(16), TRY_CONVERT(smalldatetime, Txt, 101), 121) AS sdt FROM stg.Raw ORDER BY RowId;`)).toEqual([
      { RowId: 1, us: '2024-02-13', gb: null, sdt: '2024-02-13 00:00' },
      { RowId: 2, us: null, gb: '2024-02-13', sdt: null },
      { RowId: 3, us: '2024-02-13', gb: null, sdt: '2024-02-13 00:00' },
      { RowId: 4, us: null, gb: '1500-01-01', sdt: null },
      { RowId: 5, us: null, gb: null, sdt: null },
      { RowId: 6, us: '2024-02-03', gb: '2024-03-02', sdt: '2024-02-03 00:00' },
    ]);
    const range = 'The conversion of a varchar data type to a datetime data type resulted in an out-of-range value.';
    expect(await caught(csv, 'CONVERT(datetime, Txt, 101)')).toEqual([
      { RowId: 1, n: 0, m: '2024-02-13 00:00:00.000' },
      { RowId: 2, n: 242, m: range },
      { RowId: 3, n: 0, m: '2024-02-13 00:00:00.000' },
      { RowId: 4, n: 242, m: range },
      { RowId: 5, n: 241, m: 'Conversion failed when converting date and/or time from character string.' },
      { RowId: 6, n: 0, m: '2024-02-03 00:00:00.000' },
    ]);
  });

  it('refuses text a style does not spell exactly, rather than calling it no date', async () => {
    await expect(rows('RowId,Txt\n1,13/02/2024 10:00\n', 'SELECT TRY_CONVERT(date, Txt, 103) AS d FROM stg.Raw;')).rejects.toThrow(/does not support reading the text '13\/02\/2024 10:00' with CONVERT style 103/);
  });

  it('converts text beside money or float to that type (money * varchar is money), and refuses it beside a decimal', async () => {
    const csv = 'RowId,Txt\n1,3\n2, 7 \n3,1.5\n';
    expect(await rows(csv, "SELECT RowId, CAST(Txt * CAST('19.99' AS money) AS varchar(30)) AS m, Txt * CAST(0.5 AS float) AS f, CASE WHEN Txt > CAST(2 AS money) THEN 1 ELSE 0 END AS gt FROM stg.Raw ORDER BY RowId;")).toEqual([
      { RowId: 1, m: '59.97', f: 1.5, gt: 1 },
      { RowId: 2, m: '139.93', f: 3.5, gt: 1 },
      { RowId: 3, m: '29.99', f: 0.75, gt: 0 },
    ]);
    await expect(rows(csv, 'SELECT Txt * CAST(2 AS decimal(5,2)) AS d FROM stg.Raw;')).rejects.toThrow(/\* of text and a decimal value/);
  });
});

describe('staging input files', () => {
  it('reads a quoted empty field as the empty string and an empty one as NULL', async () => {
    const csv = 'RowId,Txt\n1,""\n2,\n3," "\n';
    expect(await rows(csv, "SELECT RowId, 'x' + Txt AS cat, LEN(Txt) AS len, ISNUMERIC(Txt) AS num, NULLIF(LTRIM(RTRIM(Txt)), '') AS cleaned FROM stg.Raw ORDER BY RowId;")).toEqual([
      { RowId: 1, cat: 'x', len: 0, num: 0, cleaned: null },
      { RowId: 2, cat: null, len: null, num: 0, cleaned: null },
      { RowId: 3, cat: 'x ', len: 0, num: 0, cleaned: null },
    ]);
    // only a text column holds the empty string: "" in a date column is NULL, as before
    expect(await rows('RowId,D\n1,""\n', 'SELECT RowId, D FROM stg.Raw;')).toEqual([{ RowId: 1, D: null }]);
  });
});
