import { LegacyError } from '../../../../src/core';
import { convertToType, familyOf, parseTsqlType, roundHalfAway, toDuckType } from '../../../../src/legacy/emulator/tsql-types';

describe('tsql types', () => {
  it.each([
    ['int', 'INTEGER', 'integer'],
    ['bigint', 'BIGINT', 'integer'],
    ['smallint', 'SMALLINT', 'integer'],
    ['tinyint', 'UTINYINT', 'integer'],
    ['bit', 'TINYINT', 'bit'],
    ['decimal(18, 4)', 'DECIMAL(18,4)', 'exact'],
    ['numeric(5)', 'DECIMAL(5,0)', 'exact'],
    ['money', 'DECIMAL(19,4)', 'exact'],
    ['float', 'DOUBLE', 'approx'],
    ['real', 'FLOAT', 'approx'],
    ['date', 'DATE', 'date'],
    ['datetime', 'TIMESTAMP', 'datetime'],
    ['datetime2(3)', 'TIMESTAMP', 'datetime'],
    ['datetime2', 'VARCHAR', 'datetime'],
    ['datetime2(7)', 'VARCHAR', 'datetime'],
    ['smalldatetime', 'TIMESTAMP', 'datetime'],
    ['time', 'TIME', 'time'],
    ['char(1)', 'VARCHAR', 'string'],
    ['[nvarchar](max)', 'VARCHAR', 'string'],
    ['sysname', 'VARCHAR', 'string'],
    ['text', 'VARCHAR', 'string'],
    ['uniqueidentifier', 'UUID', 'guid'],
    ['varbinary(max)', 'BLOB', 'binary'],
  ])('%s -> %s (%s)', (text, duck, family) => {
    const t = parseTsqlType(text);
    expect(toDuckType(t)).toBe(duck);
    expect(familyOf(t)).toBe(family);
  });

  it('refuses a type it cannot hold', () => {
    expect(() => toDuckType(parseTsqlType('cursor'))).toThrow(LegacyError);
    expect(toDuckType(parseTsqlType('geography'))).toBe('VARCHAR');
  });

  it.each([
    ['int', 7.9, 7],
    ['int', -7.9, -7],
    ['int', '42', 42],
    ['int', null, null],
    ['bit', 5, 1],
    ['bit', 0, 0],
    ['bit', 'true', 1],
    ['decimal(5,2)', 2.345, 2.35],
    ['decimal(5,2)', -2.345, -2.35],
    ['decimal(5,0)', 2.5, 3],
    ['varchar(3)', 'abcdef', 'abc'],
    ['char(3)', 'a', 'a  '],
    ['varchar(10)', 12, '12'],
    ['date', '2026-01-02 10:00:00', '2026-01-02'],
  ])('assigning to %s: %p -> %p', (type, value, expected) => {
    expect(convertToType(value, parseTsqlType(type))).toEqual(expected);
  });

  it.each([
    ['tinyint', 256],
    ['int', 2147483648],
    ['int', 'abc'],
  ])('assigning to %s: %p fails like SQL Server', (type, value) => {
    expect(() => convertToType(value, parseTsqlType(type))).toThrow(LegacyError);
  });

  it.each([
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [2.675, 2, 2.68],
    [1.005, 2, 1.01],
    [-0.4, 0, -0],
  ])('roundHalfAway(%p, %p) = %p', (n, s, expected) => {
    expect(roundHalfAway(n, s)).toBe(expected);
  });
});
