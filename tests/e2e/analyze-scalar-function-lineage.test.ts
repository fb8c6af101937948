import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// `migrate analyze` of a billing procedure whose line amount is computed by a scalar user
// function (`dbo.fn_UnitPrice(r.[Tier Code], r.Qty)`) whose body reads cis.[Rate Tier]: the
// step reads the table (the --json contract's reads), and the column's origins name the column
// the function's value comes from, [Unit Price], as the function writes it. A function the files
// do not define adds nothing. The function is defined in a file of its own (the set's catalog).

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'analyze-scalar-function-'));
  const write = (name: string, lines: readonly string[]): void => {
    const p = join(dir, 'db', name);
    mkdirSync(resolve(p, '..'), { recursive: true });
    writeFileSync(p, `${lines.join('\r\n')}\r\n`);
  };
  write('Tables/tables.sql', [
    'CREATE TABLE cis.[Rate Tier] ([Tier Code] char(3) NOT NULL, [Effective Date] date NOT NULL, [Unit Price] decimal(9, 4) NOT NULL, PRIMARY KEY ([Tier Code], [Effective Date]))',
    'GO',
    'CREATE TABLE dbo.[Meter Read] ([Read ID] int NOT NULL PRIMARY KEY, [Tier Code] char(3) NOT NULL, Qty int NOT NULL)',
    'GO',
    'CREATE TABLE dbo.[Bill Line] ([Read ID] int NOT NULL, [Line Amount] decimal(12, 2) NULL, [Tax Amount] decimal(12, 2) NULL)',
    'GO',
  ]);
  write('Functions/fn_UnitPrice.sql', [
    'CREATE FUNCTION dbo.fn_UnitPrice (@TierCode char(3), @Qty int)',
    'RETURNS decimal(12, 2)',
    'AS',
    'BEGIN',
    '    DECLARE @Price decimal(9, 4);',
    '    SELECT TOP (1) @Price = rt.[Unit Price]',
    '    FROM cis.[Rate Tier] AS rt',
    '    WHERE rt.[Tier Code] = @TierCode',
    '    ORDER BY rt.[Effective Date] DESC;',
    '    RETURN ISNULL(@Price, 0) * @Qty;',
    'END',
    'GO',
  ]);
  write('Stored Procedures/usp_Bill Reads.sql', [
    'CREATE PROCEDURE dbo.[usp_Bill Reads]',
    'AS',
    'BEGIN',
    '    SET NOCOUNT ON;',
    '    INSERT INTO dbo.[Bill Line] ([Read ID], [Line Amount], [Tax Amount])',
    '    SELECT r.[Read ID], dbo.fn_UnitPrice(r.[Tier Code], r.Qty), dbo.fn_TaxOf(r.Qty)',
    '    FROM dbo.[Meter Read] AS r;',
    'END',
    'GO',
  ]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ObjectDetail { name: string; reads: string[]; writes: string[] }

describe('migrate analyze: lineage through a scalar user function', () => {
  it('reads what the function body reads, and traces the computed column to the column its value comes from', async () => {
    const run = await runMigrate(['analyze', join(dir, 'db'), '--out', join(dir, 'out'), '--json']);
    expect(run.code).toBe(0);
    const objects = (JSON.parse(run.out) as { objectsDetail: ObjectDetail[] }).objectsDetail;
    const proc = objects.find((o) => o.name === 'dbo.usp_bill reads');
    expect(proc?.reads).toEqual(['cis.rate tier', 'dbo.meter read']);
    expect(proc?.writes).toEqual(['dbo.bill line']);
    const md = readFileSync(join(dir, 'out', 'dbo.usp_bill reads.md'), 'utf8');
    // the step table: the function's columns read, as it writes them
    expect(md).toContain('`cis.Rate Tier` (Effective Date, Tier Code, Unit Price), `dbo.Meter Read` (Qty, Read ID, Tier Code)');
    // origins: [Unit Price] (the value), not [Tier Code] or [Effective Date] (which row)
    const line = md.split('\n').find((l) => l.startsWith('| `Line Amount` |'));
    expect(line).toBe('| `Line Amount` | expression: `dbo.fn_UnitPrice(r.[Tier Code], r.Qty)` | `cis.Rate Tier.Unit Price`, `dbo.Meter Read.Qty`, `dbo.Meter Read.Tier Code` | `cis.Rate Tier.Unit Price`, `dbo.Meter Read.Qty`, `dbo.Meter Read.Tier Code` | s2 |');
    // dbo.fn_TaxOf is defined nowhere in the files: its argument stays its only source
    expect(md.split('\n').find((l) => l.startsWith('| `Tax Amount` |'))).toBe('| `Tax Amount` | expression: `dbo.fn_TaxOf(r.Qty)` | `dbo.Meter Read.Qty` | `dbo.Meter Read.Qty` | s2 |');
  });

  // worker threads start only from the compiled CLI (npm run build)
  (existsSync(resolve('dist/cli/main.js')) ? it : it.skip)('reports the same on worker threads as on one', () => {
    const analyze = (threads: string): string => {
      const p = spawnSync(process.execPath, [resolve('bin/migrate.js'), 'analyze', 'db', '--out', `out-${threads}`, '--json'], {
        cwd: dir, encoding: 'utf8', env: { ...process.env, TSQL_MIGRATE_ANALYZE_THREADS: threads },
      });
      expect(p.status).toBe(0);
      return p.stdout;
    };
    const one = analyze('1');
    expect(one).toContain('cis.rate tier');
    expect(analyze('2')).toBe(one);
    expect(readFileSync(join(dir, 'out-2', 'dbo.usp_bill reads.md'), 'utf8')).toBe(readFileSync(join(dir, 'out-1', 'dbo.usp_bill reads.md'), 'utf8'));
  });
});
