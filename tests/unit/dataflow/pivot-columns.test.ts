import { analyzeFile, setContextOf, splitScript } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';

// A delinquency report pivots past-due amounts by bucket per product (loans probe): the PIVOT's
// alias was opaque, every column of it "aggregate of PastDue", so the lineage of the snapshot's
// [Product Code] named Loan Installment amounts. The columns PIVOT groups by pass through by
// name; only the IN list's columns are the aggregate.
const DDL = `CREATE TABLE dbo.Aging ([Loan ID] int NOT NULL, [Product Code] varchar(10) NOT NULL, Bucket varchar(10) NOT NULL, PastDue money NULL);
GO
CREATE TABLE dbo.Snapshot ([Product Code] varchar(10) NOT NULL, [Current] money NULL, [90+] money NULL);
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_Buckets AS
INSERT INTO dbo.Snapshot ([Product Code], [Current], [90+])
SELECT p.[Product Code], p.[Current], p.[90+]
FROM (SELECT [Product Code], Bucket, PastDue FROM dbo.Aging) src
PIVOT (SUM(PastDue) FOR Bucket IN ([Current], [90+])) p
GO
`;
const unitOf = (file: string, text: string): ReturnType<typeof splitScript> => splitScript(parseScript(text, { file }), 'dbo');

describe('columns read through PIVOT', () => {
  const ddl = unitOf('ddl.sql', DDL);
  const proc = unitOf('p.sql', PROC);
  const graph = analyzeFile(proc, setContextOf([ddl, proc], 'dbo')).defined.find((d) => d.graph.object.name === 'dbo.usp_buckets')?.graph;

  it('traces a grouping column to its source column and the pivoted ones to the aggregate', () => {
    if (!graph) throw new Error('no graph');
    const lineage = (column: string): { sources: string[]; transform: string[] } => {
      const ls = graph.lineage.filter((l) => l.target.column.toLowerCase() === column);
      return { sources: ls.flatMap((l) => l.sources.map((s) => s.column.toLowerCase())).sort(), transform: ls.map((l) => l.transform) };
    };
    expect(lineage('product code')).toEqual({ sources: ['product code'], transform: ['copy'] });
    expect(lineage('current').sources).toEqual(['pastdue']);
    expect(lineage('90+').sources).toEqual(['pastdue']);
    expect(lineage('current').transform).toEqual(['aggregate']);
  });
});
