import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from './run-migrate';

const repo = join(__dirname, '../..');
const fixtures = join(repo, 'tests/fixtures/draft');

/** Sections `scaffold --draft` must draft green with no hand edit (set-based, then by the loop idioms). */
export const DRAFTED_GREEN: readonly string[] = [
  'dbo.usp_BuildDeviceKpis/03-configuration-kpi',
  'dbo.usp_BuildDeviceKpis/04-best-configuration',
  'dbo.usp_BuildDeviceKpis/05-best-configuration-result',
  'dbo.usp_RunNightlyKpis/01-date-range',
  'dbo.usp_RegionTotals/01-region-totals',
  // Row-by-row, drafted green by the idiom rewriters (cursor over entities, characters in a word,
  // a WHILE over days from DATEADD(DAY, DATEDIFF(DAY, 0, @d), 0)).
  'dbo.usp_CountEntityLetters/01-count-letters',
  'dbo.usp_BuildDeviceKpis/02-device-daily-usage',
  // A device cursor running per-device INSERT … SELECT / UPDATEs, a walk over snapshot batches
  // building a FOR XML PATH key, an as-of TOP 1 lookup: idiom (f).
  'dbo.usp_BuildDeviceKpis/01-usage-with-config',
];

/**
 * A fresh workspace (`migrate init`, importing this repository's src/) holding the example's
 * procedures and sections and the draft fixtures' procedures (`own`: file names under
 * tests/fixtures/draft, with their features), without transforms or section tests.
 */
export async function draftWorkspace(own: readonly { sql: string; proc: string; feature: string }[]): Promise<string> {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-draft-'));
  expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
  for (const dir of ['procedures', 'sections', 'src/transforms', 'tests/sections']) rmSync(join(ws, dir), { recursive: true, force: true });
  cpSync(join(repo, 'procedures'), join(ws, 'procedures'), { recursive: true });
  cpSync(join(repo, 'sections'), join(ws, 'sections'), { recursive: true });
  mkdirSync(join(ws, 'procedures/own'), { recursive: true });
  cpSync(join(fixtures, 'region-tables.sql'), join(ws, 'procedures/own/region-tables.sql'));
  for (const o of own) {
    cpSync(join(fixtures, o.sql), join(ws, 'procedures/own', o.sql));
    mkdirSync(join(ws, 'sections', o.proc), { recursive: true });
    cpSync(join(fixtures, o.feature), join(ws, 'sections', o.proc, o.feature));
  }
  return ws;
}
