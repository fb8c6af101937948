import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../src/core';
import { findInputs, runCapture } from '../../../src/legacy/capture';

describe('findInputs', () => {
  it('maps <schema>.<table>.csv and <table>.csv (schema dbo) and ignores other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capture-inputs-'));
    for (const f of ['kpi.Daily.csv', 'Device.CSV', 'notes.txt']) writeFileSync(join(dir, f), 'a\n1\n');
    expect(findInputs(dir).map((i) => i.table)).toEqual(['Device', 'kpi.Daily']);
  });

  it('rejects a missing folder as a usage error', () => {
    expect(() => findInputs(join(tmpdir(), 'no-such-folder-for-capture'))).toThrow(UsageError);
  });
});

describe('runCapture', () => {
  it('writes outputs sorted by key, blank-edged strings quoted, NULL as an empty field', async () => {
    const root = mkdtempSync(join(tmpdir(), 'capture-run-'));
    mkdirSync(join(root, 'tables'));
    mkdirSync(join(root, 'procs'));
    mkdirSync(join(root, 'data'));
    writeFileSync(join(root, 'tables', 't.sql'), 'CREATE TABLE dbo.Src (Id int NOT NULL, Txt varchar(10) NULL)\nGO\nCREATE TABLE dbo.Dst (Id int NOT NULL PRIMARY KEY, Txt varchar(10) NULL, At datetime NOT NULL)\nGO\n');
    writeFileSync(join(root, 'procs', 'p.sql'), 'CREATE PROCEDURE dbo.usp_Copy AS\nBEGIN\n  INSERT INTO dbo.Dst (Id, Txt, At) SELECT Id, Txt, GETDATE() FROM dbo.Src;\nEND\nGO\n');
    writeFileSync(join(root, 'data', 'Src.csv'), 'Id,Txt\n3," x"\n1,a\n2,\n');
    const out = join(root, 'out');
    const manifest = await runCapture({
      procedure: '[dbo].[usp_Copy]', dataDir: join(root, 'data'), tablesDir: join(root, 'tables'), proceduresDir: join(root, 'procs'),
      params: {}, engine: 'emulator', outDir: out, format: 'csv', clock: '2026-02-01',
    });
    expect(readFileSync(join(out, 'dbo.Dst.csv'), 'utf8')).toBe('Id,Txt,At\n1,a,2026-02-01 00:00:00\n2,,2026-02-01 00:00:00\n3," x",2026-02-01 00:00:00\n');
    expect(manifest.tables).toEqual([{ name: 'dbo.dst', displayName: 'dbo.Dst', file: 'dbo.Dst.csv', rows: 3, key: ['Id'] }]);
    expect(manifest.inputs).toEqual([{ table: 'dbo.src', file: 'Src.csv' }]);
  });
});
