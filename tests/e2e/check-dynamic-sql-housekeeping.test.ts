import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A region pivot built and run as dynamic SQL: propose leaves the EXEC in housekeeping (it cannot
// say what the text writes), and `migrate status` counts it as covered. Check says plainly that
// what it writes is compared by no scenario, as a warning at the housekeeping section.
const TABLES = `CREATE TABLE dbo.[Region Sales] ([Region Name] varchar(20) NOT NULL, Amount money NOT NULL)
GO
CREATE TABLE dbo.[Region Pivot] (North money NULL, South money NULL)
GO
`;
const PROCEDURE = `CREATE PROCEDURE dbo.[usp_Build Region Pivot]
AS
BEGIN
  SET NOCOUNT ON
  DECLARE @cols nvarchar(max), @sql nvarchar(max)
  SELECT @cols = STRING_AGG(QUOTENAME([Region Name]), ',') FROM (SELECT DISTINCT [Region Name] FROM dbo.[Region Sales]) r
  SET @sql = N'INSERT INTO dbo.[Region Pivot] SELECT ' + @cols + N' FROM (SELECT [Region Name], Amount FROM dbo.[Region Sales]) s PIVOT (SUM(Amount) FOR [Region Name] IN (' + @cols + N')) p'
  EXEC (@sql)
END
GO
`;

describe('sections check of dynamic SQL left in housekeeping', () => {
  const ws = mkdtempSync(join(tmpdir(), 'check-dynamic-housekeeping-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('warns that what the text writes is compared by no scenario, and passes', async () => {
    mkdirSync(join(ws, 'procedures'));
    writeFileSync(join(ws, 'procedures/tables.sql'), TABLES);
    writeFileSync(join(ws, 'procedures/usp_Build Region Pivot.sql'), PROCEDURE);
    writeFileSync(join(ws, 'migrate.config.yaml'), 'paths:\n  procedures: procedures\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_Build Region Pivot', '--root', ws])).code).toBe(0);
    const r = await runMigrate(['sections', 'check', 'dbo.usp_Build Region Pivot', '--root', ws, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { warnings: { code: string; file: string; message: string; hint: string }[] };
    const warned = out.warnings.filter((w) => w.code === 'SECTIONS_DYNAMIC_SQL_NOT_COMPARED');
    expect(warned).toHaveLength(1);
    expect(warned[0]?.file).toMatch(/00-housekeeping\.feature$/);
    expect(warned[0]?.message).toMatch(/^line 8's EXEC .*in housekeeping, which never runs: what its text writes is compared by no scenario/);
    expect(warned[0]?.hint).toContain('--allow-dynamic-sql');
  });
});
