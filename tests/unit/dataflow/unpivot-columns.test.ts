import { analyzeFile, setContextOf, splitScript } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';

// UNPIVOT passes the source's other columns through by name: `u.StatusDate` is the table's
// StatusDate. The alias was opaque (every column of it "from the listed columns"), so the read of
// StatusDate was lost: the proposed Given table lacked it, and the draft refused `u.StatusDate`
// as a column no table of the query has.
const DDL = `CREATE TABLE dbo.DailyStatusCount (StatusDate date NOT NULL PRIMARY KEY, [New] int NOT NULL, Shipped int NOT NULL, Note varchar(20) NULL);
GO
`;
const PROC = `CREATE PROCEDURE dbo.usp_Rows AS
SELECT u.StatusDate, u.Status, u.Cnt
FROM dbo.DailyStatusCount d
UNPIVOT (Cnt FOR Status IN ([New], Shipped)) AS u
WHERE u.StatusDate >= '20261101'
GO
`;
const unitOf = (file: string, text: string): ReturnType<typeof splitScript> => splitScript(parseScript(text, { file }), 'dbo');

describe('columns read through UNPIVOT', () => {
  const ddl = unitOf('ddl.sql', DDL);
  const proc = unitOf('p.sql', PROC);
  const graph = analyzeFile(proc, setContextOf([ddl, proc], 'dbo')).defined.find((d) => d.graph.object.name === 'dbo.usp_rows')?.graph;

  it('reads the passed-through column from the source table and types nothing from the name column', () => {
    if (!graph) throw new Error('no graph');
    const table = graph.nodes.find((n) => n.name.toLowerCase() === 'dbo.dailystatuscount');
    const step = graph.steps.find((s) => s.kind === 'select');
    const read = [...new Set(step?.reads.filter((r) => r.node === table?.id).flatMap((r) => r.columns.map((c) => c.toLowerCase())) ?? [])].sort();
    expect(read).toEqual(expect.arrayContaining(['new', 'shipped', 'statusdate']));
    const lineage = (column: string): string[] => graph.lineage.filter((l) => l.target.column === column).flatMap((l) => l.sources.map((s) => s.column)).sort();
    expect(lineage('statusdate')).toEqual(['statusdate']);
    expect(lineage('cnt')).toEqual(['new', 'shipped']);
    expect(lineage('status')).toEqual([]);
  });
});
