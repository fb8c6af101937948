import { assignFileStems } from '../core';
import type { DataFlowGraph } from '../dataflow';

/**
 * The report file stem of every graph of an analysis, parallel to `graphs`: `assignFileStems`
 * over their object names, where the definition in effect of an object defined more than once
 * is named first (so it gets `dbo.x.md` and the others `dbo.x~2.md`, …). The analyze command
 * names the files with it and index.md and the reports link with it, so all always agree.
 */
export function reportStems(graphs: readonly Pick<DataFlowGraph, 'object'>[]): string[] {
  const later = (g: Pick<DataFlowGraph, 'object'>): number => (g.object.duplicate !== undefined && !g.object.duplicate.current ? 1 : 0);
  const order = graphs.map((_, i) => i).sort((a, b) => later(graphs[a] as Pick<DataFlowGraph, 'object'>) - later(graphs[b] as Pick<DataFlowGraph, 'object'>) || a - b);
  const stems = assignFileStems(order.map((i) => (graphs[i] as Pick<DataFlowGraph, 'object'>).object.name));
  const out: string[] = new Array<string>(graphs.length);
  order.forEach((i, k) => { out[i] = stems[k] as string; });
  return out;
}
