import { collationKey, EngineSession, exactFloatAverage, exactFloatSum, exactFloatSumOfParts, exactFloatSumParts, roundedAverage, trimTrailingBlanks } from '../../../src/engine';

describe('sql-server-semantics', () => {
  let session: EngineSession;
  beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
  afterAll(() => session.close());

  const eval1 = async (sqlOf: (e: string) => string, value: string | null): Promise<unknown> => session.scalar(`SELECT ${sqlOf('x')} FROM (SELECT CAST($1 AS VARCHAR) AS x)`, [value]);

  // Only U+0020 is a trailing blank to SQL Server: tabs, newlines and no-break spaces stay.
  it.each([
    ['abc', 'abc'], ['abc  ', 'abc'], ['  abc', '  abc'], ['   ', ''], ['', ''], ['a b ', 'a b'],
    ['abc\t', 'abc\t'], ['abc\t ', 'abc\t'], ['abc\n', 'abc\n'], ['abc\u00a0', 'abc\u00a0'], ['abc\u3000 ', 'abc\u3000'], [null, null],
  ])('trimTrailingBlanks(%j) is %j, as rtrim(x, \' \')', async (value, expected) => {
    expect(await eval1(trimTrailingBlanks, value)).toBe(expected);
    expect(await eval1((e) => `rtrim(${e}, ' ')`, value)).toBe(expected);
  });

  it.each([
    ['PowerMode=Balanced', 'powermode=balanced'], ['UNKNOWN  ', 'unknown'], ['Ärger ', 'ärger'], ['Tab\t', 'tab\t'], [null, null],
  ])('collationKey(%j) is %j', async (value, expected) => {
    expect(await eval1(collationKey, value)).toBe(expected);
  });

  it.each([
    // sum of hundredths, count -> ROUND(AVG, 2) half away from zero
    ['250', '2', 1.25], ['-250', '2', -1.25], ['5', '2', 0.03], ['-5', '2', -0.03], ['0', '0', null], ['NULL', '3', null],
  ])('roundedAverage(%s, %s, 2) is %p', async (sum, count, expected) => {
    const v = await session.scalar(`SELECT CAST(${roundedAverage(`CAST(${sum} AS BIGINT)`, `CAST(${count} AS BIGINT)`, 2)} AS DOUBLE)`);
    expect(v).toBe(expected);
  });

  /** The aggregate over `values` loaded into a table in that order, read by one thread (so row order is scan order). */
  const aggregate = async (sqlOf: (e: string) => string, values: readonly (number | null)[]): Promise<unknown> => {
    await session.run('CREATE OR REPLACE TABLE float_rows (i INTEGER, x DOUBLE)');
    for (const [i, v] of values.entries()) await session.run('INSERT INTO float_rows VALUES ($1, CAST($2 AS DOUBLE))', [i, v === null ? null : String(v)]); // text: exact, and never bound as an integer
    return session.scalar(`SELECT ${sqlOf('x')} FROM float_rows`);
  };
  const naiveInOrder = (e: string): string => `sum(${e} ORDER BY i)`;

  // Each case sums to a different double when added row by row in another order (checked below,
  // so the data really exposes the order dependence); the exact sum is the same in every order.
  const TWO_53 = 2 ** 53;
  it.each([
    ['2^53 then two ones', [TWO_53, 1, 1], TWO_53 + 2],
    ['cancelling magnitudes', [1e16, 1, -1e16, 1], 2],
    ['tenths', [0.1, 0.2, 0.3], 0.6],
    // battery drains whose ROUND(AVG, 2) is 23.12 or 23.13 depending on the order they are added in
    ['battery drains', [25.51, 13.62, 28.98, 24.39], 92.5],
    ['battery drains, three ways', [6.72, 16.26, 20.68, 17.8], 61.46],
  ])('exactFloatSum of %s is the same in every row order (%p)', async (_name, values, expected) => {
    const reversed = [...values].reverse();
    const sorted = [...values].sort((a, b) => a - b);
    const naive = new Set([await aggregate(naiveInOrder, values), await aggregate(naiveInOrder, reversed), await aggregate(naiveInOrder, sorted)]);
    expect(naive.size).toBeGreaterThan(1);
    for (const order of [values, reversed, sorted]) expect(await aggregate(exactFloatSum, order)).toBe(expected);
  });

  it.each([
    ['no rows', [], null], ['only NULL', [null, null], null], ['NULL skipped', [1.5, null, 2.25], 3.75], ['zero', [0, -0, 0], 0],
    ['tiny', [3.5e-21, 1, -1], 3.5e-21], ['large', [3.7e22, 1], 3.7e22],
  ])('exactFloatSum of %s is %p', async (_name, values, expected) => {
    expect(await aggregate(exactFloatSum, values)).toBe(expected);
  });

  // Parts summed per finer group (here: i % groups) and the partial sums added again must give
  // the very double exactFloatSum gives over all rows: integer parts add exactly, in any order.
  it.each([
    ['2^53 then ones', [TWO_53, 1, 1, 1, -1], 3],
    ['cancelling magnitudes', [1e16, 1, -1e16, 1, 0.5], 2],
    ['battery drains', [25.51, 13.62, 28.98, 24.39, 6.72, 16.26, 20.68, 17.8, 3.9, 19.25, 21.99, 9.6], 5],
    ['tiny and large', [3.5e-21, 1, -1, 3.7e22, 0.1], 2],
    ['NULLs, one group all NULL', [null, 1.5, null, 2.25, null, 0.1], 3],
    ['only NULL', [null, null], 2],
  ])('exactFloatSumParts of %s, summed per finer group and folded, is exactFloatSum of all rows', async (_name, values, groups) => {
    const parts = exactFloatSumParts('x');
    const whole = await aggregate(exactFloatSum, values);
    const merged = await session.scalar(`SELECT ${exactFloatSumOfParts('sum(h)', 'sum(l)')} FROM (SELECT i % ${groups} AS g, ${parts.high} AS h, ${parts.low} AS l FROM float_rows GROUP BY g)`);
    expect(merged).toBe(whole);
    expect(exactFloatSum('x')).toBe(exactFloatSumOfParts(parts.high, parts.low));
  });

  it.each([
    ['below the window', [1e-30, 1]], ['above the window', [1e30]], ['infinity', [Infinity]],
  ])('exactFloatSum refuses a value %s instead of summing it in an arbitrary order', async (_name, values) => {
    await expect(aggregate(exactFloatSum, values)).rejects.toThrow(/exactFloatSum: the float value .* is outside the magnitudes/);
  });

  it.each([
    [[TWO_53, 1, 1], (TWO_53 + 2) / 3], [[1, null, 2], 1.5], [[null], null],
  ])('exactFloatAverage(%p) is the exact sum over the count of non-NULL values', async (values, expected) => {
    expect(await aggregate(exactFloatAverage, values)).toBe(expected);
    expect(await aggregate(exactFloatAverage, [...values].reverse())).toBe(expected);
  });
});
