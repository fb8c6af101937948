import { quoteIdent, sqlSignificantDigits } from '../engine';
import { sqlEquals, sqlKey, sqlPrepare } from './normalize-sql';
import type { TextRules } from './normalize-rules';
import { pairRules, type ColumnPair, type TypedColumn } from './pair-columns';

// SQL fragments shared by the keyed and multiset compares. Internal column names are short and
// positional (k0, e0, a0…) so user column names never have to be spliced into aliases.

/** A side's column reference, or a typed NULL when only the other side has the column. */
export function sideExpr(own: TypedColumn | undefined, other: TypedColumn | undefined): string {
  if (own) return quoteIdent(own.name);
  return `CAST(NULL AS ${other?.heldAsText ? 'VARCHAR' : other?.type ?? 'VARCHAR'})`;
}

/** The kind of a side's SQL values: text when the column holds the file's text (heldAsText). */
function kindOf(own: TypedColumn | undefined, other: TypedColumn | undefined): TypedColumn['kind'] {
  const col = own ?? other;
  return col?.heldAsText ? 'text' : col?.kind ?? 'text';
}

/** The DuckDB type of a side's SQL values (the other side's for a column only it has). */
function typeOf(own: TypedColumn | undefined, other: TypedColumn | undefined): string | undefined {
  const col = own ?? other;
  return col?.heldAsText ? 'VARCHAR' : col?.type;
}

/** The join-key expression of one key pair on one side. */
export function keyExpr(pair: ColumnPair, side: 'expected' | 'actual', rules: TextRules, ref?: string): string {
  const [own, other] = side === 'expected' ? [pair.expected, pair.actual] : [pair.actual, pair.expected];
  return sqlKey(ref ?? sideExpr(own, other), kindOf(own, other), kindOf(other, own), pair.cls, pairRules(pair, rules), [typeOf(own, other), typeOf(other, own)]);
}

/** Whether `e.eN` equals `a.aN` for one value pair, as a never-NULL boolean expression. */
export function equalsExpr(pair: ColumnPair, eRef: string, aRef: string, rules: TextRules): string {
  const ek = kindOf(pair.expected, pair.actual);
  const ak = kindOf(pair.actual, pair.expected);
  const [et, at] = [typeOf(pair.expected, pair.actual), typeOf(pair.actual, pair.expected)];
  // Two timestamps of one type are equal exactly when their values are: skip the text form.
  if (pair.cls === 'timestamp' && ek === 'timestamp' && ak === 'timestamp' && et?.toUpperCase() === at?.toUpperCase()) return `(${eRef} IS NOT DISTINCT FROM ${aRef})`;
  // So are two floats of one type without a tolerance, and two booleans: sqlEquals' CASE then
  // reduces to it (the parsed value is the value, never NULL unless the value is; DuckDB holds
  // NaN equal to NaN and -0 to 0 in both forms), at a fraction of the per-row work.
  const untolerated = pair.tolerance.absolute === 0 && pair.tolerance.relative === 0;
  if (et !== undefined && et.toUpperCase() === at?.toUpperCase()
    && ((pair.cls === 'number' && ek === 'float' && ak === 'float' && untolerated) || (pair.cls === 'boolean' && ek === 'boolean' && ak === 'boolean'))) {
    return `(${eRef} IS NOT DISTINCT FROM ${aRef})`;
  }
  const own = pairRules(pair, rules);
  const full = exactDecimal(pair, eRef, aRef, untolerated, sqlEquals(sqlPrepare(eRef, ek, pair.cls, own, et), sqlPrepare(aRef, ak, pair.cls, own, at), eRef, aRef, pair.cls, pair.tolerance));
  // Every normalisation is a function of the value, so two equal texts are equal under any of
  // them: parsing text (a CSV's timestamps, held as text) runs only where the raw texts differ,
  // mostly on the few differing records. Only text on both sides: across types DuckDB would cast
  // one side to compare ('1.5' = 2 for a BIGINT), and typed values are cheap to compare anyway.
  return ek === 'text' && ak === 'text' && full !== `(${eRef} IS NOT DISTINCT FROM ${aRef})` ? `(CASE WHEN ${eRef} IS NOT DISTINCT FROM ${aRef} THEN true ELSE ${full} END)` : full;
}

/**
 * A DECIMAL with more than 15 significant digits or a BIGINT past 2^53 compared as a number
 * (against a DOUBLE or numeric text) is equal only when its digits are the other value's too: as
 * doubles, 123456789012345.1234 and 123456789012345.12 are one value, and so are
 * 9007199254740993 and 9007199254740992. Equal doubles have one magnitude, so the digit strings
 * decide (a double's text is its shortest exact form). Values within 15 digits are told apart by
 * their doubles, so the digits are only compared past that (the first test is one comparison).
 */
function exactDecimal(pair: ColumnPair, eRef: string, aRef: string, untolerated: boolean, equal: string): string {
  if (pair.cls !== 'number' || !untolerated) return equal;
  // The magnitude below which a column's values are exact as doubles: 10^(15 - scale) for a
  // DECIMAL past 15 digits, 2^53 for a 64-bit or wider integer (an id of 19 digits).
  const exactBelow = (c: TypedColumn | undefined): string | undefined => {
    const type = c?.heldAsText ? '' : (c?.type ?? '').toUpperCase();
    const m = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(type);
    if (m) return Number(m[1]) > 15 ? `1e${15 - Number(m[2])}` : undefined;
    return /^U?(BIGINT|HUGEINT)$/.test(type) ? '9007199254740992' : undefined;
  };
  const [eb, ab] = [exactBelow(pair.expected), exactBelow(pair.actual)];
  if ((eb === undefined) === (ab === undefined)) return equal; // two such columns compare exactly already
  const [dec, other, below] = eb !== undefined ? [eRef, aRef, eb] : [aRef, eRef, ab as string];
  const text = (x: string): string => `CAST(${x} AS VARCHAR)`;
  return `(${equal} AND (${dec} IS NULL OR abs(${dec}) < ${below} OR ${sqlSignificantDigits(text(dec))} = ${sqlSignificantDigits(text(other))}))`;
}

/**
 * Per-side facts of the key in one cheap scan: rows, NULL-key rows, distinct key values. A
 * COUNT(DISTINCT) is about twice as fast as grouping; the grouping (keyDuplicatesSql) only runs
 * when this says some key repeats. NULL keys count as one value, since NULL joins NULL. Only for
 * a keyed compare (without a key the rows are all there is to count).
 */
export function keyStatsSql(view: string, keys: readonly ColumnPair[], side: 'expected' | 'actual', rules: TextRules): string {
  const ks = keys.map((k, i) => `${keyExpr(k, side, rules)} AS k${i}`);
  const nullTest = keys.map((_, i) => `k${i} IS NULL`).join(' OR ');
  const distinct = keys.length === 1 ? '(count(DISTINCT k0) + CASE WHEN count(*) FILTER (WHERE k0 IS NULL) > 0 THEN 1 ELSE 0 END)' : `count(DISTINCT row(${keys.map((_, i) => `k${i}`).join(', ')}))`;
  return `SELECT count(*)::BIGINT AS rows, count(*) FILTER (WHERE ${nullTest})::BIGINT AS null_rows, ${distinct}::BIGINT AS distinct_keys FROM (SELECT ${ks.join(', ')} FROM ${quoteIdent(view)})`;
}

/** Key values that repeat on one side, and their rows (run only when keyStatsSql found some). */
export function keyDuplicatesSql(view: string, keys: readonly ColumnPair[], side: 'expected' | 'actual', rules: TextRules): string {
  const ks = keys.map((k, i) => `${keyExpr(k, side, rules)} AS k${i}`);
  const kNames = keys.map((_, i) => `k${i}`).join(', ');
  return `SELECT count(*)::BIGINT AS dup_keys, coalesce(sum(c), 0)::BIGINT AS dup_rows FROM (SELECT ${kNames}, count(*) AS c FROM (SELECT ${ks.join(', ')} FROM ${quoteIdent(view)}) GROUP BY ${kNames} HAVING count(*) > 1)`;
}

/** Whether a key's join expression on one side is its raw column (same-kind keys, no normalisation). */
export function rawKeyIsJoinKey(pair: ColumnPair, side: 'expected' | 'actual', rules: TextRules): boolean {
  const own = side === 'expected' ? pair.expected : pair.actual;
  return own !== undefined && keyExpr(pair, side, rules) === sideExpr(own, undefined);
}

/**
 * The CTE of one side for the keyed join: key expressions, raw keys (for display) and values, a presence flag (`present`), and
 * (only when some key repeats) a row number over the key ordered by every value, so duplicates
 * pair up deterministically instead of multiplying or vanishing.
 */
export function keyedSideSql(view: string, pairs: readonly ColumnPair[], keys: readonly ColumnPair[], side: 'expected' | 'actual', rules: TextRules, numbered: boolean, present = true): string {
  const p = side === 'expected' ? 'e' : 'a';
  const cols = pairs.map((pair, i) => `${sideExpr(side === 'expected' ? pair.expected : pair.actual, side === 'expected' ? pair.actual : pair.expected)} AS ${p}${i}`);
  const ks = keys.map((k, i) => `${keyExpr(k, side, rules)} AS k${i}`);
  // The raw key (shown to people) only travels through the join when it differs from the join
  // key: a second copy of the same value costs 8+ bytes per row of the join's hash table.
  const raw = keys.flatMap((k, i) => (rawKeyIsJoinKey(k, side, rules) ? [] : [`${sideExpr(side === 'expected' ? k.expected : k.actual, undefined)} AS ${p}k${i}`]));
  // The presence flag tells a FULL OUTER JOIN's padding from a row; a positional join of sides
  // proven the same length has none (and a constant column would keep it from streaming).
  const select = [...ks, ...raw, ...cols, ...(present ? [`true AS ${p}_present`] : [])];
  if (numbered) {
    const partition = keys.length > 0 ? `PARTITION BY ${keys.map((_, i) => `k${i}`).join(', ')} ` : '';
    const order = pairs.length === 0 ? '1' : pairs.map((pair, i) => `${keyExpr(pair, side, rules, `${p}${i}`)} NULLS FIRST`).join(', ');
    return `SELECT *, row_number() OVER (${partition}ORDER BY ${order}) AS rn FROM (SELECT ${select.join(', ')} FROM ${quoteIdent(view)})`;
  }
  return `SELECT ${select.join(', ')} FROM ${quoteIdent(view)}`;
}
