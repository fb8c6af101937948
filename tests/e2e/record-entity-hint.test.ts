import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A cash-allocation loop writes the invoices and the allocation rows in one section. Without an
// @entity tag, `record --from-data` names the columns that could be the entity: only one every
// output has can be (per-entity runs are unioned by it), so a column of the invoices alone is no
// candidate it would then refuse.
const SQL = `CREATE TABLE dbo.Invoice (InvoiceNo int NOT NULL PRIMARY KEY, Customer varchar(10) NOT NULL, OpenAmount money NOT NULL)
GO
CREATE TABLE dbo.Allocation (InvoiceNo int NOT NULL, Applied money NOT NULL)
GO
CREATE TABLE dbo.Receipt (Customer varchar(10) NOT NULL, Amount money NOT NULL)
GO
CREATE PROCEDURE dbo.usp_ApplyReceipts
AS
BEGIN
  SET NOCOUNT ON
  DECLARE @inv int, @amt money
  SELECT @inv = MIN(InvoiceNo) FROM dbo.Invoice
  WHILE @inv IS NOT NULL
  BEGIN
    SELECT @amt = SUM(r.Amount) FROM dbo.Receipt r JOIN dbo.Invoice i ON i.Customer = r.Customer WHERE i.InvoiceNo = @inv
    INSERT INTO dbo.Allocation (InvoiceNo, Applied) VALUES (@inv, ISNULL(@amt, 0))
    UPDATE dbo.Invoice SET OpenAmount = OpenAmount - ISNULL(@amt, 0) WHERE InvoiceNo = @inv
    SELECT @inv = MIN(InvoiceNo) FROM dbo.Invoice WHERE InvoiceNo > @inv
  END
END
GO
`;

describe('migrate sections record --from-data without @entity', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-entity-hint-'));
    await scriptWorkspace(ws, { 'usp_ApplyReceipts.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Invoice.csv'), 'InvoiceNo,Customer,OpenAmount\n1,C1,10.00\n');
    writeFileSync(join(ws, 'data', 'dbo.Receipt.csv'), 'Customer,Amount\nC1,4.00\n');
    writeFileSync(join(ws, 'data', 'dbo.Allocation.csv'), 'InvoiceNo,Applied\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_ApplyReceipts', '--root', ws])).code).toBe(0);
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('offers only columns every output has', async () => {
    const r = await runMigrate(['sections', 'record', 'dbo.usp_ApplyReceipts/01-allocation', '--root', ws, '--from-data', join(ws, 'data')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/has no @entity tag/);
    expect(r.err).toMatch(/one of @entity:InvoiceNo$/m);
    expect(r.err).not.toMatch(/@entity:Customer|@entity:OpenAmount/);
  });
});
