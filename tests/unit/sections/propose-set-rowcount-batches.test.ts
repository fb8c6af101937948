import { proposalOf } from '../../support/one-procedure-proposal';
import { checkProcedureSections, parseFeature, type SectionSpec } from '../../../src/sections';

// SQL Server 2000 batching: SET ROWCOUNT @Chunk, then a WHILE that UPDATEs until nothing is left.
// The SET decides how many rows each UPDATE takes: in housekeeping, the loop's section would run
// unlimited and record every row in the first chunk. The error path after the RETURN closes the
// cursor (`ErrCursor: CLOSE c`), which only a GOTO reaches: it is no statement of the loop's section.
const text = `CREATE TABLE dbo.PickList (PickId int NOT NULL PRIMARY KEY, Wave int NOT NULL)
GO
CREATE TABLE dbo.Bin ([Bin Code] varchar(8) NOT NULL PRIMARY KEY, Checked bit NOT NULL)
GO
CREATE PROCEDURE dbo.usp_Assign_Waves
    @Chunk int = 50
AS
SET NOCOUNT ON
DECLARE @Wave int, @n int, @code varchar(8)
SELECT @Wave = 0
SET ROWCOUNT @Chunk
WHILE 1 = 1
BEGIN
    SELECT @Wave = @Wave + 1
    UPDATE dbo.PickList SET Wave = @Wave WHERE Wave = 0
    SELECT @n = @@ROWCOUNT
    IF @n = 0 BREAK
END
SET ROWCOUNT 0
DECLARE c CURSOR FOR SELECT [Bin Code] FROM dbo.Bin FOR UPDATE OF Checked
OPEN c
FETCH NEXT FROM c INTO @code
WHILE @@FETCH_STATUS = 0
BEGIN
    UPDATE dbo.Bin SET Checked = 1 WHERE CURRENT OF c
    IF @@ERROR <> 0 GOTO ErrCursor
    FETCH NEXT FROM c INTO @code
END
CLOSE c
DEALLOCATE c
RETURN 0
ErrCursor:
    CLOSE c
    DEALLOCATE c
    RAISERROR('waves failed', 16, 1)
    RETURN -1
GO
`;

describe('sections propose on SET ROWCOUNT batches and an error path closing a cursor', () => {
  it('puts SET ROWCOUNT @Chunk with the loop it limits (and @Chunk in its Given), the error path in housekeeping; check accepts', async () => {
    const { graph, outline, catalog, sections } = proposalOf(text);
    const specs: SectionSpec[] = [];
    for (const { section: s, skeleton } of sections) {
      const { spec, problems } = await parseFeature(skeleton, `sections/dbo.usp_Assign_Waves/${s.number}-${s.slug}.feature`, { catalog });
      expect(problems).toEqual([]);
      specs.push(spec as SectionSpec);
    }
    expect(sections.map((x) => x.skeleton.split('\n')[0])).toEqual([
      '@proc:dbo.usp_Assign_Waves @lines:8-9,31-36 @ignored',
      '@proc:dbo.usp_Assign_Waves @lines:10-17 @output:dbo.PickList',
      '@proc:dbo.usp_Assign_Waves @lines:19-30 @output:dbo.Bin',
    ]);
    expect(sections[1]?.skeleton).toContain('Given parameter @Chunk:int? = 50');
    expect(checkProcedureSections(outline, graph, specs)).toEqual([]);
  });
});
