import { LegacyError } from '../../../../src/core';
import { parseScript } from '../../../../src/tsql';
import { runBody, runSection } from './emulator-helpers';

/*
 * A section given a view's rows holds them in a table of the view's name. SQL Server computes the
 * view from its tables whenever it is read, so after the section writes one of them the given
 * rows are stale: the section read them as if nothing had changed (a reminder step that marks
 * invoices and then reads the marked ones through a view recorded no reminder). Such a read, and
 * a write into the given rows, are refused at the statement; given the view's tables instead,
 * the view is computed from them, as the whole procedure's run (capture) always does.
 */

const TABLES = `CREATE TABLE dbo.Invoice (InvoiceId int NOT NULL PRIMARY KEY, Amount decimal(12,2) NOT NULL, Status varchar(10) NOT NULL);
GO
CREATE TABLE dbo.Reminder (InvoiceId int NOT NULL, Amount decimal(12,2) NOT NULL);
GO
CREATE VIEW dbo.vw_RemindedInvoice AS
  SELECT InvoiceId, Amount FROM dbo.Invoice WHERE Status = 'REMINDED';
GO
CREATE SYNONYM dbo.Invoices FOR dbo.Invoice;
GO
`;

const BODY = `    UPDATE dbo.Invoice SET Status = 'REMINDED' WHERE Status = 'OPEN' AND Amount > 50;
    INSERT INTO dbo.Reminder (InvoiceId, Amount) SELECT InvoiceId, Amount FROM dbo.vw_RemindedInvoice;
    INSERT INTO dbo.Reminder (InvoiceId, Amount) SELECT InvoiceId, -Amount FROM dbo.vw_RemindedInvoice;
    UPDATE dbo.vw_RemindedInvoice SET Amount = 0 WHERE InvoiceId = 1;`;

const scripts = [
  parseScript(TABLES, { file: 'tables.sql' }),
  parseScript(`CREATE PROCEDURE dbo.usp_Remind AS
BEGIN
${BODY}
END
GO
`, { file: 'p.sql' }),
];

const INVOICE = { name: 'dbo.Invoice', columns: [{ name: 'InvoiceId', type: 'int' }, { name: 'Amount', type: 'decimal(12,2)' }, { name: 'Status', type: 'text' }], rows: [['1', '120.00', 'OPEN'], ['2', '20.00', 'OPEN'], ['3', '75.00', 'REMINDED']] };
const VIEW = { name: 'dbo.vw_RemindedInvoice', columns: [{ name: 'InvoiceId', type: 'int' }, { name: 'Amount', type: 'decimal(12,2)' }], rows: [['3', '75.00']] };
const REMINDER = { name: 'dbo.Reminder', columns: [{ name: 'InvoiceId', type: 'int' }, { name: 'Amount', type: 'decimal(12,2)' }], rows: [] };
const section = (start: number, end: number, tables: readonly (typeof INVOICE | typeof VIEW)[]): Parameters<typeof runSection>[0] => ({
  scripts, procedure: 'dbo.usp_Remind', lines: [{ start, end }], params: {}, outputs: ['dbo.Reminder'], clock: '2026-03-10T00:00:00', tables: [...tables, REMINDER],
});

async function refusal(p: Promise<unknown>): Promise<LegacyError> {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LegacyError);
  return err as LegacyError;
}

describe('a section given a view\'s rows', () => {
  it('refuses a read of them after it wrote a table the view reads, at the read, naming the tables to give', async () => {
    const err = await refusal(runSection(section(3, 4, [INVOICE, VIEW])));
    expect(err.code).toBe('LEGACY_SECTION_INPUT');
    expect(err.message).toMatch(/reads the view dbo\.vw_RemindedInvoice after it wrote dbo\.Invoice, which the view reads/);
    expect(err.location?.span?.start.line).toBe(4);
    expect(err.hint).toMatch(/give the view's tables \(dbo\.Invoice\) instead of the view/);
  });

  it('reads them before any write to its tables', async () => {
    const r = await runSection(section(4, 4, [VIEW]));
    expect(r.outputs.get('dbo.Reminder')?.rows).toEqual([['3', '75.00']]);
  });

  it('computes the view from its tables after the write when given those instead', async () => {
    const r = await runSection(section(3, 5, [INVOICE]));
    // 1 was open over 50 and is now reminded; 3 was reminded before; 2 is under 50
    expect(r.outputs.get('dbo.Reminder')?.rows).toEqual([['1', '120.00'], ['3', '75.00'], ['1', '-120.00'], ['3', '-75.00']]);
  });

  it('refuses a write through the view into them', async () => {
    const err = await refusal(runSection({ ...section(6, 6, [VIEW]), outputs: ['dbo.vw_RemindedInvoice'] }));
    expect(err.message).toMatch(/writes through the view dbo\.vw_RemindedInvoice, which the scenario gives as rows/);
    expect(err.location?.span?.start.line).toBe(6);
  });
});

describe('a section given a synonym beside its table', () => {
  const invoices = { ...INVOICE, name: 'dbo.Invoices' };
  it('holds their rows once when they agree', async () => {
    const r = await runSection({ ...section(3, 3, [INVOICE, invoices]), outputs: ['dbo.Invoice'] });
    expect(r.outputs.get('dbo.Invoice')?.rows).toEqual([['1', '120.00', 'REMINDED'], ['2', '20.00', 'OPEN'], ['3', '75.00', 'REMINDED']]);
  });

  it('refuses them when their rows differ', async () => {
    const err = await refusal(runSection(section(3, 3, [INVOICE, { ...invoices, rows: invoices.rows.slice(1) }])));
    expect(err.message).toMatch(/gives dbo\.Invoice and dbo\.Invoices, which are one table to SQL Server/);
  });
});

describe('a procedure reading a view after writing its table', () => {
  it('reads the view as the write left it', async () => {
    const r = await runBody(`${BODY.split('\n').slice(0, 2).join('\n')}\n    SELECT InvoiceId, Amount FROM dbo.Reminder ORDER BY InvoiceId;`, {
      tables: TABLES, csv: { 'dbo.Invoice': 'InvoiceId,Amount,Status\n1,120.00,OPEN\n2,20.00,OPEN\n3,75.00,REMINDED\n', 'dbo.Reminder': 'InvoiceId,Amount\n' },
    });
    expect(r.resultSets[0]?.rows.map((row) => `${String(row.InvoiceId)}|${String(row.Amount)}`)).toEqual(['1|120', '3|75']);
  });
});
