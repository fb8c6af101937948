import type { GraphNode, Step } from '../dataflow';
import { readsOf } from './graph-queries';
import { mermaidId } from './mermaid-text';

/** One drawing of a structure in a step diagram; a structure may be drawn several times. */
export interface NodeCopy {
  /** The mermaid id: `n_<node>` for the first drawing, `n_<node>__<step>` for later ones. */
  readonly id: string;
  readonly node: GraphNode;
  /** A later drawing of a structure already drawn in this diagram (labelled with ↺). */
  readonly again: boolean;
}

/** One drawn edge between a step and a drawing of a structure. */
export interface CopyEdge {
  readonly step: string;
  readonly copy: string;
  readonly direction: 'read' | 'write' | 'call';
  readonly columns: readonly string[];
}

/** Where every structure of a diagram is drawn: the drawings to define just before each step
 * (inside that step's loop or branch box), and the edges. */
export interface NodePlacement {
  /** By step id: the drawings first used by that step, in order. */
  readonly before: ReadonlyMap<string, readonly NodeCopy[]>;
  readonly edges: readonly CopyEdge[];
}

/** Limits of the placement. */
export interface PlacementLimits {
  /** Edges one drawing may carry before the structure is drawn again (default 6). */
  readonly maxNodeEdges?: number;
  /** Steps between two uses of a drawing before the structure is drawn again (default 6). */
  readonly maxGap?: number;
}

/** Scalars are not drawn as nodes in step diagrams: they live in the step labels. */
export function isScalar(node: GraphNode): boolean {
  return node.kind === 'variable' || node.kind === 'parameter';
}

interface OpenCopy {
  readonly id: string;
  readonly scope: string;
  lastUse: number;
  edges: number;
}

/**
 * Decides where each table, #temp table, table variable, cursor, result set, called
 * procedure and dynamic-SQL node of a step diagram is drawn. A structure gets one drawing per
 * stretch of use: a new one whenever a step using it runs in a different loop or branch box
 * than the current drawing (so no edge crosses a box to reach it), is more than `maxGap`
 * steps after the drawing's last use (so no edge runs the length of the page), or would give
 * the drawing more than `maxNodeEdges` edges (so no node becomes a hub). Each drawing is
 * defined just before the step that first uses it, in that step's box, which keeps rows
 * flowing top to bottom in statement order. Scalars (variables, parameters) get no drawing:
 * the caller writes them into the step labels.
 */
export function placeStructures(steps: readonly Step[], nodes: ReadonlyMap<string, GraphNode>, limits: PlacementLimits = {}): NodePlacement {
  const maxEdges = limits.maxNodeEdges ?? 6;
  const maxGap = limits.maxGap ?? 6;
  const open = new Map<string, OpenCopy>();
  const drawnBefore = new Set<string>();
  const before = new Map<string, NodeCopy[]>();
  const edges: CopyEdge[] = [];
  steps.forEach((step, position) => {
    const scope = step.context.map((c) => c.id).join('/');
    const wanted: { node: GraphNode; direction: CopyEdge['direction']; columns: readonly string[] }[] = [];
    const seen = new Set<string>();
    const want = (id: string, direction: CopyEdge['direction'], columns: readonly string[]): void => {
      const node = nodes.get(id);
      if (!node || isScalar(node) || seen.has(`${direction} ${id}`)) return;
      seen.add(`${direction} ${id}`);
      wanted.push({ node, direction, columns });
    };
    // a temporal read (FOR SYSTEM_TIME) says so on its arrow: its rows come from the table and its history
    // so does a table only a called procedure touches: `via dbo.usp_X` before its columns
    const via = (id: string, access: 'read' | 'write', columns: readonly string[]): readonly string[] => {
      const t = step.through?.find((x) => x.node === id && x.access === access);
      return t === undefined ? columns : [`via ${t.via.join(', ')}`, ...columns];
    };
    for (const r of readsOf(step)) want(r.node, 'read', step.temporal?.includes(r.node) ? ['FOR SYSTEM_TIME', ...r.columns] : via(r.node, 'read', r.columns));
    for (const w of step.writes) want(w.node, 'write', via(w.node, 'write', w.columns));
    for (const c of step.calls) want(c, 'call', []);
    // Edges this step adds to each structure, so a drawing is never pushed past the limit.
    const adding = new Map<string, number>();
    for (const w of wanted) adding.set(w.node.id, (adding.get(w.node.id) ?? 0) + 1);
    for (const { node, direction, columns } of wanted) {
      let copy = open.get(node.id);
      const count = adding.get(node.id) ?? 1;
      const fresh = copy === undefined || copy.scope !== scope || position - copy.lastUse > maxGap
        || (copy.lastUse !== position && copy.edges + count > maxEdges);
      if (fresh) {
        const again = drawnBefore.has(node.id);
        const id = again ? `${mermaidId('n', node.id)}__${step.id}` : mermaidId('n', node.id);
        copy = { id, scope, lastUse: position, edges: 0 };
        open.set(node.id, copy);
        drawnBefore.add(node.id);
        const list = before.get(step.id) ?? [];
        list.push({ id, node, again });
        before.set(step.id, list);
      }
      const current = copy as OpenCopy;
      current.lastUse = position;
      current.edges++;
      edges.push({ step: step.id, copy: current.id, direction, columns });
    }
  });
  return { before, edges };
}

/** `sets @a, @b · reads @c` for the scalars a step writes and reads; empty when none. */
export function scalarSummary(step: Step, nodes: ReadonlyMap<string, GraphNode>, shorten: (names: readonly string[]) => string): string {
  const labels = (list: readonly { readonly node: string }[]): string[] => {
    const out: string[] = [];
    for (const a of list) {
      const n = nodes.get(a.node);
      if (n && isScalar(n) && !out.includes(n.label)) out.push(n.label);
    }
    return out;
  };
  const sets = labels(step.writes);
  const reads = labels(step.reads);
  const parts: string[] = [];
  if (sets.length > 0) parts.push(`sets ${shorten(sets)}`);
  if (reads.length > 0) parts.push(`reads ${shorten(reads)}`);
  return parts.join(' · ');
}
