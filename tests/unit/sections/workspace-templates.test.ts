import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_BASELINE_CSV, initWorkspace } from '../../../src/sections';
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
  });
});
