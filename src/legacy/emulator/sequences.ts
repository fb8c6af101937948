import { findAll, type CreateOther, type Expression, type NextValueFor, type Node, type Statement } from '../../tsql';
import { objectKey } from './catalog';
import { noteOrderDependentValues, noteUnorderedColumn } from './reproducibility/taint-sources';
import { quote, translateWindow, type SqlFragment, type SqlTranslator } from './expressions';
import type { SqlScope } from './sql-scope';
import { noteSyntheticWindow } from './reproducibility/window-ties';
import { checkedWindowOrder } from './order-and-window';
import type { EmulatorState, TableInfo } from './state';
import { carryOnReplace } from './tables/table-replacement';
import { INTEGER_TYPE_BOUNDS, makeType, toDuckType } from './tsql-types';

/** A sequence as created in DuckDB: its name there and its T-SQL type, or why it is refused. */
type Created = { readonly duckName: string; readonly duckType: string; readonly increment: bigint; readonly cycle: boolean; readonly min: bigint; readonly max: bigint } | { readonly problem: string };

const created = new WeakMap<EmulatorState, Map<string, Created>>();
/** DuckDB sequence name -> the name SQL Server's messages use (the sequence's own name). */
const written = new Map<string, string>();


/** The options of CREATE SEQUENCE, with SQL Server's defaults filled in. */
export interface SequenceSpec {
  readonly type: string;
  readonly start: bigint;
  readonly increment: bigint;
  readonly min: bigint;
  readonly max: bigint;
  readonly cycle: boolean;
}

/**
 * Reads `AS type START WITH n INCREMENT BY n MINVALUE n | NO MINVALUE … [NO] CYCLE [NO] CACHE`
 * with SQL Server's defaults: type bigint, increment 1, minimum and maximum those of the type,
 * start at the minimum (ascending) or maximum (descending), no cycle. A decimal type of
 * scale 0 up to 18 digits is allowed; anything else is a problem (returned as text).
 */
export function parseSequenceSpec(text: string): SequenceSpec | string {
  const src = text.replace(/;\s*$/, '');
  const num = (re: RegExp): bigint | undefined => {
    const m = re.exec(src);
    return m === null ? undefined : BigInt(m[1] as string);
  };
  const typeMatch = /\bAS\s+(?:\[?(?:sys|dbo)\]?\.)?\[?(\w+)\]?\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?/i.exec(src);
  const typeName = (typeMatch?.[1] ?? 'bigint').toLowerCase();
  let range = INTEGER_TYPE_BOUNDS[typeName];
  if (typeName === 'decimal' || typeName === 'numeric') {
    const p = Number(typeMatch?.[2] ?? 18);
    if (Number(typeMatch?.[3] ?? 0) !== 0 || p > 18) return `a sequence AS ${typeName}(${p}, ${typeMatch?.[3] ?? 0}) (the emulator holds sequences up to 18 digits, scale 0)`;
    const lim = 10n ** BigInt(p) - 1n;
    range = [-lim, lim];
  }
  if (range === undefined) return `a sequence AS ${typeName}`;
  const increment = num(/\bINCREMENT\s+BY\s+([-+]?\d+)/i) ?? 1n;
  if (increment === 0n) return 'a sequence with INCREMENT BY 0 (SQL Server refuses it)';
  const min = /\bNO\s+MINVALUE\b/i.test(src) ? range[0] : num(/(?<!NO\s+)\bMINVALUE\s+([-+]?\d+)/i) ?? range[0];
  const max = /\bNO\s+MAXVALUE\b/i.test(src) ? range[1] : num(/(?<!NO\s+)\bMAXVALUE\s+([-+]?\d+)/i) ?? range[1];
  const start = num(/\bSTART\s+WITH\s+([-+]?\d+)/i) ?? (increment > 0n ? min : max);
  const cycle = /(?<!NO\s+)\bCYCLE\b/i.test(src);
  if (min > max || start < min || start > max) return 'a sequence whose START WITH lies outside MINVALUE … MAXVALUE (SQL Server refuses it)';
  return { type: typeName === 'numeric' ? 'decimal' : typeName, start, increment, min, max, cycle };
}

/**
 * An `ALTER SEQUENCE` of the scripts applied to the options in effect, on a sequence nothing has
 * drawn from yet (the scripts set up the database before the procedure runs):
 * `RESTART WITH n` makes n the next value, `RESTART` alone the CREATE's START WITH (SQL Server's
 * rule), `INCREMENT BY`, `[NO] MINVALUE`, `[NO] MAXVALUE` and `[NO] CYCLE` replace theirs, `CACHE`
 * changes nothing the emulator shows. The type cannot change. Returns the new options (with
 * `firstUnknown` when a new increment came without RESTART: which value a sequence never drawn
 * from gives first after that is not documented, so `RESTART WITH`, or `migrate capture
 * --sequence`, must state it), or a problem: a next value outside the new range (SQL Server
 * fails the ALTER).
 */
export function applySequenceAlter(spec: SequenceSpec, created: SequenceSpec, text: string): { readonly spec: SequenceSpec; readonly firstUnknown: boolean } | string {
  const src = text.replace(/;\s*$/, '');
  const num = (re: RegExp): bigint | undefined => {
    const m = re.exec(src);
    return m === null ? undefined : BigInt(m[1] as string);
  };
  const range = INTEGER_TYPE_BOUNDS[spec.type] ?? [spec.min, spec.max];
  const restart = /\bRESTART\b/i.test(src) ? num(/\bRESTART\s+WITH\s+([-+]?\d+)/i) ?? created.start : undefined;
  const increment = num(/\bINCREMENT\s+BY\s+([-+]?\d+)/i);
  if (increment === 0n) return 'ALTER SEQUENCE … INCREMENT BY 0 (SQL Server refuses it)';
  const min = /\bNO\s+MINVALUE\b/i.test(src) ? range[0] : num(/(?<!NO\s+)\bMINVALUE\s+([-+]?\d+)/i) ?? spec.min;
  const max = /\bNO\s+MAXVALUE\b/i.test(src) ? range[1] : num(/(?<!NO\s+)\bMAXVALUE\s+([-+]?\d+)/i) ?? spec.max;
  const cycle = /\bNO\s+CYCLE\b/i.test(src) ? false : /\bCYCLE\b/i.test(src) ? true : spec.cycle;
  const start = restart ?? spec.start;
  if (min > max || start < min || start > max || min < range[0] || max > range[1]) return 'an ALTER SEQUENCE whose next value lies outside MINVALUE … MAXVALUE (SQL Server refuses it)';
  return { spec: { ...spec, start, increment: increment ?? spec.increment, min, max, cycle }, firstUnknown: increment !== undefined && increment !== spec.increment && restart === undefined };
}

/**
 * The options of each sequence as the scripts leave it: its CREATE, then every later ALTER
 * SEQUENCE in load order, then the next value the run was told (`next`, by sequence key:
 * migrate capture --sequence, the database's state the scripts cannot know). A problem
 * (text) makes NEXT VALUE FOR of that sequence refused, naming where it arose.
 */
export function sequencesInEffect(state: EmulatorState, next: ReadonlyMap<string, bigint> = new Map()): Map<string, SequenceSpec | string> {
  const out = new Map<string, SequenceSpec | string>();
  for (const [key, { definition }] of state.catalog.sequences) {
    const created = parseSequenceSpec(definition.text);
    if (typeof created === 'string') { out.set(key, created); continue; }
    let spec: SequenceSpec | string = created;
    /** Where the first value became unknown (an INCREMENT BY without RESTART), until a RESTART states it again. */
    let unknownAt: string | undefined;
    for (const alter of state.catalog.sequenceAlters.get(key) ?? []) {
      const place = `${alter.script.file ?? ''}:${alter.definition.span.start.line}:${alter.definition.span.start.column}`;
      if (alter.before) { spec = `the ALTER SEQUENCE at ${place} comes before its CREATE SEQUENCE in the order the scripts load (SQL Server would have failed it)`; break; }
      const altered = applySequenceAlter(spec, created, alter.definition.text);
      if (typeof altered === 'string') { spec = `${altered} at ${place}`; break; }
      spec = altered.spec;
      if (altered.firstUnknown) unknownAt = place;
      else if (/\bRESTART\b/i.test(alter.definition.text)) unknownAt = undefined;
    }
    const given = next.get(key);
    if (typeof spec !== 'string' && given !== undefined) {
      spec = given < spec.min || given > spec.max ? `--sequence gives ${given}, outside its MINVALUE … MAXVALUE (${spec.min} … ${spec.max})` : { ...spec, start: given };
    } else if (typeof spec !== 'string' && unknownAt !== undefined) {
      spec = `the ALTER SEQUENCE … INCREMENT BY without RESTART WITH at ${unknownAt} (the first value a sequence never drawn from gives after it is not documented; state it with RESTART WITH, or with migrate capture --sequence)`;
    }
    out.set(key, spec);
  }
  return out;
}

/**
 * Creates a DuckDB sequence for every CREATE SEQUENCE of the scripts, with the ALTERs that
 * follow it and the next values the run was given (sequencesInEffect). DuckDB's sequences
 * step, stop and cycle like SQL Server's (a cycle restarts at the minimum, or the maximum when
 * descending). A sequence the emulator cannot hold is refused only where NEXT VALUE FOR uses it.
 */
export async function createSequences(state: EmulatorState, next?: ReadonlyMap<string, bigint>): Promise<void> {
  const map = new Map<string, Created>();
  created.set(state, map);
  for (const [key, spec] of sequencesInEffect(state, next)) {
    const { definition } = state.catalog.sequences.get(key) as { definition: CreateOther };
    if (typeof spec === 'string') { map.set(key, { problem: spec }); continue; }
    const duckName = `__tsql_seq_${key.replace(/[^a-z0-9_]/gi, '_')}_${state.tempCounter++}`;
    await state.session.run(`CREATE SEQUENCE ${quote(duckName)} START ${spec.start} INCREMENT ${spec.increment} MINVALUE ${spec.min} MAXVALUE ${spec.max}${spec.cycle ? ' CYCLE' : ' NO CYCLE'}`);
    const type = spec.type === 'decimal' ? 'BIGINT' : toDuckType(makeType(spec.type, []));
    map.set(key, { duckName, duckType: type, increment: spec.increment, cycle: spec.cycle, min: spec.min, max: spec.max });
    written.set(duckName, definition.name.parts[definition.name.parts.length - 1]?.name ?? key);
  }
}

/** The DuckDB sequence behind a sequence key (or why it is refused; undefined when no script creates it). */
export function createdSequence(state: EmulatorState, key: string): Created | undefined {
  return created.get(state)?.get(key);
}

/**
 * `NEXT VALUE FOR seq`: the next value of the sequence, once per row where it is used (a
 * column DEFAULT, INSERT … SELECT, UPDATE SET), in the sequence's type. With `OVER (ORDER BY …)`
 * SQL Server gives the rows their values in that order: the statement draws one value per row
 * (nextval under a window aggregate), and the k-th row in the order takes the first of them plus
 * k - 1 increments, the values a draw in that order would give. Ties of the ORDER BY are broken
 * as ROW_NUMBER()'s are (window-ties.ts), so capture's order check lists what depends on them.
 */
export function translateNextValue(t: SqlTranslator, e: NextValueFor, scope: SqlScope): SqlFragment {
  const key = objectKey(e.sequence.parts);
  const written = e.sequence.parts.map((p) => p.name).join('.');
  const seq = created.get(t.state)?.get(key);
  if (seq === undefined) throw t.state.unsupported(e, `NEXT VALUE FOR ${written} (no CREATE SEQUENCE for it in the loaded scripts)`);
  if ('problem' in seq) throw t.state.unsupported(e, `NEXT VALUE FOR ${written}: ${seq.problem}`);
  if (repeated.has(e)) throw t.state.unsupported(e, `NEXT VALUE FOR ${written} a second time in one statement (SQL Server gives every reference to one sequence the same value within a row; the emulator would draw another)`);
  const draw = `nextval('${seq.duckName}')`;
  if (e.over === undefined) return { sql: `CAST(${draw} AS ${seq.duckType})`, family: 'integer', duckType: seq.duckType };
  if (e.over.partitionBy.length > 0 || e.over.orderBy.length === 0 || e.over.frame !== undefined) throw t.state.unsupported(e, 'NEXT VALUE FOR … OVER without exactly an ORDER BY (SQL Server allows neither PARTITION BY nor a frame)');
  // A cycling sequence may wrap inside the statement, where the first value drawn is no longer the smallest.
  if (seq.cycle) throw t.state.unsupported(e, `NEXT VALUE FOR ${written} OVER (ORDER BY …) of a CYCLE sequence`);
  const first = `${seq.increment > 0n ? 'min' : 'max'}(${draw}) OVER ()`;
  noteSyntheticWindow(e.over, `rows with equal ORDER BY values of NEXT VALUE FOR ${written} OVER`);
  // The values follow the ORDER BY: stopped where it meets two texts of uncertain order (text-order-doubt.ts).
  return checkedWindowOrder(e, {
    sql: `CAST(${first} + (ROW_NUMBER() ${translateWindow(t, e.over, scope, 'ROW_NUMBER')} - 1) * (${seq.increment}) AS ${seq.duckType})`,
    family: 'integer', duckType: seq.duckType,
  });
}

/** The NEXT VALUE FOR nodes that repeat a sequence an earlier one in their statement draws (refused). */
const repeated = new WeakSet<NextValueFor>();
/** Statements already looked at by refuseRepeatedDraws, and the statement each run is in. */
const looked = new WeakSet<Statement>();
const runningStatement = new WeakMap<EmulatorState, Statement>();

/** The statement kinds whose expressions are one statement's (compound statements hold others). */
const SIMPLE = new Set<Statement['kind']>(['Select', 'Insert', 'Update', 'Delete', 'Merge', 'SetVariable', 'Declare', 'Return', 'Execute', 'Print']);

/**
 * Before statement `s` runs: SQL Server gives every NEXT VALUE FOR of one sequence in a
 * statement the same value within a row (and a column DEFAULT drawing it too), where DuckDB's
 * nextval would draw once per reference. The second reference is marked, and refused when
 * translated; noteDefaultDraw checks the defaults an INSERT fires.
 */
export function noteStatementDraws(state: EmulatorState, s: Statement): void {
  // Every statement passes here: a run whose scripts create no sequence has nothing to note.
  if ((created.get(state)?.size ?? 0) === 0) return;
  runningStatement.set(state, s);
  if (looked.has(s)) return;
  looked.add(s);
  if (!SIMPLE.has(s.kind)) return;
  const seen = new Set<string>();
  for (const n of findAll(s, 'NextValueFor')) {
    const key = objectKey(n.sequence.parts);
    if (seen.has(key)) repeated.add(n);
    seen.add(key);
  }
}

/**
 * SQL Server's error 11728 for DuckDB's "reached maximum/minimum value of sequence" (a NO CYCLE
 * sequence used up), so a CATCH block sees what SQL Server would raise.
 */
export function sequenceExhausted(text: string): { number: number; message: string } | undefined {
  const m = /reached (?:maximum|minimum) value of sequence "([^"]+)"/.exec(text);
  if (m === null) return undefined;
  const name = written.get(m[1] ?? '') ?? m[1] ?? '';
  return { number: 11728, message: `The sequence object '${name}' has reached its minimum or maximum value. Restart the sequence object to allow new values to be generated.` };
}

/**
 * `SELECT NEXT VALUE FOR s … ORDER BY …` (also under INSERT): SQL Server does not compile it
 * (error 11723: NEXT VALUE FOR cannot be used directly in a statement that contains an ORDER BY
 * clause unless the OVER clause is specified), so no value the emulator drew would be SQL Server's.
 */
function refuseOrderedDraw(state: EmulatorState, s: Statement): void {
  const select = s.kind === 'Select' ? s : s.kind === 'Insert' && s.source.kind === 'Select' ? s.source : undefined;
  if (select === undefined || select.orderBy.length === 0) return;
  const draw = findAll(select, 'NextValueFor').find((n) => n.over === undefined);
  if (draw !== undefined) throw state.unsupported(draw, 'NEXT VALUE FOR in a statement with ORDER BY and without OVER (ORDER BY …) (SQL Server raises error 11723)');
}

/** Whether a statement draws sequence values row by row (computed once per statement node). */
const drawing = new WeakMap<Statement, boolean>();

/** Tables (permanent, #temp or table variables) with a column DEFAULT that draws a sequence value: column (lower case) -> the sequences it draws. */
const drawingDefaults = new WeakMap<TableInfo, ReadonlyMap<string, readonly DrawnSequence[]>>();
/** Per run: the statement running now inserted into such a table (see noteDefaultDraw). */
const insertedWithDraw = new WeakSet<EmulatorState>();
/**
 * Per run: where the running statement's drawing DEFAULTs fired: the tables its `OUTPUT … INTO`
 * inserted into, with the drawing columns it left out, and whether any fired elsewhere (its own
 * target). A change log numbered by its DEFAULT takes one value per output row in the plan's
 * order: only that column depends on the order, as with an identity column.
 */
const drawSites = new WeakMap<EmulatorState, { output: { info: TableInfo; columns: string[] }[]; other: boolean }>();

carryOnReplace((_state, from, to) => { const d = drawingDefaults.get(from); if (d !== undefined) drawingDefaults.set(to, d); });

/** createTable's note: column DEFAULTs of `info` draw sequence values (NEXT VALUE FOR): column (lower case) -> sequence keys. */
export function markSequenceDefault(info: TableInfo, draws: ReadonlyMap<string, readonly DrawnSequence[]>): void {
  drawingDefaults.set(info, draws);
}

/** A sequence a DEFAULT draws: its key, and its name as the DEFAULT writes it (for messages). */
export interface DrawnSequence {
  readonly key: string;
  readonly name: string;
}

/** The sequences a DEFAULT expression draws values of. */
export function sequencesDrawn(expression: Expression): DrawnSequence[] {
  return findAll(expression, 'NextValueFor').map((n) => ({ key: objectKey(n.sequence.parts), name: n.sequence.parts.map((p) => p.name).join('.') }));
}

/**
 * A write into `info` (noteTargetWrite's): an insert into a table whose DEFAULT draws a sequence.
 * The defaults the running INSERT or MERGE fires give one value per row with every other draw of
 * their sequence in the statement (SQL Server's rule); the emulator would draw once each, so two
 * such draws of one sequence are refused at the write.
 */
export function noteDefaultDraw(state: EmulatorState, target: Pick<Node, 'span'>, info: TableInfo, events: readonly string[]): void {
  const draws = drawingDefaults.get(info);
  if (!events.includes('INSERT') || draws === undefined) return;
  const s = runningStatement.get(state);
  const { into, given } = columnsGiven(s, target, info);
  // only a DEFAULT of a column the INSERT leaves out fires (an explicit OrderID draws nothing);
  // when that cannot be told, the statement counts as drawing
  if (given === undefined || [...draws.keys()].some((column) => !given.has(column))) {
    insertedWithDraw.add(state);
    const site = drawSites.get(state) ?? { output: [], other: false };
    if (into && given !== undefined) site.output.push({ info, columns: [...draws.keys()].filter((column) => !given.has(column)) });
    else site.other = true;
    drawSites.set(state, site);
  }
  if (s === undefined || given === undefined) return;
  const explicit = new Set(findAll(s, 'NextValueFor').map((n) => objectKey(n.sequence.parts)));
  const fired = new Set<string>();
  for (const [column, sequences] of draws) {
    if (given.has(column)) continue;
    for (const q of sequences) {
      if (fired.has(q.key) || explicit.has(q.key)) throw state.unsupported(target, `an INSERT where the DEFAULT of ${info.columns.find((c) => c.name.toLowerCase() === column)?.name ?? column} draws the sequence ${q.name} that another DEFAULT or the statement draws too (SQL Server gives them one value per row; the emulator would draw each)`);
      fired.add(q.key);
    }
  }
}

/**
 * Runs the statements of a trigger inside the statement that fired it (trigger-run.ts): what is
 * noted of the firing statement (the statement running, whether its INSERT fired a drawing
 * DEFAULT) is kept aside meanwhile, so noteSequenceRows still judges that statement's rows after.
 */
export async function withNestedStatements<T>(state: EmulatorState, run: () => Promise<T>): Promise<T> {
  const statement = runningStatement.get(state);
  const drew = insertedWithDraw.delete(state);
  const sites = drawSites.get(state);
  drawSites.delete(state);
  try {
    return await run();
  } finally {
    if (statement === undefined) runningStatement.delete(state);
    else runningStatement.set(state, statement);
    if (drew) insertedWithDraw.add(state);
    else insertedWithDraw.delete(state);
    if (sites === undefined) drawSites.delete(state);
    else drawSites.set(state, sites);
  }
}

/**
 * The columns (lower case) the INSERT or MERGE `s` gives values in `info` (`target`: its
 * target, or its `OUTPUT … INTO` table, `into`): a DEFAULT of any other column fires. `given` is
 * undefined when that cannot be told (every DEFAULT may fire).
 */
export function columnsGiven(s: Statement | undefined, target: Pick<Node, 'span'>, info: TableInfo): { readonly into: boolean; readonly given: Set<string> | undefined } {
  const into = s !== undefined && 'output' in s && s.output?.into !== undefined && s.output.into === target;
  return { into, given: s === undefined ? undefined : into ? outputColumns(s, info) : explicitColumns(s, info) };
}

/** The columns (lower case) `OUTPUT … INTO info (…)` gives values: its list, or without one every column. */
function outputColumns(s: Statement, info: TableInfo): Set<string> | undefined {
  const output = 'output' in s ? s.output : undefined;
  if (output === undefined) return undefined;
  return new Set((output.intoColumns.length === 0 ? info.columns : output.intoColumns).map((c) => c.name.toLowerCase()));
}

/** The columns (lower case) an INSERT or MERGE … INSERT into `info` gives values, or undefined when it cannot tell. */
function explicitColumns(s: Statement, info: TableInfo): Set<string> | undefined {
  const lower = (ids: readonly { readonly name: string }[]): Set<string> => new Set(ids.map((c) => c.name.toLowerCase()));
  // Without a column list every column takes a value from the statement: no DEFAULT fires.
  const listed = (ids: readonly { readonly name: string }[]): Set<string> => lower(ids.length === 0 ? info.columns : ids);
  if (s.kind === 'Insert') {
    if (s.source.kind === 'DefaultValues') return new Set();
    // A DEFAULT keyword among the VALUES (rare) counts as a list of none: every DEFAULT may fire.
    const defaults = s.source.kind === 'ValuesSource' && s.source.rows.some((r) => r.some((x) => x.kind === 'Literal' && x.literalType === 'default'));
    return defaults ? new Set() : listed(s.columns);
  }
  if (s.kind === 'Merge') {
    const insert = s.whens.map((w) => w.action).find((a) => a.kind === 'MergeInsert');
    if (insert === undefined) return undefined;
    return insert.defaultValues ? new Set() : listed(insert.columns);
  }
  return undefined;
}

/**
 * After statement `s` changed or returned `rows` rows: when it drew sequence values for each of
 * several rows (NEXT VALUE FOR without OVER (ORDER BY …), or an INSERT/MERGE into a table,
 * permanent, #temp or variable, whose column DEFAULT draws one), SQL Server gives the values in
 * the order its plan yields the rows, which the language leaves open: what it wrote is listed as
 * non-reproducible, with the cause.
 */
export function noteSequenceRows(state: EmulatorState, s: Statement, rows: number): void {
  const defaultDrew = insertedWithDraw.delete(state);
  const sites = drawSites.get(state);
  drawSites.delete(state);
  refuseOrderedDraw(state, s);
  if (rows <= 1 || created.get(state) === undefined) return;
  let draws = drawing.get(s);
  if (draws === undefined) {
    // OVER (ORDER BY …) orders its draws (translateNextValue); the others come in the plan's order.
    draws = (s.kind === 'Insert' || s.kind === 'Select' || s.kind === 'Update' || s.kind === 'Merge') && findAll(s, 'NextValueFor').some((n) => n.over === undefined);
    drawing.set(s, draws);
  }
  // An INSERT … SELECT drawing into one column (noteInsertedSequenceColumn) taints that column alone.
  if (draws && !defaultDrew && drawnIntoColumn.has(s)) return;
  const cause = `sequence values drawn for ${rows} rows by the statement at ${state.place(s.span)} (SQL Server draws them in the order its plan yields the rows)`;
  // drawn by the DEFAULT of an OUTPUT … INTO table alone: that column is listed, the rest is SQL Server's
  if (!draws && defaultDrew && sites !== undefined && !sites.other && sites.output.length > 0) {
    for (const { info, columns } of sites.output) {
      for (const column of columns) noteUnorderedColumn(state, info, info.columns.find((c) => c.name.toLowerCase() === column)?.name ?? column, cause);
    }
    return;
  }
  // an UPDATE or DELETE draws only through its OUTPUT … INTO, whose rows the above lists
  if (draws || (defaultDrew && (s.kind === 'Insert' || s.kind === 'Merge' || s.kind === 'Update' || s.kind === 'Delete'))) {
    noteOrderDependentValues(state, cause);
  }
}

/** INSERT … SELECT statements whose sequence draws noteInsertedSequenceColumn tied to one column. */
const drawnIntoColumn = new WeakSet<Statement>();

/**
 * After `ins` inserted several rows into `info`: where its only NEXT VALUE FOR (without OVER) is a
 * whole select item of a plain SELECT naming its target column in the INSERT's column list
 * (`INSERT dbo.PriceChange (ChangeId, …) SELECT NEXT VALUE FOR dbo.seq_PriceChange, …`), SQL
 * Server's plan order decides which row gets which value, nothing else: that column alone is
 * listed as not reproducible, as an identity column is. Anything else (an OUTPUT, a trigger, TOP,
 * a UNION, `*`, a draw inside an expression or of a DEFAULT) leaves noteSequenceRows' whole-statement taint.
 */
export function noteInsertedSequenceColumn(state: EmulatorState, ins: Statement, info: TableInfo, fired: boolean): void {
  if (ins.kind !== 'Insert' || state.rowCount <= 1 || fired || ins.output !== undefined || ins.top !== undefined) return;
  if (ins.source.kind !== 'Select' || ins.source.body.kind !== 'QuerySpec' || ins.columns.length === 0) return;
  const items = ins.source.body.items;
  const draws = findAll(ins, 'NextValueFor').filter((n) => n.over === undefined);
  if (draws.length !== 1 || items.length !== ins.columns.length) return;
  const at = items.findIndex((i) => i.kind === 'SelectItem' && i.expression === draws[0]);
  const column = ins.columns[at]?.name;
  if (column === undefined || items.some((i) => i.kind !== 'SelectItem' || i.expression.kind === 'Star')) return;
  const declared = info.columns.find((c) => c.name.toLowerCase() === column.toLowerCase())?.name ?? column;
  drawnIntoColumn.add(ins);
  noteUnorderedColumn(state, info, declared, `sequence values drawn for ${state.rowCount} rows into ${declared} by the statement at ${state.place(ins.span)} (SQL Server draws them in the order its plan yields the rows)`);
}
