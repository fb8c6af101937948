import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCapturedBaselines } from '../../../src/legacy';

describe('the captured baselines of a folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'captured-baselines-'));
    const put = (folder: string, text: string | undefined): void => {
      mkdirSync(join(dir, folder));
      if (text !== undefined) writeFileSync(join(dir, folder, 'manifest.json'), text);
    };
    put('dbo.usp_Good', JSON.stringify({ procedure: 'dbo.usp_good', tables: [{ name: 'dbo.t', displayName: 'dbo.T', file: 'dbo.T.csv', rows: 1, key: ['Id'] }], resultSets: [{ file: 'result-set-1.csv', rows: 0, columns: [] }], params: { '@d': '2026-01-01' } }));
    put('dbo.usp_CutShort', '{"procedure": "dbo.usp_cut');
    put('dbo.usp_Edited', JSON.stringify({ procedure: 'dbo.usp_edited', tables: {}, resultSets: [] }));
    put('dbo.usp_NoKey', JSON.stringify({ tables: [{ name: 'dbo.t', file: 'dbo.T.csv' }], resultSets: [] }));
    put('notes', undefined);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads each folder with a manifest, in order, and names what is wrong with the others', () => {
    const found = readCapturedBaselines(dir);
    expect(found.map((b) => b.folder)).toEqual(['dbo.usp_CutShort', 'dbo.usp_Edited', 'dbo.usp_Good', 'dbo.usp_NoKey']);
    const by = new Map(found.map((b) => [b.folder, b]));
    expect(by.get('dbo.usp_Good')?.manifest?.tables[0]?.key).toEqual(['Id']);
    expect(by.get('dbo.usp_Good')?.problem).toBeUndefined();
    expect(by.get('dbo.usp_CutShort')?.problem).toMatch(/^cannot read the manifest: .*JSON/);
    expect(by.get('dbo.usp_Edited')?.problem).toBe('the manifest is not one `migrate capture` writes: "tables" is not a list');
    expect(by.get('dbo.usp_NoKey')?.problem).toContain('a "tables" entry without "name", "file" and "key"');
    expect(by.get('dbo.usp_Edited')?.manifestFile).toBe(join(dir, 'dbo.usp_Edited', 'manifest.json'));
  });

  it('finds none in a folder that does not exist', () => {
    expect(readCapturedBaselines(join(dir, 'missing'))).toEqual([]);
  });
});
