import { EngineSession } from '../engine';
import { MigrateError } from '../core';
import { outputParameterColumn, readableTableName } from './baseline-names';
import { emulateProcedure, type EmulateOptions, type EmulationResult } from './emulator/emulate-procedure';
import { sqlServerErrorText } from './emulator/state';
import { emulateSection, type EmulateSectionOptions, type SectionOutput, type SectionRunResult } from './emulator/section/emulate-section';
import { causesByColumn, columnsReachedFrom } from './order-check-reach';
import { isUndocumentedStatistics } from './emulator/reproducibility/statistical-aggregates';

/*
 * Rows whose order only SQL Server's plan decides: a cursor without ORDER BY (the emulator
 * fetches them in DuckDB's order), ties of an ORDER BY or a window's (ROW_NUMBER's de-duplication
 * idiom; broken in table order, window-ties.ts), string aggregation without an order, the rows
 * UPDATE/DELETE TOP change (row-picks.ts). Whether an output depends on that order is a property of
 * the code (a count does not, a running number or a list does), which no static rule decides
 * well; so capture runs the procedure a second time with those rows taken in the other order
 * (state.reverseUnordered) and lists every output column whose values changed as
 * non-reproducible, naming the reads. Outputs that come out the same keep their values: for the
 * data captured, the order did not matter.
 */

/**
 * The reads noted, each place once: a statement a loop runs again is noted again (the emulator
 * translates a fresh copy of it per pass), and one place named five times reads as five causes.
 */
function readsNamed(reads: readonly string[]): string {
  return [...new Set(reads)].join(', ');
}

/**
 * Why outputs changed in the second run: the reads whose rows it took in the other order, and the
 * STDEV()/VAR() calls whose undocumented last digits it moved (statistical-aggregates.ts), each
 * as its read says (no "taken in the other order": their rows' order is not what changed).
 */
function otherValuesCause(reads: readonly string[], subject: string): string {
  const ordered = reads.filter((r) => !isUndocumentedStatistics(r));
  const computed = [...new Set(reads.filter(isUndocumentedStatistics))];
  const byOrder = ordered.length === 0 ? [] : [`${readsNamed(ordered)}, taken in the other order: ${subject} other values (SQL Server takes them in its plan's order)`];
  return [...byOrder, ...computed].join('; ');
}

/**
 * The reads to blame when the other order stopped the run: the ones its refusal names (three or
 * more rows tied in a ROW_NUMBER's ORDER BY), not every read noted as possibly tied (a GROUP BY's
 * spelling, an NTILE whose ORDER BY the data never ties); all of them when it names none.
 */
function readsStopping(reads: readonly string[], why: string): string {
  const named = reads.filter((r) => why.includes(r));
  return readsNamed(named.length > 0 ? named : reads);
}

/** What the second run found: output columns whose values depend on the order, and why. */
export interface OrderCheck {
  readonly columns: readonly string[];
  readonly causes: readonly string[];
  /** Per column of `columns`, the cause naming only the reads that reach it (order-check-reach.ts); absent where every read is named. */
  readonly columnCauses?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Runs the procedure again (a fresh DuckDB session, the same inputs) with the rows of the reads
 * `first` noted (state.unorderedReads) taken in the other order, and compares its outputs with `first`'s.
 */
export async function checkUnorderedReads(options: Omit<EmulateOptions, 'session'>, first: EmulationResult): Promise<OrderCheck> {
  if (first.unorderedReads.length === 0) return { columns: [], causes: [] };
  const reads = readsNamed(first.unorderedReads);
  const guesses = new Map<string, string>();
  const seeded = new Set<string>();
  let second: EmulationResult | undefined;
  while (second === undefined) {
    const session = await EngineSession.open({ threads: 2 });
    try {
      second = await emulateProcedure({ ...options, session, reverseUnordered: true, roundingGuesses: new Set(guesses.keys()), seededWindows: new Set(seeded) });
    } catch (err) {
      const guess = roundingGuess(err);
      if (guess !== undefined && !guesses.has(guess.place) && guesses.size < MAX_ROUNDING_GUESSES) { guesses.set(guess.place, guess.why); continue; }
      const window = disputedWindowPlace(err);
      if (window !== undefined && !seeded.has(window) && seeded.size < MAX_ROUNDING_GUESSES) { seeded.add(window); continue; }
      // The other order stops the procedure (a key violated, a refusal met): nothing it wrote in
      // the first order can be trusted to be SQL Server's.
      const why = err instanceof MigrateError ? err.message : String(err);
      return { columns: allColumns(first), causes: [`${readsStopping(first.unorderedReads, why)}, taken in the other order: the procedure stops (${why.split('\n')[0]}); SQL Server takes them in its plan's order`] };
    } finally {
      session.close();
    }
  }
  // the other order ends otherwise (an error where the first returned, or another error): its outputs are no one order's
  const ending = (r: EmulationResult): string => {
    const e = r.raised;
    return e === undefined ? 'returns' : `stops (${sqlServerErrorText(e.stateUnknown === true ? { ...e, state: undefined } : e)})`;
  };
  if (ending(first) !== ending(second)) {
    const other = first.raised === undefined ? '' : ` where it ${ending(first)} in the first`;
    return { columns: allColumns(first), causes: [`${reads}, taken in the other order: the procedure ${ending(second)}${other}; SQL Server takes them in its plan's order`] };
  }
  // A seeded window's values (three or more tied rows that differ) are listed where the second run followed them.
  const seededCauses = seeded.size === 0 ? [] : second.nonReproducibleCauses.filter((c) => [...seeded].some((place) => c.includes(` at ${place}, three or more`)));
  const alreadyListed = new Set(first.nonReproducible);
  const seededColumns = new Set(seededCauses.length === 0 ? [] : second.nonReproducible.filter((c) => !alreadyListed.has(c)));
  // a seeded column in a table's key (`Seq int PRIMARY KEY` = the row number) pairs its rows: every column of it is then the plan's
  for (const t of first.outputs) {
    const named = (c: string): string => `${tableName(first, t.name)}.${c}`;
    const key = first.tables.get(t.name)?.key ?? [];
    if (t.columns.some((c) => seededColumns.has(named(c)) && key.some((k) => k.toLowerCase() === c.toLowerCase()))) for (const c of t.columns) if (!alreadyListed.has(named(c))) seededColumns.add(named(c));
  }
  const changed = changedColumns(first, second, seededColumns);
  const worded = (named: readonly string[]): string => otherValuesCause(named, 'the procedure writes');
  const columnCauses = changed.length === 0 ? new Map<string, string[]>() : causesByColumn(options.scripts, options.procedure, first, changed, worded);
  // What a guessed rounding may reach is not known in the other order: listed whether or not it changed.
  const guessCauses = [...guesses].map(([place, why]) => ({ place, cause: `${reads}, taken in the other order: ${why}; SQL Server takes them in its plan's order` }));
  for (const { place, cause } of guessCauses) {
    for (const column of columnsReachedFrom(options.scripts, options.procedure, first, place)) columnCauses.set(column, [...(columnCauses.get(column) ?? []), cause]);
  }
  for (const column of seededColumns) columnCauses.set(column, [...(columnCauses.get(column) ?? []), ...seededCauses]);
  if (columnCauses.size === 0) return { columns: [], causes: [] };
  const causes = [...(changed.length === 0 ? [] : [worded(first.unorderedReads)]), ...guessCauses.map((g) => g.cause), ...seededCauses];
  return { columns: allColumns(first).filter((c) => columnCauses.has(c)), causes, columnCauses };
}

/** How many float ROUND calls the second run may round by guess before it gives up (each costs a run). */
const MAX_ROUNDING_GUESSES = 4;

/**
 * A second run stopped at a window (ROW_NUMBER, NTILE, LAG … OVER) over three or more tied rows
 * that differ (tie-disputes.ts): its place, so the run is made again with that window's values
 * followed to the columns they reach (state.seededWindows), which are listed, rather than every
 * output. TOP's and STRING_AGG's disputes keep stopping the run.
 */
function disputedWindowPlace(err: unknown): string | undefined {
  if (!(err instanceof MigrateError) || err.code !== 'LEGACY_UNSUPPORTED') return undefined;
  // the refusal is located at its statement; the window's own place is in its words
  return /^the emulator does not support rows with equal ORDER BY values of \w+\(\) OVER at (.+?:\d+:\d+) when three or more of them tie and differ/.exec(err.message)?.[1];
}

/**
 * A second run stopped at a float ROUND too near halfway (tsql_round_float's refusal): the value
 * there is already the other order's, not the first run's, and which way SQL Server rounds it is
 * not known. Run again rounding it either way, and list what it may reach (columnsReachedFrom).
 */
function roundingGuess(err: unknown): { readonly place: string; readonly why: string } | undefined {
  if (!(err instanceof MigrateError) || err.code !== 'LEGACY_UNSUPPORTED' || !/^the emulator does not support ROUND .*of a float this close to (halfway|a whole number)/.test(err.message)) return undefined;
  const start = err.location?.span?.start;
  if (err.location?.file === undefined || start === undefined) return undefined;
  const place = `${err.location.file}:${start.line}:${start.column}`;
  const value = /\(here (ROUND\([^)]*\))/.exec(err.message)?.[1];
  return { place, why: `the float ROUND at ${place} meets ${value ?? 'a value'} too near halfway to tell how SQL Server rounds it` };
}

/**
 * emulateSection, and when the section met rows whose order SQL Server decides, a second run (on
 * a session from `open`) with them taken in the other order: outputs, result sets and variables
 * that changed are marked notReproducible, so `sections record` refuses to record them.
 */
export async function emulateSectionInEitherOrder(options: EmulateSectionOptions, open: () => Promise<EngineSession>): Promise<SectionRunResult> {
  const first = await emulateSection(options);
  if (first.unorderedReads.length === 0) return first;
  const session = await open();
  let second: SectionRunResult | undefined;
  let stopped = '';
  try {
    second = await emulateSection({ ...options, session, reverseUnordered: true });
  } catch (err) {
    stopped = err instanceof MigrateError ? err.message.split('\n')[0] ?? '' : String(err);
  } finally {
    session.close();
  }
  const cause = [second === undefined ? `${readsStopping(first.unorderedReads, stopped)}, taken in the other order: the section stops (${stopped}); SQL Server takes them in its plan's order` : otherValuesCause(first.unorderedReads, 'the section gives')];
  const mark = (out: SectionOutput, other: SectionOutput | undefined): SectionOutput => {
    const rows = (o: SectionOutput): Record<string, unknown>[] => o.rows.map((r) => Object.fromEntries(o.columns.map((c, i) => [c.name, r[i]])));
    const names = out.columns.map((c) => c.name);
    const changed = other === undefined ? names : differing(names, rows(out), other.columns.map((c) => c.name), rows(other), [], out.pickedColumns);
    if (changed.length === 0) return out;
    // Only some columns changed (a float total's last digits) and the rows agree on the others:
    // those columns alone are refused, so a Then header without them records the rest.
    const rest = names.filter((n) => !changed.includes(n));
    if (other !== undefined && rest.length > 0 && sameValues(rows(out).map((r) => rowText(rest, r)), rows(other).map((r) => rowText(rest, r)))) {
      const columns = new Map(out.notReproducibleColumns ?? []);
      for (const c of changed) columns.set(c, [...(columns.get(c) ?? []), ...cause]);
      return { ...out, notReproducibleColumns: columns };
    }
    return { ...out, notReproducible: [...(out.notReproducible ?? []), ...cause] };
  };
  const outputs = new Map([...first.outputs].map(([name, out]) => [name, mark(out, second?.outputs.get(name))]));
  const resultSets = first.resultSets.map((rs, i) => mark(rs, second?.resultSets[i]));
  const notReproducibleVariables = new Map(first.notReproducibleVariables);
  for (const [name, value] of first.variables) {
    if (second !== undefined && second.variables.get(name) === value) continue;
    notReproducibleVariables.set(name, [...(notReproducibleVariables.get(name) ?? []), ...cause]);
  }
  return { ...first, outputs, resultSets, notReproducibleVariables };
}

/** Every output column of a run, named as the manifest names them. */
function allColumns(run: EmulationResult): string[] {
  const out: string[] = [];
  for (const t of run.outputs) for (const c of t.columns) out.push(`${tableName(run, t.name)}.${c}`);
  run.resultSets.forEach((rs, i) => { for (const c of rs.columns) out.push(`result-set-${i + 1}.${c}`); });
  for (const p of run.outputParameters ?? []) out.push(outputParameterColumn(p.name));
  return out.sort();
}

function tableName(run: EmulationResult, key: string): string {
  const info = run.tables.get(key);
  return info === undefined ? key : readableTableName(info.sqlName);
}

/** Columns whose values differ between the two runs, as multisets of rows and of each column's values. */
/** `seeded`: columns (as the manifest names them) a seeded window's values reach; a table's rows that agree on its other columns changed only those. */
function changedColumns(a: EmulationResult, b: EmulationResult, seeded: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const t of a.outputs) {
    const other = b.outputs.find((x) => x.name === t.name);
    const info = a.tables.get(t.name);
    const picked = [...(info === undefined ? [] : a.pickedColumns?.get(info.sqlName) ?? []), ...t.columns.filter((c) => seeded.has(`${tableName(a, t.name)}.${c}`))];
    for (const c of differing(t.columns, t.rows, other?.columns, other?.rows, info?.key, picked)) out.push(`${tableName(a, t.name)}.${c}`);
  }
  const sets = Math.max(a.resultSets.length, b.resultSets.length);
  for (let i = 0; i < sets; i++) {
    const x = a.resultSets[i];
    const y = b.resultSets[i];
    for (const c of differing(x?.columns ?? y?.columns ?? [], x?.rows ?? [], y?.columns, y?.rows)) out.push(`result-set-${i + 1}.${c}`);
  }
  for (const p of a.outputParameters ?? []) {
    if (b.outputParameters?.find((q) => q.name === p.name)?.value !== p.value) out.push(outputParameterColumn(p.name));
  }
  return [...new Set(out)].sort();
}

function differing(columns: readonly string[], rows: readonly Record<string, unknown>[], otherColumns: readonly string[] | undefined, otherRows: readonly Record<string, unknown>[] | undefined, key: readonly string[] = [], picked: readonly string[] = []): string[] {
  if (otherColumns === undefined || otherRows === undefined || otherColumns.join('\u0000') !== columns.join('\u0000') || otherRows.length !== rows.length) return [...columns];
  const changed = columns.filter((c) => !sameValues(rows.map((r) => text(r[c])), otherRows.map((r) => text(r[c]))));
  if (changed.length > 0) return changed;
  // Each column holds the same values, paired otherwise (two rows swapped a value): the columns
  // that differ on rows of one primary key, with the key, or, without a key to pair them, all.
  if (sameValues(rows.map((r) => rowText(columns, r)), otherRows.map((r) => rowText(columns, r)))) return [];
  // An UPDATE TOP (n) gave its new values to other rows: when the rows agree on every column it
  // does not set, those are reproducible and the columns it sets are what the pick decided.
  const set = columns.filter((c) => picked.some((p) => p.toLowerCase() === c.toLowerCase()));
  const rest = columns.filter((c) => !set.includes(c));
  if (set.length > 0 && rest.length > 0 && sameValues(rows.map((r) => rowText(rest, r)), otherRows.map((r) => rowText(rest, r)))) return set;
  return differingByKey(key, columns, rows, otherColumns, otherRows) ?? [...columns];
}

/**
 * Columns whose values differ between the two runs row by row, the rows paired by the table's
 * primary key, with the key's columns: two ledger lines that swapped a penny adjustment changed
 * that column and the pairing, not their amounts. Undefined (all columns, then) when there is
 * no key or the two runs do not hold the same set of unique key values.
 */
function differingByKey(key: readonly string[], columns: readonly string[], rows: readonly Record<string, unknown>[], otherColumns: readonly string[], otherRows: readonly Record<string, unknown>[]): string[] | undefined {
  if (key.length === 0 || otherColumns.join('\u0000') !== columns.join('\u0000') || otherRows.length !== rows.length) return undefined;
  const names = key.map((k) => columns.find((c) => c.toLowerCase() === k.toLowerCase()));
  if (names.some((n) => n === undefined)) return undefined;
  const keyOf = (r: Record<string, unknown>): string => rowText(names as string[], r);
  const byKey = new Map(otherRows.map((r) => [keyOf(r), r]));
  if (byKey.size !== otherRows.length || new Set(rows.map(keyOf)).size !== rows.length) return undefined;
  const pairs: [Record<string, unknown>, Record<string, unknown>][] = [];
  for (const r of rows) {
    const o = byKey.get(keyOf(r));
    if (o === undefined) return undefined;
    pairs.push([r, o]);
  }
  const changed = columns.filter((c) => pairs.some(([r, o]) => text(r[c]) !== text(o[c])));
  // The key goes with them: which row a value belongs to is what the order decided, and a
  // comparison keyed otherwise sees the difference in the key's columns.
  return changed.length === 0 ? [] : columns.filter((c) => changed.includes(c) || names.includes(c));
}

function sameValues(a: string[], b: string[]): boolean {
  a.sort();
  b.sort();
  return a.every((v, i) => v === b[i]);
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '\u0000NULL';
  if (v instanceof Date) return v.toISOString();
  const s = String(v); // DuckDB's decimal, interval, list values write themselves
  return s === '[object Object]' ? JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) : s;
}

function rowText(columns: readonly string[], r: Record<string, unknown>): string {
  return JSON.stringify(columns.map((c) => text(r[c])));
}
