import type { DataFlowGraph, GraphNode } from '../dataflow';
import { carrierSources, controllingStructures, indexNodes, isCarrier, nodeText, structuresRead, structuresWritten } from './graph-queries';
import { CLASS_DEFS, classLines, nodeClass, shapeNode } from './mermaid-styles';
import { mermaidId, quoteLabel, shortenList } from './mermaid-text';

/** Options of the overview diagram. */
export interface OverviewOptions {
  /** Above this many nodes, whole groups (input tables, temps, …) collapse into one node each. */
  readonly maxNodes?: number;
}

interface OverviewNode {
  readonly id: string;
  readonly line: string;
  readonly cls: string;
  readonly members: readonly string[];
}

// The order in which groups give up their individual nodes when the overview is too big:
// inputs first (they are many and least interesting), outputs last.
const COLLAPSE_ORDER: readonly { readonly cls: string; readonly noun: string }[] = [
  { cls: 'tbl', noun: 'input tables' },
  { cls: 'proc', noun: 'called procedures' },
  { cls: 'tmp', noun: 'temp structures' },
  { cls: 'dyn', noun: 'dynamic SQL' },
  { cls: 'out', noun: 'outputs' },
];

/**
 * The object at a glance: tables and structures only, left (inputs) to right (outputs). An
 * edge means rows of one structure feed a step that writes the other, directly or through
 * variables and cursors (which are not drawn); its label names the steps. A dotted `controls`
 * edge means the structure decides an IF, WHILE or cursor loop around the step (or a value
 * assigned inside one) without its rows being written. Groups collapse into
 * one node each when there are more than `maxNodes` (default 24), so the overview stays small.
 */
export function renderOverviewDiagram(graph: DataFlowGraph, options: OverviewOptions = {}): string {
  const maxNodes = options.maxNodes ?? 24;
  // The .md report and the .mmd file of an object with several step diagrams both draw its
  // overview: the second call reuses the first's (graphs are not changed once built).
  const cached = overviewCache.get(graph);
  if (cached?.maxNodes === maxNodes) return cached.text;
  const text = drawOverview(graph, maxNodes);
  overviewCache.set(graph, { maxNodes, text });
  return text;
}

const overviewCache = new WeakMap<DataFlowGraph, { readonly maxNodes: number; readonly text: string }>();

function drawOverview(graph: DataFlowGraph, maxNodes: number): string {
  const nodes = indexNodes(graph);
  const sources = carrierSources(graph, nodes);
  const edges = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, from: string, to: string, stepId: string): void => {
    if (from === to) return;
    const key = `${from}\u0000${to}`;
    const set = map.get(key) ?? new Set<string>();
    set.add(stepId);
    map.set(key, set);
  };
  for (const step of graph.steps) {
    const written = structuresWritten(step, nodes);
    for (const from of structuresRead(step, nodes, sources)) for (const to of written) add(edges, from, to, step.id);
  }
  // Control dependence: what decides whether (and how often) a step runs, or what it assigns
  // inside an IF or loop, feeds what it writes without being read by it. Drawn dotted, and only
  // where no data edge already joins the two.
  const withControl = carrierSources(graph, nodes, true);
  const controlEdges = new Map<string, Set<string>>();
  for (const step of graph.steps) {
    const written = structuresWritten(step, nodes).filter((id) => nodes.get(id)?.kind !== 'procedure' && nodes.get(id)?.kind !== 'dynamic-sql');
    const deciding = new Set([...structuresRead(step, nodes, withControl), ...controllingStructures(step, nodes, withControl)]);
    for (const from of deciding) for (const to of written) if (!edges.has(`${from}\u0000${to}`)) add(controlEdges, from, to, step.id);
  }
  const structures = graph.nodes.filter((n) => !isCarrier(n));
  const groupOf = collapseGroups(structures, maxNodes);
  const shown = new Map<string, OverviewNode>();
  for (const n of structures) {
    const group = groupOf.get(n.id);
    if (group) {
      const members = [...(shown.get(group.id)?.members ?? []), nodeText(n)];
      shown.set(group.id, { ...group, members, line: `${group.id}[${quoteLabel(`${members.length} ${group.noun}`, shortenList(members, 3, 36))}]` });
    } else {
      const id = mermaidId('n', n.id);
      shown.set(id, { id, line: shapeNode(id, n.kind, quoteLabel(nodeText(n))), cls: nodeClass(n), members: [nodeText(n)] });
    }
  }
  const mapEdges = (source: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> => {
    const mapped = new Map<string, Set<string>>();
    for (const [key, stepIds] of source) {
      const [from, to] = key.split('\u0000') as [string, string];
      const a = groupOf.get(from)?.id ?? mermaidId('n', from);
      const b = groupOf.get(to)?.id ?? mermaidId('n', to);
      if (a === b) continue;
      const k = `${a} ${b}`;
      const set = mapped.get(k) ?? new Set<string>();
      for (const s of stepIds) set.add(s);
      mapped.set(k, set);
    }
    return mapped;
  };
  const mapped = mapEdges(edges);
  const controlled = mapEdges(controlEdges);
  const lines = ['flowchart LR'];
  for (const n of shown.values()) lines.push(`  ${n.line}`);
  for (const k of [...mapped.keys()].sort()) {
    const [a, b] = k.split(' ') as [string, string];
    lines.push(`  ${a} -->|${quoteLabel(shortenList(sortStepIds(mapped.get(k) as Set<string>), 3, 24))}| ${b}`);
  }
  for (const k of [...controlled.keys()].sort()) {
    if (mapped.has(k)) continue;
    const [a, b] = k.split(' ') as [string, string];
    lines.push(`  ${a} -.->|${quoteLabel(`controls ${shortenList(sortStepIds(controlled.get(k) as Set<string>), 3, 24)}`)}| ${b}`);
  }
  lines.push(...functionSourceLines(graph, groupOf, shown));
  for (const d of CLASS_DEFS) lines.push(`  ${d}`);
  for (const c of classLines(new Map([...shown.values()].map((n) => [n.id, n.cls])))) lines.push(`  ${c}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A table-valued function's rows come from the tables its body reads: each drawn (the graph's
 * own node when the object reads it too) with an edge into the function, labelled as read inside it.
 */
function functionSourceLines(graph: DataFlowGraph, groupOf: ReadonlyMap<string, { id: string }>, shown: Map<string, OverviewNode>): string[] {
  const lines: string[] = [];
  for (const fn of graph.nodes) {
    if (fn.kind !== 'function') continue;
    const to = groupOf.get(fn.id)?.id ?? mermaidId('n', fn.id);
    for (const table of fn.reads) {
      const own = graph.nodes.find((n) => n.kind === 'table' && (n.synonymOf?.name ?? n.name) === table.name);
      const from = own !== undefined ? groupOf.get(own.id)?.id ?? mermaidId('n', own.id) : mermaidId('n_fnsrc', table.name);
      if (own === undefined && !shown.has(from)) {
        shown.set(from, { id: from, line: shapeNode(from, 'table', quoteLabel(table.label)), cls: 'tbl', members: [table.label] });
        lines.unshift(`  ${shown.get(from)?.line ?? ''}`);
      }
      lines.push(`  ${from} -->|${quoteLabel(`read by ${fn.label}`)}| ${to}`);
    }
  }
  return lines;
}

/** Step ids in numeric order (`s2` before `s10`). */
export function sortStepIds(ids: Iterable<string>): string[] {
  return [...ids].sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')) || (a < b ? -1 : 1));
}

function collapseGroups(structures: readonly GraphNode[], maxNodes: number): Map<string, { id: string; noun: string; cls: string }> {
  const groupOf = new Map<string, { id: string; noun: string; cls: string }>();
  const count = (): number => structures.length - groupOf.size + new Set([...groupOf.values()].map((g) => g.id)).size;
  for (const { cls, noun } of COLLAPSE_ORDER) {
    if (count() <= maxNodes) break;
    const members = structures.filter((n) => nodeClass(n) === cls);
    if (members.length < 2) continue;
    // Input tables first collapse per schema, which keeps some of the picture.
    if (cls === 'tbl') {
      const bySchema = new Map<string, GraphNode[]>();
      for (const m of members) {
        const schema = m.name.split('.').slice(0, -1).join('.') || 'dbo';
        bySchema.set(schema, [...(bySchema.get(schema) ?? []), m]);
      }
      if (bySchema.size > 1) {
        for (const [schema, list] of bySchema) {
          if (list.length < 2) continue;
          const group = { id: mermaidId('agg_tbl', schema), noun: `input tables in ${schema}`, cls: 'agg' };
          for (const m of list) groupOf.set(m.id, group);
        }
        if (count() <= maxNodes) break;
      }
    }
    const group = { id: `agg_${cls}`, noun, cls: 'agg' };
    for (const m of members) groupOf.set(m.id, group);
  }
  return groupOf;
}
