import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

/*
 * UPDATE, DELETE and MERGE drafted as the table's final rows, run in DuckDB: the values SQL
 * Server leaves, and failures where SQL Server fails or would pick arbitrarily.
 */

const T: HarnessTable = { name: 'dbo.T', columns: ['k:text', 'v:int?'], rows: [['a', 1], ['B', 2], ['c', null]] };
const S: HarnessTable = { name: 'dbo.S', columns: ['k:text', 'v:int?'], rows: [['A', 10], ['d', 40]] };
const OUT: HarnessTable = { name: 'dbo.T', columns: ['k:text', 'v:int?'] };
/** dbo.T with keys repeated under the collation ('a'/'A', 'b'/'B'). */
const DUPS: HarnessTable = { ...T, rows: [['a', 1], ['A', 5], ['b', 2], ['B', null]] };
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;

let session: EngineSession;
beforeAll(async () => { session = await EngineSession.open({ threads: 1 }); });
afterAll(() => session.close());

describe('translate-dml', () => {
  it.each<[string, string, readonly HarnessTable[], string[]]>([
    ['UPDATE without FROM: NULL conditions leave the row', 'UPDATE dbo.T SET v = v + 1 WHERE v > 1;', [T], ['B|3', 'a|1', 'c|NULL']],
    // several FROM rows giving a row the same value: SQL Server's result is that value, the row counted once
    ['UPDATE … FROM matching a row twice with the same value', "UPDATE t SET t.v = 0 FROM dbo.T t JOIN dbo.S s ON s.v > 0; INSERT INTO dbo.T (k, v) VALUES ('n', @@ROWCOUNT);", [T, S], ['B|0', 'a|0', 'c|0', 'n|3']],
    ['UPDATE … FROM a join, matched case-insensitively', 'UPDATE t SET t.v = s.v FROM dbo.T t JOIN dbo.S s ON s.k = t.k;', [T, S], ['B|2', 'a|10', 'c|NULL']],
    ['DELETE keeps rows whose condition is NULL', 'DELETE FROM dbo.T WHERE v < 2;', [T], ['B|2', 'c|NULL']],
    ['DELETE … FROM a join', 'DELETE t FROM dbo.T t JOIN dbo.S s ON s.k = t.k;', [T, S], ['B|2', 'c|NULL']],
    ['MERGE: update (the target keeps its spelling), insert, keep', 'MERGE dbo.T AS tgt USING dbo.S AS src ON tgt.k = src.k WHEN MATCHED THEN UPDATE SET tgt.v = src.v WHEN NOT MATCHED THEN INSERT (k, v) VALUES (src.k, src.v);', [T, S], ['B|2', 'a|10', 'c|NULL', 'd|40']],
    ['MERGE … WHEN NOT MATCHED BY SOURCE THEN DELETE', 'MERGE dbo.T AS tgt USING dbo.S AS src ON tgt.k = src.k WHEN MATCHED AND src.v > 100 THEN UPDATE SET tgt.v = 0 WHEN NOT MATCHED BY SOURCE THEN DELETE;', [T, S], ['a|1']],
    ['MERGE with only WHEN NOT MATCHED keeps the matched target rows as they are', 'MERGE dbo.T AS tgt USING dbo.S AS src ON tgt.k = src.k WHEN NOT MATCHED THEN INSERT (k, v) VALUES (src.k, src.v);', [T, S], ['B|2', 'a|1', 'c|NULL', 'd|40']],
    ['MERGE … WHEN MATCHED THEN DELETE', 'MERGE dbo.T AS tgt USING dbo.S AS src ON tgt.k = src.k WHEN MATCHED THEN DELETE;', [T, S], ['B|2', 'c|NULL']],
    ['TRUNCATE then INSERT … SELECT reloads', 'TRUNCATE TABLE dbo.T; INSERT INTO dbo.T (k, v) SELECT k, v FROM dbo.S;', [T, S], ['A|10', 'd|40']],
    ['INSERT … VALUES of variables set by SET and SELECT @v = MAX()', "DECLARE @m int, @k varchar(5); SELECT @m = MAX(v) FROM dbo.S; SET @k = 'z' + 'z'; INSERT INTO dbo.T (k, v) VALUES (@k, @m + 1);", [T, S], ['B|2', 'a|1', 'c|NULL', 'zz|41']],
    ['a #temp chain: SELECT INTO, UPDATE, back into the table', 'SELECT k, v INTO #x FROM dbo.S; UPDATE #x SET v = v * 2; DELETE FROM dbo.T; INSERT INTO dbo.T SELECT k, v FROM #x;', [T, S], ['A|20', 'd|80']],
    ['CTE-driven MERGE', 'WITH s2 AS (SELECT k, v * 2 AS v FROM dbo.S) MERGE dbo.T AS tgt USING s2 AS src ON tgt.k = src.k WHEN MATCHED THEN UPDATE SET tgt.v = src.v;', [T, S], ['B|2', 'a|20', 'c|NULL']],
    ['CTE-driven DELETE … FROM', 'WITH x (kk) AS (SELECT k FROM dbo.S) DELETE t FROM dbo.T t JOIN x ON x.kk = t.k;', [T, S], ['B|2', 'c|NULL']],
    // The de-duplication idiom: DELETE through a CTE over one table deletes that table's rows.
    // Partitions compare text case-insensitively; the CTE's WHERE limits what it can delete; a
    // NULL condition deletes nothing; the CTE may name its columns.
    ['DELETE through a ROW_NUMBER CTE keeps the first of each key', 'WITH d AS (SELECT k, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM dbo.T) DELETE FROM d WHERE rn > 1;', [DUPS], ['A|5', 'b|2']],
    ['DELETE through a filtered CTE with named columns', "WITH d (kk, vv) AS (SELECT k, v FROM dbo.T WHERE k <> 'c') DELETE FROM d WHERE vv > 1 OR vv IS NULL;", [T], ['a|1', 'c|NULL']],
    // A recursive CTE (the numbers and calendar idiom): anchor, then members until no row comes.
    ['a recursive CTE of numbers', 'WITH r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) INSERT INTO dbo.T (k, v) SELECT \'x\', n FROM r;', [T], ['B|2', 'a|1', 'c|NULL', 'x|1', 'x|2', 'x|3']],
    ['a recursive CTE walking a chain, with a second CTE reading it', "WITH walk AS (SELECT k, v FROM dbo.T WHERE k = 'a' UNION ALL SELECT t.k, t.v FROM dbo.T t JOIN walk w ON t.v = w.v + 1), named AS (SELECT k + '!' AS k2, v FROM walk) INSERT INTO dbo.T (k, v) SELECT k2, v FROM named;", [T], ['B|2', 'B!|2', 'a|1', 'a!|1', 'c|NULL']],
    ['a recursive CTE past 100 levels with OPTION (MAXRECURSION 200)', 'WITH r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 150) INSERT INTO dbo.T (k, v) SELECT \'x\', MAX(n) FROM r OPTION (MAXRECURSION 200);', [T], ['B|2', 'a|1', 'c|NULL', 'x|150']],
    ['DELETE through a CTE: a NULL condition keeps the row', 'WITH d AS (SELECT v FROM dbo.T) DELETE FROM d WHERE v > 1;', [T], ['a|1', 'c|NULL']],
    ['UPDATE through a CTE sets the table\'s column', 'WITH x AS (SELECT k, v FROM dbo.T) UPDATE x SET v = 0;', [T], ['B|0', 'a|0', 'c|0']],
    ['UPDATE through a ROW_NUMBER CTE marks all but the first of each key', 'WITH d AS (SELECT t.v AS val, ROW_NUMBER() OVER (PARTITION BY k ORDER BY v DESC) AS rn FROM dbo.T AS t) UPDATE d SET val = -1 WHERE rn > 1;', [DUPS], ['A|5', 'B|-1', 'a|-1', 'b|2']],
    ['a CTE shadows a table only for its statement', 'WITH T AS (SELECT k, v FROM dbo.S) INSERT INTO dbo.T (k, v) SELECT k, v FROM T; UPDATE dbo.T SET v = 0 WHERE k = \'c\';', [T, S], ['A|10', 'B|2', 'a|1', 'c|0', 'd|40']],
    // char(n) holds its value padded with blanks to n, as SQL Server stores it (and the emulator's baselines show it)
    ['a char(n) variable is padded to n', "DECLARE @k char(4) = 'z'; INSERT INTO dbo.T (k, v) VALUES (@k + '.', 1);", [T], ['B|2', 'a|1', 'c|NULL', 'z   .|1']],
    ['a char(n) #temp column is padded to n', "CREATE TABLE #c (k char(3), v int); INSERT INTO #c (k, v) VALUES ('q', 5); INSERT INTO dbo.T (k, v) SELECT k + '.', v FROM #c;", [T], ['B|2', 'a|1', 'c|NULL', 'q  .|5']],
    ['IF setting variables becomes CASE (a NULL condition takes ELSE)', "DECLARE @v int, @w int = 5; IF @w > 9 SET @v = 1 ELSE BEGIN SET @v = 2; SET @w = NULL; END; IF NULL = 1 SET @w = 7; INSERT INTO dbo.T (k, v) VALUES ('v', @v), ('w', @w);", [T], ['B|2', 'a|1', 'c|NULL', 'v|2', 'w|NULL']],
  ])('%s', async (_rule, body, inputs, expected) => {
    expect(await runDraft(session, draftOf(proc(body), { inputs, output: OUT }), inputs)).toEqual(expected);
  });

  // dbo.T is a Given of the section (its rows before the statement), and its script gives v a DEFAULT
  it.each([
    ['MERGE … WHEN NOT MATCHED THEN INSERT', 'MERGE dbo.T AS tgt USING dbo.S AS src ON tgt.k = src.k WHEN NOT MATCHED THEN INSERT (k) VALUES (src.k);'],
    ['INSERT … SELECT', "INSERT INTO dbo.T (k) SELECT k FROM dbo.S WHERE k = 'd';"],
  ])('%s into a given table fills a column it does not name with its DEFAULT, not NULL', async (_rule, body) => {
    const ddl = 'CREATE TABLE dbo.T (k varchar(5) NOT NULL, v int NULL CONSTRAINT DF_T_v DEFAULT (7));';
    expect(await runDraft(session, draftOf(proc(body), { ddl, inputs: [T, S], output: OUT }), [T, S])).toEqual(['B|2', 'a|1', 'c|NULL', 'd|7']);
  });

  it.each<[string, string, RegExp]>([
    ['UPDATE … FROM matching a row twice (SQL Server picks one arbitrarily)', 'UPDATE t SET t.v = s.v FROM dbo.T t JOIN dbo.S s ON 1 = 1;', /proc\.sql:3:8: UPDATE … FROM matched a row of dbo\.T \(t\) with several rows giving it different values/],
    ['MERGE matching a target row with two source rows (SQL Server fails)', 'MERGE dbo.T AS tgt USING dbo.S AS src ON 1 = 1 WHEN MATCHED THEN UPDATE SET tgt.v = src.v;', /proc\.sql:3:1: MERGE matched a row of dbo\.T with more than one source row/],
    ['a recursion past the default 100 levels (SQL Server: Msg 530)', "WITH r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 150) INSERT INTO dbo.T (k, v) SELECT 'x', MAX(n) FROM r;", /Msg 530: The statement terminated\. The maximum recursion 100 has been exhausted/],
    ['a de-duplication whose ROW_NUMBER ties (SQL Server keeps either row)', 'WITH d AS (SELECT k, ROW_NUMBER() OVER (PARTITION BY k ORDER BY k) AS rn FROM dbo.T) DELETE FROM d WHERE rn > 1;', /ROW_NUMBER\(\) OVER rows tied/],
  ])('fails on %s', async (_rule, body, message) => {
    const t = /ROW_NUMBER/.test(body) ? DUPS : T;
    await expect(runDraft(session, draftOf(proc(body), { inputs: [t, S], output: OUT }), [t, S])).rejects.toThrow(message);
  });

  it.each<[string, string, string]>([
    ['SET of a computed CTE column (SQL Server: Msg 4406)', 'WITH x AS (SELECT k, v + 1 AS w FROM dbo.T) UPDATE x SET w = 0;', 'SET w through the CTE x'],
    ['UPDATE through a CTE over a join', 'WITH x AS (SELECT t.k, t.v FROM dbo.T t JOIN dbo.S s ON s.k = t.k) UPDATE x SET v = 0;', 'UPDATE through the CTE x'],
    ['DELETE through a CTE over a join', 'WITH x AS (SELECT t.k FROM dbo.T t JOIN dbo.S s ON s.k = t.k) DELETE FROM x;', 'DELETE through the CTE x'],
    ['DELETE through a grouped CTE', 'WITH x AS (SELECT k, COUNT(*) AS n FROM dbo.T GROUP BY k) DELETE FROM x WHERE n > 1;', 'DELETE through the CTE x'],
    ['a recursive CTE combined by UNION', 'WITH r (n) AS (SELECT 1 UNION SELECT n + 1 FROM r WHERE n < 3) INSERT INTO dbo.T (k, v) SELECT \'x\', n FROM r;', 'WITH RECURSIVE / a recursive CTE'],
  ])('refuses %s', (_rule, body, construct) => {
    const d = draftOf(proc(body), { inputs: [T], output: OUT });
    expect(d.sql).toBeUndefined();
    expect(d.refusals[0]).toMatchObject({ file: 'proc.sql', construct });
  });

  it.each<[string, string, string]>([
    ['a refused UPDATE through an alias refuses the aliased table, which a later UPDATE cannot revive', "UPDATE x SET x.v = 1 OUTPUT inserted.v FROM dbo.T x;\nUPDATE dbo.T SET v = 0 WHERE k = 'c';", 'UPDATE … OUTPUT without INTO'],
    ['a refused DELETE through an alias likewise', "DELETE x OUTPUT deleted.k FROM dbo.T x WHERE x.v > 1;\nUPDATE dbo.T SET v = 0 WHERE k = 'c';", 'DELETE … OUTPUT without INTO'],
  ])('%s', (_rule, body, construct) => {
    const d = draftOf(proc(body), { inputs: [T], output: OUT });
    expect(d.sql).toBeUndefined();
    expect(d.refusals[0]).toMatchObject({ file: 'proc.sql', line: 3, construct });
  });

  it('an IF that stops the procedure refuses every output; an IF that writes tables and sets a variable drafts both', () => {
    const stops = draftOf(proc("IF (SELECT COUNT(*) FROM dbo.T) = 0\nBEGIN\n  RAISERROR('empty', 16, 1);\n  RETURN;\nEND\nUPDATE dbo.T SET v = 0;"), { inputs: [T], output: OUT });
    expect(stops.sql).toBeUndefined();
    expect(stops.refusals[0]).toMatchObject({ line: 5, col: 3, construct: 'RAISERROR inside IF' });
    const writes = draftOf(proc("DECLARE @x int;\nIF 1 = 1\nBEGIN\n  UPDATE dbo.T SET v = 0;\n  SET @x = 1;\nEND"), { inputs: [T], output: OUT });
    expect(writes.refusals).toEqual([]);
  });

  it('a refused statement refuses only what it writes: a log INSERT into an unknown table does not refuse the output, a WHILE writing it does, an EXEC (effects unknown) always does', () => {
    const logOnly = draftOf(proc("INSERT INTO dbo.Log (m) VALUES ('x'); UPDATE dbo.T SET v = 0;"), { inputs: [T], output: OUT });
    expect(logOnly.refusals).toEqual([]);
    const loop = draftOf(proc('DECLARE @i int = 0;\nWHILE @i < 3\nBEGIN\n  UPDATE dbo.T SET v = @i;\n  SET @i = @i + 1;\nEND'), { inputs: [T], output: OUT });
    expect(loop.sql).toBeUndefined();
    expect(loop.refusals[0]).toMatchObject({ file: 'proc.sql', line: 6, col: 3, construct: 'WHILE loop' });
    const exec = draftOf(proc('EXEC dbo.usp_Other;\nUPDATE dbo.T SET v = 0;'), { inputs: [T], output: OUT });
    expect(exec.refusals[0]).toMatchObject({ line: 3, col: 1, construct: 'EXEC dbo.usp_Other' });
  });

  it('a refused DML statement also refuses the table its OUTPUT … INTO writes', () => {
    // Before: @moved kept its rows from before the UPDATE (none), so dbo.R was drafted empty
    // where the legacy code fills it with the updated keys.
    const R: HarnessTable = { name: 'dbo.R', columns: ['k:text'] };
    // (MERGE's, UPDATE's and DELETE's OUTPUT … INTO are translated: merge-clauses.test.ts, dml-output-into.test.ts; TOP is not)
    for (const dml of ['UPDATE TOP (1) dbo.T SET v = 0 OUTPUT inserted.k INTO @moved WHERE v > 0;', 'DELETE TOP (1) FROM dbo.T OUTPUT deleted.k INTO @moved (k) WHERE v > 0;']) {
      const d = draftOf(proc(`DECLARE @moved TABLE (k varchar(10));\nCREATE TABLE dbo.R (k varchar(10));\n${dml}\nINSERT INTO dbo.R (k) SELECT k FROM @moved;`), { inputs: [T, S], output: R });
      expect(d.sql).toBeUndefined();
      expect(d.refusals[0]).toMatchObject({ file: 'proc.sql', line: 5, col: 1 });
    }
  });

  it('a refused UPDATE … SET @v = col also refuses a later read of @v', () => {
    // Before: @last kept its DECLARE value 7 and the log row was drafted as (z, 7), where SQL
    // Server gives the updated row's value.
    const d = draftOf(proc("DECLARE @last int = 7;\nUPDATE dbo.S SET @last = v, v = v + 1 WHERE k = 'A';\nINSERT INTO dbo.T (k, v) VALUES ('z', @last);"), { inputs: [T, S], output: OUT });
    expect(d.sql).toBeUndefined();
    expect(d.refusals[0]).toMatchObject({ file: 'proc.sql', line: 4, construct: 'SET @variable in UPDATE' });
  });
});

describe('translate-dml: columns an INSERT leaves out', () => {
  const DDL = `CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL, Qty int NOT NULL CONSTRAINT DF_Qty DEFAULT (7), Src varchar(10) NOT NULL, Note varchar(20) NULL)
GO
ALTER TABLE [dbo].[Stock] ADD CONSTRAINT [DF_Stock_Src] DEFAULT ('manual') FOR [Src]
GO`;
  const STOCK: HarnessTable = { name: 'dbo.Stock', columns: ['Sku:text', 'Qty:int', 'Src:text', 'Note:text?'] };

  // INSERT: learn.microsoft.com/sql/t-sql/statements/insert-transact-sql (a column not in the list
  // gets its default, else NULL); the DEFAULT may be written on the column or added by ALTER TABLE.
  it('get their DEFAULT from the table script (on the column or by ALTER TABLE … FOR), else NULL', async () => {
    const body = draftOf(proc("INSERT INTO dbo.Stock (Sku) VALUES ('A-1');"), { ddl: DDL, inputs: [], output: STOCK });
    expect(await runDraft(session, body, [])).toEqual(['A-1|7|manual|NULL']);
    expect(body.notes).toEqual([expect.stringContaining('Stock.Note is not named by an INSERT and the table script gives it no DEFAULT')]);
  });
});
