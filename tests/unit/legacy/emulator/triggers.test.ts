import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// DML triggers: learn.microsoft.com/sql/t-sql/statements/create-trigger-transact-sql. SQL Server
// runs an AFTER trigger with every INSERT/UPDATE/DELETE of its table (once per statement); the
// emulator runs it on every path that writes, and refuses the forms it does not reproduce.
const TABLES = `
CREATE TABLE dbo.Orders (OrderId int IDENTITY(1,1) PRIMARY KEY, Amount int NOT NULL)
GO
CREATE TABLE dbo.OrderAudit (AuditId int IDENTITY(100,1) PRIMARY KEY, OrderId int, Amount int)
GO
CREATE TRIGGER [dbo].[trg Orders Audit] ON dbo.Orders AFTER INSERT, DELETE AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO dbo.OrderAudit (OrderId, Amount) SELECT OrderId, Amount FROM inserted;
END
GO
`;
const DATA = { 'dbo.Orders': 'OrderId,Amount\n1,10\n2,20\n', 'dbo.OrderAudit': 'AuditId,OrderId,Amount\n' };

describe('writes that fire a trigger', () => {
  it('runs the trigger of an INSERT: its audit row is written and @@IDENTITY names it, SCOPE_IDENTITY() the INSERT\'s row', async () => {
    const r = await runBody(`INSERT INTO dbo.Orders (Amount) VALUES (5);
      SELECT @@IDENTITY AS session, SCOPE_IDENTITY() AS scope, (SELECT COUNT(*) FROM dbo.OrderAudit WHERE OrderId = 3 AND Amount = 5) AS audited;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ session: 100, scope: 3, audited: 1 }]);
  });

  it('runs it on every path that writes: a loop\'s INSERTs (once each), a keyed and a plain DELETE, a MERGE that inserts', async () => {
    const r = await runBody(`DECLARE @i int = 0;
      WHILE @i < 3 BEGIN INSERT INTO dbo.Orders (Amount) VALUES (@i); SET @i += 1; END
      DELETE FROM dbo.Orders WHERE OrderId = 1;
      DELETE FROM dbo.Orders WHERE Amount > 15;
      MERGE dbo.Orders AS o USING (SELECT 7 AS Amount) AS s ON o.Amount = s.Amount
      WHEN MATCHED THEN UPDATE SET Amount = s.Amount WHEN NOT MATCHED THEN INSERT (Amount) VALUES (s.Amount);
      SELECT AuditId, OrderId, Amount FROM dbo.OrderAudit ORDER BY AuditId;`, { tables: TABLES, csv: DATA });
    // The DELETEs fire the trigger too, whose inserted table is empty then.
    expect(resultRows(r)).toEqual([
      { AuditId: 100, OrderId: 3, Amount: 0 }, { AuditId: 101, OrderId: 4, Amount: 1 }, { AuditId: 102, OrderId: 5, Amount: 2 }, { AuditId: 103, OrderId: 6, Amount: 7 },
    ]);
  });

  it('runs writes of events the trigger is not defined for, and writes to other tables', async () => {
    const r = await runBody(`UPDATE dbo.Orders SET Amount = Amount + 1 WHERE OrderId = 2;
      WITH o AS (SELECT * FROM dbo.Orders WHERE OrderId = 1) UPDATE o SET Amount = 0;
      INSERT INTO dbo.OrderAudit (OrderId, Amount) VALUES (9, 9);
      SELECT OrderId, Amount FROM dbo.Orders ORDER BY OrderId;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ OrderId: 1, Amount: 0 }, { OrderId: 2, Amount: 21 }]);
  });

  it('refuses an UPDATE through a CTE of a table with an UPDATE trigger', async () => {
    const tables = `${TABLES}
CREATE TRIGGER dbo.trg_Orders_Upd ON dbo.Orders FOR UPDATE AS SET NOCOUNT ON;
GO
`;
    const err = await runBody('WITH o AS (SELECT * FROM dbo.Orders WHERE OrderId = 1) UPDATE o SET Amount = 0;', { tables, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/UPDATE of dbo\.Orders in this form, which fires its trigger dbo\.trg_Orders_Upd \(FOR UPDATE/);
  });

  it('keeps the firing INSERT\'s sequence DEFAULT draws judged as its own, past the statements of its trigger', async () => {
    // SQL Server draws a DEFAULT's sequence values for several rows in its plan's order: the outputs they feed are not
    // reproducible. The trigger's own INSERT runs inside the firing statement and must not take that note from it.
    const tables = `CREATE SEQUENCE dbo.OrderNo AS int START WITH 1000
GO
CREATE TABLE dbo.Numbered (OrderNo int NOT NULL DEFAULT (NEXT VALUE FOR dbo.OrderNo), Item varchar(10) NOT NULL)
GO
CREATE TABLE dbo.NumberedLog (Items int)
GO
CREATE TRIGGER dbo.trg_Numbered ON dbo.Numbered AFTER INSERT AS INSERT INTO dbo.NumberedLog (Items) SELECT COUNT(*) FROM inserted;
GO
`;
    const r = await runBody(`INSERT INTO dbo.Numbered (Item) VALUES ('a'), ('b'), ('c');
      SELECT Items FROM dbo.NumberedLog;`, { tables });
    expect(resultRows(r)).toEqual([{ Items: 3 }]);
    expect(r.nonReproducible).toContain('dbo.Numbered.OrderNo');
  });
});
