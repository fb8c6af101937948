import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// The orders text-order-doubt.test.ts does not reach: a sequence numbered OVER (ORDER BY text),
// TOP … WITH TIES ranked beside a window, the windows the emulator writes for a query's ORDER BY
// (named as that ORDER BY), and a cursor re-opened per key, read once for every key.
const tables = `CREATE TABLE dbo.Vendor (
  VendorId   int         NOT NULL PRIMARY KEY,
  Region     varchar(10) NOT NULL,
  VendorName varchar(40) NOT NULL
);
CREATE SEQUENCE dbo.VendorSeq AS int START WITH 100 INCREMENT BY 1;
CREATE TABLE dbo.VendorNumber (VendorId int NOT NULL, VendorNo int NOT NULL);
CREATE TABLE dbo.InvoiceLine (LineId int NOT NULL PRIMARY KEY, VendorId int NOT NULL, InvoiceRef varchar(20) NOT NULL);
CREATE TABLE dbo.FirstInvoice (VendorId int NOT NULL, InvoiceRef varchar(20) NOT NULL);`;
const vendors = (rows: string[]): Record<string, string> => ({ 'dbo.Vendor': `VendorId,Region,VendorName\n${rows.join('\n')}\n` });
const punctuated = vendors(["1,East,O'Hara Supply", '2,East,OHara Metals', '3,West,Acme', '4,West,Baker']);
const ordinary = vendors(["1,East,O'Hara Supply", '2,East,Baker-Smith', '3,West,Acme', '4,West,Baker']);

async function refusal(body: string, csv: Record<string, string>): Promise<LegacyError> {
  const err = await runBody(body, { tables, csv }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(LegacyError);
  return err as LegacyError;
}

describe('text ordered by punctuation on the other paths', () => {
  const numbering = `
    INSERT INTO dbo.VendorNumber (VendorId, VendorNo)
    SELECT VendorId, NEXT VALUE FOR dbo.VendorSeq OVER (ORDER BY VendorName)
    FROM dbo.Vendor;
    SELECT VendorId, VendorNo FROM dbo.VendorNumber ORDER BY VendorId;`;

  it('refuses NEXT VALUE FOR … OVER (ORDER BY text) where the order is in doubt, and numbers ordinary text', async () => {
    const err = await refusal(numbering, punctuated);
    expect(err.message).toMatch(/met by ORDER BY at usp_test\.sql:6:66: (?:'O''Hara Supply' and 'OHara Metals'|'OHara Metals' and 'O''Hara Supply')/);
    const r = await runBody(numbering, { tables, csv: ordinary });
    // Acme, Baker, Baker-Smith ('Baker' is the other's beginning), O'Hara Supply
    expect(resultRows(r)).toEqual([{ VendorId: 1, VendorNo: 103 }, { VendorId: 2, VendorNo: 102 }, { VendorId: 3, VendorNo: 100 }, { VendorId: 4, VendorNo: 101 }]);
  });

  it('refuses TOP … WITH TIES ordered by text beside a window, whose rank picks the rows', async () => {
    const body = `
    SELECT TOP (1) WITH TIES VendorId
    FROM dbo.Vendor
    WHERE Region = 'East'
    ORDER BY VendorName, ROW_NUMBER() OVER (PARTITION BY Region ORDER BY VendorId);`;
    expect((await refusal(body, punctuated)).message).toMatch(/met by ORDER BY at usp_test\.sql:8:14: (?:'O''Hara Supply' and 'OHara Metals'|'OHara Metals' and 'O''Hara Supply')/);
    expect(resultRows(await runBody(body, { tables, csv: ordinary }))).toEqual([{ VendorId: 2 }]);
  });

  it('names the query\'s ORDER BY, not an OVER the procedure does not hold, for TOP … WITH TIES and FOR XML PATH', async () => {
    const ties = await refusal(`SELECT TOP (1) WITH TIES VendorId FROM dbo.Vendor ORDER BY VendorName;`, punctuated);
    expect(ties.message).toMatch(/met by ORDER BY at usp_test\.sql:4:60:/);
    const xml = await refusal(`SELECT STUFF((SELECT ', ' + VendorName FROM dbo.Vendor ORDER BY VendorName FOR XML PATH('')), 1, 2, '') AS Names;`, punctuated);
    expect(xml.message).toMatch(/met by ORDER BY at usp_test\.sql:4:65:/);
  });

  const perVendor = `
    DECLARE @vendor int = 1, @ref varchar(20);
    WHILE @vendor <= 3
    BEGIN
      DECLARE line_cursor CURSOR LOCAL FAST_FORWARD FOR
        SELECT InvoiceRef FROM dbo.InvoiceLine WHERE VendorId = @vendor ORDER BY InvoiceRef;
      OPEN line_cursor;
      FETCH NEXT FROM line_cursor INTO @ref;
      IF @@FETCH_STATUS = 0 INSERT INTO dbo.FirstInvoice (VendorId, InvoiceRef) VALUES (@vendor, @ref);
      CLOSE line_cursor;
      DEALLOCATE line_cursor;
      SET @vendor = @vendor + 1;
    END
    SELECT VendorId, InvoiceRef FROM dbo.FirstInvoice ORDER BY VendorId;`;
  const lines = (rows: string[]): Record<string, string> => ({ 'dbo.InvoiceLine': `LineId,VendorId,InvoiceRef\n${rows.join('\n')}\n` });

  it('checks a cursor re-opened per key among the rows of one key, as each OPEN orders them', async () => {
    // INV-7 and INV7 belong to different vendors: no OPEN orders them together.
    const r = await runBody(perVendor, { tables, csv: lines(['1,1,INV-7', '2,2,INV7', '3,3,INV-8', '4,3,INV-9']) });
    expect(resultRows(r)).toEqual([{ VendorId: 1, InvoiceRef: 'INV-7' }, { VendorId: 2, InvoiceRef: 'INV7' }, { VendorId: 3, InvoiceRef: 'INV-8' }]);
    // One vendor's own INV-8 and INV8 are in doubt (the third OPEN, read with the others').
    const err = await runBody(perVendor, { tables, csv: lines(['1,1,INV-7', '2,2,INV7', '3,3,INV-8', '4,3,INV8']) }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/met by ORDER BY at usp_test\.sql:9:82: (?:'INV-8' and 'INV8'|'INV8' and 'INV-8')/);
  });
});
