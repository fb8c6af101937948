import { analyzeFile, setContextOf, splitScript } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';

// SQL Server resolves a bare ORDER BY name to a select-list alias before any column of the FROM:
// `RANK() OVER (…) AS RevenueRank … ORDER BY RevenueRank` reads no column RevenueRank of a table.
// Taken for a column, it became a Given column of the view beside it, and `sections check` then
// failed the fresh proposal ("dbo.vw_Active has no column RevenueRank").
const DDL = `CREATE TABLE dbo.Summary (CustomerId int NOT NULL PRIMARY KEY, Revenue decimal(14,2) NOT NULL);
GO
CREATE TABLE dbo.Customer (CustomerId int NOT NULL PRIMARY KEY, Name nvarchar(50) NOT NULL, IsActive bit NOT NULL);
GO
CREATE VIEW dbo.vw_Active AS SELECT CustomerId, Name FROM dbo.Customer WHERE IsActive = 1;
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_Report AS
SELECT s.CustomerId, a.Name, RANK() OVER (ORDER BY s.Revenue DESC) AS RevenueRank, s.Revenue * 2 AS Twice
FROM dbo.Summary s JOIN dbo.vw_Active a ON a.CustomerId = s.CustomerId
ORDER BY RevenueRank, [twice], s.CustomerId, Name
GO
`;
const unitOf = (file: string, text: string): ReturnType<typeof splitScript> => splitScript(parseScript(text, { file }), 'dbo');

describe('ORDER BY a select-list alias', () => {
  const ddl = unitOf('ddl.sql', DDL);
  const proc = unitOf('p.sql', PROC);
  const graph = analyzeFile(proc, setContextOf([ddl, proc], 'dbo')).defined.find((d) => d.graph.object.name === 'dbo.usp_report')?.graph;

  it('reads no column of that name from the tables and views of the FROM', () => {
    if (!graph) throw new Error('no graph');
    const step = graph.steps.find((s) => s.kind === 'select');
    const columnsOf = (name: string): string[] => {
      const node = graph.nodes.find((n) => n.name.toLowerCase() === name);
      return [...new Set(step?.reads.filter((r) => r.node === node?.id).flatMap((r) => r.columns.map((c) => c.toLowerCase())) ?? [])].sort();
    };
    expect(columnsOf('dbo.vw_active')).toEqual(['customerid', 'name']);
    expect(columnsOf('dbo.summary')).toEqual(['customerid', 'revenue']);
  });
});
