import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// DML triggers: learn.microsoft.com/sql/t-sql/statements/create-trigger-transact-sql. SQL Server
// runs them with every INSERT/UPDATE/DELETE of their table (once per statement); the emulator
// does not, so such a write is refused rather than captured without what the trigger writes.
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

async function refusal(body: string): Promise<LegacyError> {
  const err = await runBody(body, { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LegacyError);
  return err as LegacyError;
}

describe('writes that fire a trigger', () => {
  it('refuses an INSERT into a table with an INSERT trigger, at the INSERT, naming the trigger and where it is defined', async () => {
    // SQL Server would also write dbo.OrderAudit, and @@IDENTITY would be 100 (the audit row).
    const err = await refusal(`INSERT INTO dbo.Orders (Amount) VALUES (5);
      SELECT @@IDENTITY AS id;`);
    expect(err.message).toMatch(/INSERT of dbo\.Orders, which fires its trigger \[dbo\]\.\[trg Orders Audit\] \(AFTER INSERT, DELETE, tables\.sql:6:1\); the emulator does not run triggers/);
    expect(err.location).toMatchObject({ file: 'usp_test.sql', span: { start: { line: 4 } } });
  });

  it('refuses every path that writes: a buffered loop insert, a buffered and a plain DELETE, a MERGE that inserts', async () => {
    const loop = await refusal(`DECLARE @i int = 0;
      WHILE @i < 3 BEGIN INSERT INTO dbo.Orders (Amount) VALUES (@i); SET @i += 1; END`);
    expect(loop.message).toMatch(/INSERT of dbo\.Orders.*trg Orders Audit/);
    expect((await refusal('DELETE FROM dbo.Orders WHERE OrderId = 1;')).message).toMatch(/DELETE of dbo\.Orders/);
    expect((await refusal('DELETE FROM dbo.Orders WHERE Amount > 15;')).message).toMatch(/DELETE of dbo\.Orders/);
    const merge = await refusal(`MERGE dbo.Orders AS o USING (SELECT 3 AS Amount) AS s ON o.Amount = s.Amount
      WHEN MATCHED THEN UPDATE SET Amount = s.Amount WHEN NOT MATCHED THEN INSERT (Amount) VALUES (s.Amount);`);
    expect(merge.message).toMatch(/UPDATE\/INSERT of dbo\.Orders/);
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
    expect((err as LegacyError).message).toMatch(/UPDATE of dbo\.Orders, which fires its trigger dbo\.trg_Orders_Upd \(FOR UPDATE/);
  });
});
