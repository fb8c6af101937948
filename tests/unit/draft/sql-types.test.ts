import { decimalResult, formatSqlType, sqlTypeOfName } from '../../../src/draft';

/* SQL Server's result types of decimal arithmetic and the T-SQL types of declared names. */

describe('decimalResult', () => {
  it.each<[string, [number, number], [number, number], [number, number]]>([
    ['+', [5, 2], [10, 0], [13, 2]],
    ['-', [18, 4], [5, 2], [19, 4]],
    ['*', [18, 4], [10, 0], [29, 4]],
    ['/', [5, 2], [10, 0], [16, 13]],
    ['/', [2, 1], [1, 0], [7, 6]],
    // 38 digits: the scale shrinks by the excess, not below 6.
    ['/', [38, 4], [10, 0], [38, 6]],
    ['/', [38, 2], [38, 2], [38, 6]],
    ['*', [38, 10], [10, 5], [38, 6]],
    // A sum or difference keeps 38 - max(p1 - s1, p2 - s2) decimals, with no floor of 6
    // (the Precision, scale, and length page; as the emulator's decimal-arithmetic.ts computes it).
    ['+', [38, 10], [38, 0], [38, 0]],
    ['-', [38, 2], [38, 4], [38, 2]],
    ['+', [38, 10], [38, 20], [38, 10]],
    ['+', [30, 10], [10, 0], [31, 10]],
  ])('decimal(%s): (%j) op (%j) -> %j', (op, a, b, expected) => {
    expect(decimalResult(op, a, b)).toEqual(expected);
  });
});

describe('sqlTypeOfName', () => {
  it.each<[string, string[], string]>([
    ['varchar', ['30'], 'varchar(30)'],
    ['nvarchar', ['max'], 'nvarchar(max)'],
    ['char', [], 'varchar(1)'],
    ['sysname', [], 'nvarchar(128)'],
    ['decimal', ['5', '2'], 'decimal(5,2)'],
    ['numeric', [], 'decimal(18,0)'],
    // held as decimal(19,4), named as the legacy code declares it
    ['money', [], 'money'],
    ['smallmoney', [], 'smallmoney'],
    ['smallint', [], 'smallint'],
    ['datetime2', ['3'], 'datetime'],
    ['geography', [], 'geography'],
  ])('%s(%j) is %s', (name, args, expected) => {
    expect(formatSqlType(sqlTypeOfName(name, args))).toBe(expected);
  });
});
