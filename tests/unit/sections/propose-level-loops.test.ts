import { proposalOf } from '../../support/one-procedure-proposal';
import { checkProcedureSections, parseFeature, type SectionSpec } from '../../../src/sections';

// Shapes of an MRP shop's procedures: a bill of materials exploded level by level (a counter set
// before the first level's INSERT, read by `WHILE @@ROWCOUNT > 0 AND @lvl < 20`), and a shortage
// table truncated, then filled by a cursor loop over a #temp filled before the TRUNCATE.
const TABLES = `CREATE TABLE dbo.BOM (ParentItem varchar(20) NOT NULL, ComponentItem varchar(20) NOT NULL, QtyPer decimal(18,6) NOT NULL);
GO
CREATE TABLE dbo.Explosion (TopItem varchar(20) NOT NULL, ItemNo varchar(20) NOT NULL, ExtQty decimal(18,6) NOT NULL);
GO
CREATE TABLE dbo.Shortage (ItemNo varchar(20) NOT NULL, ShortQty decimal(18,6) NULL);
GO
`;

const LEVELS = `${TABLES}CREATE PROCEDURE dbo.usp_Explode
AS
SET NOCOUNT ON
CREATE TABLE #lvl (TopItem varchar(20), ItemNo varchar(20), BomLevel int, ExtQty decimal(18,6))
DECLARE @lvl int
SET @lvl = 1
INSERT #lvl SELECT b.ParentItem, b.ComponentItem, 1, b.QtyPer FROM dbo.BOM b
WHILE @@ROWCOUNT > 0 AND @lvl < 20
BEGIN
    SET @lvl = @lvl + 1
    INSERT INTO #lvl (TopItem, ItemNo, BomLevel, ExtQty)
    SELECT l.TopItem, b.ComponentItem, @lvl, l.ExtQty * b.QtyPer
      FROM #lvl l JOIN dbo.BOM b ON b.ParentItem = l.ItemNo WHERE l.BomLevel = @lvl - 1
END
TRUNCATE TABLE dbo.Explosion
INSERT dbo.Explosion SELECT TopItem, ItemNo, SUM(ExtQty) FROM #lvl GROUP BY TopItem, ItemNo
GO
`;

const CLEAR_THEN_LOOP = `${TABLES}CREATE PROCEDURE dbo.usp_Shortage
AS
SET NOCOUNT ON
CREATE TABLE #need (ItemNo varchar(20), Qty decimal(18,6))
INSERT #need SELECT ComponentItem, SUM(QtyPer) FROM dbo.BOM GROUP BY ComponentItem
TRUNCATE TABLE dbo.Shortage
DECLARE @item varchar(20), @qty decimal(18,6)
DECLARE c CURSOR LOCAL FOR SELECT ItemNo, Qty FROM #need ORDER BY ItemNo
OPEN c
FETCH NEXT FROM c INTO @item, @qty
WHILE @@FETCH_STATUS = 0
BEGIN
    IF @qty > 1 INSERT dbo.Shortage (ItemNo, ShortQty) VALUES (@item, @qty - 1)
    FETCH NEXT FROM c INTO @item, @qty
END
CLOSE c
DEALLOCATE c
GO
`;

// A perpetual average over a #temp keyed by IDENTITY: the period's rows deleted, a WHILE writing
// one row per item as the item changes, and the last item's row flushed after the loop.
const CLEAR_LOOP_FLUSH = `${TABLES}CREATE PROCEDURE dbo.usp_AvgQty
AS
SET NOCOUNT ON
CREATE TABLE #mv ([Row ID] int IDENTITY(1,1) PRIMARY KEY, ItemNo varchar(20), Qty decimal(18,6))
INSERT #mv (ItemNo, Qty) SELECT ComponentItem, QtyPer FROM dbo.BOM ORDER BY ComponentItem
DELETE FROM dbo.Shortage WHERE ShortQty IS NOT NULL
DECLARE @i int, @max int, @item varchar(20), @prev varchar(20), @sum decimal(18,6)
SELECT @i = 1, @max = ISNULL(MAX([Row ID]), 0), @prev = '', @sum = 0 FROM #mv
WHILE @i <= @max
BEGIN
    SELECT @item = ItemNo FROM #mv WHERE [Row ID] = @i
    IF @item <> @prev AND @prev <> ''
    BEGIN
        INSERT dbo.Shortage (ItemNo, ShortQty) VALUES (@prev, @sum)
        SET @sum = 0
    END
    SELECT @sum = @sum + Qty, @prev = @item FROM #mv WHERE [Row ID] = @i
    SET @i = @i + 1
END
IF @prev <> '' INSERT dbo.Shortage (ItemNo, ShortQty) VALUES (@prev, @sum)
GO
`;

async function proposed(sql: string, proc: string) {
  const { graph, outline, catalog, sections } = proposalOf(sql);
  const specs: SectionSpec[] = [];
  for (const { section: s, skeleton } of sections) {
    const { spec } = await parseFeature(skeleton, `sections/${proc}/${s.number}-${s.slug}.feature`, { catalog });
    specs.push(spec as SectionSpec);
  }
  const heads = sections.map(({ skeleton }) => skeleton.split('\n')[0]);
  return { heads, problems: checkProcedureSections(outline, graph, specs) };
}

describe('sections propose on level-by-level loops and clear-then-reload cursors', () => {
  it('keeps the counter SET before the first level with the loop that reads it, not a section of its own', async () => {
    const { heads, problems } = await proposed(LEVELS, 'dbo.usp_Explode');
    expect(heads).toEqual([
      '@proc:dbo.usp_Explode @lines:9,11 @ignored',
      '@proc:dbo.usp_Explode @lines:10,12-19 @output:#lvl',
      '@proc:dbo.usp_Explode @lines:21-22 @output:dbo.Explosion',
    ]);
    expect(problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
  });

  it('puts the TRUNCATE in the section of the cursor loop that refills the table, which check accepts', async () => {
    const { heads, problems } = await proposed(CLEAR_THEN_LOOP, 'dbo.usp_Shortage');
    expect(heads).toEqual(['@proc:dbo.usp_Shortage @lines:9,13 @ignored', '@proc:dbo.usp_Shortage @lines:10-12,14-23 @output:dbo.Shortage @entity:ItemNo']);
    expect(problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
  });

  it('keeps the DELETE before a WHILE and the row flushed after it in the loop\'s section, which check accepts', async () => {
    const { heads, problems } = await proposed(CLEAR_LOOP_FLUSH, 'dbo.usp_AvgQty');
    expect(heads).toEqual(['@proc:dbo.usp_AvgQty @lines:9,13 @ignored', '@proc:dbo.usp_AvgQty @lines:10-12,14-26 @output:dbo.Shortage']);
    expect(problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
  });
});
