import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeature } from '../../src/sections';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A nightly load in the most common ETL shape: open a batch row and keep its identity, load the
// fact rows stamped with it, count them, sum the batch per SKU, close the batch with the count.
// Every section after the first meets a value (@BatchId, @rc) and rows (dw.[Fact Sales]) that
// earlier statements made: `record --from-data` runs those statements first on each entity's
// slice of the data, so the Given is what the legacy run gives the section.
const SQL = `CREATE TABLE etl.Batch (BatchId int IDENTITY(100,1) NOT NULL PRIMARY KEY, JobName varchar(50) NOT NULL, StartedAt datetime NOT NULL, EndedAt datetime NULL, RowsLoaded int NULL)
GO
CREATE TABLE stg.SalesLine (OrderNo varchar(20) NOT NULL, [Line No] int NOT NULL, Sku varchar(20) NOT NULL, Qty int NOT NULL, Amount decimal(12,2) NOT NULL)
GO
CREATE TABLE dw.[Fact Sales] (BatchId int NOT NULL, OrderNo varchar(20) NOT NULL, [Line No] int NOT NULL, Sku varchar(20) NOT NULL, Qty int NOT NULL, Amount decimal(12,2) NOT NULL)
GO
CREATE TABLE dw.SkuTotal (BatchId int NOT NULL, Sku varchar(20) NOT NULL, Qty int NOT NULL, Amount decimal(14,2) NOT NULL)
GO
CREATE PROCEDURE etl.usp_LoadSales
AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @BatchId int, @rc int;
  INSERT INTO etl.Batch (JobName, StartedAt) VALUES ('LoadSales', GETDATE());
  SET @BatchId = SCOPE_IDENTITY();

  INSERT INTO dw.[Fact Sales] (BatchId, OrderNo, [Line No], Sku, Qty, Amount)
  SELECT @BatchId, s.OrderNo, s.[Line No], s.Sku, s.Qty, s.Amount
  FROM stg.SalesLine AS s
  WHERE s.Qty > 0;
  SET @rc = @@ROWCOUNT;

  INSERT INTO dw.SkuTotal (BatchId, Sku, Qty, Amount)
  SELECT @BatchId, f.Sku, SUM(f.Qty), SUM(f.Amount)
  FROM dw.[Fact Sales] AS f
  WHERE f.BatchId = @BatchId
  GROUP BY f.Sku;

  UPDATE etl.Batch SET EndedAt = GETDATE(), RowsLoaded = @rc WHERE BatchId = @BatchId;
END
GO
`;

describe('migrate sections record --from-data after statements that set values and fill tables', () => {
  let ws: string;
  const dir = (): string => join(ws, 'sections', 'etl.usp_LoadSales');
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-start-state-'));
    await scriptWorkspace(ws, { 'load-sales.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'stg.SalesLine.csv'), 'OrderNo,Line No,Sku,Qty,Amount\nA1,1,X,2,10.00\nA1,2,Y,1,5.50\nA2,1,X,0,0.00\nA3,1,X,3,9.99\n');
    // the tables as the database holds them before the load: an earlier batch's rows
    writeFileSync(join(ws, 'data', 'dw.Fact Sales.csv'), 'BatchId,OrderNo,Line No,Sku,Qty,Amount\n99,Z9,1,X,7,70.00\n');
    writeFileSync(join(ws, 'data', 'etl.Batch.csv'), 'BatchId,JobName,StartedAt,EndedAt,RowsLoaded\n99,LoadSales,2026-01-04 02:00:00,2026-01-04 02:01:00,1\n');
    expect((await runMigrate(['sections', 'propose', 'etl.usp_LoadSales', '--root', ws])).code).toBe(0);
    for (const f of ['02-fact-sales.feature', '03-sku-total.feature']) {
      const file = join(dir(), f);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^@proc:/, '@entity:Sku @proc:'));
    }
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('gives the fact section the batch id the batch section\'s identity left (100, after the seed), without a --param', async () => {
    const run = await runMigrate(['sections', 'record', 'etl.usp_LoadSales/02-fact-sales', '--root', ws, '--from-data', join(ws, 'data'), '--clock', '2026-01-05T02:00:00', '--json']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).startState).toEqual({ lines: '12-15', variables: ['@BatchId'] });
    const spec = (await parseFeature(readFileSync(join(dir(), '02-fact-sales.feature'), 'utf8'), 'f')).spec;
    const x = spec?.scenarios.find((s) => s.name.startsWith('Sku X from the data'));
    expect(x?.params.find((p) => p.name === '@BatchId')?.value).toBe(100);
    expect(x?.expected[0]?.table.rows).toEqual([
      { BatchId: 100, OrderNo: 'A1', 'Line No': 1, Sku: 'X', Qty: 2, Amount: 10 },
      { BatchId: 100, OrderNo: 'A3', 'Line No': 1, Sku: 'X', Qty: 3, Amount: 9.99 },
    ]);
  });

  it('gives the summing section the fact rows the load left (the earlier batch\'s too), and check accepts the sections', async () => {
    const run = await runMigrate(['sections', 'record', 'etl.usp_LoadSales/03-sku-total', '--root', ws, '--from-data', join(ws, 'data'), '--clock', '2026-01-05T02:00:00']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('each Given is what lines 12-21 of the procedure leave on that entity\'s data (with @BatchId)');
    const text = readFileSync(join(dir(), '03-sku-total.feature'), 'utf8');
    expect(text).toContain('Its Given is what the legacy statements before this section (lines 12-21) leave on this data.');
    const spec = (await parseFeature(text, 'f')).spec;
    const x = spec?.scenarios.find((s) => s.name.startsWith('Sku X from the data'));
    expect(x?.params.find((p) => p.name === '@BatchId')?.value).toBe(100);
    expect(x?.inputs.find((t) => t.name === 'dw.[Fact Sales]')?.rows).toEqual([
      { BatchId: 99, OrderNo: 'Z9', 'Line No': 1, Sku: 'X', Qty: 7, Amount: 70 },
      { BatchId: 100, OrderNo: 'A1', 'Line No': 1, Sku: 'X', Qty: 2, Amount: 10 },
      { BatchId: 100, OrderNo: 'A3', 'Line No': 1, Sku: 'X', Qty: 3, Amount: 9.99 },
    ]);
    expect(x?.expected[0]?.table.rows).toEqual([{ BatchId: 100, Sku: 'X', Qty: 5, Amount: 19.99 }]);
    const check = await runMigrate(['sections', 'check', 'etl.usp_LoadSales', '--root', ws]);
    expect(check.code).toBe(0);
  });
});

// A report over a view the data folder has no file of (an export holds tables, not views): its
// rows are computed from the view's tables, after the statements before the section (which close
// some customers' accounts, changing what the view shows).
const VIEW_SQL = `CREATE TABLE dbo.Customer (CustomerId int NOT NULL PRIMARY KEY, Region varchar(10) NOT NULL, Active bit NOT NULL)
GO
CREATE TABLE dbo.[Closed Account] (CustomerId int NOT NULL PRIMARY KEY)
GO
CREATE TABLE dbo.Orders (OrderId int NOT NULL PRIMARY KEY, CustomerId int NOT NULL, Amount decimal(10,2) NOT NULL)
GO
CREATE TABLE dbo.RegionSales (Region varchar(10) NOT NULL, Total decimal(12,2) NOT NULL)
GO
CREATE VIEW dbo.vw_ActiveOrders AS
SELECT o.OrderId, o.CustomerId, c.Region, o.Amount FROM dbo.Orders AS o JOIN dbo.Customer AS c ON c.CustomerId = o.CustomerId WHERE c.Active = 1
GO
CREATE PROCEDURE dbo.usp_RegionSales AS
BEGIN
  UPDATE dbo.Customer SET Active = 0 WHERE CustomerId IN (SELECT CustomerId FROM dbo.[Closed Account]);
  INSERT INTO dbo.RegionSales (Region, Total)
  SELECT Region, SUM(Amount) FROM dbo.vw_ActiveOrders GROUP BY Region;
END
GO
`;

describe('migrate sections record --from-data of a section reading a view the data has no file of', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-view-rows-'));
    await scriptWorkspace(ws, { 'region-sales.sql': VIEW_SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Customer.csv'), 'CustomerId,Region,Active\n1,North,1\n2,South,1\n3,North,0\n4,North,1\n');
    writeFileSync(join(ws, 'data', 'dbo.Closed Account.csv'), 'CustomerId\n4\n');
    writeFileSync(join(ws, 'data', 'dbo.Orders.csv'), 'OrderId,CustomerId,Amount\n1,1,10.00\n2,2,5.00\n3,3,7.00\n4,1,1.50\n5,4,100.00\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_RegionSales', '--root', ws])).code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('gives the view\'s rows as its tables are after the statements before the section (the closed account gone)', async () => {
    const dir = join(ws, 'sections', 'dbo.usp_RegionSales');
    const file = join(dir, '02-region-sales.feature');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^@proc:/, '@entity:Region @proc:'));
    const run = await runMigrate(['sections', 'record', 'dbo.usp_RegionSales/02-region-sales', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('the rows of dbo.vw_ActiveOrders are computed from the data\'s tables of the view');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('The rows of dbo.vw_ActiveOrders are computed from the data\'s tables as those statements leave them.');
    const spec = (await parseFeature(text, 'f')).spec;
    const north = spec?.scenarios.find((s) => s.name.startsWith('Region North from the data'));
    // customer 3 is inactive in the data, customer 4's account is closed by the UPDATE before the section
    expect(north?.inputs.find((t) => t.name === 'dbo.vw_ActiveOrders')?.rows).toEqual([
      { OrderId: 1, CustomerId: 1, Region: 'North', Amount: 10 },
      { OrderId: 4, CustomerId: 1, Region: 'North', Amount: 1.5 },
    ]);
    expect(north?.expected[0]?.table.rows).toEqual([{ Region: 'North', Total: 11.5 }]);
    expect((await runMigrate(['sections', 'check', 'dbo.usp_RegionSales', '--root', ws])).code).toBe(0);
  });
});

/**
 * A fresh workspace holding `sql` and a data folder with dbo.Reading's `csv`, proposed, the
 * section whose file name starts with `prefix` tagged `@entity:MeterId`: its id and file.
 */
async function meterWorkspace(ws: string, sql: string, csv: string, procedure: string, prefix: string): Promise<{ id: string; file: string }> {
  await scriptWorkspace(ws, { 'meters.sql': sql });
  mkdirSync(join(ws, 'data'));
  writeFileSync(join(ws, 'data', 'dbo.Reading.csv'), csv);
  expect((await runMigrate(['sections', 'propose', procedure, '--root', ws])).code).toBe(0);
  const dir = join(ws, 'sections', procedure);
  const section = readdirSync(dir).find((f) => f.startsWith(prefix)) as string;
  const file = join(dir, section);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^@proc:/, '@entity:MeterId @proc:'));
  return { id: `${procedure}/${section.replace(/\.feature$/, '')}`, file };
}

// A parameter the procedure normalises before the section (any day of the month -> its first
// day): the scenario gives it once, as the section meets it, not also as --param gave it.
const MONTH_SQL = `CREATE TABLE dbo.Reading (MeterId int NOT NULL, ReadOn date NOT NULL, Kwh decimal(9,2) NOT NULL)
GO
CREATE TABLE dbo.[Month Usage] (MeterId int NOT NULL, [Month] date NOT NULL, Kwh decimal(12,2) NOT NULL)
GO
CREATE TABLE dbo.[Month Header] ([Month] date NOT NULL, Meters int NOT NULL)
GO
CREATE PROCEDURE dbo.usp_MonthUsage @Month date
AS
BEGIN
  SET @Month = DATEFROMPARTS(YEAR(@Month), MONTH(@Month), 1);
  INSERT INTO dbo.[Month Header] ([Month], Meters)
  SELECT @Month, COUNT(DISTINCT MeterId) FROM dbo.Reading WHERE ReadOn >= @Month AND ReadOn < DATEADD(month, 1, @Month);
  INSERT INTO dbo.[Month Usage] (MeterId, [Month], Kwh)
  SELECT MeterId, @Month, SUM(Kwh) FROM dbo.Reading WHERE ReadOn >= @Month AND ReadOn < DATEADD(month, 1, @Month) GROUP BY MeterId;
END
GO
`;

describe('migrate sections record --from-data after a statement that reassigns a parameter', () => {
  it('gives the parameter once, as the statement leaves it', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'record-month-'));
    try {
      const { id, file } = await meterWorkspace(ws, MONTH_SQL, 'MeterId,ReadOn,Kwh\n7,2026-02-28,1.00\n7,2026-03-01,2.50\n7,2026-03-31,4.00\n8,2026-03-15,1.25\n', 'dbo.usp_MonthUsage', '02-');
      const run = await runMigrate(['sections', 'record', id, '--root', ws, '--from-data', join(ws, 'data'), '--param', 'Month=2026-03-17']);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      const text = readFileSync(file, 'utf8');
      const block = text.slice(text.indexOf('Scenario: MeterId 7 from the data'));
      expect(block.slice(0, block.indexOf('When the section runs')).match(/parameter @Month:/g)).toHaveLength(1);
      const spec = (await parseFeature(text, 'f')).spec;
      const seven = spec?.scenarios.find((s) => s.name.startsWith('MeterId 7 from the data'));
      expect(seven?.params.find((p) => p.name === '@Month')?.value).toBe('2026-03-01');
      expect(seven?.expected[0]?.table.rows).toEqual([{ MeterId: 7, Month: '2026-03-01', Kwh: 6.5 }]);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

// A guard clause before the section: on one meter's data the procedure ends there, so the
// section never runs for it in the legacy run; that meter is skipped, named, and the others
// recorded. Legacy code writes the guard as a RETURN, or as a GOTO to a label only the end follows.
const guardSql = (guard: string, end = ''): string => `CREATE TABLE dbo.Reading (MeterId int NOT NULL, ReadOn date NOT NULL, Kwh decimal(9,2) NOT NULL)
GO
CREATE TABLE dbo.[Meter Total] (MeterId int NOT NULL, Kwh decimal(12,2) NOT NULL)
GO
CREATE PROCEDURE dbo.usp_MeterTotals
AS
BEGIN
  IF (SELECT COUNT(*) FROM dbo.Reading) < 2 ${guard};
  INSERT INTO dbo.[Meter Total] (MeterId, Kwh) SELECT MeterId, SUM(Kwh) FROM dbo.Reading GROUP BY MeterId;
${end}END
GO
`;

describe('migrate sections record --from-data after a guard that ends the procedure on some data', () => {
  it.each([
    ['RETURN', guardSql('RETURN')],
    ['GOTO to the end', guardSql('GOTO all_done', "all_done:\n  PRINT 'meter totals done';\n")],
  ])('skips the entity on whose data the procedure returns before the section (%s)', async (_how, sql) => {
    const ws = mkdtempSync(join(tmpdir(), 'record-guard-'));
    try {
      const { id } = await meterWorkspace(ws, sql, 'MeterId,ReadOn,Kwh\n7,2026-03-01,2.50\n7,2026-03-02,4.00\n8,2026-03-15,1.25\n', 'dbo.usp_MeterTotals', '01-');
      const run = await runMigrate(['sections', 'record', id, '--root', ws, '--from-data', join(ws, 'data'), '--json']);
      expect(run.code).toBe(0);
      const out = JSON.parse(run.out);
      expect(out.scenarios.map((s: { entity: string }) => s.entity)).toEqual(['7']);
      expect(out.skipped).toEqual([expect.objectContaining({ entity: '8', reason: expect.stringMatching(/^the procedure ends before this section on this MeterId's data \(a RETURN, or a GOTO to its end, among lines \d+(-\d+)?\)$/) })]);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
