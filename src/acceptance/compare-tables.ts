import { debuglog } from 'node:util';
import { AcceptanceError, displayPath } from '../core';
import { describeSource, quoteIdent, type EngineSession, type LoadedTable, type Row } from '../engine';
import { rulesOf, type CompareOptions } from './compare-options';
import { detectKey } from './detect-key';
import { kindOfDuckType } from './normalize-rules';
import { pairColumns, resolveKeyPairs, type ColumnPair, type Pairing, type TypedColumn } from './pair-columns';
import { tryIdenticalLines } from './identical-lines';
import { identicalSql, tryFastKeyedCompare, type RowCounts } from './keyed-fast-path';
import { fetchMultisetSamples, joinMultiset, tryFastMultisetCompare } from './multiset-compare';
import { tryPositionalKeyedCompare } from './positional-compare';
import { equalsExpr, keyDuplicatesSql, keyedSideSql, keyExpr, keyStatsSql, rawKeyIsJoinKey } from './sql-compare-parts';
import { percentOf, type ColumnResult, type DiffRecord, type SideInfo, type TableResult } from './table-result';
import { nullTextNote } from './null-text-hint';
import { nonReproducibleNote } from './baseline-manifest-note';
import { decimalCommaNote } from './decimal-comma-hint';

/** Called as each step of the acceptance test starts, for progress display. */
export type StageListener = (stage: number, label: string) => void;

/** Extra settings of one SQL compare. */
export interface SqlCompareSettings {
  /** Where to write every differing record as CSV (optional). */
  readonly mismatchesPath?: string;
  /** Accept inputs with no rows (default: an empty side is bad input). */
  readonly allowEmpty?: boolean;
  readonly onStage?: StageListener;
  /** Match records whose lines are the same on both sides before parsing the rest (identical-lines.ts; default on). */
  readonly identicalLines?: boolean;
  /** The actual file's size up to which that pass carries its lines through its join (tests set 0 to have them read again). */
  readonly identicalLinesCarriedBytes?: number;
  /** Told how many records the identical-line pass matched (undefined: it did not run, or gave up). */
  readonly onIdenticalLines?: (identical: number | undefined) => void;
  /** Pair two Parquet files row by row when they hold the same keys in the same order (positional-compare.ts; default on). */
  readonly positional?: boolean;
  /** Told whether the positional compare did the work. */
  readonly onPositional?: (used: boolean) => void;
}

const DIFF = '__accept_diff';
const trace = debuglog('migrate-accept');

export { identicalSql };

/**
 * Compares two loaded tables in DuckDB, walking the acceptance steps: schema and counts, keys
 * (declared, auto, or none = multiset), then one streamed FULL OUTER JOIN on the null-safe key
 * that keeps only differing records; every count comes from those records and the row counts.
 */
export async function compareLoadedTables(session: EngineSession, name: string, expected: LoadedTable, actual: LoadedTable, options: CompareOptions, settings: SqlCompareSettings = {}): Promise<TableResult> {
  const started = Date.now();
  const stage = settings.onStage ?? (() => undefined);
  const rules = rulesOf(options);
  const notes: string[] = [];
  // A column held as its text reads as text unless its type is one the compare parses (a
  // timestamp): CSV GUIDs held as UUID compare as text, ignoring case (pairRules).
  const typed = (t: LoadedTable): TypedColumn[] => t.columns.map((c) => {
    const held = t.heldAsText?.includes(c.name) === true;
    const kind = kindOfDuckType(c.type);
    return { name: c.name, type: c.type, kind: held && kind === 'other' ? 'text' : kind, ...(held ? { heldAsText: true } : {}) };
  });
  const eCols = typed(expected);
  const aCols = typed(actual);
  stage(2, 'schema and counts');
  const pairing = pairColumns(eCols, aCols, options);
  if (pairing.pairs.length === 0) {
    throw new AcceptanceError('ACCEPT_NO_COLUMNS', `${name}: no columns left to compare`, { hint: 'fewer --ignore columns, or check that both sides have columns' });
  }
  stage(3, 'keys');
  let keyNames: readonly string[];
  let auto = false;
  if (options.key === 'auto') {
    keyNames = await detectKey(session, expected.view, actual.view, pairing.pairs.filter((p) => p.expected && p.actual), rules);
    auto = true;
    notes.push(`--key auto chose ${keyNames.join(', ')}: the smallest set of columns unique and non-NULL on both sides`);
  } else {
    keyNames = options.key;
  }
  const keys = resolveKeyPairs(pairing, keyNames, eCols, aCols);
  const values = pairing.pairs.filter((p) => !keys.includes(p));
  stage(4, 'compare');
  const lines = settings.identicalLines !== false && !auto ? await tryIdenticalLines(session, expected, actual, pairing, keys, rules, settings.identicalLinesCarriedBytes) : undefined;
  settings.onIdenticalLines?.(lines?.identical);
  if (lines !== undefined) {
    try {
      return await compareRecords(session, name, { expected, actual, compared: lines, identical: lines.identical }, pairing, keys, values, auto, options, settings, notes, started);
    } catch (err) {
      // The differing lines alone failed to compare (a value the sampled types do not hold):
      // the whole files are compared, and read again if need be, as without the pass.
      trace('identical lines: the differing records failed to compare (%s); comparing the whole files', err instanceof Error ? err.message : String(err));
    } finally {
      await lines.dispose();
    }
  }
  return compareRecords(session, name, { expected, actual, compared: { expected, actual }, identical: 0 }, pairing, keys, values, auto, options, settings, notes, started);
}

/** The tables of a compare: the inputs as reported, and the ones compared (the differing lines of two CSVs, or the inputs). */
interface ComparedTables {
  readonly expected: LoadedTable;
  readonly actual: LoadedTable;
  readonly compared: { readonly expected: LoadedTable; readonly actual: LoadedTable };
  /** Records matched line for line before the compare, counted on both sides. */
  readonly identical: number;
}

async function compareRecords(
  session: EngineSession, name: string, tables: ComparedTables, pairing: Pairing, keys: readonly ColumnPair[], values: readonly ColumnPair[],
  auto: boolean, options: CompareOptions, settings: SqlCompareSettings, givenNotes: readonly string[], started: number,
): Promise<TableResult> {
  const { expected: shownE, actual: shownA, identical } = tables;
  const { expected, actual } = tables.compared;
  const rules = rulesOf(options);
  const stage = settings.onStage ?? (() => undefined);
  const notes = [...givenNotes];
  const countRows = async (view: string): Promise<number> => Number(await session.scalar(`SELECT count(*) FROM ${quoteIdent(view)}`));
  // Fast path: one aggregate pass that proves the keys unique while it compares. Tables' and
  // Parquet's counts are cheap and asked first; two CSVs are counted from their bytes while
  // DuckDB runs the pass (each is parsed once); other text files' rows are counted in the pass
  // itself. The exact path below (key statistics, row numbers over duplicates,
  // differing records kept in a table) runs when some key repeats or every mismatch must be
  // written out.
  const heads = headsBeside(session, shownE, shownA, options.head);
  // Awaited on every way out, so the second connection never outlives a failed compare.
  try {
    const cheapCounts = !expected.streamed && !actual.streamed ? { expected: await countRows(expected.view), actual: await countRows(actual.view) } : undefined;
    const eCount = expected.countRows;
    const aCount = actual.countRows;
    const fileCounts = cheapCounts === undefined && eCount !== undefined && aCount !== undefined
      ? (): RowCounts | undefined => {
        const e = eCount();
        const a = e === undefined ? undefined : aCount();
        return e !== undefined && a !== undefined ? { expected: e, actual: a } : undefined;
      }
      : undefined;
    const keyedFast = keys.length > 0 && settings.mismatchesPath === undefined;
    const toSamples = (rows: readonly Row[]): DiffRecord[] => toKeyedSamples(rows, values, keys);
    // Two Parquet files with the same keys in the same order are read side by side (positional-compare.ts).
    const positional = keyedFast && settings.positional !== false
      ? await tryPositionalKeyedCompare(session, expected, actual, values, keys, (vs, ks) => keyedJoinSql(expected.view, actual.view, vs, ks, rules, false, true), cheapCounts, options.limit, toSamples)
      : undefined;
    settings.onPositional?.(positional !== undefined);
    const fast = positional ?? (keyedFast
      ? await tryFastKeyedCompare(session, keyedJoinSql(expected.view, actual.view, values, keys, rules, false), identicalSql(values), values, keys,
        cheapCounts ?? fileCounts, options.limit, toSamples)
      : undefined);
    const fastMultiset = keys.length === 0 && settings.mismatchesPath === undefined
      ? await tryFastMultisetCompare(session, expected.view, actual.view, pairing.pairs, rules, options.limit, cheapCounts ?? fileCounts)
      : undefined;
    const nE = identical + (fast?.rows.expected ?? fastMultiset?.rows.expected ?? cheapCounts?.expected ?? await countRows(expected.view));
    const nA = identical + (fast?.rows.actual ?? fastMultiset?.rows.actual ?? cheapCounts?.actual ?? await countRows(actual.view));
    if (!settings.allowEmpty) {
      for (const [t, n, side] of [[shownE, nE, 'expected'], [shownA, nA, 'actual']] as const) {
        if (n === 0) {
          throw new AcceptanceError('ACCEPT_EMPTY', `${side} input ${describeSource(t.source)} has no rows (header only?)`, {
            location: t.source.kind === 'sql' ? {} : { file: t.source.path },
            hint: 'an empty output usually means the export failed; pass --allow-empty if an empty table is really expected',
          });
        }
      }
    }
    let eStats: Row;
    let aStats: Row;
    let duplicateKeys = 0;
    let counts: JoinCounts;
    let fastSamples: readonly DiffRecord[] | undefined;
    if (fast) {
      eStats = { rows: nE, null_rows: fast.nullKeyRows.expected, dup_keys: 0, dup_rows: 0 };
      aStats = { rows: nA, null_rows: fast.nullKeyRows.actual, dup_keys: 0, dup_rows: 0 };
      counts = fast;
      fastSamples = fast.samples;
    } else if (keys.length === 0) {
      // Without a key there are no key statistics: the rows are all there is to count.
      eStats = { rows: nE, null_rows: 0, dup_keys: 0, dup_rows: 0 };
      aStats = { rows: nA, null_rows: 0, dup_keys: 0, dup_rows: 0 };
      const surplus = fastMultiset ?? await joinMultiset(session, DIFF, expected.view, actual.view, pairing.pairs, rules);
      counts = { changed: 0, missing: surplus.missing, extra: surplus.extra, columnMismatches: pairing.pairs.map(() => 0) };
      fastSamples = fastMultiset?.samples;
    } else {
      const stats = async (view: string, side: 'expected' | 'actual'): Promise<Row> => {
        const st = await firstRow(session, keyStatsSql(view, keys, side, rules));
        const dups = Number(st.distinct_keys) < Number(st.rows) ? await firstRow(session, keyDuplicatesSql(view, keys, side, rules)) : { dup_keys: 0, dup_rows: 0 };
        return { ...st, rows: identical + Number(st.rows), ...dups };
      };
      eStats = await stats(expected.view, 'expected');
      aStats = await stats(actual.view, 'actual');
      const dupHint = Number(eStats.dup_keys) + Number(aStats.dup_keys);
      duplicateKeys = await countDuplicateKeys(session, expected.view, actual.view, keys, rules, dupHint);
      counts = await joinKeyed(session, expected.view, actual.view, values, keys, rules, dupHint > 0);
    }
    const changed = counts.changed;
    const missing = counts.missing;
    const extra = counts.extra;
    const matched = nE - changed - missing;
    if (matched !== nA - changed - extra || matched < 0) {
      throw new AcceptanceError('ACCEPT_INTERNAL', `${name}: inconsistent counts (expected ${nE}, actual ${nA}, changed ${changed}, missing ${missing}, extra ${extra})`, { hint: 'please report this with the inputs' });
    }
    const records = matched + changed + missing + extra;
    const paired = matched + changed;
    const colPct = (mis: number): number => (paired === 0 ? (records === 0 ? 100 : 0) : percentOf(paired - mis, paired));
    const columns: ColumnResult[] = pairing.pairs.map((p) => {
      const isKey = keys.includes(p);
      const mismatches = isKey ? 0 : counts.columnMismatches[values.indexOf(p)] ?? 0;
      return {
        name: p.name, expectedName: p.expected?.name, actualName: p.actual?.name, expectedType: p.expected?.type, actualType: p.actual?.type,
        comparedAs: p.cls, status: isKey ? 'key' : !p.actual ? 'missing' : !p.expected ? 'extra' : 'compared', mismatches, percentMatched: colPct(mismatches),
      };
    });
    stage(5, 'differences');
    const samples = fastSamples ?? (keys.length > 0 ? await fetchKeyedSamples(session, values, keys, options.limit) : await fetchMultisetSamples(session, DIFF, pairing.pairs, options.limit));
    if (settings.mismatchesPath !== undefined) await writeMismatches(session, settings.mismatchesPath, keys.length > 0 ? values : pairing.pairs, keys);
    await session.run(`DROP TABLE IF EXISTS ${DIFF}`);
    stage(6, 'report');
    const [eHead, aHead] = await heads ?? [await headRows(session, shownE.view, options.head), await headRows(session, shownA.view, options.head)];
    const side = (t: LoadedTable, s: Row, head: Row[], dupKeys: number): SideInfo => ({
      source: describeSource(t.source.kind === 'sql' ? t.source : { ...t.source, path: displayPath(t.source.path) }), bytes: t.bytes, rows: Number(s.rows), columns: t.columns, head,
      nullKeyRows: Number(s.null_rows), duplicateKeyValues: dupKeys, duplicateRows: Number(s.dup_rows),
    });
    const nullText = nullTextNote(samples, shownE.source, shownA.source);
    if (nullText !== undefined) notes.push(nullText);
    const decimalComma = decimalCommaNote(samples, shownE.source, shownA.source);
    if (decimalComma !== undefined) notes.push(decimalComma);
    const unsure = nonReproducibleNote(shownE.source, options.ignore);
    if (unsure !== undefined) notes.push(unsure);
    if (keys.length === 0) notes.push('no key: rows compared as a multiset (a changed row counts as one missing and one extra)');
    if (keys.length === 0 && values.some((p) => p.tolerance.absolute > 0 || p.tolerance.relative > 0)) notes.push('tolerances need a key: without one, numbers are compared exactly');
    const percentMatched = percentOf(matched, records);
    return {
      kind: 'table-result', name,
      expected: side(shownE, eStats, eHead, Number(eStats.dup_keys)), actual: side(shownA, aStats, aHead, Number(aStats.dup_keys)),
      key: { mode: keys.length > 0 ? 'key' : 'multiset', columns: keys.map((k) => k.name), auto },
      schema: {
        missingColumns: pairing.pairs.filter((p) => !p.actual).map((p) => p.name),
        extraColumns: pairing.pairs.filter((p) => !p.expected).map((p) => p.name),
        typeDifferences: pairing.pairs.filter((p) => p.expected && p.actual && p.expected.type !== p.actual.type)
          .map((p) => ({ column: p.name, expected: p.expected?.type ?? '', actual: p.actual?.type ?? '', comparedAs: p.cls })),
        ignored: pairing.ignored, mapped: pairing.mapped,
      },
      records, matched, changed, missing, extra, duplicateKeys, percentMatched,
      threshold: options.threshold, passed: percentMatched >= options.threshold,
      columns, samples, notes, elapsedMs: Date.now() - started,
    };
  } finally {
    await heads;
  }
}

async function firstRow(session: EngineSession, sql: string): Promise<Row> {
  return (await session.all(sql))[0] ?? {};
}

async function headRows(session: EngineSession, view: string, n: number): Promise<Row[]> {
  // Exact text forms: the rows as people read them (a TIME as 18:26:00, not its microseconds).
  return n > 0 ? session.allExact(`SELECT * FROM ${quoteIdent(view)} LIMIT ${Math.floor(n)}`) : [];
}

/**
 * The first rows of two file inputs, read on a second connection while the session runs the
 * compare (each is a short scan of the file's start, ~30-50 ms of waiting when run after it).
 * Undefined, for the session to read them itself, when an input is no file read or this fails.
 */
function headsBeside(session: EngineSession, expected: LoadedTable, actual: LoadedTable, n: number): Promise<[Row[], Row[]] | undefined> | undefined {
  if (n <= 0 || expected.from === undefined || actual.from === undefined) return undefined;
  const [eFrom, aFrom] = [expected.from, actual.from];
  const pending = (async (): Promise<[Row[], Row[]] | undefined> => {
    const other = await session.fork();
    try {
      const limit = Math.floor(n);
      return [await other.allExact(`SELECT * FROM ${eFrom} LIMIT ${limit}`), await other.allExact(`SELECT * FROM ${aFrom} LIMIT ${limit}`)];
    } finally {
      other.close();
    }
  })();
  return pending.catch(() => undefined);
}

/** Key values duplicated on either side, counted once each (only run when some side has any). */
async function countDuplicateKeys(session: EngineSession, eView: string, aView: string, keys: readonly ColumnPair[], rules: ReturnType<typeof rulesOf>, hint: number): Promise<number> {
  if (hint === 0) return 0;
  const side = (view: string, s: 'expected' | 'actual'): string =>
    `SELECT ${keys.map((k, i) => `${keyExpr(k, s, rules)} AS k${i}`).join(', ')} FROM ${quoteIdent(view)}`;
  const sql = `SELECT count(*) AS n FROM (SELECT ${keys.map((_, i) => `k${i}`).join(', ')} FROM (SELECT *, 'e' AS s FROM (${side(eView, 'expected')}) UNION ALL SELECT *, 'a' AS s FROM (${side(aView, 'actual')})) GROUP BY ALL HAVING count(*) FILTER (WHERE s = 'e') > 1 OR count(*) FILTER (WHERE s = 'a') > 1)`;
  return Number(await session.scalar(sql));
}

export interface JoinCounts {
  readonly changed: number;
  readonly missing: number;
  readonly extra: number;
  readonly columnMismatches: readonly number[];
}

/**
 * The keyed FULL OUTER JOIN with every value, key and equality flag (before any filter). With
 * `positional`, the two sides paired row by row instead (POSITIONAL JOIN, positional-compare.ts),
 * with the columns that prove the pairing is the join's: `pos_same` (the keys are one value) and
 * `pos_prev` (the expected key of the row before).
 */
export function keyedJoinSql(eView: string, aView: string, values: readonly ColumnPair[], keys: readonly ColumnPair[], rules: ReturnType<typeof rulesOf>, numbered: boolean, positional = false): string {
  const on = [...keys.map((_, i) => `e.k${i} IS NOT DISTINCT FROM a.k${i}`), ...(numbered ? ['e.rn = a.rn'] : [])].join(' AND ');
  const eqs = values.map((p, i) => `${equalsExpr(p, `e.e${i}`, `a.a${i}`, rules)} AS eq${i}`);
  const keyOut = keys.map((_, i) => `coalesce(e.k${i}, a.k${i}) AS k${i}`);
  const sideCols = [...values.map((_, i) => `e.e${i}`), ...values.map((_, i) => `a.a${i}`)];
  const keyRaw = (['e', 'a'] as const).flatMap((p) => keys.map((k, i) =>
    (rawKeyIsJoinKey(k, p === 'e' ? 'expected' : 'actual', rules) ? `${p}.k${i} AS ${p}k${i}` : `${p}.${p}k${i}`)));
  const eSide = keyedSideSql(eView, values, keys, 'expected', rules, numbered, !positional);
  const aSide = keyedSideSql(aView, values, keys, 'actual', rules, numbered, !positional);
  const present = positional ? ['true AS ep', 'true AS ap'] : ['coalesce(e.e_present, false) AS ep', 'coalesce(a.a_present, false) AS ap'];
  const eKey = keys.length === 1 ? 'e.k0' : `row(${keys.map((_, i) => `e.k${i}`).join(', ')})`;
  const proof = positional ? [`(${on}) AS pos_same`, `lag(${eKey}) OVER () AS pos_prev`] : [];
  return `SELECT ${[...keyOut, ...keyRaw, ...present, ...sideCols, ...eqs, ...proof].join(', ')}
    FROM (${eSide}) e ${positional ? `POSITIONAL JOIN (${aSide}) a` : `FULL OUTER JOIN (${aSide}) a ON ${on}`}`;
}

async function joinKeyed(session: EngineSession, eView: string, aView: string, values: readonly ColumnPair[], keys: readonly ColumnPair[], rules: ReturnType<typeof rulesOf>, numbered: boolean): Promise<JoinCounts> {
  await session.run(`CREATE OR REPLACE TEMP TABLE ${DIFF} AS SELECT * FROM (${keyedJoinSql(eView, aView, values, keys, rules, numbered)}) WHERE NOT ${identicalSql(values)}`);
  const mis = values.map((_, i) => `count(*) FILTER (WHERE ep AND ap AND NOT eq${i})::BIGINT AS m${i}`);
  const row = (await session.all(`SELECT count(*) FILTER (WHERE ep AND ap)::BIGINT AS changed, count(*) FILTER (WHERE NOT ap)::BIGINT AS missing, count(*) FILTER (WHERE NOT ep)::BIGINT AS extra${mis.length ? ', ' + mis.join(', ') : ''} FROM ${DIFF}`))[0] ?? {};
  return { changed: Number(row.changed), missing: Number(row.missing), extra: Number(row.extra), columnMismatches: values.map((_, i) => Number(row[`m${i}`])) };
}

async function fetchKeyedSamples(session: EngineSession, values: readonly ColumnPair[], keys: readonly ColumnPair[], limit: number): Promise<DiffRecord[]> {
  if (limit <= 0) return [];
  const order = keys.map((_, i) => `k${i} NULLS FIRST`).join(', ');
  return toKeyedSamples(await session.allExact(`SELECT * FROM ${DIFF} ORDER BY ${order} LIMIT ${Math.floor(limit)}`), values, keys);
}

/** Turns joined records (DIFF rows, or the fast path's structs) into DiffRecords. */
export function toKeyedSamples(rows: readonly Row[], values: readonly ColumnPair[], keys: readonly ColumnPair[]): DiffRecord[] {
  return rows.map((r) => {
    const status = r.ep && r.ap ? 'changed' : r.ep ? 'missing' : 'extra';
    const key = Object.fromEntries(keys.map((k, i) => [k.name, r.ep ? r[`ek${i}`] : r[`ak${i}`]]));
    const build = (p: 'e' | 'a'): Record<string, unknown> => ({
      ...Object.fromEntries(keys.map((k, i) => [k.name, r[`${p}k${i}`]])),
      ...Object.fromEntries(values.map((v, i) => [v.name, r[`${p}${i}`]])),
    });
    return {
      status, key,
      expected: r.ep ? build('e') : null, actual: r.ap ? build('a') : null,
      differing: status === 'changed' ? values.filter((_, i) => r[`eq${i}`] === false).map((v) => v.name) : [],
      count: 1,
    } satisfies DiffRecord;
  });
}

async function writeMismatches(session: EngineSession, path: string, values: readonly ColumnPair[], keys: readonly ColumnPair[]): Promise<void> {
  const q = (s: string): string => quoteIdent(s);
  const lit = `'${path.replace(/'/g, "''")}'`;
  let select: string;
  if (keys.length > 0) {
    select = [
      `CASE WHEN ep AND ap THEN 'changed' WHEN ep THEN 'missing' ELSE 'extra' END AS status`,
      ...keys.map((k, i) => `coalesce(CAST(ek${i} AS VARCHAR), CAST(ak${i} AS VARCHAR)) AS ${q(k.name)}`),
      `nullif(concat_ws(' ', ${values.length ? values.map((v, i) => `CASE WHEN ep AND ap AND NOT eq${i} THEN ${`'${v.name.replace(/'/g, "''")}'`} END`).join(', ') : "''"}), '') AS differing_columns`,
      ...values.flatMap((v, i) => [`e${i} AS ${q(`expected_${v.name}`)}`, `a${i} AS ${q(`actual_${v.name}`)}`]),
    ].join(', ');
    select = `SELECT ${select} FROM ${DIFF} ORDER BY ${keys.map((_, i) => `k${i} NULLS FIRST`).join(', ')}`;
  } else {
    select = `SELECT CASE WHEN ne > na THEN 'missing' ELSE 'extra' END AS status, abs(ne - na) AS count, ${values.map((v, i) => `k${i} AS ${q(v.name)}`).join(', ')} FROM ${DIFF} ORDER BY ALL`;
  }
  try {
    await session.run(`COPY (${select}) TO ${lit} (HEADER, DELIMITER ',')`);
  } catch (err) {
    throw new AcceptanceError('ACCEPT_WRITE', `cannot write mismatches to ${path}: ${err instanceof Error ? err.message : String(err)}`, { location: { file: path }, hint: 'check that the folder exists and is writable' });
  }
}
