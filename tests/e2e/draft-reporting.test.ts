import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { draftWorkspace } from '../support/draft-workspace';
import { runMigrate } from '../support/run-migrate';

/*
 * A reporting procedure of our own (tests/fixtures/draft/dbo.usp_QuarterReport.sql: SELECT DISTINCT
 * over text, PIVOT, STRING_AGG … WITHIN GROUP, GROUPING SETS with GROUPING(), FORMAT 'N2'):
 * `sections record` writes the Then rows from the legacy code in the emulator, `scaffold --draft`
 * drafts the transform with no hand edit, and `migrate test` passes: the draft gives the
 * emulator's rows. Each construct used to refuse the whole section.
 */

const ID = 'dbo.usp_QuarterReport/01-quarter-summary';

describe('record -> draft -> test for a report built with DISTINCT, PIVOT, STRING_AGG, GROUPING SETS and FORMAT', () => {
  let ws: string;
  beforeAll(async () => {
    ws = await draftWorkspace([{ sql: 'dbo.usp_QuarterReport.sql', proc: 'dbo.usp_QuarterReport', feature: '01-quarter-summary.feature' }]);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('records the report\'s rows, drafts it green', async () => {
    const rec = await runMigrate(['sections', 'record', ID, '--root', ws, '--clock', '2026-12-03T00:00:00']);
    expect({ code: rec.code, err: rec.err }).toMatchObject({ code: 0 });
    const recorded = readFileSync(join(ws, 'sections', `${ID}.feature`), 'utf8');
    const rows = recorded.split('Then table')[1]?.split('\n').slice(2).filter((l) => /^\s*\|/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()).join('|')).sort();
    expect(rows).toEqual([
      'NULL|0|5.00|NULL|NULL|5.00',
      'NULL|1|1505.50|1000100.00|NULL|1,001,605.50',
      'North|0|1500.50|NULL|Bob, Ann|1,500.50',
      'South|0|NULL|1000100.00|Cleo|1,000,100.00',
    ]);
    const draft = await runMigrate(['scaffold', ID, '--draft', '--root', ws]);
    expect({ code: draft.code, err: draft.err }).toMatchObject({ code: 0 });
    const transform = readFileSync(join(ws, 'src/transforms', `${ID}.ts`), 'utf8');
    expect(transform).not.toContain('notImplemented(');
    const run = await runMigrate(['test', ID, '--json', '--root', ws]);
    const sections = JSON.parse(run.out).sections as { id: string; passed: number; failed: number }[];
    expect(sections.find((s) => s.id === ID)).toMatchObject({ passed: 1, failed: 0 });
  });
});
