import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A MERGE that logs its changes with OUTPUT $action, inserted/deleted columns INTO an audit table
// keyed by an IDENTITY. SQL Server numbers the audit rows in the order its plan yields them
// (learn.microsoft.com/sql/t-sql/queries/output-clause-transact-sql: no guarantee that the order
// of the rows inserted into the output table corresponds to the order of the changes), so AuditId
// is the plan's; which rows are logged and what they hold is the MERGE's. A Then header without
// AuditId records; one with it is refused naming the column; capture lists that column alone.
const TABLES = `CREATE TABLE dbo.[Tier Rate] (TierCode nvarchar(10) NOT NULL PRIMARY KEY, [Rate Pct] decimal(5,2) NOT NULL)
GO
CREATE TABLE dbo.[Tier Staging] (TierCode nvarchar(10) NOT NULL, [Rate Pct] decimal(5,2) NOT NULL)
GO
CREATE TABLE dbo.[Tier Audit] (AuditId int IDENTITY(1,1) NOT NULL PRIMARY KEY, [Change Kind] nvarchar(10) NOT NULL,
  TierCode nvarchar(10) NOT NULL, [Old Pct] decimal(5,2) NULL, [New Pct] decimal(5,2) NULL)
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_SyncTiers
AS
BEGIN
  SET NOCOUNT ON;
  MERGE dbo.[Tier Rate] AS t
  USING dbo.[Tier Staging] AS s ON t.TierCode = s.TierCode
  WHEN MATCHED AND t.[Rate Pct] <> s.[Rate Pct] THEN UPDATE SET [Rate Pct] = s.[Rate Pct]
  WHEN NOT MATCHED BY TARGET THEN INSERT (TierCode, [Rate Pct]) VALUES (s.TierCode, s.[Rate Pct])
  OUTPUT $action, inserted.TierCode, deleted.[Rate Pct], inserted.[Rate Pct]
    INTO dbo.[Tier Audit] ([Change Kind], TierCode, [Old Pct], [New Pct]);
END
GO
`;
const AUDIT_HEADER = '| AuditId:int | [Change Kind]:text | TierCode:text | [Old Pct]:decimal(5,2)? | [New Pct]:decimal(5,2)? |';

let ws: string;

beforeEach(() => {
  ws = mkdtempSync(join(tmpdir(), 'record-merge-audit-'));
  mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
  writeFileSync(join(ws, 'procedures/tables/tiers.sql'), TABLES);
  writeFileSync(join(ws, 'procedures/usp_SyncTiers.sql'), PROC);
});

afterEach(() => rmSync(ws, { recursive: true, force: true }));

/** Proposes the section, fills its Given (two tiers staged anew, one changed, one unchanged) and writes the Then header of the audit table. */
async function sectionWith(auditThenHeader: string): Promise<{ file: string; before: string }> {
  expect((await runMigrate(['sections', 'propose', 'dbo.usp_SyncTiers', '--root', ws])).code).toBe(0);
  const file = join(ws, 'sections/dbo.usp_SyncTiers/01-tier-audit.feature');
  const proposed = readFileSync(file, 'utf8');
  const staging = 'Given table dbo.[Tier Staging]:\n      | [Rate Pct]:decimal(5,2) | TierCode:text |\n';
  const rate = 'Given table dbo.[Tier Rate]:\n      | TierCode:text | [Rate Pct]:decimal(5,2) |\n';
  const then = `Then table dbo.[Tier Audit]:\n      ${AUDIT_HEADER}\n`;
  for (const part of [staging, rate, then]) expect(proposed).toContain(part);
  const before = proposed
    .replace(staging, `${staging}      | 2.50 | GOLD |\n      | 1.00 | SILVER |\n      | 4.00 | PLATINUM |\n      | 0.50 | BRONZE |\n`)
    .replace(rate, `${rate}      | GOLD | 2.00 |\n      | SILVER | 1.00 |\n`)
    .replace(then, `Then table dbo.[Tier Audit]:\n      ${auditThenHeader}\n`);
  writeFileSync(file, before);
  return { file, before };
}

describe('migrate sections record of a MERGE … OUTPUT INTO an audit table with an IDENTITY key', () => {
  it('records the audit rows when the Then header leaves AuditId out', async () => {
    const { file } = await sectionWith('| [Change Kind]:text | TierCode:text | [Old Pct]:decimal(5,2)? | [New Pct]:decimal(5,2)? |');
    const run = await runMigrate(['sections', 'record', 'dbo.usp_SyncTiers/01-tier-audit', '--root', ws]);
    expect(run.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).toMatch(/\| INSERT +\| BRONZE +\| NULL +\| 0\.50 +\|\n +\| INSERT +\| PLATINUM +\| NULL +\| 4\.00 +\|\n +\| UPDATE +\| GOLD +\| 2\.00 +\| 2\.50 +\|/);
    // SILVER's rate did not change: no audit row, and the target's rows are recorded too.
    expect(after).not.toMatch(/\| UPDATE +\| SILVER/);
    expect(after).toMatch(/\| SILVER +\| 1\.00 +\|/);
    const check = await runMigrate(['sections', 'check', '--root', ws]);
    expect(check.code).toBe(0);
  });

  it('refuses it while the header lists AuditId, naming the column and the MERGE, and writes nothing', async () => {
    const { file, before } = await sectionWith(AUDIT_HEADER);
    const run = await runMigrate(['sections', 'record', 'dbo.usp_SyncTiers/01-tier-audit', '--root', ws, '--json']);
    expect(run.code).toBe(2);
    const reason = (JSON.parse(run.out) as { refused: { reason: string }[] }).refused[0]?.reason ?? '';
    expect(reason).toMatch(/dbo\.\[Tier Audit\]\.AuditId cannot be recorded: its values depend on identity values of dbo\.Tier Audit numbered by the OUTPUT … INTO at .*usp_SyncTiers\.sql:9:3 .*; leave AuditId out of the Then header of dbo\.\[Tier Audit\]/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('migrate capture of the same MERGE', () => {
  it('lists the audit table\'s AuditId alone as not reproducible', async () => {
    const data = join(ws, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'dbo.Tier Staging.csv'), 'TierCode,Rate Pct\nGOLD,2.50\nPLATINUM,4.00\nBRONZE,0.50\n');
    writeFileSync(join(data, 'dbo.Tier Rate.csv'), 'TierCode,Rate Pct\nGOLD,2.00\n');
    writeFileSync(join(data, 'dbo.Tier Audit.csv'), 'AuditId,Change Kind,TierCode,Old Pct,New Pct\n');
    const out = join(ws, 'out');
    const r = await runMigrate(['capture', 'dbo.usp_SyncTiers', '--data', data, '--procedures', join(ws, 'procedures'), '--out', out, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(r.out) as { nonReproducible: string[]; nonReproducibleCauses: string[] };
    expect(manifest.nonReproducible).toEqual(['dbo.Tier Audit.AuditId']);
    expect(manifest.nonReproducibleCauses).toEqual([expect.stringMatching(/^identity values of dbo\.Tier Audit numbered by the OUTPUT … INTO at .*usp_SyncTiers\.sql:9:3/)]);
  });
});
