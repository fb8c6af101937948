import fc from 'fast-check';
import type { DataFlowGraph, GraphNode, NodeAccess, Step } from '../../../src/dataflow';
import { carrierSources, indexNodes, isCarrier } from '../../../src/render/graph-queries';

// carrierSources solves "a variable's or cursor's sources include what feeds every step that
// writes it" with a worklist. Here on random graphs (tables, variables, parameters, cursors;
// steps reading and writing them, under IFs and loops whose conditions read some) against the
// equations solved the plain way: sweep every step until nothing changes.

function sweepToFixedPoint(graph: DataFlowGraph, withControl: boolean): Map<string, Set<string>> {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const sources = new Map<string, Set<string>>();
  for (const n of graph.nodes) if (isCarrier(n)) sources.set(n.id, new Set());
  const feeding = (reads: readonly NodeAccess[]): Set<string> => {
    const out = new Set<string>();
    for (const r of reads) {
      const node = nodes.get(r.node);
      if (!node) continue;
      if (isCarrier(node)) for (const s of sources.get(node.id) ?? []) out.add(s);
      else out.add(node.id);
    }
    return out;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const step of graph.steps) {
      const feed = feeding(withControl ? [...step.reads, ...step.context.flatMap((c) => c.controls ?? [])] : step.reads);
      for (const w of step.writes) {
        const target = sources.get(w.node);
        if (!target) continue;
        for (const s of feed) if (s !== w.node && !target.has(s)) { target.add(s); changed = true; }
      }
    }
  }
  return sources;
}

const KINDS = ['table', 'temp-table', 'variable', 'parameter', 'cursor', 'procedure'] as const;

const graphs = fc.record({
  kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 12 }),
  steps: fc.array(fc.record({
    reads: fc.array(fc.nat(15), { maxLength: 4 }),
    writes: fc.array(fc.nat(15), { maxLength: 3 }),
    controls: fc.array(fc.nat(15), { maxLength: 2 }),
  }), { maxLength: 25 }),
}).map(({ kinds, steps }): DataFlowGraph => {
  // Ids past the last node stand for accesses of nodes the graph does not list (ignored).
  const id = (i: number): string => `n${i}`;
  const access = (list: readonly number[]): NodeAccess[] => [...new Set(list)].map((i) => ({ node: id(i), columns: [] }));
  const nodes = kinds.map((kind, i) => ({ kind, id: id(i), name: id(i), label: id(i), role: 'internal', columns: [], line: 1 }) as unknown as GraphNode);
  const stepList = steps.map((s, i) => ({
    kind: 'other', id: `s${i + 1}`, index: i + 1, lines: { start: i + 1, end: i + 1 }, label: '', calls: [],
    reads: access(s.reads), writes: access(s.writes),
    context: s.controls.length > 0 ? [{ kind: 'if', id: `b${i}`, label: 'IF', lines: { start: i, end: i + 1 }, controls: access(s.controls) }] : [],
  }) as unknown as Step);
  return { nodes, steps: stepList } as unknown as DataFlowGraph;
});

describe('carrierSources', () => {
  it.each([false, true])('matches sweeping every step to a fixed point (withControl %s)', (withControl) => {
    fc.assert(fc.property(graphs, (graph) => {
      const got = carrierSources(graph, indexNodes(graph), withControl);
      const want = sweepToFixedPoint(graph, withControl);
      expect(new Map([...got].map(([k, v]) => [k, [...v].sort()]))).toEqual(new Map([...want].map(([k, v]) => [k, [...v].sort()])));
    }), { numRuns: 500 });
  });
});
