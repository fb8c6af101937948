import { LegacyError } from '../../../../src/core';
import { sectionInputTables } from '../../../../src/legacy';
import { parseScript } from '../../../../src/tsql';
import { runSection } from './emulator-helpers';

// Posting an order line reserves stock through trg_OrderLine_Reserve, which only reserves at
// warehouses that are open; the stock update fires trg_StockLevel_Reorder in turn, which queues a
// reorder when the free stock falls under the item's reorder point. Neither table is named by the
// procedure: a scenario that leaves one out must be refused, not run with an empty stand-in (no
// open warehouse: nothing reserved; no reorder point: nothing queued), which SQL Server would not do.
const TABLES = `CREATE TABLE dbo.OrderLine (OrderNo int NOT NULL, ItemNo int NOT NULL, WarehouseNo int NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.Warehouse (WarehouseNo int NOT NULL PRIMARY KEY, IsOpen bit NOT NULL)
GO
CREATE TABLE dbo.StockLevel (ItemNo int NOT NULL, WarehouseNo int NOT NULL, Free int NOT NULL, PRIMARY KEY (ItemNo, WarehouseNo))
GO
CREATE TABLE dbo.ReorderPoint (ItemNo int NOT NULL PRIMARY KEY, MinFree int NOT NULL)
GO
CREATE TABLE dbo.ReorderQueue (ItemNo int NOT NULL, WarehouseNo int NOT NULL, Free int NOT NULL)
GO
CREATE TRIGGER dbo.trg_OrderLine_Reserve ON dbo.OrderLine AFTER INSERT
AS
BEGIN
    SET NOCOUNT ON
    UPDATE s SET Free = s.Free - i.Qty
    FROM dbo.StockLevel s
    JOIN inserted i ON i.ItemNo = s.ItemNo AND i.WarehouseNo = s.WarehouseNo
    JOIN dbo.Warehouse w ON w.WarehouseNo = i.WarehouseNo AND w.IsOpen = 1
END
GO
CREATE TRIGGER dbo.trg_StockLevel_Reorder ON dbo.StockLevel AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.ReorderQueue (ItemNo, WarehouseNo, Free)
    SELECT i.ItemNo, i.WarehouseNo, i.Free FROM inserted i JOIN dbo.ReorderPoint rp ON rp.ItemNo = i.ItemNo WHERE i.Free < rp.MinFree
END
GO
`;
const PROCEDURE = `CREATE PROCEDURE dbo.usp_PostLine @OrderNo int, @ItemNo int, @Qty int
AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.OrderLine (OrderNo, ItemNo, WarehouseNo, Qty) VALUES (@OrderNo, @ItemNo, 1, @Qty)
    DELETE FROM dbo.OrderLine WHERE Qty = 0
END
GO
`;
const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROCEDURE, { file: 'usp_PostLine.sql' })];
const int = (name: string): { name: string; type: string } => ({ name, type: 'int' });
const orderLine = { name: 'dbo.OrderLine', columns: ['OrderNo', 'ItemNo', 'WarehouseNo', 'Qty'].map(int), rows: [] };
const warehouse = { name: 'dbo.Warehouse', columns: [int('WarehouseNo'), { name: 'IsOpen', type: 'bit' }], rows: [['1', '1']] };
const stock = { name: 'dbo.StockLevel', columns: ['ItemNo', 'WarehouseNo', 'Free'].map(int), rows: [['7', '1', '10']] };
const reorderPoint = { name: 'dbo.ReorderPoint', columns: ['ItemNo', 'MinFree'].map(int), rows: [['7', '5']] };
const queue = { name: 'dbo.ReorderQueue', columns: ['ItemNo', 'WarehouseNo', 'Free'].map(int), rows: [] };
const base = { scripts, procedure: 'dbo.usp_PostLine', lines: [{ start: 5, end: 5 }], params: { '@OrderNo': '100', '@ItemNo': '7', '@Qty': '6' }, outputs: ['dbo.StockLevel', 'dbo.ReorderQueue'], clock: '2026-12-03T00:00:00' };

describe('a section whose statement fires triggers that read other tables', () => {
  it('runs the triggers, nested ones included, over the tables the scenario gives', async () => {
    const r = await runSection({ ...base, tables: [orderLine, warehouse, stock, reorderPoint, queue] });
    expect(r.outputs.get('dbo.StockLevel')?.rows).toEqual([['7', '1', '4']]);
    expect(r.outputs.get('dbo.ReorderQueue')?.rows).toEqual([['7', '1', '4']]);
  });

  it.each([
    ['the table the fired trigger reads', [orderLine, stock, reorderPoint, queue], /reads dbo\.Warehouse through the trigger dbo\.trg_OrderLine_Reserve its statement fires \(read at tables\.sql:\d+:\d+\), but the scenario gives no rows for it/],
    ['the table the trigger its write fires in turn reads', [orderLine, warehouse, stock, queue], /reads dbo\.ReorderPoint through the trigger dbo\.trg_StockLevel_Reorder its statement fires \(read at tables\.sql:\d+:\d+\), but the scenario gives no rows for it/],
    ['the table the trigger changes and reads', [orderLine, warehouse, reorderPoint, queue], /reads dbo\.StockLevel through the trigger dbo\.trg_OrderLine_Reserve/],
  ])('refuses, at the firing statement, a scenario without %s (it would read an empty one)', async (_what, tables, message) => {
    const err = await runSection({ ...base, tables }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(message);
    expect((err as LegacyError).location?.span?.start.line).toBe(5);
  });

  it('asks nothing of a statement whose event fires no trigger (a DELETE of a table with an INSERT trigger)', async () => {
    const r = await runSection({ ...base, lines: [{ start: 6, end: 6 }], outputs: ['dbo.OrderLine'], tables: [{ ...orderLine, rows: [['1', '7', '1', '0']] }] });
    expect(r.outputs.get('dbo.OrderLine')?.rows).toEqual([]);
  });

  it('names the tables the fired triggers read among the section\'s inputs, at the trigger\'s read (record --from-data gives them)', () => {
    const inputs = sectionInputTables(scripts, 'dbo.usp_PostLine', [{ start: 5, end: 5 }], { changed: true });
    const byKey = new Map(inputs.map((i) => [i.written, i]));
    expect([...byKey.keys()].sort()).toEqual(['dbo.ReorderPoint', 'dbo.StockLevel', 'dbo.Warehouse']);
    expect(byKey.get('dbo.ReorderPoint')?.through?.name).toBe('the trigger dbo.trg_StockLevel_Reorder');
    expect(byKey.get('dbo.ReorderPoint')?.at?.file).toBe('tables.sql');
    expect(byKey.get('dbo.Warehouse')?.through?.at?.span?.start.line).toBe(5);
    expect(sectionInputTables(scripts, 'dbo.usp_PostLine', [{ start: 6, end: 6 }]).map((i) => i.written)).toEqual([]);
  });
});
