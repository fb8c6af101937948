import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// Several AFTER triggers of one table for one event run in an order SQL Server does not define
// (sp_settriggerorder aside): the emulator runs them when no order could change what they leave,
// and refuses otherwise. TRIGGER_NESTLEVEL() counts the triggers on the call stack, itself included.
const TABLES = `
CREATE TABLE dbo.Bin (BinNo int NOT NULL PRIMARY KEY, Qty int NOT NULL)
GO
CREATE TABLE dbo.Pick (PickNo int IDENTITY(1,1) PRIMARY KEY, BinNo int NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.PickLog (LogNo int IDENTITY(200,1) PRIMARY KEY, PickNo int, Qty int, Depth int)
GO
CREATE TABLE dbo.BinLog (LogNo int IDENTITY(900,1) PRIMARY KEY, BinNo int, Depth int)
GO
CREATE TRIGGER dbo.trPick_Bin ON dbo.Pick AFTER INSERT AS
BEGIN
  SET NOCOUNT ON
  UPDATE b SET b.Qty = b.Qty - i.Qty FROM dbo.Bin b JOIN inserted i ON i.BinNo = b.BinNo
END
GO
CREATE TRIGGER dbo.trPick_Log ON dbo.Pick AFTER INSERT AS
  INSERT INTO dbo.PickLog (PickNo, Qty, Depth) SELECT PickNo, Qty, TRIGGER_NESTLEVEL() FROM inserted
GO
CREATE TRIGGER dbo.trBin_Log ON dbo.Bin FOR UPDATE AS
  INSERT INTO dbo.BinLog (BinNo, Depth) SELECT BinNo, TRIGGER_NESTLEVEL() FROM inserted
GO
`;
const DATA = { 'dbo.Bin': 'BinNo,Qty\n1,50\n2,8\n', 'dbo.Pick': 'PickNo,BinNo,Qty\n', 'dbo.PickLog': 'LogNo,PickNo,Qty,Depth\n', 'dbo.BinLog': 'LogNo,BinNo,Depth\n' };

describe('several AFTER triggers for one event', () => {
  it('runs both when neither writes what the other reads or writes, with TRIGGER_NESTLEVEL() as the stack holds them', async () => {
    const r = await runBody(`INSERT INTO dbo.Pick (BinNo, Qty) VALUES (2, 3);
      SELECT SCOPE_IDENTITY() AS scope, TRIGGER_NESTLEVEL() AS outside,
        (SELECT Qty FROM dbo.Bin WHERE BinNo = 2) AS bin2,
        (SELECT Depth FROM dbo.PickLog WHERE PickNo = 1) AS pickDepth,
        (SELECT Depth FROM dbo.BinLog WHERE BinNo = 2) AS binDepth;`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ scope: 1, outside: 0, bin2: 5, pickDepth: 1, binDepth: 2 }]);
  });

  it('refuses @@IDENTITY after them when each drew an identity value (the last one\'s, in an undefined order)', async () => {
    const err = await runBody(`INSERT INTO dbo.Pick (BinNo, Qty) VALUES (1, 4);
      SELECT @@IDENTITY AS session;`, { tables: TABLES, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/@@IDENTITY after the statement at .*dbo\.trPick_Bin .* and dbo\.trPick_Log .*each drew an identity value/);
  });

  it('refuses the write when one trigger writes a table the other reads', async () => {
    const tables = `${TABLES}
CREATE TRIGGER dbo.trPick_Short ON dbo.Pick AFTER INSERT AS
  INSERT INTO dbo.PickLog (PickNo, Qty, Depth) SELECT i.PickNo, b.Qty, 0 FROM inserted i JOIN dbo.Bin b ON b.BinNo = i.BinNo WHERE b.Qty < 0
GO
`;
    const err = await runBody('INSERT INTO dbo.Pick (BinNo, Qty) VALUES (2, 9);', { tables, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/fires several AFTER triggers for INSERT: .*dbo\.trPick_Bin .* writes dbo\.Bin, which dbo\.trPick_Short .* also reads/);
  });
});

describe('an audit trigger guarded by IF EXISTS (SELECT * FROM inserted)', () => {
  // Its INSERT … SELECT numbers the audit rows in the plan's order: the audit ids alone are not
  // reproducible. The guard's `*` reads no value, so the firing UPDATE's rows and the audit's
  // other columns stay reproducible.
  const tables = `CREATE TABLE dbo.Tariff (TariffNo int PRIMARY KEY, Rate money NOT NULL)
GO
CREATE TABLE dbo.TariffAudit (AuditNo int IDENTITY(1,1) PRIMARY KEY, TariffNo int, OldRate varchar(20))
GO
CREATE TRIGGER dbo.trTariff_Audit ON dbo.Tariff AFTER UPDATE AS
  IF EXISTS (SELECT * FROM inserted)
    INSERT INTO dbo.TariffAudit (TariffNo, OldRate) SELECT d.TariffNo, CONVERT(varchar(20), d.Rate) FROM deleted d
GO
`;
  it('marks only the audit ids as not reproducible', async () => {
    const r = await runBody('UPDATE dbo.Tariff SET Rate = Rate * 2;', { tables, csv: { 'dbo.Tariff': 'TariffNo,Rate\n1,2.5\n2,3\n', 'dbo.TariffAudit': 'AuditNo,TariffNo,OldRate\n' } });
    expect(r.nonReproducible).toEqual(['dbo.TariffAudit.AuditNo']);
  });
});
