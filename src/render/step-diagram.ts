import type { ControlContext, ControlKind, DataFlowGraph, GraphNode, LineRange, Step, StepKind } from '../dataflow';
import { hasDataFlow, indexNodes } from './graph-queries';
import { spellingOf } from '../dataflow';
import { CLASS_DEFS, classLines, legendLines, nodeClass, shapeNode } from './mermaid-styles';
import { formatLines, mermaidId, quoteLabel, shortenList, truncateText } from './mermaid-text';

/** Options of the step diagrams. */
export interface StepDiagramOptions {
  /** Steps per diagram before splitting (default 25: beyond that mermaid's layout turns
   * into a staircase nobody can read); a top-level loop or branch is kept in one diagram when
   * it fits. */
  readonly maxSteps?: number;
  /** Above this many variables and parameters in one diagram, they are left out of it, with
   * the steps that only move scalars, and a comment says so (default 10). */
  readonly maxVariables?: number;
  /** Columns named on an edge before `+N` (default 3). */
  readonly maxEdgeColumns?: number;
  /** An input table read by more than this many steps of a diagram is drawn next to each
   * of them instead of once with a fan of long edges (default 3). */
  readonly repeatInputsAbove?: number;
  /** Draw the legend subgraph (default true). */
  readonly legend?: boolean;
}

/** One step diagram: the steps it covers and its mermaid text. */
export interface StepDiagram {
  readonly kind: 'step-diagram';
  /** E.g. `Steps s1–s40 (L12–230)`. */
  readonly title: string;
  readonly firstStep: string;
  readonly lastStep: string;
  readonly lines: LineRange;
  readonly text: string;
}

// DDL and cursor housekeeping carry no rows; drawing them only adds long edges back to the
// structures they create or drop. They stay in the step table.
const UNDRAWN: ReadonlySet<StepKind> = new Set<StepKind>(['create-table', 'drop-table', 'open', 'close', 'deallocate']);

/** Steps per step diagram unless `maxSteps` says otherwise. */
export const DEFAULT_MAX_STEPS = 25;

// Block titles: the block's own text (`IF @x > 1`, `WHILE …`, `ELSE`) says what it is, except
// that a WHILE fetching from a cursor deserves saying so.
const CONTROL_PREFIX: Readonly<Record<ControlKind, string>> = {
  'while': '',
  'cursor-loop': 'cursor loop: ',
  'if': '',
  'else': '',
  'try': '',
  'catch': '',
};

/**
 * The steps of an object with the structures they read and write, loops and branches as
 * nested, labelled subgraphs, edges labelled with columns. Steps without data flow (OPEN,
 * CLOSE, PRINT, …) are left out; unparsed statements are kept and marked. Long objects split
 * into several diagrams of at most `maxSteps` steps, cut between top-level statements or loops
 * where possible.
 */
export function renderStepDiagrams(graph: DataFlowGraph, options: StepDiagramOptions = {}): StepDiagram[] {
  // The .md report and the .mmd file of an object both draw its step diagrams: the second
  // call reuses the first's (graphs are not changed once built).
  const key = `${options.maxSteps}|${options.maxVariables}|${options.maxEdgeColumns}|${options.repeatInputsAbove}|${options.legend}`;
  const cached = diagramCache.get(graph);
  if (cached?.key === key) return [...cached.diagrams];
  const diagrams = drawStepDiagrams(graph, options);
  diagramCache.set(graph, { key, diagrams });
  return [...diagrams];
}

const diagramCache = new WeakMap<DataFlowGraph, { readonly key: string; readonly diagrams: readonly StepDiagram[] }>();

function drawStepDiagrams(graph: DataFlowGraph, options: StepDiagramOptions): StepDiagram[] {
  const nodes = indexNodes(graph);
  // Blocks opened by steps before each diagram's first one, for "(continued)" titles.
  const drawn = graph.steps.filter((s) => (hasDataFlow(s) && !UNDRAWN.has(s.kind)) || s.kind === 'unparsed');
  const chunks = chunkSteps(drawn, options.maxSteps ?? DEFAULT_MAX_STEPS);
  const openedBefore = blocksOpenedBefore(graph);
  return chunks.map((chunk) => {
    const first = chunk[0] as Step;
    const last = chunk[chunk.length - 1] as Step;
    const lines = { start: first.lines.start, end: Math.max(...chunk.map((s) => s.lines.end)) };
    const title = chunk.length === 1 ? `Step ${first.id} (${formatLines(lines)})` : `Steps ${first.id}–${last.id} (${formatLines(lines)})`;
    return { kind: 'step-diagram', title, firstStep: first.id, lastStep: last.id, lines, text: renderChunk(graph, nodes, chunk, openedBefore, options) };
  });
}

/**
 * Splits steps into diagrams of at most `max` steps. Runs of steps in the same top-level block
 * (or at the top level) stay together when they fit; a longer run splits into equal parts, so
 * no diagram is left with a handful of stragglers.
 */
export function chunkSteps(steps: readonly Step[], max: number): Step[][] {
  const runs: Step[][] = [];
  for (const step of steps) {
    const last = runs[runs.length - 1];
    if (last && last[0]?.context[0]?.id === step.context[0]?.id) last.push(step);
    else runs.push([step]);
  }
  const chunks: Step[][] = [];
  let current: Step[] = [];
  for (const run of runs) {
    if (current.length + run.length <= max) {
      current.push(...run);
      continue;
    }
    if (current.length > 0) chunks.push(current);
    const parts = Math.ceil(run.length / max);
    for (let p = 0; p < parts; p++) chunks.push(run.slice(Math.round((p * run.length) / parts), Math.round(((p + 1) * run.length) / parts)));
    current = chunks.pop() as Step[];
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** A function giving, for a step index, the ids of blocks entered by any earlier step. Asked
 * for non-decreasing indexes (diagram by diagram), it walks the steps once instead of once
 * per diagram. */
function blocksOpenedBefore(graph: DataFlowGraph): (first: number) => ReadonlySet<string> {
  const steps = [...graph.steps].sort((a, b) => a.index - b.index);
  const seen = new Set<string>();
  let next = 0;
  return (first) => {
    while (next < steps.length && (steps[next] as Step).index < first) {
      for (const c of (steps[next] as Step).context) seen.add(c.id);
      next++;
    }
    return new Set(seen);
  };
}

function renderChunk(graph: DataFlowGraph, nodes: ReadonlyMap<string, GraphNode>, allSteps: readonly Step[], openedBefore: (first: number) => ReadonlySet<string>, options: StepDiagramOptions): string {
  const maxColumns = options.maxEdgeColumns ?? 3;
  const used = new Set<string>();
  for (const s of allSteps) for (const a of [...s.reads, ...s.writes, ...s.calls.map((c) => ({ node: c }))]) if (nodes.has(a.node)) used.add(a.node);
  const variables = [...used].filter((id) => { const k = nodes.get(id)?.kind; return k === 'variable' || k === 'parameter'; });
  const collapseVars = variables.length > (options.maxVariables ?? 10);
  const hidden = new Set(collapseVars ? variables : []);
  // With variables left out, a step that only moves scalars (SET @day = …, PRINT) would float
  // alone in the diagram: leave it out too; the step table still lists it.
  const touchesVisible = (s: Step): boolean => [...s.reads, ...s.writes].some((a) => nodes.has(a.node) && !hidden.has(a.node)) || s.calls.length > 0;
  const kept = allSteps.filter((s) => s.kind === 'unparsed' || touchesVisible(s));
  const chunk = kept.length > 0 ? kept : allSteps;
  // An input table or parameter read by many steps is drawn once per reading step: it is never written, so
  // copies lose nothing, and they spare the layout a fan of long edges across the diagram.
  const readers = new Map<string, string[]>();
  for (const s of chunk) {
    for (const r of s.reads) {
      const list = readers.get(r.node);
      if (list) list.push(s.id);
      else readers.set(r.node, [s.id]);
    }
  }
  const repeatAbove = options.repeatInputsAbove ?? 3;
  const repeated = new Set([...readers].filter(([id, list]) => {
    const n = nodes.get(id);
    return (n?.kind === 'table' || n?.kind === 'parameter') && n.role === 'input' && new Set(list).size > repeatAbove;
  }).map(([id]) => id));
  const idOf = (nodeId: string, stepId?: string): string | undefined =>
    hidden.has(nodeId) ? undefined : repeated.has(nodeId) && stepId !== undefined ? `${mermaidId('n', nodeId)}__${stepId}` : mermaidId('n', nodeId);
  const classes = new Map<string, string>();
  const out = ['flowchart TB'];
  const defined = new Set<string>();
  if (collapseVars) out.push(`  %% ${variables.length} variables and parameters left out: more than ${options.maxVariables ?? 10}`);
  for (const n of graph.nodes) {
    if (!used.has(n.id) || hidden.has(n.id)) continue;
    const copies = repeated.has(n.id) ? [...new Set(readers.get(n.id))].map((sid) => idOf(n.id, sid) as string) : [idOf(n.id) as string];
    for (const id of copies) {
      if (defined.has(id)) continue;
      defined.add(id);
      out.push(`  ${shapeNode(id, n.kind, quoteLabel(n.label))}`);
      classes.set(id, nodeClass(n));
    }
  }
  // Blocks that began in an earlier diagram are titled as continued.
  const continued = openedBefore(chunk[0]?.index ?? 0);
  out.push(...renderSteps(chunk, classes, continued));
  // Invisible links keep steps in source order where the data flow does not decide it. They
  // come after every subgraph: a link inside a subgraph would pull its ends into it.
  for (let i = 1; i < chunk.length; i++) out.push(`  ${mermaidId('s', (chunk[i - 1] as Step).id)} ~~~ ${mermaidId('s', (chunk[i] as Step).id)}`);
  out.push(...renderEdges(chunk, nodes, idOf, maxColumns, graph.spellings));
  if (options.legend !== false) out.push(...legendLines(new Set(classes.values())).map((l) => `  ${l}`));
  for (const d of CLASS_DEFS) out.push(`  ${d}`);
  out.push('  classDef unp fill:#fef9c3,stroke:#a16207,stroke-dasharray:6 3,color:#0f172a');
  for (const c of classLines(classes)) out.push(`  ${c}`);
  return `${out.join('\n')}\n`;
}

/** Step nodes inside nested subgraphs that open and close as the control context changes. */
function renderSteps(chunk: readonly Step[], classes: Map<string, string>, continued: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const open: ControlContext[] = [];
  const indent = (): string => '  '.repeat(open.length + 1);
  for (const step of chunk) {
    let common = 0;
    while (common < open.length && common < step.context.length && open[common]?.id === step.context[common]?.id) common++;
    while (open.length > common) {
      open.pop();
      out.push(`${indent()}end`);
    }
    for (const ctx of step.context.slice(common)) {
      const title = `${CONTROL_PREFIX[ctx.kind]}${truncateText(ctx.label, 48)} · ${formatLines(ctx.lines)}${continued.has(ctx.id) ? ' (continued)' : ''}`;
      out.push(`${indent()}subgraph ${mermaidId('b', ctx.id)}[${quoteLabel(title)}]`);
      open.push(ctx);
      out.push(`${indent()}direction TB`);
    }
    const id = mermaidId('s', step.id);
    const label = step.kind === 'unparsed' ? `${step.id} · unparsed` : `${step.id} · ${truncateText(step.label, 40)}`;
    out.push(`${indent()}${id}[${quoteLabel(label, formatLines(step.lines))}]`);
    classes.set(id, step.kind === 'unparsed' ? 'unp' : 'step');
  }
  while (open.length > 0) {
    open.pop();
    out.push(`${indent()}end`);
  }
  return out;
}

function renderEdges(chunk: readonly Step[], nodes: ReadonlyMap<string, GraphNode>, idOf: (id: string, stepId?: string) => string | undefined, maxColumns: number, spellings: DataFlowGraph['spellings']): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const edge = (from: string | undefined, arrow: string, to: string | undefined, columns: readonly string[]): void => {
    if (from === undefined || to === undefined) return;
    const key = `${from} ${arrow} ${to}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(columns.length > 0 ? `  ${from} ${arrow}|${quoteLabel(shortenList(columns.map((c) => spellingOf(spellings, c)), maxColumns, 32))}| ${to}` : `  ${from} ${arrow} ${to}`);
  };
  for (const step of chunk) {
    const sid = mermaidId('s', step.id);
    for (const r of step.reads) if (nodes.has(r.node)) edge(idOf(r.node, step.id), '-->', sid, r.columns);
    for (const w of step.writes) if (nodes.has(w.node)) edge(sid, '==>', idOf(w.node), w.columns);
    for (const c of step.calls) if (nodes.has(c)) edge(sid, '-.->', idOf(c), []);
  }
  return out;
}
