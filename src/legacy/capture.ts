import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LegacyError, listFiles, readSourceFile, UsageError, writeFileAtomic, type LoginLanguageName } from '../core';
import { languageAssumedText, loginLanguage } from './emulator/login-language';
import { removeStaleBaselines } from './stale-baselines';
import { EngineSession, quoteLiteral } from '../engine';
import { displayObjectName, findAll, parseScript, quoteNamePart, substituteSqlcmdStrings, type ParsedScript } from '../tsql';
import { collectCatalog, emptyCatalog } from './emulator/catalog';
import { clockOffsetOf, collectProcedures, emulateProcedure, normalizeClock, writtenTables, type EmulatorInput } from './emulator/emulate-procedure';
import { quote } from './emulator/expressions';
import { EmulatorState, sqlServerErrorText, type LoadedProcedure, type TableInfo } from './emulator/state';
import { collectTableDefinitions, ensureTables } from './emulator/tables/table-definitions';
import { baselineFileNames, OUTPUT_PARAMETERS_STEM, outputParameterColumn, readableTableName, resultSetFileName } from './baseline-names';
import type { InputTable, LegacyRunResult } from './legacy-run';
import { normalizeObjectName } from './legacy-run';
import { captureFromMssql, readMssqlConnection } from './mssql-runner';
import { describeConnection } from './mssql-url';
import { checkUnorderedReads } from './order-check';
import { proceduresReachedFrom } from './emulator/procedure-calls';
import { externalEffects, externalEffectsError } from './external-effects';
import { splitViewInputs } from './view-inputs';

/** What `migrate capture` runs and where it writes. */
export interface CaptureOptions {
  readonly procedure: string;
  readonly dataDir: string;
  readonly tablesDir: string;
  readonly proceduresDir: string;
  readonly params: Readonly<Record<string, string>>;
  readonly engine: 'emulator' | 'mssql';
  readonly outDir: string;
  readonly format: 'csv' | 'parquet';
  readonly clock?: string;
  readonly allowDynamicSql?: boolean;
  /** mssql: run a procedure that EXECs sp_send_dbmail, sp_start_job, xp_cmdshell… (refused by default). */
  readonly allowExternalEffects?: boolean;
  /** Seed of the emulator's RAND()/NEWID(). */
  readonly seed?: number;
  /** Run the procedure again with unordered cursor rows reversed (order-check.ts)? Default true. */
  readonly orderCheck?: boolean;
  /** The next value of sequences (name as written -> integer text): the database's state, which the scripts cannot know (emulator only). */
  readonly sequences?: Readonly<Record<string, string>>;
  /** What the session functions give (`login`, `user`, `host`, `app`, `database`, `server`, `spid` -> value; emulator only). */
  readonly context?: Readonly<Record<string, string>>;
  /** The next identity value of tables (name as written -> integer text), past the largest value the data shows (emulator only). */
  readonly identities?: Readonly<Record<string, string>>;
  /** SQLCMD variables' values (`--sqlcmd EnvName=PROD`), put into the scripts' string constants as sqlcmd does. */
  readonly sqlcmd?: Readonly<Record<string, string>>;
  /** The legacy database's compatibility level (emulator; SQL Server uses its own). */
  readonly compatibilityLevel?: number;
  /** The legacy login's language (emulator; SQL Server uses the login's own): us_english when not given, and the first construct that depends on it is reported. */
  readonly language?: LoginLanguageName;
  /** The legacy server's release (emulator; core/server-version.ts): ERROR_PROCEDURE() depends on it. */
  readonly serverVersion?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** manifest.json of a baseline folder. */
export interface CaptureManifest {
  readonly procedure: string;
  /** The procedure's name as its CREATE writes it (for people; `procedure` is the lookup key). */
  readonly displayName: string;
  readonly engine: 'emulator' | 'mssql';
  readonly params: Readonly<Record<string, string>>;
  readonly clock: string | null;
  /** The server's UTC offset in minutes the `--clock` gave after its time (`+01:00` is 60): `migrate run --baselines` gives it to the transforms' utcClock(). */
  readonly utcOffsetMinutes?: number;
  readonly format: 'csv' | 'parquet';
  readonly inputs: readonly { readonly table: string; readonly file: string }[];
  /** `name` is the lookup key (lower case); `displayName` as the CREATE TABLE writes it. */
  readonly tables: readonly { readonly name: string; readonly displayName: string; readonly file: string; readonly rows: number; readonly key: readonly string[] }[];
  readonly resultSets: readonly { readonly file: string; readonly rows: number; readonly columns: readonly string[] }[];
  readonly returnValue: number | null;
  /** The OUTPUT parameters as the procedure returned them, by name (`@OrdersCreated`), also written as one row to `file`
   * (`outputs.csv`, columns named without the @, as `migrate run` writes the section that sets them); emulator captures with OUTPUT parameters only. */
  readonly outputParameters?: { readonly file: string; readonly values: Readonly<Record<string, string | null>> };
  readonly messages: readonly string[];
  /** RAND()/NEWID() seed of an emulator run (null on SQL Server). */
  readonly seed: number | null;
  /** The next value each sequence was given (`--sequence`), by its name as given; only when some were. */
  readonly sequences?: Readonly<Record<string, string>>;
  /** The session the run stood for (`--context`: login, user, host, app, database, server, spid); only when some were given. */
  readonly context?: Readonly<Record<string, string>>;
  /** The next identity value each table was given (`--identity`), by its name as given; only when some were. */
  readonly identities?: Readonly<Record<string, string>>;
  /** The SQLCMD variables' values the scripts' string constants were given (`--sqlcmd`); only when some were. */
  readonly sqlcmd?: Readonly<Record<string, string>>;
  /** The compatibility level the emulator ran at (`--compatibility-level`, legacy.compatibilityLevel); only when one was given. */
  readonly compatibilityLevel?: number;
  /** The login language the emulator ran in (`--language`, legacy.language); only when one was given. */
  readonly language?: LoginLanguageName;
  /** The server release the emulator ran as (`--server-version`, legacy.serverVersion); only when one was given. */
  readonly serverVersion?: number;
  /** Errors outside TRY the procedure went on past, as SQL Server does (its client receives them); only when there were. */
  readonly errors?: readonly { readonly number: number; readonly severity: number; readonly procedure: string; readonly line: number; readonly message: string }[];
  /**
   * The error the procedure ended with (emulator): a THROW, or the error its CATCH block raised
   * again after rolling back and logging. SQL Server's batch ends there; the tables are as it
   * left them (the CATCH's log row kept, the rolled-back writes gone) and the caller receives
   * this error, which is part of the expected outcome. Absent when it returned. `state` is left
   * out for an engine error whose state SQL Server gives by where it is raised (8115, 8152…).
   */
  readonly raised?: { readonly number: number; readonly severity: number; readonly state?: number; readonly procedure: string; readonly line: number; readonly message: string };
  /** Output columns whose values came from RAND()/NEWID() or plan-ordered identity values: `schema.table.column` or `result-set-N.column`. */
  readonly nonReproducible: readonly string[];
  /** Why nonReproducible lists them, one line per cause (empty when it lists none). */
  readonly nonReproducibleCauses: readonly string[];
  /** Per column of nonReproducible, the causes behind it alone where the capture could follow them (else all). */
  readonly nonReproducibleColumnCauses?: Readonly<Record<string, readonly string[]>>;
  /** Tables the procedure reads that --data has no CSV for and no statement wrote (emulator): they started empty. Absent when none. */
  readonly startedEmpty?: readonly string[];
  readonly at: string;
}

/** Parses every .sql file under the given folders (tables first, then procedures). */
export function loadScripts(dirs: readonly string[], sqlcmd: Readonly<Record<string, string>> = {}): ParsedScript[] {
  const files = [...new Set(listFiles(dirs.filter((d) => existsSync(d)), ['.sql']))];
  // what sqlcmd puts into string constants ('$(EnvName)') before SQL Server reads the scripts
  const values = new Map(Object.entries(sqlcmd).map(([k, v]) => [k.replace(/^\$\(|\)$/g, '').toLowerCase(), v]));
  return files.map((f) => parseScript(substituteSqlcmdStrings(readSourceFile(f).text, values), { file: f }));
}

/**
 * Finds the input CSVs of a data folder: `<schema>.<table>.csv` or `<table>.csv` (schema dbo),
 * as acceptance/example/data names them.
 */
export function findInputs(dataDir: string): EmulatorInput[] {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new UsageError('CAPTURE_DATA', `--data ${dataDir} is not a folder`, { hint: 'pass the folder holding one CSV per input table (<schema>.<table>.csv)' });
  }
  return readdirSync(dataDir).filter((f) => f.toLowerCase().endsWith('.csv')).sort()
    .map((f) => ({ table: f.replace(/\.csv$/i, ''), file: join(dataDir, f) }));
}

/**
 * Runs a legacy procedure on the chosen engine with the input CSVs and writes each table it
 * writes (sorted by its primary key, or by all columns) and each result set to `outDir`, plus
 * manifest.json. The same DuckDB export is used for both engines, so baselines from SQL Server
 * and from the emulator are formatted identically and can be diffed.
 */
export async function runCapture(options: CaptureOptions): Promise<CaptureManifest> {
  const scripts = loadScripts([options.tablesDir, options.proceduresDir], options.sqlcmd);
  const { tables: inputs, views } = splitViewInputs(scripts, findInputs(options.dataDir));
  for (const v of views) process.stderr.write(`migrate capture: ${basename(v.file)} left aside: ${v.table} is a view, which the legacy run computes from its tables as SQL Server does\n`);
  const clock = options.clock === undefined ? undefined : normalizeClock(options.clock);
  const session = await EngineSession.open({ threads: 2 });
  try {
    let result: LegacyRunResult;
    let tables: ReadonlyMap<string, TableInfo>;
    let nonReproducible: readonly string[] = [];
    let nonReproducibleCauses: readonly string[] = [];
    let columnCauses: Record<string, readonly string[]> | undefined;
    let errors: NonNullable<CaptureManifest['errors']> = [];
    let raised: CaptureManifest['raised'];
    let startedEmpty: readonly string[] = [];
    if (options.engine === 'emulator') {
      const run = {
        scripts, procedure: options.procedure, params: callParams(options.params), inputs,
        // as given: an offset after it (the server's, for GETUTCDATE()) is the emulator's to read
        clock: options.clock ?? '2000-01-01 00:00:00', allowDynamicSql: options.allowDynamicSql ?? false, seed: options.seed ?? 0,
        sequences: sequenceStarts(scripts, options.sequences ?? {}), context: new Map(Object.entries(options.context ?? {})),
        identities: identityStarts(scripts, options.identities ?? {}), compatibilityLevel: options.compatibilityLevel, serverVersion: options.serverVersion, keepEndingError: true,
        ...(options.language === undefined ? {} : { language: loginLanguage(options.language) }),
      };
      const r = await emulateProcedure({ ...run, session });
      const assumed = assumedSequenceStarts(collectProcedures(scripts), normalizeObjectName(options.procedure), options.sequences ?? {});
      if (assumed !== undefined) process.stderr.write(`migrate capture: ${assumed}\n`);
      if (r.languageAssumed !== undefined) process.stderr.write(`migrate capture: ${languageAssumedText(r.languageAssumed)}\n`);
      // the data folder's contract: a table without a CSV is empty; one left out of an export by
      // mistake gives plausible wrong rows, so each is named (as `migrate run` names its own)
      startedEmpty = r.startedEmpty;
      for (const t of startedEmpty) process.stderr.write(`migrate capture: warning: no data for ${t} (no ${t}.csv in --data): the procedure read it empty; export it (a header line alone for a table that is empty) if it has rows\n`);
      errors = r.errors.map((e) => ({ number: e.number, severity: e.severity, procedure: e.procedure, line: e.line, message: e.message }));
      // Errors outside TRY the procedure went on past, as SQL Server does: its client gets them (the mssql engine fails on them).
      for (const e of r.errors) process.stderr.write(`migrate capture: ${options.procedure} went on past error ${e.number} (Procedure ${e.procedure}, Line ${e.line}: ${e.message}), as SQL Server does outside TRY; the baseline is what it left\n`);
      if (r.raised !== undefined) {
        const e = r.raised;
        // an engine error's state is SQL Server's to give (it varies with where it is raised): left out, never guessed
        raised = { number: e.number, severity: e.severity, ...(e.stateUnknown === true ? {} : { state: e.state }), procedure: e.procedure, line: e.line, message: e.message };
        const stateNote = e.stateUnknown === true ? '; its State is left out: SQL Server gives this error a state by where it is raised, which the emulator cannot tell' : '';
        process.stderr.write(`migrate capture: ${options.procedure} ended with error ${e.number} (${sqlServerErrorText(raised)}); SQL Server ends the batch there and its caller receives the error. The baseline is the tables as the procedure left them, and manifest.json keeps the error (raised)${stateNote}\n`);
      }
      const order = options.orderCheck === false ? { columns: [], causes: [] } : await checkUnorderedReads(run, r);
      const taintedOutputs = (r.outputParameters ?? []).filter((p) => p.nonReproducible).map((p) => outputParameterColumn(p.name));
      nonReproducible = [...new Set([...r.nonReproducible, ...order.columns, ...taintedOutputs])].sort();
      nonReproducibleCauses = [...r.nonReproducibleCauses, ...order.causes];
      // the order check's causes per column; the run's own (RAND(), identity numbering…) are listed whole
      const perColumn = order.columnCauses;
      if (perColumn !== undefined) {
        columnCauses = Object.fromEntries(nonReproducible.map((c) => [c, [...new Set([
          ...(r.nonReproducible.includes(c) || taintedOutputs.includes(c) ? r.nonReproducibleCauses : []),
          ...(order.columns.includes(c) ? perColumn.get(c) ?? order.causes : []),
        ])]]));
      }
      result = r;
      tables = r.tables;
    } else {
      if (Object.keys(options.sequences ?? {}).length > 0) {
        throw new UsageError('CAPTURE_SEQUENCE', '--sequence is for the emulator: on SQL Server the database holds each sequence\'s next value', { hint: 'leave --sequence out with --engine mssql' });
      }
      if (Object.keys(options.identities ?? {}).length > 0) {
        throw new UsageError('CAPTURE_IDENTITY', '--identity is for the emulator: on SQL Server the database holds each table\'s identity', { hint: 'leave --identity out with --engine mssql' });
      }
      if (Object.keys(options.context ?? {}).length > 0) {
        throw new UsageError('CAPTURE_CONTEXT', '--context is for the emulator: on SQL Server SUSER_SNAME(), DB_NAME(), @@SPID… are the connection\'s own', { hint: 'leave --context out with --engine mssql' });
      }
      const connection = readMssqlConnection(options.env ?? process.env);
      if (connection === undefined) {
        throw new LegacyError('MSSQL_NOT_CONFIGURED', '--engine mssql needs a SQL Server: MIGRATE_MSSQL_URL is not set (nor MIGRATE_MSSQL_CONFIG)', {
          hint: 'export MIGRATE_MSSQL_URL=mssql://user@host:1433/db?encrypt=true and MIGRATE_MSSQL_PASSWORD, or use --engine emulator',
        });
      }
      if (clock !== undefined) process.stderr.write(`migrate capture: --clock is ignored on SQL Server (${describeConnection(connection)} uses its own clock)\n`);
      const procedures = collectProcedures(scripts);
      const name = normalizeObjectName(options.procedure);
      const effects = externalEffects(procedures, name);
      if (effects.length > 0 && options.allowExternalEffects !== true) throw externalEffectsError(options.procedure, effects);
      const written = [...writtenTables(procedures, name, options.procedure)].sort();
      const state = new EmulatorState(session, procedures, '2000-01-01 00:00:00', false);
      state.definitions = collectTableDefinitions(scripts);
      await ensureTables(state, written);
      const inputRows = await readInputs(session, inputs);
      const advanced = nonTransactionalDraws(procedures, name, (key) => {
        const info = state.tables.get(key);
        return info?.identity !== undefined ? readableTableName(info.sqlName) : undefined;
      });
      if (advanced !== undefined) process.stderr.write(`migrate capture: ${advanced}\n`);
      result = await captureFromMssql(connection, {
        procedure: options.procedure, params: callParams(options.params), inputs: inputRows,
        outputs: written.map((w) => ({ name: w, key: state.tables.get(w)?.key ?? [] })),
      });
      await storeRows(session, state, result);
      tables = state.tables;
    }
    return await writeBaselines(session, options, scripts, result, tables, inputs, clock, { columns: nonReproducible, causes: nonReproducibleCauses, columnCauses }, errors, raised, startedEmpty);
  } finally {
    session.close();
  }
}

/**
 * What a capture on SQL Server changes although it rolls back: sequence values drawn (NEXT VALUE
 * FOR in the procedure or the procedures it calls) and identity values taken by inserts are
 * never given back by a ROLLBACK, so the sequences move on and the tables' identity seeds leave
 * a gap. No row changes; people are told which objects, before the run.
 */
export function nonTransactionalDraws(procedures: ReadonlyMap<string, LoadedProcedure>, name: string, identityOf: (tableKey: string) => string | undefined): string | undefined {
  const sequences = new Set<string>();
  const identities = new Set<string>();
  for (const loaded of proceduresReachedFrom(procedures, name)) {
    for (const st of loaded.procedure.body) {
      for (const n of findAll(st, 'NextValueFor')) sequences.add(displayObjectName(n.sequence.parts.map((p) => p.name)));
      for (const w of [...findAll(st, 'Insert'), ...findAll(st, 'Merge')]) {
        const shown = w.target.kind === 'TableRef' ? identityOf(normalizeObjectName(w.target.name.parts.map((p) => p.name).join('.'))) : undefined;
        if (shown !== undefined) identities.add(shown);
      }
    }
  }
  const what = [...[...sequences].sort().map((q) => `the sequence ${q}`), ...[...identities].sort().map((t) => `the identity of ${t}`)];
  if (what.length === 0) return undefined;
  return `the capture's transaction is rolled back, but SQL Server never rolls back the values it draws: ${what.join(', ')} will move on (a gap in the numbers; no row changes)`;
}

/**
 * The sequences the procedure (and what it calls) draws from with no `--sequence` value: the
 * emulator numbers them from where their scripts leave them (START WITH, ALTER … RESTART), which
 * is the database's own next value only for a sequence never drawn from. Named on stderr, so a
 * baseline's numbers are never taken for the production ones unnoticed.
 */
export function assumedSequenceStarts(procedures: ReadonlyMap<string, LoadedProcedure>, name: string, given: Readonly<Record<string, string>>): string | undefined {
  const givenKeys = new Set(Object.keys(given).map((k) => normalizeObjectName(k)));
  const drawn = new Map<string, string>();
  for (const loaded of proceduresReachedFrom(procedures, name)) {
    for (const st of loaded.procedure.body) {
      for (const n of findAll(st, 'NextValueFor')) {
        const parts = n.sequence.parts.map((p) => p.name);
        const key = normalizeObjectName(parts.join('.'));
        if (!givenKeys.has(key)) drawn.set(key, displayObjectName(parts));
      }
    }
  }
  if (drawn.size === 0) return undefined;
  const names = [...drawn.values()].sort();
  const one = names.length === 1;
  return `${names.map((q) => `the sequence ${q}`).join(', ')} ${one ? 'was' : 'were'} numbered from where the scripts leave ${one ? 'it' : 'them'} (START WITH, or the last RESTART); the database's own next value, once drawn from, is further on: give it with --sequence "${names[0]}=<next value>"`;
}

/**
 * `--sequence` values by sequence key: each names a CREATE SEQUENCE of the scripts and gives an
 * integer (the value NEXT VALUE FOR returns first); anything else is a usage error that lists
 * the sequences there are.
 */
function sequenceStarts(scripts: readonly ParsedScript[], given: Readonly<Record<string, string>>): Map<string, bigint> {
  const out = new Map<string, bigint>();
  if (Object.keys(given).length === 0) return out;
  const catalog = emptyCatalog();
  collectCatalog(catalog, scripts);
  for (const [name, value] of Object.entries(given)) {
    const key = normalizeObjectName(name);
    if (!catalog.sequences.has(key)) {
      const known = [...catalog.sequences.values()].map((d) => displayObjectName(d.definition.name.parts.map((p) => p.name)));
      throw new UsageError('CAPTURE_SEQUENCE', `--sequence ${name}: no CREATE SEQUENCE ${name} in the scripts`, { hint: known.length === 0 ? 'the scripts create no sequence' : `sequences: ${known.join(', ')}` });
    }
    if (!/^[-+]?\d+$/.test(value.trim())) throw new UsageError('CAPTURE_SEQUENCE', `--sequence ${name}=${value}: the next value must be an integer`, { hint: `e.g. --sequence "${name}=1000" (SELECT current_value FROM sys.sequences gives the last value drawn; the next is that plus the increment)` });
    out.set(key, BigInt(value.trim()));
  }
  return out;
}

/**
 * `--identity` values by table key: each names a table of the scripts with an IDENTITY column
 * and gives an integer, the value its next generated row gets (IDENT_CURRENT plus the increment
 * on SQL Server); anything else is a usage error naming the tables with an identity.
 */
function identityStarts(scripts: readonly ParsedScript[], given: Readonly<Record<string, string>>): Map<string, bigint> {
  const out = new Map<string, bigint>();
  if (Object.keys(given).length === 0) return out;
  const definitions = collectTableDefinitions(scripts);
  const withIdentity = [...definitions.values()].filter((d) => d.definition.columns.some((c) => c.identity));
  for (const [name, value] of Object.entries(given)) {
    const key = normalizeObjectName(name);
    if (!withIdentity.some((d) => d.key === key)) {
      // written so they can be passed back as they are: a part with a blank or a dot in brackets
      const known = withIdentity.map((d) => d.parts.map(quoteNamePart).join('.'));
      throw new UsageError('CAPTURE_IDENTITY', `--identity ${name}: no table ${name} with an IDENTITY column in the scripts`, { hint: known.length === 0 ? 'the scripts create no table with an identity' : `tables with an identity: ${known.join(', ')}` });
    }
    if (!/^[-+]?\d+$/.test(value.trim())) throw new UsageError('CAPTURE_IDENTITY', `--identity ${name}=${value}: the next value must be an integer`, { hint: `e.g. --identity "${name}=1000" (SELECT IDENT_CURRENT('${name}') + IDENT_INCR('${name}') gives it)` });
    out.set(key, BigInt(value.trim()));
  }
  return out;
}

/** Reads input CSVs as text rows (empty cell = NULL) for loading into SQL Server. */
async function readInputs(session: EngineSession, inputs: readonly EmulatorInput[]): Promise<InputTable[]> {
  const out: InputTable[] = [];
  for (const i of inputs) {
    const d = await session.describe(`SELECT * FROM read_csv(${quoteLiteral(i.file)}, header = true, all_varchar = true)`);
    const columns = d.columns.map((c) => c.name);
    out.push({ kind: 'input-table', name: normalizeObjectName(i.table), file: i.file, columns, rows: d.rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? null : String(r[c])))) });
  }
  return out;
}

/** Puts SQL Server's output rows into DuckDB tables of the same definition, for the export. */
async function storeRows(session: EngineSession, state: EmulatorState, result: LegacyRunResult): Promise<void> {
  for (const out of result.outputs) {
    const info = state.tables.get(out.name);
    if (info === undefined) continue;
    for (const row of out.rows) {
      const params = info.columns.map((c) => {
        const v = row[c.name];
        if (v === null || v === undefined) return null;
        if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
        if (typeof v === 'boolean') return v ? '1' : '0';
        return String(v);
      });
      await session.run(`INSERT INTO ${info.sqlName} VALUES (${info.columns.map((c, i) => `CAST($${i + 1} AS ${c.duckType})`).join(', ')})`, params);
    }
  }
}

/** The procedure's name as its definition in effect writes it, or as asked for when not loaded. */
function procedureDisplayName(asked: string, procedures: ReadonlyMap<string, LoadedProcedure>): string {
  const loaded = procedures.get(normalizeObjectName(asked));
  return loaded === undefined ? asked : displayObjectName(loaded.procedure.name.parts.map((p) => p.name));
}

async function writeBaselines(session: EngineSession, options: CaptureOptions, scripts: readonly ParsedScript[], result: LegacyRunResult, tables: ReadonlyMap<string, TableInfo>,
  inputs: readonly EmulatorInput[], clock: string | undefined, notReproducible: { readonly columns: readonly string[]; readonly causes: readonly string[]; readonly columnCauses?: Readonly<Record<string, readonly string[]>> | undefined } = { columns: [], causes: [] },
  errors: NonNullable<CaptureManifest['errors']> = [], raised?: CaptureManifest['raised'], startedEmpty: readonly string[] = []): Promise<CaptureManifest> {
  mkdirSync(options.outDir, { recursive: true });
  const ext = options.format === 'parquet' ? 'parquet' : 'csv';
  const written: CaptureManifest['tables'][number][] = [];
  const outputs = result.outputs.flatMap((out) => {
    const info = tables.get(out.name);
    return info === undefined ? [] : [{ out, info }];
  });
  const files = baselineFileNames(outputs.map((o) => o.info.sqlName), result.resultSets.length, ext);
  for (const [k, { out, info }] of outputs.entries()) {
    const file = files[k] as string;
    const order = info.key.length > 0 ? info.key.map(quote).join(', ') : 'ALL';
    await exportQuery(session, `SELECT * FROM ${info.sqlName} ORDER BY ${order}`, join(options.outDir, file), options.format);
    written.push({ name: out.name, displayName: readableTableName(info.sqlName), file, rows: out.rows.length, key: info.key });
  }
  const resultSets: CaptureManifest['resultSets'][number][] = [];
  for (const [i, rs] of result.resultSets.entries()) {
    const file = resultSetFileName(i, ext);
    if (rs.table !== undefined) {
      await exportQuery(session, `SELECT * FROM ${rs.table}`, join(options.outDir, file), options.format);
    } else {
      writeFileAtomic(join(options.outDir, file), toCsv(rs.columns, rs.rows));
    }
    resultSets.push({ file, rows: rs.rows.length, columns: rs.columns });
  }
  const parameters = result.outputParameters ?? [];
  let outputParameters: CaptureManifest['outputParameters'];
  if (parameters.length > 0) {
    // One row, each value cast to its variable's DuckDB type: the text (or Parquet type) a table column of that type gets.
    const file = `${OUTPUT_PARAMETERS_STEM}.${ext}`;
    await exportQuery(session, `SELECT ${parameters.map((p) => `CAST(${p.value === null ? 'NULL' : quoteLiteral(p.value)} AS ${p.duckType}) AS ${quote(p.name.replace(/^@/, ''))}`).join(', ')}`, join(options.outDir, file), options.format);
    outputParameters = { file, values: Object.fromEntries(parameters.map((p) => [p.name, p.value])) };
  }
  const manifest: CaptureManifest = {
    procedure: normalizeObjectName(options.procedure), displayName: procedureDisplayName(options.procedure, collectProcedures(scripts)), engine: options.engine, params: options.params, clock: clock ?? null,
    ...(options.engine === 'emulator' && options.clock !== undefined && clockOffsetOf(options.clock) !== undefined ? { utcOffsetMinutes: clockOffsetOf(options.clock) } : {}),
    format: options.format, inputs: inputs.map((i) => ({ table: normalizeObjectName(i.table), file: basename(i.file) })),
    tables: written, resultSets, returnValue: result.returnValue, ...(outputParameters === undefined ? {} : { outputParameters }), messages: result.messages,
    seed: options.engine === 'emulator' ? options.seed ?? 0 : null,
    ...(Object.keys(options.sequences ?? {}).length > 0 ? { sequences: options.sequences } : {}),
    ...(Object.keys(options.context ?? {}).length > 0 ? { context: options.context } : {}),
    ...(Object.keys(options.identities ?? {}).length > 0 ? { identities: options.identities } : {}),
    ...(Object.keys(options.sqlcmd ?? {}).length > 0 ? { sqlcmd: options.sqlcmd } : {}),
    ...(options.engine === 'emulator' && options.compatibilityLevel !== undefined ? { compatibilityLevel: options.compatibilityLevel } : {}),
    ...(options.engine === 'emulator' && options.language !== undefined ? { language: options.language } : {}),
    ...(options.engine === 'emulator' && options.serverVersion !== undefined ? { serverVersion: options.serverVersion } : {}),
    ...(errors.length > 0 ? { errors } : {}),
    ...(raised === undefined ? {} : { raised }),
    nonReproducible: notReproducible.columns, nonReproducibleCauses: notReproducible.causes,
    ...(notReproducible.columnCauses === undefined ? {} : { nonReproducibleColumnCauses: notReproducible.columnCauses }),
    ...(startedEmpty.length > 0 ? { startedEmpty } : {}), at: new Date().toISOString(),
  };
  removeStaleBaselines(options.outDir, new Set([...written.map((w) => w.file), ...resultSets.map((r) => r.file), ...(outputParameters === undefined ? [] : [outputParameters.file])]));
  writeFileAtomic(join(options.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Writes a query's rows. Parquet keeps DuckDB's types. CSV follows acceptance/example/data's
 * conventions: DuckDB's text form of each value (`2026-03-08 02:30:00`, `53.1400`), an empty
 * field for NULL, and quotes around values with a comma, quote, line break or a leading or
 * trailing blank (so `' '` and `''` survive a round trip).
 */
async function exportQuery(session: EngineSession, sql: string, file: string, format: 'csv' | 'parquet'): Promise<void> {
  if (format === 'parquet') {
    await session.run(`COPY (${sql}) TO ${quoteLiteral(file)} (FORMAT parquet)`);
    return;
  }
  const { columns, rows } = await readAsText(session, sql);
  const names = columns.map((c) => c.name);
  writeFileAtomic(file, toCsv(names, rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])))));
}

/**
 * A query's rows as the text a capture CSV holds (DuckDB's text form of each value, NULL as
 * null) with each column's DuckDB type. The conformance suite compares this very text, so what
 * it proves about values is what the baseline files contain.
 */
export async function readAsText(session: EngineSession, sql: string): Promise<{ columns: { name: string; type: string }[]; rows: (string | null)[][] }> {
  const described = await session.describe(`SELECT * FROM (${sql}) AS __q LIMIT 0`);
  const names = described.columns.map((c) => c.name);
  // Binary values as SQL Server shows them (0x00000000000007D3), the form an input CSV gives them in.
  const asText = (n: string, i: number): string => (described.columns[i]?.type === 'BLOB' ? `'0x' || upper(hex(${quote(n)}))` : `CAST(${quote(n)} AS VARCHAR)`);
  const text = await session.all(`SELECT ${names.map((n, i) => `${asText(n, i)} AS ${quote(`c${i}`)}`).join(', ')} FROM (${sql}) AS __q`);
  return {
    columns: described.columns,
    rows: text.map((r) => names.map((_, i) => {
      const v = r[`c${i}`];
      return v === null || v === undefined ? null : String(v);
    })),
  };
}

function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    const s = v instanceof Date ? v.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '') : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
    return /[",\n\r]|^\s|\s$/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

/**
 * The values the procedure is called with: `--param @p=NULL` passes NULL, as `migrate run`
 * and a spec's `Given parameter @p = NULL` read it (the text 'NULL' would fail an int parameter
 * with 245, or reach a varchar one as four letters).
 */
function callParams(params: Readonly<Record<string, string>>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.trim() === 'NULL' ? null : v]));
}
