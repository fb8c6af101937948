import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initWorkspace, loadWorkspaceConfig, readSectionResults, runSectionTests, sectionPassed } from '../../../src/sections';

const repo = join(__dirname, '../../..');
const id = 'dbo.usp_ExampleDailyTotals/01-daily-store-total';

describe('runSectionTests', () => {
  const ws = mkdtempSync(join(tmpdir(), 'run-tests-'));
  beforeAll(() => {
    initWorkspace(ws, { library: join(repo, 'src') });
    const spec = readFileSync(join(ws, 'sections', `${id}.feature`), 'utf8');
    // a second section with the same spec but no transform, and one whose spec does not parse
    writeFileSync(join(ws, 'sections/dbo.usp_ExampleDailyTotals/02-copy.feature'), spec);
    writeFileSync(join(ws, 'sections/dbo.usp_ExampleDailyTotals/03-broken.feature'), '@proc:dbo.usp_ExampleDailyTotals @lines:6-11\nFeature: broken\n  Scenario: s\n    Given nonsense\n');
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('runs every section on its own: one that cannot run never stops the others', async () => {
    const run = await runSectionTests(loadWorkspaceConfig(ws));
    expect(run.passed).toBe(false);
    const byId = new Map(run.sections.map((s) => [s.id, s]));
    expect([...byId.keys()]).toEqual([id, 'dbo.usp_ExampleDailyTotals/02-copy', 'dbo.usp_ExampleDailyTotals/03-broken']);
    expect(sectionPassed(byId.get(id) as never)).toBe(true);
    const copy = byId.get('dbo.usp_ExampleDailyTotals/02-copy');
    expect(copy?.scenarios.map((s) => [s.passed, s.message])).toEqual([[false, 'no transform at src/transforms/dbo.usp_ExampleDailyTotals/02-copy.ts: run `migrate scaffold dbo.usp_ExampleDailyTotals/02-copy`']]);
    expect(byId.get('dbo.usp_ExampleDailyTotals/03-broken')?.problem).toMatch(/03-broken\.feature:\d+:\d+: /);
  });

  it.each([
    ['a procedure, in any case', 'DBO.USP_EXAMPLEDAILYTOTALS', 3],
    ['a section id', id, 1],
    ['a .feature path', join(ws, 'sections', `${id}.feature`), 1],
  ])('selects by %s', async (_what, filter, count) => {
    expect((await runSectionTests(loadWorkspaceConfig(ws), filter)).sections).toHaveLength(count);
  });

  it('records what ran for migrate status', async () => {
    await runSectionTests(loadWorkspaceConfig(ws), id);
    expect(readSectionResults(ws, id)?.scenarios).toEqual([{ name: 'two stores, a NULL amount, a day of NULLs', passed: true }]);
  });

  it('refuses a target that names nothing', async () => {
    await expect(runSectionTests(loadWorkspaceConfig(ws), 'dbo.nothing')).rejects.toThrow('no section or procedure named dbo.nothing');
  });
});
