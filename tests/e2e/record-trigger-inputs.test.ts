import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A section reading a table that a trigger changes, fired by a statement before the section
// (posting picks moves the bin stock through trg_Pick_Bin): `record --from-data` must give it
// the stock as the trigger left it, not as the data holds it before the procedure.
const TABLES = `CREATE TABLE dbo.Bin (BinNo int NOT NULL PRIMARY KEY, OnHand int NOT NULL, MinQty int NOT NULL)
GO
CREATE TABLE dbo.PickQueue (BinNo int NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.Pick (BinNo int NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.Refill (BinNo int NOT NULL, OnHand int NOT NULL)
GO
CREATE TRIGGER dbo.trg_Pick_Bin ON dbo.Pick AFTER INSERT AS
  UPDATE b SET OnHand = b.OnHand - x.Qty
  FROM dbo.Bin b JOIN (SELECT BinNo, SUM(Qty) AS Qty FROM inserted GROUP BY BinNo) x ON x.BinNo = b.BinNo
GO
CREATE TABLE dbo.BinAudit (Reason varchar(10) NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.AuditTotal (Reason varchar(10) NOT NULL, Qty int NOT NULL)
GO
CREATE TRIGGER dbo.trg_Bin_Audit ON dbo.Bin AFTER UPDATE AS
  INSERT INTO dbo.BinAudit (Reason, Qty) SELECT 'picked', d.OnHand - i.OnHand FROM inserted i JOIN deleted d ON d.BinNo = i.BinNo
GO
`;
const PROCEDURE = `CREATE PROCEDURE dbo.usp_PostPicks
AS
BEGIN
  SET NOCOUNT ON
  INSERT INTO dbo.Pick (BinNo, Qty) SELECT BinNo, Qty FROM dbo.PickQueue

  INSERT INTO dbo.Refill (BinNo, OnHand)
  SELECT BinNo, OnHand FROM dbo.Bin WHERE OnHand < MinQty

  INSERT INTO dbo.AuditTotal (Reason, Qty)
  SELECT Reason, SUM(Qty) FROM dbo.BinAudit GROUP BY Reason
END
GO
`;

describe('sections record --from-data after a statement whose trigger writes the section\'s input', () => {
  const ws = mkdtempSync(join(tmpdir(), 'record-trigger-inputs-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  /** Runs `body` in the workspace. */
  const inWorkspace = async (body: () => Promise<void>): Promise<void> => {
    const cwd = process.cwd();
    process.chdir(ws);
    try {
      await body();
    } finally {
      process.chdir(cwd);
    }
  };
  /** The proposed section with `@output:<table>`. */
  const sectionWriting = (table: string): string => {
    const dir = join(ws, 'sections/dbo.usp_PostPicks');
    const file = readdirSync(dir).find((f) => readFileSync(join(dir, f), 'utf8').includes(`@output:${table} `));
    expect(file).toBeDefined();
    return join(dir, file as string);
  };

  it('runs the statements before the section, trigger included, for its Given', async () => {
    mkdirSync(join(ws, 'procedures'));
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures/tables.sql'), TABLES);
    writeFileSync(join(ws, 'procedures/dbo.usp_PostPicks.sql'), PROCEDURE);
    writeFileSync(join(ws, 'migrate.config.yaml'), 'paths:\n  procedures: procedures\n');
    writeFileSync(join(ws, 'data/dbo.Bin.csv'), 'BinNo,OnHand,MinQty\n7,20,10\n');
    writeFileSync(join(ws, 'data/dbo.PickQueue.csv'), 'BinNo,Qty\n7,6\n7,5\n');
    writeFileSync(join(ws, 'data/dbo.Pick.csv'), 'BinNo,Qty\n');
    writeFileSync(join(ws, 'data/dbo.Refill.csv'), 'BinNo,OnHand\n');
    writeFileSync(join(ws, 'data/dbo.BinAudit.csv'), 'Reason,Qty\n');
    writeFileSync(join(ws, 'data/dbo.AuditTotal.csv'), 'Reason,Qty\n');
    await inWorkspace(async () => {
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_PostPicks'])).code).toBe(0);
      const path = sectionWriting('dbo.Refill');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/@output:dbo\.Refill(?! @entity)/, '@output:dbo.Refill @entity:BinNo'));
      const r = await runMigrate(['sections', 'record', path, '--from-data', 'data']);
      expect(r.code).toBe(0);
      const text = readFileSync(path, 'utf8');
      // 20 - 6 - 5 = 9 once trg_Pick_Bin has run: under MinQty 10, so the bin is refilled
      expect(text).toMatch(/table dbo\.Bin:\n\s*\| BinNo:int \| OnHand:int \| MinQty:int \|\n\s*\| 7 +\| 9 +\| 10 +\|/);
      expect(text).toMatch(/Then table dbo\.Refill:\n\s*\| BinNo:int \| OnHand:int \|\n\s*\| 7 +\| 9 +\|/);
    });
  });

  // The data holds no Reason to cut by (the nested trigger makes it): the statements before run
  // on all of the data, and what they leave is cut to each Reason (entity-in-start-state.ts).
  it('records an @entity whose values only the triggers make before the section, from the state they leave', async () => {
    await inWorkspace(async () => {
      const path = sectionWriting('dbo.AuditTotal');
      // propose tags the summary by its Reason already
      expect(readFileSync(path, 'utf8')).toContain('@output:dbo.AuditTotal @entity:Reason');
      const r = await runMigrate(['sections', 'record', path, '--from-data', 'data']);
      expect(r.code).toBe(0);
      expect(r.out).toContain('leave on all of the data, cut to that entity');
      const text = readFileSync(path, 'utf8');
      // trg_Pick_Bin takes 6 + 5 off bin 7, and trg_Bin_Audit logs the 11 as 'picked'
      expect(text).toMatch(/Given table dbo\.BinAudit:\n\s*\| Reason:text +\| Qty:int +\|\n\s*\| picked +\| 11 +\|/);
      expect(text).toMatch(/Then table dbo\.AuditTotal:\n\s*\| Reason:text +\| Qty:int +\|\n\s*\| picked +\| 11 +\|/);
    });
  });

  it('lets the section whose write fires the triggers state what they write (nested included) as Given and Then tables', async () => {
    await inWorkspace(async () => {
      const path = sectionWriting('dbo.Pick');
      const text = readFileSync(path, 'utf8').replace(/^(@proc:\S+ @lines:\S+ @output:dbo\.Pick)\b[^\n]*/m, '$1 @output:dbo.BinAudit');
      writeFileSync(path, `${text.slice(0, text.indexOf('  Scenario:'))}  Scenario: two picks from bin 7
    Given table dbo.PickQueue:
      | BinNo:int | Qty:int |
      | 7         | 6       |
    Given table dbo.Pick:
      | BinNo:int | Qty:int |
    Given table dbo.BinAudit:
      | Reason:text | Qty:int |
    When the section runs
    Then table dbo.Pick:
      | BinNo:int | Qty:int |
      | 7         | 6       |
    Then table dbo.BinAudit:
      | Reason:text | Qty:int |
      | picked      | 6       |
`);
      const r = await runMigrate(['sections', 'check']);
      expect(r.out + r.err).not.toMatch(/dbo\.BinAudit: the section's statements do not write it|Given table dbo\.BinAudit: the statements/);
    });
  });
});
