import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runMigrate, type MigrateRun } from '../support/run-migrate';

// A Flyway-style folder that retires a procedure: V2 defines the aged-debt report (stub, then
// ALTER, so re-runs keep grants), V3 drops it and no later script brings it back. On SQL Server
// it is gone: analyze keeps its page for reference but draws it in no diagram and no migration
// order, and sections, status and capture do not offer it as work (before, `sections check`
// failed on its statements and capture stopped with an internal error of the emulator on a
// column V3's sp_rename had renamed away).
const cli = (...args: string[]): Promise<MigrateRun> => runMigrate(args);

describe('a procedure a later migration drops for good', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-retired-'));
  const procedures = join(ws, 'procedures');
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  beforeAll(() => {
    mkdirSync(procedures);
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(procedures, 'V1__ledger.sql'), [
      'CREATE TABLE dbo.Debtor (DebtorNo int NOT NULL PRIMARY KEY, Balance decimal(12,2) NOT NULL, DaysOverdue int NULL)',
      'GO',
      'CREATE TABLE dbo.DebtorBucket (DebtorNo int NOT NULL PRIMARY KEY, Bucket varchar(10) NOT NULL)',
      'GO',
    ].join('\n'));
    writeFileSync(join(procedures, 'V2__reports.sql'), [
      "IF OBJECT_ID(N'dbo.usp_AgedDebtReport') IS NULL EXEC('CREATE PROCEDURE dbo.usp_AgedDebtReport AS RETURN 0')",
      'GO',
      'ALTER PROCEDURE dbo.usp_AgedDebtReport AS',
      '    SELECT DebtorNo, Balance, DaysOverdue FROM dbo.Debtor WHERE DaysOverdue > 30 ORDER BY DebtorNo',
      'GO',
      'CREATE PROCEDURE dbo.usp_BucketDebtors AS',
      'BEGIN',
      '    DELETE dbo.DebtorBucket;',
      "    INSERT dbo.DebtorBucket (DebtorNo, Bucket) SELECT DebtorNo, CASE WHEN DaysLate > 90 THEN 'over 90' ELSE 'current' END FROM dbo.Debtor;",
      'END',
      'GO',
    ].join('\n'));
    writeFileSync(join(procedures, 'V3__retire_report.sql'), [
      '-- SR-1182: the aged-debt report moved to the BI team',
      "EXEC sp_rename 'dbo.Debtor.DaysOverdue', 'DaysLate', 'COLUMN'",
      'GO',
      'DROP PROCEDURE IF EXISTS dbo.usp_AgedDebtReport',
      'GO',
    ].join('\n'));
    writeFileSync(join(ws, 'data/dbo.Debtor.csv'), 'DebtorNo,Balance,DaysLate\n1,10.00,120\n');
    writeFileSync(join(ws, 'migrate.config.yaml'), 'paths:\n  procedures: procedures\n');
  });

  const inWorkspace = async <T>(f: () => Promise<T>): Promise<T> => {
    const cwd = process.cwd();
    process.chdir(ws);
    try {
      return await f();
    } finally {
      process.chdir(cwd);
    }
  };

  it('analyze marks it dropped, at its definition and the DROP, and leaves it out of the diagram and order', async () => {
    const run = await inWorkspace(() => cli('analyze', 'procedures', '--out', 'dataflow'));
    expect(run.code).toBe(0);
    expect(run.out).toContain('procedures/V2__reports.sql:3:1: warning OBJECT_DROPPED: dbo.usp_AgedDebtReport is dropped at procedures/V3__retire_report.sql:4');
    expect(run.out).toMatch(/^dbo\.usp_AgedDebtReport \(dropped\) /m);
    const index = readFileSync(join(ws, 'dataflow/index.md'), 'utf8');
    expect(index).toContain('(ALTER in procedures/V2__reports.sql:3, dropped in procedures/V3__retire_report.sql:4)');
    const [, diagramAndOrder] = index.split('## System diagram');
    expect(diagramAndOrder).toContain('dbo.usp_BucketDebtors');
    expect(diagramAndOrder).not.toMatch(/AgedDebtReport/i);
    expect(readFileSync(join(ws, 'dataflow/dbo.usp_ageddebtreport.md'), 'utf8')).toContain('> **Dropped.** This page shows the ALTER in `procedures/V2__reports.sql:3`; `procedures/V3__retire_report.sql:4` drops the object');
  });

  it('worker threads write the same index', () => {
    const bin = resolve('bin/migrate.js');
    if (!existsSync(resolve('dist/cli/main.js'))) return; // threads start only from the compiled CLI
    const p = spawnSync(process.execPath, [bin, 'analyze', 'procedures', '--out', 'dataflow-threads'], { cwd: ws, encoding: 'utf8', env: { ...process.env, TSQL_MIGRATE_ANALYZE_THREADS: '2' } });
    expect(p.status).toBe(0);
    expect(readFileSync(join(ws, 'dataflow-threads/index.md'), 'utf8')).toBe(readFileSync(join(ws, 'dataflow/index.md'), 'utf8'));
  });

  it('sections check and status pass over it; propose and capture say where it was dropped', async () => {
    await inWorkspace(async () => {
      expect((await cli('sections', 'propose', 'dbo.usp_BucketDebtors')).code).toBe(0);
      const check = await cli('sections', 'check');
      expect(check.code).toBe(0);
      expect(check.out + check.err).not.toContain('AgedDebtReport');
      expect((await cli('status')).out).not.toContain('AgedDebtReport');
      const propose = await cli('sections', 'propose', 'dbo.usp_AgedDebtReport');
      expect(propose.code).toBe(2);
      expect(propose.err).toContain('dbo.usp_AgedDebtReport is dropped at procedures/V3__retire_report.sql:4 and no later script defines it again');
      const capture = await cli('capture', 'dbo.usp_AgedDebtReport', '--data', 'data', '--out', 'baseline');
      expect(capture.code).toBe(2);
      expect(capture.err).toContain('dbo.usp_AgedDebtReport is dropped at procedures/V3__retire_report.sql:4');
      expect(capture.err).not.toContain('internal error');
    });
  });
});
