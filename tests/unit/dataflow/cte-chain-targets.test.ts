import { parseScript } from '../../../src/tsql';
import { buildScriptGraphs, type DataFlowGraph } from '../../../src/dataflow';

/*
 * An UPDATE, DELETE or MERGE whose target is a CTE changes the rows of the table under it, also
 * through a CTE over another CTE (learn.microsoft.com/sql/t-sql/queries/with-common-table-expression-transact-sql:
 * a CTE "can be referenced" by a later CTE of the same WITH, and the statement's target resolves
 * to the base table). The graph writes that table, never the CTE's name, which no spec can give.
 */

function graphOf(body: string): DataFlowGraph {
  const g = buildScriptGraphs(parseScript(`CREATE PROCEDURE dbo.p AS\nBEGIN\n${body}\nEND`, { file: 'test.sql' }), {})[0];
  if (!g) throw new Error('no graph');
  return g;
}

const writes = (g: DataFlowGraph): string[] => (g.steps[0]?.writes ?? []).map((w) => g.nodes.find((n) => n.id === w.node)?.name ?? w.node);

describe('the target of DML through a chain of CTEs', () => {
  it.each([
    ['DELETE', 'WITH b AS (SELECT id, k FROM dbo.t), d AS (SELECT id, ROW_NUMBER() OVER (PARTITION BY k ORDER BY id) AS rn FROM b) DELETE FROM d WHERE rn > 1;'],
    ['UPDATE', 'WITH b AS (SELECT id, flag FROM dbo.t WHERE flag IS NULL), d AS (SELECT flag FROM b) UPDATE d SET flag = 1;'],
    ['MERGE', 'WITH b AS (SELECT id, v FROM dbo.t), d AS (SELECT id, v FROM b) MERGE d AS tgt USING dbo.s AS src ON tgt.id = src.id WHEN MATCHED THEN UPDATE SET v = src.v;'],
    ['three levels', 'WITH a AS (SELECT id FROM dbo.t), b AS (SELECT id FROM a), c AS (SELECT id FROM b) DELETE FROM c;'],
  ])('%s writes the base table', (_what, body) => {
    expect(writes(graphOf(body))).toEqual(['dbo.t']);
  });

  it('a CTE shadowing a table name elsewhere still resolves to its own source', () => {
    expect(writes(graphOf('WITH t AS (SELECT id FROM dbo.u), d AS (SELECT id FROM t) DELETE FROM d;'))).toEqual(['dbo.u']);
  });
});
