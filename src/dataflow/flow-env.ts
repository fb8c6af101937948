import type { SourceSpan } from '../core';
import type * as A from '../tsql';
import type { StepKind } from './graph';
import type { DraftNode, NodeRegistry } from './node-registry';
import type { QueryAnalyzer } from './query-analyzer';
import type { OutputColumn } from './scope';

/** What a statement handler returns: the step's kind and its short label. */
export interface StepShape {
  readonly kind: StepKind;
  readonly label: string;
  /** A MERGE's actions as the DML events its target's triggers see (`INSERT`, `UPDATE`, `DELETE`). */
  readonly events?: readonly string[];
}

/** The state a statement handler may use and change while its step is analysed. */
export interface FlowEnv {
  readonly analyzer: QueryAnalyzer;
  readonly registry: NodeRegistry;
  readonly defaultSchema: string;
  /** Normalised names of the procedures in the analysed set (for `linked`). */
  readonly knownProcedures: ReadonlySet<string>;
  /** Records the columns a #temp, table variable or cursor is declared with (or gets from
   * SELECT … INTO), so `*` and positional INSERTs can be resolved later. */
  declareColumns(node: DraftNode, columns: readonly string[]): void;
  knownColumns(node: DraftNode): readonly string[] | undefined;
  /** A new result-set node (numbered in source order). */
  resultSet(line: number): DraftNode;
  warn(span: SourceSpan, code: string, message: string): void;
}

/**
 * Writes query output columns into a node: records the write with its columns and one lineage
 * entry per named column. `targets` maps positionally (INSERT column lists, positional INSERT
 * into a table whose columns are known); without it the output names are used.
 */
export function writeOutputs(env: FlowEnv, node: DraftNode, outputs: readonly OutputColumn[], targets?: readonly string[]): void {
  const cols: string[] = [];
  outputs.forEach((out, i) => {
    const column = targets ? targets[i] : out.name;
    if (column === undefined || column === '') return;
    cols.push(column);
    if (column === '*') return;
    env.analyzer.step.addLineage({ node: node.id, column }, out.origin);
  });
  env.registry.addColumns(node, cols);
  env.analyzer.step.write(node, cols);
}

/** The node a write target stands for (a table, #temp or table variable); undefined for rowset
 * functions such as OPENQUERY, whose tables are unknown. */
export function targetNode(env: FlowEnv, target: A.TableTarget): DraftNode | undefined {
  if (target.kind === 'TableRef') return env.analyzer.tableNode(target.name);
  if (target.kind === 'TableVariableRef') return env.analyzer.tableVariableNode(target.variable);
  return undefined;
}

/** `INSERT #kpi`, `UPDATE dbo.orders`: a step label naming its main node. */
export function labelFor(verb: string, node: DraftNode | undefined): string {
  return node ? `${verb} ${node.label}` : verb;
}
