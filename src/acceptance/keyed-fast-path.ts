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
 * The differing records are picked without FILTER clauses: histogram skips the NULL kind of an
 * identical record and min_by the record whose ordering value is NULL, which only differing
 * records have. A FILTER slices every input column of its aggregate for each chunk, and for the
 * samples' struct of ~3 fields per column that cost more than the whole join (instruction
 * counts under valgrind, 200k rows x 10 columns: the pass -9.7% without the two FILTERs; the
 * struct is cheaper left unwrapped than inside a CASE).
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
      ${mis.length ? ', ' + mis.join(', ') : ''}
      ${limit > 0 ? `, min_by({${fields}}, CASE WHEN d THEN ${keyRow} END, ${Math.floor(limit)}) AS samples` : ''}
    FROM (SELECT *, NOT ${identical} AS d FROM (${joinSql}))`;
  // Exact values: the samples are shown side by side, where a Date would hide a 1 µs difference.
  const r = (await session.allExact(sql))[0] ?? {};
  const n = (k: string): number => Number(r[k] ?? 0);
  const counts = packed ? countKinds(r.kinds, values.length) : { changed: n('changed'), missing: n('missing'), extra: n('extra'), columnMismatches: values.map((_, i) => n(`m${i}`)) };
  const eRows = n('joined') - counts.extra;
  const aRows = n('joined') - counts.missing;
  const unique = n('e_null') <= 1 && n('a_null') <= 1 && (rowCounts
    ? eRows === rowCounts.expected && aRows === rowCounts.actual && n('missing_keys') === counts.missing && n('extra_keys') === counts.extra
    : n('joined_keys') === n('joined'));
  if (!unique) return undefined;
  return {
    rows: { expected: eRows, actual: aRows },
    changed: counts.changed, missing: counts.missing, extra: counts.extra,
    columnMismatches: counts.columnMismatches,
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
