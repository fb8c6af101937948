import type { Node, OutputClause, TableTarget } from '../../../tsql';
import { walk } from '../../../tsql';
import type { EmulatorState, TableInfo } from '../state';
import { existingTaint, noteColumnValues } from './taint-state';

/*
 * Composable DML (composable-dml.ts): `INSERT … SELECT … FROM (MERGE dim … OUTPUT $action,
 * deleted.[Key], inserted.* …) AS changes`. The nested statement's OUTPUT rows land in a #temp
 * table the outer INSERT reads. When the nested statement numbers identity values in no defined
 * order (a MERGE inserting several rows), only its target's identity column is listed, as for a
 * MERGE without OUTPUT, and the OUTPUT columns that carry the numbers are marked on the #temp
 * table; column-taint.ts then follows them into the outer INSERT's columns as any read of a
 * numbered column. Where this file cannot tell which #temp column holds what, the #temp table is
 * tainted whole: its reader, and all the statement writes, are listed (never fewer).
 */

/** The OUTPUT clauses composable DML takes (their rows go to its #temp table, which this file marks). */
const followedOutputs = new WeakSet<OutputClause>();

/** `output` is a composable DML's, redirected to its #temp table: dml.ts may list the identity column alone. */
export function followComposableOutput(output: OutputClause): void {
  followedOutputs.add(output);
}

/** Whether the OUTPUT rows of `output` go to a composable DML's #temp table whose columns markComposableOutput marks. */
export function isFollowedOutput(output: OutputClause | undefined): boolean {
  return output !== undefined && followedOutputs.has(output);
}

/** The tainted single columns of each table before the nested statement runs (`deleted.<c>` reads those). */
export function columnTaintBefore(state: EmulatorState): Map<TableInfo, Set<string>> {
  const out = new Map<TableInfo, Set<string>>();
  for (const [info, cols] of existingTaint(state)?.identityColumns ?? []) out.set(info, new Set([...cols.keys()].map((c) => c.toLowerCase())));
  return out;
}

/**
 * After the nested statement ran: marks the columns of the #temp table `temp` that OUTPUT items
 * fill with tainted values of the statement's target (`target` as written): `inserted.<c>` of a
 * column tainted now, `deleted.<c>` of one tainted before, a column of that name under any other
 * qualifier or none (by name: over-approximated), `inserted.*` / `deleted.*` their tainted
 * columns. `items`: the OUTPUT items as the #temp table was made from them (a column list's names
 * as aliases).
 */
export function markComposableOutput(state: EmulatorState, output: OutputClause, target: TableTarget, temp: TableInfo, before: ReadonlyMap<TableInfo, ReadonlySet<string>>): void {
  temps.add(temp);
  const r = existingTaint(state);
  if (r === undefined) return;
  const info = r.targets.get(target);
  // The nested statement's target unknown, or tainted whole (a computed column reading its numbers): its OUTPUT may carry any of it.
  if (info === undefined) {
    if ((r.writes?.size ?? 0) > 0) r.tables.add(temp);
    return;
  }
  if (r.tables.has(info)) {
    r.tables.add(temp);
    return;
  }
  const now = new Set([...r.identityColumns.get(info)?.keys() ?? []].map((c) => c.toLowerCase()));
  const then = before.get(info) ?? new Set<string>();
  if (now.size === 0 && then.size === 0) return;
  const causes = [...new Set([...r.identityColumns.get(info)?.values() ?? []].flat())];
  const tainted = new Set<string>();
  let unknown = false;
  for (const item of output.items) {
    const e = item.expression;
    if (e.kind === 'Star') {
      const which = e.qualifier[e.qualifier.length - 1]?.name.toLowerCase();
      for (const c of which === 'deleted' ? then : which === 'inserted' ? now : new Set([...now, ...then])) tainted.add(c);
      continue;
    }
    if (!readsTainted(e, now, then)) continue;
    const name = item.alias?.name ?? (e.kind === 'ColumnRef' ? e.parts[e.parts.length - 1]?.name : undefined);
    if (name === undefined) unknown = true;
    else tainted.add(name.toLowerCase());
  }
  const names = temp.columns.map((c) => c.name.toLowerCase());
  // Two #temp columns of one name (`inserted.*, deleted.*`): which holds the numbers is not told by name.
  if (unknown || new Set(names).size !== names.length) {
    r.tables.add(temp);
    return;
  }
  for (const c of temp.columns) if (tainted.has(c.name.toLowerCase())) for (const cause of causes.length > 0 ? causes : ['identity values numbered in no defined order']) noteColumnValues(r, temp, c.name, cause);
}

/** Whether expression `e` of an OUTPUT item names a tainted column: `inserted.` after the statement, `deleted.` before it, anything else either. */
function readsTainted(e: Node, now: ReadonlySet<string>, then: ReadonlySet<string>): boolean {
  let found = false;
  walk(e, (n) => {
    if (found) return false;
    if (n.kind !== 'ColumnRef') return undefined;
    const col = (n.parts[n.parts.length - 1]?.name ?? '').toLowerCase();
    const q = n.parts.length >= 2 ? n.parts[n.parts.length - 2]?.name.toLowerCase() : undefined;
    found = q === 'inserted' ? now.has(col) : q === 'deleted' ? then.has(col) : now.has(col) || then.has(col);
    return undefined;
  });
  return found;
}

/**
 * Where statement `s` may name the numbered identity of `info`, a table it changes, without a FROM
 * marking the read (statement-tracking.ts namesNumberedIdentity): the whole statement, less what a
 * composable DML source hands on through its #temp table. The #temp table itself: nowhere (its
 * reader's FROM marks its columns); the nested statement's target: that statement, less its OUTPUT
 * (the outer query's `changes.[Customer Key]` reads the #temp table, not the dimension).
 */
export function identityReadScope(s: Node, info: TableInfo, targets: ReadonlyMap<Node, TableInfo>): { root: Node; skip: Set<Node> } | undefined {
  if (temps.has(info)) return undefined;
  const skip = new Set<Node>();
  if (s.kind !== 'Insert' || s.source.kind !== 'Select' || s.source.body.kind !== 'QuerySpec') return { root: s, skip };
  for (const f of s.source.body.from) {
    if (f.kind !== 'DmlTable' || f.statement.output === undefined) continue;
    walk(f.statement.output, (n) => { skip.add(n); });
    if (targets.get(f.statement.target) === info && targets.get(s.target) !== info) return { root: f.statement, skip };
  }
  return { root: s, skip };
}

/** The #temp tables composable DML made (markComposableOutput). */
const temps = new WeakSet<TableInfo>();
