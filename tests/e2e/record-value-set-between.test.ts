import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A store-sales load whose proposal interleaves two sections: the fact section takes the cut-off
// (line 8) and the INSERT (lines 14-17), the batch section the INSERT and SCOPE_IDENTITY() between
// them (lines 10-11). Propose writes `Given parameter @BatchId:int? = TODO` into the fact
// section; run with the DECLARE's NULL, it recorded every fact row with [Batch Id] NULL.
const SQL = `CREATE PROCEDURE [dbo].[usp Load Store Sales]
    @LoadDate date
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @BatchId int, @Cutoff date;

    SET @Cutoff = DATEADD(DAY, -1, @LoadDate);

    INSERT INTO [dbo].[Load Batch] ([Load Date]) VALUES (@LoadDate);
    SET @BatchId = SCOPE_IDENTITY();

    BEGIN TRY
        INSERT INTO [dbo].[Sales Fact] ([Store Code], [Sale Date], [Amount], [Batch Id])
        SELECT s.[Store Code], s.[Sale Date], s.[Amount], @BatchId
        FROM [dbo].[Sales Staging] s
        WHERE s.[Sale Date] = @Cutoff;
    END TRY
    BEGIN CATCH
        INSERT INTO [dbo].[Load Error] ([Message]) VALUES (ERROR_MESSAGE());
    END CATCH
END
GO
`;
const TABLES = `CREATE TABLE [dbo].[Load Batch] ([Batch Id] int IDENTITY(1,1) NOT NULL PRIMARY KEY, [Load Date] date NOT NULL);
GO
CREATE TABLE [dbo].[Sales Staging] ([Store Code] varchar(10) NOT NULL, [Sale Date] date NOT NULL, [Amount] decimal(12,2) NOT NULL);
GO
CREATE TABLE [dbo].[Sales Fact] ([Store Code] varchar(10) NOT NULL, [Sale Date] date NOT NULL, [Amount] decimal(12,2) NOT NULL, [Batch Id] int NULL);
GO
CREATE TABLE [dbo].[Load Error] ([Message] nvarchar(400) NULL);
GO
`;

describe('migrate sections record for a section reading a value another section sets between its lines', () => {
  let ws: string;
  const feature = (): string => join(ws, 'sections', 'dbo.usp_Load_Store_Sales', '02-sales-fact.feature');
  let proposed = '';
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-set-between-'));
    await scriptWorkspace(ws, { 'tables.sql': TABLES, 'usp-load-store-sales.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Sales Staging.csv'), 'Store Code,Sale Date,Amount\nS01,2024-03-01,10.50\nS01,2024-02-29,3.00\nS02,2024-02-29,1.00\n');
    writeFileSync(join(ws, 'data', 'dbo.Sales Fact.csv'), 'Store Code,Sale Date,Amount,Batch Id\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp Load Store Sales', '--root', ws])).code).toBe(0);
    proposed = readFileSync(feature(), 'utf8');
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('propose cuts the fact section around the batch statements and leaves @BatchId TODO', () => {
    expect(proposed).toMatch(/^@proc:dbo\.\[usp%20Load%20Store%20Sales\] @lines:8,14-17 /);
    expect(proposed).toContain('    Given parameter @BatchId:int? = TODO\n');
  });

  it('--from-data refuses before any run, at the TODO step, naming the statement that sets it; nothing written', async () => {
    const run = await runMigrate(['sections', 'record', 'dbo.usp Load Store Sales/02-sales-fact', '--root', ws, '--from-data', join(ws, 'data'), '--param', 'LoadDate=2024-03-01']);
    expect(run.code).toBe(2);
    const line = proposed.split('\n').findIndex((l) => l.includes('@BatchId:int? = TODO')) + 1;
    expect(run.err).toContain(`02-sales-fact.feature:${line}:21: @BatchId is set between the section's lines, by procedures/usp-load-store-sales.sql:11:9 (a statement of another section), before the section reads it at procedures/usp-load-store-sales.sql:15:59`);
    expect(run.err).toContain('--param BatchId=<value>');
    expect(readFileSync(feature(), 'utf8')).toBe(proposed);
  });

  it('without --from-data refuses the scenario at the read, pointing at its TODO step', async () => {
    writeFileSync(feature(), proposed.replace('@LoadDate:date? = TODO', '@LoadDate:date? = 2024-03-01'));
    const run = await runMigrate(['sections', 'record', 'dbo.usp Load Store Sales/02-sales-fact', '--root', ws]);
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/usp-load-store-sales\.sql:15:59: the section reads @BatchId, which \S*usp-load-store-sales\.sql:11:9, outside the section and between its statements, sets first/);
    expect(run.out).toMatch(/step at sections\/dbo\.usp_Load_Store_Sales\/02-sales-fact\.feature:\d+:21, which is still TODO/);
    expect(readFileSync(feature(), 'utf8')).not.toContain('@recorded');
    writeFileSync(feature(), proposed);
  });

  it('--from-data with the value given (--param) records the fact rows stamped with it', async () => {
    const run = await runMigrate(['sections', 'record', 'dbo.usp Load Store Sales/02-sales-fact', '--root', ws, '--from-data', join(ws, 'data'), '--param', 'LoadDate=2024-03-01', '--param', 'BatchId=1']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const text = readFileSync(feature(), 'utf8');
    expect(text).toContain('And parameter @BatchId:int? = 1');
    expect(text).toMatch(/\| S01 +\| 2024-02-29 +\| 3\.00 +\| 1 +\|/);
    expect(text).not.toMatch(/\| NULL +\|/);
  });
});
