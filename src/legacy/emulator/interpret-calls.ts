import type { CreateFunction, Expression, FunctionCall, Node, Return, Statement, TableFunctionRef } from '../../tsql';
import { walk } from '../../tsql';
import { objectKey, type Defined } from './catalog';
import { declaredType } from './declared-types';
import { convertSql, quote, SqlTranslator } from './expressions';
import { assignText, evalScalar, runSql } from './runtime';
import { SqlScope } from './sql-scope';
import { TsqlRuntimeError, type EmulatorState, type Flow, type Frame, type TableInfo } from './state';
import { createTable } from './tables/tables';
import { toDuckType, type TsqlType } from './tsql-types';
import { MAX_NESTING } from './user-functions';
import { restartCursorWatch } from './cursors/cursor-changes';
import { noteAnyWrite } from './tables/table-versions';
import { gatherPerRowCall, perRowApplyCalls } from './per-row-table-functions';

/** Runs a statement list in the current frame (the interpreter's executeStatements). */
export type RunStatements = (state: EmulatorState, statements: readonly Statement[]) => Promise<Flow>;

/** The value a RETURN of the running scalar function produced (text), per function frame. */
const returned = new WeakMap<Frame, string | null>();

/**
 * Runs `execute` for statement `s` after interpreting the user-function calls of `s` that the
 * translator cannot inline (multi-statement table-valued functions; scalar functions with
 * WHILE, table variables or recursion) whose arguments are known before the statement runs
 * (no column of a row in them). Their results are kept in state.precomputed for the translator;
 * the table of a table-valued function is dropped when the statement ends. A WHILE condition is
 * evaluated many times, so calls there are not precomputed (and refused if not inlinable).
 */
export async function withInterpretedCalls<T>(state: EmulatorState, s: Statement, run: RunStatements, execute: () => Promise<T>): Promise<T> {
  if (state.catalog.functions.size === 0) return execute();
  const calls = interpretableCalls(state, s);
  const roots = rootsOf(state, s);
  const perRow = perRowApplyCalls(state, roots, isConstant);
  if (calls.length === 0 && perRow.length === 0) return execute();
  const tables: string[] = [];
  try {
    for (const { call, node, defined } of calls) {
      const result = await interpretCall(state, call, defined, run);
      if (result.kind === 'table') tables.push(result.info.sqlName);
      state.precomputed.set(node, result);
    }
    // after the constant calls: an argument may call one of them
    for (const pc of perRow) {
      const root = roots.find((r) => r === pc.join || contains(r, pc.join)) ?? s;
      const result = await gatherPerRowCall(state, root, pc, run, tables);
      if (result !== undefined) state.precomputed.set(pc.call, result);
    }
    return await execute();
  } finally {
    for (const { node } of calls) state.precomputed.delete(node);
    for (const { call } of perRow) state.precomputed.delete(call);
    if (tables.length > 0) noteAnyWrite(state);
    for (const sqlName of tables) {
      try { await state.session.run(`DROP TABLE IF EXISTS ${sqlName}`); } catch { /* gone with a rolled-back transaction */ }
    }
    const opened = s.kind === 'OpenCursor' && tables.length > 0 ? state.frame.cursors.get(s.cursor.name.toLowerCase()) : undefined;
    if (opened !== undefined) restartCursorWatch(state, opened);
  }
}

interface PendingCall {
  readonly call: FunctionCall;
  /** The node the translator looks up: the FunctionCall (also for a TableFunctionRef's call). */
  readonly node: Node;
  readonly defined: Defined<CreateFunction>;
}

/** What of `s` runs as it starts: its calls are interpreted before it (a WHILE's condition is not). */
function rootsOf(state: EmulatorState, s: Statement): Node[] {
  return s.kind === 'If' ? [s.condition] : s.kind === 'OpenCursor' ? openedQuery(state, s) : ['While', 'Block', 'TryCatch', 'DeclareCursor', 'CreateFunction', 'CreateProcedure', 'CreateView', 'CreateTrigger'].includes(s.kind) ? [] : [s];
}

function contains(root: Node, target: Node): boolean {
  let found = false;
  walk(root, (n) => {
    if (n === target) found = true;
    return found ? false : undefined;
  });
  return found;
}

function interpretableCalls(state: EmulatorState, s: Statement): PendingCall[] {
  const roots = rootsOf(state, s);
  const out: PendingCall[] = [];
  for (const root of roots) {
    walk(root, (n) => {
      const call = n.kind === 'FunctionCall' ? n as FunctionCall : n.kind === 'TableFunctionRef' && (n as TableFunctionRef).call.kind === 'FunctionCall' ? (n as TableFunctionRef).call as FunctionCall : undefined;
      if (call === undefined || call.name.parts.length < 2) return undefined;
      const defined = state.catalog.functions.get(objectKey(call.name.parts));
      if (defined === undefined || !needsInterpreter(state, defined.definition, new Set())) return undefined;
      if (!call.args.every(isConstant)) return undefined;
      out.push({ call, node: call, defined });
      // Calls inside the arguments are evaluated with them (evalScalar), so they are not listed.
      return false;
    });
  }
  return out;
}

/**
 * The query a cursor runs at OPEN, when the cursor is declared in this frame: its function calls
 * are interpreted with the variables' values at OPEN, as SQL Server binds them then (cursors.ts
 * reads the rows at OPEN; cursor-changes.ts watches the tables the function reads).
 */
function openedQuery(state: EmulatorState, s: Statement & { kind: 'OpenCursor' }): Node[] {
  const c = state.frame.cursors.get(s.cursor.name.toLowerCase());
  return c === undefined ? [] : [c.query];
}

/** An argument known before the statement runs: no column, no subquery. */
function isConstant(e: Expression): boolean {
  let constant = true;
  walk(e, (n) => {
    if (n.kind === 'ColumnRef' || n.kind === 'Select' || n.kind === 'Star') constant = false;
    return constant ? undefined : false;
  });
  return constant;
}

/**
 * Whether a function's body is beyond what user-functions.ts inlines: a multi-statement
 * table-valued function, a WHILE, a table variable, a cursor, EXEC, recursion, or a call of
 * such a function.
 */
export function needsInterpreter(state: EmulatorState, fn: CreateFunction, seen: Set<string>): boolean {
  if (fn.functionType === 'multi') return true;
  if (fn.functionType !== 'scalar') return false;
  const key = objectKey(fn.name.parts);
  if (seen.has(key)) return true;
  seen.add(key);
  let needs = false;
  for (const st of fn.body) {
    walk(st, (n) => {
      if (needs) return false;
      if (['While', 'TableVariableDeclaration', 'DeclareCursor', 'Execute', 'Insert', 'Update', 'Delete', 'Goto', 'TryCatch'].includes(n.kind)) needs = true;
      if (n.kind === 'FunctionCall' && (n as FunctionCall).name.parts.length > 1) {
        const callee = state.catalog.functions.get(objectKey((n as FunctionCall).name.parts));
        if (callee !== undefined && needsInterpreter(state, callee.definition, new Set(seen))) needs = true;
      }
      return undefined;
    });
  }
  return needs;
}

/**
 * Runs a user function in a frame of its own with the interpreter: arguments evaluated in the
 * caller's frame and converted to the parameter types, the body run statement by statement,
 * the result converted to the RETURNS type (scalar) or the rows of its RETURNS @t table.
 * Nesting past 32 levels is SQL Server's error 217.
 */
export async function interpretCall(state: EmulatorState, call: FunctionCall, defined: Defined<CreateFunction>, run: RunStatements): Promise<NonNullable<ReturnType<EmulatorState['precomputed']['get']>>> {
  const fn = defined.definition;
  const written = call.name.parts.map((p) => p.name).join('.');
  if (call.args.length !== fn.parameters.length) throw state.unsupported(call, `${written} called with ${call.args.length} arguments for ${fn.parameters.length} parameters`);
  const args: ArgumentValue[] = [];
  for (const [i, a] of call.args.entries()) {
    const p = fn.parameters[i];
    const arg = a.kind === 'Literal' && a.literalType === 'default' && p?.default !== undefined ? p.default : a;
    const { value, fragment } = await evalScalar(state, arg);
    args.push({ text: value, fromDuck: fragment.duckType ?? '', family: fragment.family, tsqlType: fragment.tsqlType });
  }
  return runFunction(state, call, defined, args, run);
}

/** An argument's value as text, with the type of the expression it came from (how assignText reads it). */
export interface ArgumentValue {
  readonly text: string | null;
  readonly fromDuck: string;
  readonly family: string;
  readonly tsqlType?: TsqlType;
}

/**
 * interpretCall for arguments already evaluated: per-row-table-functions.ts evaluates those of
 * every row of a statement in one query, then runs the body once per distinct tuple.
 */
export async function runFunction(state: EmulatorState, call: FunctionCall, defined: Defined<CreateFunction>, args: readonly ArgumentValue[], run: RunStatements): Promise<NonNullable<ReturnType<EmulatorState['precomputed']['get']>>> {
  const fn = defined.definition;
  if (state.frames.length >= MAX_NESTING) {
    throw new TsqlRuntimeError({ number: 217, message: 'Maximum stored procedure, function, trigger, or view nesting level exceeded (limit 32).', severity: 16, state: 1, line: state.tsqlLine(call.span), procedure: state.procedureName }, { location: state.locate(call.span) });
  }
  const frame: Frame = { procedure: fn, script: defined.script, variables: new Map(), cursors: new Map(), tempTables: [] };
  // the body writes only its own table variables, which are no part of the calling statement's work
  const writesBefore = state.dmlWrites;
  state.frames.push(frame);
  const savedSources = state.sources.splice(0);
  let table: TableInfo | undefined;
  try {
    for (const [i, p] of fn.parameters.entries()) {
      const type = declaredType(state, p.dataType);
      frame.variables.set(p.name.toLowerCase(), { type, duckType: toDuckType(type, p.name), value: null });
      const a = args[i];
      if (a !== undefined) await assignText(state, { kind: 'Variable', name: p.name, span: p.span }, a.text, a.family as never, a.fromDuck, p.span, a.tsqlType);
    }
    if (fn.returnsTable !== undefined) {
      const v = fn.returnsTable.variable.name;
      const key = `${v.toLowerCase()}#${state.frames.length}`;
      table = await createTable(state, key, quote(`__tvf_${state.tempCounter++}`), fn.returnsTable.definition, true);
    }
    await run(state, fn.body);
    if (table !== undefined) return { kind: 'table', info: table };
    const type = declaredType(state, fn.returns ?? fn.parameters[0]?.dataType ?? { kind: 'DataType', name: call.name, args: [], span: call.span });
    return { kind: 'scalar', value: returned.get(frame) ?? null, type, duckType: toDuckType(type) };
  } finally {
    noteAnyWrite(state); // the function's tables go; a later one may take the same name
    if (fn.returnsTable !== undefined) state.tables.delete(`${fn.returnsTable.variable.name.toLowerCase()}#${state.frames.length}`);
    for (const key of frame.tempTables) {
      const info = state.tables.get(key);
      if (info !== undefined) {
        try { await state.session.run(`DROP TABLE IF EXISTS ${info.sqlName}`); } catch { /* rolled back */ }
        state.tables.delete(key);
      }
    }
    state.frames.pop();
    state.sources.push(...savedSources);
    state.dmlWrites = writesBefore;
  }
}

/** RETURN inside a function run by the interpreter: the value converted to the RETURNS type. */
export async function returnFromFunction(state: EmulatorState, fn: CreateFunction, s: Return): Promise<Flow> {
  if (fn.functionType !== 'scalar' || fn.returns === undefined) return 'return';
  if (s.expression === undefined) throw state.unsupported(s, 'RETURN without a value in a scalar function');
  const t = new SqlTranslator(state);
  const f = convertSql(t.expr(s.expression, new SqlScope()), declaredType(state, fn.returns));
  const rows = await runSql(state, `SELECT CAST(${f.sql} AS VARCHAR) AS v`, t.params, s.span);
  const v = rows[0]?.v;
  returned.set(state.frame, v === null || v === undefined ? null : String(v));
  return 'return';
}
