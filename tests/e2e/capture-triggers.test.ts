import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// An AFTER UPDATE audit trigger (learn.microsoft.com/sql/t-sql/statements/create-trigger-transact-sql):
// SQL Server runs it once per UPDATE, after the update, with the old rows in `deleted` and the
// new ones in `inserted`, so the audit table the trigger writes is an output of the capture.
const TABLES = `CREATE TABLE dbo.Product (ProductID int NOT NULL PRIMARY KEY, [List Price] decimal(9,2) NOT NULL, Category varchar(10) NOT NULL);
GO
CREATE TABLE dbo.PriceAudit (AuditID int IDENTITY(1,1) PRIMARY KEY, ProductID int NOT NULL, OldPrice decimal(9,2), NewPrice decimal(9,2), ChangedAt datetime NOT NULL);
GO
`;

const TRIGGER = `CREATE TRIGGER dbo.trg_Product_PriceAudit ON dbo.Product
AFTER UPDATE
AS
BEGIN
  SET NOCOUNT ON;
  IF NOT UPDATE([List Price]) RETURN;
  INSERT INTO dbo.PriceAudit (ProductID, OldPrice, NewPrice, ChangedAt)
  SELECT i.ProductID, d.[List Price], i.[List Price], GETDATE()
  FROM inserted AS i JOIN deleted AS d ON d.ProductID = i.ProductID
  WHERE i.[List Price] <> d.[List Price]
  ORDER BY i.ProductID;
END
GO
`;

const PROCEDURE = `CREATE PROCEDURE dbo.usp_RaisePrices @Category varchar(10), @Percent int
AS
BEGIN
  SET NOCOUNT ON;
  UPDATE dbo.Product SET [List Price] = [List Price] * (100 + @Percent) / 100 WHERE Category = @Category;
  UPDATE dbo.Product SET Category = UPPER(Category) WHERE Category = @Category;
  SELECT @@ROWCOUNT AS Renamed, @@IDENTITY AS LastAudit, SCOPE_IDENTITY() AS OwnIdentity;
END
GO
`;

describe('migrate capture of a procedure updating a table with an audit trigger', () => {
  it('runs the trigger and lists the audit table it writes among the outputs, with its rows', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'capture-triggers-'));
    try {
      mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
      mkdirSync(join(ws, 'procedures/triggers'));
      mkdirSync(join(ws, 'data'));
      writeFileSync(join(ws, 'procedures/tables/tables.sql'), TABLES);
      writeFileSync(join(ws, 'procedures/triggers/trg_Product_PriceAudit.sql'), TRIGGER);
      writeFileSync(join(ws, 'procedures/usp_RaisePrices.sql'), PROCEDURE);
      writeFileSync(join(ws, 'data/dbo.Product.csv'), ['ProductID,List Price,Category', '1,10.00,tools', '2,20.00,tools', '3,5.00,toys', ''].join('\n'));
      const out = join(ws, 'out');
      const r = await runMigrate(['capture', 'dbo.usp_RaisePrices', '--param', 'Category=tools', '--param', 'Percent=10',
        '--clock', '2026-03-08T02:30:00', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--out', out, '--json']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const manifest = JSON.parse(r.out) as { tables: { name: string; rows: number; file: string }[]; resultSets: { file: string }[] };
      const audit = manifest.tables.find((t) => t.name === 'dbo.priceaudit');
      expect(audit?.rows).toBe(2);
      expect(readFileSync(join(out, audit?.file ?? ''), 'utf8').trim().split('\n')).toEqual([
        'AuditID,ProductID,OldPrice,NewPrice,ChangedAt',
        '1,1,10.00,11.00,2026-03-08 02:30:00',
        '2,2,20.00,22.00,2026-03-08 02:30:00',
      ]);
      // The second UPDATE sets no price: UPDATE([List Price]) is false and the trigger returns at once.
      // @@ROWCOUNT is the UPDATE's own count, @@IDENTITY the trigger's last audit row, SCOPE_IDENTITY() the procedure's (none).
      expect(readFileSync(join(out, manifest.resultSets[0]?.file ?? ''), 'utf8').trim().split('\n')).toEqual(['Renamed,LastAudit,OwnIdentity', '2,2,']);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
