import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession, quoteLiteral } from '../../src/engine';
import { runMigrate, type MigrateRun } from '../support/run-migrate';

// The CI gate over generated data: a "legacy" baseline as CSV (SQL Server style: CHAR padding,
// 1/0 bits, numeric text, style-100 dates, NULL markers) and a "new pipeline" output as Parquet
// must pass `migrate accept acceptance/`; one injected change must fail it with exit 1.

const ROWS = 50000;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'accept-gate-'));
  mkdirSync(join(dir, 'baselines'));
  mkdirSync(join(dir, 'out'));
  mkdirSync(join(dir, 'acceptance'));
  const s = await EngineSession.open({ threads: 2 });
  try {
    await s.run(`CREATE TABLE kpi AS SELECT i AS device_id, 'dev' || i AS name, round(i * 0.37, 2) AS revenue, (i % 2 = 0) AS active,
      TIMESTAMP '2024-01-01 00:00:00' + to_minutes(i) AS measured_at, now() AS loaded_at FROM range(${ROWS}) t(i)`);
    const legacy = `SELECT device_id, rpad(name, 12, ' ') AS name, printf('%.4f', revenue) AS revenue, CASE WHEN active THEN '1' ELSE '0' END AS active,
      strftime(measured_at, '%b %d %Y %I:%M%p') AS measured_at, 'x' AS loaded_at FROM kpi`;
    await s.run(`COPY (${legacy}) TO ${quoteLiteral(join(dir, 'baselines/kpi.csv'))} (HEADER)`);
    await s.run(`COPY (SELECT device_id, name, revenue + 1e-12 AS rev, active, measured_at, loaded_at FROM kpi ORDER BY hash(device_id)) TO ${quoteLiteral(join(dir, 'out/kpi.parquet'))} (FORMAT parquet)`);
    await s.run(`COPY (SELECT device_id, name, CASE WHEN device_id = 4242 THEN revenue + 1 ELSE revenue END + 1e-12 AS rev, active, measured_at, loaded_at FROM kpi) TO ${quoteLiteral(join(dir, 'out/kpi-broken.parquet'))} (FORMAT parquet)`);
  } finally {
    s.close();
  }
  const config = (actual: string): string => [
    'key: device_id', 'trim: true', 'tolerance: 1e-9', 'map: { revenue: rev }', 'ignore: [loaded_at]',
    'expected: ../baselines/kpi.csv', `actual: ../out/${actual}`, '',
  ].join('\n');
  writeFileSync(join(dir, 'acceptance/kpi.yaml'), config('kpi.parquet'));
  writeFileSync(join(dir, 'kpi-broken.yaml'), config('kpi-broken.parquet').replace(/\.\.\//g, ''));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const accept = (...args: string[]): Promise<MigrateRun> => runMigrate(['accept', ...args]);

describe('acceptance gate on generated data', () => {
  it('passes when the new output matches the legacy baseline', async () => {
    const junit = join(dir, 'junit.xml');
    const r = await accept(join(dir, 'acceptance'), '--junit', junit);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n').pop()).toBe(`Test Passed. ${ROWS} records tested. Percentage Matched: 100%`);
    expect(readFileSync(junit, 'utf8')).toMatch(/tests="1" failures="0"/);
  });

  it('fails on one changed value, and says which record and column', async () => {
    const r = await accept(join(dir, 'kpi-broken.yaml'), '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { records: number; matched: number; changed: number; columns: Record<string, { mismatches: number }> };
    expect([j.records, j.matched, j.changed, j.columns.revenue?.mismatches]).toEqual([ROWS, ROWS - 1, 1, 1]);
  });
});
