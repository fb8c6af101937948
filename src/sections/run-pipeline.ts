import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { transformFailureText } from './draft-stop-text';
import { basename, join } from 'node:path';
import { EngineError, safeFileStem, SectionsError, widerRowThanHeader, type ErrorLocation } from '../core';
import { castToColumnSql, computeDeclaredValues, formatValue, materializeMoreOutputs, valueKey, type ColumnType, materializeTransform, parametersRead, parseValueText, quoteIdent, quoteLiteral, requireColumnType, type EngineSession, type ParamsOf, type TableSchema, type TableShape, type Transform } from '../engine';
import { GivenParameterUses, type AssignmentPlace, type GivenParameterUse } from './given-parameter-uses';
import { InputLoader } from './input-loader';
import { loadTransform } from './load-transform';
import { sectionRunStart } from './procedure-parameters';
import { refuseOutputsNotProduced } from './outputs-not-produced';
import { normalizeObjectName, type SectionSpec } from './spec-model';
import { plainName } from './spec-names';

/** How to run a procedure's sections. */
export interface PipelineOptions {
  /** Folder of input tables as `<schema>.<table>.csv|.parquet` (or `<table>.…`). */
  readonly dataDir: string;
  /** Where to write outputs; none: run only. */
  readonly outDir?: string;
  readonly format: 'parquet' | 'csv';
  /** Parameter values as text (`{'@FromDate': '2024-01-01'}`), typed by each transform's declaration. */
  readonly params: Readonly<Record<string, string>>;
  /** Resolves a section id to its transform file. */
  readonly transformFile: (id: string) => string;
  /**
   * Also write the outputs that are #temp tables or table variables. Off by default: the legacy
   * procedure leaves nothing of them behind (its captured baselines never hold one), and the
   * largest intermediate is often the biggest table of the run (#UsageWithConfig: 2.1M rows,
   * ~1.2 s of CPU to write as Parquet at 100,000 devices). On to inspect them.
   */
  readonly keepTemps?: boolean;
  /** What the transforms' clock() reads (`2026-01-01 00:00:00`); none: the time the run started. */
  readonly clock?: string;
  /** The server's UTC offset in minutes, for the transforms' utcClock(); none: utcClock() stops the section that reads it. */
  readonly utcOffsetMinutes?: number;
  /** Called after each section, for progress. */
  readonly onSection?: (id: string, rows: number, ms: number) => void;
  /**
   * The procedure's own parameter names (`@FromDate`), when known. A transform parameter outside
   * them is a value the legacy code computes in another statement (`DECLARE @MonthStart = …` in
   * an earlier section): without a `--param` for it the run stops, rather than use NULL.
   */
  readonly procedureParameters?: readonly string[];
  /**
   * Where the procedure assigns its own parameters (`@todate` -> [17]: `IF @ToDate IS NULL SET
   * @ToDate = EOMONTH(@FromDate)`). A section after such a line, outside it, reads the value the
   * line left: the caller's value would be wrong, so the run stops unless `explicitParameters`
   * (the names `--param` gave) has it: the person then states the value the section sees.
   */
  readonly assignedParameters?: ReadonlyMap<string, readonly number[]>;
  readonly explicitParameters?: ReadonlySet<string>;
  /**
   * Where the procedure assigns each variable, its local ones included (`@rc` -> [25, 46]). One
   * `--param` gives a value computed in another section to every section reading it: where two of
   * them start after different assignments (`SET @rc = @@ROWCOUNT` after each load step, a step
   * log reading it), they read different values in the legacy run, and the run stops.
   */
  readonly assignedVariables?: ReadonlyMap<string, readonly number[]>;
  /** Lines holding only a DECLARE without a value (ProcedureParameters.declarationLines): no section starts running there. */
  readonly declarationLines?: ReadonlySet<number>;
  /**
   * The variables another section's statement assigns between a section's own lines before the
   * section reads them (section id -> list; legacy's sectionVariablesSetBetween): the section reads
   * the value that statement leaves, not the one it started with (`@lines:8,14-17` around `SET
   * @AsOf = DATEADD(DAY, -@GraceDays, @AsOf)` at line 11), and one it also uses before that
   * statement reads two values, which no one parameter value of its transform stands for.
   */
  readonly setBetween?: ReadonlyMap<string, readonly ValueSetBetween[]>;
  /**
   * The value such a parameter holds when a section starts, where the run could compute it from
   * the caller's values (section id -> lower-case name without @ -> text, null for NULL): it
   * replaces the caller's value for that section, and the check above is not needed.
   */
  readonly parametersAtSectionStart?: ReadonlyMap<string, ReadonlyMap<string, string | null>>;
  /**
   * The parameters (lower-case, no @) whose caller's value went into each of those computed values
   * (section id -> variable -> parameters), and the guard clauses that read a parameter as the
   * caller gave it: where a --param stands for what a later statement leaves instead (a `SELECT
   * @AsOf = MAX(…) FROM` run cannot compute), they read it too, as the caller's, and the run stops
   * (given-parameter-uses.ts).
   */
  readonly callerValueReads?: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
  readonly guardParameterReads?: readonly { readonly name: string; readonly use: GivenParameterUse }[];
  /** The statement assigning a variable at a line, for messages (file:line:col and its text). */
  readonly assignmentAt?: (line: number) => AssignmentPlace | undefined;
  /**
   * The definition (`Qty * [Unit Price]`) of `column` when it is a computed column of `table`
   * in the workspace's CREATE TABLE scripts. A data file holds the stored columns (SQL Server
   * computes the others), so a transform input declaring a computed column the file lacks stops
   * the run instead of reading NULL. Asked only about such columns.
   */
  readonly computedColumn?: (table: string, column: string) => string | undefined;
  /**
   * Awaited after the last section and before any output is written: `migrate run` asks the
   * legacy procedure's guard clauses meanwhile (cli/early-exits.ts), and a guard that ends the
   * procedure rejects, so nothing is written.
   */
  readonly beforeOutputs?: () => Promise<void>;
  /** What a synonym stands for (`dbo.Cust` -> `sales.customer`), asked for an input no data file names: its target's file holds its rows. */
  readonly synonymTarget?: (name: string) => string | undefined;
  /** Whether a name is a view of the scripts, asked for an input no data file and no earlier section gives: that stops the run. */
  readonly isView?: (name: string) => boolean;
}

/** A variable a statement outside a section assigns between the section's lines, before the section reads it (PipelineOptions.setBetween). */
export interface ValueSetBetween {
  /** `@name` as the section reads it. */
  readonly name: string;
  readonly setLine: number;
  readonly readLine: number;
  /** The read, in the procedure's script. */
  readonly readAt: ErrorLocation;
  /** The section's use of it before that assignment, if any. */
  readonly usedBeforeLine?: number;
}

/** The set-between entry of `name` for section `id`, if any. */
function setBetweenOf(options: PipelineOptions, id: string, name: string): ValueSetBetween | undefined {
  const wanted = `@${name.replace(/^@/, '').toLowerCase()}`;
  return options.setBetween?.get(id)?.find((v) => v.name.toLowerCase() === wanted);
}

/** The first line outside the section, before its end, that assigns procedure parameter `name`; undefined when none. */
function reassignedBefore(options: PipelineOptions, name: string, lines: SectionSpec['lines']): number | undefined {
  const at = options.assignedParameters?.get(`@${name.replace(/^@/, '').toLowerCase()}`) ?? [];
  const last = Math.max(...lines.map((r) => r.end));
  return at.find((line) => line < last && !lines.some((r) => line >= r.start && line <= r.end));
}

/**
 * The last line outside the section that assigns `name` before the section reads it: before its
 * first line, or, for a variable another section sets between its lines, before that read.
 */
function assignedBeforeSection(options: PipelineOptions, name: string, lines: SectionSpec['lines'], between: ValueSetBetween | undefined): number | undefined {
  // a range of declarations only (a table variable's DECLARE, propose's choice) runs nothing: the
  // section starts at its first statement, after an assignment another section makes in between
  const first = between?.readLine ?? sectionRunStart(lines, options.declarationLines);
  const outside = (line: number): boolean => !lines.some((r) => line >= r.start && line <= r.end);
  const at = (options.assignedVariables?.get(`@${name.replace(/^@/, '').toLowerCase()}`) ?? []).filter((line) => line < first && outside(line));
  return at.length === 0 ? undefined : Math.max(...at);
}

/** What a run did. */
export interface PipelineResult {
  readonly sections: readonly { readonly id: string; readonly output: string; readonly rows: number; readonly ms: number }[];
  readonly outputs: readonly { readonly name: string; readonly file: string; readonly rows: number }[];
  /** Inputs found neither in the data folder nor among earlier outputs (run as empty tables). */
  readonly missingInputs: readonly string[];
  /** The values sections declared (their transforms' `values`), as computed, in run order; later sections that read one were given it. */
  readonly values: readonly { readonly section: string; readonly name: string; readonly value: string | null }[];
}

/** A value an earlier section's transform declared, kept for the sections after it. */
interface CarriedValue {
  readonly id: string;
  readonly name: string;
  readonly type: ColumnType;
  readonly value: unknown;
}

const DATA_EXT = ['.parquet', '.csv'];

/** Finds `<name>.parquet|csv` (schema optional, case-insensitive) in the data folder. */
function findDataFile(dataDir: string, name: string): string | undefined {
  if (!existsSync(dataDir)) return undefined;
  const wanted = [normalizeObjectName(name), normalizeObjectName(name).replace(/^[^.]*\./, '')];
  const files = readdirSync(dataDir);
  for (const w of wanted) {
    for (const ext of DATA_EXT) {
      const f = files.find((x) => x.toLowerCase() === `${w}${ext}`);
      if (f) return join(dataDir, f);
    }
  }
  return undefined;
}

/** The data file a table's rows come from in a run: its own, else (none of its name) its synonym's target's. */
export function findInputFile(dataDir: string, name: string, synonymTarget?: (name: string) => string | undefined): string | undefined {
  const target = findDataFile(dataDir, name) === undefined ? synonymTarget?.(name) : undefined;
  return findDataFile(dataDir, target ?? name);
}

/** The file name of an output table: brackets removed (`Integration.[ETL Cutoff]` ->
 * `Integration.ETL Cutoff.csv`), made safe by core's `safeFileStem`, the rule `migrate capture`
 * names the legacy baselines with, so new and legacy outputs of one table pair up by name. */
export function outputFileName(name: string, format: string): string {
  return `${safeFileStem(plainName(name))}.${format}`;
}

/** The value given for a parameter (`@From` matches `@from` and `from`), undefined when none is. */
export function findParamValue(params: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.replace(/^@/, '').toLowerCase();
  return Object.entries(params).find(([k]) => k.replace(/^@/, '').toLowerCase() === wanted)?.[1];
}

/**
 * Runs the sections of one procedure in order on DuckDB: each section's inputs come from an
 * earlier section's output of the same name (as the #temp tables did) or from the data folder;
 * each transform's output is checked against its declaration; outputs are written as Parquet
 * or CSV (the tables and result sets the procedure leaves behind; #temp tables and table
 * variables only with `keepTemps`). Ignored sections are skipped; a stub transform stops the run with its section named.
 */
export async function runPipeline(session: EngineSession, specs: readonly SectionSpec[], options: PipelineOptions): Promise<PipelineResult> {
  const state = new Map<string, string>();
  const missing = new Set<string>();
  const done: { id: string; output: string; rows: number; ms: number }[] = [];
  const tableOf = new Map<string, string>();
  let n = 0;
  const views = new Set<string>();
  const loader = new InputLoader(session);
  // a table-valued parameter's rows: the CSV `--param @Rows=rows.csv` names, as `migrate capture`
  // takes them, else a data file of its name (`@Rows.csv`)
  const dataFileOf = (name: string): string | undefined => {
    const given = name.startsWith('@') ? findParamValue(options.params, name) : undefined;
    if (given === undefined) return findInputFile(options.dataDir, name, options.synonymTarget);
    if (!existsSync(given)) throw new SectionsError('RUN_PARAM_FILE', `--param ${name}=${given}: ${name} is a table the sections read, and ${given} is no file`, { hint: `give its rows as a CSV file (a header row of its columns, then one line per row): --param ${name}=rows.csv` });
    return given;
  };
  // One table under every name it goes by: a section writing `dbo.ArchivedOrders` (a synonym)
  // fills what a later section reads as `[$(ArchiveDb)].dbo.SalesOrderLineArchive`, its target.
  const tableKeyOf = (name: string): string => normalizeObjectName(options.synonymTarget?.(name) ?? name);
  // A data file is read once per declared shape, straight into a typed table (InputLoader).
  // Earlier outputs are already typed tables: a section reads them through a view of casts,
  // which costs nothing until it is read; an input found nowhere is an empty view.
  const typedInput = async (sectionId: string, name: string, schema: TableSchema): Promise<string> => {
    const earlier = state.get(tableKeyOf(name));
    const file = earlier ? undefined : dataFileOf(name);
    if (file) {
      let loaded: string;
      try {
        loaded = await loader.load(file, schema);
      } catch (err) {
        throw inputTypeError(sectionId, err, file);
      }
      const lacking = loader.lackingColumns(loaded);
      // a row wider than the header makes DuckDB misread the header: every column then looks missing
      const wide = lacking.length > 0 ? widerRowThanHeader(file) : undefined;
      if (wide !== undefined) throw new SectionsError('RUN_INPUT_COLUMN_MISSING', `${sectionId} reads ${name}: ${wide.message}`, { location: wide.location, hint: wide.hint });
      for (const column of lacking) {
        const definition = options.computedColumn?.(name, column);
        if (definition !== undefined) {
          throw new SectionsError('RUN_INPUT_COMPUTED', `${sectionId} reads ${name}.${column}, a computed column (AS (${definition})), and ${basename(file)} does not hold it: the section would read NULL`, {
            location: { file }, hint: `add ${column} to the file as SQL Server computes it, or declare only the stored columns and compute it in the transform (\`migrate scaffold --draft\` does)`,
          });
        }
        // A stored column the export left out is unknown, not NULL (an upgrade script's `ADD … NOT
        // NULL DEFAULT 0` gives the old rows values the file does not show): reading it as NULL gave
        // plausible wrong numbers, and capture refuses the same file (LEGACY_INPUT_COLUMN_MISSING).
        throw new SectionsError('RUN_INPUT_COLUMN_MISSING', `${sectionId} reads ${name}.${column}, and ${basename(file)} does not hold that column: its values are unknown (reading them as NULL would give plausible wrong rows)`, {
          location: { file }, hint: `export ${name} again with ${column}, or, if the transform does not read it, leave it out of the inputs the transform declares`,
        });
      }
      return loaded;
    }
    if (!earlier && options.isView?.(options.synonymTarget?.(name) ?? name) === true) {
      throw new SectionsError('RUN_INPUT_VIEW', `${sectionId} reads the view ${name}, and ${options.dataDir} has no data file for it: its rows are what the view's query yields from its tables, which migrate run does not compute, and an empty view would give plausible wrong rows`, {
        hint: `export the view's rows (SELECT * FROM ${name}) into the data folder as ${plainName(name)}.csv, as the Given of the section's scenarios holds them`,
      });
    }
    const table = `__in${++n}`;
    const sourceCols = earlier ? (await session.all(`DESCRIBE SELECT * FROM ${quoteIdent(earlier)}`)).map((r) => String(r.column_name)) : [];
    if (!earlier) missing.add(name);
    const select = schema.columns.map((c) => {
      const s = sourceCols.find((x) => x.toLowerCase() === c.name.toLowerCase());
      return `${castToColumnSql(s ? quoteIdent(s) : 'NULL', c.type, c.name)} AS ${quoteIdent(c.name)}`;
    });
    const from = earlier ? ` FROM ${quoteIdent(earlier)}` : ' LIMIT 0';
    await session.run(`CREATE OR REPLACE VIEW ${quoteIdent(table)} AS SELECT ${select.join(', ')}${from}`);
    views.add(table);
    return table;
  };
  // the values each section's transform declared, by section id then valueKey, for the sections after it
  const carried = new Map<string, ReadonlyMap<string, CarriedValue>>();
  const latest = new Map<string, CarriedValue>();
  const computedValues: { section: string; name: string; value: string | null }[] = [];
  const sectionAt = (line: number): SectionSpec | undefined => specs.find((s) => s.lines.some((r) => line >= r.start && line <= r.end));
  // a value given once for the sections that read it: which assignment the first of them follows
  const givenOnce = new Map<string, { id: string; line: number }>();
  // what each --param of the procedure's own parameters stands for where it is read: the caller's value, or a reassignment's
  const explicit = (name: string): boolean => options.explicitParameters?.has(name.replace(/^@/, '').toLowerCase()) === true;
  const givenUses = new GivenParameterUses((line) => options.assignmentAt?.(line), (line) => sectionAt(line)?.id);
  for (const g of options.guardParameterReads ?? []) if (explicit(g.name)) givenUses.use(g.name, g.use);
  const writtenName = (key: string): string => options.procedureParameters?.find((p) => p.replace(/^@/, '').toLowerCase() === key) ?? `@${key}`;
  // every transform is loaded first, and every data file a section will read starts loading at
  // once, in section order, beside the sections (an input an earlier section outputs is not a file)
  const steps = specs.filter((s) => !s.ignored).map((spec) => ({ spec, file: options.transformFile(spec.id), t: loadTransform(options.transformFile(spec.id)) }));
  refuseOutputsNotProduced(steps, tableKeyOf);
  const produced = new Set<string>();
  for (const { t } of steps) {
    for (const [name, schema] of Object.entries(t.inputs)) {
      const file = produced.has(normalizeObjectName(name)) ? undefined : dataFileOf(name);
      if (file) void loader.load(file, schema);
    }
    produced.add(normalizeObjectName(t.outputName));
    for (const name of Object.keys(t.moreOutputs ?? {})) produced.add(normalizeObjectName(name));
  }
  try {
    for (const { spec, t } of steps) await runStep(spec.id, t, spec.lines);
  } finally {
    await loader.settle();
  }
  /**
   * Where section `id` gets variable `name` from: the section holding the last line before it that
   * assigns the variable (`setter`), and that section's declared value when it has one. Without
   * the procedure's assignments (no script), the latest value any earlier section declared.
   * `--param` for a carried local variable is refused: two sources of one value, one of them wrong.
   */
  function providerOf(id: string, name: string, lines: SectionSpec['lines'], local: boolean, between: ValueSetBetween | undefined): CarriedValue | { readonly setter?: { readonly line: number; readonly section: SectionSpec } } | undefined {
    const key = valueKey(name);
    let found: CarriedValue | undefined;
    let setter: { line: number; section: SectionSpec } | undefined;
    if (options.assignedVariables === undefined) found = latest.get(key);
    else {
      const line = assignedBeforeSection(options, name, lines, between);
      const section = line === undefined ? undefined : sectionAt(line);
      if (line !== undefined && section !== undefined) setter = { line, section };
      found = section === undefined ? undefined : carried.get(section.id)?.get(key);
    }
    if (found === undefined) return setter === undefined ? undefined : { setter };
    if (local && options.explicitParameters?.has(key) === true) {
      throw new SectionsError('RUN_VALUE_GIVEN_AND_CARRIED', `${id} reads ${name}, which ${found.id} computes (its transform declares it) and --param ${name} gives too: one of the two would be wrong`, {
        hint: `drop --param ${name}: the run gives ${id} the value ${found.id} computes (${formatValue(found.value)} in this run)`,
      });
    }
    return found;
  }
  async function runStep(id: string, t: Transform, lines: SectionSpec['lines']): Promise<void> {
    const started = Date.now();
    const tables: Record<string, string> = {};
    for (const [name, schema] of Object.entries(t.inputs)) tables[name] = await typedInput(id, name, schema);
    const params: Record<string, unknown> = {};
    // a parameter the transform declares but its SQL never reads cannot change its rows: no value is asked for
    const read = parametersRead(t);
    for (const [name, typeText] of Object.entries(t.params)) {
      if (read !== undefined && !read.has(name)) { params[name] = null; continue; }
      const between = setBetweenOf(options, id, name);
      if (between?.usedBeforeLine !== undefined) {
        // the legacy reads differ (the caller's value, then the reassigned one): any one value is wrong for some rows
        throw new SectionsError('RUN_VALUE_SET_BETWEEN', `${id} uses ${name} at line ${between.usedBeforeLine} and reads it here, and line ${between.setLine}, outside this section, assigns it in between: the legacy run gave the two different values, and the transform takes one value of ${name}, which would give plausible wrong rows`, {
          location: between.readAt, hint: `give line ${between.setLine} to this section (its @lines), or cut the section at line ${between.setLine} into two, one reading ${name} before it and one after it`,
        });
      }
      const atStart = options.parametersAtSectionStart?.get(id);
      const computed = atStart?.has(name.replace(/^@/, '').toLowerCase()) === true;
      const type = requireColumnType(name, String(typeText));
      const own = options.procedureParameters?.some((p) => p.replace(/^@/, '').toLowerCase() === name.replace(/^@/, '').toLowerCase());
      const readLine = between?.readLine ?? sectionRunStart(lines, options.declarationLines);
      // a value run computed from the call's values read the caller's value of each parameter it came from
      for (const key of computed ? options.callerValueReads?.get(id)?.get(name.replace(/^@/, '').toLowerCase()) ?? [] : []) {
        const param = writtenName(key);
        if (explicit(param)) givenUses.use(param, { by: id, section: id, line: readLine, ...(param.toLowerCase() === name.toLowerCase() ? {} : { through: name }) });
      }
      const provider = computed ? undefined : providerOf(id, name, lines, own === false, between);
      if (provider !== undefined && 'value' in provider) {
        params[name] = carriedAs(id, name, type, provider);
        continue;
      }
      const raw = computed ? atStart?.get(name.replace(/^@/, '').toLowerCase()) ?? undefined : findParamValue(options.params, name);
      if (raw === undefined && own === false) {
        const setter = provider?.setter;
        // no statement sets it: a value from outside the procedure's data (a sequence's next value, the database's state)
        if (setter === undefined) {
          throw new SectionsError('RUN_VALUE_UNKNOWN', `${id} needs ${name}, which is no parameter of the procedure and which no statement of it sets before this section (a value the transform takes from outside the data, such as the next value of a sequence); NULL would give plausible wrong rows`, {
            hint: `pass --param ${name}=<value> with the value the legacy run used (a sequence's: the --sequence its capture was given, in the baseline's manifest.json)`,
          });
        }
        throw new SectionsError('RUN_VALUE_UNKNOWN', `${id} needs ${name}, which the legacy procedure computes in another statement (line ${setter.line}, in ${setter.section.id}${setter.section.ignored ? ', @ignored: never run' : ''}), not a parameter of the procedure; no earlier section's transform declares it, and NULL would give plausible wrong rows`, {
          hint: !setter.section.ignored
            ? `declare it in ${setter.section.id}'s transform: values: { '${name}': { type: '${String(typeText)}', sql: (ctx) => \`SELECT …\` } } (\`migrate scaffold\` writes that stub for a new section); or pass --param ${name}=<value>`
            : `move line ${setter.line} into a section that runs and declare ${name} in its transform's values, or pass --param ${name}=<value> with the value the legacy run computes`,
        });
      }
      const source = raw === undefined || computed || own !== false ? undefined : assignedBeforeSection(options, name, lines, between);
      const other = source === undefined ? undefined : givenOnce.get(name.toLowerCase());
      if (source !== undefined && other !== undefined && other.line !== source) {
        throw new SectionsError('RUN_VALUE_AMBIGUOUS', `${other.id} and ${id} both read ${name}, which the legacy procedure sets at line ${other.line} before ${other.id} and again at line ${source} before ${id}: --param ${name} gives both one value, so one of them would read a value the legacy run never gave it`, {
          hint: `put the statement reading ${name} in the section holding the line that sets it (its @lines), or compute the value inside the transforms from their inputs`,
        });
      }
      if (source !== undefined && other === undefined) givenOnce.set(name.toLowerCase(), { id, line: source });
      // between its lines, the assignment that matters is the last before the section's read
      const reassigned = computed ? undefined : (between === undefined ? undefined : assignedBeforeSection(options, name, lines, between)) ?? reassignedBefore(options, name, lines);
      if (reassigned !== undefined && !options.explicitParameters?.has(name.replace(/^@/, '').toLowerCase())) {
        const setter = sectionAt(reassigned);
        const when = between === undefined ? 'before it runs' : `between its lines, before it reads it at line ${between.readLine}`;
        throw new SectionsError('RUN_VALUE_UNKNOWN', `${id} reads ${name}, which the legacy procedure assigns at line ${reassigned}${setter === undefined ? '' : ` (in ${setter.id})`}, outside this section, ${when}; no earlier section's transform declares the value it leaves, and the caller's value would give plausible wrong rows`, {
          hint: `${setter === undefined || setter.ignored ? '' : `declare ${name} in the values of ${setter.id}'s transform, `}pass --param ${name}=<value> with the value line ${reassigned} leaves, or move that line into this section's @lines`,
        });
      }
      if (own === true && !computed && raw !== undefined && explicit(name)) {
        // the --param read here stands for the value the last assignment before the read leaves, or the caller's
        const assignedAt = assignedBeforeSection(options, name, lines, between) ?? reassigned;
        givenUses.use(name, { by: id, section: id, line: readLine, ...(assignedAt === undefined ? {} : { assignedAt }) });
      }
      if (raw === undefined && !type.nullable) {
        throw new SectionsError('RUN_PARAM_REQUIRED', `${id} needs parameter ${name} (${String(typeText)}, not nullable) and none was given`, { hint: `pass --param ${name}=<value>` });
      }
      if (raw === undefined) { params[name] = null; continue; }
      const parsed = parseValueText({ ...type, nullable: true }, raw);
      if (!parsed.ok) throw new SectionsError('RUN_PARAM', `parameter ${name}: ${parsed.reason}`, { hint: `pass --param ${name}=<${String(typeText)}>` });
      params[name] = parsed.value;
    }
    const out = `__out${++n}`;
    // the other tables the section writes (moreOutputs), each a table of its own for later sections
    const more = Object.keys(t.moreOutputs ?? {}).map((name) => [name, `__out${++n}`] as const);
    const runOptions = { ...(options.clock === undefined ? {} : { clock: options.clock }), ...(options.utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes: options.utcOffsetMinutes }) };
    try {
      await materializeTransform(session, t, tables, params as ParamsOf<TableShape>, out, runOptions);
      await materializeMoreOutputs(session, t, tables, params as ParamsOf<TableShape>, Object.fromEntries(more), runOptions);
      const values = await computeDeclaredValues(session, t, tables, params as ParamsOf<TableShape>, Object.fromEntries([[t.outputName, out], ...more]), runOptions);
      const mine = new Map([...values].map(([key, v]) => [key, { id, ...v }]));
      carried.set(id, mine);
      for (const [key, v] of mine) {
        latest.set(key, v);
        computedValues.push({ section: id, name: v.name, value: v.value === null ? null : formatValue(v.value) });
      }
    } catch (err) {
      throw transformError(id, inputTypeError(id, err));
    }
    for (const tbl of Object.values(tables)) {
      if (views.delete(tbl)) await session.run(`DROP VIEW IF EXISTS ${quoteIdent(tbl)}`);
    }
    const ms = Date.now() - started;
    let first: number | undefined;
    for (const [name, table] of [[t.outputName, out] as const, ...more]) {
      state.set(tableKeyOf(name), table);
      const rows = Number(await session.scalar(`SELECT count(*) FROM ${quoteIdent(table)}`));
      first ??= rows;
      done.push({ id: id, output: name, rows, ms: name === t.outputName ? ms : 0 });
      tableOf.set(`${id}\u0000${name}`, table);
    }
    options.onSection?.(id, first ?? 0, ms);
  }
  await options.beforeOutputs?.();
  const outputs: { name: string; file: string; rows: number }[] = [];
  if (options.outDir) {
    mkdirSync(options.outDir, { recursive: true });
    // a table two sections write (DELETE of the month, then the reload) is written once, as the last
    // left it; result sets are not one table: each section's is one the procedure returns, named
    // as `migrate capture` names them when there are several (result-set-1, result-set-2, in order)
    const isResult = (x: { output: string }): boolean => x.output.trim().toLowerCase() === 'result';
    const results = done.filter(isResult);
    const last = new Map(done.map((s) => [tableKeyOf(s.output), s]));
    for (const s of done.filter((x) => (isResult(x) && results.length > 1) || last.get(tableKeyOf(x.output)) === x)) {
      if (isTempName(s.output) && !options.keepTemps) continue;
      const name = isResult(s) && results.length > 1 ? `result-set-${results.indexOf(s) + 1}` : s.output;
      const file = join(options.outDir, outputFileName(name, options.format));
      const table = tableOf.get(`${s.id}\u0000${s.output}`) as string;
      const fmt = options.format === 'parquet' ? '(FORMAT parquet)' : '(FORMAT csv, HEADER true)';
      await session.run(`COPY (SELECT * FROM ${quoteIdent(table)}) TO ${quoteLiteral(file)} ${fmt}`);
      outputs.push({ name: s.output, file, rows: s.rows });
    }
  }
  return { sections: done, outputs, missingInputs: [...missing], values: computedValues };
}

/**
 * A carried value as the reading section declares the parameter: through its text, so an int
 * read as bigint is the same number and a value the reader's type cannot hold stops the run.
 */
function carriedAs(id: string, name: string, type: ColumnType, from: CarriedValue): unknown {
  if (from.value === null) {
    if (type.nullable) return null;
    throw new SectionsError('RUN_PARAM_REQUIRED', `${id} needs ${name} (not nullable), and ${from.id} computes NULL for it`, { hint: `declare ${name} nullable in ${id}'s transform, as the legacy variable is` });
  }
  const parsed = parseValueText({ ...type, nullable: true }, formatValue(from.value));
  if (!parsed.ok) throw new SectionsError('RUN_PARAM', `${id} reads ${name}, which ${from.id} computes as ${formatValue(from.value)}: ${parsed.reason}`, { hint: `declare ${name} with one type in both transforms, as the legacy variable has one` });
  return parsed.value;
}

/** A #temp table (`#x`, `##x`) or table variable (`@x`): what exists only while the procedure runs. */
function isTempName(name: string): boolean {
  return /^[#@]/.test(plainName(name).trim());
}

/** A conversion failure while reading a section's inputs names the section (and the file); others pass through. */
function inputTypeError(sectionId: string, err: unknown, file?: string): unknown {
  const text = err instanceof Error ? err.message : String(err);
  if (!/Conversion Error|Could not convert/i.test(text)) return err;
  return new SectionsError('RUN_INPUT', `${sectionId}: an input value does not fit its declared type: ${text}`, {
    ...(file ? { location: { file } } : {}), hint: 'check the data files against the transform\'s input declarations',
  });
}

/**
 * A failure of the section's own SQL on this data (an error() it raises where the legacy code
 * fails, a value DuckDB cannot take): said with the section that raised it, which DuckDB's text
 * alone does not name among the procedure's sections.
 */
function transformError(sectionId: string, err: unknown): unknown {
  if (!(err instanceof EngineError) || err.code !== 'ENGINE_SQL') return err;
  return new SectionsError('RUN_TRANSFORM', `${sectionId}: its transform failed on this data: ${transformFailureText(err)}`, {
    hint: `an error() the transform raises stands for the legacy error it reproduces; run \`migrate test ${sectionId}\` to check the transform on its scenarios`,
  });
}
