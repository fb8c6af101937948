// Every test's temporary files go under one folder per jest run, removed when the run ends:
// tests and the CLIs they spawn call os.tmpdir(), which reads TMPDIR, and jest's workers
// inherit the environment set here. Without it each `npm test` left ~1,000 folders in /tmp.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KEY = 'TSQL_MIGRATE_TEST_TMP';

export async function setup(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'tsql-migrate-jest-'));
  process.env[KEY] = root;
  process.env.TMPDIR = root;
}

export async function teardown(): Promise<void> {
  const root = process.env[KEY];
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
}
