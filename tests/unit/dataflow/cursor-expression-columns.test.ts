import { analyzeFile, setContextOf, splitScript } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';

// An amortization job fetches `ISNULL([Balloon Amount], 0)` into @Balloon (loans probe): the
// cursor's column has no name, so the FETCH's variable had no origin and the lineage of every
// payment column left out [Balloon Amount] ("(none: computed)" where only it fed a column). A
// column without a name is fetched by position and now keeps its origins.
const DDL = `CREATE TABLE dbo.Loan ([Loan ID] int NOT NULL, Principal decimal(18,2) NOT NULL, [Balloon Amount] decimal(18,2) NULL);
GO
CREATE TABLE dbo.Schedule ([Loan ID] int NOT NULL, Amortizing decimal(18,2) NULL, Balloon decimal(18,2) NULL);
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_Schedule AS
BEGIN
  DECLARE @id int, @p decimal(18,2), @b decimal(18,2);
  DECLARE c CURSOR LOCAL FOR SELECT [Loan ID], Principal, ISNULL([Balloon Amount], 0) FROM dbo.Loan;
  OPEN c;
  FETCH NEXT FROM c INTO @id, @p, @b;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    INSERT dbo.Schedule ([Loan ID], Amortizing, Balloon) VALUES (@id, @p - @b, @b);
    FETCH NEXT FROM c INTO @id, @p, @b;
  END
  CLOSE c; DEALLOCATE c;
END
GO
`;
const unitOf = (file: string, text: string): ReturnType<typeof splitScript> => splitScript(parseScript(text, { file }), 'dbo');

describe('a cursor column without a name', () => {
  const ddl = unitOf('ddl.sql', DDL);
  const proc = unitOf('p.sql', PROC);
  const graph = analyzeFile(proc, setContextOf([ddl, proc], 'dbo')).defined.find((d) => d.graph.object.name === 'dbo.usp_schedule')?.graph;

  it('passes its origins to the variable FETCH puts it in', () => {
    if (!graph) throw new Error('no graph');
    const table = graph.nodes.find((n) => n.name.toLowerCase() === 'dbo.loan');
    const step = graph.steps.find((s) => s.kind === 'declare-cursor');
    expect(step?.reads.filter((r) => r.node === table?.id).flatMap((r) => r.columns.map((c) => c.toLowerCase()))).toEqual(expect.arrayContaining(['balloon amount']));
    const cursor = graph.nodes.find((n) => n.kind === 'cursor');
    const lineage = (node: string | undefined, column: string): string[] => graph.lineage.filter((l) => l.target.node === node && l.target.column.toLowerCase() === column).flatMap((l) => l.sources.map((s) => s.column.toLowerCase())).sort();
    expect(lineage(cursor?.id, '(column 3)')).toEqual(['balloon amount']);
    const b = graph.nodes.find((n) => n.kind === 'variable' && n.name.toLowerCase() === '@b');
    expect([...new Set(lineage(b?.id, '@b'))]).toEqual(['(column 3)']);
  });
});
