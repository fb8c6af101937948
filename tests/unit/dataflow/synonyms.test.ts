import { analyzeFile, lookupsHold, mayAddToCatalog, RecordingContext, setContextOf, splitScript, summarizeObject, type SetContext } from '../../../src/dataflow';
import { renderObjectMarkdown } from '../../../src/render';
import { parseScript } from '../../../src/tsql';

// A synonym is a name, not a table: what a procedure reads or writes through one is its target's
// rows. The contract's reads/writes and the reports name the target, the reports with the name
// the code uses beside it; the graph keeps the synonym's node (specs name it as the code does).
const DDL = `CREATE TABLE Sales.Customer (CustomerId int NOT NULL PRIMARY KEY, Name nvarchar(50) NOT NULL);
GO
CREATE TABLE dbo.CustomerCopy (CustomerId int NOT NULL, Name nvarchar(50) NOT NULL);
GO
CREATE SYNONYM dbo.Cust FOR Sales.Customer;
GO
CREATE SYNONYM [dbo].[Remote Orders] FOR OtherDb.dbo.Orders;
GO
CREATE SYNONYM dbo.CopyTarget FOR dbo.CustomerCopy;
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_CopyCustomers AS
BEGIN
  INSERT INTO dbo.CopyTarget
  SELECT * FROM dbo.Cust c
  WHERE EXISTS (SELECT 1 FROM dbo.[Remote Orders] o WHERE o.CustomerId = c.CustomerId);
END
GO
`;
const unitOf = (file: string, text: string): ReturnType<typeof splitScript> => splitScript(parseScript(text, { file }), 'dbo');

describe('a procedure that reads and writes through synonyms', () => {
  const ddl = unitOf('ddl.sql', DDL);
  const proc = unitOf('p.sql', PROC);
  const context = setContextOf([ddl, proc], 'dbo');
  const graph = analyzeFile(proc, context).defined.find((d) => d.graph.object.name === 'dbo.usp_copycustomers')?.graph;

  it('lists the targets as what it reads and writes', () => {
    if (!graph) throw new Error('no graph');
    const summary = summarizeObject(graph);
    expect(summary.reads).toEqual(['otherdb.dbo.orders', 'sales.customer']);
    expect(summary.writes).toEqual(['dbo.customercopy']);
  });

  it('resolves SELECT * through a synonym to its target\'s columns', () => {
    const cust = graph?.nodes.find((n) => n.name === 'dbo.cust');
    expect(cust?.kind === 'table' ? cust.synonymOf : undefined).toEqual({ name: 'sales.customer', label: 'Sales.Customer' });
    expect(graph?.nodes.find((n) => n.name === 'dbo.copytarget')?.columns).toEqual(['customerid', 'name']);
  });

  it('names the target beside the synonym in the report', () => {
    if (!graph) throw new Error('no graph');
    const md = renderObjectMarkdown(graph);
    expect(md).toContain('| Inputs | `dbo.Cust → Sales.Customer`, `dbo.Remote Orders → OtherDb.dbo.Orders` |');
    expect(md).toContain('| Outputs | `dbo.CopyTarget → dbo.CustomerCopy` |');
  });

  it('is part of the set context a worker thread guesses and checks', () => {
    expect(mayAddToCatalog('CREATE SYNONYM dbo.Cust FOR Sales.Customer;')).toBe(true);
    const recorded = new RecordingContext(context);
    analyzeFile(proc, recorded);
    const lookups = recorded.take();
    expect(lookupsHold(lookups, context)).toBe(true);
    const withoutSynonyms: SetContext = { ...context, catalog: Object.assign(new Map(context.catalog), { history: context.catalog.history, synonyms: new Map() }) };
    expect(lookupsHold(lookups, withoutSynonyms)).toBe(false);
  });
});
