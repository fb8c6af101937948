import type * as A from '../tsql';
import { normalizeObjectName } from '../tsql';
import type { ColumnRef } from './graph';
import type { DraftNode } from './node-registry';
import type { AnalyzerContext } from './query-analyzer';
import type { StepRecorder } from './step-recorder';

/** The graph node of the permanent table (or view) `key` (a normalised name), `label` as written, created on first reference. */
export function namedTableNode(ctx: AnalyzerContext, key: string, label: string, line: number): DraftNode {
  const found = ctx.registry.find('table', key);
  if (found) return found;
  const node = ctx.registry.ensure('table', key, label, line);
  const target = ctx.synonymOf?.(key);
  if (target !== undefined) node.synonymOf = target;
  return node;
}

/**
 * A call of a user scalar function the analysed files define (schema-qualified, as SQL Server
 * requires): the step reads what its body reads, and the value's sources are the table columns
 * its result is computed from (scalar-function-entries.ts); `spellings` takes the columns as the
 * function writes them. Empty for any other call.
 */
export function scalarCallSources(ctx: AnalyzerContext, step: StepRecorder, name: A.ObjectName, spellings: Map<string, string>): ColumnRef[] {
  if (name.parts.length < 2) return [];
  const fn = ctx.tableFunctionOf?.(normalizeObjectName(name, ctx.defaultSchema));
  if (fn?.type !== 'scalar') return [];
  const line = name.span.start.line;
  for (const [key, written] of fn.spellings ?? []) if (!spellings.has(key)) spellings.set(key, written);
  const nodes = new Map<string, DraftNode>();
  fn.reads.forEach(([key, label], i) => {
    const node = namedTableNode(ctx, key, label, line);
    nodes.set(key, node);
    const columns = fn.readColumns?.[i] ?? [];
    if (columns.length === 0) step.read(node);
    for (const c of columns) step.read(node, c);
  });
  return (fn.returns ?? []).flatMap(([key, column]) => {
    const node = nodes.get(key);
    return node === undefined ? [] : [{ node: node.id, column }];
  });
}
