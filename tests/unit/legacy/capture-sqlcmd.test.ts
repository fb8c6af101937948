import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LegacyError } from '../../../src/core';
import { runCapture, type CaptureOptions } from '../../../src/legacy/capture';

// An SSDT procedure logs '$(EnvName)': the procedure on the server holds the publish's value.
// Without a value the capture refuses (procedure body and table DEFAULT alike); with
// --sqlcmd EnvName=PROD it runs as the deployed procedure does, and the manifest keeps the value.
describe('capture --sqlcmd', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'capture-sqlcmd-'));
    for (const d of ['data', 'tables', 'procs']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'tables', 't.sql'), "CREATE TABLE dbo.LoadLog (Id int NOT NULL PRIMARY KEY, Proc_ sysname NOT NULL, Env varchar(20) NOT NULL DEFAULT ('$(EnvName)'), Note varchar(40) NULL)\nGO\n");
    writeFileSync(join(root, 'procs', 'p.sql'), "CREATE PROCEDURE dbo.usp_Log AS\nINSERT INTO dbo.LoadLog (Id, Proc_, Note) VALUES (1, 'usp_Log', 'ran in $(EnvName) for $(Region)')\nGO\n");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const capture = (sqlcmd: Record<string, string>, out: string): ReturnType<typeof runCapture> => runCapture({
    procedure: 'dbo.usp_Log', dataDir: join(root, 'data'), tablesDir: join(root, 'tables'), proceduresDir: join(root, 'procs'),
    params: {}, engine: 'emulator', outDir: join(root, out), format: 'csv', env: {}, sqlcmd,
  } satisfies CaptureOptions);

  it('refuses at the first constant whose variable has no value', async () => {
    const err = await capture({ Region: 'EU' }, 'none').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/SQLCMD variable \$\(EnvName\) in a string constant/);
  });

  it('puts the given values into string constants, the table default included', async () => {
    const manifest = await capture({ EnvName: 'PROD', '$(Region)': 'EU' }, 'out');
    expect(readFileSync(join(root, 'out', 'dbo.LoadLog.csv'), 'utf8')).toBe('Id,Proc_,Env,Note\n1,usp_Log,PROD,ran in PROD for EU\n');
    expect(manifest.sqlcmd).toEqual({ EnvName: 'PROD', '$(Region)': 'EU' });
  });
});
