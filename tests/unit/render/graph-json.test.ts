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

  // Plain strings and numbers skip JSON.stringify: the bytes must stay exactly its own.
  it.each([
    ['a plain name', 'dbo.usp_Load'],
    ['a quote', 'say "hi"'],
    ['a backslash', 'C:\\data'],
    ['control characters', 'a\tb\u0000c\u001f'],
    ['line separators (not escaped)', 'a\u2028b\u2029c'],
    ['an emoji', 'kpi 😀'],
    ['a lone surrogate', 'x\ud800y'],
    ['DEL and Latin-1', '\u007fGröße'],
    ['an integer', 42],
    ['a negative zero', -0],
    ['a fraction', 0.1 + 0.2],
    ['a large number', 1e21],
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
    ['true', true],
    ['false', false],
    ['null', null],
  ])('writes %s as JSON.stringify does, alone and in a one-line list', (_, value) => {
    expect(serializeGraph({ name: value } as unknown as DataFlowGraph)).toBe(`{ "name": ${JSON.stringify(value)} }\n`);
    expect(serializeGraph({ name: [value, undefined] } as unknown as DataFlowGraph)).toBe(`{\n  "name": [${JSON.stringify(value)}, ]\n}\n`);
  });
});
