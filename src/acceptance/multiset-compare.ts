import { quoteIdent, type EngineSession, type Row } from '../engine';
import type { TextRules } from './normalize-rules';
import type { ColumnPair } from './pair-columns';
import { identicalSql, tryFastKeyedCompare, type RowCounts } from './keyed-fast-path';
import { keyExpr } from './sql-compare-parts';
import type { DiffRecord } from './table-result';

// Comparing without a key: rows as a multiset of their (normalised) values, where a changed row
// counts as one missing and one extra.

/** What a multiset compare found: rows of each side, the surplus of each, the first records. */
export interface MultisetResult {
  readonly rows: { readonly expected: number; readonly actual: number };
  readonly missing: number;
  readonly extra: number;
  readonly samples: readonly DiffRecord[];
}

/** One side's rows as the values compared (k0, k1, …). */
function sideSql(view: string, pairs: readonly ColumnPair[], side: 'expected' | 'actual', rules: TextRules): string {
  return `SELECT ${pairs.map((p, i) => `${keyExpr(p, side, rules)} AS k${i}`).join(', ')} FROM ${quoteIdent(view)}`;
}

/**
 * The multiset compare in ONE aggregate pass: both sides' rows in one grouping (each distinct
 * row with how often each side has it), summed into rows per side, missing and extra, with the
 * first differing rows in ORDER BY ALL order (min_by over the row, which orders NULL fields last
 * as ORDER BY does) from the same pass. Half the work of grouping each side and joining the two
 * groupings on every column, and no count of the inputs beforehand (which for a CSV is a parse).
 *
 * Grouping puts values of one type together as the join's IS NOT DISTINCT FROM would pair them
 * (NULL with NULL, -0 with 0, NaN with NaN); across types, a UNION would convert where the join
 * compares, so when a column's compared values differ in type between the sides this returns
 * undefined and the caller joins the two groupings.
 */
export async function tryFastMultisetCompare(
  session: EngineSession, eView: string, aView: string, pairs: readonly ColumnPair[], rules: TextRules, limit: number,
  counts: RowCounts | (() => RowCounts | undefined) | undefined,
): Promise<MultisetResult | undefined> {
  const eSide = sideSql(eView, pairs, 'expected', rules);
  const aSide = sideSql(aView, pairs, 'actual', rules);
  const typesOf = async (sql: string): Promise<string> => (await session.describe(`${sql} LIMIT 0`)).columns.map((c) => c.type).join('\u0000');
  if (await typesOf(eSide) !== await typesOf(aSide)) return undefined;
  return await byFirstColumn(session, eSide, aSide, pairs, limit, counts) ?? await grouped(session, eSide, aSide, pairs, limit);
}

/** The one grouping of both sides' rows (see tryFastMultisetCompare). */
async function grouped(session: EngineSession, eSide: string, aSide: string, pairs: readonly ColumnPair[], limit: number): Promise<MultisetResult> {
  const ks = pairs.map((_, i) => `k${i}`).join(', ');
  const fields = [...pairs.map((_, i) => `'k${i}': k${i}`), "'ne': ne", "'na': na"].join(', ');
  const sql = `SELECT coalesce(sum(ne), 0)::BIGINT AS e_rows, coalesce(sum(na), 0)::BIGINT AS a_rows,
      coalesce(sum(greatest(ne - na, 0)), 0)::BIGINT AS missing, coalesce(sum(greatest(na - ne, 0)), 0)::BIGINT AS extra
      ${limit > 0 ? `, min_by({${fields}}, row(${ks}, ne, na), ${Math.floor(limit)}) FILTER (WHERE ne <> na) AS samples` : ''}
    FROM (SELECT ${ks}, (count(*) - sum(s))::BIGINT AS ne, sum(s)::BIGINT AS na
      FROM (SELECT *, 0 AS s FROM (${eSide}) UNION ALL SELECT *, 1 AS s FROM (${aSide})) GROUP BY ALL)`;
  const r = (await session.allExact(sql))[0] ?? {};
  return {
    rows: { expected: Number(r.e_rows ?? 0), actual: Number(r.a_rows ?? 0) },
    missing: Number(r.missing ?? 0), extra: Number(r.extra ?? 0),
    samples: toMultisetSamples((r.samples as Row[] | null | undefined) ?? [], pairs),
  };
}

/**
 * When the first column holds each value once per side, two rows can only be equal if their
 * first columns are: then the multiset compare is a join on that column (a hash table of one
 * column's values, where grouping hashes every column of every row: about a third less work),
 * and a pair whose other values differ is one missing and one extra row. Tried only when the
 * first 2,048 rows of each side repeat no value there (a date or a category first repeats at
 * once); the join proves the column unique from the same pass (tryFastKeyedCompare) or this
 * returns undefined and the grouping runs. The first records come out in ORDER BY ALL order:
 * pairs in order of the first column, and within a changed pair the smaller row first, as the
 * comparison of the two rows' structs says (NULL last, as ORDER BY).
 */
async function byFirstColumn(
  session: EngineSession, eSide: string, aSide: string, pairs: readonly ColumnPair[], limit: number,
  counts: RowCounts | (() => RowCounts | undefined) | undefined,
): Promise<MultisetResult | undefined> {
  if (pairs.length < 2) return undefined;
  const uniqueAtStart = async (side: string): Promise<boolean> => Number(await session.scalar(`SELECT CASE WHEN count(DISTINCT k0) = count(*) THEN 1 ELSE 0 END FROM (${side} LIMIT 2048)`)) === 1;
  if (!await uniqueAtStart(eSide) || !await uniqueAtStart(aSide)) return undefined;
  const rest = pairs.slice(1);
  const joinSql = `SELECT coalesce(e.k0, a.k0) AS k0, e.k0 AS ek0, a.k0 AS ak0, coalesce(e.present, false) AS ep, coalesce(a.present, false) AS ap,
      ${rest.map((_, i) => `e.k${i + 1} AS e${i}`).join(', ')}, ${rest.map((_, i) => `a.k${i + 1} AS a${i}`).join(', ')},
      ${rest.map((_, i) => `(e.k${i + 1} IS NOT DISTINCT FROM a.k${i + 1}) AS eq${i}`).join(', ')}
    FROM (SELECT *, true AS present FROM (${eSide})) e FULL OUTER JOIN (SELECT *, true AS present FROM (${aSide})) a ON e.k0 IS NOT DISTINCT FROM a.k0`;
  const row = (p: 'e' | 'a'): string => `row(${rest.map((_, i) => `${p}${i}`).join(', ')})`;
  const toRows = (records: readonly Row[]): DiffRecord[] => records.flatMap((r) => {
    const values = (p: 'e' | 'a'): Row => ({ k0: r[`${p}k0`], ...Object.fromEntries(rest.map((_, i) => [`k${i + 1}`, r[`${p}${i}`]])) });
    const eRow = { ...values('e'), ne: 1, na: 0 };
    const aRow = { ...values('a'), ne: 0, na: 1 };
    if (r.ep && r.ap) return toMultisetSamples(r.ef ? [eRow, aRow] : [aRow, eRow], pairs);
    return toMultisetSamples([r.ep ? eRow : aRow], pairs);
  }).slice(0, Math.max(0, Math.floor(limit)));
  // Which row of a changed pair sorts first matters for the differing records only (d): behind
  // a CASE DuckDB compares the two rows' structs for those, where a bare field of the sample's
  // struct was computed for every joined record before the aggregate's FILTER (a fifth of the
  // pass's CPU at 2M rows x 10 columns).
  const keyed = await tryFastKeyedCompare(session, joinSql, identicalSql(rest), rest, [pairs[0] as ColumnPair], counts, limit, toRows, [`'ef': CASE WHEN d THEN ${row('e')} < ${row('a')} END`]);
  if (!keyed) return undefined;
  return { rows: keyed.rows, missing: keyed.changed + keyed.missing, extra: keyed.changed + keyed.extra, samples: keyed.samples };
}

/**
 * The exact multiset compare: each side grouped, the two groupings joined on every value, the
 * rows whose counts differ kept in `diffTable` (for every mismatch written out, or when the
 * sides' values differ in type). Returns the surplus of each side.
 */
export async function joinMultiset(session: EngineSession, diffTable: string, eView: string, aView: string, pairs: readonly ColumnPair[], rules: TextRules): Promise<{ missing: number; extra: number }> {
  const side = (view: string, s: 'expected' | 'actual'): string => `SELECT *, count(*) AS n FROM (${sideSql(view, pairs, s, rules)}) GROUP BY ALL`;
  const on = pairs.map((_, i) => `e.k${i} IS NOT DISTINCT FROM a.k${i}`).join(' AND ');
  await session.run(`CREATE OR REPLACE TEMP TABLE ${diffTable} AS SELECT * FROM (
    SELECT ${pairs.map((_, i) => `coalesce(e.k${i}, a.k${i}) AS k${i}`).join(', ')}, coalesce(e.n, 0) AS ne, coalesce(a.n, 0) AS na
    FROM (${side(eView, 'expected')}) e FULL OUTER JOIN (${side(aView, 'actual')}) a ON ${on}
  ) WHERE ne <> na`);
  const row = (await session.all(`SELECT coalesce(sum(greatest(ne - na, 0)), 0)::BIGINT AS missing, coalesce(sum(greatest(na - ne, 0)), 0)::BIGINT AS extra FROM ${diffTable}`))[0] ?? {};
  return { missing: Number(row.missing), extra: Number(row.extra) };
}

/** The first differing rows of `diffTable` (see joinMultiset), in ORDER BY ALL order. */
export async function fetchMultisetSamples(session: EngineSession, diffTable: string, pairs: readonly ColumnPair[], limit: number): Promise<DiffRecord[]> {
  if (limit <= 0) return [];
  return toMultisetSamples(await session.allExact(`SELECT * FROM ${diffTable} ORDER BY ALL LIMIT ${Math.floor(limit)}`), pairs);
}

/** Rows of compared values with their counts per side (k0…, ne, na) as DiffRecords. */
function toMultisetSamples(rows: readonly Row[], pairs: readonly ColumnPair[]): DiffRecord[] {
  return rows.map((r) => {
    const values = Object.fromEntries(pairs.map((p, i) => [p.name, untag(r[`k${i}`])]));
    const ne = Number(r.ne);
    const na = Number(r.na);
    const status = ne > na ? 'missing' : 'extra';
    return { status, key: {}, expected: status === 'missing' ? values : null, actual: status === 'extra' ? values : null, differing: [], count: Math.abs(ne - na) } satisfies DiffRecord;
  });
}

/** Mixed-kind keys carry a 'p:'/'t:' tag (see sqlKey); people should see the value only. */
function untag(v: unknown): unknown {
  return typeof v === 'string' && /^[pt]:/.test(v) ? v.slice(2) : v;
}
