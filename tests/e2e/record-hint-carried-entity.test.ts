import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// An MRP pass: a WHILE over low-level codes opens a cursor over each level's items, and a WHILE
// over weeks looks the week's start up with `SELECT @Start = … WHERE [Week No] = @w`, which keeps
// the value of the pass before when the calendar lacks the week. record --from-data without a tag
// offered `@entity:[Week%20No]`, and `sections check` then failed that tag for the carried
// @Start (mrp probe, where it offered [Item No] so): the hint now says why it is no entity.
const SQL = `CREATE TABLE dbo.Item ([Item No] varchar(20) NOT NULL PRIMARY KEY, [Lead Days] int NOT NULL, [Level] int NOT NULL)
GO
CREATE TABLE dbo.Calendar ([Week No] int NOT NULL PRIMARY KEY, [Week Start] date NOT NULL)
GO
CREATE PROCEDURE dbo.[usp_Plan Levels]
    @Weeks int
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @Level int = 0, @Item varchar(20), @LT int, @w int, @Start date;
    CREATE TABLE #Net ([Item No] varchar(20) NOT NULL, [Week No] int NOT NULL, [Release] date NULL);
    WHILE @Level <= 2
    BEGIN
        DECLARE cur_item CURSOR LOCAL FAST_FORWARD FOR
            SELECT i.[Item No], i.[Lead Days] FROM dbo.Item i WHERE i.[Level] = @Level ORDER BY i.[Item No];
        OPEN cur_item;
        FETCH NEXT FROM cur_item INTO @Item, @LT;
        WHILE @@FETCH_STATUS = 0
        BEGIN
            SET @w = 0;
            WHILE @w < @Weeks
            BEGIN
                SELECT @Start = c.[Week Start] FROM dbo.Calendar c WHERE c.[Week No] = @w;
                INSERT INTO #Net ([Item No], [Week No], [Release]) VALUES (@Item, @w, DATEADD(DAY, -@LT, @Start));
                SET @w += 1;
            END
            FETCH NEXT FROM cur_item INTO @Item, @LT;
        END
        CLOSE cur_item;
        DEALLOCATE cur_item;
        SET @Level += 1;
    END
    SELECT n.[Item No], n.[Week No], n.[Release] FROM #Net n ORDER BY n.[Item No], n.[Week No];
END
GO
`;

describe('record --from-data without a tag never offers one check fails', () => {
  let ws: string;
  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), 'record-hint-carried-'));
    mkdirSync(join(ws, 'procedures'), { recursive: true });
    mkdirSync(join(ws, 'data'), { recursive: true });
    writeFileSync(join(ws, 'procedures', 'plan.sql'), SQL);
    writeFileSync(join(ws, 'data', 'dbo.Item.csv'), 'Item No,Lead Days,Level\nBIKE,3,0\nWHEEL,2,1\n');
    writeFileSync(join(ws, 'data', 'dbo.Calendar.csv'), 'Week No,Week Start\n0,2024-02-05\n');
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('says why [Week No] is no entity (the carried @Start) instead of offering a tag check fails', async () => {
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_Plan Levels', '--root', ws])).code).toBe(0);
    const run = await runMigrate(['sections', 'record', 'dbo.usp_Plan_Levels/01-net', '--root', ws, '--from-data', join(ws, 'data'), '--param', '@Weeks=2']);
    expect(run.code).toBe(2);
    expect(run.err).not.toMatch(/one of @entity:/);
    expect(run.err).toMatch(/\[Week No\] is no entity of it: the loop reads @Start before it sets it in a pass.*\(read at procedures\/plan\.sql:\d+:\d+\), so no one \[Week No\] can be recorded alone \(`sections check` fails that tag\)/);
    // the tag the old hint offered: check fails it
    const file = join(ws, 'sections', 'dbo.usp_Plan_Levels', '01-net.feature');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/^(@proc:[^\n]*)/, '$1 @entity:[Week%20No]'));
    const check = await runMigrate(['sections', 'check', 'dbo.usp_Plan Levels', '--root', ws]);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/@entity:\[Week%20No\]: the rows of one \[Week No\] are computed from state/);
  });
});
