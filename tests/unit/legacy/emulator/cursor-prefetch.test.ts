import { runBody } from './emulator-helpers';

// A cursor re-opened per outer row reads every key once (cursor-prefetch.ts). Each case runs
// with the fast path and with every evaluation through DuckDB (no prefetch): same results.
async function bothPaths(body: string, tables: string): Promise<[unknown, unknown]> {
  const run = async (fast: boolean): Promise<unknown> => {
    const saved = process.env.MIGRATE_EMULATOR_FAST_PATH;
    process.env.MIGRATE_EMULATOR_FAST_PATH = fast ? '1' : '0';
    try {
      const r = await runBody(body, { tables });
      return r.resultSets.map((s) => s.rows);
    } finally {
      if (saved === undefined) delete process.env.MIGRATE_EMULATOR_FAST_PATH;
      else process.env.MIGRATE_EMULATOR_FAST_PATH = saved;
    }
  };
  return [await run(true), await run(false)];
}

const TABLES = `CREATE TABLE dbo.K (Id int NOT NULL, Name varchar(10) NULL)
GO
CREATE TABLE dbo.W (Id int NOT NULL, KId int NULL, Word varchar(20) NULL, Score int NULL)
GO
CREATE TABLE dbo.Out (KId int NULL, Seen varchar(200) NULL)
GO`;

const FILL = `INSERT INTO dbo.K VALUES (1, 'a'), (2, 'b'), (3, NULL), (4, 'd'), (5, 'e');
INSERT INTO dbo.W VALUES (1, 1, 'x', 3), (2, 1, 'y', 1), (3, 2, 'z', 2), (4, NULL, 'n', 0), (5, 4, 'p', 9), (6, 1, 'w', 2), (7, 4, NULL, 1);`;

/** An outer cursor over dbo.K and an inner one per key; `inner` is the inner query, `body` runs per inner row. */
function nested(inner: string, body = ''): string {
  return `${FILL}
DECLARE @k int, @w varchar(20), @seen varchar(200), @s int = 0;
DECLARE ko CURSOR LOCAL FAST_FORWARD FOR SELECT Id FROM dbo.K ORDER BY Id;
OPEN ko; FETCH NEXT FROM ko INTO @k;
WHILE @@FETCH_STATUS = 0
BEGIN
  SET @seen = '';
  DECLARE ki CURSOR LOCAL FAST_FORWARD FOR ${inner};
  OPEN ki; FETCH NEXT FROM ki INTO @w;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @seen = @seen + ISNULL(@w, '~') + ',';
    ${body}
    FETCH NEXT FROM ki INTO @w;
  END
  CLOSE ki; DEALLOCATE ki;
  INSERT INTO dbo.Out VALUES (@k, @seen);
  FETCH NEXT FROM ko INTO @k;
END
CLOSE ko; DEALLOCATE ko;
SELECT KId, Seen FROM dbo.Out ORDER BY KId;`;
}

describe('cursor prefetch', () => {
  it.each([
    ['a keyed cursor with ORDER BY', 'SELECT w.Word FROM dbo.W w WHERE w.KId = @k ORDER BY w.Score', ''],
    ['the key on the right and another condition', "SELECT Word FROM dbo.W WHERE Score > 0 AND @k = KId ORDER BY Id", ''],
    ['the table written inside the loop (re-read after each write)', 'SELECT Word FROM dbo.W WHERE KId = @k ORDER BY Id', "INSERT INTO dbo.W VALUES (100 + @s, @k + 1, 'new', 0); SET @s = @s + 1;"],
    ['a row updated for a later key', 'SELECT Word FROM dbo.W WHERE KId = @k ORDER BY Id', 'IF @k = 2 UPDATE dbo.W SET KId = 5 WHERE Id = 5;'],
    ['a second variable (not prefetched)', 'SELECT Word FROM dbo.W WHERE KId = @k AND Score >= @s ORDER BY Id', ''],
    ['a string key (not prefetched: collation)', "SELECT Word FROM dbo.W WHERE Word = CAST(@k AS varchar(10)) ORDER BY Id", ''],
  ])('%s', async (_name, inner, body) => {
    const [fast, slow] = await bothPaths(nested(inner, body), TABLES);
    expect(fast).toEqual(slow);
    expect(JSON.stringify(fast)).toContain('Seen');
  });

  it('gives the rows of each key in the query order, none for a NULL or missing key', async () => {
    const [fast] = await bothPaths(nested('SELECT w.Word FROM dbo.W w WHERE w.KId = @k ORDER BY w.Score DESC'), TABLES);
    expect(fast).toEqual([[
      { KId: 1, Seen: 'x,w,y,' }, { KId: 2, Seen: 'z,' }, { KId: 3, Seen: '' }, { KId: 4, Seen: 'p,~,' }, { KId: 5, Seen: '' },
    ]]);
  });

  it('re-reads after a ROLLBACK that undid rows the prefetch saw', async () => {
    const body = `${FILL}
DECLARE @k int = 1, @w varchar(20), @n int = 0, @round int = 0;
WHILE @round < 3
BEGIN
  IF @round = 1 BEGIN TRAN;
  IF @round = 1 INSERT INTO dbo.W VALUES (50, 1, 'tx', 0);
  DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Word FROM dbo.W WHERE KId = @k;
  OPEN c; FETCH NEXT FROM c INTO @w;
  WHILE @@FETCH_STATUS = 0 BEGIN SET @n = @n + 1; FETCH NEXT FROM c INTO @w; END
  CLOSE c; DEALLOCATE c;
  IF @round = 1 ROLLBACK;
  SET @round = @round + 1;
END
SELECT @n AS n;`;
    const [fast, slow] = await bothPaths(body, TABLES);
    expect(fast).toEqual([[{ n: 10 }]]);
    expect(fast).toEqual(slow);
  });
});
