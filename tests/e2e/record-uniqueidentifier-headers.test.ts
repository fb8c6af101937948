import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A meter feed keyed by device GUIDs: readings in, daily totals out, each stamped with the batch
// GUID the caller passes. Propose and record typed the GUID columns and the parameter `text`:
// the recorded Then held DuckDB's lower-case GUIDs beside the Given's upper-case ones (a transform
// copying its input failed the test), and the draft refused `@Batch` as a varchar(max) to
// convert. They now carry `uniqueidentifier`, upper case as SQL Server writes it, and the round
// trip (record, check, scaffold --draft, test) passes.
const SQL = `CREATE TABLE dbo.[Device Reading] ([Reading Id] int NOT NULL PRIMARY KEY, [Device Guid] uniqueidentifier NOT NULL, [Read At] datetime NOT NULL, kWh decimal(10,3) NULL)
GO
CREATE TABLE dbo.[Device Daily] ([Device Guid] uniqueidentifier NOT NULL, [Read Day] date NOT NULL, [Total kWh] decimal(38,3) NULL, [Batch Guid] uniqueidentifier NULL)
GO
CREATE PROCEDURE dbo.usp_DeviceDaily
    @Batch uniqueidentifier
AS
BEGIN
    SET NOCOUNT ON;
    DELETE FROM dbo.[Device Daily];
    INSERT INTO dbo.[Device Daily] ([Device Guid], [Read Day], [Total kWh], [Batch Guid])
    SELECT r.[Device Guid], CAST(r.[Read At] AS date), SUM(r.kWh), @Batch
    FROM dbo.[Device Reading] r
    GROUP BY r.[Device Guid], CAST(r.[Read At] AS date);
END
GO
`;

describe('uniqueidentifier columns and parameters in specs', () => {
  let ws: string;
  const SECTION = 'dbo.usp_DeviceDaily/01-device-daily';
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-guid-'));
    await scriptWorkspace(ws, { 'dbo.usp_DeviceDaily.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Device Reading.csv'), 'Reading Id,Device Guid,Read At,kWh\n1,6F9619FF-8B86-D011-B42D-00C04FC964FF,2026-01-01 01:00:00,1.500\n2,6f9619ff-8b86-d011-b42d-00c04fc964ff,2026-01-01 02:00:00,2.250\n3,0E984725-C51C-4BF4-9960-E1C80E27ABA0,2026-01-01 03:00:00,\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_DeviceDaily', '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('proposes, records, checks, drafts and tests them as uniqueidentifier', async () => {
    const file = join(ws, 'sections', `${SECTION}.feature`);
    expect(readFileSync(file, 'utf8')).toContain('Given parameter @Batch:uniqueidentifier? = TODO');
    const r = await runMigrate(['sections', 'record', SECTION, '--root', ws, '--from-data', join(ws, 'data'), '--param', '@Batch=11111111-2222-3333-4444-555555555555']);
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/\| \[Device Guid\]:uniqueidentifier +\| \[Read Day\]:date +\| \[Total kWh\]:decimal\(38,3\)\? +\| \[Batch Guid\]:uniqueidentifier\? +\|/);
    // one device, whatever the case of its GUID in the data: both readings, in SQL Server's upper case
    expect(text).toMatch(/\| 6F9619FF-8B86-D011-B42D-00C04FC964FF +\| 2026-01-01 +\| 3\.750 +\| 11111111-2222-3333-4444-555555555555 +\|/);
    expect(text).not.toMatch(/0e984725/);
    expect((await runMigrate(['sections', 'check', 'dbo.usp_DeviceDaily', '--root', ws])).code).toBe(0);
    expect((await runMigrate(['scaffold', SECTION, '--draft', '--root', ws])).code).toBe(0);
    const test = await runMigrate(['test', SECTION, '--root', ws, '--json']);
    const sections = (JSON.parse(test.out) as { sections: { id: string; failed: number; passed: number }[] }).sections;
    expect(sections.find((s) => s.id === SECTION)).toMatchObject({ failed: 0 });
    expect(sections.find((s) => s.id === SECTION)?.passed).toBeGreaterThanOrEqual(2);
  });
});
