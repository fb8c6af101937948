import { LegacyError } from '../../../../src/core';
import { parseSequenceSpec } from '../../../../src/legacy/emulator/sequences';
import { resultRows, runBody } from './emulator-helpers';

// Defaults and cycling as documented for CREATE SEQUENCE (learn.microsoft.com/sql/t-sql/statements/create-sequence-transact-sql).
const TABLES = `
CREATE SEQUENCE dbo.OrderNo AS int START WITH 1000 INCREMENT BY 10
GO
CREATE SEQUENCE [dbo].[Small Cycle] AS tinyint MINVALUE 1 MAXVALUE 3 CYCLE
GO
CREATE SEQUENCE dbo.Down AS smallint START WITH 5 INCREMENT BY -2 MINVALUE 1 MAXVALUE 5 NO CYCLE
GO
CREATE SEQUENCE dbo.Big
GO
CREATE SEQUENCE dbo.Wide AS decimal(28, 0)
GO
CREATE TABLE dbo.Orders (OrderNo int NOT NULL CONSTRAINT DF_No DEFAULT (NEXT VALUE FOR dbo.OrderNo) PRIMARY KEY, Item varchar(10) NOT NULL)
GO
CREATE TABLE dbo.Src (Item varchar(10) NOT NULL)
GO
`;
const DATA = { 'dbo.Src': 'Item\na\nb\nc\n' };

describe('sequences and NEXT VALUE FOR', () => {
  it.each([
    ['AS int START WITH 1000 INCREMENT BY 10', { type: 'int', start: 1000n, increment: 10n, min: -2147483648n, max: 2147483647n, cycle: false }],
    ['', { type: 'bigint', start: -9223372036854775808n, increment: 1n, min: -9223372036854775808n, max: 9223372036854775807n, cycle: false }],
    ['AS tinyint INCREMENT BY -1', { type: 'tinyint', start: 255n, increment: -1n, min: 0n, max: 255n, cycle: false }],
    ['AS smallint MINVALUE 1 MAXVALUE 3 CYCLE CACHE 10', { type: 'smallint', start: 1n, increment: 1n, min: 1n, max: 3n, cycle: true }],
    ['AS int NO MINVALUE NO MAXVALUE NO CYCLE', { type: 'int', start: -2147483648n, increment: 1n, min: -2147483648n, max: 2147483647n, cycle: false }],
  ])('reads CREATE SEQUENCE %s with SQL Server defaults', (text, expected) => {
    expect(parseSequenceSpec(text)).toEqual(expected);
  });

  it.each([
    ['a start outside the range', 'START WITH 0 MINVALUE 1', /outside MINVALUE/],
    ['INCREMENT BY 0', 'INCREMENT BY 0', /INCREMENT BY 0/],
    ['a decimal with a scale', 'AS decimal(10, 2)', /scale 0/],
  ])('rejects %s', (_name, text, message) => {
    expect(parseSequenceSpec(text)).toMatch(message);
  });

  it('gives each row of INSERT … SELECT the next value through a column DEFAULT', async () => {
    const r = await runBody(`
      INSERT INTO dbo.Orders (Item) SELECT Item FROM dbo.Src;
      INSERT INTO dbo.Orders (Item) VALUES ('d');
      SELECT COUNT(*) AS n, MIN(OrderNo) AS lo, MAX(OrderNo) AS hi FROM dbo.Orders;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ n: 4, lo: 1000, hi: 1030 }]);
    expect(r.outputs.find((o) => o.name === 'dbo.orders')?.rows.map((x) => x.OrderNo)).toEqual([1000, 1010, 1020, 1030]);
    // Which of a, b, c takes 1000 is the plan's order in SQL Server: listed as not reproducible,
    // with what reads the table afterwards (taint is followed, not proved order-free).
    expect(r.nonReproducible).toEqual(['dbo.Orders.Item', 'dbo.Orders.OrderNo', 'result-set-1.hi', 'result-set-1.lo', 'result-set-1.n']);
    expect(r.nonReproducibleCauses).toEqual([expect.stringMatching(/^sequence values drawn for 3 rows by the statement at usp_test\.sql:5:7 /)]);
  });

  it('lists NEXT VALUE FOR over several rows as not reproducible, one row at a time as reproducible', async () => {
    const several = await runBody(`
      CREATE TABLE #t (No int, Item varchar(10));
      INSERT INTO #t (No, Item) SELECT NEXT VALUE FOR dbo.OrderNo, Item FROM dbo.Src;
      SELECT No, Item FROM #t ORDER BY No;`, { tables: TABLES, csv: DATA });
    expect(several.nonReproducible).toEqual(['result-set-1.Item', 'result-set-1.No']);
    const loop = await runBody(`
      DECLARE @i int = 0;
      WHILE @i < 3 BEGIN INSERT INTO dbo.Orders (OrderNo, Item) VALUES (NEXT VALUE FOR dbo.OrderNo, 'x'); SET @i += 1; END
      INSERT INTO dbo.Orders (Item) SELECT MAX(Item) FROM dbo.Src;`, { tables: TABLES, csv: DATA });
    expect(loop.outputs.find((o) => o.name === 'dbo.orders')?.rows.map((x) => x.OrderNo)).toEqual([1000, 1010, 1020, 1030]);
    expect(loop.nonReproducible).toEqual([]);
  });

  it('lists only the column an INSERT … SELECT draws into, so the rest of its rows are compared', async () => {
    const r = await runBody(`
      CREATE TABLE #chg ([Change No] int NOT NULL, Item varchar(10) NOT NULL, Qty int NOT NULL);
      INSERT INTO #chg ([Change No], Item, Qty) SELECT NEXT VALUE FOR dbo.OrderNo, s.Item, LEN(s.Item) FROM dbo.Src s;
      SELECT Item, Qty FROM #chg ORDER BY Item;
      SELECT MAX([Change No]) AS top_no FROM #chg;`, { tables: TABLES, csv: DATA });
    // which item takes 1000 is SQL Server's plan order; the items and quantities are not
    expect(r.nonReproducible).toEqual(['result-set-2.top_no']);
    expect(r.nonReproducibleCauses).toEqual([expect.stringMatching(/^sequence values drawn for 3 rows into Change No by the statement at usp_test\.sql:6:7 /)]);
    // a draw inside an expression still taints the whole statement
    const wrapped = await runBody(`
      CREATE TABLE #chg ([Change No] int NOT NULL, Item varchar(10) NOT NULL);
      INSERT INTO #chg ([Change No], Item) SELECT 10 * NEXT VALUE FOR dbo.OrderNo, s.Item FROM dbo.Src s;
      SELECT Item FROM #chg ORDER BY Item;`, { tables: TABLES, csv: DATA });
    expect(wrapped.nonReproducible).toEqual(['result-set-1.Item']);
  });

  it('does not list an INSERT of several rows that gives the defaulted column its values (the DEFAULT does not fire)', async () => {
    const r = await runBody(`
      INSERT INTO dbo.Orders (OrderNo, Item) SELECT 10 * ROW_NUMBER() OVER (ORDER BY Item), Item FROM dbo.Src;
      SELECT OrderNo, Item FROM dbo.Orders ORDER BY OrderNo;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ OrderNo: 10, Item: 'a' }, { OrderNo: 20, Item: 'b' }, { OrderNo: 30, Item: 'c' }]);
    expect(r.nonReproducible).toEqual([]);
    // without a column list the statement gives every column its value, so no DEFAULT fires either
    const unlisted = await runBody(`
      INSERT INTO dbo.Orders SELECT 10 * ROW_NUMBER() OVER (ORDER BY Item), Item FROM dbo.Src;
      SELECT OrderNo, Item FROM dbo.Orders ORDER BY OrderNo;`, { tables: TABLES, csv: DATA });
    expect(resultRows(unlisted)).toEqual([{ OrderNo: 10, Item: 'a' }, { OrderNo: 20, Item: 'b' }, { OrderNo: 30, Item: 'c' }]);
    expect(unlisted.nonReproducible).toEqual([]);
  });

  it('still sees a DEFAULT drawing a sequence on a table that a CREATE UNIQUE INDEX script changes', async () => {
    const r = await runBody(`INSERT INTO dbo.Tickets (Item) SELECT Item FROM dbo.Src;`, {
      tables: `${TABLES}CREATE TABLE dbo.Tickets (No int NOT NULL DEFAULT (NEXT VALUE FOR dbo.OrderNo), Item varchar(10) NOT NULL)\nGO\nCREATE UNIQUE INDEX UX_Tickets_No ON dbo.Tickets (No)\nGO\n`,
      csv: DATA,
    });
    expect(r.nonReproducible).toEqual(['dbo.Tickets.Item', 'dbo.Tickets.No']);
  });

  it.each([
    ['a #temp table', 'CREATE TABLE #o (No int DEFAULT (NEXT VALUE FOR dbo.OrderNo), Item varchar(10));', '#o'],
    ['a table variable', 'DECLARE @o TABLE (No int DEFAULT NEXT VALUE FOR dbo.OrderNo, Item varchar(10));', '@o'],
  ])('lists the values a DEFAULT of %s draws for several rows of one INSERT', async (_name, create, table) => {
    const r = await runBody(`
      ${create}
      INSERT INTO ${table} (Item) SELECT Item FROM dbo.Src;
      INSERT INTO ${table} (Item) VALUES ('d');
      SELECT No, Item FROM ${table} WHERE Item = 'd';`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ No: 1030, Item: 'd' }]);
    expect(r.nonReproducibleCauses).toEqual([expect.stringMatching(/^sequence values drawn for 3 rows by the statement at usp_test\.sql:6:7 /)]);
    const one = await runBody(`
      ${create}
      INSERT INTO ${table} (Item) VALUES ('d');
      INSERT INTO ${table} (Item) SELECT MAX(Item) FROM dbo.Src;
      SELECT No, Item FROM ${table} ORDER BY No;`, { tables: TABLES, csv: DATA });
    expect(resultRows(one)).toEqual([{ No: 1000, Item: 'd' }, { No: 1010, Item: 'c' }]);
    expect(one.nonReproducible).toEqual([]);
  });

  it.each([
    ['cycles back to the minimum', 'DECLARE @s varchar(50) = \'\', @i int = 0; WHILE @i < 5 BEGIN SET @s += CAST(NEXT VALUE FOR dbo.[Small Cycle] AS varchar(3)); SET @i += 1; END SELECT @s AS v', '12312'],
    ['counts down', 'SELECT NEXT VALUE FOR dbo.Down AS v', 5],
    ['starts a default bigint sequence at its minimum', 'SELECT CAST(NEXT VALUE FOR dbo.Big AS varchar(30)) AS v', '-9223372036854775808'],
  ])('%s', async (_name, body, expected) => {
    const r = await runBody(body, { tables: TABLES });
    expect(resultRows(r)[0]?.v).toEqual(expected);
  });

  // One sequence drawn twice in a row gives one value in SQL Server (next-value-for-transact-sql);
  // the refusal names the column and the sequence as the scripts write them.
  it('refuses a DEFAULT and the statement drawing one sequence, naming both as written', async () => {
    const tables = `${TABLES}CREATE TABLE dbo.Pairs ([Pair No] int NOT NULL DEFAULT (NEXT VALUE FOR dbo.OrderNo), Other int NOT NULL)
GO
`;
    await expect(runBody('INSERT INTO dbo.Pairs (Other) VALUES (NEXT VALUE FOR dbo.OrderNo);', { tables })).rejects.toThrow(/the DEFAULT of Pair No draws the sequence dbo\.OrderNo that another DEFAULT or the statement draws too/);
  });

  it('raises error 11728 when a NO CYCLE sequence is used up, which CATCH sees', async () => {
    const r = await runBody(`
      DECLARE @last int;
      BEGIN TRY
        WHILE 1 = 1 SET @last = NEXT VALUE FOR dbo.Down;
      END TRY
      BEGIN CATCH
        SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m, @last AS last;
      END CATCH`, { tables: TABLES });
    expect(resultRows(r)).toEqual([{ n: 11728, m: "The sequence object 'Down' has reached its minimum or maximum value. Restart the sequence object to allow new values to be generated.", last: 1 }]);
  });

  it('refuses a sequence it cannot hold where NEXT VALUE FOR uses it, not before', async () => {
    const ok = await runBody('SELECT 1 AS v', { tables: TABLES });
    expect(resultRows(ok)).toEqual([{ v: 1 }]);
    const err = await runBody('SELECT NEXT VALUE FOR dbo.Wide AS v', { tables: TABLES }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).format()).toMatch(/^usp_test\.sql:4:\d+: the emulator does not support NEXT VALUE FOR dbo\.Wide: a sequence AS decimal\(28, 0\)/);
  });
});
