import { parseColumnType, parseSqlServerColumnType, type ColumnType } from '../../../src/engine';
import { defaultCell } from '../../../src/sections/parameter-defaults';

const cell = (type: string, source: string | undefined): string | undefined => {
  const spec = (parseSqlServerColumnType(`${type.replace(/\s+/g, '')}?`) ?? parseColumnType('text?')) as ColumnType;
  return defaultCell({ kind: 'parameter', name: '@p', type: type.toUpperCase(), default: source, output: false }, spec);
};

describe('a parameter default as a spec cell', () => {
  it.each([
    ['int', '14', '14'], ['int', '-1', '-1'], ['int', '(30)', '30'], ['int', 'NULL', 'NULL'], ['tinyint', '255', '255'],
    ['bit', '0', '0'], ['bit', '5', '1'], ['bigint', '9223372036854775807', '9223372036854775807'],
    ['decimal(5, 2)', '0.5', '0.50'], ['numeric(9,4)', '-12.25', '-12.2500'], ['money', '1.5', '1.5000'], ['float', '0.1', '0.1'],
    ['date', "'2024-01-31'", '2024-01-31'], ['date', "'20240131'", '2024-01-31'], ['datetime', "'20240131'", '2024-01-31 00:00:00'],
    // datetime2(7) written with its 7 digits (it reads yyyy-mm-dd alike under every DATEFORMAT)
    ['datetime2', "'2024-01-31'", '2024-01-31 00:00:00.0000000'], ['datetime2(7)', "'20240131'", '2024-01-31 00:00:00.0000000'],
    ['varchar(10)', "'EU'", 'EU'], ['nvarchar(max)', "N'It''s'", "It's"], ['char(4)', "'EU'", '"EU  "'], ['varchar(5)', "''", '""'],
    // ISO 8601 with T and unseparated dates read alike under every DATEFORMAT, with their time
    ['datetime', "'2026-12-01T06:30:00'", '2026-12-01 06:30:00'], ['datetime', "'20261201 06:30'", '2026-12-01 06:30:00'],
    ['datetime2', "'2026-12-31 23:59:59'", '2026-12-31 23:59:59.0000000'], ['bit', "'TRUE'", '1'], ['bit', "'false'", '0'],
  ])('%s = %s is %s', (type, source, expected) => {
    expect(cell(type, source)).toBe(expected);
  });

  it.each([
    // SQL Server converts these silently; the value is the person's to check
    ['int', '2.7'], ['int', "'5'"], ['tinyint', '256'], ['int', '2147483648'], ['decimal(5, 2)', '0.125'], ['decimal(3, 2)', '12.5'],
    ['varchar(3)', "'ABCDE'"], ['varchar(10)', "N'Évry'"], ['date', "'01/31/2024'"], ['datetime', "'2024-01-31'"], ['date', "'2024-02-30'"],
    ['smalldatetime', "'18990101'"], ['float', '0.12345678901234567'], ['int', 'DATEPART(year, GETDATE())'], ['varchar(10)', "'NULL'"],
    ['uniqueidentifier', "'00000000-0000-0000-0000-000000000000'"], ['int', undefined],
    // DATEFORMAT reads a datetime's dashed date; smalldatetime rounds seconds; date drops a time
    ['datetime', "'2026-12-01 06:30:00'"], ['smalldatetime', "'20261201 06:30:31'"], ['date', "'20261201 06:30'"], ['bit', "'yes'"],
    ['datetime', "'20261201T06:30'"], ['datetime', "'20261201 24:00'"],
  ])('%s = %s is left to the person', (type, source) => {
    expect(cell(type, source)).toBeUndefined();
  });
});
