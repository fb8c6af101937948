import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

// `migrate run` hands a section only what earlier sections' transforms output. A section whose
// statements (or the trigger they fire) write a table a later section reads, while its @output
// leaves the table out, made run give the later section the data folder's rows of it: the
// refill orders came from last night's stale staging rows, exit 0, plausible and wrong.
const REFILL_TABLES = `CREATE TABLE dbo.[Stock Level] ([Bin No] int NOT NULL PRIMARY KEY, [On Hand] int NOT NULL)
GO
CREATE TABLE dbo.[Refill Stage] ([Bin No] int NOT NULL, [Short By] int NOT NULL)
GO
CREATE TABLE dbo.[Refill Run] ([Bins Short] int NOT NULL, [Units Short] int NOT NULL)
GO
CREATE TABLE dbo.[Refill Order] ([Bin No] int NOT NULL, [Order Qty] int NOT NULL)
GO
`;
const REFILL_PROCEDURE = `CREATE PROCEDURE dbo.[usp_Plan Refills]
    @Target int = 20
AS
BEGIN
    SET NOCOUNT ON

    -- bins under target, and by how much; the run's totals
    DELETE FROM dbo.[Refill Stage]
    INSERT INTO dbo.[Refill Stage] ([Bin No], [Short By])
    SELECT s.[Bin No], @Target - s.[On Hand]
    FROM dbo.[Stock Level] s
    WHERE s.[On Hand] < @Target
    INSERT INTO dbo.[Refill Run] ([Bins Short], [Units Short])
    SELECT COUNT(*), ISNULL(SUM([Short By]), 0) FROM dbo.[Refill Stage]

    -- order in cases of 6, rounded up
    INSERT INTO dbo.[Refill Order] ([Bin No], [Order Qty])
    SELECT r.[Bin No], ((r.[Short By] + 5) / 6) * 6
    FROM dbo.[Refill Stage] r
END
GO
`;

/** The staging and the totals as one section, which the person took the staging table for scratch of: `stage` adds it back. */
function mergedSection(stage: boolean): string {
  return `@proc:dbo.[usp_Plan%20Refills] @lines:8-14 @output:dbo.[Refill%20Run]${stage ? ' @output:dbo.[Refill%20Stage]' : ''}
Feature: 01 dbo.[Refill Run]
  The bins under target and the run's totals.

  Scenario: two bins short of three
    Given parameter @Target:int? = 20
    Given table dbo.[Stock Level]:
      | [Bin No]:int | [On Hand]:int |
      | 1            | 5             |
      | 2            | 18            |
      | 3            | 40            |
    Given table dbo.[Refill Stage]:
      | [Bin No]:int | [Short By]:int |
    Given table dbo.[Refill Run]:
      | [Bins Short]:int | [Units Short]:int |
    When the section runs
    Then table dbo.[Refill Run]:
      | [Bins Short]:int | [Units Short]:int |
      | 2                | 17                |
${stage ? `    Then table dbo.[Refill Stage]:
      | [Bin No]:int | [Short By]:int |
      | 1            | 15             |
      | 2            | 2              |
` : ''}`;
}

/** Writes the merged section 01 and drafts the transforms of the sections. */
async function draftWithMergedSection(ws: string, stage: boolean): Promise<void> {
  const folder = join(ws, 'sections/dbo.usp_Plan_Refills');
  for (const f of ['01-refill-stage.feature', '02-refill-run.feature']) rmSync(join(folder, f), { force: true });
  writeFileSync(join(folder, '01-refill-run.feature'), mergedSection(stage));
  rmSync(join(ws, 'src/transforms/dbo.usp_Plan_Refills'), { recursive: true, force: true });
  rmSync(join(ws, 'tests/sections/dbo.usp_Plan_Refills'), { recursive: true, force: true });
  expect((await runMigrate(['scaffold', 'dbo.usp_Plan Refills', '--draft', '--root', ws])).code).toBe(0);
}

/** Today's stock, and what the last legacy run left in the staging table: bin 7, long since refilled. */
function refillData(ws: string): string {
  const data = join(ws, 'data');
  mkdirSync(data);
  writeFileSync(join(data, 'dbo.Stock Level.csv'), 'Bin No,On Hand\n1,5\n2,18\n3,40\n');
  writeFileSync(join(data, 'dbo.Refill Stage.csv'), 'Bin No,Short By\n7,30\n');
  writeFileSync(join(data, 'dbo.Refill Run.csv'), 'Bins Short,Units Short\n');
  writeFileSync(join(data, 'dbo.Refill Order.csv'), 'Bin No,Order Qty\n');
  return data;
}

const rows = (file: string): string[] => readFileSync(file, 'utf8').trim().split('\n');

describe('migrate run: a table a section writes for a later one that its @output leaves out', () => {
  it('refuses before it writes anything, naming both sections, the table and the tag to add; runs once it is added', async () => {
    await inTempDir('run-unstated-feed-', async (ws) => {
      await scriptWorkspace(ws, { 'tables.sql': REFILL_TABLES, 'usp-plan-refills.sql': REFILL_PROCEDURE });
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_Plan Refills', '--root', ws])).code).toBe(0);
      await draftWithMergedSection(ws, false);
      const data = refillData(ws);
      const out = join(ws, 'out');
      const args = ['run', 'dbo.usp_Plan Refills', '--data', data, '--format', 'csv', '--out', out, '--root', ws];
      const refused = await runMigrate(args);
      expect(refused.code).toBe(2);
      expect(refused.err).toContain('01-refill-run.feature:2:1: dbo.usp_Plan_Refills/01-refill-run writes dbo.[Refill Stage], which dbo.usp_Plan_Refills/03-refill-order reads after it, but dbo.usp_Plan_Refills/01-refill-run\'s @output does not name it');
      expect(refused.err).toContain('would read the data folder\'s rows of dbo.[Refill Stage]');
      expect(refused.err).toContain('add @output:dbo.[Refill%20Stage]');
      expect(existsSync(out)).toBe(false);
      // as the hint says: the section outputs the staging table, and the orders follow today's stock
      await draftWithMergedSection(ws, true);
      const ran = await runMigrate(args);
      expect(ran.err).toBe('');
      expect(ran.code).toBe(0);
      expect(rows(join(out, 'dbo.Refill Order.csv'))).toEqual(['Bin No,Order Qty', '1,18', '2,6']);
    });
  });

  it('refuses a table only a trigger the section fires writes, which sections check merely warns of', async () => {
    await inTempDir('run-trigger-feed-', async (ws) => {
      // receiving goods raises the stock through a trigger; the shortage report after it reads the stock
      await scriptWorkspace(ws, {
        'tables.sql': `CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL PRIMARY KEY, Qty int NOT NULL)
GO
CREATE TABLE dbo.Receipt (Sku varchar(10) NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.Shortage (Sku varchar(10) NOT NULL, Qty int NOT NULL)
GO
CREATE TRIGGER dbo.trg_Receipt_Stock ON dbo.Receipt AFTER INSERT AS
BEGIN
  UPDATE s SET Qty = s.Qty + r.Qty
  FROM dbo.Stock s JOIN (SELECT Sku, SUM(Qty) AS Qty FROM inserted GROUP BY Sku) r ON r.Sku = s.Sku
END
GO
`,
        'usp-receive-goods.sql': `CREATE PROCEDURE dbo.usp_ReceiveGoods
AS
BEGIN
  SET NOCOUNT ON
  INSERT INTO dbo.Receipt (Sku, Qty) VALUES ('BOLT-M8', 50)

  INSERT INTO dbo.Shortage (Sku, Qty)
  SELECT Sku, 20 - Qty FROM dbo.Stock WHERE Qty < 20
END
GO
`,
      });
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_ReceiveGoods', '--root', ws])).code).toBe(0);
      expect((await runMigrate(['scaffold', 'dbo.usp_ReceiveGoods', '--draft', '--root', ws])).code).toBe(0);
      const data = join(ws, 'data');
      mkdirSync(data);
      writeFileSync(join(data, 'dbo.Stock.csv'), 'Sku,Qty\nBOLT-M8,5\nNUT-M8,12\n');
      writeFileSync(join(data, 'dbo.Receipt.csv'), 'Sku,Qty\n');
      writeFileSync(join(data, 'dbo.Shortage.csv'), 'Sku,Qty\n');
      const out = join(ws, 'out');
      const run = await runMigrate(['run', 'dbo.usp_ReceiveGoods', '--data', data, '--format', 'csv', '--out', out, '--root', ws]);
      // the run listed BOLT-M8 short by 15, which the receipt of 50 has long covered
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/dbo\.usp_ReceiveGoods\/01-\S+ writes, through the trigger dbo\.trg_Receipt_Stock its statements fire, dbo\.Stock, which dbo\.usp_ReceiveGoods\/02-\S+ reads after it/);
      expect(run.err).toContain('add @output:dbo.Stock');
      expect(existsSync(out)).toBe(false);
    });
  });
});

describe('migrate run: a section whose @output names a table a later section reads, and whose transform does not output it', () => {
  it('refuses before it writes anything, naming the transform and both sections', async () => {
    await inTempDir('run-output-not-produced-', async (ws) => {
      await scriptWorkspace(ws, { 'tables.sql': REFILL_TABLES, 'usp-plan-refills.sql': REFILL_PROCEDURE });
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_Plan Refills', '--root', ws])).code).toBe(0);
      await draftWithMergedSection(ws, true);
      const transform = join(ws, 'src/transforms/dbo.usp_Plan_Refills/01-refill-run.ts');
      const text = readFileSync(transform, 'utf8');
      // the person keeps the staging table in @output but trims it from the transform
      const cut = text.indexOf('  moreOutputs: {');
      expect(cut).toBeGreaterThan(0);
      writeFileSync(transform, `${text.slice(0, cut)}});\n`);
      const data = refillData(ws);
      const out = join(ws, 'out');
      const refused = await runMigrate(['run', 'dbo.usp_Plan Refills', '--data', data, '--format', 'csv', '--out', out, '--root', ws]);
      // before: exit 0 and an order of 30 for bin 7 from last night's staging rows
      expect(refused.code).toBe(2);
      expect(refused.err).toContain("01-refill-run.feature:2:1: dbo.usp_Plan_Refills/01-refill-run's @output names dbo.[Refill Stage], which dbo.usp_Plan_Refills/03-refill-order reads after it, but its transform (01-refill-run.ts) outputs only dbo.[Refill Run]");
      expect(refused.err).toContain('add dbo.[Refill Stage] to moreOutputs of 01-refill-run.ts');
      expect(existsSync(out)).toBe(false);
    });
  });
});
