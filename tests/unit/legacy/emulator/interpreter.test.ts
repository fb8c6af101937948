import { LegacyError } from '../../../../src/core';
import { runBody } from './emulator-helpers';

const TABLES = `
CREATE TABLE dbo.Item (Id int NOT NULL, Name varchar(20) NULL, Qty int NULL, CONSTRAINT PK_Item PRIMARY KEY (Id))
GO
CREATE TABLE dbo.Log (LogId int IDENTITY(10,5) NOT NULL, Msg varchar(200) NULL, At datetime NOT NULL DEFAULT (GETDATE()))
GO
`;
const ITEMS = { 'dbo.Item': 'Id,Name,Qty\n1,apple,5\n2,pear,\n3,plum,7\n' };

const firstRows = (r: Awaited<ReturnType<typeof runBody>>, i = 0) =>
  (r.resultSets[i]?.rows ?? []).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));

describe('emulated statements', () => {
  it('runs a cursor loop with @@FETCH_STATUS', async () => {
    const r = await runBody(`
      DECLARE @id int, @total int = 0, @names varchar(100) = '';
      DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT Id, Name FROM dbo.Item ORDER BY Id DESC;
      DECLARE @name varchar(20);
      OPEN c;
      FETCH NEXT FROM c INTO @id, @name;
      WHILE @@FETCH_STATUS = 0
      BEGIN
        SET @total = @total + @id;
        SET @names = @names + @name + ',';
        FETCH NEXT FROM c INTO @id, @name;
      END
      CLOSE c; DEALLOCATE c;
      SELECT @total AS total, @names AS names;`, { tables: TABLES, csv: ITEMS });
    expect(firstRows(r)).toEqual([{ total: 6, names: 'plum,pear,apple,' }]);
  });

  it('keeps a value across a DECLARE without initializer inside a loop', async () => {
    const r = await runBody(`
      DECLARE @i int = 0;
      WHILE @i < 3
      BEGIN
        DECLARE @kept int, @reset int = 0;
        SET @kept = ISNULL(@kept, 0) + 1;
        SET @reset = @reset + 1;
        SET @i = @i + 1;
      END
      SELECT @kept AS kept, @reset AS reset;`);
    expect(firstRows(r)).toEqual([{ kept: 3, reset: 1 }]);
  });

  it('runs WHILE with BREAK and CONTINUE', async () => {
    const r = await runBody(`
      DECLARE @i int = 0, @sum int = 0;
      WHILE 1 = 1
      BEGIN
        SET @i = @i + 1;
        IF @i > 10 BREAK;
        IF @i % 2 = 0 CONTINUE;
        SET @sum = @sum + @i;
      END
      SELECT @i AS i, @sum AS s;`);
    expect(firstRows(r)).toEqual([{ i: 11, s: 25 }]);
  });

  it('keeps a variable when SELECT @v = … finds no rows, and takes the last row otherwise', async () => {
    const r = await runBody(`
      DECLARE @n varchar(20) = 'unchanged', @m varchar(20), @q int = -1;
      SELECT @n = Name FROM dbo.Item WHERE Id = 99;
      SELECT @m = Name FROM dbo.Item WHERE Id IN (3);
      SELECT @q = MAX(Qty) FROM dbo.Item WHERE Id = 99;
      SELECT @n AS n, @m AS m, @q AS q, @@ROWCOUNT AS rc;`, { tables: TABLES, csv: ITEMS });
    expect(firstRows(r)).toEqual([{ n: 'unchanged', m: 'plum', q: null, rc: 1 }]);
  });

  it('replays SELECT @s = @s + … row by row in the query order', async () => {
    const r = await runBody(`
      DECLARE @s varchar(100) = '', @n int = 0;
      SELECT @s = @s + Name + ';', @n += 1 FROM dbo.Item ORDER BY Id DESC;
      SELECT @s AS s, @n AS n;`, { tables: TABLES, csv: ITEMS });
    expect(firstRows(r)).toEqual([{ s: 'plum;pear;apple;', n: 3 }]);
  });

  it('runs DELETE TOP (n) batches, UPDATE TOP, INSERT with a WITH clause, and @@ROWCOUNT after SET', async () => {
    const r = await runBody(`
      DECLARE @batches int = 0, @rc int;
      UPDATE TOP (1) dbo.Item SET Qty = 0 WHERE Qty IS NULL;
      SET @rc = @@ROWCOUNT;
      WITH big AS (SELECT Id FROM dbo.Item WHERE Id > 1)
      INSERT INTO dbo.Log (Msg) SELECT CAST(Id AS varchar(10)) FROM big;
      WHILE 1 = 1
      BEGIN
        DELETE TOP (2) FROM dbo.Item;
        IF @@ROWCOUNT = 0 BREAK;
        SET @batches = @batches + 1;
      END
      SELECT @rc AS rc, @batches AS batches, @@ROWCOUNT AS afterSet, (SELECT COUNT(*) FROM dbo.Log) AS logged;`, { tables: TABLES, csv: ITEMS });
    expect(firstRows(r)).toEqual([{ rc: 1, batches: 2, afterSet: 0, logged: 2 }]);
  });

  it.each([
    ['DECLARE @x int; SET @x = 5;', 1],
    ["PRINT 'x';", 0],
    ['BEGIN TRAN; COMMIT;', 0],
  ])('@@ROWCOUNT after %s is %p', async (body, expected) => {
    const r = await runBody(`${body} SELECT @@ROWCOUNT AS rc;`);
    expect(firstRows(r)).toEqual([{ rc: expected }]);
  });

  it('jumps to CATCH on an error and rolls back the transaction', async () => {
    const r = await runBody(`
      DECLARE @msg nvarchar(200), @tc int;
      BEGIN TRY
        BEGIN TRANSACTION;
        UPDATE dbo.Item SET Qty = 100 WHERE Id = 1;
        SELECT 1 / 0;
        COMMIT TRANSACTION;
      END TRY
      BEGIN CATCH
        SET @msg = ERROR_MESSAGE();
        SET @tc = @@TRANCOUNT;
        IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;
      END CATCH
      SELECT @msg AS msg, @tc AS tc, @@TRANCOUNT AS after, (SELECT Qty FROM dbo.Item WHERE Id = 1) AS qty;`, { tables: TABLES, csv: ITEMS });
    expect(firstRows(r)).toEqual([{ msg: 'Divide by zero error encountered.', tc: 1, after: 0, qty: 5 }]);
  });

  it('sets @@ERROR in CATCH and clears it after the next statement', async () => {
    const r = await runBody(`
      DECLARE @e1 int, @e2 int;
      BEGIN TRY SELECT 1 / 0; END TRY
      BEGIN CATCH SET @e1 = @@ERROR; SET @e2 = @@ERROR; END CATCH
      SELECT @e1 AS e1, @e2 AS e2;`);
    expect(firstRows(r)).toEqual([{ e1: 8134, e2: 0 }]);
  });

  it('commits a transaction and RAISERROR below severity 11 is only a message', async () => {
    const r = await runBody(`
      BEGIN TRAN; UPDATE dbo.Item SET Qty = 1 WHERE Id = 3; COMMIT;
      RAISERROR('note %d of %s', 10, 1, 7, 'x') WITH NOWAIT;
      PRINT 'done';
      SELECT Qty FROM dbo.Item WHERE Id = 3;`, { tables: TABLES, csv: ITEMS });
    expect(r.messages).toEqual(['note 7 of x', 'done']);
    expect(firstRows(r)).toEqual([{ Qty: 1 }]);
  });

  it('sends RAISERROR severity 16 to the client when nothing catches it, and goes on as SQL Server does', async () => {
    const r = await runBody("RAISERROR('bad %s', 16, 1, 'thing'); SELECT @@ERROR AS e;");
    expect(r.errors.map((e) => [e.number, e.severity, e.procedure, e.message])).toEqual([[50000, 16, 'usp_test', 'bad thing']]);
    expect(firstRows(r)).toEqual([{ e: 50000 }]);
  });

  it('ends the run with THROW when nothing catches it', async () => {
    await expect(runBody("THROW 51000, 'bad thing', 1; SELECT 1 AS after;")).rejects.toThrow(/Msg 51000, Level 16, State 1, Procedure usp_test, Line \d+: bad thing/);
  });

  it('runs MERGE with all three branches and sets @@ROWCOUNT', async () => {
    const r = await runBody(`
      CREATE TABLE #src (Id int, Name varchar(20), Qty int);
      INSERT INTO #src VALUES (1, 'APPLE', 50), (4, 'kiwi', 4);
      MERGE dbo.Item AS tgt
      USING #src AS src ON tgt.Id = src.Id
      WHEN MATCHED THEN UPDATE SET tgt.Name = src.Name, tgt.Qty = src.Qty
      WHEN NOT MATCHED BY TARGET THEN INSERT (Id, Name, Qty) VALUES (src.Id, src.Name, src.Qty)
      WHEN NOT MATCHED BY SOURCE AND tgt.Id = 2 THEN DELETE;
      SELECT @@ROWCOUNT AS rc;
      SELECT Id, Name, Qty FROM dbo.Item ORDER BY Id;`, { tables: TABLES, csv: ITEMS });
    expect(firstRows(r, 0)).toEqual([{ rc: 3 }]);
    expect(firstRows(r, 1)).toEqual([
      { Id: 1, Name: 'APPLE', Qty: 50 }, { Id: 3, Name: 'plum', Qty: 7 }, { Id: 4, Name: 'kiwi', Qty: 4 },
    ]);
  });

  it('runs UPDATE … FROM with an alias, a join and a LEFT JOIN', async () => {
    const r = await runBody(`
      CREATE TABLE #m (Id int, NewQty int);
      INSERT INTO #m VALUES (1, 11), (3, 33);
      UPDATE i SET i.Qty = m.NewQty FROM dbo.Item i JOIN #m m ON m.Id = i.Id WHERE i.Id < 3;
      SELECT @@ROWCOUNT AS rc;
      UPDATE t SET t.Name = ISNULL(m.NewQty, -1) FROM dbo.Item t LEFT JOIN #m m ON m.Id = t.Id;
      SELECT Id, Name, Qty FROM dbo.Item ORDER BY Id;`, { tables: TABLES, csv: ITEMS });
    expect(firstRows(r, 0)).toEqual([{ rc: 1 }]);
    expect(firstRows(r, 1)).toEqual([
      { Id: 1, Name: '11', Qty: 11 }, { Id: 2, Name: '-1', Qty: null }, { Id: 3, Name: '33', Qty: 7 },
    ]);
  });

  it('runs DELETE a FROM t a JOIN …, SELECT INTO, TRUNCATE and IDENTITY with SCOPE_IDENTITY()', async () => {
    const r = await runBody(`
      SELECT Id INTO #gone FROM dbo.Item WHERE Qty IS NULL OR Qty > 6;
      DELETE a FROM dbo.Item a JOIN #gone g ON g.Id = a.Id;
      INSERT INTO dbo.Log (Msg) VALUES ('first');
      INSERT INTO dbo.Log (Msg) SELECT Name FROM dbo.Item;
      DECLARE @id int = SCOPE_IDENTITY();
      SELECT (SELECT COUNT(*) FROM dbo.Item) AS items, @id AS id, (SELECT MIN(LogId) FROM dbo.Log) AS firstId,
             (SELECT CONVERT(varchar(19), MAX(At), 120) FROM dbo.Log) AS at;
      TRUNCATE TABLE dbo.Item;
      SELECT COUNT(*) AS n FROM dbo.Item;`, { tables: TABLES, csv: ITEMS });
    expect(firstRows(r, 0)).toEqual([{ items: 1, id: 15, firstId: 10, at: '2026-01-15 10:20:30' }]);
    expect(firstRows(r, 1)).toEqual([{ n: 0 }]);
  });

  it('calls another procedure with named parameters, defaults, OUTPUT and a return code', async () => {
    const r = await runBody(`
      DECLARE @out int, @rc int;
      EXEC @rc = dbo.usp_add @a = 40, @b = @out OUTPUT;
      SELECT @out AS out, @rc AS rc;`, {
      extraProcs: `CREATE PROCEDURE dbo.usp_add @a int, @b int OUTPUT, @c int = 2 AS BEGIN SET @b = @a + @c; RETURN 7; END\nGO\n`,
    });
    expect(firstRows(r)).toEqual([{ out: 42, rc: 7 }]);
  });

  it('passes parameters of the top-level call converted to their declared types', async () => {
    const r = await runBody('SELECT @d AS d, @n + 1 AS n;', { paramDecl: '@d date, @n int = 5', params: { d: '2026-03-02' } });
    const row = firstRows(r)[0] as { d: Date; n: number };
    expect(row.n).toBe(6);
    expect(new Date(row.d).toISOString().slice(0, 10)).toBe('2026-03-02');
  });

  it.each([
    ["EXEC sp_executesql N'SELECT 1';", /does not run dynamic SQL \(sp_executesql\)/],
    ["DECLARE @s nvarchar(50) = N'SELECT 1'; EXEC (@s);", /does not run dynamic SQL/],
    ['SELECT CHECKSUM(1);', /CHECKSUM/],
    ['DECLARE c CURSOR FAST_FORWARD FOR SELECT 1; OPEN c; FETCH PRIOR FROM c;', /FETCH PRIOR from the FAST_FORWARD cursor c, which is not scrollable/],
    ['SELECT * FROM dbo.Nope;', /Invalid object name 'dbo\.Nope'/],
    ['SET ROWCOUNT @nothing;', /SET ROWCOUNT @nothing \(a number, or an integer variable/],
    ['SET ANSI_NULLS OFF;', /SET ANSI_NULLS OFF/],
    ['SET DATEFIRST @first;', /SET DATEFIRST @first \(a number from 1 to 7/],
  ])('refuses %s with a LegacyError naming its location', async (body, message) => {
    const err = await runBody(body).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(message);
  });

  it('runs dynamic SQL only when allowed, in its own scope, with sp_executesql parameters', async () => {
    const r = await runBody(`
      DECLARE @sql nvarchar(200) = N'SELECT @x * 2 AS doubled; CREATE TABLE #inner (a int);', @p int = 21;
      EXEC sp_executesql @sql, N'@x int', @x = @p;
      EXEC (N'SELECT ' + N'1 AS one');
      SELECT CASE WHEN OBJECT_ID('tempdb..#inner') IS NULL THEN 'gone' ELSE 'kept' END AS inner_table;`, { allowDynamicSql: true });
    expect(firstRows(r, 0)).toEqual([{ doubled: 42 }]);
    expect(firstRows(r, 1)).toEqual([{ one: 1 }]);
    expect(firstRows(r, 2)).toEqual([{ inner_table: 'gone' }]);
  });

  it('names file:line:col of an unsupported statement', async () => {
    const err = await runBody('SET NOCOUNT ON;\n  SELECT CHECKSUM(1);').catch((e: unknown) => e as LegacyError);
    expect((err as LegacyError).format()).toMatch(/^usp_test\.sql:5:10: the emulator does not support CHECKSUM\(\)/);
  });
});
