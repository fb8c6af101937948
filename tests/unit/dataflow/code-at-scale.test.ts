import { analyzeSources, type DataFlowGraph } from '../../../src/dataflow';
import { renderObjectMarkdown } from '../../../src/render';

// Shapes of real code that nest as deep as they are long: a row hash over a wide table
// (`HASHBYTES('SHA2_256', ISNULL(c1, '') + '|' + ISNULL(c2, '') + …)` is thousands of terms),
// an IN list pasted from a spreadsheet, a comparison against a subquery at the end of a long
// chain. The parser reads them with loops; graph building and rendering walked them by
// recursion and overflowed the call stack at a few thousand terms, which stopped the whole
// analyze run. Each must analyse, record its lineage and render.

function graphOf(text: string): DataFlowGraph {
  const { graphs } = analyzeSources([{ file: 'wide.sql', text }]);
  expect(graphs).toHaveLength(1);
  return graphs[0] as DataFlowGraph;
}

describe('code at scale', () => {
  it('a row hash of 20,000 terms', () => {
    const terms = Array.from({ length: 10_000 }, (_, i) => `ISNULL(CAST(s.c${i % 400} AS nvarchar(50)), N'') + N'|'`).join(' + ');
    const g = graphOf(`CREATE PROCEDURE dbo.load_hashes AS\nINSERT INTO dbo.hashes (id, row_hash)\nSELECT s.id, HASHBYTES('SHA2_256', ${terms}) FROM stage.wide AS s;\n`);
    const hash = g.lineage.find((l) => l.target.column === 'row_hash');
    expect(hash?.transform).toBe('expression');
    expect(hash?.sources).toHaveLength(400);
    expect(hash?.sources[0]).toEqual({ node: 't_stage_wide', column: 'c0' });
    expect(renderObjectMarkdown(g)).toContain('row_hash');
  });

  it('an IN list of 100,000 values and a subquery after a long chain', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => String(i)).join(', ');
    const chain = Array.from({ length: 8_000 }, (_, i) => `t.v${i % 50}`).join(' + ');
    const g = graphOf(`CREATE PROCEDURE dbo.pick AS\nSELECT t.id INTO #picked FROM dbo.t AS t\nWHERE t.id IN (${values}) AND ${chain} > ALL (SELECT r.limit FROM dbo.limits AS r);\n`);
    const step = g.steps.find((s) => s.kind === 'select-into');
    expect(step?.reads.map((r) => r.node).sort()).toEqual(['t_dbo_limits', 't_dbo_t']);
    expect(step?.reads.find((r) => r.node === 't_dbo_t')?.columns).toHaveLength(51);
  });
});
