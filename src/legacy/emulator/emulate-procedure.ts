import { LegacyError } from '../../core';
import { procedureNameAsWritten, unknownProcedureError } from './procedure-names';
import { readableTableName } from '../baseline-names';
import type { EngineSession } from '../../engine';
import type { ParsedScript, Statement, TableSource } from '../../tsql';
import { asUnderAnsiNullsOn, containersInEffect, creationSettingsOf, selectIntoTarget, walk } from '../../tsql';
import { quote } from './expressions';
import { callProcedure } from './interpreter';
import { TsqlRuntimeError, type CaughtError, type LoadedProcedure, type TableInfo } from './state';
import type { LegacyRunResult, OutputTable } from '../legacy-run';
import { normalizeObjectName } from '../legacy-run';
import { tablesBehindCatalog } from './catalog';
import { prepareEmulatorState } from './emulator-setup';
import { foreignKeyBaseline, refuseNewOrphans } from './tables/foreign-keys';
import { nonReproducibleCauses, nonReproducibleColumns } from './reproducibility/taint-report';
import type { EmulatorInput } from './input-loading';

export type { EmulatorInput } from './input-loading';
import { ensureTables, locatedError, referencedTables } from './tables/table-definitions';
import { refuseUnstatedOutput } from './tables/unstated-columns';
import { refuseUnevaluatedOutput } from './tables/unevaluated-columns';
import { proceduresReachedFrom } from './procedure-calls';
import { abandonUndoLog, inUndoLog } from './transactions/undo-transaction';
import { runInLanguageWatch, type LanguageAssumption } from './login-language';
import type { SessionLanguage } from './session-languages';

/** What to emulate: the parsed scripts (tables and procedures), the call, and its data. */
export interface EmulateOptions {
  readonly scripts: readonly ParsedScript[];
  /** `dbo.usp_x` (brackets and case do not matter; default schema dbo). */
  readonly procedure: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly session: EngineSession;
  /** GETDATE()/SYSDATETIME() for the whole run, e.g. `2026-01-01T00:00:00`. Default: the epoch of 2000-01-01. */
  readonly clock?: string;
  readonly inputs?: readonly EmulatorInput[];
  /** Run `EXEC (@sql)` / sp_executesql? Refused by default (see the README). */
  readonly allowDynamicSql?: boolean;
  /** Seed of RAND() and NEWID() (random-values.ts). Default 0. */
  readonly seed?: number;
  /** Fetch the rows of cursors without ORDER BY in reverse (capture's order check, order-check.ts). */
  readonly reverseUnordered?: boolean;
  /** With reverseUnordered: float ROUND calls (`file:line:col`) that round without the halfway refusal (state.roundingGuesses). */
  readonly roundingGuesses?: ReadonlySet<string>;
  /** With reverseUnordered: windows (`file:line:col`) whose tie order is followed to what it reaches instead of refused (state.seededWindows). */
  readonly seededWindows?: ReadonlySet<string>;
  /** The next value of sequences, by `schema.name` key: the database's state, which the scripts cannot know (sequences.ts). */
  readonly sequences?: ReadonlyMap<string, bigint>;
  /** What SUSER_SNAME(), DB_NAME(), @@SPID… give, by `--context` name (session-functions.ts); one not given is refused where read. */
  readonly context?: ReadonlyMap<string, string>;
  /** The next identity value of tables, by table key: the database's state, past the largest value its data shows (tables.ts). */
  readonly identities?: ReadonlyMap<string, bigint>;
  /** The legacy database's compatibility level: results that depend on it are refused without it (compatibility-level.ts). */
  readonly compatibilityLevel?: number;
  /** The legacy server's release (legacy.serverVersion, --server-version): ERROR_PROCEDURE() depends on it (error-procedure.ts). */
  readonly serverVersion?: number;
  /** The login's language (legacy.language, --language); without it us_english, and the first construct it decides is noted (login-language.ts). */
  readonly language?: SessionLanguage;
  /**
   * When the procedure ends with a T-SQL error (a THROW, or the error its CATCH block raises
   * again after logging it), return what it left, with the error as `raised`, instead of
   * throwing it: SQL Server's batch ends there and the tables keep what was written outside a
   * rolled-back transaction (the CATCH's log row). Still thrown when a transaction stays open
   * (what becomes of it is the caller's), when the run's own input (the clock) raised it, or when
   * the error's text is not SQL Server's for certain (CaughtError.messageUnknown). An engine
   * error whose state SQL Server gives by where it is raised (8115, 8152…: stateUnknown) is kept,
   * its state marked unknown.
   */
  readonly keepEndingError?: boolean;
}

/** The result of an emulated call, with the DuckDB tables behind each output for exact export. */
export interface EmulationResult extends LegacyRunResult {
  readonly tables: ReadonlyMap<string, TableInfo>;
  /** Output columns whose values came from RAND()/NEWID() (`schema.table.column`, `result-set-N.column`). */
  readonly nonReproducible: readonly string[];
  /** Why those columns are listed (RAND()/NEWID(), identity values numbered without ORDER BY). */
  readonly nonReproducibleCauses: readonly string[];
  /** Reads whose row order SQL Server's plan decides (`the cursor c opened at file:line:col without ORDER BY`). */
  readonly unorderedReads: readonly string[];
  /** Columns an UPDATE TOP (n) (or under SET ROWCOUNT) set, by table sqlName (EmulatorState.pickedColumns). */
  readonly pickedColumns?: ReadonlyMap<string, readonly string[]>;
  /** Statements executed, rows fetched, scalars evaluated in JS / by DuckDB, writes buffered (EmulatorState.counters). */
  readonly counters: { readonly statements: number; readonly fetchedRows: number; readonly fastScalars: number; readonly duckdbScalars: number; readonly bufferedWrites: number };
  /** Errors raised outside TRY that the procedure went on past, as SQL Server does (the client received them; statement-errors.ts). */
  readonly errors: readonly CaughtError[];
  /** The first construct whose result the assumed login language (us_english) decided; absent when the language was stated or nothing read it. */
  readonly languageAssumed?: LanguageAssumption;
  /** The error the procedure ended with (EmulateOptions.keepEndingError); returnValue is null then, as no return code reaches the caller. */
  readonly raised?: CaughtError;
  /** Tables the call reads that no input gave and no statement wrote, as written (`dbo.EntityWord`): they started empty. */
  readonly startedEmpty: readonly string[];
}

/**
 * Runs a legacy procedure on DuckDB with SQL Server's semantics: creates the permanent tables
 * of the CREATE TABLE scripts, loads the input CSVs, calls the procedure with `params`, and
 * returns the contents of every permanent table the procedure (or a procedure it calls) writes,
 * its result sets, PRINT messages and return code. Anything the emulator cannot reproduce
 * exactly is a LegacyError with file:line:col, never a silently different number.
 */
export function emulateProcedure(options: EmulateOptions): Promise<EmulationResult> {
  return runInLanguageWatch(() => emulateWatched(options));
}

async function emulateWatched(options: EmulateOptions): Promise<EmulationResult> {
  const clock = normalizeClock(options.clock ?? '2000-01-01T00:00:00');
  const procedures = collectProcedures(options.scripts);
  const state = await prepareEmulatorState(options.session, options.scripts, procedures, { clock, allowDynamicSql: options.allowDynamicSql, seed: options.seed, sequences: options.sequences, context: options.context, identities: options.identities, compatibilityLevel: options.compatibilityLevel, serverVersion: options.serverVersion, language: options.language });
  state.clockOffset = clockOffsetOf(options.clock ?? '');
  state.reverseUnordered = options.reverseUnordered ?? false;
  if (state.reverseUnordered) state.roundingGuesses = options.roundingGuesses ?? new Set();
  if (state.reverseUnordered && (options.seededWindows?.size ?? 0) > 0) {
    state.seededWindows = options.seededWindows ?? new Set();
    // every statement tracked from the start, so a seeded window's values are followed column by column
    state.randomValuesUsed = true;
  }
  const name = normalizeObjectName(options.procedure);
  const outputs = writtenTables(procedures, name, options.procedure);
  let returnValue: number | null;
  let raised: CaughtError | undefined;
  let known: string[];
  try {
    // Only the tables this call can touch (and those given input rows) are built: one table the
    // emulator cannot build refuses only the captures that use it.
    for (const input of options.inputs ?? []) {
      const key = normalizeObjectName(input.table);
      if (!state.definitions.has(key)) {
        throw new LegacyError('LEGACY_UNKNOWN_TABLE', `input ${input.file}: no CREATE TABLE for ${input.table}`, { location: { file: input.file }, hint: 'pass the table scripts with --tables, or rename the CSV after a table' });
      }
      state.pendingInputs.set(key, input);
    }
    // A table's input rows are loaded when the table is built (table-definitions.ts).
    known = [...referencedTables(procedures, name), ...tablesBehindCatalog(state.catalog, procedures, name)];
    await ensureTables(state, known);
    // A table the analysis sees without a CSV starts empty, as the data folder's contract has it; one
    // only dynamic SQL reads was invisible to whoever exported the data: refused (dynamic-sql-inputs.ts).
    state.dynamicSqlInputs = { run: 'capture', stated: new Set([...known, ...state.pendingInputs.keys()]) };
    await foreignKeyBaseline(state);
    try {
      returnValue = await callProcedure(state, name, undefined, options.params ?? {});
      // The run ended right after an error that SQL Server may have ended the batch with: either way it ends with it.
      if (state.pendingAbort !== undefined) throw state.pendingAbort.error;
    } catch (err) {
      // (an engine error's state, which SQL Server gives by the code path that raised it, is not
      // known: the error is kept all the same, as its caller receives it, without a state)
      if (options.keepEndingError !== true || !(err instanceof TsqlRuntimeError) || err.inputHint !== undefined || state.tranCount > 0
        || err.error.messageUnknown !== undefined) throw err;
      raised = err.error;
      returnValue = null;
    }
    if (state.tranCount === 0) await refuseNewOrphans(state);
  } catch (err) {
    // T-SQL errors keep their location; refusals get one if they lack it; anything else (a
    // DuckDB failure outside runSql, a bug) is the emulator's own failure, never the legacy code's.
    throw locatedError(state, err);
  }
  if (state.tranCount > 0) {
    if (inUndoLog(state)) await abandonUndoLog(state); else if (!state.doomed) await options.session.run('ROLLBACK');
    throw new LegacyError('LEGACY_OPEN_TRANSACTION', `${procedureNameAsWritten(procedures, name)} returned with @@TRANCOUNT = ${state.tranCount} (a BEGIN TRANSACTION without COMMIT); SQL Server raises error 266 and the work is rolled back`);
  }
  // Tables written through dynamic SQL are only known at run time.
  for (const [key, info] of state.tables) if (state.written.has(info) && !key.startsWith('#') && !key.startsWith('@')) outputs.add(key);
  // SQL Server writes a system-versioned table's history table with it: an output whether or not this run's changes reached it.
  for (const key of [...outputs]) {
    const history = state.definitions.get(key)?.temporal?.history;
    if (history !== undefined && state.tables.has(history)) outputs.add(history);
  }
  const outputTables: OutputTable[] = [];
  for (const key of [...outputs].sort()) {
    const info = state.tables.get(key);
    if (info === undefined) continue;
    refuseUnstatedOutput(state, info);
    refuseUnevaluatedOutput(info);
    const order = info.key.length > 0 ? ` ORDER BY ${info.key.map(quote).join(', ')}` : ` ORDER BY ALL`;
    const rows = await options.session.all(`SELECT * FROM ${info.sqlName}${order}`);
    outputTables.push({ kind: 'output-table', name: key, columns: info.columns.map((c) => c.name), key: info.key, rows });
  }
  // A table the call reads that no CSV gave and no statement wrote started empty, as the data
  // folder's contract has it; a table left out of the export gives plausible wrong rows, so the
  // capture names each (on stderr and in manifest.json's `startedEmpty`).
  const given = new Set((options.inputs ?? []).map((i) => normalizeObjectName(i.table)));
  const startedEmpty = [...new Set(known)].filter((k) => !k.startsWith('#') && !k.startsWith('@') && !given.has(k) && !outputs.has(k) && state.tables.has(k)).sort()
    .map((k) => readableTableName(state.tables.get(k)?.sqlName ?? k));
  return {
    kind: 'legacy-run', engine: 'emulator', procedure: name, outputs: outputTables, startedEmpty, resultSets: state.resultSets, outputParameters: state.outputParameters,
    messages: state.messages, errors: state.clientErrors, returnValue, tables: state.tables, nonReproducible: nonReproducibleColumns(state), nonReproducibleCauses: nonReproducibleCauses(state, state.outputParameters.some((p) => p.nonReproducible)),
    unorderedReads: [...state.unorderedReads.values()], counters: { ...state.counters }, pickedColumns: new Map([...state.pickedColumns].map(([k, v]) => [k, [...v]])),
    ...(state.languageAssumed === undefined ? {} : { languageAssumed: state.languageAssumed }),
    ...(raised === undefined ? {} : { raised }),
  };
}

const CLOCK = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?\s*(Z|[+-]\d{2}:\d{2})?$/;

/**
 * `2026-01-01T00:00:00` or `2026-01-01` -> `2026-01-01 00:00:00` (the server's local time, what
 * GETDATE() reads; an offset after it, `+02:00` or `Z`, is the server's, see clockOffsetOf);
 * anything else is a usage error.
 */
export function normalizeClock(clock: string): string {
  const m = CLOCK.exec(clock.trim());
  if (m === null) throw new LegacyError('LEGACY_CLOCK', `--clock ${clock} is not a date-time (expected e.g. 2026-01-01T00:00:00, or 2026-01-01T02:00:00+02:00 with the server's UTC offset)`);
  const time = m[2] ?? '00:00:00';
  return `${m[1]} ${time.length === 5 ? `${time}:00` : time}`;
}

/** The server's UTC offset in minutes a `--clock` gives after its time (`+02:00`, `Z`), or undefined. */
export function clockOffsetOf(clock: string): number | undefined {
  const zone = CLOCK.exec(clock.trim())?.[3];
  if (zone === undefined) return undefined;
  if (zone === 'Z') return 0;
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
  return zone.startsWith('-') ? -minutes : minutes;
}

/**
 * The procedures of the scripts by normalised name, each the definition in effect when the files
 * run in order (a later ALTER replaces a CREATE; a second CREATE would fail, so the first stays),
 * the rule analyze, sections and the drafts use too.
 */
export function collectProcedures(scripts: readonly ParsedScript[]): Map<string, LoadedProcedure> {
  const out = new Map<string, LoadedProcedure>();
  for (const [key, d] of containersInEffect(scripts, 'CreateProcedure')) {
    // created under SET ANSI_NULLS OFF: run as SQL Server runs it, its comparisons rewritten (tsql ansi-nulls.ts)
    const off = creationSettingsOf(d.script, d.statement)?.ansiNullsOff !== undefined;
    out.set(key, { procedure: off ? asUnderAnsiNullsOn(d.statement) : d.statement, script: d.script });
  }
  return out;
}

/**
 * Permanent tables a procedure writes, directly or through procedures it EXECs: targets of
 * INSERT/UPDATE/DELETE/MERGE/TRUNCATE/SELECT INTO, with UPDATE/DELETE aliases resolved.
 */
export function writtenTables(procedures: ReadonlyMap<string, LoadedProcedure>, name: string, asked?: string): Set<string> {
  if (!procedures.has(name)) throw unknownProcedureError(procedures, name, asked, 'pass the folder of its CREATE PROCEDURE script with --procedures');
  const out = new Set<string>();
  const add = (parts: readonly string[]): void => {
    const written = parts.join('.');
    if (written.startsWith('#') || written.startsWith('@')) return;
    out.add(normalizeObjectName(written));
  };
  for (const loaded of proceduresReachedFrom(procedures, name)) {
    for (const st of loaded.procedure.body) {
      walk(st, (n) => {
        const s = n as Statement;
        switch (s.kind) {
          case 'Insert': case 'Merge':
            if (s.target.kind === 'TableRef') add(s.target.name.parts.map((p) => p.name));
            break;
          case 'Truncate': add(s.target.name.parts.map((p) => p.name)); break;
          case 'Update': case 'Delete':
            if (s.target.kind === 'TableRef') add(resolveAlias(s.target.name.parts.map((p) => p.name), s.from));
            break;
          case 'Select': {
            const into = selectIntoTarget(s.body);
            if (into?.kind === 'TableRef') add(into.name.parts.map((p) => p.name));
            break;
          }
          default: break;
        }
        return undefined;
      });
    }
  }
  return out;
}

function resolveAlias(parts: readonly string[], from: readonly TableSource[]): readonly string[] {
  if (parts.length !== 1) return parts;
  const alias = (parts[0] ?? '').toLowerCase();
  let found: readonly string[] | undefined;
  const visit = (s: TableSource): void => {
    if (s.kind === 'Join') { visit(s.left); visit(s.right); return; }
    if (s.kind === 'TableRef' && s.alias?.name.toLowerCase() === alias) found = s.name.parts.map((p) => p.name);
  };
  from.forEach(visit);
  return found ?? parts;
}
