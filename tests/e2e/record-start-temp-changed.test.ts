import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeature } from '../../src/sections';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A weekly pay run: a #temp table of the staff who worked, then a section whose only use of it is
// `UPDATE p … FROM #Pay p JOIN …` (it changes #Pay, never reads it otherwise). `record --from-data`
// must give that section #Pay as the statements before it leave it, not leave it out.
const SQL = `CREATE TABLE dbo.Staff (StaffId int NOT NULL PRIMARY KEY, BaseRate decimal(9,2) NOT NULL, Hours int NOT NULL)
GO
CREATE PROCEDURE dbo.usp_WeeklyPay
AS
BEGIN
    SET NOCOUNT ON
    CREATE TABLE #Pay (StaffId int NOT NULL, Hours int NOT NULL, Amount decimal(12,2) NULL)
    INSERT INTO #Pay (StaffId, Hours) SELECT StaffId, Hours FROM dbo.Staff WHERE Hours > 0
    UPDATE p SET Amount = p.Hours * s.BaseRate
      FROM #Pay p JOIN dbo.Staff s ON s.StaffId = p.StaffId
    SELECT StaffId, Amount FROM #Pay ORDER BY StaffId
END
GO
`;

const FEATURE = `@proc:dbo.usp_WeeklyPay @lines:9-10 @output:#Pay @entity:StaffId
Feature: 02 pay amounts
  Hours times the base rate.
`;

describe('migrate sections record --from-data of a section that only changes a #temp table built before it', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-temp-changed-'));
    await scriptWorkspace(ws, { 'weekly-pay.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Staff.csv'), 'StaffId,BaseRate,Hours\n1,20.50,38\n2,18.00,0\n3,31.25,12\n');
    mkdirSync(join(ws, 'sections', 'dbo.usp_WeeklyPay'), { recursive: true });
    writeFileSync(join(ws, 'sections', 'dbo.usp_WeeklyPay', '02-pay-amount.feature'), FEATURE);
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('gives #Pay as the INSERT before the section leaves it, and the UPDATE\'s amounts as Then', async () => {
    const run = await runMigrate(['sections', 'record', 'dbo.usp_WeeklyPay/02-pay-amount', '--root', ws, '--from-data', join(ws, 'data')]);
    // a scenario that records no rows from a Given with rows is noted, and written as the section's one of nothing matching (empty-then-scenarios.ts)
    expect(run.err).toMatch(/^note wrote dbo\.usp_WeeklyPay\/02-pay-amount › StaffId 2 from the data, nothing matches \([a-z ]+\): its Then tables are all empty while its Given holds rows[^\n]*\n$/);
    expect(run.code).toBe(0);
    const spec = (await parseFeature(readFileSync(join(ws, 'sections', 'dbo.usp_WeeklyPay', '02-pay-amount.feature'), 'utf8'), 'f')).spec;
    const three = spec?.scenarios.find((s) => s.name.startsWith('StaffId 3 from the data'));
    expect(three?.inputs.find((t) => t.name === '#Pay')?.rows).toEqual([{ StaffId: 3, Hours: 12, Amount: null }]);
    expect(three?.expected[0]?.table.rows).toEqual([{ StaffId: 3, Hours: 12, Amount: 375 }]);
  });
});
