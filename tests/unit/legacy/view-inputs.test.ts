import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCapture } from '../../../src/legacy/capture';

// `migrate run` needs the rows of a view a section is given (dbo.vw_RecentOrders.csv beside the
// tables' files); capture refused that same folder ("no CREATE TABLE for dbo.vw_recentorders").
// SQL Server computes the view from its tables, and so does the capture: the file is left aside.
describe('capture with a data folder that holds a view\'s rows', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'capture-view-'));
    for (const d of ['data', 'tables', 'procs']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'tables', 't.sql'), `CREATE TABLE dbo.Line (Id int NOT NULL PRIMARY KEY, Qty int NOT NULL, Price decimal(10,2) NOT NULL,
  Total AS (CONVERT(decimal(12,2), Qty * Price * 0.995)) PERSISTED)
GO
CREATE TABLE dbo.Sums (Total decimal(14,2) NULL)
GO
CREATE VIEW dbo.vw_Lines WITH SCHEMABINDING AS SELECT Id, Total FROM dbo.Line WHERE Qty > 0
GO
`);
    writeFileSync(join(root, 'procs', 'p.sql'), 'CREATE PROCEDURE dbo.usp_Sum AS\nINSERT INTO dbo.Sums (Total) SELECT SUM(Total) FROM dbo.vw_Lines\nGO\n');
    writeFileSync(join(root, 'data', 'dbo.Line.csv'), 'Id,Qty,Price\n1,1,5.01\n2,2,1.10\n');
    // an export that disagrees with the tables: the capture must not read it
    writeFileSync(join(root, 'data', 'dbo.vw_Lines.csv'), 'Id,Total\n1,100.00\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('computes the view from its tables and leaves its file aside', async () => {
    const out = join(root, 'out');
    const manifest = await runCapture({
      procedure: 'dbo.usp_Sum', dataDir: join(root, 'data'), tablesDir: join(root, 'tables'), proceduresDir: join(root, 'procs'),
      params: {}, engine: 'emulator', outDir: out, format: 'csv', env: {},
    });
    // 5.01 * 0.995 = 4.98495 -> 4.98; 2 * 1.10 * 0.995 = 2.189 -> 2.19
    expect(readFileSync(join(out, 'dbo.Sums.csv'), 'utf8')).toBe('Total\n7.17\n');
    expect(manifest.inputs).toEqual([{ table: 'dbo.line', file: 'dbo.Line.csv' }]);
  });
});
