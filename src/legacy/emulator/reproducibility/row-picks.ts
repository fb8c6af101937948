import { walk, type Delete, type Node, type Statement, type Update } from '../../../tsql';
import type { EmulatorState } from '../state';
import type { SqlTranslator } from '../expressions';
import { SqlScope } from '../sql-scope';

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

/**
 * Under SET ROWCOUNT n a SELECT, INSERT or MERGE stops after n rows too: only UPDATE and DELETE
 * are emulated so. A statement that makes one row at most is never cut (n is at least 1): the
 * `SELECT @err = @@ERROR, @rc = @@ROWCOUNT` after each UPDATE of a ROWCOUNT batching loop, or a
 * one-row `INSERT … VALUES` of a log line inside it.
 */
export function refuseUnderRowCount(state: EmulatorState, s: Statement): void {
  if (state.rowCountLimit > 0 && !makesOneRowAtMost(s)) throw state.unsupported(s, `${s.kind === 'Select' ? 'a SELECT' : s.kind === 'Insert' ? 'an INSERT' : 'a MERGE'} under SET ROWCOUNT ${state.rowCountLimit} (only UPDATE and DELETE are limited by the emulator)`);
}

/** A SELECT without FROM, or an INSERT of one VALUES row, with no nested query (whose rows SET ROWCOUNT might cut). */
function makesOneRowAtMost(s: Statement): boolean {
  let rows: Node;
  if (s.kind === 'Select') {
    if (s.ctes.length > 0 || s.body.kind !== 'QuerySpec' || s.body.from.length > 0 || s.body.into !== undefined || s.body.groupBy !== undefined || s.body.having !== undefined) return false;
    rows = s.body;
  } else if (s.kind === 'Insert') {
    if (s.ctes.length > 0 || s.source.kind !== 'ValuesSource' || s.source.rows.length !== 1) return false;
    rows = s.source;
  } else return false;
  let nested = false;
  walk(rows, (n) => {
    if (n.kind === 'Select') nested = true;
    return !nested;
  });
  return !nested;
}
