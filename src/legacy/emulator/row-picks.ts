import type { Delete, Update } from '../../tsql';
import type { SqlTranslator } from './expressions';
import { SqlScope } from './sql-scope';

/*
 * `UPDATE TOP (n)` / `DELETE TOP (n)` and either under `SET ROWCOUNT n` change n of the rows that
 * qualify: which ones is SQL Server's plan's choice (TOP in UPDATE and DELETE takes no ORDER BY).
 * The emulator takes them in table order, and in capture's second run (order-check.ts) from the
 * other end, so an output that depends on the pick is listed as non-reproducible; the usual
 * batch loop (`SET ROWCOUNT 1000; WHILE … DELETE …; IF @@ROWCOUNT = 0 BREAK`) ends the same
 * either way.
 */

/** ` ORDER BY <rid> … LIMIT n` for the rows an UPDATE/DELETE changes, or '' when nothing limits it. */
export function rowPick(t: SqlTranslator, s: Update | Delete, rid: string): string {
  const state = t.state;
  const top = s.top === undefined ? undefined : t.expr(s.top.expression, new SqlScope()).sql;
  const limit = state.rowCountLimit > 0 ? (top === undefined ? String(state.rowCountLimit) : `least(${top}, ${state.rowCountLimit})`) : top;
  if (limit === undefined) return '';
  const how = s.top !== undefined ? `${s.kind.toUpperCase()} TOP` : `${s.kind.toUpperCase()} under SET ROWCOUNT`;
  state.noteUnorderedRead(s, (place) => `the rows ${how} at ${place} changes`);
  return ` ORDER BY ${rid} ${state.reverseUnordered ? 'DESC' : 'ASC'} LIMIT ${limit}`;
}
