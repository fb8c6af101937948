import type { DataFlowGraph } from '../../../src/dataflow';
import { serializeGraph, serializeGraphBytes } from '../../../src/render/graph-json';
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
    ['zero', 0],
    ['one digit', 9],
    ['two digits', 10],
    ['the largest integer written digit by digit', 999_999_999],
    ['the first integer past them', 1_000_000_000],
    ['2^31', 2 ** 31],
    ['a negative integer', -1],
    ['a whole number typed with a fraction', 12345.0],
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

  // The one-line rule counts characters (UTF-16 units, as a string's length), not the UTF-8
  // bytes the writer produces: a name of 2- or 4-byte characters fits exactly as an ASCII one.
  it.each([
    ['ASCII', 'a'],
    ['2-byte characters', 'é'],
    ['emoji (two units each)', '😀'],
  ])('keeps a one-line object of exactly 100 characters of %s on one line, and breaks it at 101', (_, unit) => {
    const head = '{ "kind": "DataFlowGraph", "name": "';
    const fill = (chars: number): string => unit.repeat(Math.floor(chars / unit.length)) + 'x'.repeat(chars % unit.length);
    const at100 = fill(100 - head.length - 3);
    const at101 = fill(101 - head.length - 3);
    expect(serializeGraph({ kind: 'DataFlowGraph', name: at100 } as unknown as DataFlowGraph)).toBe(`${head}${at100}" }\n`);
    expect(serializeGraph({ kind: 'DataFlowGraph', name: at101 } as unknown as DataFlowGraph)).toBe(`{\n  "kind": "DataFlowGraph",\n  "name": "${at101}"\n}\n`);
  });

  it.each([
    ['the example graph', KPI_GRAPH],
    ['a graph larger than the first buffer (it grows)', buildLargeGraph(400)],
    ['names with emoji, Latin-1, a lone surrogate', { kind: 'DataFlowGraph', nodes: [{ id: 'a😀', label: 'Größe', note: 'x\ud800y' }] } as unknown as DataFlowGraph],
  ])('gives as bytes the UTF-8 of its text for %s', (_, graph) => {
    const text = serializeGraph(graph, { stamp: 'tsql-migrate:generated sha256=0000000000000000' });
    const bytes = serializeGraphBytes(graph, { stamp: 'tsql-migrate:generated sha256=0000000000000000' });
    expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
    // Its own memory: a later graph written by the same thread does not change it.
    serializeGraph(KPI_GRAPH);
    expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});
