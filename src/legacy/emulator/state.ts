import { EngineError, LegacyError, type SourceSpan } from '../../core';
import type { TransactionDoom } from './transactions/xact-state';
import { lineInBatch } from './batch-lines';
import type { EngineSession } from '../../engine';
import type { CreateFunction, CreateProcedure, CreateTrigger, Node, ParsedScript, Select } from '../../tsql';
import type { ResultSet } from '../legacy-run';
import type { TsqlType } from './tsql-types';
import type { ColumnType, UnevaluatedColumn } from './sql-scope';
import { emptyCatalog, type Catalog } from './catalog';
import type { DynamicSqlInputs } from './dynamic-sql-inputs';
import { classifyEngineError, ENGINE_ERROR_STATES, internalError } from './engine-errors';
import { truncationAtLevel } from './compatibility-level';
import { checkViolation, type CheckConstraintInfo } from './tables/check-constraints';
import { keyViolation, writesOneRow, type KeyIndex } from './tables/key-constraints';
import type { KeyTextKind } from './tables/key-text';
import type { DateFormat } from './dates/date-text';
import { DEFAULT_LANGUAGE, type SessionLanguage } from './session-languages';
import type { LanguageAssumption } from './login-language';
import type { TableDefinitionSource } from './tables/table-definitions';
import type { EmulatorInput } from './input-loading';
import type { CursorWatch } from './cursors/cursor-changes';
import type { CursorColumns } from './cursors/cursor-hidden-columns';
import { flushingSession, WriteBuffer } from './fast-paths/write-buffer';
import { callStop } from './call-stops';
import { isDynamicSql } from './dynamic-sql-scope';

/** A scalar variable or parameter: its declared type and its value as DuckDB text (NULL as null). */
export interface VariableSlot {
  readonly type: TsqlType;
  readonly duckType: string;
  value: string | null;
  /** The fast path's value object of the last read (fastpath.ts), reused while `value` is unchanged. */
  fast?: { readonly value: string | null; readonly kind: 'int' | 'str' | 'bool' | 'null' };
}

/** An OUTPUT parameter's value when the procedure returned: its DuckDB text, and whether RAND()/NEWID() fed it. */
export interface OutputParameterValue {
  readonly name: string;
  readonly duckType: string;
  readonly value: string | null;
  readonly nonReproducible: boolean;
}

/** A cursor: the query is materialised at OPEN, rows held as DuckDB text. */
export interface CursorState {
  readonly name: string;
  readonly query: Select;
  rows: (string | null)[][] | undefined;
  position: number;
  /** DuckDB types of the query's columns, for converting FETCH values to the variables' types. */
  types: string[];
  /** Their T-SQL types where known (a datetime2(3) is TIMESTAMP as a datetime is, but its text differs). */
  tsqlTypes: (TsqlType | undefined)[];
  /** STATIC or INSENSITIVE: SQL Server also fixes the rows at OPEN. */
  readonly static: boolean;
  /** How the declaration names the cursor's type, for messages (`FAST_FORWARD`, `default`). */
  readonly kind: string;
  /** For a cursor that sees changes: what OPEN ran, to check the rows left (cursor-changes.ts). */
  watch: CursorWatch | undefined;
  /** The query OPEN ran and the hidden columns at the end of its rows (ORDER BY values, a key) the check reads (cursor-hidden-columns.ts). */
  columns?: CursorColumns;
  /** The columns `WHERE CURRENT OF` may update (empty: all), undefined for a read-only cursor (cursor-current-row.ts). */
  readonly updatable?: readonly string[] | undefined;
  /** Whether its last FETCH found a row (@@FETCH_STATUS is the session's last fetch, of any cursor). */
  onRow?: boolean;
  /** SCROLL (or STATIC/KEYSET/DYNAMIC without FORWARD_ONLY): FETCH PRIOR, FIRST, LAST, ABSOLUTE, RELATIVE (cursor-scroll.ts). */
  readonly scroll?: boolean;
  /** Where a scrollable cursor stands after a FETCH that found no row ('unknown': not documented). */
  beyond?: 'before' | 'after' | 'unknown';
}

/** What one table looks like in DuckDB, for type inference and for baselines. */
export interface TableInfo {
  /** The DuckDB name, quoted and ready for SQL: `"dbo"."Device"`, `"#t"`. */
  readonly sqlName: string;
  /** `tsqlType`: the declared T-SQL type where a CREATE TABLE or DECLARE gave one; `computed`: a computed column (computed-columns.ts), never written directly, and `computedFrom` the columns (lower case) its expression names, `unevaluated` one the emulator cannot compute (not in DuckDB's table); `keyText`: a text column of a key, whose written values are guarded (key-text.ts). */
  readonly columns: readonly { readonly name: string; readonly duckType: string; readonly tsqlType?: TsqlType; readonly unicodeText?: boolean; readonly computed?: boolean; readonly computedFrom?: readonly string[]; readonly keyText?: KeyTextKind; readonly unevaluated?: UnevaluatedColumn }[];
  readonly key: readonly string[];
  /** The columns of each PRIMARY KEY and UNIQUE constraint, enforced by DuckDB unique indexes (key-constraints.ts). */
  readonly uniqueKeys?: readonly (readonly string[])[];
  /** The DuckDB unique indexes enforcing uniqueKeys: their names and CREATE statements. */
  readonly keyIndexes?: readonly KeyIndex[];
  /** The identity column, its sequence, seed and increment (1 and 1 when not known), when the table has one. */
  readonly identity: { readonly column: string; readonly sequence: string; readonly seed?: number; readonly increment?: number } | undefined;
  /** The table has enabled CHECK constraints: DuckDB tests each write, so writes are never buffered. */
  readonly checked?: boolean;
}

/** One procedure invocation: its variables, cursors and the temp tables it created. */
export interface Frame {
  /** The procedure, the multi-statement function the interpreter runs (user-functions.ts), or the trigger (trigger-run.ts). */
  readonly procedure: CreateProcedure | CreateFunction | CreateTrigger;
  readonly script: ParsedScript;
  readonly variables: Map<string, VariableSlot>;
  readonly cursors: Map<string, CursorState>;
  readonly tempTables: string[];
}

/** The error the CATCH block sees: ERROR_MESSAGE(), ERROR_NUMBER() and friends. */
export interface CaughtError {
  readonly number: number;
  readonly message: string;
  readonly severity: number;
  readonly state: number;
  readonly line: number;
  readonly procedure: string;
  /** Why ERROR_MESSAGE() cannot give SQL Server's text (it names the database…), when it cannot. */
  readonly messageUnknown?: string;
  /** Set when ERROR_STATE() cannot give SQL Server's state: an engine error whose state varies by where it is raised. */
  readonly stateUnknown?: boolean;
}

/** A loaded procedure and the script it came from (for file:line:col in messages). */
export interface LoadedProcedure {
  readonly procedure: CreateProcedure;
  readonly script: ParsedScript;
}

/**
 * An error raised by the T-SQL being emulated (RAISERROR, THROW, divide by zero, a failed
 * conversion): TRY/CATCH catches these. Emulator limits (LegacyError LEGACY_UNSUPPORTED) are
 * never caught, so an unsupported construct can never turn into a silently different result.
 */
/**
 * An error as SQL Server's client shows it: `Msg 8115, Level 16, State 1, Procedure p, Line 8:
 * text`. Without a state (one SQL Server gives by the code path that raised it, which the
 * emulator cannot tell: CaughtError.stateUnknown) the State part is left out, never guessed;
 * without a procedure (a batch's error) so is the Procedure part.
 */
export function sqlServerErrorText(e: { readonly number: number; readonly severity: number; readonly state?: number | undefined; readonly procedure: string; readonly line: number; readonly message: string }): string {
  const state = e.state === undefined ? '' : `, State ${e.state}`;
  const procedure = e.procedure === '' ? '' : `, Procedure ${e.procedure}`;
  return `Msg ${e.number}, Level ${e.severity}${state}${procedure}, Line ${e.line}: ${e.message}`;
}

export class TsqlRuntimeError extends LegacyError {
  /** Raised by RAISERROR, which SET XACT_ABORT ON does not apply to (it dooms no transaction). */
  readonly raiserror: boolean;
  /** What to do when an input of the run (the clock), not the data, raised it: kept for refusals that follow from it. */
  readonly inputHint: string | undefined;

  /** `hint`: when the error comes from an input of the run rather than the data (the emulator's clock). */
  constructor(readonly error: CaughtError, options: { location?: LegacyError['location']; cause?: unknown; raiserror?: boolean; hint?: string } = {}) {
    const { raiserror, hint, ...rest } = options;
    // SQL Server's message names no procedure for an error of a batch (dynamic SQL)
    super('LEGACY_TSQL_ERROR', sqlServerErrorText(error), {
      ...rest,
      hint: hint ?? 'the legacy procedure itself raised this error with the given parameters and data',
    });
    this.raiserror = raiserror === true;
    this.inputHint = hint;
  }
}

/**
 * A call the interpreter ran before its statement was translated (interpret-calls.ts): a
 * scalar function's value, or the rows of a multi-statement table-valued function.
 */
export type Precomputed =
  | { readonly kind: 'scalar'; readonly value: string | null; readonly type: TsqlType; readonly duckType: string }
  | { readonly kind: 'table'; readonly info: TableInfo }
  /**
   * A multi-statement function under APPLY with arguments from the row (per-row-table-functions.ts):
   * its rows for every argument tuple, each row led by `keys` columns `__arg0`… holding the text
   * of the arguments it was called with (as bytes: encode()); `columns` are the function's own.
   */
  | { readonly kind: 'perRow'; readonly sqlName: string; readonly columns: readonly ColumnType[]; readonly keys: number };

/** Control-flow signals of the interpreter (not errors). */
export type Flow = 'normal' | 'break' | 'continue' | 'return';

/** The interpreter's state for one emulated call tree. */
export class EmulatorState {
  readonly frames: Frame[] = [];
  readonly messages: string[] = [];
  readonly resultSets: ResultSet[] = [];
  readonly tables = new Map<string, TableInfo>();
  /** Tables a DML statement wrote during the run (dynamic SQL included). */
  readonly written = new Set<TableInfo>();
  rowCount = 0;
  /** @@ERROR; ERROR_UNKNOWN (statement-errors.ts) where SQL Server's value is not known. */
  errorNumber = 0;
  /** TRY blocks being run, in any frame: an error inside one goes to its CATCH block (statement-errors.ts). */
  tryDepth = 0;
  /** A section run whose statements sit partly inside a TRY block it does not run: why errors outside TRY cannot be followed. */
  tryUnknown: string | undefined;
  /** An error outside TRY that may have ended the batch in SQL Server: whatever runs next is refused (statement-errors.ts). */
  pendingAbort: { readonly error: TsqlRuntimeError; readonly location: LegacyError['location'] } | undefined;
  /** Errors outside TRY the run went on past, as SQL Server does: the client received them. */
  readonly clientErrors: CaughtError[] = [];
  /** DML statements that reached a table of the run (runSql, buffered writes): a failed statement that wrote part of its work shows here. */
  dmlWrites = 0;
  fetchStatus = -1;
  tranCount = 0;
  /** An error rolled the DuckDB transaction back while @@TRANCOUNT > 0 (see runSql). */
  doomed = false;
  /** What SQL Server's transaction is after the error that set `doomed` (xact-state.ts). */
  doom: TransactionDoom = { number: 0, committable: 'unknown' };
  /** SET XACT_ABORT ON in the running procedure: a run-time error dooms the transaction (undefined: not known, xact-state.ts). */
  xactAbort: boolean | undefined = false;
  /** SCOPE_IDENTITY(): the last identity value drawn in the running scope (restored when a callee returns). */
  lastIdentity: string | null = null;
  /** @@IDENTITY: the last identity value drawn in the session, in any scope. */
  sessionIdentity: string | null = null;
  /** Why SCOPE_IDENTITY() / @@IDENTITY cannot be known (an INSERT of several explicit values, identity-insert.ts), refused where read. */
  identityUnknownWhy: string | undefined;
  sessionIdentityUnknownWhy: string | undefined;
  /** Tables (DuckDB names) an identity row went into since they were loaded, created or truncated (DBCC CHECKIDENT, dbcc-checkident.ts). */
  readonly identityUsed = new Set<string>();
  /** Tables the run truncated (TRUNCATE TABLE resets the identity to its seed). */
  readonly identityTruncated = new Set<string>();
  /**
   * A section run (emulate-section.ts): tables (as written) whose SET IDENTITY_INSERT statements lie
   * outside the section, so whether it is ON at the section's INSERTs is not known.
   */
  identityInsertOutside: readonly string[] = [];
  /** The table (DuckDB name) whose SET IDENTITY_INSERT is ON in the running procedure, if any. */
  identityInsert: string | undefined;
  /** IDENT_CURRENT('t'): the last identity value drawn for each table (by DuckDB name) in this run. */
  readonly identityByTable = new Map<string, string>();
  returnValue: number | null = null;
  /** The OUTPUT parameters of the captured (outermost) procedure as it returned, in declared order (callProcedure). */
  outputParameters: readonly OutputParameterValue[] = [];
  readonly caught: CaughtError[] = [];
  /** The errors the run's unique indexes stand for: 2627 (key constraints), 2601 (CREATE UNIQUE INDEX). */
  readonly keyErrorNumbers = new Set<number>();
  /** The CHECK constraints of the tables created, by the tag their DuckDB CHECK carries (check-constraints.ts). */
  readonly checkConstraints: CheckConstraintInfo[] = [];
  /**
   * Where the statement running now is, for internal errors raised outside runSql. Statements
   * mark it with `atStatement` (what locate needs is captured, the location built only when read).
   */
  get at(): LegacyError['location'] {
    if (this.atMarked) {
      this.atMarked = false;
      this.atValue = locateIn(this.atLoading, this.atSource, this.atFrame, this.atSpan);
    }
    return this.atValue;
  }

  set at(location: LegacyError['location']) {
    this.atMarked = false;
    this.atValue = location;
  }

  private atValue: LegacyError['location'] = undefined;
  private atMarked = false;
  private atSpan: SourceSpan | undefined = undefined;
  private atLoading: LegacyError['location'] = undefined;
  private atSource: ParsedScript | undefined = undefined;
  private atFrame: Frame | undefined = undefined;

  /** `at = locate(span)` without building the location: a loop marks hundreds of thousands of statements and reads none. */
  atStatement(span: SourceSpan): void {
    this.atMarked = true;
    this.atSpan = span;
    this.atLoading = this.loading;
    this.atSource = this.sources[this.sources.length - 1];
    this.atFrame = this.frames[this.frames.length - 1];
  }
  /** Every permanent table the scripts define; created on first need (table-definitions.ts). */
  definitions: ReadonlyMap<string, TableDefinitionSource> = new Map();
  /** Input CSVs by table key, loaded when their table is built. */
  readonly pendingInputs = new Map<string, EmulatorInput>();
  /** The tables whose start rows the run states, which dynamic SQL may read (dynamic-sql-inputs.ts); undefined: not checked. */
  dynamicSqlInputs: DynamicSqlInputs | undefined = undefined;
  /** The CREATE TABLE being built, for locating refusals in it. */
  loading: LegacyError['location'];
  /** SET LANGUAGE (session-languages.ts): FORMAT's default culture. */
  language: SessionLanguage = DEFAULT_LANGUAGE;
  /** Whether the login's language was stated (legacy.language, --language), not assumed (login-language.ts). */
  loginLanguageStated = false;
  /** The first construct that read the login language when it was assumed, for the capture to say. */
  languageAssumed: LanguageAssumption | undefined = undefined;
  /** SET DATEFORMAT (us_english default mdy). */
  dateFormat: DateFormat = 'mdy';
  /** SET DATEFIRST: the first day of the week, 1 (Monday) … 7 (Sunday, us_english's default); DATEPART(weekday/week) and @@DATEFIRST read it. */
  dateFirst = 7;
  tempCounter = 0;
  /** Functions, views, sequences and alias types of the loaded scripts. */
  readonly catalog: Catalog = emptyCatalog();
  /**
   * Scripts whose text is being translated inside the current procedure (a view's or a
   * function's body), innermost last, so errors point at the file that holds the construct.
   */
  readonly sources: ParsedScript[] = [];
  /** Function calls of the statement being run whose results the interpreter computed first. */
  readonly precomputed = new Map<Node, Precomputed>();
  /**
   * Statements executed, cursor rows fetched, and scalar evaluations (IF/WHILE conditions,
   * SET/DECLARE values, FETCH INTO) done in JavaScript or by a DuckDB query, in this run;
   * INSERT/DELETE statements buffered (write-buffer.ts) instead of sent to DuckDB one by one.
   */
  readonly counters = { statements: 0, fetchedRows: 0, fastScalars: 0, duckdbScalars: 0, bufferedWrites: 0 };
  /** Write versions of the DuckDB tables (table-versions.ts). */
  readonly versions = { epoch: 0, tables: new Map<string, number>(), stamp: 0 };
  /**
   * Whether scalar expressions over variables may be evaluated in JavaScript (fastpath.ts).
   * MIGRATE_EMULATOR_FAST_PATH=0 forces every evaluation through DuckDB: the benchmark's
   * comparison and the differential tests use it to check both paths agree.
   */
  fastPath = process.env.MIGRATE_EMULATOR_FAST_PATH !== '0';
  /**
   * Whether INSERT … VALUES and keyed DELETEs that cannot fail may be buffered in JavaScript and
   * written to DuckDB in one batch (buffered-dml.ts). Off with the fast path, or with
   * MIGRATE_EMULATOR_BATCH=0 (the differential tests compare both).
   */
  batchWrites = this.fastPath && process.env.MIGRATE_EMULATOR_BATCH !== '0';
  /**
   * Whether WHILE loops run compiled (compiled-loops.ts). Off with the fast path, or with
   * MIGRATE_EMULATOR_COMPILE=0 (the differential tests compare both).
   */
  compileLoops = this.fastPath && process.env.MIGRATE_EMULATOR_COMPILE !== '0';
  /** Whether RAND() or NEWID() was translated in this run: until then no value is tainted (random-values.ts). */
  randomValuesUsed = false;
  /** RAND() or NEWID() itself ran (randomValuesUsed also covers other untraceable values). */
  randomCalls = false;
  /**
   * Cursors opened over more than one row without ORDER BY: SQL Server fetches those in its
   * plan's order. `migrate capture` runs the procedure again with `reverseUnordered` set, which
   * fetches them in reverse, and lists the outputs that change (unordered-reads.ts).
   */
  readonly unorderedReads = new Map<Node, string>();
  /**
   * Columns an UPDATE TOP (n) or an UPDATE under SET ROWCOUNT set, by table (sqlName): which rows
   * get their new values is the plan's pick, the other columns are not touched. When the two
   * orders' rows agree on those other columns, order-check.ts lists these alone.
   */
  readonly pickedColumns = new Map<string, Set<string>>();
  reverseUnordered = false;
  /**
   * In that second run, the float ROUND calls (by place, `file:line:col`) that met a value too near
   * halfway to round as SQL Server does: they round the product instead of refusing, and the order
   * check lists every output their values may reach as not reproducible (order-check.ts).
   */
  roundingGuesses: ReadonlySet<string> = new Set();
  /**
   * In that second run, the windows (by place) whose three or more tied, differing rows stopped an
   * earlier second run: their values are followed as not reproducible to the columns they reach
   * (window-ties.ts, column-taint.ts) instead of refusing, so only those columns are listed.
   */
  seededWindows: ReadonlySet<string> = new Set();
  /** What the session functions give (SUSER_SNAME(), DB_NAME(), @@SPID…: session-functions.ts), from `migrate capture --context`. */
  sessionContext: ReadonlyMap<string, string> = new Map();
  /** The next identity value of tables, by table key, from `migrate capture --identity` (tables.ts resetIdentity). */
  identityStarts: ReadonlyMap<string, bigint> = new Map();
  /** SET ROWCOUNT n (0: none): UPDATE and DELETE stop after n rows (row-picks.ts); other statements are refused meanwhile. */
  rowCountLimit = 0;
  /** Writes waiting for DuckDB (write-buffer.ts). */
  readonly writes: WriteBuffer;
  /** The DuckDB session; every call flushes `writes` first, so DuckDB never misses a buffered row. */
  readonly session: EngineSession;
  /** The server's UTC offset in minutes when `--clock` gave one (`…+02:00`, `…Z`): GETUTCDATE(),
   * SYSUTCDATETIME() and SYSDATETIMEOFFSET() need it (datetimeoffset-functions.ts). */
  clockOffset: number | undefined = undefined;
  /** The legacy database's compatibility level (`--compatibility-level`), or undefined when not given:
   * results that depend on it are then refused (compatibility-level.ts). */
  compatibilityLevel: number | undefined = undefined;
  /** The legacy server's release (2016, 2019…), when stated: ERROR_PROCEDURE() depends on it (error-procedure.ts). */
  serverVersion: number | undefined = undefined;

  constructor(
    session: EngineSession,
    readonly procedures: ReadonlyMap<string, LoadedProcedure>,
    /** GETDATE()/SYSDATETIME() value, `YYYY-MM-DD HH:MM:SS[.fff]`. */
    readonly clock: string,
    readonly allowDynamicSql: boolean,
  ) {
    this.writes = new WriteBuffer(session);
    this.session = flushingSession(session, this.writes);
  }

  /** The innermost procedure call. */
  get frame(): Frame {
    const f = this.frames[this.frames.length - 1];
    if (f === undefined) throw new Error('emulator: no active procedure frame');
    return f;
  }

  /** Notes an identity value drawn for the table `sqlName` (null: none), for SCOPE_IDENTITY(), @@IDENTITY and IDENT_CURRENT. */
  identityDrawn(sqlName: string, value: string | null): void {
    this.lastIdentity = value;
    this.sessionIdentity = value;
    this.identityUnknownWhy = undefined;
    this.sessionIdentityUnknownWhy = undefined;
    if (value !== null) this.identityByTable.set(sqlName, value);
    if (value !== null) this.identityUsed.add(sqlName);
  }

  /** An emulator limit at `node`: a LegacyError naming file:line:col and the construct. */
  unsupported(node: Pick<Node, 'span'> | undefined, construct: string): LegacyError {
    return new LegacyError('LEGACY_UNSUPPORTED', `the emulator does not support ${construct}`, {
      location: this.locate(node?.span),
      hint: 'capture from SQL Server with MIGRATE_MSSQL_URL, or rewrite this statement',
    });
  }

  /** A location for errors inside the current procedure. */
  locate(span: SourceSpan | undefined): LegacyError['location'] {
    return locateIn(this.loading, this.sources[this.sources.length - 1], this.frames[this.frames.length - 1], span);
  }

  /** `file:line:col` of a span of the current procedure (the file alone without a span), for causes people read. */
  place(span: SourceSpan | undefined): string {
    const at = this.locate(span);
    const start = at?.span?.start;
    return start === undefined ? at?.file ?? '' : `${at?.file ?? ''}:${start.line}:${start.column}`;
  }

  /** Notes, once per node, a read whose row order SQL Server's plan decides (order-check.ts); `describe` gets its place. */
  noteUnorderedRead(node: Node, describe: (place: string) => string): void {
    if (!this.unorderedReads.has(node)) this.unorderedReads.set(node, describe(this.place(node.span)));
  }

  /** The line SQL Server reports for a span of the current procedure (ERROR_LINE()): counted from its batch's first line. */
  tsqlLine(span: SourceSpan | undefined): number {
    if (span === undefined) return 0;
    const f = this.frames[this.frames.length - 1];
    return f === undefined ? span.start.line : lineInBatch(f.script, f.procedure.span.start.offset, span.start.line);
  }

  /** Name of the current procedure as SQL Server reports it in error messages ('' in dynamic SQL, whose ERROR_PROCEDURE() is NULL). */
  get procedureName(): string {
    const f = this.frames[this.frames.length - 1];
    return f === undefined || isDynamicSql(f.procedure) ? '' : f.procedure.name.parts.map((p) => p.name).slice(-1)[0] ?? '';
  }

  /**
   * Turns a DuckDB failure while running emulated T-SQL into what the legacy code would see: a
   * catchable T-SQL error when SQL Server raises one too (divide by zero, conversion, overflow,
   * NULL into NOT NULL); an emulator limit (a macro's error()) stays a refusal; anything else is
   * an internal error of the emulator, which no CATCH block may see.
   */
  toRuntimeError(err: unknown, span: SourceSpan | undefined): unknown {
    if (!(err instanceof EngineError)) return err;
    const raw = err.message.replace(/^DuckDB:\s*/, '');
    // An emulator limit met at run time (a macro's error()) must not be caught by TRY/CATCH.
    const limit = /the emulator does not support [^\n]*/.exec(raw);
    if (limit !== null) {
      // located at the call that raised it when the macro was handed its place (call-stops.ts)
      const stop = callStop(this, limit[0]);
      return new LegacyError('LEGACY_UNSUPPORTED', stop.message, { location: stop.location ?? this.locate(span), hint: 'capture from SQL Server with MIGRATE_MSSQL_URL, or rewrite this statement' });
    }
    const keyword = this.statementKeyword();
    const indexes = [...this.tables.values()].flatMap((t) => t.keyIndexes ?? []);
    const key = keyViolation(raw, keyword, this.keyErrorNumbers, indexes, writesOneRow(this.statementText()));
    // SQL Server drops the row repeating a key declared WITH (IGNORE_DUP_KEY = ON), with a warning;
    // which of the repeated rows it keeps depends on its plan
    if (key !== undefined && indexes.some((ix) => ix.ignoresDuplicates === true)) {
      return new LegacyError('LEGACY_UNSUPPORTED', 'the emulator does not support a repeated key in a run whose tables have a key declared WITH (IGNORE_DUP_KEY = ON): SQL Server drops the repeating row with a warning instead of failing, and which row it keeps depends on its plan', { location: this.locate(span), hint: 'capture from SQL Server with MIGRATE_MSSQL_URL' });
    }
    if (key === 'ambiguous') {
      return new LegacyError('LEGACY_UNSUPPORTED', 'the emulator does not support a repeated key in a run whose tables have both key constraints (error 2627) and unique indexes (2601): it cannot tell which SQL Server raises', { location: this.locate(span), hint: 'capture from SQL Server with MIGRATE_MSSQL_URL' });
    }
    const classified = checkViolation(this, raw, keyword) ?? key ?? classifyEngineError(raw);
    if (classified === undefined) return internalError(err, this.locate(span));
    const failure = truncationAtLevel(classified, this.compatibilityLevel);
    return new TsqlRuntimeError({
      number: failure.number,
      message: failure.message,
      // a duplicate key is severity 14 (the MSSQLSERVER_2627 and _2601 pages); the others it raises here, 16
      severity: failure.number === 2627 || failure.number === 2601 ? 14 : 16,
      state: ENGINE_ERROR_STATES.get(failure.number) ?? 1,
      ...(ENGINE_ERROR_STATES.has(failure.number) ? {} : { stateUnknown: true }),
      line: this.tsqlLine(span),
      procedure: this.procedureName,
      ...(failure.messageUnknown === undefined ? {} : { messageUnknown: failure.messageUnknown }),
    }, { location: this.locate(span), cause: err });
  }

  /** The text of the statement running ('' when unknown). */
  private statementText(): string {
    const at = this.at;
    return at?.source === undefined || at.span === undefined ? '' : at.source.slice(at.span.start.offset, at.span.end.offset);
  }

  /** The leading keyword of the statement running (INSERT, UPDATE, MERGE…), as error messages name it. */
  private statementKeyword(): string {
    const text = this.statementText();
    return /^\s*(?:WITH\b[\s\S]*)?\b(INSERT|UPDATE|MERGE|DELETE)\b/i.exec(text)?.[1]?.toUpperCase() ?? /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'INSERT';
  }
}

/** EmulatorState.locate with what it depends on given: the table being built, the inner script, the frame. */
function locateIn(loading: LegacyError['location'], inner: ParsedScript | undefined, frame: Frame | undefined, span: SourceSpan | undefined): LegacyError['location'] {
  // While a table script is being built, the location is in that script.
  if (loading !== undefined) return { ...loading, span: span ?? loading.span };
  if (inner !== undefined) return { file: inner.file, span, source: inner.lineIndex.text };
  if (frame === undefined) return span === undefined ? undefined : { span };
  return { file: frame.script.file, span, source: frame.script.lineIndex.text };
}
