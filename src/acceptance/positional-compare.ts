import { debuglog } from 'node:util';
import type { EngineSession, LoadedTable, Row } from '../engine';
import type { ColumnPair } from './pair-columns';
import { identicalSql, tryFastKeyedCompare, type FastKeyedResult, type RowCounts } from './keyed-fast-path';
import type { DiffRecord } from './table-result';

const trace = debuglog('migrate-accept');

/** Builds the keyed join's SQL (compare-tables.ts keyedJoinSql), here always positional. */
export type PositionalJoinSql = (values: readonly ColumnPair[], keys: readonly ColumnPair[]) => string;

/**
 * The keyed compare of two Parquet files that hold the same keys in the same order (both written
 * sorted by the key, nothing missing or extra: the usual state of a migration near acceptance).
 * The hash join holds one whole side in memory (1.4 GB at 10M rows x 10 columns, a fifth of its
 * CPU the page faults of first touching it); the two files read side by side, row by row (DuckDB's
 * POSITIONAL JOIN over two scans, streamed, on one thread), hold a few row groups: 127 MB there.
 *
 * The pairing is the hash join's exactly when the keys, as the join compares them, are one value
 * at every position (`pos_same`) and unique: strictly increasing down the expected file
 * (`pos_prev`), with no NULL. Then every row of each side meets the one row of the other side with
 * its key, as in the join, and no record is missing or extra. Both are checked on every record of
 * the same query that counts (the `proof` of tryFastKeyedCompare), so the report is the one the
 * hash join gives, or this returns undefined and the hash join runs. A cheap pass over the keys
 * alone first stops at the first row that breaks either (at once for files in another order),
 * so inputs this does not fit lose little.
 *
 * Only when DuckDB plans the pairing as a streamed POSITIONAL_SCAN under a STREAMING_WINDOW: a
 * side that computes its columns (a normalised key, a column only one side has) would be
 * materialised whole, which saves nothing over the hash join.
 */
export async function tryPositionalKeyedCompare(
  session: EngineSession, expected: LoadedTable, actual: LoadedTable, values: readonly ColumnPair[], keys: readonly ColumnPair[],
  joinSql: PositionalJoinSql, counts: RowCounts | undefined, limit: number, toSamples: (rows: readonly Row[]) => DiffRecord[],
): Promise<FastKeyedResult | undefined> {
  if (expected.source.kind !== 'parquet' || actual.source.kind !== 'parquet' || keys.length === 0) return undefined;
  if (counts === undefined || counts.expected !== counts.actual || counts.expected === 0) return undefined;
  const started = Date.now();
  try {
    return await pairedCompare(session, values, keys, joinSql, counts, limit, toSamples, started);
  } catch (err) {
    // A key type DuckDB cannot order, or any other failure here: the hash join does the work (and reports what fails there too).
    trace('positional: %s; hash join', err instanceof Error ? err.message : String(err));
    return undefined;
  }
}

async function pairedCompare(
  session: EngineSession, values: readonly ColumnPair[], keys: readonly ColumnPair[], joinSql: PositionalJoinSql,
  counts: RowCounts, limit: number, toSamples: (rows: readonly Row[]) => DiffRecord[], started: number,
): Promise<FastKeyedResult | undefined> {
  const proof = positionalProof(keys);
  const keysOnly = joinSql([], keys);
  if (!streamed(await session.all(`EXPLAIN ${keysOnly}`))) {
    trace('positional: not streamed as planned; hash join');
    return undefined;
  }
  const broken = await session.all(`SELECT 1 FROM (${keysOnly}) WHERE NOT coalesce(${proof}, false) LIMIT 1`);
  if (broken.length > 0) {
    trace('positional: keys not in one order on both sides (%d ms); hash join', Date.now() - started);
    return undefined;
  }
  const sql = joinSql(values, keys);
  if (!streamed(await session.all(`EXPLAIN ${sql}`))) {
    trace('positional: values not streamed as planned; hash join');
    return undefined;
  }
  const result = await tryFastKeyedCompare(session, sql, identicalSql(values), values, keys, counts, limit, toSamples, [], proof);
  trace('positional: %s, %d ms', result === undefined ? 'not proven; hash join' : 'compared', Date.now() - started);
  return result;
}

/** Over a positionally joined record: its keys are one value on both sides, not NULL, and above the row before's. */
function positionalProof(keys: readonly ColumnPair[]): string {
  const names = keys.map((_, i) => `k${i}`);
  const key = names.length === 1 ? 'k0' : `row(${names.join(', ')})`;
  return `(pos_same AND NOT (${names.map((k) => `${k} IS NULL`).join(' OR ')}) AND (pos_prev IS NULL OR ${key} > pos_prev))`;
}

/** Whether an EXPLAIN's physical plan reads the two sides as one streamed positional scan, its window streamed. */
function streamed(plan: readonly Row[]): boolean {
  const text = plan.map((r) => String(r.explain_value ?? '')).join('\n');
  return text.includes('POSITIONAL_SCAN') && text.includes('STREAMING_WINDOW') && !/\bPOSITIONAL_JOIN\b/.test(text) && !/(?<!STREAMING_)WINDOW\b/.test(text);
}
