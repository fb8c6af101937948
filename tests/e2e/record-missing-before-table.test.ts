import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A clickstream load: the watermark is read with the first section (late hits), the visit counts after it.
// `record --from-data` of the counting section runs the watermark read first on the data, so a
// missing etl.[Load Mark] file is read by a statement before the section, not by the section.
const SQL = `CREATE TABLE etl.[Load Mark] ([Feed Name] varchar(30) NOT NULL, [Last Seen] datetime2(0) NULL)
GO
CREATE TABLE dbo.[Page Hit] ([Visitor Id] int NOT NULL, [Hit Time] datetime2(0) NOT NULL)
GO
CREATE TABLE dbo.[Visit Count] ([Visitor Id] int NOT NULL, Hits int NOT NULL)
GO
CREATE TABLE dbo.[Late Hit] ([Visitor Id] int NOT NULL, [Hit Time] datetime2(0) NOT NULL)
GO
CREATE PROCEDURE dbo.usp_CountVisits
AS
BEGIN
    DECLARE @Since datetime2(0);
    SELECT @Since = m.[Last Seen] FROM etl.[Load Mark] m WHERE m.[Feed Name] = 'web';

    INSERT INTO dbo.[Late Hit] ([Visitor Id], [Hit Time])
    SELECT h.[Visitor Id], h.[Hit Time] FROM dbo.[Page Hit] h WHERE h.[Hit Time] <= @Since;

    INSERT INTO dbo.[Visit Count] ([Visitor Id], Hits)
    SELECT h.[Visitor Id], COUNT(*) FROM dbo.[Page Hit] h WHERE h.[Hit Time] > @Since GROUP BY h.[Visitor Id];
END
GO
`;

describe('migrate sections record --from-data without the file a statement before the section reads', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-missing-before-'));
    await scriptWorkspace(ws, { 'visits.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Page Hit.csv'), 'Visitor Id,Hit Time\n7,2019-03-04 10:00:00\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_CountVisits', '--root', ws])).code).toBe(0);
    const dir = join(ws, 'sections', 'dbo.usp_CountVisits');
    const file = join(dir, '02-visit-count.feature');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^@proc:/, '@entity:[Visitor%20Id] @proc:'));
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('says a statement before the section reads it, not the section', async () => {
    const r = await runMigrate(['sections', 'record', 'dbo.usp_CountVisits/02-visit-count', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('has no CSV for etl.[Load Mark], which a statement before the section reads');
  });
});
