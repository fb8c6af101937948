import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from './run-migrate';

const repo = join(__dirname, '../..');

/**
 * Makes `ws` a fresh workspace (`migrate init`, importing this repository's src/) whose
 * procedures/ holds only the given scripts (file name -> T-SQL): no example procedures, sections,
 * transforms, section tests or acceptance data.
 */
export async function scriptWorkspace(ws: string, scripts: Readonly<Record<string, string>>): Promise<void> {
  expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
  for (const d of ['procedures', 'sections', 'src/transforms', 'tests/sections', 'acceptance']) rmSync(join(ws, d), { recursive: true, force: true });
  mkdirSync(join(ws, 'procedures'));
  for (const [file, text] of Object.entries(scripts)) writeFileSync(join(ws, 'procedures', file), text);
}
