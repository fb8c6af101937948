import { EngineError } from '../../../../src/core';
import { EngineSession } from '../../../../src/engine';
import { allPrepared } from '../../../../src/legacy/emulator/fast-paths/prepared-statements';

// The prepared-statement cache must be invisible: same rows, same errors as EngineSession.all,
// also after the tables a kept statement reads are dropped and re-created.
describe('allPrepared', () => {
  let session: EngineSession;
  beforeEach(async () => { session = await EngineSession.open({ threads: 1 }); });
  afterEach(() => session.close());

  it.each([
    ['SELECT CAST($1 AS INTEGER) + 1 AS v', ['41'], [{ v: 42 }]],
    ['SELECT CAST($1 AS VARCHAR) AS v', [null], [{ v: null }]],
    ['WITH x AS (SELECT 1 AS v) SELECT v FROM x', [], [{ v: 1 }]],
  ])('%s gives what session.all gives, twice', async (sql, params, expected) => {
    expect(await allPrepared(session, sql, params)).toEqual(expected);
    expect(await allPrepared(session, sql, params)).toEqual(await session.all(sql, params.length > 0 ? params : undefined));
  });

  it('rebinds a kept statement after its table is re-created with other columns', async () => {
    await session.run('CREATE TABLE t (a INTEGER)');
    await session.run('INSERT INTO t VALUES (1)');
    expect(await allPrepared(session, 'SELECT * FROM t WHERE a >= CAST($1 AS INTEGER)', ['0'])).toEqual([{ a: 1 }]);
    await session.run('DROP TABLE t');
    await session.run("CREATE TABLE t (a INTEGER, b VARCHAR); INSERT INTO t VALUES (5, 'x')");
    expect(await allPrepared(session, 'SELECT * FROM t WHERE a >= CAST($1 AS INTEGER)', ['0'])).toEqual([{ a: 5, b: 'x' }]);
  });

  it.each([
    ["SELECT CAST($1 AS INTEGER) AS v", ['abc']],
    ['SELECT * FROM no_such_table WHERE 1 = CAST($1 AS INTEGER)', ['1']],
  ])('%s fails with the EngineError session.all gives, and works again afterwards', async (sql, params) => {
    const expected = await session.all(sql, params).catch((e: unknown) => e);
    const actual = await allPrepared(session, sql, params).catch((e: unknown) => e);
    expect(actual).toBeInstanceOf(EngineError);
    expect((actual as Error).message).toBe((expected as Error).message);
    expect(await allPrepared(session, 'SELECT CAST($1 AS INTEGER) AS v', ['7'])).toEqual([{ v: 7 }]);
  });

  it('keeps DML counts and effects of a repeated INSERT', async () => {
    await session.run('CREATE TABLE t (a INTEGER PRIMARY KEY)');
    for (const v of ['1', '2', '3']) expect(await allPrepared(session, 'INSERT INTO t VALUES (CAST($1 AS INTEGER))', [v])).toEqual([{ Count: 1n }]);
    await expect(allPrepared(session, 'INSERT INTO t VALUES (CAST($1 AS INTEGER))', ['2'])).rejects.toThrow(/[Dd]uplicate key/);
    expect(await session.all('SELECT count(*)::INTEGER AS n FROM t')).toEqual([{ n: 3 }]);
  });
});

describe('allPrepared with text that is not one statement', () => {
  it('runs it as session.all does', async () => {
    const session = await EngineSession.open({ threads: 1 });
    try {
      expect(await allPrepared(session, 'SELECT 1 AS a; SELECT 2 AS b', [])).toEqual(await session.all('SELECT 1 AS a; SELECT 2 AS b'));
    } finally {
      session.close();
    }
  });
});
