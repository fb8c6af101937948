import { resultRows, runBody } from './emulator-helpers';

// RAND: learn.microsoft.com/sql/t-sql/functions/rand-transact-sql (one value per query; a seed
// repeats the sequence); NEWID: learn.microsoft.com/sql/t-sql/functions/newid-transact-sql.
const TABLES = `
CREATE TABLE dbo.Item (Id int NOT NULL PRIMARY KEY)
GO
CREATE TABLE dbo.Tagged (Id int NOT NULL, Tag uniqueidentifier NOT NULL)
GO
CREATE TABLE dbo.Scored (Id int NOT NULL, Score float NULL)
GO
CREATE TABLE dbo.Plain (Id int NOT NULL)
GO
`;
const DATA = { 'dbo.Item': 'Id\n1\n2\n3\n' };

const CALLEES = `CREATE PROCEDURE dbo.usp_pick AS SELECT Id, RAND() AS s FROM dbo.Item
GO
CREATE PROCEDURE dbo.usp_draw @o float OUTPUT AS SET @o = RAND()
GO
CREATE PROCEDURE dbo.usp_roll AS RETURN CAST(RAND() * 10 AS int)
GO
CREATE PROCEDURE dbo.usp_plain AS RETURN 5
GO
`;

describe('RAND() and NEWID()', () => {
  it('gives RAND() one value per query, in [0, 1), and repeats a seeded sequence', async () => {
    const r = await runBody(`
      SELECT COUNT(DISTINCT r) AS n, MIN(r) AS lo, MAX(r) AS hi FROM (SELECT RAND() AS r FROM dbo.Item) AS x;
      DECLARE @a float = RAND(7), @b float = RAND(), @c float = RAND(7), @d float = RAND();
      SELECT CASE WHEN @a = @c AND @b = @d AND @a <> @b THEN 1 ELSE 0 END AS repeated;`, { tables: TABLES, csv: DATA });
    const [first] = resultRows(r, 0) as { n: number; lo: number; hi: number }[];
    expect(first?.n).toBe(1);
    expect(first?.lo).toBeGreaterThanOrEqual(0);
    expect(first?.hi).toBeLessThan(1);
    expect(resultRows(r, 1)).toEqual([{ repeated: 1 }]);
  });

  it('gives NEWID() a different uniqueidentifier per row, the same on every run', async () => {
    const body = 'SELECT COUNT(DISTINCT g) AS n, MIN(CAST(g AS varchar(36))) AS first FROM (SELECT NEWID() AS g FROM dbo.Item) AS x';
    const one = resultRows(await runBody(body, { tables: TABLES, csv: DATA }));
    const two = resultRows(await runBody(body, { tables: TABLES, csv: DATA }));
    expect(one[0]?.n).toBe(3);
    // CAST of a uniqueidentifier to varchar is upper-case text in SQL Server
    expect(String(one[0]?.first)).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-A[0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(two).toEqual(one);
  });

  it('names every output column fed by them, through variables and temp tables', async () => {
    const r = await runBody(`
      INSERT INTO dbo.Tagged (Id, Tag) SELECT Id, NEWID() FROM dbo.Item;
      DECLARE @r float;
      SET @r = RAND(1);
      CREATE TABLE #s (Id int, Score float);
      INSERT INTO #s VALUES (1, @r);
      INSERT INTO dbo.Scored SELECT Id, Score FROM #s;
      INSERT INTO dbo.Plain SELECT Id FROM dbo.Item;
      SELECT Id, @r AS r FROM dbo.Plain;`, { tables: TABLES, csv: DATA });
    expect(r.nonReproducible).toEqual(['dbo.Scored.Id', 'dbo.Scored.Score', 'dbo.Tagged.Id', 'dbo.Tagged.Tag', 'result-set-1.Id', 'result-set-1.r']);
  });

  it.each([
    ['INSERT … EXEC of a procedure that selects them', 'INSERT INTO dbo.Scored EXEC dbo.usp_pick;'],
    ['an OUTPUT parameter', 'DECLARE @v float; EXEC dbo.usp_draw @v OUTPUT; INSERT INTO dbo.Scored VALUES (1, @v);'],
    ['a return code', 'DECLARE @rc int; EXEC @rc = dbo.usp_roll; INSERT INTO dbo.Scored VALUES (@rc, 0);'],
    ['a cursor over a table of them', `INSERT INTO dbo.Tagged (Id, Tag) SELECT Id, NEWID() FROM dbo.Item;
      DECLARE @id int, @tag uniqueidentifier; DECLARE c CURSOR FOR SELECT Id, Tag FROM dbo.Tagged ORDER BY Id;
      OPEN c; FETCH NEXT FROM c INTO @id, @tag;
      WHILE @@FETCH_STATUS = 0 BEGIN INSERT INTO dbo.Scored VALUES (@id, LEN(CAST(@tag AS varchar(36)))); FETCH NEXT FROM c INTO @id, @tag; END
      CLOSE c; DEALLOCATE c;`],
  ])('follows them out of %s', async (_name, body) => {
    const r = await runBody(body, { tables: TABLES, csv: DATA, extraProcs: CALLEES });
    expect(r.nonReproducible.filter((c) => c.startsWith('dbo.Scored'))).toEqual(['dbo.Scored.Id', 'dbo.Scored.Score']);
  });

  it('leaves a call or a cursor that never met them reproducible', async () => {
    const r = await runBody(`
      INSERT INTO dbo.Tagged (Id, Tag) SELECT Id, NEWID() FROM dbo.Item;
      DECLARE @rc int; EXEC @rc = dbo.usp_plain;
      DECLARE @id int; DECLARE c CURSOR FOR SELECT Id FROM dbo.Item ORDER BY Id;
      OPEN c; FETCH NEXT FROM c INTO @id;
      WHILE @@FETCH_STATUS = 0 BEGIN INSERT INTO dbo.Scored VALUES (@id + @rc, 0); FETCH NEXT FROM c INTO @id; END
      CLOSE c; DEALLOCATE c;`, { tables: TABLES, csv: DATA, extraProcs: CALLEES });
    expect(r.nonReproducible).toEqual(['dbo.Tagged.Id', 'dbo.Tagged.Tag']);
  });

  it.each([
    ['ALTER TABLE … ADD', 'ALTER TABLE #s ADD Note varchar(10) NULL;'],
    ['ALTER TABLE … DROP COLUMN', 'ALTER TABLE #s ADD Note varchar(10) NULL; ALTER TABLE #s DROP COLUMN Note;'],
  ])('keeps a table of RAND() values listed after %s changes its shape', async (_name, alter) => {
    const r = await runBody(`
      CREATE TABLE #s (Id int, Score float);
      INSERT INTO #s SELECT Id, RAND() FROM dbo.Item;
      ${alter}
      INSERT INTO dbo.Scored SELECT Id, Score FROM #s;`, { tables: TABLES, csv: DATA });
    expect(r.nonReproducible).toEqual(['dbo.Scored.Id', 'dbo.Scored.Score']);
  });
});

// INSERT: learn.microsoft.com/sql/t-sql/statements/insert-transact-sql ("INSERT queries that use
// SELECT with ORDER BY to populate rows guarantees how identity values are computed"; without
// ORDER BY nothing is guaranteed).
describe('identity values numbered by an INSERT … SELECT', () => {
  const IDENTITY = `
CREATE TABLE dbo.Src (Code varchar(10) NOT NULL)
GO
CREATE TABLE dbo.Dim (Id int IDENTITY(1,1) NOT NULL PRIMARY KEY, Code varchar(10) NOT NULL)
GO
CREATE TABLE dbo.Fact (DimId int NOT NULL, Code varchar(10) NOT NULL)
GO
`;
  const SRC = { 'dbo.Src': 'Code\nb\nc\na\n' };

  it('without ORDER BY are listed as not reproducible, with what they feed and the cause', async () => {
    const r = await runBody(`
      INSERT INTO dbo.Dim (Code) SELECT DISTINCT Code FROM dbo.Src;
      INSERT INTO dbo.Fact (DimId, Code) SELECT Id, Code FROM dbo.Dim;`, { tables: IDENTITY, csv: SRC });
    // Dim's rows and codes are the statement's; only which code got which Id is the plan's. Fact
    // copies Dim's Id into DimId (column-taint.ts follows it there); its codes are Dim's.
    expect(r.nonReproducible).toEqual(['dbo.Dim.Id', 'dbo.Fact.DimId']);
    expect(r.nonReproducibleCauses).toEqual([expect.stringMatching(/^identity values of dbo\.Dim numbered by the INSERT … SELECT without ORDER BY at [^ ]+:\d+:\d+/)]);
  });

  it('with ORDER BY follow it and are reproducible', async () => {
    const r = await runBody(`
      INSERT INTO dbo.Dim (Code) SELECT Code FROM dbo.Src ORDER BY Code DESC;
      SELECT Id, Code FROM dbo.Dim ORDER BY Id;`, { tables: IDENTITY, csv: SRC });
    expect(resultRows(r)).toEqual([{ Id: 1, Code: 'c' }, { Id: 2, Code: 'b' }, { Id: 3, Code: 'a' }]);
    expect(r.nonReproducible).toEqual([]);
    expect(r.nonReproducibleCauses).toEqual([]);
  });

  it('for one row are reproducible without ORDER BY', async () => {
    const r = await runBody(`INSERT INTO dbo.Dim (Code) SELECT MAX(Code) FROM dbo.Src;`, { tables: IDENTITY, csv: SRC });
    expect(r.nonReproducible).toEqual([]);
  });

  it('by a MERGE that inserts several rows are listed as not reproducible; one row sets SCOPE_IDENTITY()', async () => {
    // A MERGE has no ORDER BY: SQL Server numbers its inserted rows in its plan's order.
    const merge = (where: string): string => `MERGE dbo.Dim AS d USING (SELECT Code FROM dbo.Src ${where}) AS s ON d.Code = s.Code
      WHEN NOT MATCHED THEN INSERT (Code) VALUES (s.Code);`;
    const several = await runBody(`${merge('')} SELECT @@ROWCOUNT AS n;`, { tables: IDENTITY, csv: SRC });
    expect(resultRows(several)).toEqual([{ n: 3 }]);
    // which row gets which number is the plan's; the rows and their codes are the MERGE's own
    expect(several.nonReproducible).toEqual(['dbo.Dim.Id']);
    expect(several.nonReproducibleCauses).toEqual([expect.stringMatching(/^identity values of dbo\.Dim numbered by the MERGE at [^ ]+:\d+:\d+/)]);
    // an OUTPUT carries the numbers to where they are not followed: every table it writes is listed
    const logged = await runBody(`DECLARE @log TABLE (Id int, Code varchar(10));
      MERGE dbo.Dim AS d USING (SELECT Code FROM dbo.Src) AS s ON d.Code = s.Code
      WHEN NOT MATCHED THEN INSERT (Code) VALUES (s.Code) OUTPUT inserted.Id, inserted.Code INTO @log;
      SELECT Id, Code FROM @log ORDER BY Code;`, { tables: IDENTITY, csv: SRC });
    expect(logged.nonReproducible).toEqual(expect.arrayContaining(['dbo.Dim.Code', 'dbo.Dim.Id']));
    const one = await runBody(`INSERT INTO dbo.Dim (Code) VALUES ('z'); ${merge("WHERE Code = 'b'")}
      SELECT SCOPE_IDENTITY() AS id, @@IDENTITY AS at, @@ROWCOUNT AS n;`, { tables: IDENTITY, csv: SRC });
    expect(resultRows(one)).toEqual([{ id: 2, at: 2, n: 1 }]);
    expect(one.nonReproducible).toEqual([]);
  });

  it('names the statement and the reference that make every column of the table listed (scd probe)', async () => {
    // the manifest said only that the INSERT numbered the keys, leaving the user to guess why Code
    // was listed too: 2 is one of the numbers drawn, so which code is upper-cased is the plan's
    const r = await runBody(`INSERT INTO dbo.Dim (Code) SELECT Code FROM dbo.Src;
      UPDATE dbo.Dim SET Code = UPPER(Code) WHERE Id <> 2;`, { tables: IDENTITY, csv: SRC });
    expect(r.nonReproducible).toEqual(['dbo.Dim.Code', 'dbo.Dim.Id']);
    expect(r.nonReproducibleCauses).toEqual([
      expect.stringMatching(/^identity values of dbo\.Dim numbered by the INSERT … SELECT without ORDER BY at /),
      expect.stringMatching(/^the UPDATE at [^ ]+:\d+:\d+ reading Id at [^ ]+:\d+:\d+ while it changes dbo\.Dim, whose numbers the plan gives/),
    ]);
  });

  it('an UPDATE computing a column from the numbered key row by row lists that column, not the rest', async () => {
    const r = await runBody(`INSERT INTO dbo.Dim (Code) SELECT Code FROM dbo.Src;
      UPDATE dbo.Dim SET Code = Code + CAST(Id AS varchar(10));`, { tables: IDENTITY, csv: SRC });
    expect(r.nonReproducible).toEqual(['dbo.Dim.Code', 'dbo.Dim.Id']);
    const kept = await runBody(`INSERT INTO dbo.Dim (Code) SELECT Code FROM dbo.Src;
      UPDATE dbo.Dim SET Code = UPPER(Code);`, { tables: IDENTITY, csv: SRC });
    expect(kept.nonReproducible).toEqual(['dbo.Dim.Id']);
  });

  it('a comparison with a constant below every number drawn changes the same rows whatever the numbering (scd probe)', async () => {
    // the SCD load's `WHERE [Customer Key] <> -1` guard against the unknown member listed every
    // column of the dimension as not reproducible; numbers drawn from 1 up are never -1 nor 0
    const r = await runBody(`INSERT INTO dbo.Dim (Code) SELECT Code FROM dbo.Src;
      UPDATE d SET Code = UPPER(Code) FROM dbo.Dim d WHERE d.Id <> -1 AND 0 < Id AND Id >= 0;
      SELECT Code FROM dbo.Dim WHERE Id > -5 ORDER BY Code;`, { tables: IDENTITY, csv: SRC });
    expect(resultRows(r)).toEqual([{ Code: 'A' }, { Code: 'B' }, { Code: 'C' }]);
    expect(r.nonReproducible).toEqual(['dbo.Dim.Id']);
    // a constant the numbers reach (1 is drawn) still decides by the numbering
    const reached = await runBody(`INSERT INTO dbo.Dim (Code) SELECT Code FROM dbo.Src;
      UPDATE dbo.Dim SET Code = UPPER(Code) WHERE Id > 1;`, { tables: IDENTITY, csv: SRC });
    expect(reached.nonReproducible).toEqual(['dbo.Dim.Code', 'dbo.Dim.Id']);
  });
});

// A persisted computed column of the numbered table: only one computed from the identity holds
// the plan's numbers; one computed from other columns (a shipment's month) keeps the statement's.
describe('identity values numbered by an INSERT … SELECT into a table with computed columns', () => {
  const tables = (computed: string): string => `
CREATE TABLE dbo.Ord (OrderNo int NOT NULL, ShipOn date NOT NULL)
GO
CREATE TABLE dbo.Shipment (ShipmentId int IDENTITY(1,1) NOT NULL PRIMARY KEY, OrderNo int NOT NULL, ShipOn date NOT NULL, ${computed})
GO
`;
  const ORD = { 'dbo.Ord': 'OrderNo,ShipOn\n7001,2026-11-20\n7002,2026-11-21\n' };

  it('lists the identity alone when the computed column does not read it', async () => {
    const r = await runBody('INSERT INTO dbo.Shipment (OrderNo, ShipOn) SELECT OrderNo, ShipOn FROM dbo.Ord;',
      { tables: tables('ShipMonth AS (DATEFROMPARTS(YEAR(ShipOn), MONTH(ShipOn), 1)) PERSISTED'), csv: ORD });
    expect(r.nonReproducible).toEqual(['dbo.Shipment.ShipmentId']);
  });

  it('lists every column when a computed column reads the identity', async () => {
    const r = await runBody('INSERT INTO dbo.Shipment (OrderNo, ShipOn) SELECT OrderNo, ShipOn FROM dbo.Ord;',
      { tables: tables("Label AS ('S-' + CAST(ShipmentId AS varchar(10)))"), csv: ORD });
    expect(r.nonReproducible).toEqual(['dbo.Shipment.Label', 'dbo.Shipment.OrderNo', 'dbo.Shipment.ShipOn', 'dbo.Shipment.ShipmentId']);
  });
});


// A #temp of lines numbered by IDENTITY without ORDER BY, then totalled: only which line got which
// number is the plan's, so a statement that never reads the number gives SQL Server's values.
describe('a table whose identity values alone are numbered in no defined order', () => {
  const LINES = `
CREATE TABLE dbo.Charge (AccountNo int NOT NULL, Kind varchar(10) NOT NULL, Amount decimal(18,2) NOT NULL)
GO
CREATE TABLE dbo.Invoice (AccountNo int NOT NULL, Total decimal(18,2) NOT NULL, Lines int NOT NULL)
GO
CREATE TABLE dbo.FirstLine (AccountNo int NOT NULL, Kind varchar(10) NOT NULL)
GO
`;
  const CHARGES = { 'dbo.Charge': 'AccountNo,Kind,Amount\n10,ENERGY,41.57\n10,STANDING,13.79\n20,ENERGY,122.87\n20,LATE FEE,0.76\n' };
  const fill = `CREATE TABLE #Lines ([Line ID] int IDENTITY(1,1) NOT NULL PRIMARY KEY, AccountNo int NOT NULL, Kind varchar(10) NOT NULL, Amount decimal(18,2) NOT NULL);
      INSERT INTO #Lines (AccountNo, Kind, Amount) SELECT AccountNo, Kind, Amount FROM dbo.Charge;`;

  it('leaves a total that never reads the number reproducible (COUNT(*) reads none)', async () => {
    const r = await runBody(`${fill}
      INSERT INTO dbo.Invoice (AccountNo, Total, Lines) SELECT AccountNo, SUM(Amount), COUNT(*) FROM #Lines GROUP BY AccountNo;
      UPDATE #Lines SET Amount = 0 WHERE Kind = 'LATE FEE';
      SELECT l.AccountNo, SUM(l.Amount) AS Net FROM #Lines AS l GROUP BY l.AccountNo ORDER BY l.AccountNo;`, { tables: LINES, csv: CHARGES });
    expect(resultRows(r, 0)).toEqual([{ AccountNo: 10, Net: 55.36 }, { AccountNo: 20, Net: 122.87 }]);
    expect(r.nonReproducible).toEqual([]);
  });

  it('taints a read naming the number or *, and the table itself once a change names it', async () => {
    const first = await runBody(`${fill}
      INSERT INTO dbo.FirstLine (AccountNo, Kind) SELECT l.AccountNo, l.Kind FROM #Lines AS l
      WHERE l.[Line ID] = (SELECT MIN(x.[Line ID]) FROM #Lines AS x WHERE x.AccountNo = l.AccountNo);
      INSERT INTO dbo.Invoice (AccountNo, Total, Lines) SELECT AccountNo, SUM(Amount), COUNT(*) FROM #Lines GROUP BY AccountNo;`, { tables: LINES, csv: CHARGES });
    expect(first.nonReproducible).toEqual(['dbo.FirstLine.AccountNo', 'dbo.FirstLine.Kind']);
    const star = await runBody(`${fill}
      SELECT * INTO #Copy FROM #Lines;
      INSERT INTO dbo.Invoice (AccountNo, Total, Lines) SELECT AccountNo, SUM(Amount), COUNT(*) FROM #Copy GROUP BY AccountNo;`, { tables: LINES, csv: CHARGES });
    expect(star.nonReproducible).toEqual(['dbo.Invoice.AccountNo', 'dbo.Invoice.Lines', 'dbo.Invoice.Total']);
    // Which line the DELETE removes is the plan's numbering: every later read of #Lines is tainted.
    const changed = await runBody(`${fill}
      DELETE FROM #Lines WHERE [Line ID] = 1;
      INSERT INTO dbo.Invoice (AccountNo, Total, Lines) SELECT AccountNo, SUM(Amount), COUNT(*) FROM #Lines GROUP BY AccountNo;`, { tables: LINES, csv: CHARGES });
    expect(changed.nonReproducible).toEqual(['dbo.Invoice.AccountNo', 'dbo.Invoice.Lines', 'dbo.Invoice.Total']);
  });

  it('taints what a cursor over the lines in number order feeds', async () => {
    const r = await runBody(`${fill}
      DECLARE @acct int, @kind varchar(10);
      DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT AccountNo, Kind FROM #Lines ORDER BY [Line ID];
      OPEN c;
      FETCH NEXT FROM c INTO @acct, @kind;
      CLOSE c; DEALLOCATE c;
      INSERT INTO dbo.FirstLine (AccountNo, Kind) VALUES (@acct, @kind);
      INSERT INTO dbo.Invoice (AccountNo, Total, Lines) SELECT AccountNo, SUM(Amount), COUNT(*) FROM #Lines GROUP BY AccountNo;`, { tables: LINES, csv: CHARGES });
    expect(r.nonReproducible).toEqual(['dbo.FirstLine.AccountNo', 'dbo.FirstLine.Kind']);
  });
});
