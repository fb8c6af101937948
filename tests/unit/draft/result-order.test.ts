import { splitPlaceholders } from '../../../src/draft';
import { EngineSession } from '../../../src/engine';
import { draftOf, type HarnessTable } from './draft-harness';

// A result set's ORDER BY as SQL Server resolves it: a column the query does not return, a
// select-list alias (before a FROM column of that name), a position, an aggregate, a UNION's
// column; a TOP subquery's ORDER BY resolves aliases and positions the same way. Each sort key rides through the result's CTE and the final SELECT orders by it; the
// draft used to write `ORDER BY CustomerId` over a CTE without that column (a DuckDB binder
// error) and, for an alias naming another column, would have ordered by the wrong one.
const proc = (body: string): string => `CREATE PROCEDURE dbo.usp_T AS\nBEGIN\n${body}\nEND`;
const C: HarnessTable = { name: 'dbo.C', columns: ['CustomerId:int', 'Name:text', 'Revenue:decimal(18,2)'], rows: [[1, 'Zed', '10.00'], [2, 'amy', '10.00'], [3, 'Bob', '50.00']] };
const out = (...columns: string[]): HarnessTable => ({ name: 'result', columns });

let session: EngineSession;
beforeAll(async () => {
  session = await EngineSession.open({ threads: 1 });
  await session.run('CREATE TABLE in_c (CustomerId INTEGER, Name VARCHAR, Revenue DECIMAL(18,2))');
  await session.run("INSERT INTO in_c VALUES (1, 'Zed', 10.00), (2, 'amy', 10.00), (3, 'Bob', 50.00)");
});
afterAll(() => session.close());

/** The drafted result's rows in the order the draft gives them (not re-sorted). */
async function orderedRows(body: string, output: HarnessTable): Promise<string[]> {
  const draft = draftOf(proc(body), { inputs: [C], output });
  if (draft.sql === undefined) throw new Error(`refused: ${draft.refusals.map((r) => `${r.line}:${r.col} ${r.construct}: ${r.reason}`).join('; ')}`);
  const sql = splitPlaceholders(draft.sql).map((p) => ('text' in p ? p.text : 'table' in p ? 'in_c' : 'NULL')).join('');
  const rows = await session.all(sql);
  return rows.map((r) => Object.values(r).map((v) => (v === null ? 'NULL' : String(v))).join('|'));
}

describe('a drafted result set keeps its ORDER BY', () => {
  it.each<[string, string, HarnessTable, string[]]>([
    ['by a column it does not return', 'SELECT c.Name, c.Revenue FROM dbo.C c ORDER BY c.Revenue DESC, c.CustomerId;', out('Name:text', 'Revenue:decimal(18,2)'), ['Bob|50', 'Zed|10', 'amy|10']],
    ['by a select-list alias, not the FROM column of that name', 'SELECT c.Name AS Revenue, c.Revenue AS Name FROM dbo.C c ORDER BY Revenue;', out('Revenue:text', 'Name:decimal(18,2)'), ['amy|10', 'Bob|50', 'Zed|10']],
    ['by positions, text by the collation', 'SELECT c.Name, c.Revenue FROM dbo.C c ORDER BY 2 DESC, 1;', out('Name:text', 'Revenue:decimal(18,2)'), ['Bob|50', 'amy|10', 'Zed|10']],
    ['by an aggregate of a grouped query', 'SELECT c.Revenue, COUNT(*) AS N FROM dbo.C c GROUP BY c.Revenue ORDER BY COUNT(*) DESC;', out('Revenue:decimal(18,2)', 'N:int'), ['10|2', '50|1']],
    ['by an expression over columns it does not return', 'SELECT c.Name FROM dbo.C c ORDER BY c.Revenue * -1, c.CustomerId DESC;', out('Name:text'), ['Bob', 'amy', 'Zed']],
    ['a TOP (1) subquery by a select-list alias that is also a FROM column', 'SELECT c.Name, (SELECT TOP (1) x.Name AS CustomerId FROM dbo.C x ORDER BY CustomerId) AS Top1 FROM dbo.C c WHERE c.CustomerId = 1;', out('Name:text', 'Top1:text?'), ['Zed|amy']],
    ['a TOP (1) subquery by position', 'SELECT c.Name, (SELECT TOP (1) x.Revenue FROM dbo.C x ORDER BY 1 DESC) AS Top1 FROM dbo.C c WHERE c.CustomerId = 2;', out('Name:text', 'Top1:decimal(18,2)?'), ['amy|50']],
    ['a UNION ALL by its column', 'SELECT c.Name FROM dbo.C c WHERE c.CustomerId = 1 UNION ALL SELECT c.Name FROM dbo.C c WHERE c.CustomerId > 1 ORDER BY Name DESC;', out('Name:text'), ['Zed', 'Bob', 'amy']],
    // a league table: TOP (n) WITH TIES returns the rows tied with the n-th, whichever the plan meets first
    ['TOP (1) WITH TIES keeps the rows tied with the first', 'SELECT TOP (1) WITH TIES c.Name, c.Revenue FROM dbo.C c ORDER BY c.Revenue, c.Name;', out('Name:text', 'Revenue:decimal(18,2)'), ['amy|10']],
    ['TOP (2) WITH TIES over a tie at the second place', 'SELECT TOP (2) WITH TIES c.Revenue FROM dbo.C c ORDER BY c.Revenue DESC;', out('Revenue:decimal(18,2)'), ['50', '10', '10']],
    ['TOP (@n) WITH TIES', 'DECLARE @n int = 1; SELECT TOP (@n) WITH TIES c.CustomerId FROM dbo.C c ORDER BY c.Revenue;', out('CustomerId:int'), ['1', '2']],
  ])('%s', async (_what, body, output, rows) => {
    expect(await orderedRows(body, output)).toEqual(rows);
  });

  it.each<[string, string, HarnessTable, string, RegExp]>([
    ['SELECT DISTINCT by a column it does not return', 'SELECT DISTINCT c.Revenue FROM dbo.C c ORDER BY c.CustomerId;', out('Revenue:decimal(18,2)'), '3:49', /Msg 145/],
    ['an alias naming two columns', 'SELECT c.Name AS X, c.Revenue AS X FROM dbo.C c ORDER BY X;', out('X:text'), '3:58', /ambiguous/],
    ['a position past the select list', 'SELECT c.Name FROM dbo.C c ORDER BY 2;', out('Name:text'), '3:37', /no column at that position/],
    ['a UNION by an expression', 'SELECT c.Name FROM dbo.C c UNION ALL SELECT c.Name FROM dbo.C c ORDER BY LEN(Name);', out('Name:text'), '3:74', /must name one of its columns/],
    ['TOP (n) without WITH TIES (ties across the n-th place are the plan\'s to pick)', 'SELECT TOP (1) c.CustomerId FROM dbo.C c ORDER BY c.Revenue;', out('CustomerId:int'), '3:8', /TOP picks rows/],
  ])('refuses %s at its file:line:col', (_what, body, output, at, reason) => {
    const draft = draftOf(proc(body), { inputs: [C], output });
    expect(draft.sql).toBeUndefined();
    expect(draft.refusals.map((r) => `${r.file}:${r.line}:${r.col}`)).toEqual([`proc.sql:${at}`]);
    expect(draft.refusals[0]?.reason).toMatch(reason);
  });
});
