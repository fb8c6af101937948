import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// Posting picks moves the bin stock through trg_Pick_Bin, which also looks the bin's limit up.
// The posting section outputs dbo.Pick only; the refill section after it reads dbo.Bin: check
// warns that what the trigger writes is compared nowhere (migrate run would give the refill
// section the data's stock), and a Given of the limit table, read only by the trigger, is read.
const TABLES = `CREATE TABLE dbo.Bin (BinNo int NOT NULL PRIMARY KEY, OnHand int NOT NULL)
GO
CREATE TABLE dbo.BinLimit (BinNo int NOT NULL PRIMARY KEY, MaxQty int NOT NULL)
GO
CREATE TABLE dbo.Pick (BinNo int NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.Refill (BinNo int NOT NULL, OnHand int NOT NULL)
GO
CREATE TRIGGER dbo.trg_Pick_Bin ON dbo.Pick AFTER INSERT AS
  UPDATE b SET OnHand = b.OnHand - x.Qty
  FROM dbo.Bin b JOIN (SELECT i.BinNo, SUM(i.Qty) AS Qty FROM inserted i JOIN dbo.BinLimit l ON l.BinNo = i.BinNo AND i.Qty <= l.MaxQty GROUP BY i.BinNo) x ON x.BinNo = b.BinNo
GO
`;
const PROCEDURE = `CREATE PROCEDURE dbo.usp_PostPicks
AS
BEGIN
  SET NOCOUNT ON
  INSERT INTO dbo.Pick (BinNo, Qty) VALUES (1, 5)

  INSERT INTO dbo.Refill (BinNo, OnHand)
  SELECT BinNo, OnHand FROM dbo.Bin WHERE OnHand < 10
END
GO
`;

describe('sections check of a section whose statement fires a trigger', () => {
  const ws = mkdtempSync(join(tmpdir(), 'check-trigger-effects-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('warns of the trigger\'s table no section outputs, and takes a Given the trigger reads as read', async () => {
    mkdirSync(join(ws, 'procedures'));
    writeFileSync(join(ws, 'procedures/tables.sql'), TABLES);
    writeFileSync(join(ws, 'procedures/dbo.usp_PostPicks.sql'), PROCEDURE);
    writeFileSync(join(ws, 'migrate.config.yaml'), 'paths:\n  procedures: procedures\n');
    const cwd = process.cwd();
    process.chdir(ws);
    try {
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_PostPicks'])).code).toBe(0);
      const posting = join(ws, 'sections/dbo.usp_PostPicks/01-pick.feature');
      const text = readFileSync(posting, 'utf8');
      expect(text).toContain('@output:dbo.Pick\n');
      writeFileSync(posting, text.replace('    When the section runs', '    Given table dbo.BinLimit:\n      | BinNo:int | MaxQty:int |\n    When the section runs'));
      const r = await runMigrate(['sections', 'check', 'dbo.usp_PostPicks', '--json']);
      const out = JSON.parse(r.out) as { problems: { code: string; message: string }[]; warnings: { code: string; file: string; message: string; hint: string }[] };
      expect(out.problems.filter((p) => p.code === 'SECTIONS_GIVEN_NOT_READ')).toEqual([]);
      const warned = out.warnings.filter((w) => w.code === 'SECTIONS_OUTPUT_NOT_COMPARED');
      expect(warned).toHaveLength(1);
      expect(warned[0]?.message).toContain('dbo.Bin is written (line 5, by the trigger dbo.trg_Pick_Bin it fires)');
      expect(warned[0]?.file).toContain('01-pick.feature');
      expect(warned[0]?.hint).toContain('`@output:dbo.Bin`');
      // the refill section reads it after: migrate run would give it the data's stock
      const fed = out.warnings.filter((w) => w.code === 'SECTIONS_TRIGGER_FEED_NOT_OUTPUT');
      expect(fed).toEqual([expect.objectContaining({ file: expect.stringContaining('01-pick.feature') })]);
      expect(fed[0]?.message).toMatch(/^\S+\/02-\S+ reads dbo\.Bin, which the trigger dbo\.trg_Pick_Bin its statements fire writes, but its @output does not name it/);
      expect(out.problems.filter((p) => p.code === 'SECTIONS_FEED_NOT_OUTPUT')).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('fails a section whose own write a later section reads while its @output leaves the table out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-feed-'));
    const cwd = process.cwd();
    try {
      mkdirSync(join(dir, 'procedures'));
      writeFileSync(join(dir, 'procedures/tables.sql'), TABLES);
      // the staging of refills is a table of its own, read by the report after it
      writeFileSync(join(dir, 'procedures/dbo.usp_Refill Report.sql'), `CREATE TABLE dbo.[Refill Stage] ([Bin No] int NOT NULL, [On Hand] int NOT NULL)
GO
CREATE PROCEDURE dbo.[usp_Refill Report]
AS
BEGIN
  SET NOCOUNT ON
  INSERT INTO dbo.[Refill Stage] ([Bin No], [On Hand]) SELECT BinNo, OnHand FROM dbo.Bin WHERE OnHand < 10

  INSERT INTO dbo.Refill (BinNo, OnHand) SELECT [Bin No], [On Hand] + 5 FROM dbo.[Refill Stage]
END
GO
`);
      writeFileSync(join(dir, 'migrate.config.yaml'), 'paths:\n  procedures: procedures\n');
      process.chdir(dir);
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_Refill Report'])).code).toBe(0);
      const fresh = await runMigrate(['sections', 'check', 'dbo.usp_Refill Report', '--json']);
      expect((JSON.parse(fresh.out) as { problems: { code: string }[] }).problems.filter((p) => p.code === 'SECTIONS_FEED_NOT_OUTPUT')).toEqual([]);
      const folder = join(dir, 'sections/dbo.usp_Refill_Report');
      const [first] = readdirSync(folder).filter((f) => f.startsWith('01-'));
      const file = join(folder, first as string);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('@output:dbo.[Refill%20Stage]');
      // the user points the section at another table than the one the next section reads
      writeFileSync(file, text.replace('@output:dbo.[Refill%20Stage]', '@output:dbo.Refill'));
      const r = await runMigrate(['sections', 'check', 'dbo.usp_Refill Report', '--json']);
      expect(r.code).toBe(1);
      const fed = (JSON.parse(r.out) as { problems: { code: string; file: string; message: string; hint: string }[] }).problems.filter((p) => p.code === 'SECTIONS_FEED_NOT_OUTPUT');
      expect(fed).toHaveLength(1);
      expect(fed[0]?.file).toContain(first as string);
      expect(fed[0]?.message).toMatch(/^\S+\/02-\S+ reads dbo\.\[Refill Stage\], which its statements write, but its @output does not name it: `migrate run` would give \S+\/02-\S+ the data's rows of dbo\.\[Refill Stage\]/);
      expect(fed[0]?.hint).toContain('@output:dbo.[Refill%20Stage]');
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
