import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// Identity bookkeeping a proposal must not split: an IF around statements of two tables, a
// DBCC CHECKIDENT … RESEED deciding the numbers later INSERTs give, a SCOPE_IDENTITY() read of
// the INSERT before it. Whatever propose writes, its own check must accept.
const TABLES = `CREATE TABLE dbo.Invoice (InvoiceId int IDENTITY(1,1) NOT NULL PRIMARY KEY, [Invoice Ref] varchar(20) NOT NULL, Total money NOT NULL)
GO
CREATE TABLE dbo.OldInvoice (OldNo int NOT NULL, [Invoice Ref] varchar(20) NOT NULL, Total money NOT NULL)
GO
CREATE TABLE dbo.[Invoice Milestone] (Step varchar(20) NOT NULL, LastId numeric(38,0) NULL)
GO
`;
const RESEED = `-- 2014-02-11 mb: carry old invoice numbers over, then move the counter past them
CREATE PROCEDURE dbo.usp_CarryInvoices
    @Wipe bit = 0
AS
BEGIN
    SET NOCOUNT ON
    DECLARE @Top int
    DELETE FROM dbo.[Invoice Milestone]
    IF @Wipe = 1
    BEGIN
        DELETE FROM dbo.Invoice
        DBCC CHECKIDENT ('dbo.Invoice', RESEED, 0)
        INSERT INTO dbo.[Invoice Milestone] (Step, LastId) VALUES ('wiped', IDENT_CURRENT('dbo.Invoice'))
    END
    SET IDENTITY_INSERT dbo.Invoice ON
    INSERT INTO dbo.Invoice (InvoiceId, [Invoice Ref], Total)
    SELECT o.OldNo, o.[Invoice Ref], o.Total FROM dbo.OldInvoice o
    WHERE NOT EXISTS (SELECT 1 FROM dbo.Invoice i WHERE i.InvoiceId = o.OldNo)
    SET IDENTITY_INSERT dbo.Invoice OFF
    SELECT @Top = MAX(InvoiceId) FROM dbo.Invoice
    DBCC CHECKIDENT ('dbo.Invoice', RESEED, @Top) WITH NO_INFOMSGS
    INSERT INTO dbo.Invoice ([Invoice Ref], Total) VALUES ('OPENING', 0)
    INSERT INTO dbo.[Invoice Milestone] (Step, LastId) VALUES ('opening', SCOPE_IDENTITY())
END
GO
`;
// no IF: the log line between the two INSERTs into dbo.Invoice makes propose cut that table's
// statements in two, and the cut must not part the SCOPE_IDENTITY() read from its INSERT
const CUT = `CREATE PROCEDURE dbo.usp_LoadInvoices
AS
BEGIN
    SET NOCOUNT ON
    DELETE FROM dbo.[Invoice Milestone]
    INSERT INTO dbo.[Invoice Milestone] (Step, LastId) VALUES ('start', NULL)
    INSERT INTO dbo.Invoice ([Invoice Ref], Total)
    SELECT o.[Invoice Ref], o.Total FROM dbo.OldInvoice o ORDER BY o.OldNo
    INSERT INTO dbo.[Invoice Milestone] (Step, LastId) VALUES ('loaded', IDENT_CURRENT('dbo.Invoice'))
    INSERT INTO dbo.Invoice ([Invoice Ref], Total) VALUES ('CLOSING', 0)
    INSERT INTO dbo.[Invoice Milestone] (Step, LastId) VALUES ('closing', SCOPE_IDENTITY())
END
GO
`;

let ws: string;

beforeEach(() => {
  ws = mkdtempSync(join(tmpdir(), 'propose-identity-'));
  mkdirSync(join(ws, 'procedures/tables'), { recursive: true });
  writeFileSync(join(ws, 'procedures/tables/invoice.sql'), TABLES);
});

afterEach(() => rmSync(ws, { recursive: true, force: true }));

/** Proposes `proc` (its script `body`), checks it, and returns the @lines tag of each section file. */
async function proposeAndCheck(proc: string, body: string): Promise<Map<string, string>> {
  writeFileSync(join(ws, 'procedures/proc.sql'), body);
  expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
  const check = await runMigrate(['sections', 'check', proc, '--root', ws]);
  expect(check.out + check.err).toMatch(/ok .*0 problems/);
  expect(check.code).toBe(0);
  const dir = join(ws, 'sections', proc);
  return new Map(readdirSync(dir).map((f) => [f, /@lines:(\S+)/.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? '']));
}

describe('migrate sections propose of identity bookkeeping', () => {
  it('keeps an IF around two tables\' statements, the reseeds and the SCOPE_IDENTITY() read in one section', async () => {
    const lines = await proposeAndCheck('dbo.usp_CarryInvoices', RESEED);
    // housekeeping keeps SET NOCOUNT and the DECLARE alone: both DBCC CHECKIDENT (lines 12, 21) decide identity values
    expect(lines.get('00-housekeeping.feature')).toBe('6-7');
    expect([...lines.values()]).toContain('8-23');
  });

  it('cuts a table\'s statements before the INSERT whose SCOPE_IDENTITY() a later log line reads', async () => {
    // the middle log line reads no identity here: it parts dbo.Invoice's INSERTs
    const lines = await proposeAndCheck('dbo.usp_LoadInvoices', CUT.replace("IDENT_CURRENT('dbo.Invoice')", '@@TRANCOUNT'));
    expect([...lines.values()]).toContain('10-11');
  });

  it('keeps a log line reading IDENT_CURRENT(\'dbo.Invoice\') with the INSERT into dbo.Invoice before it', async () => {
    // in the log table's section it ran before any INSERT into dbo.Invoice, and record refused
    // it (the counter of a table the run has not inserted into depends on its history)
    const lines = await proposeAndCheck('dbo.usp_LoadInvoices', CUT);
    expect([...lines.values()]).toEqual(['4', '5-6', '7-11']);
  });
});
