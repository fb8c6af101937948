import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate, type MigrateRun } from '../support/run-migrate';

// A Flyway-style migrations folder: V1 creates a procedure, V2 ALTERs it, V10 drops it (behind
// an OBJECT_ID guard) and creates it again with a parameter. Flyway runs V10 after V2 (versions
// compare as numbers), and the CREATE after the DROP succeeds, so V10's definition is in effect.
const repo = join(__dirname, '../..');
const fixture = join(repo, 'tests/fixtures/workspaces/numbered-migrations');
const cli = (...args: string[]): Promise<MigrateRun> => runMigrate(args);

describe('numbered migrations with a DROP and CREATE again, through analyze and capture', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-numbered-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('analyze takes the files in version order and the CREATE after the DROP as the definition in effect', async () => {
    cpSync(join(fixture, 'procedures'), join(ws, 'procedures'), { recursive: true });
    const analyze = await cli('analyze', join(ws, 'procedures'), '--out', join(ws, 'dataflow'));
    expect(analyze.code).toBe(0);
    expect(analyze.out.split('\n').filter((l) => /^(dbo\.|script )/.test(l)).map((l) => l.split(/\s{2,}/)[0])).toEqual([
      'dbo.usp_RefreshBalances (not in effect)', 'dbo.usp_RefreshBalances (not in effect)', 'dbo.usp_RefreshBalances',
    ]);
    const page = readFileSync(join(ws, 'dataflow/dbo.usp_refreshbalances.md'), 'utf8');
    expect(page).toContain('This page shows the CREATE after DROP in `');
    expect(page).toContain('V10__recreate.sql:4');
    expect(page).toContain('`@Currency`');
  });

  it('capture runs the procedure V10 created, on the table as V2 left it', async () => {
    const out = join(ws, 'baseline');
    const run = await cli('capture', 'dbo.usp_RefreshBalances', '--procedures', join(ws, 'procedures'), '--data', join(fixture, 'data'), '--out', out);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    // V10's default currency is USD (V2 summed EUR, V1 every invoice)
    expect(readFileSync(join(out, 'dbo.CustBalance.csv'), 'utf8').trim().split('\n')).toEqual(['CustId,Balance', '10,5.25', '11,1.75']);
  });

  it('capture reads the procedures where migrate.config.yaml says they are, as sections and run do', async () => {
    const team = join(ws, 'team');
    mkdirSync(team);
    writeFileSync(join(team, 'migrate.config.yaml'), `paths:\n  procedures: ${JSON.stringify(join(ws, 'procedures'))}\n  acceptance: checks\n`);
    const cwd = process.cwd();
    process.chdir(team);
    try {
      const run = await cli('capture', 'dbo.usp_RefreshBalances', '--data', join(fixture, 'data'));
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(readFileSync(join(team, 'checks/baseline/dbo.usp_RefreshBalances/dbo.CustBalance.csv'), 'utf8').trim().split('\n')).toEqual(['CustId,Balance', '10,5.25', '11,1.75']);
  });
});

// The same release split in two files, as many teams write it: V10 only drops the procedure,
// V11 creates it again. V11's plain CREATE succeeds on SQL Server, so it is the one in effect.
describe('a DROP in one migration and the CREATE in the next', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-numbered-split-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  const procedures = join(ws, 'procedures');

  beforeAll(() => {
    cpSync(join(fixture, 'procedures'), procedures, { recursive: true });
    const [drop, create] = readFileSync(join(procedures, 'V10__recreate.sql'), 'utf8').split(/^GO\r?\n/m) as [string, string];
    unlinkSync(join(procedures, 'V10__recreate.sql'));
    writeFileSync(join(procedures, 'V10__drop_refresh.sql'), `${drop}GO\n`);
    writeFileSync(join(procedures, 'V11__refresh_balances.sql'), create);
  });

  it('analyze (one thread) shows V11\'s definition', async () => {
    const analyze = await cli('analyze', procedures, '--out', join(ws, 'dataflow'));
    expect(analyze.code).toBe(0);
    const page = readFileSync(join(ws, 'dataflow/dbo.usp_refreshbalances.md'), 'utf8');
    expect(page).toContain('This page shows the CREATE after DROP in `');
    expect(page).toContain('V11__refresh_balances.sql:1');
  });

  it('capture runs it, and sections read its parameters', async () => {
    const out = join(ws, 'baseline');
    const run = await cli('capture', 'dbo.usp_RefreshBalances', '--procedures', procedures, '--data', join(fixture, 'data'), '--out', out);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(out, 'dbo.CustBalance.csv'), 'utf8').trim().split('\n')).toEqual(['CustId,Balance', '10,5.25', '11,1.75']);
    writeFileSync(join(ws, 'migrate.config.yaml'), 'paths:\n  procedures: procedures\n');
    const cwd = process.cwd();
    process.chdir(ws);
    try {
      const propose = await cli('sections', 'propose', 'dbo.usp_RefreshBalances', '--dry-run');
      expect(propose.code).toBe(0);
      expect(propose.out).toContain('Given parameter @Currency:text? = USD');
    } finally {
      process.chdir(cwd);
    }
  });
});

// An upgrade script that rebuilds a table with other columns (DROP TABLE, then CREATE TABLE):
// the rebuilt table is the one procedures read, in analyze, the specs and the emulator alike.
// Read as the first CREATE, AVG over the whole-number amounts below would be int (1, not 1.5).
describe('a table a later migration drops and creates again', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-rebuilt-table-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  const procedures = join(ws, 'procedures');

  beforeAll(() => {
    mkdirSync(procedures);
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(procedures, 'V1__price.sql'), 'CREATE TABLE dbo.Price (Sku varchar(10) NOT NULL, Amount int NOT NULL);\nGO\nALTER TABLE dbo.Price ADD Note varchar(20) NULL;\nGO\n');
    writeFileSync(join(procedures, 'V2__rebuild_price.sql'), [
      "IF OBJECT_ID('dbo.Price') IS NOT NULL DROP TABLE dbo.Price;",
      'GO',
      "CREATE TABLE dbo.Price (Sku varchar(10) NOT NULL, Amount decimal(9,2) NOT NULL, Currency char(3) NOT NULL DEFAULT 'EUR');",
      'GO',
      '',
    ].join('\n'));
    writeFileSync(join(procedures, 'V3__average.sql'), [
      'CREATE PROCEDURE dbo.usp_AveragePrice AS',
      'BEGIN',
      '  SELECT AVG(Amount) AS Average FROM dbo.Price;',
      '  SELECT * INTO #copy FROM dbo.Price;',
      '  SELECT Currency FROM #copy;',
      'END',
      'GO',
      '',
    ].join('\n'));
    writeFileSync(join(ws, 'data/dbo.Price.csv'), 'Sku,Amount,Currency\nA,1,EUR\nB,2,EUR\n');
    writeFileSync(join(ws, 'migrate.config.yaml'), 'paths:\n  procedures: procedures\n');
  });

  it('capture runs on the rebuilt table (decimal amounts, no Note column)', async () => {
    const out = join(ws, 'baseline');
    const run = await cli('capture', 'dbo.usp_AveragePrice', '--procedures', procedures, '--tables', procedures, '--data', join(ws, 'data'), '--out', out);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(out, 'result-set-1.csv'), 'utf8')).toBe('Average\n1.500000\n');
  });

  it('sections give the rebuilt columns and types, and analyze resolves SELECT * against them', async () => {
    const cwd = process.cwd();
    process.chdir(ws);
    try {
      const propose = await cli('sections', 'propose', 'dbo.usp_AveragePrice', '--dry-run');
      expect(propose.code).toBe(0);
      expect(propose.out).toContain('| Amount:decimal(9,2) |');
      expect(propose.out).not.toContain('Note');
      const analyze = await cli('analyze', 'procedures', '--out', 'dataflow', '--json');
      expect(analyze.code).toBe(0);
      expect(readFileSync(join(ws, 'dataflow/dbo.usp_averageprice.md'), 'utf8')).toMatch(/#copy[^\n]*Currency|Currency[^\n]*#copy/);
    } finally {
      process.chdir(cwd);
    }
  });
});
