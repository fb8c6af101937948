import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCapture } from '../../../src/legacy/capture';
import { removeStaleBaselines } from '../../../src/legacy/stale-baselines';

// Capturing again into the same folder: a result set the earlier run wrote and this one does not
// (here the data now sends the procedure down a branch without its SELECT) must not stay beside
// the new manifest, where an acceptance config would go on comparing the new pipeline with the old run.
describe('capture into a folder holding an earlier capture', () => {
  function project(): string {
    const root = mkdtempSync(join(tmpdir(), 'capture-stale-'));
    for (const d of ['tables', 'procs', 'data']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'tables', 't.sql'), 'CREATE TABLE dbo.Amt (Id int NOT NULL PRIMARY KEY, Amt decimal(5,2) NOT NULL)\nGO\n');
    writeFileSync(join(root, 'procs', 'p.sql'), 'CREATE PROCEDURE dbo.usp_Round AS\nBEGIN\n  DECLARE @r decimal(5,2);\n  IF EXISTS (SELECT 1 FROM dbo.Amt WHERE Amt >= 500) RETURN;\n  SELECT @r = ROUND(MAX(Amt), -3) FROM dbo.Amt;\n  SELECT @r AS Rounded;\nEND\nGO\n');
    return root;
  }
  const capture = (root: string) => runCapture({
    procedure: 'dbo.usp_Round', dataDir: join(root, 'data'), tablesDir: join(root, 'tables'), proceduresDir: join(root, 'procs'),
    params: {}, engine: 'emulator', outDir: join(root, 'out'), format: 'csv',
  });

  it('removes the result set the new run no longer writes', async () => {
    const root = project();
    writeFileSync(join(root, 'data', 'dbo.Amt.csv'), 'Id,Amt\n1,448.58\n');
    await capture(root);
    expect(readFileSync(join(root, 'out', 'result-set-1.csv'), 'utf8')).toBe('Rounded\n0.00\n');
    // the guard returns before the SELECT
    writeFileSync(join(root, 'data', 'dbo.Amt.csv'), 'Id,Amt\n1,748.58\n');
    const manifest = await capture(root);
    expect(manifest.resultSets).toEqual([]);
    expect(existsSync(join(root, 'out', 'result-set-1.csv'))).toBe(false);
  });

  it('leaves files the earlier manifest does not list, and names outside the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capture-stale-keep-'));
    writeFileSync(join(dir, 'notes.csv'), 'x\n');
    writeFileSync(join(dir, 'result-set-2.csv'), 'x\n');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ tables: [{ file: '../outside.csv' }], resultSets: [{ file: 'result-set-1.csv' }, { file: 'result-set-2.csv' }] }));
    expect(removeStaleBaselines(dir, new Set(['result-set-1.csv']))).toEqual(['result-set-2.csv']);
    expect(existsSync(join(dir, 'notes.csv'))).toBe(true);
  });
});
