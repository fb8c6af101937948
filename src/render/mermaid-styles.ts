import type { GraphNode, NodeKind } from '../dataflow';
import { quoteLabel } from './mermaid-text';

/** Shape of each node kind, so a reader tells a table from a variable without the legend.
 * A Record over the kinds: a new node kind without a shape fails to compile. */
const SHAPES: Readonly<Record<NodeKind, (label: string) => string>> = {
  'table': (l) => `[(${l})]`,
  'temp-table': (l) => `[/${l}/]`,
  'table-variable': (l) => `[\\${l}\\]`,
  'variable': (l) => `([${l}])`,
  'parameter': (l) => `([${l}])`,
  'cursor': (l) => `{{${l}}}`,
  'procedure': (l) => `[[${l}]]`,
  'result-set': (l) => `>${l}]`,
  'dynamic-sql': (l) => `{{${l}}}`,
  // a table-valued function: a trapezoid, rows computed from the tables beneath it
  'function': (l) => `[/${l}\\]`,
};

/** `id<shape>` for a node definition; `label` is already quoted. */
export function shapeNode(id: string, kind: NodeKind, label: string): string {
  return `${id}${SHAPES[kind](label)}`;
}

/** The mermaid class of a node: outputs stand out whatever their kind. */
export function nodeClass(node: GraphNode): string {
  if (node.kind === 'dynamic-sql') return 'dyn';
  if (node.role === 'output') return 'out';
  switch (node.kind) {
    case 'table':
    case 'function': return 'tbl';
    case 'temp-table':
    case 'table-variable': return 'tmp';
    case 'variable':
    case 'parameter': return 'var';
    case 'cursor': return 'cur';
    case 'procedure': return 'proc';
    case 'result-set': return 'out';
  }
}

/** classDef lines shared by every diagram (colour-blind-safe fills, dark text). */
export const CLASS_DEFS: readonly string[] = [
  'classDef tbl fill:#dbeafe,stroke:#1e40af,color:#0f172a',
  'classDef out fill:#fde68a,stroke:#b45309,stroke-width:3px,color:#0f172a',
  'classDef tmp fill:#e5e7eb,stroke:#374151,stroke-dasharray:4 3,color:#0f172a',
  'classDef var fill:#f3e8ff,stroke:#7e22ce,color:#0f172a',
  'classDef cur fill:#fce7f3,stroke:#be185d,color:#0f172a',
  'classDef proc fill:#dcfce7,stroke:#15803d,color:#0f172a',
  'classDef dyn fill:#fee2e2,stroke:#b91c1c,stroke-width:2px,color:#0f172a',
  'classDef step fill:#ffffff,stroke:#475569,color:#0f172a',
  'classDef agg fill:#f1f5f9,stroke:#64748b,stroke-dasharray:2 2,color:#0f172a',
];

/** Applies classes: `class a,b,c tbl` lines, grouped and sorted for stable output. */
export function classLines(assignments: ReadonlyMap<string, string>): string[] {
  const byClass = new Map<string, string[]>();
  for (const [id, cls] of assignments) {
    const list = byClass.get(cls) ?? [];
    list.push(id);
    byClass.set(cls, list);
  }
  return [...byClass.keys()].sort().map((cls) => `class ${(byClass.get(cls) as string[]).sort().join(',')} ${cls}`);
}

/** The legend as a small mermaid subgraph: one sample node per style used. */
export function legendLines(classesUsed: ReadonlySet<string>): string[] {
  const samples: readonly (readonly [string, NodeKind, string])[] = [
    ['tbl', 'table', 'table (input)'],
    ['out', 'table', 'output'],
    ['tmp', 'temp-table', '#temp / @table'],
    ['var', 'variable', '@variable'],
    ['cur', 'cursor', 'cursor'],
    ['proc', 'procedure', 'called procedure'],
    ['dyn', 'dynamic-sql', 'dynamic SQL'],
    ['again', 'table', 'drawn again ↺'],
  ];
  const used = samples.filter(([cls]) => classesUsed.has(cls));
  if (used.length === 0) return [];
  const lines = ['subgraph legend["Legend"]', 'direction LR'];
  for (const [cls, kind, text] of used) lines.push(shapeNode(`legend_${cls}`, kind, quoteLabel(text)));
  for (let i = 1; i < used.length; i++) lines.push(`legend_${used[i - 1]?.[0]} ~~~ legend_${used[i]?.[0]}`);
  lines.push('end');
  for (const [cls] of used) lines.push(`class legend_${cls} ${cls}`);
  return lines;
}
