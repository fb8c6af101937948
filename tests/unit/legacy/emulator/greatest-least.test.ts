import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// GREATEST and LEAST (SQL Server 2022, learn.microsoft.com/sql/t-sql/functions/logical-functions-greatest-transact-sql):
// NULL arguments are ignored, the result has the arguments' type when they share one; the precision
// of a decimal result over decimals of different precision is not documented, so that is refused.
describe('GREATEST and LEAST', () => {
  it('ignore NULLs and keep the arguments\' type', async () => {
    const r = await runBody(`
      DECLARE @a decimal(10,4) = 1.5, @b decimal(10,4) = NULL, @m money = 2.29, @i int = 3, @bi bigint = 7, @f float = 0.5;
      SELECT GREATEST(@a, @b, 0) AS g1, LEAST(@a, @b) AS l1, GREATEST(@i, @bi, NULL) AS g2,
             LEAST(@m, $0.01, 1) AS l2, LEAST(@b, NULL) AS l3, GREATEST(@f, 2e0) AS g4;`);
    expect(resultRows(r)).toEqual([{ g1: 1.5, l1: 1.5, g2: 7, l2: 0.01, l3: null, g4: 2 }]);
  });

  it('type the result as its arguments, so arithmetic on it has SQL Server\'s scale', async () => {
    // decimal(10,4) * decimal(10,4) is decimal(21,8): 1.23455 squared keeps 8 decimals, then ROUND half away from zero.
    const r = await runBody(`
      DECLARE @a decimal(10,4) = 1.2346;
      SELECT GREATEST(@a, 0) * @a AS p INTO #t;
      SELECT CAST(p AS varchar(30)) AS p FROM #t;`);
    expect(resultRows(r)).toEqual([{ p: '1.52423716' }]);
  });

  it('keep money\'s four decimals beside money and integer constants', async () => {
    const r = await runBody(`
      DECLARE @net money = 0.004, @cap money = 10;
      SELECT CAST(LEAST(@cap, GREATEST(@net, $0.01)) AS varchar(30)) AS v;`);
    // CAST(money AS varchar) writes two decimals (style 0): 0.01
    expect(resultRows(r)).toEqual([{ v: '0.01' }]);
  });

  it.each([
    ['decimals of different precision', 'GREATEST(CAST(1 AS decimal(29,10)), CAST(2 AS decimal(38,10)))', /GREATEST over decimal\(29,10\), decimal\(38,10\) \(decimals of different precision or scale/],
    ['money beside a decimal', 'LEAST(CAST(1 AS decimal(20,4)), $0.01)', /LEAST over decimal\(20,4\), money \(money beside another type/],
    ['text', "GREATEST('a', 'B')", /GREATEST over .*only numbers of one type/],
    ['an integer constant too wide for the decimal', 'GREATEST(CAST(1 AS decimal(5,3)), 100)', /integer constant with more digits/],
  ])('refuse %s with the place and the types', async (_name, expr, message) => {
    const error = await runBody(`SELECT ${expr} AS v;`).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(LegacyError);
    expect((error as LegacyError).message).toMatch(message);
    const where = (error as LegacyError).location;
    expect(`${where?.file}:${where?.span?.start.line}:${where?.span?.start.column}`).toBe('usp_test.sql:4:8');
  });
});
