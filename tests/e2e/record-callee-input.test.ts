import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A stores reorder run: receipts land in a RECV bin first, then a cursor over the active items
// asks usp_ShortOf (which asks usp_OnHandOf) how far each is below its min level, net of the
// lines already on order. The section reads dbo.[Bin Stock] and dbo.[Reorder Line] only through
// the procedures it EXECs, and the statement before it INSERTs into dbo.[Bin Stock]: --from-data
// took a missing [Bin Stock] file as an empty table and left [Reorder Line] out of the Given.
const SQL = `CREATE TABLE dbo.Item ([Item No] int NOT NULL PRIMARY KEY, [Item Name] varchar(40) NOT NULL, Active bit NOT NULL)
GO
CREATE TABLE dbo.[Stock Move] ([Item No] int NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.[Bin Stock] ([Item No] int NOT NULL, [Bin Code] varchar(10) NOT NULL, [On Hand] int NOT NULL)
GO
CREATE TABLE dbo.[Min Level] ([Item No] int NOT NULL, [Min Qty] int NOT NULL)
GO
CREATE TABLE dbo.[Reorder Line] ([Item No] int NOT NULL, [Short Qty] int NOT NULL)
GO
CREATE PROCEDURE dbo.usp_OnHandOf @ItemNo int, @OnHand int OUTPUT
AS
    SELECT @OnHand = ISNULL(SUM(b.[On Hand]), 0)
    FROM dbo.[Bin Stock] b
    WHERE b.[Item No] = @ItemNo
GO
CREATE PROCEDURE dbo.usp_ShortOf @ItemNo int, @Short int OUTPUT
AS
BEGIN
    DECLARE @oh int, @min int, @onOrder int
    EXEC dbo.usp_OnHandOf @ItemNo, @oh OUTPUT
    SELECT @min = [Min Qty] FROM dbo.[Min Level] WHERE [Item No] = @ItemNo
    SELECT @onOrder = ISNULL(SUM([Short Qty]), 0) FROM dbo.[Reorder Line] WHERE [Item No] = @ItemNo
    SET @Short = CASE WHEN @min > @oh + @onOrder THEN @min - @oh - @onOrder ELSE 0 END
END
GO
CREATE PROCEDURE dbo.usp_PlanReorder
AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.[Bin Stock] ([Item No], [Bin Code], [On Hand])
    SELECT m.[Item No], 'RECV', SUM(m.Qty) FROM dbo.[Stock Move] m GROUP BY m.[Item No]

    DECLARE @ItemNo int, @Short int
    DECLARE cur_item CURSOR LOCAL FAST_FORWARD FOR
        SELECT [Item No] FROM dbo.Item WHERE Active = 1 ORDER BY [Item No]
    OPEN cur_item
    FETCH NEXT FROM cur_item INTO @ItemNo
    WHILE @@FETCH_STATUS = 0
    BEGIN
        EXEC dbo.usp_ShortOf @ItemNo, @Short OUTPUT
        IF @Short > 0
            INSERT INTO dbo.[Reorder Line] ([Item No], [Short Qty]) VALUES (@ItemNo, @Short)
        FETCH NEXT FROM cur_item INTO @ItemNo
    END
    CLOSE cur_item
    DEALLOCATE cur_item
END
GO
`;

describe('migrate sections record --from-data of a section that reads tables only through procedures it EXECs', () => {
  let ws: string;
  let feature: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-callee-input-'));
    await scriptWorkspace(ws, { 'reorder.sql': SQL });
    const data = join(ws, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'dbo.Item.csv'), 'Item No,Item Name,Active\n10,Hex bolt M8,1\n20,Washer 8mm,1\n30,Old gasket,0\n');
    writeFileSync(join(data, 'dbo.Stock Move.csv'), 'Item No,Qty\n10,40\n20,5\n');
    writeFileSync(join(data, 'dbo.Min Level.csv'), 'Item No,Min Qty\n10,100\n20,50\n30,10\n');
    writeFileSync(join(data, 'dbo.Reorder Line.csv'), 'Item No,Short Qty\n20,15\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_PlanReorder', '--root', ws])).code).toBe(0);
    feature = join(ws, 'sections', 'dbo.usp_PlanReorder', '02-reorder-line.feature');
    expect(readFileSync(feature, 'utf8')).toMatch(/^@proc:dbo\.usp_PlanReorder @lines:35-47 /);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('refuses without the file of the table the nested callee reads, at that read', async () => {
    const r = await runMigrate(['sections', 'record', 'dbo.usp_PlanReorder/02-reorder-line', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('reorder.sql:14:10: --from-data');
    expect(r.err).toContain('has no CSV for dbo.[Bin Stock], which the section reads through dbo.usp_ShortOf, called at line 41');
    expect(readFileSync(feature, 'utf8')).not.toContain('@recorded');
  });

  it('with it, gives the callees\' tables as the statements before leave them and records from them', async () => {
    writeFileSync(join(ws, 'data', 'dbo.Bin Stock.csv'), 'Item No,Bin Code,On Hand\n10,A-01,50\n20,B-07,12\n');
    const r = await runMigrate(['sections', 'record', 'dbo.usp_PlanReorder/02-reorder-line', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(r.code).toBe(0);
    const text = readFileSync(feature, 'utf8');
    const washer = text.slice(text.indexOf('Scenario: Item No 20'));
    // 50 min - (12 in B-07 + 5 received) - 15 already on order = 18
    expect(washer.slice(0, washer.indexOf('When'))).toMatch(/And table dbo\.\[Bin Stock\]:\n.*\n\s+\| 20 +\| B-07 +\| 12 +\|\n\s+\| 20 +\| RECV +\| 5 +\|\n[\s\S]*And table dbo\.\[Reorder Line\]:\n.*\n\s+\| 20 +\| 15 +\|/);
    expect(washer).toMatch(/Then table dbo\.\[Reorder Line\]:\n.*\n\s+\| 20 +\| 15 +\|\n\s+\| 20 +\| 18 +\|/);
  });
});
