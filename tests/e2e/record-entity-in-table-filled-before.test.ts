import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A payload audit: section 01 fills dbo.PayloadKeyAudit from the inbox's JSON, section 02 sums it
// by JsonType, which propose tags as its entity. The data folder holds the inbox (the audit table
// is made by the run), so --from-data has no JsonType to cut by: it said only "no input table has
// the entity column", naming dbo.Inbox, while the section's own Given shows JsonType. It now says
// which table has it, which statement and section fill it, and what to do.
const SQL = `CREATE TABLE dbo.Inbox (MessageId int NOT NULL PRIMARY KEY, Payload nvarchar(max) NOT NULL)
GO
CREATE TABLE dbo.PayloadKeyAudit (MessageId int NOT NULL, KeyName nvarchar(200) NOT NULL, JsonType int NOT NULL)
GO
CREATE TABLE dbo.KeyTypeSummary (JsonType int NOT NULL, Keys int NOT NULL)
GO
CREATE PROCEDURE dbo.usp_AuditPayloads
AS
BEGIN
    SET NOCOUNT ON
    DELETE FROM dbo.PayloadKeyAudit;
    INSERT INTO dbo.PayloadKeyAudit (MessageId, KeyName, JsonType)
    SELECT i.MessageId, j.[key], j.[type] FROM dbo.Inbox i CROSS APPLY OPENJSON(i.Payload) j;

    DELETE FROM dbo.KeyTypeSummary;
    INSERT INTO dbo.KeyTypeSummary (JsonType, Keys)
    SELECT a.JsonType, COUNT(*) FROM dbo.PayloadKeyAudit a GROUP BY a.JsonType;
END
GO
`;

describe('migrate sections record --from-data of a section whose entity is in a table an earlier section fills', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-entity-filled-'));
    await scriptWorkspace(ws, { 'audit.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Inbox.csv'), 'MessageId,Payload\n1,"{""a"":1,""b"":""x""}"\n2,"{""c"":[1]}"\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_AuditPayloads', '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('names the table, the statement and the section that fill it, and the way forward', async () => {
    const r = await runMigrate(['sections', 'record', 'dbo.usp_AuditPayloads/02-key-type-summary', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('has the entity column JsonType: its Given dbo.PayloadKeyAudit (INSERT dbo.PayloadKeyAudit at line 12, in section dbo.usp_AuditPayloads/01-payload-key-audit) has it');
    expect(r.err).toContain('the data\'s tables (dbo.Inbox), which have no JsonType to cut by');
    expect(r.err).toContain('`migrate sections record dbo.usp_AuditPayloads/01-payload-key-audit --from-data');
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
