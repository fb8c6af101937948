import { EngineSession } from '../../../../src/engine';
import { installTsqlMacros } from '../../../../src/legacy/emulator/tsql-macros';

// Expected values are SQL Server's documented results for the same expressions.
describe('T-SQL compatibility macros on DuckDB', () => {
  let session: EngineSession;
  beforeAll(async () => {
    session = await EngineSession.open({ threads: 1 });
    await installTsqlMacros(session);
  });
  afterAll(() => session.close());

  it.each([
    ['tsql_idiv(7, 2)', 3],
    ['tsql_idiv(-7, 2)', -3],
    ['tsql_idiv(7, -2)', -3],
    ['tsql_mod(-5, 3)', -2],
    ["tsql_len('ab  ')", 2],
    ["tsql_len('  ab')", 4],
    ["tsql_len('')", 0],
    ["tsql_datalength('ab  ')", 4],
    ["tsql_charindex('B', 'abcb')", 2],
    ["tsql_charindex('b', 'abcb', 3)", 4],
    ["tsql_charindex('z', 'abc')", 0],
    ["tsql_substring('abc', 0, 2)", 'a'],
    ["tsql_substring('abcdef', 2, 3)", 'bcd'],
    ["tsql_substring('abc', 2, 100)", 'bc'],
    ["tsql_left('abc', 5)", 'abc'],
    ["tsql_right('abc', 2)", 'bc'],
    ["tsql_replace('aXbx', 'x', '-')", 'a-b-'],
    ["tsql_replace('a.b', '.', '\\\\')", 'a\\\\b'],
    ["tsql_replicate('ab', 3)", 'ababab'],
    ["CAST('abc' = 'ABC' AS INTEGER)", 1],
    ["CAST(tsql_str('abc') = tsql_str('ABC  ') AS INTEGER)", 1],
    ["CAST(tsql_str('abc') = tsql_str('  abc') AS INTEGER)", 0],
    ["tsql_datediff_week(DATE '2026-01-03', DATE '2026-01-04')", 1],
    ["tsql_datediff_week(DATE '2026-01-04', DATE '2026-01-10')", 0],
    ["tsql_datediff_week(DATE '2026-01-10', DATE '2025-12-27')", -2],
    ["CAST(date_diff('day', TIMESTAMP '2026-01-01 23:59', TIMESTAMP '2026-01-02 00:01') AS INTEGER)", 1],
    ["CAST(date_diff('month', DATE '2026-01-31', DATE '2026-02-01') AS INTEGER)", 1],
    ["CAST(date_diff('year', DATE '2025-12-31', DATE '2026-01-01') AS INTEGER)", 1],
    ["CAST(round(2.5, 0) AS DOUBLE)", 3],
    ["CAST(round(-2.5, 0) AS DOUBLE)", -3],
    ["CAST(tsql_round(2.567, 2, 1) AS DOUBLE)", 2.56],
    ["tsql_weekday(DATE '2026-11-22', 0)", 1],
    ["tsql_weekday(DATE '2026-11-22', 1)", 7],
    ["tsql_isnumeric('12.5')", 1],
    ["tsql_isnumeric('x')", 0],
  ])('%s = %p', async (expr, expected) => {
    const v = await session.scalar(`SELECT ${expr}`);
    expect(typeof v === 'bigint' ? Number(v) : v).toEqual(expected);
  });

  it.each(['tsql_idiv(1, 0)', 'tsql_div(1.0, 0)'])('%s raises an error', async (expr) => {
    await expect(session.scalar(`SELECT ${expr}`)).rejects.toThrow();
  });

  // STR rounds a float by its exact binary value, and refuses what its documentation leaves open.
  it.each([
    ['tsql_strf(123.45, 6, 1)', ' 123.5'], // documented: stored as 123.4500000000000028…
    ['tsql_strf(0.125, 5, 1)', '  0.1'], // 1.25 tenths: below half, far from it
    ['tsql_strf(1.45000001, 4, 1)', ' 1.5'],
    ['tsql_strf(999.96, 7, 1)', ' 1000.0'], // a carry with room for it
    ['tsql_strf(0.004, 6, 2)', '  0.00'],
    ['tsql_strf(-1234.5678, 8, 2)', '-1234.57'],
    ['tsql_strf(-1234.5678, 7, 2)', '-1234.6'], // one decimal fits
    ['tsql_strf(-1234.5678, 5, 2)', '-1235'], // none fits: the rounded integer
    ['tsql_strf(-1234.5678, 4, 2)', '****'],
    ['tsql_strf(12, 1, 0)', '*'],
    ['tsql_strf(0.00001, 20, 20)', '  0.0000100000000000'], // 16 decimals at most
    ['tsql_strf(7, 3, 20)', '7.0'], // as many as fit
    ['tsql_strf(99999999999999, 14, 0)', '99999999999999'],
  ])('%s = %p', async (expr, expected) => {
    expect(await session.scalar(`SELECT ${expr}`)).toBe(expected);
  });

  it.each([
    ['tsql_strf(2.675, 5, 2)', 'just below halfway'], // stored as 2.67499999999999982…, printed 2.675
    ['tsql_strf(2.5, 3, 0)', 'exactly halfway'],
    ['tsql_strf(0.125, 5, 2)', 'exactly halfway'],
    ['tsql_strf(-0.001, 5, 2)', 'negative value that rounds to zero'],
    ['tsql_strf(999.96, 5, 2)', 'fill the length exactly'], // one decimal fits, but 1000.0 does not
    ['tsql_strf(1234.5, 5, 2)', 'fill the length exactly'], // room for the point alone
    ['tsql_strf(1e15, 20, 0)', 'more than 15 significant digits'],
    ['tsql_strf(1.5, 0, 0)', 'length outside 1-8000'],
  ])('%s is refused (%s)', async (expr, why) => {
    await expect(session.scalar(`SELECT ${expr}`)).rejects.toThrow(why);
  });
});
