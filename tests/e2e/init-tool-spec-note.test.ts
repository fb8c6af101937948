import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// Until the tool is on a registry, a workspace made without --tool-spec cannot `npm install` its
// default dependency: init says how to install from a tarball instead (re-running init would not
// help: it never overwrites package.json).
describe('migrate init and the workspace\'s dependency on the tool', () => {
  it('notes how to install from a tarball when package.json depends on the registry version', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'init-note-'));
    try {
      const r = await runMigrate(['init', ws]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/note package\.json depends on tsql-migrate \^0\.1\.0 from the npm registry; to install the tool from a tarball instead, run `npm install <path>\/tsql-migrate-0\.1\.0\.tgz` in the workspace/);
      expect(JSON.parse(readFileSync(join(ws, 'package.json'), 'utf8')).dependencies['tsql-migrate']).toBe('^0.1.0');
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });

  it('says nothing of it with --tool-spec', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'init-note-'));
    try {
      const r = await runMigrate(['init', ws, '--tool-spec', 'git+https://example.invalid/tsql-migrate.git#v0.1.0']);
      expect(r.code).toBe(0);
      expect(r.out).not.toMatch(/note package\.json/);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
