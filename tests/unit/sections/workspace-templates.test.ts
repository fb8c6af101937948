import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_BASELINE_CSV, EXAMPLE_BASELINE_MANIFEST, initWorkspace } from '../../../src/sections';
import { runMigrate } from '../../support/run-migrate';

// The example's baseline is shipped as text so `init` needs no engine run; it must stay exactly
// what the legacy procedure produces on the example's data, or the example's gate would lie.
describe('the worked example of a new workspace', () => {
  const ws = mkdtempSync(join(tmpdir(), 'example-ws-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('ships the baseline the emulator captures from the legacy procedure', async () => {
    initWorkspace(ws);
    const out = join(ws, 'captured');
    const r = await runMigrate(['capture', 'dbo.usp_ExampleDailyTotals', '--procedures', join(ws, 'procedures'), '--data', join(ws, 'acceptance/data'), '--out', out, '--clock', '2024-01-03T00:00:00']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'dbo.DailyStoreTotal.csv'), 'utf8')).toBe(EXAMPLE_BASELINE_CSV);
    // and its manifest (the table's key included, which accept --write-config keys the config by); only the time differs
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect({ ...manifest, at: 'x' }).toEqual({ ...(JSON.parse(EXAMPLE_BASELINE_MANIFEST) as Record<string, unknown>), at: 'x' });
  });

  it('ships the acceptance config accept --write-config writes, so writing the configs again leaves it as it is', async () => {
    const before = readFileSync(join(ws, 'acceptance', 'dbo.usp_ExampleDailyTotals.yaml'), 'utf8');
    const r = await runMigrate(['accept', '--write-config', '--root', ws]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/unchanged .*dbo\.usp_ExampleDailyTotals\.yaml/);
    expect(r.out).not.toMatch(/edited by hand/);
    expect(readFileSync(join(ws, 'acceptance', 'dbo.usp_ExampleDailyTotals.yaml'), 'utf8')).toBe(before);
  });
});
