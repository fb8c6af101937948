import { LegacyError } from '../../core';
import type { CreateFunction, Cte, Expression, FunctionCall, Join, Node, TableFunctionRef, TableRef } from '../../tsql';
import { walk } from '../../tsql';
import { objectKey, type Defined } from './catalog';
import { defineCtes, type DefinedCtes } from './ctes';
import { quote, SqlTranslator, type SqlFragment } from './expressions';
import { runFunction as runBody, type ArgumentValue, type RunStatements } from './interpret-calls';
import { columnTypesOf, translateSource } from './queries';
import { runSql } from './runtime';
import { SqlScope, type ColumnType } from './sql-scope';
import { TsqlRuntimeError, type EmulatorState, type Precomputed } from './state';
import { createTable } from './tables/tables';

/** A multi-statement table-valued function on the right of an APPLY, its arguments read from the left side's rows. */
export interface PerRowCall {
  readonly join: Join;
  readonly ref: TableFunctionRef;
  readonly call: FunctionCall;
  readonly defined: Defined<CreateFunction>;
}

/** Functions SQL Server refuses inside a function body (error 443): a body calling one is not run per tuple. */
const SIDE_EFFECTING = new Set(['NEWID', 'NEWSEQUENTIALID', 'RAND', 'CRYPT_GEN_RANDOM']);

/**
 * The `CROSS/OUTER APPLY dbo.mtvf(l.col, …)` of `roots` whose arguments name columns of the
 * APPLY's left side (constant arguments are interpret-calls.ts's). `isConstant` tells them apart.
 */
export function perRowApplyCalls(state: EmulatorState, roots: readonly Node[], isConstant: (e: Expression) => boolean): PerRowCall[] {
  const out: PerRowCall[] = [];
  for (const root of roots) {
    walk(root, (n) => {
      if (n.kind !== 'Join') return undefined;
      const join = n as Join;
      if ((join.joinType !== 'CROSS APPLY' && join.joinType !== 'OUTER APPLY') || join.right.kind !== 'TableFunctionRef') return undefined;
      const ref = join.right;
      if (ref.call.kind !== 'FunctionCall' || ref.call.name.parts.length < 2) return undefined;
      const defined = state.catalog.functions.get(objectKey(ref.call.name.parts));
      if (defined === undefined || defined.definition.functionType !== 'multi' || ref.call.args.every(isConstant)) return undefined;
      out.push({ join, ref, call: ref.call, defined });
      return undefined;
    });
  }
  return out;
}

/**
 * Runs a per-row APPLY's function once per distinct argument tuple the left side's rows give,
 * in the statement's snapshot (before it runs: SQL Server calls the function per outer row, and
 * a function cannot change the database, so one call per tuple gives the same rows), and gathers
 * the rows in one table keyed by the bytes of the arguments' text, which table-functions.ts joins back per
 * row. Tuples are told apart by the arguments' exact text, not by the collation: `'Std'` and
 * `'std '` are two calls, as the body may return the spelling it was given. Undefined when the
 * left side cannot be read on its own (its arguments reach outside it, a recursive CTE): the
 * statement's translation refuses the APPLY then. `tables` collects the tables to drop.
 */
export async function gatherPerRowCall(state: EmulatorState, root: Node, pc: PerRowCall, run: RunStatements, tables: string[]): Promise<Precomputed | undefined> {
  const fn = pc.defined.definition;
  const written = pc.call.name.parts.map((p) => p.name).join('.');
  if (pc.call.args.length !== fn.parameters.length) throw state.unsupported(pc.call, `${written} called with ${pc.call.args.length} arguments for ${fn.parameters.length} parameters`);
  const random = sideEffectingCall(state, fn, new Set());
  if (random !== undefined) throw state.unsupported(pc.ref, `the multi-statement table-valued function ${written} with arguments that change from row to row, whose body calls ${random} (SQL Server refuses it in a function: error 443)`);
  const path = pathTo(root, pc.join);
  const ctes = path === undefined ? undefined : visibleCtes(path);
  if (ctes === undefined) return undefined;
  const enumeration = translateArguments(state, pc, ctes);
  if (enumeration === undefined) return undefined;
  const { sql, params, fragments } = enumeration;
  const tuples = await runSql(state, sql, params, pc.ref.span);
  const gathered = quote(`__tvf_rows_${state.tempCounter++}`);
  const keys = fragments.map((_, i) => quote(`__arg${i}`));
  let columns: ColumnType[] | undefined;
  for (const row of tuples) {
    const args: ArgumentValue[] = fragments.map((f, i) => {
      const v = row[`__arg${i}`];
      return { text: v === null || v === undefined ? null : String(v), fromDuck: f.duckType ?? '', family: f.family, tsqlType: f.tsqlType };
    });
    let result: Precomputed;
    try {
      result = await runBody(state, pc.call, pc.defined, args, run);
    } catch (err) {
      if (err instanceof TsqlRuntimeError && !calledForEveryRow(path ?? [], pc.join)) {
        throw state.unsupported(pc.ref, `the error ${err.error.number} ("${err.error.message}") ${written} raises for the arguments of a row that a WHERE, TOP or join around the APPLY may remove before SQL Server calls it (its plan decides)`);
      }
      throw err;
    }
    if (result.kind !== 'table') continue;
    try {
      if (columns === undefined) {
        columns = columnTypesOf(result.info);
        await state.session.run(`CREATE TEMP TABLE ${gathered} AS SELECT ${keys.map((k) => `CAST(NULL AS BLOB) AS ${k}`).join(', ')}, * FROM ${result.info.sqlName} LIMIT 0`);
        tables.push(gathered);
      }
      if (!state.writes.empty) await state.writes.flush();
      await state.session.run(`INSERT INTO ${gathered} SELECT ${keys.map((_, i) => `encode(CAST($${i + 1} AS VARCHAR))`).join(', ')}, * FROM ${result.info.sqlName}`, args.map((a) => a.text));
    } finally {
      await dropQuietly(state, result.info.sqlName);
    }
  }
  if (columns === undefined) columns = await emptyResultColumns(state, pc, gathered, keys, tables);
  return { kind: 'perRow', sqlName: gathered, columns, keys: keys.length };
}

/** No tuple (no left row): the RETURNS table's columns still type the statement's output (SELECT … INTO). */
async function emptyResultColumns(state: EmulatorState, pc: PerRowCall, gathered: string, keys: readonly string[], tables: string[]): Promise<ColumnType[]> {
  const fn = pc.defined.definition;
  if (fn.returnsTable === undefined) throw state.unsupported(pc.ref, 'a multi-statement table-valued function without a RETURNS table');
  const key = `__tvf_empty_${state.tempCounter++}`;
  const sqlName = quote(key);
  const info = await createTable(state, key, sqlName, fn.returnsTable.definition, true);
  state.tables.delete(key);
  try {
    await state.session.run(`CREATE TEMP TABLE ${gathered} AS SELECT ${keys.map((k) => `CAST(NULL AS BLOB) AS ${k}`).join(', ')}, * FROM ${info.sqlName} LIMIT 0`);
    tables.push(gathered);
    return columnTypesOf(info);
  } finally {
    await dropQuietly(state, info.sqlName);
  }
}

async function dropQuietly(state: EmulatorState, sqlName: string): Promise<void> {
  try { await state.session.run(`DROP TABLE IF EXISTS ${sqlName}`); } catch { /* gone with a rolled-back transaction */ }
}

/**
 * `SELECT DISTINCT` of the arguments' text over the APPLY's left side, each argument translated
 * as evalScalar translates a constant one (so a tuple's text converts to the parameter's type as
 * interpretCall's would). Undefined when the left side or an argument cannot be translated alone.
 */
function translateArguments(state: EmulatorState, pc: PerRowCall, ctes: readonly Cte[]): { sql: string; params: unknown[]; fragments: SqlFragment[] } | undefined {
  const t = new SqlTranslator(state);
  let defined: DefinedCtes | undefined;
  try {
    defined = defineCtes(t, ctes, undefined, undefined);
    const scope = new SqlScope();
    const from = translateSource(t, pc.join.left, scope, undefined);
    const fragments = pc.call.args.map((a, i) => {
      const p = pc.defined.definition.parameters[i];
      const arg = a.kind === 'Literal' && a.literalType === 'default' && p?.default !== undefined ? p.default : a;
      return t.expr(arg, scope);
    });
    // DISTINCT over the bytes: text compares under the session's nocase collation, and two
    // spellings are two calls
    const items = fragments.map((f, i) => `encode(CAST(${f.sql} AS VARCHAR)) AS ${quote(`__arg${i}`)}`).join(', ');
    const decoded = fragments.map((_, i) => `decode(${quote(`__arg${i}`)}) AS ${quote(`__arg${i}`)}`).join(', ');
    return { sql: `${defined.sql}SELECT ${decoded} FROM (SELECT DISTINCT ${items} FROM ${from}) AS __tuples`, params: t.params, fragments };
  } catch (err) {
    if (err instanceof LegacyError && !(err instanceof TsqlRuntimeError)) return undefined;
    throw err;
  } finally {
    defined?.release();
  }
}

/** The nodes from `root` down to `target`, both included. */
function pathTo(root: Node, target: Node): Node[] | undefined {
  const parents = new Map<Node, Node | undefined>();
  let found = false;
  walk(root, (n, parent) => {
    if (found) return false;
    parents.set(n, parent);
    if (n === target) found = true;
    return undefined;
  });
  if (!found) return undefined;
  const path: Node[] = [];
  for (let n: Node | undefined = target; n !== undefined; n = parents.get(n)) path.unshift(n);
  return path;
}

/**
 * The CTEs the APPLY's left side may read: those of every statement or query on the path to it,
 * and, inside a CTE's own query, only the CTEs before that one. Undefined inside a recursive CTE,
 * whose rows the statement makes as it runs (they cannot be listed before).
 */
function visibleCtes(path: readonly Node[]): Cte[] | undefined {
  const out: Cte[] = [];
  for (const [i, n] of path.entries()) {
    const ctes = (n as { ctes?: readonly Cte[] }).ctes;
    if (ctes === undefined) continue;
    const next = path[i + 1];
    const inside = ctes.findIndex((c) => c === next);
    if (inside < 0) { out.push(...ctes); continue; }
    const cte = ctes[inside] as Cte;
    let recursive = false;
    walk(cte.query, (m) => {
      const parts = m.kind === 'TableRef' ? (m as TableRef).name.parts : [];
      if (parts.length === 1 && parts[0]?.name.toLowerCase() === cte.name.name.toLowerCase()) recursive = true;
      return recursive ? false : undefined;
    });
    if (recursive) return undefined;
    out.push(...ctes.slice(0, inside));
    return out;
  }
  return out;
}

/**
 * Whether SQL Server surely calls the function for every row of the APPLY's left side: the APPLY
 * is in the statement's own query (not a subquery, derived table or CTE), which has no WHERE and
 * no TOP, reads one FROM item, and only LEFT JOINs and OUTER APPLYs follow it there. Elsewhere
 * its plan may remove a row before the call, so an error one tuple raises is not surely raised.
 */
function calledForEveryRow(path: readonly Node[], join: Join): boolean {
  const specAt = path.findIndex((n) => n.kind === 'QuerySpec');
  if (specAt < 0) return false;
  const spec = path[specAt] as Extract<Node, { kind: 'QuerySpec' }>;
  if (spec.where !== undefined || spec.top !== undefined || spec.from.length !== 1) return false;
  if (!path.slice(0, specAt).every((n) => ['Select', 'Insert', 'OpenCursor', 'DeclareCursor'].includes(n.kind))) return false;
  // the Joins between the FROM item and the APPLY: the APPLY must be on their left, under LEFT/OUTER APPLY
  for (let i = specAt + 1; i < path.length - 1; i++) {
    const j = path[i] as Node;
    if (j.kind !== 'Join') return false;
    const outerJoin = j as Join;
    if (outerJoin.left !== path[i + 1] || (outerJoin.joinType !== 'LEFT' && outerJoin.joinType !== 'OUTER APPLY')) return false;
  }
  return path[path.length - 1] === join;
}

/** The first NEWID()/RAND()-like call in `fn`'s body or the bodies of the functions it calls. */
function sideEffectingCall(state: EmulatorState, fn: CreateFunction, seen: Set<string>): string | undefined {
  const key = objectKey(fn.name.parts);
  if (seen.has(key)) return undefined;
  seen.add(key);
  let found: string | undefined;
  for (const st of fn.body) {
    walk(st, (n) => {
      if (found !== undefined) return false;
      if (n.kind !== 'FunctionCall') return undefined;
      const call = n as FunctionCall;
      const name = call.name.parts.map((p) => p.name).join('.');
      if (call.name.parts.length === 1 && SIDE_EFFECTING.has(name.toUpperCase())) found = `${name.toUpperCase()}()`;
      const callee = call.name.parts.length > 1 ? state.catalog.functions.get(objectKey(call.name.parts)) : undefined;
      if (callee !== undefined) found = sideEffectingCall(state, callee.definition, seen);
      return undefined;
    });
  }
  return found;
}
