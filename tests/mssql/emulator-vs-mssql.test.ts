import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMssqlConnection } from '../../src/legacy/mssql-runner';
import { runMigrate } from '../support/run-migrate';

// How a team measures the emulator on its own code (README, "Measuring the emulator"): capture
// the same procedure on the same inputs with --engine mssql and --engine emulator, then let
// `migrate accept` compare every table, keyed, with the run's clock columns left out.
// Needs MIGRATE_MSSQL_URL (and MIGRATE_MSSQL_PASSWORD) pointing at a database where
// procedures/tables/*.sql and procedures/*.sql are deployed; skipped, and saying so, without it.
const connection = readMssqlConnection();
const suite = connection === undefined ? describe.skip : describe;
const title = connection === undefined
  ? 'emulator vs SQL Server through migrate accept (skipped: MIGRATE_MSSQL_URL is not set)'
  : 'emulator vs SQL Server through migrate accept';

const root = join(__dirname, '../..');
const CLOCK_COLUMNS = ['RunId', 'StartedAt', 'FinishedAt', 'LoadedAt'];

interface Manifest { readonly tables: readonly { readonly file: string; readonly key: readonly string[] }[] }

suite(title, () => {
  jest.setTimeout(180_000);

  it.each([
    ['dbo.usp_CountEntityLetters', []],
    ['dbo.usp_BuildDeviceKpis', ['--param', 'FromDate=2026-03-02', '--param', 'ToDate=2026-03-07']],
  ])('%s: every table the emulator writes matches SQL Server at 100%%', async (proc, params) => {
    const common = [proc, '--data', join(root, 'acceptance/example/data'), '--tables', join(root, 'procedures/tables'), '--procedures', join(root, 'procedures'), ...params];
    const mssql = mkdtempSync(join(tmpdir(), 'measure-mssql-'));
    const emulator = mkdtempSync(join(tmpdir(), 'measure-emulator-'));
    expect((await runMigrate(['capture', ...common, '--engine', 'mssql', '--out', mssql])).code).toBe(0);
    expect((await runMigrate(['capture', ...common, '--engine', 'emulator', '--out', emulator])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(mssql, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.tables.length).toBeGreaterThan(0);
    for (const t of manifest.tables) {
      const header = (readFileSync(join(mssql, t.file), 'utf8').split('\n')[0] ?? '').split(',');
      const clock = CLOCK_COLUMNS.filter((c) => header.includes(c));
      const args = ['accept', '--expected', join(mssql, t.file), '--actual', join(emulator, t.file), '--json', ...clock.flatMap((c) => ['--ignore', c])];
      if (t.key.length > 0) args.push('--key', t.key.join(','));
      const r = await runMigrate(args);
      expect({ table: t.file, code: r.code, result: JSON.parse(r.out) as unknown }).toMatchObject({ table: t.file, code: 0, result: { percentMatched: 100 } });
    }
  });
});
