import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DRAFTED_GREEN, draftWorkspace } from '../support/draft-workspace';
import { withoutThenRows } from '../support/feature-text';
import { runMigrate } from '../support/run-migrate';

/*
 * The whole issue-12 loop with no hand-written rows and no hand-written code: the example with
 * its transforms deleted and every Then row removed -> `sections record` (the legacy code in the
 * emulator writes the Then rows) -> `scaffold --draft` -> `migrate test` green.
 */

const GREEN = DRAFTED_GREEN;

describe('record -> draft -> test', () => {
  let ws: string;
  beforeAll(async () => {
    ws = await draftWorkspace([{ sql: 'dbo.usp_RegionTotals.sql', proc: 'dbo.usp_RegionTotals', feature: '01-region-totals.feature' }]);
    for (const id of GREEN) {
      const file = join(ws, 'sections', `${id}.feature`);
      writeFileSync(file, withoutThenRows(readFileSync(file, 'utf8')));
    }
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('records the Then rows, drafts the transforms, and every set-based and idiom section passes', async () => {
    for (const id of GREEN) {
      const before = readFileSync(join(ws, 'sections', `${id}.feature`), 'utf8');
      const rec = await runMigrate(['sections', 'record', id, '--root', ws, '--clock', '2026-12-03T00:00:00']);
      expect({ id, code: rec.code, err: rec.err }).toMatchObject({ id, code: 0 });
      expect(readFileSync(join(ws, 'sections', `${id}.feature`), 'utf8')).not.toBe(before);
      expect((await runMigrate(['scaffold', id, '--draft', '--root', ws])).code).toBe(0);
    }
    const run = await runMigrate(['test', '--json', '--root', ws]);
    const sections = JSON.parse(run.out).sections as { id: string; scenarios: number; passed: number; failed: number }[];
    for (const id of GREEN) {
      const s = sections.find((x) => x.id === id);
      expect({ id, failed: s?.failed }).toEqual({ id, failed: 0 });
      expect(s?.passed).toBeGreaterThan(0);
    }
  });
});
