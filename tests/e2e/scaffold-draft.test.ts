import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DRAFTED_GREEN, draftWorkspace } from '../support/draft-workspace';
import { runMigrate } from '../support/run-migrate';

/*
 * `migrate scaffold --draft` end to end: the example workspace with its transforms deleted,
 * every section drafted, then `migrate test`. The set-based sections must pass their
 * hand-written scenarios with no hand edit; a section with a loop no idiom rewrites, and a
 * procedure of our own running dynamic SQL, must fail with notImplemented naming the location.
 */

const SET_BASED = DRAFTED_GREEN;

/** Every non-ignored section id of the workspace. */
function sectionIds(ws: string): string[] {
  return readdirSync(join(ws, 'sections')).flatMap((proc) => readdirSync(join(ws, 'sections', proc))
    .filter((f) => f.endsWith('.feature') && !/@ignored/.test(readFileSync(join(ws, 'sections', proc, f), 'utf8').split('\n')[0] ?? ''))
    .map((f) => `${proc}/${f.replace(/\.feature$/, '')}`)).sort();
}

describe('migrate scaffold --draft on the example', () => {
  let ws: string;
  beforeAll(async () => {
    ws = await draftWorkspace([
      { sql: 'dbo.usp_RegionTotals.sql', proc: 'dbo.usp_RegionTotals', feature: '01-region-totals.feature' },
      { sql: 'dbo.usp_DynamicTotals.sql', proc: 'dbo.usp_DynamicTotals', feature: '01-dynamic-totals.feature' },
    ]);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('drafts every section, the set-based ones pass with no hand edit, the rest say where work is left', async () => {
    const ids = sectionIds(ws);
    expect(ids).toEqual(expect.arrayContaining([...SET_BASED, 'dbo.usp_DynamicTotals/01-dynamic-totals']));
    for (const id of ids) {
      const r = await runMigrate(['scaffold', id, '--draft', '--root', ws]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('(drafted)');
      expect(readFileSync(join(ws, 'src/transforms', `${id}.ts`), 'utf8')).toMatch(/^\/\/ Drafted by `migrate scaffold --draft`[^\n]*\n\/\/ Idioms applied: /);
    }
    const run = await runMigrate(['test', '--json', '--root', ws]);
    const sections = JSON.parse(run.out).sections as { id: string; scenarios: number; passed: number; failed: number }[];
    for (const id of SET_BASED) expect(sections.find((s) => s.id === id)).toMatchObject({ failed: 0, passed: expect.any(Number) });
    for (const id of SET_BASED) expect(sections.find((s) => s.id === id)?.passed).toBeGreaterThan(0);

    // Whatever did not draft green fails naming file:line:col and the construct, never a wrong number.
    for (const s of sections.filter((x) => x.failed > 0)) {
      const text = await runMigrate(['test', s.id, '--root', ws]);
      expect(text.out).toMatch(/not implemented: \S+: procedures\/\S+\.sql:\d+:\d+ /);
    }
    const dynamic = await runMigrate(['test', 'dbo.usp_DynamicTotals/01-dynamic-totals', '--root', ws]);
    expect(dynamic.code).toBe(1);
    expect(dynamic.out).toContain('not implemented: dbo.usp_DynamicTotals/01-dynamic-totals: procedures/own/dbo.usp_DynamicTotals.sql:6:5 EXEC (dynamic SQL)');
    const drafted = readFileSync(join(ws, 'src/transforms/dbo.usp_DynamicTotals/01-dynamic-totals.ts'), 'utf8');
    expect(drafted).toContain('// NOT TRANSLATED procedures/own/dbo.usp_DynamicTotals.sql:6:5: EXEC (dynamic SQL): what it changes is unknown to the draft');
    expect(drafted).toContain('//   | EXEC (@sql)');
  });

  it('never overwrites a transform a person edited, and scaffold without --draft still writes the stub', async () => {
    const id = 'dbo.usp_BuildDeviceKpis/05-best-configuration-result';
    const file = join(ws, 'src/transforms', `${id}.ts`);
    if (!existsSync(file)) expect((await runMigrate(['scaffold', id, '--draft', '--root', ws])).code).toBe(0);
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// edited by hand\n`);
    const again = await runMigrate(['scaffold', id, '--draft', '--root', ws]);
    expect(again.out).toContain('kept');
    expect(readFileSync(file, 'utf8')).toContain('// edited by hand');
    rmSync(file);
    expect((await runMigrate(['scaffold', id, '--root', ws])).code).toBe(0);
    const stub = readFileSync(file, 'utf8');
    expect(stub).toContain(`sql: () => notImplemented('${id}'),`);
    expect(stub).not.toContain('Drafted by');
  });
});
