import { resultRows, runBody } from './emulator-helpers';

// AVG of tinyint, smallint and int is an int, of bigint a bigint, and SQL Server holds the sum it
// divides in that type: past its range AVG fails with 8115 although the average would fit
// (AVG of two rows of 2147483647 fails; AVG(CAST(x AS bigint)) does not). DuckDB's sum went on
// in HUGEINT and the emulator returned the average.
const table = 'CREATE TABLE #c (k int, n int, s smallint, t tinyint, b bigint);';
const caught = (select: string): string => `BEGIN TRY ${select}; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m; END CATCH`;

describe('AVG of an integer column', () => {
  it.each([
    ['int', 'SELECT AVG(n) AS v FROM #c', 'int'],
    ['int, by group', 'SELECT k, AVG(n) AS v FROM #c GROUP BY k', 'int'],
    ['int, over a window', 'SELECT AVG(n) OVER () AS v FROM #c', 'int'],
    ['bigint', 'SELECT AVG(b) AS v FROM #c', 'bigint'],
  ])('of %s whose sum passes the type is error 8115', async (_name, select, type) => {
    const r = await runBody(`${table} INSERT #c VALUES (1, 2147483647, 1, 1, 9223372036854775807), (1, 2147483647, 1, 1, 9223372036854775807); ${caught(select)}`);
    expect(resultRows(r)).toEqual([{ n: 8115, m: `Arithmetic overflow error converting expression to data type ${type}.` }]);
  });

  it('of int whose sum fits is the truncated quotient, an int (divided by 2.0: scale 6)', async () => {
    const r = await runBody(`${table} INSERT #c VALUES (1, -7, 30000, 200, 5), (1, 2, 30000, 250, 6), (1, 0, 30000, 255, 6);
      SELECT AVG(n) AS n, AVG(s) AS s, AVG(t) AS t, AVG(b) AS b, CAST(AVG(n) / 2.0 AS varchar(20)) AS half, AVG(CAST(n AS bigint)) AS nb FROM #c;`);
    expect(resultRows(r)).toEqual([{ n: -1, s: 30000, t: 235, b: 5, half: '-0.500000', nb: -1 }]);
  });

  it('of smallint and tinyint sums in int, past their own range', async () => {
    const r = await runBody(`${table} INSERT #c VALUES (1, 0, 32767, 255, 0), (1, 0, 32767, 255, 0); SELECT AVG(s) AS s, AVG(t) AS t FROM #c;`);
    expect(resultRows(r)).toEqual([{ s: 32767, t: 255 }]);
  });
});
