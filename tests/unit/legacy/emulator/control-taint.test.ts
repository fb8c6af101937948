import { runBody } from './emulator-helpers';

// A stock count numbers its adjustments from a sequence in an INSERT … SELECT: SQL Server draws
// the numbers in its plan's order, so which count row gets which AdjNo is not reproducible. A
// condition reading one (directly, through a variable, a cursor, @@ROWCOUNT) may go the other
// way in SQL Server: everything the branches, the loop or what follows an early exit could write
// or set is listed, whatever the emulator ran.
const TABLES = `
CREATE SEQUENCE dbo.seq_Adj AS int START WITH 500
GO
CREATE TABLE dbo.Counted ([Sku Code] varchar(10) NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.Adjustment (AdjNo int NOT NULL PRIMARY KEY, [Sku Code] varchar(10) NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.Stock ([Sku Code] varchar(10) NOT NULL PRIMARY KEY, OnHand int NOT NULL)
GO
CREATE TABLE dbo.[Run Log] ([Log Id] int IDENTITY(1,1) NOT NULL, [Rows Hit] int NULL, Note varchar(20) NULL)
GO
CREATE TABLE dbo.[Stock Alert] ([Sku Code] varchar(10) NOT NULL, Reason varchar(20) NOT NULL)
GO
`;
const DATA = { 'dbo.Counted': 'Sku Code,Qty\nA-1,5\nB-2,7\nC-3,2\n', 'dbo.Stock': 'Sku Code,OnHand\nA-1,3\nB-2,3\n' };

const NUMBER = `
      INSERT INTO dbo.Adjustment (AdjNo, [Sku Code], Qty)
      SELECT NEXT VALUE FOR dbo.seq_Adj, c.[Sku Code], c.Qty FROM dbo.Counted c;`;

const STOCK = ['dbo.Stock.OnHand', 'dbo.Stock.Sku Code'];
const ALERT = ['dbo.Stock Alert.Reason', 'dbo.Stock Alert.Sku Code'];

// A procedure the IF may call: its writes are the branch's.
const ALERT_PROC = `CREATE PROCEDURE dbo.[usp Alert] @sku varchar(10) AS
BEGIN
    INSERT dbo.[Stock Alert] ([Sku Code], Reason) VALUES (@sku, 'called');
END
GO
`;

async function run(body: string): Promise<readonly string[]> {
  return (await runBody(`${NUMBER}\n${body}`, { tables: TABLES, csv: DATA, extraProcs: ALERT_PROC })).nonReproducible;
}

describe('a condition reading a value SQL Server may give otherwise', () => {
  it('taints every table either branch of an IF could write, also the branch not run', async () => {
    expect(await run(`
      IF (SELECT AdjNo FROM dbo.Adjustment WHERE [Sku Code] = 'A-1') = 500 UPDATE dbo.Stock SET OnHand = 1;`)).toEqual(['dbo.Adjustment.AdjNo', ...STOCK]);
    // 499 never matches here; SQL Server's numbering could not make it match either, but the
    // emulator does not tell values apart: the branch it did not run is listed too.
    expect(await run(`
      DECLARE @adj int;
      SELECT @adj = AdjNo FROM dbo.Adjustment WHERE [Sku Code] = 'B-2';
      IF @adj = 499
          INSERT dbo.[Stock Alert] ([Sku Code], Reason) VALUES ('B-2', 'first');
      ELSE
          UPDATE dbo.Stock SET OnHand = OnHand + 1 WHERE [Sku Code] = 'B-2';`)).toEqual(['dbo.Adjustment.AdjNo', ...ALERT, ...STOCK]);
  });

  it('taints the variables a decided branch or loop sets, and what they feed', async () => {
    expect(await run(`
      DECLARE @first int = (SELECT MIN(AdjNo) FROM dbo.Adjustment);
      DECLARE @passes int = 0;
      WHILE @first < 502
      BEGIN
          SET @first = @first + 1;
          SET @passes = @passes + 1;
      END;
      INSERT dbo.[Run Log] ([Rows Hit], Note) VALUES (@passes, 'passes');`)).toEqual(['dbo.Adjustment.AdjNo', 'dbo.Run Log.Rows Hit']);
    // a CASE in a SET carries the value into the flag the IF tests; one in an UPDATE's SET into the column
    expect(await run(`
      DECLARE @adj int = (SELECT AdjNo FROM dbo.Adjustment WHERE [Sku Code] = 'A-1');
      DECLARE @late bit;
      SET @late = CASE WHEN @adj > 500 THEN 1 ELSE 0 END;
      UPDATE dbo.Stock SET OnHand = CASE WHEN @adj > 500 THEN 0 ELSE OnHand END;
      IF @late = 1 INSERT dbo.[Stock Alert] ([Sku Code], Reason) VALUES ('A-1', 'late');`)).toEqual(['dbo.Adjustment.AdjNo', ...ALERT, 'dbo.Stock.OnHand']);
  });

  it('follows a cursor fetching such values into the IF that tests them', async () => {
    expect(await run(`
      DECLARE @sku varchar(10), @no int;
      DECLARE adj CURSOR LOCAL FAST_FORWARD FOR SELECT [Sku Code], AdjNo FROM dbo.Adjustment ORDER BY [Sku Code];
      OPEN adj;
      FETCH NEXT FROM adj INTO @sku, @no;
      WHILE @@FETCH_STATUS = 0
      BEGIN
          IF @no % 2 = 0 INSERT dbo.[Stock Alert] ([Sku Code], Reason) VALUES ('A-1', 'even number');
          FETCH NEXT FROM adj INTO @sku, @no;
      END;
      CLOSE adj; DEALLOCATE adj;`)).toEqual(expect.arrayContaining(ALERT));
  });

  it('taints what follows a RETURN or BREAK the condition decides', async () => {
    expect(await run(`
      DECLARE @adj int = (SELECT AdjNo FROM dbo.Adjustment WHERE [Sku Code] = 'C-3');
      IF @adj <> 502 RETURN;
      UPDATE dbo.Stock SET OnHand = 0 WHERE [Sku Code] = 'A-1';`)).toEqual(['dbo.Adjustment.AdjNo', ...STOCK]);
    expect(await run(`
      DECLARE @adj int = (SELECT AdjNo FROM dbo.Adjustment WHERE [Sku Code] = 'C-3'), @i int = 0;
      WHILE @i < 3
      BEGIN
          IF @adj > 501 BREAK;
          SET @i = @i + 1;
      END;
      INSERT dbo.[Run Log] ([Rows Hit], Note) VALUES (@i, 'loop');`)).toEqual(['dbo.Adjustment.AdjNo', 'dbo.Run Log.Rows Hit']);
  });

  it('taints what a GOTO past the condition skips, and what a procedure the branch calls writes', async () => {
    expect(await run(`
      IF (SELECT AdjNo FROM dbo.Adjustment WHERE [Sku Code] = 'A-1') = 500 GOTO done;
      EXEC dbo.[usp Alert] @sku = 'B-2';
      UPDATE dbo.Stock SET OnHand = 0;
      done:
      PRINT 'counted';`)).toEqual(expect.arrayContaining([...ALERT, ...STOCK]));
  });

  it('taints an IF on RAND() whose branch did not run', async () => {
    expect(await run(`
      IF RAND() > 2 INSERT dbo.[Stock Alert] ([Sku Code], Reason) VALUES ('A-1', 'lucky');`)).toEqual(['dbo.Adjustment.AdjNo', ...ALERT]);
  });

  it('refuses, located, a result set or an error the condition decides', async () => {
    await expect(run(`
      IF (SELECT AdjNo FROM dbo.Adjustment WHERE [Sku Code] = 'A-1') = 500 SELECT 'first' AS Which;`)).rejects.toThrow(/a result set under a condition at usp_test\.sql:\d+:\d+/);
    await expect(run(`
      IF (SELECT AdjNo FROM dbo.Adjustment WHERE [Sku Code] = 'A-1') > 500 RAISERROR('late number', 16, 1);`)).rejects.toThrow(/RAISERROR under a condition/);
  });

  it('names in the refusal the value met before it (a TOP over tied rows), not only the kinds there are', async () => {
    await expect(run(`
      DECLARE @sku varchar(10);
      SELECT TOP 1 @sku = [Sku Code] FROM dbo.Stock ORDER BY OnHand;
      IF @sku = 'A-1' RAISERROR('A-1 first', 16, 1);`)).rejects.toThrow(/RAISERROR under a condition at usp_test\.sql:\d+:\d+ .*met before it: .*@sku assigned from 1 of 2 rows by TOP in a SELECT whose ORDER BY ties at usp_test\.sql:\d+:\d+/);
  });
});

describe('@@ROWCOUNT after rows a not-reproducible value decides', () => {
  it('is tainted, and so is what it flows into', async () => {
    expect(await run(`
      UPDATE dbo.Adjustment SET Qty = 0 WHERE AdjNo = 500 AND Qty > 4;
      INSERT dbo.[Run Log] ([Rows Hit], Note) VALUES (@@ROWCOUNT, 'zeroed');`)).toEqual(expect.arrayContaining(['dbo.Run Log.Rows Hit']));
    expect(await run(`
      DELETE dbo.Adjustment WHERE AdjNo > 501;
      IF @@ROWCOUNT = 0 INSERT dbo.[Stock Alert] ([Sku Code], Reason) VALUES ('C-3', 'none removed');`)).toEqual(expect.arrayContaining(ALERT));
    // after a statement whose rows no such value decides, the count is SQL Server's
    expect(await run(`
      UPDATE dbo.Stock SET OnHand = 2 WHERE [Sku Code] = 'B-2';
      INSERT dbo.[Run Log] ([Rows Hit], Note) VALUES (@@ROWCOUNT, 'restocked');`)).toEqual(['dbo.Adjustment.AdjNo']);
  });

  it('is tainted after an IF the value decides, whichever branch ran', async () => {
    expect(await run(`
      IF (SELECT AdjNo FROM dbo.Adjustment WHERE [Sku Code] = 'A-1') = 9999 UPDATE dbo.Stock SET OnHand = 1;
      INSERT dbo.[Run Log] ([Rows Hit], Note) VALUES (@@ROWCOUNT, 'after');`)).toEqual(expect.arrayContaining(['dbo.Run Log.Rows Hit', ...STOCK]));
  });

  it('taints SCOPE_IDENTITY() after an INSERT whose rows such a value picks', async () => {
    expect(await run(`
      INSERT dbo.[Run Log] ([Rows Hit], Note) SELECT Qty, 'big' FROM dbo.Adjustment WHERE AdjNo >= 501;
      INSERT dbo.[Stock Alert] ([Sku Code], Reason) VALUES ('A-1', CAST(SCOPE_IDENTITY() AS varchar(20)));`)).toEqual(expect.arrayContaining(['dbo.Stock Alert.Reason']));
  });
});
