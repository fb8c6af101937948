import { EngineError, MigrateError } from '../core';
import { DATETIME2_PATTERN } from './datetime2-text';
import { duckdbTypeOf, formatColumnType, isDuckdbTypeCompatible, requireColumnType, type ColumnType, type ColumnTypeText, type ValueOf } from './column-types';
import { quoteIdent, type EngineSession } from './session';
import { fromDuckdbJson, toDuckdbParam } from './transform-values';

/** Column declarations of a table: name -> type text (`{ DeviceId: 'int', CpuPct: 'double?' }`). */
export type TableShape = Readonly<Record<string, ColumnTypeText>>;

/** A declared table: the shape as written (for the types) and the parsed columns (for the runtime). */
export interface TableSchema<S extends TableShape = TableShape> {
  readonly kind: 'table-schema';
  readonly shape: S;
  readonly columns: readonly { readonly name: string; readonly type: ColumnType }[];
}

/** The row type a table declaration stands for; nullable columns admit null. */
export type RowOf<T> = T extends TableSchema<infer S> ? { -readonly [K in keyof S]: ValueOf<S[K]> } : never;

/** Typed values of declared parameters (`{ '@AsOf': 'date' }` -> `{ '@AsOf': string }`). */
export type ParamsOf<P extends TableShape> = { -readonly [K in keyof P]: ValueOf<P[K]> };

/** The rows of every input of a transform, typed by its declarations. */
export type InputsOf<I extends Readonly<Record<string, TableSchema>>> = { readonly [K in keyof I]: readonly RowOf<I[K]>[] };

/**
 * Declares a table's columns and types once; `RowOf<typeof t>` derives the row type from it, so
 * there is no hand-written interface to drift from the declaration.
 */
export function table<const S extends TableShape>(shape: S): TableSchema<S> {
  const columns = Object.entries(shape).map(([name, text]) => ({ name, type: requireColumnType(name, text) }));
  return { kind: 'table-schema', shape, columns };
}

/** What a transform's SQL builder gets: quoted input table names and parameter placeholders. */
export interface SqlContext<I extends Readonly<Record<string, TableSchema>>, P extends TableShape> {
  /** The quoted name of an input table as loaded in this session. */
  readonly table: (name: keyof I & string) => string;
  /** A placeholder bound to a declared parameter's value, cast to its declared type. */
  readonly param: (name: keyof P & string) => string;
  /** A placeholder bound to a constant (values never go into SQL text). */
  readonly value: (v: string | number | boolean | bigint | null) => string;
  /**
   * A placeholder bound to the run's clock, a TIMESTAMP: what the legacy code's GETDATE() and
   * SYSDATETIME() read. A scenario's `@clock:` (or `@recorded:`) tag pins it, `migrate run
   * --clock` too; otherwise it is the time the run started, in whole seconds.
   */
  readonly clock: () => string;
  /**
   * A placeholder bound to the run's clock in UTC, a TIMESTAMP: what SYSUTCDATETIME() and
   * GETUTCDATE() read (a load audit's `[Started UTC]`). The clock less the server's UTC offset,
   * which a scenario's `@recorded:`/`@clock:` tag or `migrate run --clock` writes after the time
   * (`2026-03-15T02:00:00+01:00`); without one the builder stops, naming where to give it (a
   * fixed `clock() - INTERVAL 1 HOUR` would be wrong for half the year).
   */
  readonly utcClock: () => string;
  /** Quotes an identifier. */
  readonly q: (identifier: string) => string;
}

/** A section re-implemented: typed inputs, typed output, and a set-based body. */
export interface Transform<I extends Readonly<Record<string, TableSchema>> = Readonly<Record<string, TableSchema>>, O extends TableSchema = TableSchema, P extends TableShape = TableShape> {
  readonly kind: 'transform';
  /** The section id, `<schema>.<proc>/<nn>-<slug>`. */
  readonly name: string;
  readonly inputs: I;
  /** The output table's name as the procedure knows it (`#Devices`, `dbo.DeviceKpi`). */
  readonly outputName: string;
  readonly output: O;
  readonly params: P;
  /** The entity column (per-entity cursor key) whose independence the tests check. */
  readonly entity?: string;
  /** The set-based body: one SELECT over the inputs producing the output's columns. */
  readonly sql?: (ctx: SqlContext<I, P>) => string;
  /** The escape hatch for logic SQL cannot express: TypeScript over rows. */
  readonly rows?: (inputs: InputsOf<I>, params: ParamsOf<P>) => RowOf<O>[];
  /**
   * More tables the section writes, by name as the procedure knows them: a MERGE's OUTPUT INTO
   * audit table, a loop that fills several tables. Each has its declared columns and its own
   * set-based SELECT over the same inputs and parameters; scenarios compare each Then table with
   * the output of its name, and `migrate run` writes them all.
   */
  readonly moreOutputs?: Readonly<Record<string, MoreOutput<I, P>>>;
  /**
   * Scalars the section leaves for later sections, by variable name as the procedure writes it
   * (`@BatchId`): what `SET @BatchId = SCOPE_IDENTITY()` or `SELECT @Total = SUM(Amount)` leaves.
   * Each has its declared type and a SELECT of one column and at most one row over the inputs,
   * parameters and the section's own outputs (`ctx.output()`); no row is NULL. Scenarios compare
   * `Then value @BatchId = 100` with it, and `migrate run` gives it to the later sections that
   * declare the parameter, as the legacy run does.
   */
  readonly values?: Readonly<Record<string, DeclaredValue<I, P>>>;
}

/** What a declared value's SQL builder gets: the SqlContext and the section's own outputs. */
export interface ValueSqlContext<I extends Readonly<Record<string, TableSchema>>, P extends TableShape> extends SqlContext<I, P> {
  /** The quoted name of a table the section wrote: its output (no name, or outputName), or one of its moreOutputs. */
  readonly output: (name?: string) => string;
}

/** One scalar a section leaves (see {@link Transform.values}). */
export interface DeclaredValue<I extends Readonly<Record<string, TableSchema>> = Readonly<Record<string, TableSchema>>, P extends TableShape = TableShape> {
  /** Its type as a column's is written (`int?`, `decimal(19,4)?`). */
  readonly type: ColumnTypeText;
  readonly sql: (ctx: ValueSqlContext<I, P>) => string;
}

/** One more table a section writes (see {@link Transform.moreOutputs}). */
export interface MoreOutput<I extends Readonly<Record<string, TableSchema>> = Readonly<Record<string, TableSchema>>, P extends TableShape = TableShape> {
  readonly output: TableSchema;
  readonly sql: (ctx: SqlContext<I, P>) => string;
}

/** Declares a transform; the generics carry the row types into `sql`/`rows` and the results. */
export function defineTransform<const I extends Readonly<Record<string, TableSchema>>, const O extends TableSchema, const P extends TableShape = Record<never, never>>(
  t: Omit<Transform<I, O, P>, 'kind' | 'params'> & { readonly params?: P },
): Transform<I, O, P> {
  if (!t.sql && !t.rows) {
    throw new EngineError('ENGINE_TRANSFORM', `transform ${t.name} has neither sql nor rows`, { hint: 'give it a set-based sql body (or rows for logic SQL cannot express)' });
  }
  return { ...t, params: (t.params ?? {}) as P, kind: 'transform' };
}

/** How a transform runs: `clock`, the legacy clock its SQL reads through `clock()` (`2000-01-01 00:00:00`). */
export interface RunOptions {
  readonly clock?: string;
  /** The server's UTC offset in minutes (`+01:00` is 60), for `utcClock()`; undefined when not given. */
  readonly utcOffsetMinutes?: number;
  /** Rows in the order the transform gives them (its ORDER BY), not sorted: for a result whose order is specified. */
  readonly keepOrder?: boolean;
}

// One clock for everything this process runs unpinned: the legacy code read one clock per statement,
// and a pipeline's sections should agree with each other.
let processClock: string | undefined;

/** The time this process first needed a clock, local, in whole seconds (`2026-12-04 04:30:00`). */
function startClock(): string {
  if (processClock === undefined) {
    const d = new Date();
    const two = (n: number): string => String(n).padStart(2, '0');
    processClock = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  }
  return processClock;
}

/** Thrown by the body of a scaffolded transform until someone implements it. */
export class NotImplementedError extends EngineError {}

/** The body of a scaffolded stub. `migrate status` counts a transform that still calls it as not implemented. */
export function notImplemented(section: string): never {
  throw new NotImplementedError('ENGINE_NOT_IMPLEMENTED', `not implemented: ${section}`, { hint: 'implement the transform so its section tests pass' });
}

let loadCounter = 0;

/** Creates a table with the declared columns and inserts `rows` (values as parameters). */
export async function loadRows(session: EngineSession, tableName: string, schema: TableSchema, rows: readonly Readonly<Record<string, unknown>>[]): Promise<void> {
  const cols = schema.columns;
  await session.run(`CREATE OR REPLACE TABLE ${quoteIdent(tableName)} (${cols.map((c) => `${quoteIdent(c.name)} ${duckdbTypeOf(c.type)}`).join(', ')})`);
  const batch = Math.max(1, Math.floor(1000 / Math.max(1, cols.length)));
  for (let start = 0; start < rows.length; start += batch) {
    const chunk = rows.slice(start, start + batch);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => `(${cols.map((c) => {
      params.push(toDuckdbParam(row[c.name]));
      return `CAST($${params.length} AS ${duckdbTypeOf(c.type)})`;
    }).join(', ')})`);
    await session.run(`INSERT INTO ${quoteIdent(tableName)} VALUES ${tuples.join(', ')}`, params);
  }
}

/** Reads a table back as typed rows, in the declared column order. */
export async function readRows<S extends TableSchema>(session: EngineSession, tableName: string, schema: S, orderBy = true): Promise<RowOf<S>[]> {
  const cols = schema.columns.map((c) => quoteIdent(c.name)).join(', ');
  const order = orderBy && schema.columns.length > 0 ? ` ORDER BY ${schema.columns.map((_, i) => `${i + 1}`).join(', ')}` : '';
  const reader = await session.connection.runAndReadAll(`SELECT ${cols} FROM ${quoteIdent(tableName)}${order}`);
  return reader.getRowObjectsJson().map((raw) => {
    const row: Record<string, unknown> = {};
    for (const c of schema.columns) row[c.name] = fromDuckdbJson(c.type, (raw as Record<string, unknown>)[c.name]);
    return row as RowOf<S>;
  });
}

/**
 * Runs a transform inside a session whose inputs are already tables (`tables` maps each input
 * to its table name) and materialises the output as `outputTable`. Then checks that the result
 * has exactly the declared columns, compatible types and no NULL where none is allowed; a
 * mismatch is an EngineError that lists every difference.
 */
export async function materializeTransform<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(
  session: EngineSession, t: Transform<I, O, P>, tables: { readonly [K in keyof I]: string }, params: ParamsOf<P>, outputTable: string, options: RunOptions = {},
): Promise<void> {
  if (t.sql) {
    await createFromSql(session, t, t.sql, tables, params, outputTable, options);
  } else if (t.rows) {
    const inputs: Record<string, unknown[]> = {};
    for (const [name, schema] of Object.entries(t.inputs)) inputs[name] = await readRows(session, tables[name as keyof I], schema, false);
    const out = t.rows(inputs as unknown as InputsOf<I>, params);
    await loadRows(session, outputTable, t.output, out as Record<string, unknown>[]);
  }
  await checkOutputSchema(session, t.name, t.outputName, t.output, outputTable);
}

/** Materialises each of the transform's {@link Transform.moreOutputs} as the table `outputTables` names for it, checked against its declaration. */
export async function materializeMoreOutputs<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(
  session: EngineSession, t: Transform<I, O, P>, tables: { readonly [K in keyof I]: string }, params: ParamsOf<P>, outputTables: Readonly<Record<string, string>>, options: RunOptions = {},
): Promise<void> {
  for (const [name, more] of Object.entries(t.moreOutputs ?? {})) {
    const table = outputTables[name] as string;
    await createFromSql(session, t, more.sql, tables, params, table, options);
    await checkOutputSchema(session, t.name, name, more.output, table);
  }
}

/** CREATE TABLE `outputTable` AS the SELECT `sql` writes, its placeholders bound as parameters. */
async function createFromSql<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(
  session: EngineSession, t: Transform<I, O, P>, sql: (ctx: SqlContext<I, P>) => string, tables: { readonly [K in keyof I]: string }, params: ParamsOf<P>, outputTable: string, options: RunOptions,
): Promise<void> {
  const { ctx, bound } = boundContext(t, tables, params, options);
  const body = userSql(t, 'sql', () => sql(ctx));
  await session.run(`CREATE OR REPLACE TABLE ${quoteIdent(outputTable)} AS ${body}`, bound.length > 0 ? bound : undefined);
}

/**
 * The SQL a transform's builder returns. The builder is the person's code: a mistake in it (a
 * ReferenceError, a TypeError) is theirs to fix and is named as the transform's, never shown as
 * an internal error of the tool; the tool's own errors (a stub's notImplemented, a wrong table
 * name) pass through as they are.
 */
function userSql(t: { readonly name: string }, what: string, build: () => string): string {
  try {
    return build();
  } catch (err) {
    if (err instanceof MigrateError) throw err;
    const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new EngineError('ENGINE_TRANSFORM_THREW', `transform ${t.name}: its ${what} builder threw ${why}`, { hint: 'fix the transform file (run with --debug for the stack trace)', cause: err });
  }
}

/** A SqlContext whose placeholders collect their values in `bound`, in order. */
function boundContext<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(
  t: Transform<I, O, P>, tables: { readonly [K in keyof I]: string }, params: ParamsOf<P>, options: RunOptions,
): { ctx: SqlContext<I, P>; bound: unknown[] } {
  const bound: unknown[] = [];
  const bind = (v: unknown, type?: ColumnType): string => {
    bound.push(toDuckdbParam(v));
    return type ? `CAST($${bound.length} AS ${duckdbTypeOf(type)})` : `$${bound.length}`;
  };
  // One placeholder per parameter (and one for the clock), however often the SQL reads it: DuckDB
  // matches a GROUP BY expression with the select list's only by its text, so
  // `date_diff('day', $1, d)` grouped and `date_diff('day', $2, d)` selected were two expressions
  // and the query failed to bind (a drafted GROUP BY DATEDIFF(WEEK, @Start, [Due Date]), mrp probe).
  const once = new Map<string, string>();
  const bindOnce = (key: string, make: () => string): string => {
    const known = once.get(key);
    if (known !== undefined) return known;
    const made = make();
    once.set(key, made);
    return made;
  };
  const ctx: SqlContext<I, P> = {
    table: (name) => {
      const n = tables[name];
      if (n === undefined) throw new EngineError('ENGINE_TRANSFORM', `transform ${t.name}: ${name} is not one of its inputs (${Object.keys(t.inputs).join(', ')})`);
      return quoteIdent(n);
    },
    param: (name) => {
      if (!(name in t.params)) throw new EngineError('ENGINE_TRANSFORM', `transform ${t.name}: ${name} is not a declared parameter`);
      return bindOnce(`param:${name}`, () => bind(params[name], requireColumnType(name, t.params[name] as string)));
    },
    value: (v) => bind(v),
    clock: () => bindOnce('clock', () => bind(options.clock ?? startClock(), requireColumnType('clock', 'timestamp'))),
    utcClock: () => {
      // Stops the query only where a row evaluates it: the legacy `IF @AsOf IS NULL SET @AsOf =
      // SYSUTCDATETIME()` never reads the clock when the caller gives @AsOf, nor should its transform.
      if (options.utcOffsetMinutes === undefined) {
        const why = `transform ${t.name} reads utcClock() (the legacy SYSUTCDATETIME() or GETUTCDATE()), but the server's UTC offset is not given: `
          + 'write it after the clock: the scenario\'s tag @clock:2026-03-15T02:00:00+01:00 (as `sections record --clock …+01:00` writes @recorded:), `migrate run --clock 2026-03-15T02:00:00+01:00`, or capture the baseline with such a --clock';
        return `CAST(error(${bind(why, requireColumnType('utc clock', 'text'))}) AS TIMESTAMP)`;
      }
      return `(${bind(options.clock ?? startClock(), requireColumnType('clock', 'timestamp'))} - to_minutes(${bind(options.utcOffsetMinutes, requireColumnType('utc offset', 'int'))}))`;
    },
    q: quoteIdent,
  };
  return { ctx, bound };
}

/** The key a declared value is found by: `@BatchId`, `BatchId` and `@batchid` are one variable. */
export function valueKey(name: string): string {
  return name.trim().replace(/^@/, '').toLowerCase();
}

/**
 * Computes each of the transform's {@link Transform.values} once its outputs are materialised
 * (`outputTables`: the table of its output under its outputName and of each moreOutput): one
 * column, at most one row (none is NULL), a type its declaration admits. Anything else is an
 * EngineError naming the value, never a value cut to fit.
 */
export async function computeDeclaredValues<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(
  session: EngineSession, t: Transform<I, O, P>, tables: { readonly [K in keyof I]: string }, params: ParamsOf<P>, outputTables: Readonly<Record<string, string>>, options: RunOptions = {},
): Promise<Map<string, { readonly name: string; readonly type: ColumnType; readonly value: unknown }>> {
  const out = new Map<string, { name: string; type: ColumnType; value: unknown }>();
  for (const [name, declared] of Object.entries(t.values ?? {})) {
    const type = requireColumnType(name, declared.type);
    const fail = (why: string): EngineError => new EngineError('ENGINE_VALUE', `transform ${t.name}: value ${name}: ${why}`, {
      hint: `its sql is one SELECT of one column and at most one row, of type ${formatColumnType(type)} (CAST where it differs)`,
    });
    const { ctx, bound } = boundContext(t, tables, params, options);
    const output = (wanted?: string): string => {
      const key = wanted === undefined ? t.outputName : Object.keys(outputTables).find((k) => k.toLowerCase() === wanted.toLowerCase());
      const table = key === undefined ? undefined : outputTables[key];
      if (table === undefined) throw fail(`${wanted ?? ''} is not a table the section writes (${Object.keys(outputTables).join(', ')})`);
      return quoteIdent(table);
    };
    const scratch = `__value${++loadCounter}`;
    try {
      await session.run(`CREATE OR REPLACE TABLE ${quoteIdent(scratch)} AS ${userSql(t, `value ${name}`, () => declared.sql({ ...ctx, output }))}`, bound.length > 0 ? bound : undefined);
      const described = await session.all(`DESCRIBE ${quoteIdent(scratch)}`);
      if (described.length !== 1) throw fail(`its SELECT returns ${described.length} columns`);
      const found = String(described[0]?.column_type);
      if (!isDuckdbTypeCompatible(type, found)) throw fail(`declared ${formatColumnType(type)} (${duckdbTypeOf(type)}), its SELECT gives ${found}`);
      const rows = await readRows(session, scratch, { kind: 'table-schema', shape: {}, columns: [{ name: String(described[0]?.column_name), type }] }, false);
      if (rows.length > 1) throw fail(`its SELECT returns ${rows.length} rows`);
      const value = rows.length === 0 ? null : Object.values(rows[0] as Record<string, unknown>)[0] ?? null;
      if (value === null && !type.nullable) throw fail(`it is NULL${rows.length === 0 ? ' (no row)' : ''} but declared ${formatColumnType(type)} (declare ${formatColumnType(type)}? to allow NULL)`);
      out.set(valueKey(name), { name, type, value });
    } finally {
      await session.run(`DROP TABLE IF EXISTS ${quoteIdent(scratch)}`);
    }
  }
  return out;
}

/**
 * The declared parameters a transform's SQL reads (its own and its moreOutputs' builders, run on
 * placeholders); undefined when that cannot be known without running it: a `rows` transform, or
 * a builder that throws (a stub not implemented yet). A parameter outside the set cannot change
 * what the transform returns.
 */
export function parametersRead<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(t: Transform<I, O, P>): ReadonlySet<string> | undefined {
  if (t.sql === undefined) return undefined;
  const read = new Set<string>();
  const ctx: SqlContext<I, P> = {
    table: (name) => quoteIdent(name), param: (name) => { read.add(name); return 'NULL'; }, value: () => 'NULL', clock: () => 'NULL', utcClock: () => 'NULL', q: quoteIdent,
  };
  try {
    t.sql(ctx);
    for (const more of Object.values(t.moreOutputs ?? {})) more.sql(ctx);
    for (const v of Object.values(t.values ?? {})) v.sql({ ...ctx, output: (name) => quoteIdent(name ?? t.outputName) });
  } catch {
    return undefined;
  }
  return read;
}

/** Compares a materialised output with its declaration; throws listing every difference. */
async function checkOutputSchema(session: EngineSession, name: string, outputName: string, output: TableSchema, outputTable: string): Promise<void> {
  const described = await session.all(`DESCRIBE ${quoteIdent(outputTable)}`);
  const actual = new Map(described.map((r) => [String(r.column_name), String(r.column_type)]));
  const problems: string[] = [];
  for (const c of output.columns) {
    const found = actual.get(c.name);
    if (found === undefined) problems.push(`missing column ${c.name} (${formatColumnType(c.type)})`);
    else if (!isDuckdbTypeCompatible(c.type, found)) problems.push(`column ${c.name}: expected ${formatColumnType(c.type)} (${duckdbTypeOf(c.type)}), found ${found}${c.type.base === 'datetime2' ? ' (datetime2Sql(expr) writes a date or timestamp as datetime2 text)' : ''}`);
  }
  const declared = new Set(output.columns.map((c) => c.name));
  for (const name of actual.keys()) if (!declared.has(name)) problems.push(`unexpected column ${name} (${actual.get(name)})`);
  if (problems.length === 0) {
    // a datetime2 column is VARCHAR: only its canonical text compares exactly with a spec's
    // values and a baseline's, so any other text is a wrong result, not a different spelling
    const texts = output.columns.filter((c) => c.type.base === 'datetime2');
    if (texts.length > 0) {
      const bad = await session.all(`SELECT ${texts.map((c, i) => `count(*) FILTER (WHERE NOT regexp_full_match(${quoteIdent(c.name)}, '${DATETIME2_PATTERN}')) AS n${i}, min(${quoteIdent(c.name)}) FILTER (WHERE NOT regexp_full_match(${quoteIdent(c.name)}, '${DATETIME2_PATTERN}')) AS v${i}`).join(', ')} FROM ${quoteIdent(outputTable)}`);
      texts.forEach((c, i) => {
        const n = Number(bad[0]?.[`n${i}`] ?? 0);
        if (n > 0) problems.push(`column ${c.name} (datetime2): ${n} row(s) are not datetime2 text YYYY-MM-DD hh:mm:ss.fffffff, e.g. '${String(bad[0]?.[`v${i}`])}' (datetime2Sql(expr) writes a date or timestamp as datetime2 text)`);
      });
    }
    const notNull = output.columns.filter((c) => !c.type.nullable);
    if (notNull.length > 0) {
      const counts = await session.all(`SELECT ${notNull.map((c, i) => `count(*) FILTER (WHERE ${quoteIdent(c.name)} IS NULL) AS n${i}`).join(', ')} FROM ${quoteIdent(outputTable)}`);
      notNull.forEach((c, i) => {
        const n = Number(counts[0]?.[`n${i}`] ?? 0);
        if (n > 0) problems.push(`column ${c.name} is declared not nullable but ${n} row(s) have NULL (declare ${formatColumnType(c.type)}? or fix the SQL)`);
      });
    }
  }
  if (problems.length > 0) {
    throw new EngineError('ENGINE_OUTPUT_SCHEMA', `transform ${name}: its result does not match the declared output ${outputName}:\n  - ${problems.join('\n  - ')}`, {
      hint: 'make the SELECT return exactly the declared columns (CAST where a type differs), or change the declaration',
    });
  }
}

/**
 * Runs a transform on rows in memory: loads each input into its own table, runs the body,
 * checks the output and returns it as typed rows (sorted on all columns, so tests compare
 * deterministically). This is what section tests call.
 */
export async function runTransform<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(
  session: EngineSession, t: Transform<I, O, P>, inputs: InputsOf<I>, params: ParamsOf<P> = {} as ParamsOf<P>, options: RunOptions = {},
): Promise<RowOf<O>[]> {
  return (await runTransformOutputs(session, { ...t, moreOutputs: undefined }, inputs, params, options))[0]?.rows as RowOf<O>[];
}

/** One table a transform produced, with its declared columns (see {@link runTransformOutputs}). */
export interface ProducedOutput {
  readonly name: string;
  readonly schema: TableSchema;
  readonly rows: Record<string, unknown>[];
}

/**
 * {@link runTransform} for every table the transform writes: its output first, then its
 * {@link Transform.moreOutputs} in declaration order, each read back as typed rows.
 */
export async function runTransformOutputs<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(
  session: EngineSession, t: Transform<I, O, P>, inputs: InputsOf<I>, params: ParamsOf<P> = {} as ParamsOf<P>, options: RunOptions = {},
): Promise<ProducedOutput[]> {
  return (await runTransformResult(session, { ...t, values: undefined }, inputs, params, options)).outputs;
}

/** Everything one run of a transform gives: its tables and its declared values (by {@link valueKey}). */
export interface TransformResult {
  readonly outputs: ProducedOutput[];
  readonly values: ReadonlyMap<string, { readonly name: string; readonly type: ColumnType; readonly value: unknown }>;
}

/** {@link runTransformOutputs}, and the transform's {@link Transform.values} computed on what it wrote. */
export async function runTransformResult<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(
  session: EngineSession, t: Transform<I, O, P>, inputs: InputsOf<I>, params: ParamsOf<P> = {} as ParamsOf<P>, options: RunOptions = {},
): Promise<TransformResult> {
  const run = ++loadCounter;
  const tables: Record<string, string> = {};
  for (const [name, schema] of Object.entries(t.inputs)) {
    tables[name] = `__in${run}_${name}`;
    await loadRows(session, tables[name] as string, schema, (inputs[name as keyof I] ?? []) as readonly Record<string, unknown>[]);
  }
  const more = Object.entries(t.moreOutputs ?? {});
  const outs = [`__out${run}`, ...more.map((_, i) => `__out${run}_${i + 1}`)];
  try {
    const moreTables = Object.fromEntries(more.map(([name], i) => [name, outs[i + 1] as string]));
    await materializeTransform(session, t, tables as { [K in keyof I]: string }, params, outs[0] as string, options);
    await materializeMoreOutputs(session, t, tables as { [K in keyof I]: string }, params, moreTables, options);
    const values = await computeDeclaredValues(session, t, tables as { [K in keyof I]: string }, params, { [t.outputName]: outs[0] as string, ...moreTables }, options);
    // CREATE TABLE … AS keeps the query's order (DuckDB preserves insertion order), which a plain scan returns
    const declared: [string, TableSchema][] = [[t.outputName, t.output], ...more.map(([name, m]): [string, TableSchema] => [name, m.output])];
    const produced: ProducedOutput[] = [];
    for (const [i, [name, schema]] of declared.entries()) produced.push({ name, schema, rows: await readRows(session, outs[i] as string, schema, options.keepOrder !== true) as Record<string, unknown>[] });
    return { outputs: produced, values };
  } finally {
    for (const n of [...Object.values(tables), ...outs]) await session.run(`DROP TABLE IF EXISTS ${quoteIdent(n)}`);
  }
}
