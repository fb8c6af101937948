import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sql from 'mssql';
import { runCapture } from '../../src/legacy/capture';
import { quoteMssqlName, readMssqlConnection } from '../../src/legacy/mssql-runner';

// These tests need a real SQL Server: MIGRATE_MSSQL_URL (and MIGRATE_MSSQL_PASSWORD) pointing at
// a database where procedures/tables/*.sql and procedures/*.sql are deployed. Without it they are
// skipped; the emulator's tests (tests/unit/legacy) run everywhere.
const connection = readMssqlConnection();
const suite = connection === undefined ? describe.skip : describe;
const title = connection === undefined
  ? 'SQL Server capture (skipped: MIGRATE_MSSQL_URL is not set; export it to run against a server with the example deployed)'
  : 'SQL Server capture';

const root = join(__dirname, '../..');
// RunId too: SQL Server consumes identity values even in a rolled-back transaction.
const CLOCK_COLUMNS = /^(RunId|StartedAt|FinishedAt|LoadedAt|CreatedAt|UpdatedAt|ComputedAt)$/;

/** A CSV without the columns that hold the run's clock (SQL Server uses its own). */
function withoutClock(text: string): string[] {
  const lines = text.trimEnd().split('\n');
  const header = (lines[0] ?? '').split(',');
  const keep = header.map((h) => !CLOCK_COLUMNS.test(h));
  return lines.map((l) => l.split(',').filter((_, i) => keep[i]).join(','));
}

suite(title, () => {
  jest.setTimeout(120_000);

  async function countRows(table: string): Promise<number> {
    if (connection === undefined) return -1;
    const pool = await new sql.ConnectionPool({
      server: connection.server, port: connection.port, database: connection.database, user: connection.user, password: connection.password,
      options: { encrypt: connection.encrypt, trustServerCertificate: connection.trustServerCertificate },
    }).connect();
    try {
      const r = await pool.request().query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${quoteMssqlName(table)}`);
      return r.recordset[0]?.n ?? -1;
    } finally {
      await pool.close();
    }
  }

  it.each([
    ['dbo.usp_CountEntityLetters', {}],
    ['dbo.usp_BuildDeviceKpis', { FromDate: '2026-03-02', ToDate: '2026-03-07' }],
  ])('%s on SQL Server matches the emulator baseline and leaves the database unchanged', async (proc, params) => {
    const before = await countRows('dbo.ProcRunLog');
    const out = mkdtempSync(join(tmpdir(), 'mssql-capture-'));
    await runCapture({
      procedure: proc, dataDir: join(root, 'acceptance/example/data'), tablesDir: join(root, 'procedures/tables'),
      proceduresDir: join(root, 'procedures'), params, engine: 'mssql', outDir: out, format: 'csv',
    });
    expect(await countRows('dbo.ProcRunLog')).toBe(before);
    const baseline = join(root, 'acceptance/example/baseline', proc);
    for (const f of readdirSync(baseline).filter((x) => x.endsWith('.csv') && !x.startsWith('result-set'))) {
      expect(withoutClock(readFileSync(join(out, f), 'utf8'))).toEqual(withoutClock(readFileSync(join(baseline, f), 'utf8')));
    }
  });
});
