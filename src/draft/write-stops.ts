import { freshName, type DraftContext, type TableState } from './draft-scope';

/*
 * What the checks after a write share (check-constraints.ts, not-null-columns.ts,
 * key-constraints.ts): which table states they check, and how a check stops the drafted query.
 */

/** Whether the rows of a table state can be checked: known (not refused), not empty, not a statement's CTE. */
export function checkableRows(state: TableState): boolean {
  return state.refused === undefined && state.empty !== true && state.cte !== true && state.relation !== '';
}

/**
 * `state` with its rows passed through `whens` (`WHEN <condition over alias> THEN error(…)`): a
 * CTE of the same rows in the same order (a filter, never a window: `migrate run` writes rows in
 * the order the transform gives them), or `state` itself when there is nothing to check.
 */
export function withRowStops(ctx: DraftContext, key: string, state: TableState, alias: string, whens: readonly string[]): TableState {
  if (whens.length === 0) return state;
  const relation = freshName(ctx, key);
  ctx.ctes.push({ name: relation, sql: `SELECT ${alias}.*\nFROM ${state.relation} ${alias}\nWHERE CASE ${whens.join(' ')} ELSE true END` });
  return { ...state, relation };
}
