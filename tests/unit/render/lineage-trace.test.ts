import { analyzeSources, type DataFlowGraph, type GraphNode } from '../../../src/dataflow';
import { traceNodeLineage } from '../../../src/render/lineage-trace';
import { KPI_GRAPH } from './fixtures/kpi-graph';

describe('traceNodeLineage', () => {
  const traced = new Map(traceNodeLineage(KPI_GRAPH, 't_dbo_regionkpi').map((t) => [t.column, t]));

  it.each([
    ['month', ['copy'], ['@month'], ['@month'], ['s13']],
    ['revenue', ['aggregate'], ['#kpi.revenue'], ['dbo.orders.amount'], ['s1', 's7', 's13']],
    ['region_id', ['copy'], ['#kpi.region_id'], ['dbo.regions.region_id'], ['s3', 's5', 's7', 's10', 's13']],
    ['band', ['aggregate', 'constant', 'case'], ['#kpi.band'], ['dbo.orders.amount'], ['s1', 's7', 's8', 's9', 's13']],
    ['order_count', ['aggregate'], ['#kpi.order_count'], [], ['s7', 's13']],
  ])('%s', (column, transforms, from, origins, stepIds) => {
    const t = traced.get(column);
    expect(t?.transforms).toEqual(transforms);
    expect(t?.from).toEqual(from);
    expect(t?.origins).toEqual(origins);
    expect(t?.steps).toEqual(stepIds);
  });

  it('lists columns in the node column order and skips those without lineage', () => {
    expect([...traced.keys()]).toEqual(['month', 'region_id', 'revenue', 'order_count', 'band']);
    expect(traceNodeLineage(KPI_GRAPH, 't_dbo_orders')).toEqual([]);
  });

  it('stops at cycles (a column updated from itself in a loop)', () => {
    // #kpi.band is computed from #kpi.revenue; make revenue depend on band to close a loop.
    const cyclic = { ...KPI_GRAPH, lineage: [...KPI_GRAPH.lineage, { target: { node: 'tmp_kpi', column: 'revenue' }, sources: [{ node: 'tmp_kpi', column: 'band' }], transform: 'expression' as const, via: ['s9'] }] };
    const band = traceNodeLineage(cyclic, 'rs_1').find((t) => t.column === 'band');
    expect(band?.origins).toEqual(['dbo.orders.amount']);
  });

  it('follows a chain of 20,000 variables to its input without running out of stack', () => {
    // Each DECLARE copies the previous variable: the trace goes 20,000 hops deep. A recursive
    // walk overflowed the call stack at a few thousand and stopped the whole analyze run.
    const n = 20_000;
    const lines = ['CREATE PROCEDURE dbo.deep AS', 'BEGIN', 'DECLARE @v0 int = (SELECT MAX(id) FROM dbo.src);'];
    for (let i = 1; i < n; i++) lines.push(`DECLARE @v${i} int = @v${i - 1} + 1;`);
    lines.push(`SELECT @v${n - 1} AS x;`, 'END');
    const graph = analyzeSources([{ file: 'deep.sql', text: lines.join('\n') }]).graphs[0] as DataFlowGraph;
    const rs = graph.nodes.find((node) => node.kind === 'result-set') as GraphNode;
    const [x] = traceNodeLineage(graph, rs.id);
    expect(x?.origins).toEqual(['dbo.src.id']);
    expect(x?.steps).toHaveLength(n + 1);
  });
});

