import { parseColumnType, type ColumnType } from '../../../src/engine';
import { CellMismatch, compareCells, formatRecordedCell, specTypeOfDuck } from '../../../src/sections/recorded-cells';

const t = (text: string): ColumnType => parseColumnType(text) as ColumnType;

describe('formatRecordedCell', () => {
  it.each([
    ['int?', null, 'NULL'],
    ['int', '42', '42'],
    ['bigint', '9007199254740993', '9007199254740993'],
    ['decimal(18,4)', '80', '80.0000'],
    // DuckDB's UUID text is lower case; SQL Server writes it upper case
    ['uniqueidentifier', '0e984725-c51c-4bf4-9960-e1c80e27aba0', '0E984725-C51C-4BF4-9960-E1C80E27ABA0'],
    ['decimal(18,4)', '11.25', '11.2500'],
    ['decimal(5,2)', '10.5000', '10.50'],
    ['double', '9.0', '9'],
    ['double', '2.25', '2.25'],
    ['bool', 'true', '1'],
    ['bool', '0', '0'],
    ['date', '2024-01-01', '2024-01-01'],
    ['date', '2024-01-01 00:00:00', '2024-01-01'],
    ['timestamp', '2024-01-01 08:05:00', '2024-01-01 08:05:00'],
    ['timestamp', '2024-01-01 08:05:00.120', '2024-01-01 08:05:00.12'],
    // datetime2(7) as SQL Server writes it: a 7th digit that is 0 changes nothing
    ['timestamp', '2024-01-01 08:05:00.1234560', '2024-01-01 08:05:00.123456'],
    // datetime2 (datetime2(7)) keeps all 7 digits, the end of time included
    ['datetime2', '9999-12-31 23:59:59.9999999', '9999-12-31 23:59:59.9999999'],
    ['datetime2?', '2024-01-01T08:05:00.1230000', '2024-01-01 08:05:00.1230000'],
    ['text', 'plain', 'plain'],
    ['text', 'a b  ', '"a b  "'],
    ['text', ' ', '" "'],
    ['text', '', '""'],
    ['text', '"q"', '""q""'],
    // a cell in single quotes is refused as a T-SQL literal written by habit: the value keeps them in double quotes
    ['text', "''", '"\'\'"'],
    ['text', "'x'", '"\'x\'"'],
  ] as const)('%s %j -> %s', (type, text, cell) => {
    expect(formatRecordedCell(t(type), text)).toBe(cell);
  });

  it.each([
    ['int', null, /not nullable/],
    ['decimal(5,2)', '1.234', /3 decimals/],
    ['int', '1.5', /not an integer/],
    ['text?', 'NULL', /cannot be told from NULL/],
    ['timestamp?', '2024-01-01 08:05:00.1234567', /7th fraction digit .*declare the column datetime2/],
    ['datetime2', '2024-01-01 08:05:00.12345678', /more than 7 fraction digits/],
  ] as const)('refuses %s %j rather than write another value', (type, text, message) => {
    expect(() => formatRecordedCell(t(type), text)).toThrow(CellMismatch);
    expect(() => formatRecordedCell(t(type), text)).toThrow(message);
  });
});

describe('specTypeOfDuck and compareCells', () => {
  it.each([
    ['INTEGER', false, 'int?'],
    ['TINYINT', true, 'bool?'],
    ['BIGINT', false, 'bigint?'],
    ['DECIMAL(18,4)', false, 'decimal(18,4)?'],
    ['DOUBLE', false, 'double?'],
    ['TIMESTAMP_NS', false, 'timestamp?'],
    ['DATE', false, 'date?'],
    ['VARCHAR', false, 'text?'],
    ['UUID', false, 'uniqueidentifier?'],
  ] as const)('%s (bit %s) -> %s', (duck, bit, spec) => {
    expect(specTypeOfDuck(duck, bit)).toEqual(t(spec));
  });

  it.each([
    ['int?', 'NULL', '1', -1],
    ['int', '10', '9', 1],
    ['text', 'B', 'a', -1],
    ['timestamp', '2024-01-01 08:00', '2024-01-01 08:00:00', 0],
    ['decimal(5,2)', '2.50', '10.00', -1],
  ] as const)('%s: %s vs %s', (type, a, b, sign) => {
    expect(Math.sign(compareCells(t(type), a, b))).toBe(sign);
  });
});
