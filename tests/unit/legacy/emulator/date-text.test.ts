import { fitToType, formatDateTime, isDateTimeFailure, readDateTimeText, type DateFormat, type DateTimeTarget } from '../../../../src/legacy/emulator/dates/date-text';

/** The value as `YYYY-MM-DD hh:mm:ss.fffffff`, or the error number. */
function read(text: string, target: DateTimeTarget, format: DateFormat = 'mdy', scale = 7): string | number {
  const v = readDateTimeText(text, target, format);
  const f = isDateTimeFailure(v) ? v : fitToType(v, target, scale);
  if (isDateTimeFailure(f)) return f.number;
  const { date, time } = formatDateTime(f);
  return `${date} ${time.slice(0, 16)}`;
}

describe('readDateTimeText (SQL Server literal formats)', () => {
  it.each([
    ['20111201', 'date', 'mdy', '2011-12-01 00:00:00.0000000'],
    ['20111201', 'date', 'dmy', '2011-12-01 00:00:00.0000000'],
    ['111201', 'date', 'mdy', '2011-12-01 00:00:00.0000000'],
    ['99991231 23:59:59.9999999', 'datetime2', 'mdy', '9999-12-31 23:59:59.9999999'],
    ['2007-05-02T19:58:47.1234567', 'datetime2', 'mdy', '2007-05-02 19:58:47.1234567'],
    ['12/30/1899', 'datetime', 'mdy', '1899-12-30 00:00:00.0000000'],
    ['30/12/1899', 'datetime', 'dmy', '1899-12-30 00:00:00.0000000'],
    ['30/12/1899', 'datetime', 'mdy', 242],
    ['2020-01-02', 'datetime', 'dmy', '2020-02-01 00:00:00.0000000'],
    ['2020-01-02', 'date', 'dmy', '2020-01-02 00:00:00.0000000'],
    ['2020-01-02T00:00:00', 'datetime', 'dmy', '2020-01-02 00:00:00.0000000'],
    ['12-10-25', 'date', 'mdy', '2025-12-10 00:00:00.0000000'],
    ['1.2.1950', 'date', 'dmy', '1950-02-01 00:00:00.0000000'],
    ['April 15, 1996', 'datetime', 'mdy', '1996-04-15 00:00:00.0000000'],
    ['15 April 1996 10:00 PM', 'datetime', 'mdy', '1996-04-15 22:00:00.0000000'],
    ['Apr 1996', 'date', 'mdy', '1996-04-01 00:00:00.0000000'],
    ['12:00 AM', 'datetime', 'mdy', '1900-01-01 00:00:00.0000000'],
    ['', 'datetime', 'mdy', '1900-01-01 00:00:00.0000000'],
    ['   ', 'date', 'mdy', '1900-01-01 00:00:00.0000000'],
    ['2019-02-29', 'date', 'mdy', 241],
    ['2019-02-29', 'datetime', 'mdy', 242],
    ['2020-02-29', 'date', 'mdy', '2020-02-29 00:00:00.0000000'],
    ['1752-12-31', 'datetime', 'mdy', 242],
    ['1752-12-31', 'date', 'mdy', '1752-12-31 00:00:00.0000000'],
    ['2079-06-07', 'smalldatetime', 'mdy', 242],
    ['2020-01-01 10:00:00.1234', 'datetime', 'mdy', 241],
    ['2020-01-01 25:00', 'datetime2', 'mdy', 241],
    ['not a date', 'date', 'mdy', 241],
    ['2020-01-01 23:59:59.999', 'datetime', 'mdy', '2020-01-02 00:00:00.0000000'],
    ['2020-01-01 10:00:00.002', 'datetime', 'mdy', '2020-01-01 10:00:00.0030000'],
    ['2020-01-01 10:00:00.005', 'datetime', 'mdy', '2020-01-01 10:00:00.0070000'],
    ['2020-01-01 10:00:29.998', 'smalldatetime', 'mdy', '2020-01-01 10:00:00.0000000'],
    ['2020-01-01 10:00:29.999', 'smalldatetime', 'mdy', '2020-01-01 10:01:00.0000000'],
    ['2007-05-08 12:35:29.1234567 +12:15', 'datetimeoffset', 'mdy', '2007-05-08 12:35:29.1234567'],
  ] as [string, DateTimeTarget, DateFormat, string | number][])('%j as %s under %s -> %j', (text, target, format, expected) => {
    expect(read(text, target, format)).toBe(expected);
  });

  it.each([
    [0, '2020-01-01 10:11:12.6000000', '2020-01-01 10:11:13.0000000'],
    [3, '2020-01-01 10:11:12.1235000', '2020-01-01 10:11:12.1240000'],
    [7, '2020-01-01 10:11:12.1234567', '2020-01-01 10:11:12.1234567'],
  ])('datetime2(%i) rounds %s to %s', (scale, text, expected) => {
    expect(read(text, 'datetime2', 'mdy', scale)).toBe(expected);
  });
});
