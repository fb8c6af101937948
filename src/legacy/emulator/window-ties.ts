import type { WindowSpec } from '../../tsql';
import { quote, type SqlTranslator } from './expressions';
import type { SqlScope } from './sql-scope';

/*
 * ROW_NUMBER() OVER (PARTITION BY c ORDER BY d) numbers rows with equal d in the order SQL
 * Server's plan yields them: the language leaves it open, and the `WHERE rn = 1` de-duplication
 * idiom keeps whichever row came first. The emulator breaks such ties by a hash of the row's
 * columns, ascending, and in capture's second run (order-check.ts, state.reverseUnordered)
 * descending: an output that depends on how ties were broken then comes out different in the two
 * runs and is listed as non-reproducible; rows that tie and are equal give the same output
 * either way. RANK, DENSE_RANK and aggregates over the default RANGE frame give tied rows one
 * value, so they need no tie-break.
 */

const ORDER_SENSITIVE = new Set(['ROW_NUMBER', 'NTILE', 'LAG', 'LEAD', 'FIRST_VALUE', 'LAST_VALUE']);
const AGGREGATES = new Set(['SUM', 'COUNT', 'COUNT_BIG', 'AVG', 'MIN', 'MAX', 'STDEV', 'STDEVP', 'VAR', 'VARP', 'STRING_AGG']);

/** The ORDER BY term that breaks a window's ties, or undefined when its value cannot depend on them. */
export function windowTieBreak(t: SqlTranslator, w: WindowSpec, scope: SqlScope, fn: string): string | undefined {
  const sensitive = ORDER_SENSITIVE.has(fn) || (AGGREGATES.has(fn) && w.frame?.unit === 'ROWS');
  if (!sensitive || !t.rowScopes.has(scope)) return undefined;
  const columns = (t.rowSources.get(scope) ?? []).flatMap((s) => s.columns.map((c) => `${quote(s.alias)}.${quote(c.name)}`));
  if (columns.length === 0) return undefined;
  if (!t.state.unorderedReads.has(w)) {
    const at = t.state.locate(w.span);
    const start = at?.span?.start;
    t.state.unorderedReads.set(w, `rows with equal ORDER BY values of ${fn}() OVER at ${start === undefined ? at?.file ?? '' : `${at?.file ?? ''}:${start.line}:${start.column}`}`);
  }
  return `hash(row(${columns.join(', ')})) ${t.state.reverseUnordered ? 'DESC' : 'ASC'}`;
}
