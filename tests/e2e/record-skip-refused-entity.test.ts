import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// Delivery stops counted per street for each driver: one driver's data holds N'Bahnhofstraße',
// which SQL Server's collation groups with N'Bahnhofstrasse' and the emulator refuses to group.
// That is the driver's data, not the code: `record --from-data` skips the driver, says why, and
// records the others; a refusal on the first driver tried still stops the recording.
const SQL = `CREATE TABLE dbo.[Delivery Stop] (StopId int NOT NULL PRIMARY KEY, DriverId int NOT NULL, Street nvarchar(60) NOT NULL)
GO
CREATE TABLE dbo.StreetVisits (DriverId int NOT NULL, Street nvarchar(60) NOT NULL, Visits int NOT NULL)
GO
CREATE PROCEDURE dbo.usp_StreetVisits
AS
BEGIN
  INSERT INTO dbo.StreetVisits (DriverId, Street, Visits)
  SELECT DriverId, MIN(Street), COUNT(*) FROM dbo.[Delivery Stop] GROUP BY DriverId, Street;
END
GO
`;

describe('migrate sections record --from-data where the emulator refuses one entity\'s data', () => {
  let ws: string;
  let section: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-skip-refused-'));
    await scriptWorkspace(ws, { 'street-visits.sql': SQL });
    mkdirSync(join(ws, 'data'));
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_StreetVisits', '--root', ws])).code).toBe(0);
    section = join(ws, 'sections', 'dbo.usp_StreetVisits', '01-street-visits.feature');
    writeFileSync(section, readFileSync(section, 'utf8').replace(/^@proc:/, '@entity:DriverId @proc:'));
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('skips the entity the emulator refuses after another was recorded, naming file:line:col, and writes the others', async () => {
    // driver 1 is the largest (picked first), driver 2 has the sharp s
    writeFileSync(join(ws, 'data', 'dbo.Delivery Stop.csv'), 'StopId,DriverId,Street\n1,1,Main Street\n2,1,Main Street\n3,1,Elm Road\n4,2,Bahnhofstraße\n5,2,Bahnhofstrasse\n');
    const run = await runMigrate(['sections', 'record', 'dbo.usp_StreetVisits/01-street-visits', '--root', ws, '--from-data', join(ws, 'data'), '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.out);
    expect(out.scenarios.map((s: { entity: string }) => s.entity)).toEqual(['1']);
    expect(out.skipped).toHaveLength(1);
    expect(out.skipped[0].entity).toBe('2');
    expect(out.skipped[0].reason).toMatch(/street-visits\.sql:\d+:\d+: the emulator does not support comparing or grouping text holding characters SQL Server's collation may equate with other spellings .*Bahnhofstraße/);
    expect(readFileSync(section, 'utf8')).toContain('Scenario: DriverId 1 from the data');
  });

  it('stops with the refusal (exit 2, nothing written) when the first entity tried is refused', async () => {
    const before = readFileSync(section, 'utf8');
    writeFileSync(join(ws, 'data', 'dbo.Delivery Stop.csv'), 'StopId,DriverId,Street\n6,3,Lindenstraße\n7,3,Lindenstraße\n8,4,Oak Lane\n');
    const run = await runMigrate(['sections', 'record', 'dbo.usp_StreetVisits/01-street-visits', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/street-visits\.sql:\d+:\d+: the emulator does not support comparing or grouping text/);
    expect(readFileSync(section, 'utf8')).toBe(before);
  });
});
