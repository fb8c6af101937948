import { buildScriptGraphs, collectTableCatalog } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';
import { buildCatalog, catalogTables, checkProcedureSections, outlineProcedures, parseFeature, proposeSections, renderSkeleton, specNameOf, type SectionSpec } from '../../../src/sections';

// An invoice run numbers invoices from an identity, logs a batch row in between, then stores
// IDENT_CURRENT('dbo.Invoice') in its batch summary. propose cut the summary into a section of its
// own, which record refused (the emulator cannot know the counter of a table the run has not
// inserted into: SQL Server's depends on its history). IDENT_CURRENT reads the identity the last
// INSERT into that table gave, so the statement goes with that INSERT, not with the last INSERT.
const text = `CREATE TABLE dbo.Orders (OrderId int NOT NULL PRIMARY KEY, Customer varchar(10) NOT NULL, Amount decimal(10,2) NOT NULL)
GO
CREATE TABLE dbo.Invoice (InvoiceId int IDENTITY(1000,1) NOT NULL PRIMARY KEY, Customer varchar(10) NOT NULL, Amount decimal(10,2) NOT NULL)
GO
CREATE TABLE dbo.[Invoice Line] (InvoiceId int NOT NULL, OrderId int NOT NULL)
GO
CREATE TABLE dbo.InvoiceBatch (BatchNo int NOT NULL, LastInvoice int NULL, Lines int NULL)
GO
CREATE PROCEDURE dbo.usp_InvoiceRun @BatchNo int
AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.Invoice (Customer, Amount)
    SELECT o.Customer, SUM(o.Amount) FROM dbo.Orders o GROUP BY o.Customer;

    INSERT INTO dbo.[Invoice Line] (InvoiceId, OrderId)
    SELECT i.InvoiceId, o.OrderId FROM dbo.Orders o JOIN dbo.Invoice i ON i.Customer = o.Customer;

    INSERT INTO dbo.InvoiceBatch (BatchNo, LastInvoice, Lines)
    SELECT @BatchNo, IDENT_CURRENT(N'dbo.[Invoice]'), COUNT(*) FROM dbo.[Invoice Line];
END
GO
`;

describe('IDENT_CURRENT(\'table\') after an INSERT into that table', () => {
  const script = parseScript(text, { file: 'p.sql' });
  const graph = buildScriptGraphs(script, { catalog: collectTableCatalog([script]) }).find((g) => g.object.kind === 'procedure');
  const outline = outlineProcedures(text, 'p.sql')[0];
  if (graph === undefined || outline === undefined) throw new Error('no procedure');

  it('follows the INSERT into the table it names, not the last INSERT', () => {
    const summary = graph.steps.find((s) => s.label === 'INSERT dbo.InvoiceBatch');
    const invoices = graph.steps.find((s) => s.label === 'INSERT dbo.Invoice');
    expect(summary?.follows).toBe(invoices?.id);
  });

  it('is proposed in that INSERT\'s section, and check accepts the proposal', async () => {
    const catalog = buildCatalog(catalogTables(text, 'p.sql'), [outline]);
    const ctx = { procedure: outline.displayName, graph, catalog, source: text };
    const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements);
    const home = sections.find((s) => s.outputs.some((o) => /invoicebatch/i.test(o)));
    expect(home?.outputs.some((o) => o === 't_dbo_invoice')).toBe(true);
    const specs: SectionSpec[] = [];
    for (const s of sections) {
      const { spec } = await parseFeature(renderSkeleton(ctx, s), `sections/dbo.usp_InvoiceRun/${s.number}-${s.slug}.feature`, { catalog });
      if (spec) specs.push(spec);
    }
    expect(checkProcedureSections(outline, graph, specs).filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
  });
});
