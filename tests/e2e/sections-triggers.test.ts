import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A table's DML trigger writes what no statement of the procedure names (an audit row per
// change). propose says so in the description of each section whose writes fire it, so the
// migration does not drop the audit trail unnoticed; a trigger a later script drops says nothing.
const TABLES = `CREATE TABLE dbo.Item (Id int PRIMARY KEY, Price decimal(9,2) NOT NULL);
GO
CREATE TABLE [Audit].[Price Change] (Id int NOT NULL, OldPrice decimal(9,2), NewPrice decimal(9,2), Seen int NULL);
GO
CREATE TRIGGER dbo.trg_Item_Audit ON dbo.Item AFTER UPDATE AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO [Audit].[Price Change] (Id, OldPrice, NewPrice) SELECT d.Id, d.Price, i.Price FROM deleted d JOIN inserted i ON i.Id = d.Id;
  UPDATE a SET Seen = 1 FROM [Audit].[Price Change] AS a WHERE a.Seen IS NULL;
END
GO
CREATE TRIGGER dbo.trg_Item_Insert ON dbo.Item AFTER INSERT AS
  INSERT INTO [Audit].[Price Change] (Id, NewPrice) SELECT Id, Price FROM inserted;
GO
DROP TRIGGER dbo.trg_Item_Insert;
GO
`;

const PROCEDURE = `CREATE PROCEDURE dbo.usp_Reprice @Pct decimal(5,2)
AS
BEGIN
  SET NOCOUNT ON;
  UPDATE dbo.Item SET Price = ROUND(Price * (1 + @Pct / 100), 2);
  INSERT INTO dbo.Item (Id, Price) VALUES (99, 1.00);
END
GO
`;

describe('sections propose on a table with a DML trigger', () => {
  const ws = mkdtempSync(join(tmpdir(), 'sections-triggers-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('names the trigger, where it is and what it writes, in the section whose write fires it', async () => {
    mkdirSync(join(ws, 'procedures'));
    writeFileSync(join(ws, 'procedures/tables.sql'), TABLES);
    writeFileSync(join(ws, 'procedures/dbo.usp_Reprice.sql'), PROCEDURE);
    writeFileSync(join(ws, 'migrate.config.yaml'), 'paths:\n  procedures: procedures\n');
    const cwd = process.cwd();
    process.chdir(ws);
    try {
      const r = await runMigrate(['sections', 'propose', 'dbo.usp_Reprice']);
      expect(r.code).toBe(0);
      const dir = join(ws, 'sections/dbo.usp_Reprice');
      const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n').replace(/\n {2}/g, ' ');
      expect(text).toContain('dbo.Item has the trigger dbo.trg_Item_Audit (AFTER UPDATE, procedures/tables.sql:5), which writes Audit.[Price Change]: SQL Server runs it with line 5\'s UPDATE');
      // the INSERT fires no trigger: the INSERT trigger was dropped
      expect(text).not.toContain('trg_Item_Insert');
      expect(text.match(/has the trigger/g)).toHaveLength(1);
    } finally {
      process.chdir(cwd);
    }
  });
});
