/** How busy one step diagram is: what a reader has to follow. */
export interface DiagramMetrics {
  /** Step nodes (ids starting `s_`). */
  readonly steps: number;
  /** Drawn edges (`-->`, `==>`, `-.->`); invisible `~~~` links only order the layout. */
  readonly edges: number;
  /** The most edges touching any one node (step or structure), legend left out. */
  readonly maxNodeEdges: number;
  /** `edges / steps` (0 without steps). */
  readonly edgesPerStep: number;
  /** Characters of the mermaid text (GitHub refuses beyond 50 000). */
  readonly textLength: number;
}

/** Across many step diagrams: the figures issue 14 sets targets for. */
export interface DiagramCorpusMetrics {
  /** Diagrams measured (those with at least `minSteps` steps). */
  readonly diagrams: number;
  readonly medianEdgesPerStep: number;
  readonly medianMaxNodeEdges: number;
  readonly p90MaxNodeEdges: number;
}

// Visible edges: an id, an arrow, an optional |"label"|, an id. Labels are quoted and escaped
// by quoteLabel, so they never hold a raw quote or pipe.
const EDGE = /^\s*([A-Za-z][\w]*)\s+(-->|==>|-\.->|~~~)\s*(?:\|"[^"]*"\|\s*)?([A-Za-z][\w]*)\s*$/;
const STEP_DEF = /^\s*(s_\w+)\[/;

/**
 * Measures one mermaid flowchart as our step diagrams write it: steps are the nodes whose id
 * starts with `s_`, edges the drawn links (not `~~~`, which only keeps statement order), and
 * each node's edges count both ends. The legend's nodes have no drawn links, so they never
 * count. It reads our own output format, not arbitrary mermaid.
 */
export function measureDiagram(text: string): DiagramMetrics {
  const steps = new Set<string>();
  const degree = new Map<string, number>();
  let edges = 0;
  for (const line of text.split('\n')) {
    const step = STEP_DEF.exec(line);
    if (step) steps.add(step[1] as string);
    const edge = EDGE.exec(line);
    if (!edge || edge[2] === '~~~') continue;
    edges++;
    for (const end of [edge[1] as string, edge[3] as string]) degree.set(end, (degree.get(end) ?? 0) + 1);
  }
  return {
    steps: steps.size,
    edges,
    maxNodeEdges: Math.max(0, ...degree.values()),
    edgesPerStep: steps.size === 0 ? 0 : edges / steps.size,
    textLength: text.length,
  };
}

/** The nearest-rank percentile (`p` in 0–100) of a non-empty list; 0 for an empty one. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * Summarises step diagrams the way issue 14 measures readability: only diagrams with at least
 * `minSteps` steps (default 15; short diagrams are readable whatever they do) count; the
 * median of their edges per step, and the median and 90th percentile of their busiest node.
 */
export function measureDiagramCorpus(texts: readonly string[], minSteps = 15): DiagramCorpusMetrics {
  const measured = texts.map(measureDiagram).filter((m) => m.steps >= minSteps);
  const busiest = measured.map((m) => m.maxNodeEdges);
  return {
    diagrams: measured.length,
    medianEdgesPerStep: percentile(measured.map((m) => m.edgesPerStep), 50),
    medianMaxNodeEdges: percentile(busiest, 50),
    p90MaxNodeEdges: percentile(busiest, 90),
  };
}
