import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// An SSDT project writes another database's table through a synonym (`INSERT INTO
// dbo.ArchivedOrders …` where `CREATE SYNONYM dbo.ArchivedOrders FOR [$(ArchiveDb)].dbo.…`):
// SQL Server writes the target itself, with its defaults, computed columns and constraints.
const TABLES = `
CREATE TABLE dbo.Line (Id int NOT NULL PRIMARY KEY, Qty int NOT NULL, Price decimal(10,2) NOT NULL,
  Total AS (CONVERT(decimal(12,2), Qty * Price * 0.995)) PERSISTED, Shipped bit NOT NULL DEFAULT 0)
GO
CREATE TABLE [$(ArchiveDb)].dbo.LineArchive (Id int NOT NULL PRIMARY KEY, Total decimal(12,2) NULL,
  Env varchar(10) NOT NULL DEFAULT ('n/a'), CHECK (Total >= 0))
GO
CREATE SYNONYM dbo.Archive FOR [$(ArchiveDb)].dbo.LineArchive
GO
CREATE SYNONYM dbo.L FOR dbo.Line
GO
CREATE VIEW dbo.ShippedLines WITH SCHEMABINDING AS SELECT Id, Qty, Shipped FROM dbo.Line WHERE Shipped = 1 WITH CHECK OPTION
GO
`;
const DATA = { 'dbo.Line': 'Id,Qty,Price,Shipped\n1,1,5.01,1\n2,3,2.00,0\n3,2,1.10,1\n' };

describe('writes through a synonym go to its target', () => {
  it('INSERT into a synonym of another database\'s table fills the target, its default included', async () => {
    const r = await runBody(`
      INSERT INTO dbo.Archive (Id, Total) SELECT Id, Total FROM dbo.Line WHERE Shipped = 1;
      SELECT a.Id, a.Total, a.Env FROM [$(ArchiveDb)].dbo.LineArchive a ORDER BY a.Id`, { tables: TABLES, csv: DATA });
    // 5.01 * 0.995 = 4.98495 -> 4.98; 2 * 1.10 * 0.995 = 2.189 -> 2.19
    expect(resultRows(r)).toEqual([{ Id: 1, Total: 4.98, Env: 'n/a' }, { Id: 3, Total: 2.19, Env: 'n/a' }]);
  });

  it('UPDATE and DELETE of a synonym change the target table', async () => {
    const r = await runBody(`
      UPDATE dbo.L SET Qty = Qty + 1 WHERE Id = 2;
      DELETE s FROM dbo.L s WHERE s.Shipped = 1;
      SELECT Id, Qty, Total FROM dbo.Line`, { tables: TABLES, csv: DATA });
    // the computed column follows the new Qty: 4 * 2.00 * 0.995 = 7.96
    expect(resultRows(r)).toEqual([{ Id: 2, Qty: 4, Total: 7.96 }]);
  });

  it('a CHECK constraint of the target fails a write through the synonym (547)', async () => {
    const r = await runBody(`
      BEGIN TRY INSERT INTO dbo.Archive (Id, Total) VALUES (9, -1) END TRY
      BEGIN CATCH SELECT ERROR_NUMBER() AS n END CATCH`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ n: 547 }]);
  });

  it('refuses a write through a view, naming it, instead of calling it an unknown table', async () => {
    const err = await runBody('UPDATE dbo.ShippedLines SET Shipped = 0 WHERE Id = 1', { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/dbo\.ShippedLines is a view: the emulator reads views but does not write through them/);
    expect((err as LegacyError).location).toMatchObject({ file: 'usp_test.sql', span: { start: { line: 4, column: 1 } } });
  });
});
