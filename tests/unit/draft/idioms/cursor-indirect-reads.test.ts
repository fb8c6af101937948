import { draftAgainstEmulator, type ParityCase } from '../emulator-parity';
import { draftOf } from '../draft-harness';

/*
 * A dynamic cursor (no STATIC or INSENSITIVE) over a table its own loop writes may fetch the
 * rows as the loop changed them, so idiom (f) refuses it. The table may be read or written by
 * another name than its own: the cursor reads it through a view, a synonym or an inline
 * function of the scripts (or a scalar function in its WHERE), or the loop writes it through a
 * synonym, an updatable view or an UPDATE's alias. Each is the same table to SQL Server, so each
 * is refused like the direct read, at the name in the cursor's query that leads to the table.
 * A STATIC cursor fetches OPEN's copy whatever the name: drafted, and the emulator agrees.
 */

const DDL = `CREATE TABLE dbo.Invoice (InvoiceId int NOT NULL PRIMARY KEY, CustomerId int NOT NULL, Amount decimal(12,2) NOT NULL,
  Status varchar(10) NOT NULL, DueDate date NOT NULL);
CREATE TABLE dbo.Reminder (InvoiceId int NOT NULL, Amount decimal(12,2) NOT NULL, SentOn date NOT NULL);
CREATE TABLE dbo.Customer (CustomerId int NOT NULL PRIMARY KEY, Name varchar(40) NOT NULL, OnHold bit NOT NULL);
GO
CREATE VIEW dbo.vw_OpenInvoice AS
  SELECT InvoiceId, CustomerId, Amount, DueDate FROM dbo.Invoice WHERE Status = 'OPEN';
GO
CREATE VIEW dbo.vw_OverdueOpenInvoice AS
  SELECT InvoiceId, Amount FROM dbo.vw_OpenInvoice WHERE DueDate < '20260310';
GO
CREATE VIEW dbo.vw_InvoiceStatus AS
  SELECT InvoiceId, Status FROM dbo.Invoice;
GO
CREATE SYNONYM dbo.Invoices FOR dbo.Invoice;
GO
CREATE FUNCTION dbo.fn_OpenInvoices (@AsOf date)
RETURNS TABLE
AS
RETURN (SELECT InvoiceId, Amount FROM dbo.Invoice WHERE Status = 'OPEN' AND DueDate < @AsOf);
GO
CREATE FUNCTION dbo.fn_OpenCount (@CustomerId int)
RETURNS int
AS
BEGIN
  RETURN (SELECT COUNT(*) FROM dbo.Invoice WHERE CustomerId = @CustomerId AND Status = 'OPEN');
END
GO`;

const REMIND = `UPDATE dbo.Invoice SET Status = 'REMINDED' WHERE InvoiceId = @InvoiceId;`;

const procedure = (declare: string, query: string, update = REMIND): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @AsOf date = '20260310';
  DECLARE @InvoiceId int, @Amount decimal(12,2);

  ${declare}
    ${query};

  OPEN overdue;
  FETCH NEXT FROM overdue INTO @InvoiceId, @Amount;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    INSERT INTO dbo.Reminder (InvoiceId, Amount, SentOn)
    VALUES (@InvoiceId, @Amount, @AsOf);

    ${update}

    FETCH NEXT FROM overdue INTO @InvoiceId, @Amount;
  END
  CLOSE overdue;
  DEALLOCATE overdue;
END`;

const INVOICE_COLUMNS = ['InvoiceId:int', 'CustomerId:int', 'Amount:decimal(12,2)', 'Status:text', 'DueDate:date'];
const INVOICE = {
  name: 'dbo.Invoice', columns: INVOICE_COLUMNS,
  // 2 is not due yet, 3 is paid, 5 was reminded before
  csv: 'InvoiceId,CustomerId,Amount,Status,DueDate\n1,10,120.00,OPEN,2026-02-28\n2,10,75.50,OPEN,2026-03-31\n3,11,310.00,PAID,2026-01-15\n4,12,19.99,OPEN,2026-03-09\n5,12,48.00,REMINDED,2026-02-01\n',
};
const REMINDER = { name: 'dbo.Reminder', columns: ['InvoiceId:int', 'Amount:decimal(12,2)', 'SentOn:date'], csv: 'InvoiceId,Amount,SentOn\n' };
const CUSTOMER = { name: 'dbo.Customer', columns: ['CustomerId:int', 'Name:text', 'OnHold:bool'], csv: 'CustomerId,Name,OnHold\n10,Harbour Tiles,0\n11,Kestrel & Sons,0\n12,Upland Feed,1\n' };
const DYNAMIC = 'DECLARE overdue CURSOR LOCAL FORWARD_ONLY FOR';

/** The draft of `proc` (given the tables, and the views the cursor names, as inputs) is refused, idiom (f) saying `reason` of line `line`. */
function expectRefused(proc: string, views: readonly string[], reason: string, line: number): void {
  const given = views.map((name) => ({ name, columns: name === 'dbo.vw_InvoiceStatus' ? ['InvoiceId:int', 'Status:text'] : INVOICE_COLUMNS }));
  const body = draftOf(proc, { ddl: DDL, inputs: [INVOICE, REMINDER, CUSTOMER, ...given], output: { name: 'dbo.Reminder', columns: REMINDER.columns } });
  expect(body.sql).toBeUndefined();
  const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const perEntity = new RegExp(`not per-entity statements: ${escaped(reason)}.* \\(line ${line}\\)$`);
  expect(body.refusals.map((x) => x.reason)).toEqual([expect.stringMatching(perEntity)]);
}

describe('a dynamic cursor reading, by another name, the table its loop writes (idiom (f))', () => {
  it.each([
    ['a view', 'SELECT InvoiceId, Amount FROM dbo.vw_OpenInvoice WHERE DueDate < @AsOf', ['dbo.vw_OpenInvoice'], 'dbo.Invoice through dbo.vw_OpenInvoice'],
    ['a view over a view', 'SELECT InvoiceId, Amount FROM dbo.vw_OverdueOpenInvoice', ['dbo.vw_OverdueOpenInvoice'], 'dbo.Invoice through dbo.vw_OverdueOpenInvoice'],
    ['a synonym', "SELECT i.InvoiceId, i.Amount FROM dbo.Invoices i WHERE i.Status = 'OPEN' AND i.DueDate < @AsOf", ['dbo.Invoices'], 'dbo.Invoice through dbo.Invoices'],
    ['an inline function', 'SELECT f.InvoiceId, f.Amount FROM dbo.fn_OpenInvoices(@AsOf) f', [], 'dbo.Invoice through dbo.fn_OpenInvoices'],
    ['a scalar function in its WHERE', 'SELECT c.CustomerId, CAST(0 AS decimal(12,2)) FROM dbo.Customer c WHERE dbo.fn_OpenCount(c.CustomerId) > 0', [], 'dbo.Invoice through dbo.fn_OpenCount'],
  ])('refuses the cursor reading it through %s, at the line of its DECLARE', (_name, query, views, what) => {
    expectRefused(procedure(DYNAMIC, query), views, `cursor overdue reads ${what}, which its loop writes: a cursor that is not STATIC or INSENSITIVE`, 8);
  });

  it.each([
    ['a synonym', "UPDATE dbo.Invoices SET Status = 'REMINDED' WHERE InvoiceId = @InvoiceId;", 'dbo.Invoices'],
    ['an updatable view', "UPDATE dbo.vw_InvoiceStatus SET Status = 'REMINDED' WHERE InvoiceId = @InvoiceId;", 'dbo.vw_InvoiceStatus'],
  ])('refuses the cursor over the table when the loop writes it through %s', (_name, update, via) => {
    const query = "SELECT i.InvoiceId, i.Amount FROM dbo.Invoice i WHERE i.Status = 'OPEN' AND i.DueDate < @AsOf";
    expectRefused(procedure(DYNAMIC, query, update), [via], `cursor overdue reads dbo.Invoice, which its loop writes (through ${via}): a cursor that is not STATIC`, 8);
  });

  it('refuses the cursor over the table when the loop updates it by the alias of its FROM', () => {
    const query = "SELECT i.InvoiceId, i.Amount FROM dbo.Invoice i WHERE i.Status = 'OPEN' AND i.DueDate < @AsOf";
    const update = "UPDATE inv SET Status = 'REMINDED' FROM dbo.Invoice inv WHERE inv.InvoiceId = @InvoiceId;";
    expectRefused(procedure(DYNAMIC, query, update), [], 'cursor overdue reads dbo.Invoice, which its loop writes: a cursor that is not STATIC', 8);
  });

  it('still drafts a dynamic cursor whose view and functions read no table the loop writes', async () => {
    // the loop writes dbo.Reminder only: which invoices the cursor fetches does not depend on it
    const c: ParityCase = {
      ddl: DDL, procedure: procedure(DYNAMIC, 'SELECT f.InvoiceId, f.Amount FROM dbo.fn_OpenInvoices(@AsOf) f WHERE dbo.fn_OpenCount(10) > 0', ''),
      inputs: [INVOICE, REMINDER], output: { name: 'dbo.Reminder', columns: REMINDER.columns },
    };
    const r = await draftAgainstEmulator(c);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual(['1|120.00|2026-03-10', '4|19.99|2026-03-10']);
  });

  it('drafts a STATIC cursor through an inline function over the table its loop updates, as the emulator runs it', async () => {
    // read after the loop's UPDATE the function would return no invoice: each fetched one is REMINDED
    const c = (output: 'invoice' | 'reminder'): ParityCase => ({
      ddl: DDL, procedure: procedure('DECLARE overdue CURSOR LOCAL STATIC FOR', 'SELECT f.InvoiceId, f.Amount FROM dbo.fn_OpenInvoices(@AsOf) f'),
      inputs: [INVOICE, REMINDER], output: output === 'invoice' ? { name: 'dbo.Invoice', columns: INVOICE_COLUMNS } : { name: 'dbo.Reminder', columns: REMINDER.columns },
    });
    const reminders = await draftAgainstEmulator(c('reminder'));
    expect(reminders.draftError).toBeUndefined();
    expect(reminders.draft).toEqual(reminders.emulator);
    expect(reminders.draft).toEqual(['1|120.00|2026-03-10', '4|19.99|2026-03-10']);
    const invoices = await draftAgainstEmulator(c('invoice'));
    expect(invoices.draft).toEqual(invoices.emulator);
    expect(invoices.draft).toEqual(['1|10|120.00|REMINDED|2026-02-28', '2|10|75.50|OPEN|2026-03-31', '3|11|310.00|PAID|2026-01-15', '4|12|19.99|REMINDED|2026-03-09', '5|12|48.00|REMINDED|2026-02-01']);
  });
});
