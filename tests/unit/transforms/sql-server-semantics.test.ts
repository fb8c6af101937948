import { EngineSession } from '../../../src/engine';
import { collationKey, roundedAverage, trimTrailingBlanks } from '../../../src/transforms/sql-server-semantics';

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
});
