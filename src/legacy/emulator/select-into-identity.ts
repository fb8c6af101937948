import { findAll, type DataType, type Expression, type FunctionCall, type Literal, type QuerySpec, type Select, type SelectItem } from '../../tsql';
import { quote } from './expressions';
import { AGGREGATE_NAMES } from './functions';
import { tableKey } from './queries';
import type { EmulatorState, TableInfo } from './state';
import { sequenceSql } from './tables/tables';
import { noteSyntheticWindow, windowOrder } from './reproducibility/window-ties';
import { noteIdentitySequence } from './reproducibility/identity-floors';

/*
 * `SELECT IDENTITY(int, 1, 1) AS Seq, … INTO #t FROM … [ORDER BY …]`: the IDENTITY function
 * numbers the rows of a SELECT … INTO and makes the column the new table's identity, so later
 * INSERTs continue the numbering and @@IDENTITY / SCOPE_IDENTITY() give the last value. The rows
 * are numbered in the ORDER BY's order, as INSERT … SELECT … ORDER BY guarantees; rows the ORDER
 * BY does not tell apart (or all of them, without one) in table order, the other way in capture's
 * second run (window-ties.ts), so an output that depends on that numbering is listed as
 * non-reproducible.
 */

/** The identity column a SELECT … INTO creates: its name, T-SQL type, seed and increment. */
export interface IdentityInto {
  readonly column: string;
  /** As IDENTITY() wrote it; undefined for an identity inherited from the source table. */
  readonly dataType: DataType | undefined;
  readonly seed: bigint;
  readonly increment: bigint;
}

/** The spec with IDENTITY(…) replaced by its numbering, and the identity it creates (undefined without one). */
export function identityFunction(state: EmulatorState, select: Select, spec: QuerySpec): { spec: QuerySpec; identity: IdentityInto | undefined } {
  let identity: IdentityInto | undefined;
  const items = spec.items.map((item) => {
    if (item.kind !== 'SelectItem' || !isIdentityCall(item.expression)) return item;
    const call = item.expression;
    if (identity !== undefined) throw state.unsupported(call, 'a second IDENTITY() in one SELECT … INTO (SQL Server: error 8108)');
    if (item.alias === undefined) throw state.unsupported(call, 'IDENTITY() without a column name (SQL Server: error 8155)');
    const [typeArg, seedArg, incrementArg] = call.args;
    const dataType = typeOf(state, call, typeArg);
    const seed = integerOf(state, call, seedArg, 1n);
    const increment = integerOf(state, call, incrementArg, 1n);
    if (increment === 0n) throw state.unsupported(call, 'IDENTITY() with an increment of 0');
    identity = { column: item.alias.name, dataType, seed, increment };
    return { ...item, expression: numbering(select, spec, call, dataType, seed, increment) } satisfies SelectItem;
  });
  return { spec: identity === undefined ? spec : { ...spec, items }, identity };
}

function isIdentityCall(e: Expression): e is FunctionCall {
  return e.kind === 'FunctionCall' && e.name.parts.length === 1 && (e.name.parts[0]?.name ?? '').toUpperCase() === 'IDENTITY' && e.over === undefined;
}

function typeOf(state: EmulatorState, call: FunctionCall, arg: Expression | undefined): DataType {
  const span = arg?.span ?? call.span;
  if (arg?.kind === 'ColumnRef' && arg.parts.length === 1) return { kind: 'DataType', name: { kind: 'ObjectName', parts: [...arg.parts], span }, args: [], span };
  if (arg?.kind === 'FunctionCall' && arg.name.parts.length === 1 && /^(decimal|numeric)$/i.test(arg.name.parts[0]?.name ?? '')) {
    const args = arg.args.map((a) => (a.kind === 'Literal' && a.literalType === 'integer' ? a.value : undefined));
    if (args.some((a) => a === undefined) || (args[1] !== undefined && args[1] !== '0')) throw state.unsupported(arg, 'IDENTITY() of a decimal with a scale (SQL Server: error 2749)');
    return { kind: 'DataType', name: { kind: 'ObjectName', parts: [...arg.name.parts], span }, args: args as string[], span };
  }
  throw state.unsupported(arg ?? call, 'IDENTITY() whose first argument is not an integer or decimal type');
}

function integerOf(state: EmulatorState, call: FunctionCall, arg: Expression | undefined, fallback: bigint): bigint {
  if (arg === undefined) return fallback;
  const negative = arg.kind === 'Unary' && arg.operator === '-';
  const literal = negative ? arg.operand : arg;
  if (literal.kind !== 'Literal' || literal.literalType !== 'integer') throw state.unsupported(arg, 'IDENTITY() with a seed or increment that is not an integer literal');
  const v = BigInt(literal.value);
  return negative ? -v : v;
}

/** CAST(seed + (ROW_NUMBER() OVER (ORDER BY …) - 1) * increment AS type). */
function numbering(select: Select, spec: QuerySpec, call: FunctionCall, dataType: DataType, seed: bigint, increment: bigint): Expression {
  const span = call.span;
  const int = (v: bigint): Literal => ({ kind: 'Literal', literalType: 'integer', value: v.toString(), span });
  const window = { kind: 'WindowSpec' as const, name: undefined, partitionBy: [], orderBy: windowOrder(select, spec), frame: undefined, span };
  noteSyntheticWindow(window, 'the rows SELECT … INTO numbers with IDENTITY()');
  const rowNumber: FunctionCall = { kind: 'FunctionCall', name: { kind: 'ObjectName', parts: [{ kind: 'Identifier', name: 'ROW_NUMBER', quote: 'none', span }], span }, args: [], distinct: false, star: false, withinGroup: [], over: window, span };
  const offset: Expression = { kind: 'Binary', operator: '*', left: { kind: 'Binary', operator: '-', left: rowNumber, right: int(1n), span }, right: int(increment), span };
  const value: Expression = { kind: 'Binary', operator: '+', left: int(seed), right: offset, span };
  return { kind: 'Cast', function: 'CAST', dataType, expression: value, style: undefined, culture: undefined, span };
}

/**
 * The identity a SELECT … INTO's new table inherits from its source (SQL Server's rule): one
 * table in FROM (no join), no GROUP BY or aggregate, and its identity column selected once as
 * itself (or through `*`), not inside an expression. Undefined otherwise.
 */
export function inheritedIdentity(state: EmulatorState, spec: QuerySpec, created: TableInfo): IdentityInto | undefined {
  const source = spec.from.length === 1 ? spec.from[0] : undefined;
  if (source?.kind !== 'TableRef' || spec.groupBy !== undefined || spec.having !== undefined || spec.distinct) return undefined;
  const info = state.tables.get(tableKey(source.name.parts.map((p) => p.name).join('.'), state.frames.length));
  const identity = info?.identity;
  if (identity === undefined) return undefined;
  const alias = (source.alias?.name ?? source.name.parts[source.name.parts.length - 1]?.name ?? '').toLowerCase();
  const column = identity.column.toLowerCase();
  const names: string[] = [];
  for (const item of spec.items) {
    if (item.kind !== 'SelectItem') return undefined;
    const e = item.expression;
    if (findAll(e, 'FunctionCall').some((f) => f.over === undefined && AGGREGATE_NAMES.has((f.name.parts[f.name.parts.length - 1]?.name ?? '').toUpperCase()))) return undefined;
    if (e.kind === 'Star') {
      const q = e.qualifier.map((p) => p.name.toLowerCase());
      if (q.length === 0 || q[q.length - 1] === alias) names.push(identity.column);
    } else if (e.kind === 'ColumnRef' && (e.parts[e.parts.length - 1]?.name ?? '').toLowerCase() === column && (e.parts.length === 1 || (e.parts[e.parts.length - 2]?.name ?? '').toLowerCase() === alias)) {
      names.push(item.alias?.name ?? identity.column);
    } else if (findAll(e, 'ColumnRef').some((c) => (c.parts[c.parts.length - 1]?.name ?? '').toLowerCase() === column)) {
      // used inside an expression: that expression's column is no identity, nor is a second mention
      if (names.length === 0) names.push('');
    }
  }
  if (names.length !== 1 || names[0] === '') return undefined;
  const name = created.columns.find((c) => c.name.toLowerCase() === (names[0] ?? '').toLowerCase())?.name;
  if (name === undefined) return undefined;
  return { column: name, dataType: undefined, seed: BigInt(identity.seed ?? 1), increment: BigInt(identity.increment ?? 1) };
}

/**
 * Makes the created table's column an identity whose next value follows the last one the SELECT
 * … INTO gave (the seed when it gave none), and sets @@IDENTITY / SCOPE_IDENTITY() to that last
 * value. Returns the table's new TableInfo.
 */
export async function installIdentity(state: EmulatorState, info: TableInfo, identity: IdentityInto, rows: number, temp: boolean): Promise<TableInfo> {
  const col = quote(identity.column);
  const last = rows === 0 ? undefined : await state.session.scalar(`SELECT ${identity.increment > 0n ? 'max' : 'min'}(${col}) FROM ${info.sqlName}`);
  const next = last === undefined || last === null ? identity.seed : BigInt(String(last)) + identity.increment;
  const sequence = `__identity_${state.tempCounter++}`;
  await state.session.run(sequenceSql(sequence, next, identity.increment, temp));
  noteIdentitySequence(state, sequence, next, identity.increment);
  await state.session.run(`ALTER TABLE ${info.sqlName} ALTER COLUMN ${col} SET DEFAULT nextval('${sequence}')`);
  if (last !== undefined && last !== null) state.identityDrawn(info.sqlName, String(last));
  return { ...info, identity: { column: identity.column, sequence, seed: Number(identity.seed), increment: Number(identity.increment) } };
}
