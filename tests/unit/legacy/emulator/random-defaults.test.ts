import { resultRows, runBody } from './emulator-helpers';

// NEWID() and NEWSEQUENTIALID() as column DEFAULTs (learn.microsoft.com/sql/t-sql/functions/
// newsequentialid-transact-sql: only in a uniqueidentifier column's DEFAULT). The table is built
// once; each INSERT leaving the column out draws values SQL Server's run would not give.
const TABLES = `
CREATE TABLE dbo.Partner ([Partner Key] uniqueidentifier NOT NULL DEFAULT NEWID(), PartnerId int NOT NULL, [External Ref] varchar(20) NOT NULL)
GO
CREATE TABLE dbo.Account (AccountKey uniqueidentifier NOT NULL CONSTRAINT DF_Account_Key DEFAULT (NEWSEQUENTIALID()), AccountNo int NOT NULL)
GO
CREATE TABLE dbo.PartnerLog (KeyText varchar(36) NULL, PartnerId int NOT NULL)
GO
CREATE TABLE dbo.PartnerStage (PartnerId int NOT NULL, [External Ref] varchar(20) NOT NULL)
GO
`;
const DATA = {
  'dbo.Partner': 'Partner Key,PartnerId,External Ref\n6F9619FF-8B86-D011-B42D-00C04FC964FF,1,ERP-001\n',
  'dbo.Account': 'AccountKey,AccountNo\n1B4E28BA-2FA1-11D2-883F-0016D3CCA427,100\n',
  'dbo.PartnerStage': 'PartnerId,External Ref\n2,ERP-002\n3,ERP-003\n',
};

describe('a DEFAULT drawing NEWID() or NEWSEQUENTIALID()', () => {
  it('lists the column an INSERT leaving it out fills, and what reads it after, with the INSERT as cause', async () => {
    const r = await runBody(`
      INSERT INTO dbo.Partner (PartnerId, [External Ref]) VALUES (99, 'ERP-099');
      INSERT INTO dbo.PartnerLog (KeyText, PartnerId) SELECT CAST([Partner Key] AS varchar(36)), PartnerId FROM dbo.Partner WHERE [External Ref] = 'ERP-099';`, { tables: TABLES, csv: DATA });
    // the rows and their other columns are the INSERT's own: the drawn key and its text are not
    expect(r.nonReproducible).toEqual(['dbo.Partner.Partner Key', 'dbo.PartnerLog.KeyText']);
    expect(r.nonReproducibleCauses).toEqual([expect.stringMatching(/^NEWID\(\) values the DEFAULT of dbo\.Partner\.\[Partner Key\] drew for the INSERT at [^ ]+:\d+:\d+/)]);
  });

  it('leaves an INSERT that gives the column its value, and SELECT … INTO, reproducible', async () => {
    const r = await runBody(`
      INSERT INTO dbo.Partner ([Partner Key], PartnerId, [External Ref]) VALUES ('0E984725-C51C-4BF4-9960-E1C80E27ABA0', 5, 'ERP-005');
      SELECT [Partner Key], PartnerId INTO #keys FROM dbo.Partner;
      INSERT INTO dbo.PartnerLog (KeyText, PartnerId) SELECT CAST([Partner Key] AS varchar(36)), PartnerId FROM #keys;`, { tables: TABLES, csv: DATA });
    expect(r.nonReproducible).toEqual([]);
  });

  it('lists the key a MERGE inserts, and taints the OUTPUT that shows it', async () => {
    const r = await runBody(`
      MERGE dbo.Partner AS p USING dbo.PartnerStage AS s ON p.PartnerId = s.PartnerId
      WHEN NOT MATCHED THEN INSERT (PartnerId, [External Ref]) VALUES (s.PartnerId, s.[External Ref])
      OUTPUT inserted.[Partner Key], inserted.PartnerId;`, { tables: TABLES, csv: DATA });
    expect(r.nonReproducible).toEqual(expect.arrayContaining(['dbo.Partner.Partner Key', 'result-set-1.Partner Key']));
    expect(r.nonReproducibleCauses).toEqual(expect.arrayContaining([expect.stringMatching(/^NEWID\(\) values the DEFAULT of dbo\.Partner\.\[Partner Key\] drew for the MERGE at /)]));
  });

  it('builds a table with a NEWSEQUENTIALID() DEFAULT, which a read alone leaves reproducible', async () => {
    const read = await runBody('SELECT AccountNo FROM dbo.Account', { tables: TABLES, csv: DATA });
    expect(resultRows(read)).toEqual([{ AccountNo: 100 }]);
    expect(read.nonReproducible).toEqual([]);
    const drawn = await runBody(`
      INSERT INTO dbo.Account (AccountNo) VALUES (101), (102);
      SELECT AccountNo FROM dbo.Account ORDER BY AccountKey;`, { tables: TABLES, csv: DATA });
    // SQL Server's values are the machine's: the column and the order it gives are not reproducible
    expect(drawn.nonReproducible).toEqual(['dbo.Account.AccountKey', 'result-set-1.AccountNo']);
    expect(drawn.nonReproducibleCauses).toEqual([expect.stringMatching(/^NEWSEQUENTIALID\(\) values the DEFAULT of dbo\.Account\.AccountKey drew for the INSERT at /)]);
  });

  it('refuses NEWSEQUENTIALID() outside a DEFAULT, as SQL Server does', async () => {
    await expect(runBody('SELECT NEWSEQUENTIALID() AS k', { tables: TABLES, csv: DATA })).rejects.toThrow(/NEWSEQUENTIALID\(\) outside a column DEFAULT/);
  });
});

describe('a NEWID() DEFAULT fired by an INSERT whose trigger reads the new rows', () => {
  const tables = `
CREATE TABLE dbo.Supplier ([Supplier Key] uniqueidentifier NOT NULL DEFAULT NEWID(), SupplierId int NOT NULL)
GO
CREATE TABLE dbo.SupplierAudit (KeyText varchar(36) NULL, SupplierId int NOT NULL)
GO
CREATE TRIGGER dbo.tr_Supplier_Insert ON dbo.Supplier AFTER INSERT AS
BEGIN
  INSERT INTO dbo.SupplierAudit (KeyText, SupplierId) SELECT CAST([Supplier Key] AS varchar(36)), SupplierId FROM inserted
END
GO
`;
  it('lists what the trigger writes from them', async () => {
    const r = await runBody('INSERT INTO dbo.Supplier (SupplierId) VALUES (7);', { tables, csv: {} });
    expect(r.nonReproducible).toEqual(expect.arrayContaining(['dbo.Supplier.Supplier Key', 'dbo.SupplierAudit.KeyText']));
  });
});
