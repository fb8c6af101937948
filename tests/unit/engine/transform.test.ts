import { EngineSession, checkEntityIndependence, datetime2Sql, defineTransform, diffRowSets, notImplemented, runTransform, table, type RowOf } from '../../../src/engine';

const usage = table({ DeviceId: 'int', RecordedAt: 'timestamp', CpuPct: 'double?' });
const avgOut = table({ DeviceId: 'int', AvgCpu: 'double?', Samples: 'bigint' });

const avgCpu = defineTransform({
  name: 'dbo.test/01-avg',
  inputs: { usage },
  outputName: '#avg',
  output: avgOut,
  entity: 'DeviceId',
  sql: ({ table, q }) => `SELECT ${q('DeviceId')}, avg(CpuPct) AS AvgCpu, count(*) AS Samples FROM ${table('usage')} GROUP BY ALL`,
});

const rows: RowOf<typeof usage>[] = [
  { DeviceId: 1, RecordedAt: '2024-01-01 00:00:00', CpuPct: 10 },
  { DeviceId: 1, RecordedAt: '2024-01-01 01:00:00', CpuPct: null },
  { DeviceId: 2, RecordedAt: '2024-01-01 00:00:00', CpuPct: 30 },
];

describe('typed transforms', () => {
  let session: EngineSession;
  beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
  afterAll(() => session.close());

  it('runs a set-based body and returns typed rows (AVG ignores NULL)', async () => {
    const out = await runTransform(session, avgCpu, { usage: rows });
    expect(out).toEqual([{ DeviceId: 1, AvgCpu: 10, Samples: 2n }, { DeviceId: 2, AvgCpu: 30, Samples: 1n }]);
  });

  it.each([
    ['a missing column', 'SELECT DeviceId, count(*) AS Samples FROM {t} GROUP BY ALL', /missing column AvgCpu/],
    ['an extra column', 'SELECT DeviceId, avg(CpuPct) AS AvgCpu, count(*) AS Samples, 1 AS x FROM {t} GROUP BY ALL', /unexpected column x/],
    ['a wrong type', 'SELECT DeviceId, \'a\' AS AvgCpu, count(*) AS Samples FROM {t} GROUP BY ALL', /AvgCpu: expected double\? \(DOUBLE\), found VARCHAR/],
    ['NULL in a not-nullable column', 'SELECT NULL::INTEGER AS DeviceId, 1.0::DOUBLE AS AvgCpu, 1::BIGINT AS Samples FROM {t}', /DeviceId is declared not nullable but 3 row/],
  ])('rejects a result with %s', async (_name, sql, message) => {
    const bad = defineTransform({ name: 'bad', inputs: { usage }, outputName: '#avg', output: avgOut, sql: ({ table }) => sql.replace('{t}', table('usage')) });
    await expect(runTransform(session, bad, { usage: rows })).rejects.toThrow(message);
  });

  it('binds parameters with their declared types', async () => {
    const t = defineTransform({
      name: 'p', inputs: { usage }, outputName: 'o', output: table({ n: 'bigint' }), params: { '@From': 'timestamp' },
      sql: ({ table, param }) => `SELECT count(*) AS n FROM ${table('usage')} WHERE RecordedAt >= ${param('@From')}`,
    });
    expect(await runTransform(session, t, { usage: rows }, { '@From': '2024-01-01 00:30:00' })).toEqual([{ n: 1n }]);
  });

  // A drafted `GROUP BY DATEDIFF(WEEK, @Start, [Due Date])` with the same expression selected: each
  // param() was a new placeholder ($1, $2), so DuckDB saw two expressions and refused to bind
  // the select list (mrp probe). The clock is read the same way (DATEDIFF(day, x, GETDATE())).
  it.each([
    ['a parameter', "date_diff('hour', {p}, RecordedAt)"],
    ['the clock', "date_diff('hour', RecordedAt, {c})"],
  ])('reads %s in a GROUP BY expression the select list repeats', async (_what, expr) => {
    const t = defineTransform({
      name: 'g', inputs: { usage }, outputName: 'o', output: table({ h: 'bigint', n: 'bigint' }), params: { '@From': 'timestamp' },
      sql: ({ table, param, clock }) => {
        const e = (): string => expr.replace('{p}', () => param('@From')).replace('{c}', () => clock());
        return `SELECT ${e()} AS h, count(*) AS n FROM ${table('usage')} GROUP BY ${e()} ORDER BY h`;
      },
    });
    const out = await runTransform(session, t, { usage: rows }, { '@From': '2024-01-01 00:00:00' }, { clock: '2024-01-01 02:00:00' });
    expect(out).toEqual(expr.includes('{p}') ? [{ h: 0n, n: 2n }, { h: 1n, n: 1n }] : [{ h: 1n, n: 1n }, { h: 2n, n: 2n }]);
  });

  describe('datetime2 columns (their 7-digit text)', () => {
    const dim = table({ K: 'int', ValidTo: 'datetime2' });
    const dimRows: RowOf<typeof dim>[] = [{ K: 1, ValidTo: '9999-12-31 23:59:59.9999999' }, { K: 2, ValidTo: '9999-12-31 23:59:59.9999998' }];
    const current = (sql: (c: { table: (n: 'dim') => string; param: (n: '@End') => string }) => string) => defineTransform({
      name: 'dt2', inputs: { dim }, outputName: 'o', output: dim, params: { '@End': 'datetime2' }, sql: ({ table, param }) => sql({ table, param }),
    });

    it('holds, binds and compares values 100 ns apart as two values', async () => {
      const t = current(({ table, param }) => `SELECT K, ValidTo FROM ${table('dim')} WHERE ValidTo = ${param('@End')}`);
      expect(await runTransform(session, t, { dim: dimRows }, { '@End': '9999-12-31 23:59:59.9999999' })).toEqual([{ K: 1, ValidTo: '9999-12-31 23:59:59.9999999' }]);
    });

    it.each([
      ['a TIMESTAMP', "SELECT K, TIMESTAMP '2024-01-01 10:00:00' AS ValidTo FROM {t}", /ValidTo: expected datetime2 \(VARCHAR\), found TIMESTAMP \(datetime2Sql/],
      ['text cut to microseconds', 'SELECT K, left(ValidTo, 26) AS ValidTo FROM {t}', /ValidTo \(datetime2\): 2 row\(s\) are not datetime2 text .*e\.g\. '9999-12-31 23:59:59\.999999'/],
    ])('rejects %s in a datetime2 column', async (_name, sql, message) => {
      const t = current(({ table }) => sql.replace('{t}', table('dim')));
      await expect(runTransform(session, t, { dim: dimRows }, { '@End': null as unknown as string })).rejects.toThrow(message);
    });

    it('accepts a timestamp written with datetime2Sql', async () => {
      const t = current(({ table }) => `SELECT K, ${datetime2Sql("TIMESTAMP '2024-01-01 10:00:00.5'")} AS ValidTo FROM ${table('dim')}`);
      expect(await runTransform(session, t, { dim: dimRows }, { '@End': null as unknown as string })).toEqual([{ K: 1, ValidTo: '2024-01-01 10:00:00.5000000' }, { K: 2, ValidTo: '2024-01-01 10:00:00.5000000' }]);
    });
  });

  it('runs a TypeScript body over rows when SQL cannot express the logic', async () => {
    const t = defineTransform({
      name: 'ts', inputs: { usage }, outputName: 'o', output: table({ DeviceId: 'int', Hour: 'text' }),
      rows: ({ usage: u }) => u.map((r) => ({ DeviceId: r.DeviceId, Hour: r.RecordedAt.slice(11, 13) })),
    });
    expect(await runTransform(session, t, { usage: rows })).toEqual([{ DeviceId: 1, Hour: '00' }, { DeviceId: 1, Hour: '01' }, { DeviceId: 2, Hour: '00' }]);
  });

  it('proves entity independence of a per-entity aggregate', async () => {
    await expect(checkEntityIndependence(session, avgCpu, { usage: rows })).resolves.toBe(2);
  });

  it('catches a transform whose rows depend on other entities', async () => {
    const leaky = defineTransform({
      ...avgCpu, name: 'leaky',
      sql: ({ table }) => `SELECT DeviceId, avg(CpuPct) OVER () AS AvgCpu, 1::BIGINT AS Samples FROM ${table('usage')}`,
    });
    await expect(checkEntityIndependence(session, leaky, { usage: rows })).rejects.toThrow(/not entity-independent on DeviceId/);
  });

  it('names an entity column that no input carries, instead of reporting every row as entity-dependent', async () => {
    // the scaffolded entity was the output's Entity, the inputs call it EntityCode: nothing can be split
    const renamed = defineTransform({ ...avgCpu, name: 'renamed', entity: 'Device' });
    await expect(checkEntityIndependence(session, renamed, { usage: rows })).rejects.toThrow(/declares entity 'Device', a column of none of its inputs \(usage\)/);
  });

  it('tells entities apart as SQL Server does: text case-insensitively, without trailing blanks', async () => {
    // 'N', 'n ' and 'N' are one region to the legacy GROUP BY (and to a drafted transform)
    const sales = table({ Region: 'text', Amount: 'double' });
    const byRegion = defineTransform({
      name: 'dbo.test/02-region', inputs: { sales }, outputName: '#r', output: table({ Region: 'text', Total: 'double' }), entity: 'Region',
      sql: ({ table }) => `SELECT min(Region) AS Region, sum(Amount) AS Total FROM ${table('sales')} GROUP BY lower(rtrim(Region, ' '))`,
    });
    const rows = [{ Region: 'N', Amount: 1 }, { Region: 'n ', Amount: 2 }, { Region: 'S', Amount: 4 }];
    await expect(checkEntityIndependence(session, byRegion, { sales: rows })).resolves.toBe(2);
  });

  it('runs the rows whose entity is NULL as one entity of their own, as GROUP BY groups them', async () => {
    // reps without a region are reported as '(none)': the legacy ISNULL(r.[Region Name], '(none)')
    const rep = table({ 'Region Name': 'text?', 'Annual Quota': 'int?' });
    const byRegion = defineTransform({
      name: 'dbo.test/03-region-quota', inputs: { rep }, outputName: '#q', output: table({ 'Region Name': 'text', Reps: 'bigint' }), entity: 'Region Name',
      sql: ({ table }) => `SELECT coalesce(min("Region Name"), '(none)') AS "Region Name", count(*) AS Reps FROM ${table('rep')} GROUP BY lower(rtrim("Region Name", ' '))`,
    });
    const reps = [{ 'Region Name': 'East', 'Annual Quota': 1200 }, { 'Region Name': null, 'Annual Quota': null }, { 'Region Name': null, 'Annual Quota': 60 }];
    await expect(checkEntityIndependence(session, byRegion, { rep: reps })).resolves.toBe(2);
    // a NULL-region row that reads the other regions' rows is still caught
    const leaky = defineTransform({ ...byRegion, name: 'dbo.test/04-leaky', sql: ({ table }) => `SELECT coalesce("Region Name", '(none)') AS "Region Name", (SELECT count(*) FROM ${table('rep')}) AS Reps FROM ${table('rep')} WHERE "Region Name" IS NULL LIMIT 1` });
    await expect(checkEntityIndependence(session, leaky, { rep: reps })).rejects.toThrow(/not entity-independent on Region Name: running all 2 entities/);
  });

  it('a stub throws not implemented', async () => {
    const stub = defineTransform({ name: 'dbo.x/01-y', inputs: { usage }, outputName: 'o', output: avgOut, sql: () => notImplemented('dbo.x/01-y') });
    await expect(runTransform(session, stub, { usage: rows })).rejects.toThrow('not implemented: dbo.x/01-y');
  });
});

describe('diffRowSets', () => {
  it.each([
    [[{ a: 1, b: 1.0 }], [{ a: 1, b: 1.004 }], 0.01, 0, 0],
    [[{ a: 1, b: 1.0 }], [{ a: 1, b: 1.1 }], 0.01, 1, 1],
    [[{ a: 1, b: null }, { a: 1, b: null }], [{ a: 1, b: null }], 0, 1, 0],
  ])('%j vs %j (tolerance %p)', (expected, actual, tol, missing, extra) => {
    const d = diffRowSets(expected, actual, ['a', 'b'], tol);
    expect([d.missing.length, d.extra.length]).toEqual([missing, extra]);
  });
});
