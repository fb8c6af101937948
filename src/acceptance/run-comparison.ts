import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { isNotUtf8Error, isWindows1252Name, MigrateError, sqlcmdRows, utf8Copy } from '../core';
import { loadTableSource, reloadCsvFully, scanOfSource, sourceError, type CsvOptions, type EngineSession, type LoadedTable, type TableSource } from '../engine';
import type { CompareOptions } from './compare-options';
import { compareLoadedTables, type StageListener } from './compare-tables';
import type { TableResult } from './table-result';

/** One comparison to run: a named pair of sources and the options for them. */
export interface ComparisonJob {
  readonly kind: 'comparison-job';
  readonly name: string;
  readonly expected: TableSource;
  readonly actual: TableSource;
  readonly options: CompareOptions;
  readonly mismatchesPath?: string;
  readonly allowEmpty?: boolean;
  /** Where the job was defined (a config file), for messages. */
  readonly origin?: string;
}

let counter = 0;

/**
 * Loads both sides of a job into the session and compares them. When a CSV's sniffed types turn
 * out wrong further down the file (a sample said INTEGER, row 2M says 'n/a'), the CSV sides are
 * sniffed again over the whole file and the compare runs once more, instead of failing. A CSV
 * in Windows-1252 (named so, or found not to be UTF-8) is read through a UTF-8 copy. A DuckDB
 * error during the compare is attributed to the input that causes it.
 */
export async function runComparison(session: EngineSession, job: ComparisonJob, onStage?: StageListener): Promise<TableResult> {
  const copies: { readonly dispose: () => void }[] = [];
  const notes = new Set<string>();
  const unframe = (source: TableSource, side: 'expected' | 'actual'): TableSource => withoutSqlcmdFrame(source, side, copies, notes);
  try {
    const encoded = { expected: readable(job.expected, true, copies), actual: readable(job.actual, true, copies) };
    try {
      const result = await compareJob(session, job, unframe(encoded.expected, 'expected'), unframe(encoded.actual, 'actual'), onStage);
      return { ...result, notes: [...result.notes, ...notes] };
    } catch (err) {
      // A CSV found not to be UTF-8 (while sniffing, or rows further down) is an "ANSI" export:
      // read through a Windows-1252 copy, as capture and run read their inputs, and said so.
      if (!isNotUtf8Error(err)) throw err;
      const again = { expected: readable(encoded.expected, false, copies), actual: readable(encoded.actual, false, copies) };
      if (again.expected === encoded.expected && again.actual === encoded.actual) throw err;
      const result = await compareJob(session, job, unframe(again.expected, 'expected'), unframe(again.actual, 'actual'), onStage);
      const recoded = (['expected', 'actual'] as const).filter((s) => again[s] !== encoded[s])
        .map((s) => `the ${s} file is not UTF-8: read as Windows-1252 (an "ANSI" export; --${s}-encoding names its encoding)`);
      return { ...result, notes: [...result.notes, ...notes, ...recoded] };
    }
  } finally {
    for (const c of copies) c.dispose();
  }
}

/**
 * A CSV written by sqlcmd (sqlcmd-output.ts) read through a copy without the line of dashes under
 * its header and the `(N rows affected)` after its rows, with a note saying so.
 */
function withoutSqlcmdFrame(source: TableSource, side: 'expected' | 'actual', copies: { readonly dispose: () => void }[], notes: Set<string>): TableSource {
  if (source.kind !== 'csv' || source.csv?.header === false || /[*?[]/.test(source.path)) return source;
  const rows = sqlcmdRows(source.readPath ?? source.path, `the ${side} file`, source.path);
  if (rows === undefined) return source;
  copies.push(rows);
  notes.add(`the ${side} file is sqlcmd output: the line of dashes under its header${rows.affected === undefined ? '' : ` and the "(${rows.affected} rows affected)" after its rows`} are left out`);
  return { ...source, readPath: rows.path };
}

/**
 * The source DuckDB can read: a CSV named Windows-1252 (`first`), or one that is not UTF-8 (after
 * DuckDB said so), through a UTF-8 copy; anything else as it is.
 */
function readable(source: TableSource, first: boolean, copies: { readonly dispose: () => void }[]): TableSource {
  if (source.kind !== 'csv' || source.readPath !== undefined) return source;
  const named = isWindows1252Name(source.csv?.encoding);
  if (first ? !named : source.csv?.encoding !== undefined || !notUtf8(source.path)) return source;
  const copy = utf8Copy(source.path, named);
  copies.push(copy);
  const { encoding: _, ...csv } = source.csv ?? {};
  return { ...source, csv, readPath: copy.path };
}

/** Whether a file's bytes are not UTF-8 (a glob or an unreadable path: no, the reader says what is wrong). */
function notUtf8(path: string): boolean {
  try {
    return !isUtf8(readFileSync(path));
  } catch {
    return false;
  }
}

async function compareJob(session: EngineSession, job: ComparisonJob, e: TableSource, a: TableSource, onStage?: StageListener): Promise<TableResult> {
  const id = ++counter;
  onStage?.(1, 'load');
  let [expected, actual] = await loadBoth(session, `accept_expected_${id}`, `accept_actual_${id}`, e, a);
  const settings = { mismatchesPath: job.mismatchesPath, allowEmpty: job.allowEmpty, onStage };
  // A CSV read again at most twice: with its whole file sniffed (a value past the sample the
  // sampled type would round), and with number columns as exact decimals (a value with more
  // digits than a double keeps). Any other failure, or one that stays, names its input.
  let more: CsvOptions | undefined;
  try {
    for (;;) {
      try {
        return await compareLoadedTables(session, job.name, expected, actual, job.options, settings);
      } catch (err) {
        if (!isEngineSqlError(err)) throw err;
        const message = messageOf(err);
        const retry = /Precision Error: .*more significant digits than a double keeps/.test(message) && more?.exactDecimals !== true ? { exactDecimals: true }
          : /conver|could not parse|cast/i.test(message) && more === undefined ? {} : undefined;
        if (retry === undefined || (expected.source.kind !== 'csv' && actual.source.kind !== 'csv')) throw await attribute(session, [expected, actual], err);
        more = { ...more, ...retry };
        expected = await reloadCsvFully(session, expected, more);
        actual = await reloadCsvFully(session, actual, more);
      }
    }
  } finally {
    await session.run(`DROP VIEW IF EXISTS accept_expected_${id}; DROP VIEW IF EXISTS accept_actual_${id}`).catch(() => undefined);
  }
}

/**
 * Loads both inputs. A CSV without a header row is named after the other input's columns. Two
 * CSVs are sniffed at the same time, the actual one on a second connection (DuckDB sniffs a file
 * on one thread, so this halves the sniffing's wall time on two cores); the views are then made
 * on the session, which is the one that queries them. When both fail, the expected input's error
 * is the one reported, as when they load one by one.
 */
async function loadBoth(session: EngineSession, eView: string, aView: string, e: TableSource, a: TableSource): Promise<[LoadedTable, LoadedTable]> {
  // A CSV without a header row (SSMS saves results without one unless told to) takes the other
  // input's column names, in order: that input is loaded first.
  if (headerless(e) && !headerless(a)) {
    const actual = await loadTableSource(session, aView, a);
    return [await loadTableSource(session, eView, named(e, actual)), actual];
  }
  if (headerless(a) && !headerless(e)) {
    const expected = await loadTableSource(session, eView, e);
    return [expected, await loadTableSource(session, aView, named(a, expected))];
  }
  if (e.kind !== 'csv' || a.kind !== 'csv') return [await loadTableSource(session, eView, e), await loadTableSource(session, aView, a)];
  const other = await session.fork();
  let scans: PromiseSettledResult<Awaited<ReturnType<typeof scanOfSource>>>[];
  try {
    scans = await Promise.allSettled([scanOfSource(session, e, `${eView}_db`), scanOfSource(other, a, `${aView}_db`)]);
  } finally {
    other.close();
  }
  const [eScan, aScan] = scans.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  });
  return [await loadTableSource(session, eView, e, undefined, eScan), await loadTableSource(session, aView, a, undefined, aScan)];
}

function headerless(source: TableSource): boolean {
  return source.kind === 'csv' && source.csv?.header === false && source.csv.names === undefined;
}

/** A headerless CSV with the columns of `other` as its names. */
function named(source: TableSource, other: LoadedTable): TableSource {
  return source.kind === 'csv' ? { ...source, csv: { ...source.csv, names: other.columns.map((c) => c.name) } } : source;
}

function isEngineSqlError(err: unknown): err is MigrateError {
  return err instanceof MigrateError && err.code === 'ENGINE_SQL';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Finds which input a DuckDB failure comes from by scanning each alone; names it in the error. */
async function attribute(session: EngineSession, tables: readonly LoadedTable[], err: unknown): Promise<unknown> {
  for (const t of tables) {
    try {
      await session.run(`SELECT count(COLUMNS(*)) FROM "${t.view}"`);
    } catch (own) {
      return sourceError(t.source, own);
    }
  }
  return err;
}
