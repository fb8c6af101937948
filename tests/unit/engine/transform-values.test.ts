import { duckdbTypeOf, formatColumnType, fromDuckdbJson, parseColumnType, parseValueText, type ColumnType } from '../../../src/engine';

const t = (text: string): ColumnType => {
  const parsed = parseColumnType(text);
  if (!parsed) throw new Error(`bad type ${text}`);
  return parsed;
};

describe('parseColumnType', () => {
  it.each([
    ['int', 'int', false], ['INT?', 'int', true], ['nvarchar(50)', 'text', false],
    // datetime2 is datetime2(7), 100 ns: its own type; datetime2(0-6) are whole microseconds
    ['datetime2', 'datetime2', false], ['DateTime2(7)?', 'datetime2', true], ['datetime2(6)', 'timestamp', false], ['datetime2(0)', 'timestamp', false],
    ['decimal(10,2)?', 'decimal', true], ['bit', 'bool', false], ['float', 'double', false],
  ])('%s', (text, base, nullable) => {
    expect(parseColumnType(text)).toMatchObject({ base, nullable });
  });
  it.each(['intt', 'decimal(2,5)', '', 'int??', 'datetime2(8)', 'datetime2(7,1)', 'datetime2(max)'])('rejects %p', (text) => expect(parseColumnType(text)).toBeUndefined());
});

describe('parseValueText', () => {
  it.each([
    ['int', '42', 42], ['int?', 'NULL', null], ['int?', '', null], ['bigint', '9007199254740993', 9007199254740993n],
    ['double', '1.5e3', 1500], ['decimal(10,2)', '12.30', 12.3], ['text', '', ''], ['text?', 'NULL', null],
    ['bool', '1', true], ['date', '2024-02-29', '2024-02-29'], ['timestamp', '2024-01-02 03:04', '2024-01-02 03:04:00'],
    ['timestamp', '2024-01-02T03:04:05.120', '2024-01-02 03:04:05.12'],
    // datetime2(7) text whose 7th digit is 0 is a whole microsecond
    ['timestamp', '2024-01-02 03:04:05.1234560', '2024-01-02 03:04:05.123456'],
    // datetime2 values come back as SQL Server writes them: all 7 fraction digits
    ['datetime2', '9999-12-31 23:59:59.9999999', '9999-12-31 23:59:59.9999999'],
    ['datetime2', '0001-01-01', '0001-01-01 00:00:00.0000000'],
    ['datetime2', '2024-01-02T03:04:05.5', '2024-01-02 03:04:05.5000000'],
    ['datetime2?', '2024-01-02 03:04', '2024-01-02 03:04:00.0000000'],
    ['datetime2', '2024-02-29 03:04:05.12345670', '2024-02-29 03:04:05.1234567'],
    ['datetime2?', 'NULL', null],
  ])('%s %p', (type, text, value) => {
    expect(parseValueText(t(type), text)).toEqual({ ok: true, value });
  });
  it.each([
    ['int', 'abc', /not an integer/], ['int', '3000000000', /outside the int range/], ['int', 'NULL', /not nullable/],
    ['decimal(10,2)', '1.234', /keeps 2/], ['date', '2023-02-29', /not a date/], ['timestamp', '2024-01-02 25:00', /not a timestamp/],
    ['timestamp', '2024-01-02 03:04:05.1234567', /more than 6 fraction digits \(datetime2\(7\) keeps 100 ns\).*declare the column datetime2/],
    ['datetime2', '9999-12-31 23:59:59.99999999', /more than 7 fraction digits/], ['datetime2', '2023-02-29', /not a datetime2/],
    ['datetime2', '2024-01-02 24:00:00', /not a datetime2/], ['datetime2', '0000-01-01', /not a datetime2/], ['datetime2', '12/01/2024', /not a datetime2/],
    ['bool', 'yes', /not a boolean/],
  ])('rejects %s %p', (type, text, reason) => {
    const r = parseValueText(t(type), text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('datetime2 values', () => {
  it('never reads two values 100 ns apart as one, and orders them as text', () => {
    const read = (text: string): unknown => (parseValueText(t('datetime2'), text) as { value: unknown }).value;
    const values = ['9999-12-31 23:59:59.9999999', '9999-12-31 23:59:59.9999998', '0999-01-01', '2026-12-01 02:00:00.1234567'].map(read);
    expect(new Set(values).size).toBe(4);
    expect([...values].sort()).toEqual(['0999-01-01 00:00:00.0000000', '2026-12-01 02:00:00.1234567', '9999-12-31 23:59:59.9999998', '9999-12-31 23:59:59.9999999']);
  });
});

describe('uniqueidentifier values', () => {
  it('reads a GUID in either case, braces or none, as SQL Server writes it (upper case)', () => {
    const read = (text: string): unknown => (parseValueText(t('uniqueidentifier'), text) as { value: unknown }).value;
    expect(read('6f9619ff-8b86-d011-b42d-00c04fc964ff')).toBe('6F9619FF-8B86-D011-B42D-00C04FC964FF');
    expect(read('{6F9619FF-8B86-D011-B42D-00C04FC964FF}')).toBe('6F9619FF-8B86-D011-B42D-00C04FC964FF');
    expect(parseValueText(t('uniqueidentifier?'), '')).toEqual({ ok: true, value: null });
  });

  it('refuses text that is no GUID', () => {
    const r = parseValueText(t('uniqueidentifier'), '6F9619FF-8B86-D011-B42D');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/not a uniqueidentifier/);
  });

  it('is held as DuckDB UUID and spelled uniqueidentifier in specs and transforms', () => {
    expect(duckdbTypeOf(t('uniqueidentifier'))).toBe('UUID');
    expect(formatColumnType(t('uniqueidentifier?'))).toBe('uniqueidentifier?');
    expect(fromDuckdbJson(t('uniqueidentifier'), '0e984725-c51c-4bf4-9960-e1c80e27aba0')).toBe('0E984725-C51C-4BF4-9960-E1C80E27ABA0');
  });
});
