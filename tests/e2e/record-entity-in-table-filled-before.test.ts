import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A payload audit: section 01 fills dbo.PayloadKeyAudit from the inbox's JSON, section 02 sums it
// by JsonType, which propose tags as its entity. The data folder holds the inbox (the audit table
// is made by the run), so the data has no JsonType to cut by. --from-data refused; it now runs the
// statements before the section on all of the data and cuts what they leave by JsonType. Where
// those statements cannot run (an audit id drawn by NEWID(), which SQL Server draws otherwise),
// the refusal stays, naming the table, the statement and the section that fill it, and why.
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

/** A workspace of the audit `sql`, the inbox's two messages in data/, its sections proposed. */
async function auditWorkspace(sql: string): Promise<string> {
  const ws = mkdtempSync(join(tmpdir(), 'record-entity-filled-'));
  await scriptWorkspace(ws, { 'audit.sql': sql });
  mkdirSync(join(ws, 'data'));
  writeFileSync(join(ws, 'data', 'dbo.Inbox.csv'), 'MessageId,Payload\n1,"{""a"":1,""b"":""x""}"\n2,"{""c"":[1]}"\n');
  expect((await runMigrate(['sections', 'propose', 'dbo.usp_AuditPayloads', '--root', ws])).code).toBe(0);
  return ws;
}

describe('migrate sections record --from-data of a section whose entity is in a table an earlier section fills', () => {
  let ws: string;
  beforeAll(async () => { ws = await auditWorkspace(SQL); });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('cuts what the statements before leave on all of the data by the entity, and check accepts it', async () => {
    const r = await runMigrate(['sections', 'record', 'dbo.usp_AuditPayloads/02-key-type-summary', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('each Given is what lines 10-13 of the procedure leave on all of the data, cut to that entity');
    const text = readFileSync(join(ws, 'sections', 'dbo.usp_AuditPayloads', '02-key-type-summary.feature'), 'utf8');
    // JSON types: 1 a string ("x"), 2 a number (1), 4 an array ([1]); each scenario holds its own audit rows
    const scenario = (type: number): string => text.split(/\n\s*@recorded/).find((b) => b.includes(`Scenario: JsonType ${type} from the data`)) ?? '';
    expect(scenario(2)).toMatch(/\| 1 +\| a +\| 2 +\|/);
    expect(scenario(2)).not.toMatch(/\| b +\|/);
    expect(scenario(2)).toMatch(/Then table dbo\.KeyTypeSummary:\n.*\n\s+\| 2 +\| 1 +\|/);
    expect(scenario(4)).toMatch(/\| 2 +\| c +\| 4 +\|/);
    expect(scenario(2)).toContain('leave on all of the data, cut to this JsonType');
    expect((await runMigrate(['sections', 'check', 'dbo.usp_AuditPayloads', '--root', ws])).code).toBe(0);
  });
});

describe('migrate sections record --from-data when the statements before cannot run on all of the data', () => {
  let ws: string;
  beforeAll(async () => { ws = await auditWorkspace(SQL.replace('PayloadKeyAudit (MessageId int', 'PayloadKeyAudit (AuditId uniqueidentifier NOT NULL DEFAULT NEWID(), MessageId int')); });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('names the table, the statement and the section that fill it, why they could not run first, and the way forward', async () => {
    const r = await runMigrate(['sections', 'record', 'dbo.usp_AuditPayloads/02-key-type-summary', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('has the entity column JsonType: its Given dbo.PayloadKeyAudit (INSERT dbo.PayloadKeyAudit at line 12, in section dbo.usp_AuditPayloads/01-payload-key-audit) has it');
    expect(r.err).toContain('the data\'s tables (dbo.Inbox), which have no JsonType to cut by');
    expect(r.err).toContain('`migrate sections record dbo.usp_AuditPayloads/01-payload-key-audit --from-data');
    expect(r.err).toMatch(/running the statements before it \(lines 10-13\) on all of the data first failed: .*NEWID\(\)/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
