import { formatColumnType, parseColumnType, parseSqlServerColumnType } from '../../../src/engine';

describe('column types of SQL Server data types', () => {
  // money holds four decimals: a spec typed decimal(18,3) would round 12.3456 to 12.346.
  it.each([
    ['money', 'decimal(19,4)'],
    ['MONEY?', 'decimal(19,4)?'],
    ['smallmoney', 'decimal(10,4)'],
    ['decimal', 'decimal(18,0)'],
    ['numeric?', 'decimal(18,0)?'],
    ['dec', 'decimal(18,0)'],
    ['decimal(9)', 'decimal(9,0)'],
    ['numeric(12,4)', 'decimal(12,4)'],
    ['nvarchar(20)', 'text'],
    ['datetime2(3)?', 'timestamp?'],
    ['datetime2', 'datetime2'],
    ['datetime2(7)?', 'datetime2?'],
    ['datetime', 'timestamp'],
  ])('%s as SQL Server declares it is %s', (text, expected) => {
    const t = parseSqlServerColumnType(text);
    expect(t && formatColumnType(t)).toBe(expected);
  });

  it.each([
    ['money', 'decimal(19,4)'],
    ['decimal', 'decimal(18,3)'],
    ['decimal(10,2)?', 'decimal(10,2)?'],
  ])('%s written in a spec is %s', (text, expected) => {
    const t = parseColumnType(text);
    expect(t && formatColumnType(t)).toBe(expected);
  });

  it('money takes no precision of its own', () => {
    expect(parseColumnType('money(10,2)')).toBeUndefined();
  });
});
