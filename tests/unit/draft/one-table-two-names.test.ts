import { draftAgainstEmulator, type ParityCase } from './emulator-parity';
import { EngineSession } from '../../../src/engine';
import { draftOf, runDraft, type HarnessTable } from './draft-harness';

/*
 * One table, several names: a synonym is its target wherever it is named, a view reads its
 * table's rows as they are when the view is read, an updatable view writes its table. The
 * draft held each name's rows apart, so a section writing the table by one name and reading it
 * by another read the rows as they were before the write (a reminder run that marks invoices
 * through a synonym and then selects the marked ones by the table's own name drafted no row).
 * A synonym now shares its target's rows; a view read after a write to a table behind it, and
 * anything read after a write through a view, is refused at the statement that wrote it.
 */

const DDL = `CREATE TABLE dbo.Invoice (InvoiceId int NOT NULL PRIMARY KEY, CustomerId int NOT NULL, Amount decimal(12,2) NOT NULL,
  Status varchar(10) NOT NULL, DueDate date NOT NULL);
CREATE TABLE dbo.Reminder (InvoiceId int NOT NULL, Amount decimal(12,2) NOT NULL, SentOn date NOT NULL);
GO
CREATE SYNONYM dbo.Invoices FOR dbo.Invoice;
GO
CREATE VIEW dbo.vw_RemindedInvoice AS
  SELECT InvoiceId, Amount FROM dbo.Invoice WHERE Status = 'REMINDED';
GO
CREATE VIEW dbo.vw_InvoiceStatus AS
  SELECT InvoiceId, Status FROM dbo.Invoice;
GO`;

const INVOICE_COLUMNS = ['InvoiceId:int', 'CustomerId:int', 'Amount:decimal(12,2)', 'Status:text', 'DueDate:date'];
// 1 is overdue, 2 not yet due, 3 paid
const INVOICE_ROWS = 'InvoiceId,CustomerId,Amount,Status,DueDate\n1,10,120.00,OPEN,2026-02-28\n2,10,75.50,OPEN,2026-03-31\n3,11,310.00,PAID,2026-01-15\n';
const INVOICE = { name: 'dbo.Invoice', columns: INVOICE_COLUMNS, csv: INVOICE_ROWS };
const INVOICES = { name: 'dbo.Invoices', columns: INVOICE_COLUMNS, csv: INVOICE_ROWS, synonymOf: 'dbo.Invoice' };
const REMINDER = { name: 'dbo.Reminder', columns: ['InvoiceId:int', 'Amount:decimal(12,2)', 'SentOn:date'], csv: 'InvoiceId,Amount,SentOn\n' };
const REMINDER_OUT: HarnessTable = { name: 'dbo.Reminder', columns: REMINDER.columns };
const INVOICE_OUT: HarnessTable = { name: 'dbo.Invoice', columns: INVOICE_COLUMNS };

const procedure = (mark: string, pick: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @AsOf date = '20260310';

  ${mark}

  INSERT INTO dbo.Reminder (InvoiceId, Amount, SentOn)
  ${pick};
END`;

const MARK_BY_SYNONYM = "UPDATE dbo.Invoices SET Status = 'REMINDED' WHERE Status = 'OPEN' AND DueDate < @AsOf;";
const MARK_BY_TABLE = "UPDATE dbo.Invoice SET Status = 'REMINDED' WHERE Status = 'OPEN' AND DueDate < @AsOf;";
const PICK_BY_TABLE = "SELECT InvoiceId, Amount, @AsOf FROM dbo.Invoice WHERE Status = 'REMINDED'";
const PICK_BY_SYNONYM = "SELECT InvoiceId, Amount, @AsOf FROM dbo.Invoices WHERE Status = 'REMINDED'";

/** A cursor over the open invoices whose loop body (from line 11) is `body`. */
const reminderLoop = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @InvoiceId int;
  DECLARE due CURSOR LOCAL STATIC FOR
    SELECT InvoiceId FROM dbo.Invoice WHERE Status = 'OPEN';
  OPEN due;
  FETCH NEXT FROM due INTO @InvoiceId;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    ${body}
    FETCH NEXT FROM due INTO @InvoiceId;
  END
  CLOSE due;
  DEALLOCATE due;
END`;

/** The refusals of the draft of `proc`, as `line:col construct: reason`. */
function refusalsOf(proc: string, inputs: readonly HarnessTable[], output: HarnessTable = REMINDER_OUT): string[] {
  const body = draftOf(proc, { ddl: DDL, inputs, output });
  expect(body.sql).toBeUndefined();
  return body.refusals.map((r) => `${r.line}:${r.col} ${r.construct}: ${r.reason}`);
}

describe('a table written by one name and read by another in one section', () => {
  it.each([
    ['through the synonym, read by the table\'s name', MARK_BY_SYNONYM, PICK_BY_TABLE],
    ['by the table\'s name, read through the synonym', MARK_BY_TABLE, PICK_BY_SYNONYM],
  ])('reads the rows as the write left them when written %s, as the emulator does', async (_name, mark, pick) => {
    const c: ParityCase = { ddl: DDL, procedure: procedure(mark, pick), inputs: [INVOICE, INVOICES, REMINDER], output: REMINDER_OUT };
    const r = await draftAgainstEmulator(c);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
    // only invoice 1 was open and overdue
    expect(r.draft).toEqual(['1|120.00|2026-03-10']);
  });

  it('gives the table written through its synonym as the output, with the write', async () => {
    const c: ParityCase = { ddl: DDL, procedure: procedure(MARK_BY_SYNONYM, PICK_BY_TABLE), inputs: [INVOICE, INVOICES, REMINDER], output: INVOICE_OUT };
    const r = await draftAgainstEmulator(c);
    expect(r.draft).toEqual(r.emulator);
    expect(r.draft).toEqual(['1|10|120.00|REMINDED|2026-02-28', '2|10|75.50|OPEN|2026-03-31', '3|11|310.00|PAID|2026-01-15']);
  });

  it('starts the output table from its synonym\'s rows when the section is given the synonym only', async () => {
    const session = await EngineSession.open({ threads: 1 });
    try {
      const given = { name: 'dbo.Invoices', columns: INVOICE_COLUMNS, rows: [[1, 10, '120.00', 'OPEN', '2026-02-28'], [2, 10, '75.50', 'OPEN', '2026-03-31']] };
      const proc = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  UPDATE dbo.Invoices SET Status = 'REMINDED' WHERE Status = 'OPEN' AND DueDate < '20260310';
END`;
      const body = draftOf(proc, { ddl: DDL, inputs: [given], output: INVOICE_OUT });
      // before: the output started empty and only the synonym's input was updated, so no invoice came out
      const rows = await runDraft(session, body, [given]);
      expect(rows.map((r) => r.split('|').slice(0, 4).join('|'))).toEqual(['1|10|120|REMINDED', '2|10|75.5|OPEN']);
    } finally {
      session.close();
    }
  });

  it('refuses the synonym\'s rows when the spec gives it fewer columns than the table written by its own name', () => {
    const narrow = { name: 'dbo.Invoices', columns: ['InvoiceId:int', 'Amount:decimal(12,2)', 'Status:text', 'Weight:int'] };
    expect(refusalsOf(procedure(MARK_BY_TABLE, PICK_BY_SYNONYM), [INVOICE, narrow, REMINDER])).toEqual([
      expect.stringMatching(/^6:3 UPDATE dbo\.Invoice: dbo\.Invoices is the same table .*column Weight/),
    ]);
  });

  it('refuses a view read after a write to its table, at the write', () => {
    const view = { name: 'dbo.vw_RemindedInvoice', columns: ['InvoiceId:int', 'Amount:decimal(12,2)'] };
    const pick = 'SELECT InvoiceId, Amount, @AsOf FROM dbo.vw_RemindedInvoice';
    expect(refusalsOf(procedure(MARK_BY_TABLE, pick), [INVOICE, view, REMINDER])).toEqual([
      expect.stringMatching(/^6:3 UPDATE dbo\.Invoice: the view dbo\.vw_RemindedInvoice reads dbo\.Invoice, which this statement writes/),
    ]);
    // through the synonym too
    expect(refusalsOf(procedure(MARK_BY_SYNONYM, pick), [INVOICE, INVOICES, view, REMINDER])).toEqual([
      expect.stringMatching(/^6:3 UPDATE dbo\.Invoices: the view dbo\.vw_RemindedInvoice reads dbo\.Invoice, which this statement writes \(through dbo\.Invoices\)/),
    ]);
  });

  it('still drafts a view read before any write to its table', async () => {
    const view = { name: 'dbo.vw_RemindedInvoice', columns: ['InvoiceId:int', 'Amount:decimal(12,2)'], csv: 'InvoiceId,Amount\n' };
    const proc = `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.Reminder (InvoiceId, Amount, SentOn) SELECT InvoiceId, Amount, '20260310' FROM dbo.vw_RemindedInvoice;
  UPDATE dbo.Invoice SET Status = 'CLOSED' WHERE Status = 'REMINDED';
END`;
    const body = draftOf(proc, { ddl: DDL, inputs: [INVOICE, view, REMINDER], output: REMINDER_OUT });
    expect(body.refusals).toEqual([]);
    expect(body.sql).toBeDefined();
  });

  it('refuses the table and the view itself after a write through an updatable view', () => {
    const view = { name: 'dbo.vw_InvoiceStatus', columns: ['InvoiceId:int', 'Status:text'] };
    const mark = "UPDATE dbo.vw_InvoiceStatus SET Status = 'REMINDED' WHERE InvoiceId = 1;";
    expect(refusalsOf(procedure(mark, PICK_BY_TABLE), [INVOICE, view, REMINDER])).toEqual([
      expect.stringMatching(/^6:3 UPDATE dbo\.vw_InvoiceStatus: dbo\.Invoice is written through the view dbo\.vw_InvoiceStatus/),
    ]);
    const pickView = "SELECT v.InvoiceId, i.Amount, @AsOf FROM dbo.vw_InvoiceStatus v JOIN dbo.Invoice i ON i.InvoiceId = v.InvoiceId WHERE v.Status = 'REMINDED'";
    expect(refusalsOf(procedure(mark, pickView), [INVOICE, view, REMINDER])[0]).toMatch(/^6:3 UPDATE dbo\.vw_InvoiceStatus: .*written through the view dbo\.vw_InvoiceStatus/);
  });

  it('refuses a view read in a per-entity loop body after the body writes its table (idiom (f))', () => {
    const view = { name: 'dbo.vw_RemindedInvoice', columns: ['InvoiceId:int', 'Amount:decimal(12,2)'] };
    const proc = reminderLoop(`UPDATE dbo.Invoice SET Status = 'REMINDED' WHERE InvoiceId = @InvoiceId;
    INSERT INTO dbo.Reminder (InvoiceId, Amount, SentOn)
    SELECT InvoiceId, Amount, '20260310' FROM dbo.vw_RemindedInvoice WHERE InvoiceId = @InvoiceId;`);
    // the loop's rewrite reads the view as a read of the table it writes, which its iterations would not see alike
    expect(refusalsOf(proc, [INVOICE, view, REMINDER])).toEqual([
      expect.stringMatching(/^11:5 cursor due \(row-by-row loop\): .*not per-entity statements: dbo\.vw_remindedinvoice is read by the loop but never written with the entity's key.*\(line 13\)$/),
    ]);
  });

  it('refuses a per-entity loop body that writes the table through its synonym and reads all of it by its name (idiom (f))', async () => {
    // each iteration counts the invoices reminded so far (1, then 2): run once for all entities,
    // the count would be 2 for both
    const proc = reminderLoop(`UPDATE dbo.Invoices SET Status = 'REMINDED' WHERE InvoiceId = @InvoiceId;
    INSERT INTO dbo.Reminder (InvoiceId, Amount, SentOn)
    SELECT i.InvoiceId, (SELECT COUNT(*) FROM dbo.Invoice x WHERE x.Status = 'REMINDED'), '20260310'
    FROM dbo.Invoice i WHERE i.InvoiceId = @InvoiceId;`);
    const c: ParityCase = { ddl: DDL, procedure: proc, inputs: [INVOICE, INVOICES, REMINDER], output: REMINDER_OUT };
    // the emulator counts 1, then 2 (the draft gave 2 for both, or 0 for both reading the table's old rows)
    await expect(draftAgainstEmulator(c)).rejects.toThrow(/^refused: 11:5 cursor due .*not per-entity statements: dbo\.invoice is read by the loop but never written with the entity's key.*\(line 14\)$/);
  });
});
