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
    ['the procedure and the section\'s number', 'dbo.usp_ExampleDailyTotals/2', 1],
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

describe('runSectionTests with Given rows from a CSV file', () => {
  const ws = mkdtempSync(join(tmpdir(), 'run-csv-'));
  const file = join(ws, 'sections', `${id}.feature`);
  beforeAll(() => {
    initWorkspace(ws, { library: join(repo, 'src') });
    const spec = readFileSync(file, 'utf8');
    writeFileSync(file, spec.replace(/Given table dbo\.Sale:\n(\s+\|.*\n){4}/, 'Given table dbo.Sale from "sales.csv"\n'));
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('types a header without types from the CREATE TABLE, as sections check does, and runs the scenario on its rows', async () => {
    // Before: the untyped columns were a problem of the CSV file only; the scenario ran without
    // dbo.Sale's rows and passed whenever its Then was empty (and failed here: no rows produced)
    writeFileSync(join(ws, 'sections/dbo.usp_ExampleDailyTotals/sales.csv'), 'SaleId,StoreId,SoldAt,Amount\n1,1,2024-01-01 09:00,10.50\n2,1,2024-01-01 17:30,\n3,2,2024-01-02 12:00,\n');
    const run = await runSectionTests(loadWorkspaceConfig(ws), id);
    expect(run.sections.map((s) => [s.id, s.problem, s.scenarios.map((x) => x.passed)])).toEqual([[id, undefined, [true]]]);
  });

  it('never runs a scenario whose Given file cannot be read as its table: the section reports it', async () => {
    writeFileSync(join(ws, 'sections/dbo.usp_ExampleDailyTotals/sales.csv'), 'SaleId,StoreId,SoldAt,Amount\n1,one,2024-01-01 09:00,10.50\n');
    const run = await runSectionTests(loadWorkspaceConfig(ws), id);
    const section = run.sections.find((s) => s.id === id);
    expect(section?.scenarios).toEqual([]);
    expect(section?.problem).toMatch(/01-daily-store-total\.feature:7:1: .*sales\.csv for table dbo\.Sale has 1 problem\(s\)/);
  });
});
