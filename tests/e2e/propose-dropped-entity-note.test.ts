import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// An MRP release step: a cursor over planned orders by release date numbers each day's orders
// (@Seq reset when the date changes) and inserts them into a table whose order number is a
// sequence's DEFAULT, one series across every date. The loop alone would be tagged per release
// date, but the numbering crosses dates, so the tag is dropped. propose said "tagged
// @entity:[Release%20Date]" of the file it wrote without one (mrp probe).
const SQL = `CREATE SEQUENCE dbo.[Order No Seq] AS int START WITH 500000 INCREMENT BY 1
GO
CREATE TABLE dbo.[Planned Order] ([Item No] varchar(20) NOT NULL, [Release Date] date NOT NULL, [Order Qty] decimal(18,4) NOT NULL, PRIMARY KEY ([Item No], [Release Date]))
GO
CREATE TABLE dbo.[Released Order] ([Order No] int NOT NULL DEFAULT (NEXT VALUE FOR dbo.[Order No Seq]) PRIMARY KEY, [Item No] varchar(20) NOT NULL, [Release Date] date NOT NULL, [Order Qty] decimal(18,4) NOT NULL, [Seq In Day] int NULL)
GO
CREATE PROCEDURE dbo.[usp_Release Orders]
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @Item varchar(20), @Rel date, @Qty decimal(18,4), @Seq int = 0, @PrevRel date;
    DECLARE cur_rel CURSOR LOCAL FOR
        SELECT po.[Item No], po.[Release Date], po.[Order Qty] FROM dbo.[Planned Order] po ORDER BY po.[Release Date], po.[Item No];
    OPEN cur_rel;
    FETCH NEXT FROM cur_rel INTO @Item, @Rel, @Qty;
    WHILE @@FETCH_STATUS = 0
    BEGIN
        IF @PrevRel IS NULL OR @PrevRel <> @Rel SET @Seq = 0;
        SET @Seq = @Seq + 1;
        INSERT INTO dbo.[Released Order] ([Item No], [Release Date], [Order Qty], [Seq In Day]) VALUES (@Item, @Rel, @Qty, @Seq);
        SET @PrevRel = @Rel;
        FETCH NEXT FROM cur_rel INTO @Item, @Rel, @Qty;
    END
    CLOSE cur_rel;
    DEALLOCATE cur_rel;
END
GO
`;

describe('propose: a tag check would fail is dropped, and the note says so', () => {
  let ws: string;
  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), 'dropped-entity-'));
    mkdirSync(join(ws, 'procedures'), { recursive: true });
    writeFileSync(join(ws, 'procedures', 'release.sql'), SQL);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('names the tag left out and the numbering that crosses release dates, never a tag the file lacks', async () => {
    const run = await runMigrate(['sections', 'propose', 'dbo.usp_Release Orders', '--root', ws]);
    expect(run.code).toBe(0);
    const tags = readFileSync(join(ws, 'sections', 'dbo.usp_Release_Orders', '01-released-order.feature'), 'utf8').split('\n')[0] ?? '';
    expect(tags).not.toMatch(/@entity:/);
    expect(run.out).not.toMatch(/01-released-order: tagged @entity/);
    expect(run.out).toMatch(/note 01-released-order: not tagged @entity:\[Release%20Date\] \(`sections check` fails that tag, SECTIONS_ENTITY_CROSS_READS\): \[Order No\] of dbo\.\[Released Order\] numbering the rows of every Release Date in one series at procedures\/release\.sql:\d+:\d+/);
    expect((await runMigrate(['sections', 'check', 'dbo.usp_Release Orders', '--root', ws])).code).toBe(0);
  });
});
