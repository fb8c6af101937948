import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate, type MigrateRun } from '../support/run-migrate';

// An SSDT-style project where release 1 CREATEs a procedure and a scalar function, release 2's
// upgrade script ALTERs the procedure (stub-then-ALTER) and CREATE OR ALTERs the function, and a
// stray copy in a later folder CREATEs the procedure again (that CREATE would fail on SQL Server).
// Every command must mean the definition in effect: the upgrade script's.
const repo = join(__dirname, '../..');
const fixture = join(repo, 'tests/fixtures/workspaces/upgrade-scripts');
const cli = (...args: string[]): Promise<MigrateRun> => runMigrate(args);

describe('an upgrade script that ALTERs what another file CREATEs, through analyze -> propose -> check -> capture -> draft', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-upgrade-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('analyze counts each definition by itself and names it as written', async () => {
    expect((await cli('init', ws, '--library', join(repo, 'src'))).code).toBe(0);
    rmSync(join(ws, 'procedures'), { recursive: true, force: true });
    rmSync(join(ws, 'sections'), { recursive: true, force: true });
    cpSync(join(fixture, 'procedures'), join(ws, 'procedures'), { recursive: true });
    const analyze = await cli('analyze', join(ws, 'procedures'), '--out', join(ws, 'dataflow'));
    expect(analyze.code).toBe(0);
    const rows = analyze.out.split('\n').filter((l) => l.startsWith('Ops Data.'));
    // the CREATE of release 1 (3 statements), the ALTER (4), the stray copy (1): each its own counts
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      'Ops Data.Scaled (not in effect) function 2 0 low 0 0 0 0',
      'Ops Data.Build Totals (not in effect) procedure 3 0 low 1 1 0 0',
      'Ops Data.Scaled function 2 0 low 0 0 0 0',
      'Ops Data.Build Totals procedure 4 0 low 1 1 0 0',
      'Ops Data.Build Totals (not in effect) procedure 1 0 low 0 1 0 0',
    ]);
  });

  it('propose and check cut the ALTER, not the CREATE it replaces', async () => {
    expect((await cli('sections', 'propose', 'Ops Data.Build Totals', '--root', ws)).code).toBe(0);
    const folder = join(ws, 'sections/Ops_Data.Build_Totals');
    expect(readdirSync(folder).sort()).toEqual(['00-housekeeping.feature', '01-daily-total.feature']);
    // lines of procedures/Upgrade/2025-03 totals v2.sql: SET NOCOUNT 15, DELETE 17, INSERT 19-23 (GROUP BY [Sensor ID]: its entity)
    expect(readFileSync(join(folder, '00-housekeeping.feature'), 'utf8').split('\n')[0]).toBe('@proc:[Ops%20Data].[Build%20Totals] @lines:15 @ignored');
    expect(readFileSync(join(folder, '01-daily-total.feature'), 'utf8').split('\n')[0]).toBe('@proc:[Ops%20Data].[Build%20Totals] @lines:17-23 @output:[Ops%20Data].[Daily%20Total] @entity:[Sensor%20ID]');
    const check = await cli('sections', 'check', '--root', ws, '--json');
    const result = JSON.parse(check.out) as { problems: { code: string; message: string }[]; procedures: { name: string; statements: number }[] };
    expect(result.problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
    expect(result.procedures).toEqual([expect.objectContaining({ name: '[Ops Data].[Build Totals]', statements: 3 })]);
  });

  it('capture runs the ALTERed procedure with the CREATE OR ALTERed function', async () => {
    const out = join(ws, 'baseline');
    const run = await cli('capture', 'Ops Data.Build Totals', '--procedures', join(ws, 'procedures'), '--data', join(fixture, 'data'), '--out', out);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    // v2 skips negative and NULL readings and sums Scaled() = value * 100 (v1 counted rows only, Scaled was * 10)
    expect(readFileSync(join(out, 'Ops Data.Daily Total.csv'), 'utf8').trim().split('\n')).toEqual([
      'Sensor ID,Read On,Total,Readings', '1,2025-03-01,375.00,2', '2,2025-03-01,10.00,1',
    ]);
    // what people read keeps the names as written
    expect(run.out).toMatch(/^Ops Data\.Daily Total +2 +Sensor ID,Read On/m);
    // the procedure as `sections check` names it: brackets where T-SQL needs them
    expect(run.out).toContain('captured [Ops Data].[Build Totals] with the emulator');
  });

  it('the draft translates the ALTER with the CREATE OR ALTERed function in effect (v2: * 100)', async () => {
    const draft = await cli('scaffold', 'Ops_Data.Build_Totals/01-daily-total', '--draft', '--root', ws);
    expect(draft.code).toBe(0);
    const text = readFileSync(join(ws, 'src/transforms/Ops_Data.Build_Totals/01-daily-total.ts'), 'utf8');
    // the scalar function's body, expanded where the upgrade script's SELECT calls it (line 20)
    expect(text).toContain('r."Value" * 100 AS DECIMAL(13,2)');
    expect(text).not.toMatch(/\* 10\b/);
    expect(text).not.toContain('notImplemented(');
    expect(text).not.toContain('Stored Procedures');
  });
});
