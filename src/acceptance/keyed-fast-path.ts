import type { EngineSession, Row } from '../engine';
import type { ColumnPair } from './pair-columns';
import type { DiffRecord } from './table-result';

/** Rows of each side of a compare. */
export interface RowCounts {
  readonly expected: number;
  readonly actual: number;
}

/** Whether a joined record is identical (present on both sides, every value equal). */
export function identicalSql(values: readonly ColumnPair[]): string {
  return `(ep AND ap AND ${values.length === 0 ? 'true' : values.map((_, i) => `eq${i}`).join(' AND ')})`;
}

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
 * - with row `counts` (cheap for Parquet and tables; for a CSV counted from its bytes while the
 *   query runs, see csv-record-count.ts): a repeated key that exists on both sides multiplies
 *   join rows, so the rows seen per side exceed that side's row count; a repeated key on one
 *   side only shows as fewer distinct keys than missing (or extra) rows. The distinct counts
 *   run over the few missing and extra records only: a count of the rows is cheaper than a
 *   distinct count over the whole join (a fifth of its instructions at 200k rows x 10 columns);
 * - without them (a CSV the counter gives up on, or a JSON file): a key value with
 *   n expected and m actual rows yields n x m joined records (n or m when the other is 0), which
 *   is 1 exactly when it repeats on neither side; so the keys are unique when the joined records
 *   carry as many distinct key hashes as there are records (NULL keys are checked apart). ONE
 *   distinct count over the whole join proves both sides at once (two filtered per-side counts
 *   cost twice the hashing). A hash collision looks like a repeat and only costs the slower path.
 *
 * The histogram of kinds skips the NULL kind of an identical record, without a FILTER. The
 * samples' min_by takes a FILTER: it then builds its struct of ~3 fields per column for the
 * differing records only, where without one (the ordering value NULL for identical records, or
 * the struct inside a CASE) it handled every record's struct: at 200k rows x 10 columns the
 * samples cost 436 M instructions of the pass without the FILTER and 48 M with it (callgrind).
 */
export async function tryFastKeyedCompare(
  session: EngineSession, joinSql: string, identical: string, values: readonly ColumnPair[], keys: readonly ColumnPair[],
  counts: RowCounts | (() => RowCounts | undefined) | undefined, limit: number,
  toSamples: (rows: readonly Row[]) => DiffRecord[],
  /** More fields of each sample's struct (`'name': sql over the joined record and its flag d, true when it differs`):
   * DuckDB computes the struct's fields for every joined record, so costly ones belong behind `CASE WHEN d`. */
  extraSampleFields: readonly string[] = [],
  /** A condition over each joined record that must hold for all of them, or the pass proves nothing (positional-compare.ts). */
  proof?: string,
): Promise<FastKeyedResult | undefined> {
  const rowCounts = counts !== undefined;
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
    ...extraSampleFields,
  ].join(', ');
  // Per-column mismatches come from the differing records alone: each one's kind (ep, ap) and
  // the set of its differing columns packed into one BIGINT, and a histogram of those (a handful
  // of distinct values) in place of a filtered count per column over every joined record. Past
  // 60 value columns the set no longer fits: then one filtered count per column.
  const packed = values.length <= 60;
  const mis = packed ? [] : values.map((_, i) => `count(*) FILTER (WHERE ep AND ap AND NOT eq${i})::BIGINT AS m${i}`);
  const code = `ep::BIGINT * 2 + ap::BIGINT${values.map((_, i) => ` + CASE WHEN ep AND ap AND NOT eq${i} THEN ${4n << BigInt(i)} ELSE 0 END`).join('')}`;
  const sql = `SELECT count(*)::BIGINT AS joined,
      ${packed ? `histogram(CASE WHEN d THEN ${code} END) AS kinds,` : `count(*) FILTER (WHERE ep AND ap AND d)::BIGINT AS changed, count(*) FILTER (WHERE NOT ap)::BIGINT AS missing, count(*) FILTER (WHERE NOT ep)::BIGINT AS extra,`}
      ${rowCounts
    ? `count(DISTINCT ${keyRow}) FILTER (WHERE NOT ap)::BIGINT AS missing_keys, count(DISTINCT ${keyRow}) FILTER (WHERE NOT ep)::BIGINT AS extra_keys,`
    : `${distinctKeys},`}
      count(*) FILTER (WHERE ep AND (${nullKey}))::BIGINT AS e_null, count(*) FILTER (WHERE ap AND (${nullKey}))::BIGINT AS a_null
      ${proof === undefined ? '' : `, count(*) FILTER (WHERE NOT coalesce(${proof}, false))::BIGINT AS unproven`}
      ${mis.length ? ', ' + mis.join(', ') : ''}
      ${limit > 0 ? `, min_by({${fields}}, ${keyRow}, ${Math.floor(limit)}) FILTER (WHERE d) AS samples` : ''}
    FROM (SELECT *, NOT ${identical} AS d FROM (${joinSql}))`;
  // Exact values: the samples are shown side by side, where a Date would hide a 1 µs difference.
  // Counts given as a function (a CSV's rows counted from its bytes) are taken while DuckDB runs
  // the query on its own threads: the query is under way once allExact is called.
  const pending = session.allExact(sql);
  let known: RowCounts | undefined;
  try {
    known = typeof counts === 'function' ? counts() : counts;
  } catch (err) {
    await pending.catch(() => undefined);
    throw err;
  }
  const r = (await pending)[0] ?? {};
  const n = (k: string): number => Number(r[k] ?? 0);
  const kinds = packed ? countKinds(r.kinds, values.length) : { changed: n('changed'), missing: n('missing'), extra: n('extra'), columnMismatches: values.map((_, i) => n(`m${i}`)) };
  const eRows = n('joined') - kinds.extra;
  const aRows = n('joined') - kinds.missing;
  // Counts that could not be taken (a CSV whose quoting the counter gives up on) prove nothing:
  // the exact path then decides.
  const unique = n('unproven') === 0 && n('e_null') <= 1 && n('a_null') <= 1 && (rowCounts
    ? known !== undefined && eRows === known.expected && aRows === known.actual && n('missing_keys') === kinds.missing && n('extra_keys') === kinds.extra
    : n('joined_keys') === n('joined'));
  if (!unique) return undefined;
  return {
    rows: { expected: eRows, actual: aRows },
    changed: kinds.changed, missing: kinds.missing, extra: kinds.extra,
    columnMismatches: kinds.columnMismatches,
    nullKeyRows: { expected: n('e_null'), actual: n('a_null') },
    samples: toSamples((r.samples as Row[] | null | undefined) ?? []),
  };
}

/** Changed, missing and extra records and per-column mismatches from the histogram of packed kinds (see tryFastKeyedCompare). */
function countKinds(kinds: unknown, columns: number): { changed: number; missing: number; extra: number; columnMismatches: number[] } {
  const out = { changed: 0, missing: 0, extra: 0, columnMismatches: Array.from({ length: columns }, () => 0) };
  const entries = Array.isArray(kinds) ? kinds as { key: unknown; value: unknown }[] : [];
  for (const { key, value } of entries) {
    const code = BigInt(key as string | number);
    const n = Number(value);
    const side = Number(code & 3n);
    if (side === 3) out.changed += n;
    else if (side === 2) out.missing += n;
    else out.extra += n;
    for (let i = 0; i < columns; i++) if ((code >> BigInt(i + 2)) & 1n) out.columnMismatches[i] = (out.columnMismatches[i] ?? 0) + n;
  }
  return out;
}
