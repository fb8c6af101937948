import type { DataFlowGraph } from '../../../src/dataflow';
import { serializeGraph } from '../../../src/render/graph-json';
import { KPI_GRAPH } from './fixtures/kpi-graph';
import { buildLargeGraph } from './fixtures/large-graph';

/** The same graph with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

describe('serializeGraph', () => {
  it('puts identifying keys first and the rest in alphabetical order', () => {
    const json = serializeGraph(KPI_GRAPH, { stamp: 'tsql-migrate:generated sha256=0123456789abcdef' });
    expect(Object.keys(JSON.parse(json))).toEqual(['$generated', 'kind', 'version', 'object', 'complexity', 'diagnostics', 'lineage', 'nodes', 'steps', 'summary']);
    expect(json).toMatch(/^ {2}"\$generated": "tsql-migrate:generated sha256=0123456789abcdef",$/m);
    const step = (JSON.parse(json) as DataFlowGraph).steps[0] as object;
    expect(Object.keys(step)).toEqual(['kind', 'id', 'index', 'label', 'lines', 'calls', 'context', 'reads', 'writes']);
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('does not depend on the key order of the input', () => {
    const graph = buildLargeGraph(60);
    expect(serializeGraph(reverseKeys(graph) as DataFlowGraph)).toBe(serializeGraph(graph));
  });

  it('leaves out diagnostic spans, whose offsets churn, and keeps line and column', () => {
    const parsed = JSON.parse(serializeGraph(buildLargeGraph(10))) as DataFlowGraph;
    expect(parsed.diagnostics[0]).toEqual({ kind: undefined, file: 'procedures/etl/usp_LoadMart.sql', line: 1500, column: 5, code: 'TSQL_UNPARSED', message: expect.any(String), severity: 'error' });
    expect(JSON.stringify(parsed)).not.toContain('"offset"');
  });

  it('round-trips everything else', () => {
    expect(JSON.parse(serializeGraph(KPI_GRAPH))).toEqual(KPI_GRAPH);
  });
});
