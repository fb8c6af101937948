import type { EngineSession, Row } from '../engine';
import type { ColumnPair } from './pair-columns';
import type { DiffRecord } from './table-result';

/** What the one-pass compare found when every key is unique on both sides. */
export interface FastKeyedResult {
  /** Rows of each side: with unique keys every row of a side is exactly one joined record. */
  readonly rows: { readonly expected: number; readonly actual: number };
  readonly changed: number;
  readonly missing: number;
  readonly extra: number;
  readonly columnMismatches: readonly number[];
  readonly nullKeyRows: { readonly expected: number; readonly actual: number };
  readonly samples: readonly DiffRecord[];
}

/**
 * Compares keyed tables in ONE aggregate pass over the streamed FULL OUTER JOIN: every count,
 * per-column mismatches and the first K differing records (min_by over the key) come out of the
 * same scan, with no uniqueness pre-check. Uniqueness is proven from the same pass in one of two
 * ways, so the fast path never changes a verdict (when it cannot prove it, this returns
 * undefined and the caller runs the exact path with row numbers over duplicates):
 * - with `rowCounts` (cheap for Parquet and tables): a repeated key that exists on both sides
 *   multiplies join rows, so the rows seen per side exceed that side's row count; a repeated key
 *   on one side only shows as fewer distinct keys than missing (or extra) rows;
 * - without them (a CSV, whose count would cost a second parse of the file): a key value with
 *   n expected and m actual rows yields n x m joined records (n or m when the other is 0), which
 *   is 1 exactly when it repeats on neither side; so the keys are unique when the joined records
 *   carry as many distinct key hashes as there are records (NULL keys are checked apart). ONE
 *   distinct count over the whole join proves both sides at once (two filtered per-side counts
 *   cost twice the hashing). A hash collision looks like a repeat and only costs the slower path.
 *
 * The samples' struct is built only for differing records (a CASE, not just the aggregate's
 * FILTER): DuckDB computes aggregate inputs before it filters, and packing ~3 fields per column
 * for every identical row was a sizeable share of the pass.
 */
export async function tryFastKeyedCompare(
  session: EngineSession, joinSql: string, identical: string, values: readonly ColumnPair[], keys: readonly ColumnPair[],
  rowCounts: { readonly expected: number; readonly actual: number } | undefined, limit: number,
  toSamples: (rows: readonly Row[]) => DiffRecord[],
): Promise<FastKeyedResult | undefined> {
  const keyRow = `row(${keys.map((_, i) => `k${i}`).join(', ')})`;
  const nullKey = keys.map((_, i) => `k${i} IS NULL`).join(' OR ');
  // One key column is counted as it is (hashing a row of it cost ~10% of the pass); NULL, which
  // count(DISTINCT) skips, is one more key value, since NULL keys join NULL keys.
  const distinctKeys = keys.length === 1
    ? `(count(DISTINCT k0) + CASE WHEN count(*) FILTER (WHERE k0 IS NULL) > 0 THEN 1 ELSE 0 END)::BIGINT AS joined_keys`
    : `count(DISTINCT hash(${keyRow}))::BIGINT AS joined_keys`;
  const fields = [
    ...keys.map((_, i) => `'k${i}': k${i}, 'ek${i}': ek${i}, 'ak${i}': ak${i}`),
    "'ep': ep, 'ap': ap",
    ...values.map((_, i) => `'e${i}': e${i}, 'a${i}': a${i}, 'eq${i}': eq${i}`),
  ].join(', ');
  const mis = values.map((_, i) => `count(*) FILTER (WHERE ep AND ap AND NOT eq${i})::BIGINT AS m${i}`);
  const sql = `SELECT
      count(*) FILTER (WHERE ep)::BIGINT AS e_rows, count(*) FILTER (WHERE ap)::BIGINT AS a_rows,
      count(*) FILTER (WHERE ep AND ap AND NOT ${identical})::BIGINT AS changed,
      count(*) FILTER (WHERE NOT ap)::BIGINT AS missing, count(*) FILTER (WHERE NOT ep)::BIGINT AS extra,
      ${rowCounts
    ? `count(DISTINCT ${keyRow}) FILTER (WHERE NOT ap)::BIGINT AS missing_keys, count(DISTINCT ${keyRow}) FILTER (WHERE NOT ep)::BIGINT AS extra_keys,`
    : `count(*)::BIGINT AS joined, ${distinctKeys},`}
      count(*) FILTER (WHERE ep AND (${nullKey}))::BIGINT AS e_null, count(*) FILTER (WHERE ap AND (${nullKey}))::BIGINT AS a_null
      ${mis.length ? ', ' + mis.join(', ') : ''}
      ${limit > 0 ? `, min_by(CASE WHEN NOT ${identical} THEN {${fields}} END, CASE WHEN NOT ${identical} THEN ${keyRow} END, ${Math.floor(limit)}) FILTER (WHERE NOT ${identical}) AS samples` : ''}
    FROM (${joinSql})`;
  // Exact values: the samples are shown side by side, where a Date would hide a 1 µs difference.
  const r = (await session.allExact(sql))[0] ?? {};
  const n = (k: string): number => Number(r[k] ?? 0);
  const unique = n('e_null') <= 1 && n('a_null') <= 1 && (rowCounts
    ? n('e_rows') === rowCounts.expected && n('a_rows') === rowCounts.actual && n('missing_keys') === n('missing') && n('extra_keys') === n('extra')
    : n('joined_keys') === n('joined'));
  if (!unique) return undefined;
  return {
    rows: { expected: n('e_rows'), actual: n('a_rows') },
    changed: n('changed'), missing: n('missing'), extra: n('extra'),
    columnMismatches: values.map((_, i) => n(`m${i}`)),
    nullKeyRows: { expected: n('e_null'), actual: n('a_null') },
    samples: toSamples((r.samples as Row[] | null | undefined) ?? []),
  };
}
