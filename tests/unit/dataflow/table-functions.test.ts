import { analyzeFile, catalogEntriesOf, lookupsHold, mayAddToCatalog, mergeTableCatalog, RecordingContext, setContextOf, splitScript, summarizeObject, type DataFlowGraph, type SetContext } from '../../../src/dataflow';
import { renderObjectMarkdown } from '../../../src/render';
import { parseScript } from '../../../src/tsql';

// A claims system: a view and a procedure read an inline and a multi-statement table-valued
// function, and a procedure passes rows to another through a variable of a table type. The
// functions are rowsets the steps read (nodes with the columns their definitions give), not
// tables (the contract's reads leave them out); the table-typed variable is a table variable.
const DDL = `CREATE TABLE [Claims].[Claim Line] ([Claim Id] int NOT NULL, [Line No] int NOT NULL, [Paid Amount] decimal(14, 2) NULL, [Status Code] char(2) NOT NULL);
GO
CREATE TABLE [Claims].[Member] ([Member Id] int NOT NULL PRIMARY KEY, [Plan Code] varchar(10) NOT NULL);
GO
CREATE TYPE [Claims].[Line Batch] AS TABLE ([Claim Id] int NOT NULL, [Paid Amount] decimal(14, 2) NULL);
GO
CREATE FUNCTION [Claims].[fn Paid Lines] (@Status char(2))
RETURNS TABLE
AS
RETURN
(
  WITH paid AS (SELECT [Claim Id], [Paid Amount] FROM [Claims].[Claim Line] WHERE [Status Code] = @Status)
  SELECT p.[Claim Id], SUM(p.[Paid Amount]) AS [Total Paid]
  FROM paid AS p
  GROUP BY p.[Claim Id]
);
GO
CREATE FUNCTION [Claims].[fn Members] ()
RETURNS @m TABLE ([Member Id] int NOT NULL, [Plan Code] varchar(10) NULL)
AS
BEGIN
  INSERT @m SELECT [Member Id], [Plan Code] FROM [Claims].[Member];
  RETURN;
END
GO
`;

const CODE = `CREATE VIEW [Claims].[Paid Totals]
AS
SELECT t.[Claim Id], t.[Total Paid] FROM [Claims].[fn Paid Lines]('PD') AS t;
GO
CREATE PROCEDURE [Claims].[usp Load Batch] @Status char(2)
AS
BEGIN
  DECLARE @Batch [Claims].[Line Batch];
  INSERT @Batch ([Claim Id], [Paid Amount])
  SELECT t.[Claim Id], t.[Total Paid]
  FROM [Claims].[fn Paid Lines](@Status) AS t
  OUTER APPLY [Claims].[fn Members]() AS m
  CROSS APPLY STRING_SPLIT(m.[Plan Code], ',') AS s;
  EXEC [Claims].[usp Post Batch] @Lines = @Batch;
END
GO
`;

const unitOf = (file: string, text: string): ReturnType<typeof splitScript> => splitScript(parseScript(text, { file }), 'dbo');
const ddl = unitOf('ddl.sql', DDL);
const code = unitOf('code.sql', CODE);
const context = setContextOf([ddl, code], 'dbo');
const graphOf = (name: string): DataFlowGraph => {
  const g = analyzeFile(code, context).defined.find((d) => d.graph.object.name === name)?.graph;
  if (g === undefined) throw new Error(`no graph of ${name}`);
  return g;
};

describe('the catalog of table-valued functions and table types', () => {
  const entries = catalogEntriesOf(parseScript(DDL, { file: 'ddl.sql' }), 'dbo');

  it('keeps each function\'s output columns and the tables its body reads (CTE names are no tables)', () => {
    expect(entries.functions).toEqual([
      { name: 'claims.fn paid lines', type: 'inline', columns: ['claim id', 'total paid'], reads: [['claims.claim line', 'Claims.Claim Line']] },
      { name: 'claims.fn members', type: 'multi', columns: ['member id', 'plan code'], reads: [['claims.member', 'Claims.Member']] },
    ]);
    expect(entries.tableTypes).toEqual([['claims.line batch', ['claim id', 'paid amount']]]);
  });

  it('merges them, a later ALTER FUNCTION replacing the definition, and leaves scripts without them as they were', () => {
    const altered = catalogEntriesOf(parseScript('ALTER FUNCTION [Claims].[fn Members] () RETURNS TABLE AS RETURN (SELECT [Member Id] FROM [Claims].[Member]);\nGO\n', { file: 'up.sql' }), 'dbo');
    const merged = mergeTableCatalog([entries, altered]);
    expect(merged.functions?.get('claims.fn members')).toMatchObject({ type: 'inline', columns: ['member id'] });
    expect(merged.tableTypes?.get('claims.line batch')).toEqual(['claim id', 'paid amount']);
    const plain = catalogEntriesOf(parseScript('CREATE TABLE dbo.t (a int);\nGO\n', { file: 't.sql' }), 'dbo');
    expect(Object.keys(plain).sort()).toEqual(['changes', 'history', 'tables']);
  });

  it('counts a script defining one as text that may add to the catalog (worker threads guess from it)', () => {
    expect(mayAddToCatalog('create or alter function dbo.fn_x() returns table as return (select 1 as a)')).toBe(true);
    expect(mayAddToCatalog('CREATE TYPE dbo.Lines AS TABLE (a int)')).toBe(true);
    expect(mayAddToCatalog('CREATE PROCEDURE dbo.p AS SELECT 1')).toBe(false);
  });
});

describe('a view over an inline table-valued function', () => {
  const graph = graphOf('claims.paid totals');

  it('reads the function as a node whose columns its result set copies', () => {
    const fn = graph.nodes.find((n) => n.kind === 'function');
    expect(fn).toMatchObject({ id: 'fn_claims_fn_paid_lines', label: 'Claims.fn Paid Lines', role: 'input', functionType: 'inline', columns: ['claim id', 'total paid'], reads: [{ name: 'claims.claim line', label: 'Claims.Claim Line' }] });
    expect(graph.lineage.map((l) => [l.target.column, l.sources, l.transform])).toEqual([
      ['claim id', [{ node: 'fn_claims_fn_paid_lines', column: 'claim id' }], 'copy'],
      ['total paid', [{ node: 'fn_claims_fn_paid_lines', column: 'total paid' }], 'copy'],
    ]);
  });

  it('keeps the function out of the contract\'s reads (functions are not tables)', () => {
    expect(summarizeObject(graph).reads).toEqual([]);
  });
});

describe('a procedure reading functions in FROM and APPLY and passing a table-typed variable to EXEC', () => {
  const graph = graphOf('claims.usp load batch');
  const insert = graph.steps.find((s) => s.kind === 'insert');

  it('reads both user functions, and leaves a built-in rowset function (STRING_SPLIT) opaque', () => {
    expect(insert?.reads.map((r) => r.node)).toEqual(['fn_claims_fn_members', 'fn_claims_fn_paid_lines', 'p_status']);
    expect(graph.nodes.filter((n) => n.kind === 'function').map((n) => n.name)).toEqual(['claims.fn members', 'claims.fn paid lines']);
    expect(insert?.reads.find((r) => r.node === 'fn_claims_fn_members')?.columns).toEqual(['plan code']);
  });

  it('makes @Batch a table variable with its type\'s columns, filled from the function, whose rows the EXEC reads', () => {
    expect(graph.nodes.find((n) => n.name === '@batch')).toMatchObject({ kind: 'table-variable', id: 'tv_batch', columns: ['claim id', 'paid amount'] });
    expect(graph.nodes.some((n) => n.kind === 'variable')).toBe(false);
    expect(graph.lineage.find((l) => l.target.node === 'tv_batch' && l.target.column === 'paid amount')?.sources).toEqual([{ node: 'fn_claims_fn_paid_lines', column: 'total paid' }]);
    const exec = graph.steps.find((s) => s.kind === 'exec');
    expect(exec?.reads).toEqual([{ node: 'tv_batch', columns: [] }]);
    expect(summarizeObject(graph)).toMatchObject({ reads: [], writes: [], temps: ['@batch'], calls: ['claims.usp post batch'] });
  });

  it('draws the functions with the tables their bodies read feeding them', () => {
    const md = renderObjectMarkdown(graph);
    expect(md).toContain('n_fn_claims_fn_paid_lines[/"Claims.fn Paid Lines"\\]');
    expect(md).toContain('n_fnsrc_claims_claim_line -->|"read by Claims.fn Paid Lines"| n_fn_claims_fn_paid_lines');
    expect(md).toContain('n_fnsrc_claims_member -->|"read by Claims.fn Members"| n_fn_claims_fn_members');
  });

  it('without the functions and the type in the set: a schema-qualified function is still a node, and the EXEC still reads the rows INSERT @Batch wrote', () => {
    const alone = analyzeFile(code, setContextOf([code], 'dbo')).defined.find((d) => d.graph.object.name === 'claims.usp load batch')?.graph;
    expect(alone?.nodes.find((n) => n.id === 'fn_claims_fn_paid_lines')).toMatchObject({ kind: 'function', columns: ['claim id', 'total paid'], reads: [] });
    expect(alone?.nodes.find((n) => n.id === 'fn_claims_fn_paid_lines')).not.toHaveProperty('functionType');
    // the DECLARE's type is unknown: a scalar node is declared, but @Batch as a rowset is the table variable
    expect(alone?.nodes.filter((n) => n.name === '@batch').map((n) => n.kind)).toEqual(['table-variable', 'variable']);
    expect(alone?.steps.find((s) => s.kind === 'exec')?.reads).toEqual([{ node: 'tv_batch', columns: [] }]);
  });
});

describe('the server\'s own rowset functions', () => {
  it('stay opaque rowsets, as before (sys.dm_exec_sql_text is no function of the code)', () => {
    const dba = unitOf('dba.sql', 'CREATE PROCEDURE [DBA].[usp Long Queries] AS\n  SELECT r.session_id, t.[text] FROM sys.dm_exec_requests AS r CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) AS t;\nGO\n');
    const g = analyzeFile(dba, setContextOf([dba], 'dbo')).defined[0]?.graph;
    expect(g?.nodes.some((n) => n.kind === 'function')).toBe(false);
    expect(g?.nodes.map((n) => n.id)).toEqual(['t_sys_dm_exec_requests', 'rs_rs_1']);
  });
});

describe('a build on a worker thread against a guessed context', () => {
  const empty: SetContext = { defaultSchema: 'dbo', catalog: mergeTableCatalog([]), knownProcedures: new Set() };

  it('records the function and table type lookups, so a guess without them is built again', () => {
    const guess = new RecordingContext(empty);
    analyzeFile(code, guess);
    const lookups = guess.take();
    expect(lookups.functions.has('claims.fn paid lines')).toBe(true);
    expect(lookups.tableTypes.has('claims.line batch')).toBe(true);
    expect(lookupsHold(lookups, context)).toBe(false);
    const right = new RecordingContext(context);
    const again = analyzeFile(code, right);
    expect(lookupsHold(right.take(), context)).toBe(true);
    expect(JSON.stringify(again.defined)).toEqual(JSON.stringify(analyzeFile(code, context).defined));
  });
});
