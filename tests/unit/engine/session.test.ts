import { EngineSession, quoteIdent } from '../../../src/engine';

describe('EngineSession', () => {
  it('runs parameterised queries and returns typed rows', async () => {
    const s = await EngineSession.open({ threads: 1 });
    try {
      await s.run(`CREATE TABLE ${quoteIdent('we"ird')} (id INTEGER, v VARCHAR)`);
      await s.run(`INSERT INTO ${quoteIdent('we"ird')} VALUES ($1, $2), ($3, $4)`, [1, "o'brien", 2, null]);
      const rows = await s.all(`SELECT * FROM ${quoteIdent('we"ird')} WHERE id >= $1 ORDER BY id`, [1]);
      expect(rows).toEqual([{ id: 1, v: "o'brien" }, { id: 2, v: null }]);
      expect(await s.scalar('SELECT count(*) FROM "we""ird"')).toBe(2n);
    } finally {
      s.close();
    }
  });

  it.each([
    ['memory', [['1', "o'brien"], [null, 'é\u0000x'], ['3', null]]],
    ['temp', [['x', '']]],
  ])('appends text rows in order to a VARCHAR table in the %s database', async (catalog, rows) => {
    const s = await EngineSession.open({ threads: 1 });
    try {
      await s.run(`CREATE ${catalog === 'temp' ? 'TEMP ' : ''}TABLE ${quoteIdent('ap"x')} (a VARCHAR, b VARCHAR)`);
      await s.appendText('ap"x', catalog, rows as (string | null)[][]);
      expect((await s.all(`SELECT a, b FROM ${catalog}.main.${quoteIdent('ap"x')}`)).map((r) => [r.a, r.b])).toEqual(rows);
      const err = await s.appendText('missing', catalog, [['1']]).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ENGINE_SQL' });
    } finally {
      s.close();
    }
  });

  it('wraps DuckDB failures in EngineError with the DuckDB message', async () => {
    const s = await EngineSession.open();
    try {
      await expect(s.all('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: 'ENGINE_SQL', message: expect.stringContaining('no_such_table') });
    } finally {
      s.close();
    }
  });

  it.each([
    ["TIMESTAMP '2024-01-01 10:00:00.000001'", '2024-01-01 10:00:00.000001'],
    ["'2024-01-01 10:00:00.1234567'::TIMESTAMP_NS", '2024-01-01 10:00:00.1234567'],
    ['0.1000000000000000001::DECIMAL(38,19)', '0.1000000000000000001'],
    ["DATE '2024-01-02'", '2024-01-02'],
    ['(0.1::DOUBLE + 0.2::DOUBLE)', 0.30000000000000004],
    ['NULL', null],
  ])('allExact keeps %s exact', async (expr, value) => {
    const s = await EngineSession.open({ threads: 1 });
    try {
      expect(await s.allExact(`SELECT ${expr} AS v`)).toEqual([{ v: value }]);
    } finally {
      s.close();
    }
  });
});
