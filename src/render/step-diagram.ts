import type { ControlContext, ControlKind, DataFlowGraph, GraphNode, LineRange, Step, StepKind } from '../dataflow';
import { hasDataFlow, indexNodes, nodeText } from './graph-queries';
import { spellingOf } from '../dataflow';
import { CLASS_DEFS, classLines, legendLines, nodeClass, shapeNode } from './mermaid-styles';
import { formatLines, mermaidId, quoteLabel, shortenList, truncateText } from './mermaid-text';
import { placeStructures, scalarSummary, type NodeCopy } from './step-node-copies';

/** Appended to the label of a table drawn again in the same diagram. */
export const AGAIN_MARK = '↺';

/** Options of the step diagrams. */
export interface StepDiagramOptions {
  /** Steps per diagram before splitting (default 25: beyond that mermaid's layout turns
   * into a staircase nobody can read); a top-level loop or branch is kept in one diagram when
   * it fits. */
  readonly maxSteps?: number;
  /** Columns named on an edge before `+N` (default 3). */
  readonly maxEdgeColumns?: number;
  /** Edges one drawing of a table may carry before the table is drawn again (default 6). */
  readonly maxNodeEdges?: number;
  /** Steps between two uses of one drawing of a table before it is drawn again near the
   * later use (default 6). */
  readonly maxGap?: number;
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
const UNDRAWN: ReadonlySet<StepKind> = new Set<StepKind>(['create-table', 'alter-table', 'drop-table', 'open', 'close', 'deallocate']);

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
  const key = `${options.maxSteps}|${options.maxEdgeColumns}|${options.maxNodeEdges}|${options.maxGap}|${options.legend}`;
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

function renderChunk(graph: DataFlowGraph, nodes: ReadonlyMap<string, GraphNode>, chunk: readonly Step[], openedBefore: (first: number) => ReadonlySet<string>, options: StepDiagramOptions): string {
  const maxColumns = options.maxEdgeColumns ?? 3;
  // Scalar variables are not nodes: each step's label says which it sets and reads. Even a
  // variable carrying a value from one loop to the next gets no node: its readers and writers
  // sit in different loop boxes, so its edges would be exactly the long box-crossing lines
  // that made these diagrams unreadable, and the labels (in statement order) already show the
  // hand-over. The column lineage tables trace values through variables.
  const placement = placeStructures(chunk, nodes, { maxNodeEdges: options.maxNodeEdges ?? 6, maxGap: options.maxGap ?? 6 });
  const classes = new Map<string, string>();
  const again: string[] = [];
  const out = ['flowchart TB'];
  // Blocks that began in an earlier diagram are titled as continued.
  const continued = openedBefore(chunk[0]?.index ?? 0);
  const defineCopy = (copy: NodeCopy): string => {
    classes.set(copy.id, nodeClass(copy.node));
    if (copy.again) again.push(copy.id);
    return shapeNode(copy.id, copy.node.kind, quoteLabel(copy.again ? `${nodeText(copy.node)} ${AGAIN_MARK}` : nodeText(copy.node)));
  };
  out.push(...renderSteps(chunk, classes, continued, (step) => [
    ...(placement.before.get(step.id) ?? []).map(defineCopy),
  ], (step) => scalarSummary(step, nodes, (names) => shortenList(names, 4, 40))));
  // Invisible links keep steps in source order where the data flow does not decide it. They
  // come after every subgraph: a link inside a subgraph would pull its ends into it.
  for (let i = 1; i < chunk.length; i++) out.push(`  ${mermaidId('s', (chunk[i - 1] as Step).id)} ~~~ ${mermaidId('s', (chunk[i] as Step).id)}`);
  for (const e of placement.edges) {
    const sid = mermaidId('s', e.step);
    const label = e.columns.length > 0 ? `|${quoteLabel(shortenList(e.columns.map((c) => spellingOf(graph.spellings, c)), maxColumns, 32))}| ` : '';
    if (e.direction === 'read') out.push(`  ${e.copy} -->${label === '' ? ' ' : label}${sid}`);
    else out.push(`  ${sid} ${e.direction === 'write' ? '==>' : '-.->'}${label === '' ? ' ' : label}${e.copy}`);
  }
  if (options.legend !== false) out.push(...legendLines(new Set([...classes.values(), ...(again.length > 0 ? ['again'] : [])])).map((l) => `  ${l}`));
  for (const d of CLASS_DEFS) out.push(`  ${d}`);
  out.push('  classDef unp fill:#fef9c3,stroke:#a16207,stroke-dasharray:6 3,color:#0f172a');
  // After the kinds' classDefs, so its border wins: a table drawn again keeps its kind's fill.
  out.push('  classDef again stroke-dasharray:1 3,stroke-width:2px');
  for (const c of classLines(classes)) out.push(`  ${c}`);
  // A second class on the later drawings: their own colour stays, the border shows the repeat.
  if (again.length > 0) out.push(`  class ${[...again].sort().join(',')} again`);
  return `${out.join('\n')}\n`;
}

/** Step nodes inside nested subgraphs that open and close as the control context changes;
 * `defined(step)` gives the node definitions to place just before a step, in its box. */
function renderSteps(chunk: readonly Step[], classes: Map<string, string>, continued: ReadonlySet<string>, defined: (step: Step) => readonly string[], scalars: (step: Step) => string): string[] {
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
    for (const line of defined(step)) out.push(`${indent()}${line}`);
    const id = mermaidId('s', step.id);
    const label = step.kind === 'unparsed' ? `${step.id} · unparsed` : `${step.id} · ${truncateText(step.label, 40)}`;
    const values = scalars(step);
    out.push(`${indent()}${id}[${quoteLabel(label, ...(values === '' ? [] : [values]), formatLines(step.lines))}]`);
    classes.set(id, step.kind === 'unparsed' ? 'unp' : 'step');
  }
  while (open.length > 0) {
    open.pop();
    out.push(`${indent()}end`);
  }
  return out;
}
