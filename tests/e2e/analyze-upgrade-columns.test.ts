import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// `migrate analyze` over a migrations folder whose upgrade scripts rename and drop columns a
// live procedure still reads: a COLUMN_NOT_IN_TABLE warning at each such name (SQL Server fails
// the procedure with error 207 when it runs), in --json's diagnostics and the printed summary,
// the same on worker threads as on one; and a BATCH_REPEATED warning at a `GO n`.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'analyze-upgrade-columns-'));
  const write = (name: string, lines: readonly string[]): void => {
    const p = join(dir, 'db', name);
    mkdirSync(resolve(p, '..'), { recursive: true });
    writeFileSync(p, `${lines.join('\r\n')}\r\n`);
  };
  write('Tables/Stock Level.sql', [
    'CREATE TABLE [Inventory].[Stock Level] (',
    '    [Warehouse Code] char(4)      NOT NULL,',
    '    [Item Code]      varchar(20)  NOT NULL,',
    '    [On Hand Qty]    int          NOT NULL,',
    '    [Reorder Point]  int          NULL,',
    '    CONSTRAINT [PK_Stock Level] PRIMARY KEY ([Warehouse Code], [Item Code])',
    ')',
    'GO',
  ]);
  write('Upgrade/V2__reorder_moves_to_item.sql', [
    '-- 2018-06: reorder points are per item now (dbo.Item)',
    'IF COL_LENGTH(N\'Inventory.Stock Level\', N\'Reorder Point\') IS NOT NULL',
    'BEGIN',
    '    ALTER TABLE [Inventory].[Stock Level] DROP COLUMN [Reorder Point];',
    'END',
    'GO',
  ]);
  write('Upgrade/V3__available_qty.sql', [
    '-- 2018-09: the figure is what can be promised, not what is on the shelf',
    'EXEC sp_rename N\'Inventory.Stock Level.On Hand Qty\', N\'Available Qty\', N\'COLUMN\';',
    'GO',
  ]);
  write('Stored Procedures/usp_Low Stock.sql', [
    'CREATE PROCEDURE [Inventory].[usp_Low Stock]',
    '    @Warehouse char(4)',
    'AS',
    'BEGIN',
    '    SET NOCOUNT ON;',
    '    SELECT s.[Item Code], s.[On Hand Qty], [Reorder Point]',
    '    FROM [Inventory].[Stock Level] AS s',
    '    WHERE s.[Warehouse Code] = @Warehouse',
    '      AND s.[Available Qty] < 10;',
    'END',
    'GO',
  ]);
  write('Seed/queue.sql', [
    'INSERT INTO [Inventory].[Stock Level] ([Warehouse Code], [Item Code], [Available Qty]) VALUES (\'W001\', \'TEST\', 0);',
    'GO 3',
  ]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface JsonDiagnostic { file: string; line: number; column: number; severity: string; code: string; message: string }

const NEW_CODES = new Set(['COLUMN_NOT_IN_TABLE', 'BATCH_REPEATED']);

describe('migrate analyze over upgrade scripts', () => {
  it('warns at each column the upgrades renamed or dropped, in the JSON contract\'s diagnostics and the summary', async () => {
    const src = join(dir, 'db');
    const json = await runMigrate(['analyze', src, '--out', join(dir, 'out-json'), '--json']);
    expect(json.code).toBe(0);
    const diagnostics = (JSON.parse(json.out) as { diagnostics: JsonDiagnostic[] }).diagnostics.filter((d) => NEW_CODES.has(d.code));
    for (const d of diagnostics) expect(Object.keys(d)).toEqual(['file', 'line', 'column', 'severity', 'code', 'message']);
    const proc = join(src, 'Stored Procedures/usp_Low Stock.sql');
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual([
      `${join(src, 'Seed/queue.sql')}:2:1 warning BATCH_REPEATED`,
      `${proc}:6:29 warning COLUMN_NOT_IN_TABLE`,
      `${proc}:6:44 warning COLUMN_NOT_IN_TABLE`,
    ]);
    const [repeated, renamed, dropped] = diagnostics.map((d) => d.message);
    expect(repeated).toContain('GO 3 runs the batch at line 1 3 times');
    expect(renamed).toBe(`procedure Inventory.[usp_Low Stock] names [On Hand Qty] of Inventory.[Stock Level], a column the table does not have once the scripts have run `
      + `(renamed to [Available Qty] by ${join(src, 'Upgrade/V3__available_qty.sql')}:2): SQL Server fails the procedure when it runs (Invalid column name, error 207), `
      + 'and capture refuses it; name the column [Available Qty], as the scripts leave it');
    expect(dropped).toContain(`names [Reorder Point] of Inventory.[Stock Level], a column the table does not have once the scripts have run (dropped by ${join(src, 'Upgrade/V2__reorder_moves_to_item.sql')}:4)`);

    const text = await runMigrate(['analyze', src, '--out', join(dir, 'out-text')]);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`  ${proc}:6:29: warning COLUMN_NOT_IN_TABLE: procedure Inventory.[usp_Low Stock] names [On Hand Qty]`);
    expect(text.out).toContain(`  ${proc}:6:44: warning COLUMN_NOT_IN_TABLE: procedure Inventory.[usp_Low Stock] names [Reorder Point]`);
  });

  // worker threads start only from the compiled CLI (npm run build)
  (existsSync(resolve('dist/cli/main.js')) ? it : it.skip)('reports the same on worker threads as on one', () => {
    const run = (threads: string): string => {
      const p = spawnSync(process.execPath, [resolve('bin/migrate.js'), 'analyze', 'db', '--out', `out-${threads}`, '--json'], {
        cwd: dir, encoding: 'utf8', env: { ...process.env, TSQL_MIGRATE_ANALYZE_THREADS: threads },
      });
      expect(p.status).toBe(0);
      return p.stdout;
    };
    const one = run('1');
    expect(one).toContain('COLUMN_NOT_IN_TABLE');
    expect(run('2')).toBe(one);
  });
});
