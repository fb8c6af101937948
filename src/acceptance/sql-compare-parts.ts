import { quoteIdent } from '../engine';
import { sqlEquals, sqlKey, sqlPrepare } from './normalize-sql';
import type { TextRules } from './normalize-rules';
import type { ColumnPair, TypedColumn } from './pair-columns';

// SQL fragments shared by the keyed and multiset compares. Internal column names are short and
// positional (k0, e0, a0…) so user column names never have to be spliced into aliases.

/** A side's column reference, or a typed NULL when only the other side has the column. */
export function sideExpr(own: TypedColumn | undefined, other: TypedColumn | undefined): string {
  if (own) return quoteIdent(own.name);
  return `CAST(NULL AS ${other?.type ?? 'VARCHAR'})`;
}

function kindOf(own: TypedColumn | undefined, other: TypedColumn | undefined): TypedColumn['kind'] {
  return own?.kind ?? other?.kind ?? 'text';
}

/** The join-key expression of one key pair on one side. */
export function keyExpr(pair: ColumnPair, side: 'expected' | 'actual', rules: TextRules, ref?: string): string {
  const [own, other] = side === 'expected' ? [pair.expected, pair.actual] : [pair.actual, pair.expected];
  return sqlKey(ref ?? sideExpr(own, other), kindOf(own, other), kindOf(other, own), pair.cls, rules);
}

/** Whether `e.eN` equals `a.aN` for one value pair, as a never-NULL boolean expression. */
export function equalsExpr(pair: ColumnPair, eRef: string, aRef: string, rules: TextRules): string {
  const ek = kindOf(pair.expected, pair.actual);
  const ak = kindOf(pair.actual, pair.expected);
  return sqlEquals(sqlPrepare(eRef, ek, pair.cls, rules), sqlPrepare(aRef, ak, pair.cls, rules), eRef, aRef, pair.cls, pair.tolerance);
}

/** Per-side facts of the key in one scan: rows, duplicated key values, their rows, NULL-key rows. */
export function keyStatsSql(view: string, keys: readonly ColumnPair[], side: 'expected' | 'actual', rules: TextRules): string {
  const ks = keys.map((k, i) => `${keyExpr(k, side, rules)} AS k${i}`);
  const nullTest = keys.length === 0 ? 'false' : keys.map((_, i) => `k${i} IS NULL`).join(' OR ');
  const kNames = keys.map((_, i) => `k${i}`).join(', ');
  const inner = keys.length === 0 ? `SELECT count(*) AS c FROM ${quoteIdent(view)}` : `SELECT ${kNames}, count(*) AS c, bool_or(${nullTest}) AS nk FROM (SELECT ${ks.join(', ')} FROM ${quoteIdent(view)}) GROUP BY ${kNames}`;
  const nullRows = keys.length === 0 ? '0' : 'coalesce(sum(c) FILTER (WHERE nk), 0)';
  return `SELECT coalesce(sum(c), 0)::BIGINT AS rows, count(*) FILTER (WHERE c > 1)::BIGINT AS dup_keys, coalesce(sum(c) FILTER (WHERE c > 1), 0)::BIGINT AS dup_rows, ${nullRows}::BIGINT AS null_rows FROM (${inner})`;
}

/**
 * The CTE of one side for the keyed join: key expressions, raw keys (for display) and values, a presence flag, and
 * (only when some key repeats) a row number over the key ordered by every value, so duplicates
 * pair up deterministically instead of multiplying or vanishing.
 */
export function keyedSideSql(view: string, pairs: readonly ColumnPair[], keys: readonly ColumnPair[], side: 'expected' | 'actual', rules: TextRules, numbered: boolean): string {
  const p = side === 'expected' ? 'e' : 'a';
  const cols = pairs.map((pair, i) => `${sideExpr(side === 'expected' ? pair.expected : pair.actual, side === 'expected' ? pair.actual : pair.expected)} AS ${p}${i}`);
  const ks = keys.map((k, i) => `${keyExpr(k, side, rules)} AS k${i}`);
  const raw = keys.map((k, i) => `${sideExpr(side === 'expected' ? k.expected : k.actual, undefined)} AS ${p}k${i}`);
  const select = [...ks, ...raw, ...cols, `true AS ${p}_present`];
  if (numbered) {
    const partition = keys.length > 0 ? `PARTITION BY ${keys.map((_, i) => `k${i}`).join(', ')} ` : '';
    const order = pairs.length === 0 ? '1' : pairs.map((pair, i) => `${keyExpr(pair, side, rules, `${p}${i}`)} NULLS FIRST`).join(', ');
    return `SELECT *, row_number() OVER (${partition}ORDER BY ${order}) AS rn FROM (SELECT ${select.join(', ')} FROM ${quoteIdent(view)})`;
  }
  return `SELECT ${select.join(', ')} FROM ${quoteIdent(view)}`;
}
