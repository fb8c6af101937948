import { innerJoinTables, walk, type ColumnRef, type Cte, type Delete, type Expression, type Identifier, type QuerySpec, type SelectItem, type TableRef, type TableSource, type Update } from '../../tsql';
import { readableTableName } from '../baseline-names';
import { defineCtes } from './ctes';
import { deleteWithOutput, noteTargetWrite, updateWithOutput } from './dml';
import { noteRowversionWrite, refuseRowversionAssignment, rowversionSet } from './reproducibility/rowversion';
import { quote, SqlTranslator } from './expressions';
import { resolveTable, translateSource } from './queries';
import { changedRows, coerceToColumn, runSql } from './runtime';
import { SqlScope } from './sql-scope';
import type { EmulatorState } from './state';

/** The CTE an UPDATE or DELETE names as its target (`WITH d AS (…) DELETE FROM d …`), if any. */
export function cteTarget(s: Update | Delete): string | undefined {
  if (s.target.kind !== 'TableRef' || s.target.name.parts.length !== 1) return undefined;
  const name = (s.target.name.parts[0]?.name ?? '').toLowerCase();
  return s.ctes.some((c) => c.name.name.toLowerCase() === name) ? name : undefined;
}

/**
 * UPDATE or DELETE through a CTE, as SQL Server allows when the CTE reads one base table (the
 * dedupe idiom `WITH d AS (SELECT …, ROW_NUMBER() OVER (…) AS rn FROM t) DELETE FROM d WHERE
 * rn > 1`): the CTE carries the base table's row id, the statement's WHERE picks the rows, and
 * the base table is changed by row id. SET may only name CTE columns that are base columns.
 */
export async function dmlThroughCte(state: EmulatorState, s: Update | Delete): Promise<void> {
  const name = cteTarget(s) as string;
  const cte = s.ctes.find((c) => c.name.name.toLowerCase() === name);
  if (cte === undefined) return;
  if (s.top !== undefined || state.rowCountLimit > 0) throw state.unsupported(s, `${s.kind === 'Update' ? 'UPDATE' : 'DELETE'} through a CTE limited by TOP or SET ROWCOUNT`);
  // The CTE, and the CTEs it reads in turn (`WITH b AS (SELECT … FROM t), d AS (SELECT … FROM b)
  // DELETE FROM d`), down to the one over the base table: each reads exactly one source.
  // An UPDATE through one CTE over a join changes the one table its SET columns come from.
  const joined = singleSource(cte) === undefined && s.kind === 'Update' ? joinedUpdateTarget(state, s, cte) : undefined;
  const chain = joined === undefined ? cteChain(state, s, cte) : [cte];
  const last = chain[chain.length - 1] as Cte;
  const base = joined ?? singleSource(last) as TableRef;
  const body = cte.query.body as QuerySpec;
  if (s.output !== undefined) {
    if (chain.length > 1) throw state.unsupported(s.output, `OUTPUT of ${s.kind === 'Update' ? 'an UPDATE' : 'a DELETE'} through the CTE ${cte.name.name}, which reads another CTE`);
    outputOfBaseColumns(state, s.output, body.items, cte.columns, joined);
  }
  const t = new SqlTranslator(state);
  const info = resolveTable(t, base.name.parts.map((p) => p.name).join('.'));
  // The bookkeeping and refusals of any write (transactions, temporal tables, triggers).
  noteTargetWrite(state, base, info, [s.kind === 'Update' ? 'UPDATE' : 'DELETE']);
  const span = cte.span;
  const id = (n: string): Identifier => ({ kind: 'Identifier', name: n, quote: 'none', span });
  // Each CTE of the chain carries the base table's row id: the last one reads it (`rowid`), the
  // others pass on their source's `__rid`.
  const carriedCtes = new Map(chain.map((c) => {
    const src = joined ?? singleSource(c) as TableRef;
    const alias = src.alias?.name ?? src.name.parts[src.name.parts.length - 1]?.name ?? '';
    const rid: SelectItem = { kind: 'SelectItem', expression: { kind: 'ColumnRef', parts: [id(alias), id(c === last ? 'rowid' : '__rid')], span }, alias: id('__rid'), aliasStyle: 'as', span };
    const q = c.query.body as QuerySpec;
    return [c, { ...c, columns: c.columns.length > 0 ? [...c.columns, id('__rid')] : [], query: { ...c.query, body: { ...q, items: [...q.items, rid] } } }];
  }));
  const ctes = defineCtes(t, s.ctes.map((c) => carriedCtes.get(c) ?? c), s.option, undefined);
  try {
    const scope = new SqlScope();
    const target = s.target as TableRef;
    const from = s.from.length > 0 ? s.from.map((x) => translateSource(t, x, scope, undefined)).join(', ') : translateSource(t, target, scope, undefined);
    const alias = target.alias?.name ?? target.name.parts[0]?.name ?? name;
    const where = s.where === undefined ? '' : ` WHERE ${t.condition(s.where, scope)}`;
    let sql: string;
    if (s.kind === 'Delete') {
      const rowids = `${ctes.sql}SELECT ${quote(alias)}."__rid" FROM ${from}${where}`;
      if (s.output !== undefined) return await deleteWithOutput(state, s.output, info, rowids, t.params, s.span);
      sql = `DELETE FROM ${info.sqlName} AS __t WHERE __t.rowid IN (${rowids})`;
    } else {
      const sets = s.assignments.map((a, i) => {
        if (a.column === undefined || a.variable !== undefined) throw state.unsupported(a, 'SET @variable in UPDATE through a CTE');
        const col = chain.reduce((name, c) => baseColumnOf(state, (c.query.body as QuerySpec).items, c.columns, name, a, joined), a.column.parts[a.column.parts.length - 1]?.name ?? '');
        const c = info.columns.find((x) => x.name.toLowerCase() === col.toLowerCase());
        if (c === undefined) throw state.unsupported(a, `the column ${col}, which the table does not have`);
        refuseRowversionAssignment(state, a, info, c.name);
        const e: Expression = a.operator === '=' ? a.value : { kind: 'Binary', operator: a.operator.slice(0, -1), left: a.column, right: a.value, span: a.span };
        return { column: c.name, value: `${coerceToColumn(t.expr(e, scope), c, state.dateFormat, readableTableName(info.sqlName))} AS ${quote(`v${i}`)}` };
      });
      const inner = `${ctes.sql}${onePerTarget(`SELECT ${quote(alias)}."__rid" AS __rid, ${sets.map((x) => x.value).join(', ')} FROM ${from}${where}`, sets.length, readableTableName(info.sqlName))}`;
      const assigned = sets.map((x, i) => `${quote(x.column)} = __u.${quote(`v${i}`)}`);
      // Every row it touches gets a new rowversion value (rowversion.ts).
      const versioned = rowversionSet(info);
      if (versioned !== undefined) assigned.push(versioned);
      noteRowversionWrite(state, info, `the UPDATE at ${state.place(s.span)}`);
      if (s.output !== undefined) return await updateWithOutput(state, s.output, info, inner, assigned, t.params, s.span);
      sql = `UPDATE ${info.sqlName} AS __t SET ${assigned.join(', ')} FROM (${inner}) AS __u WHERE __t.rowid = __u.__rid`;
    }
    const rows = await runSql(state, sql, t.params, s.span);
    state.rowCount = changedRows(rows);
  } finally {
    ctes.release();
  }
}

/** The one table or CTE a CTE's query reads, when it is a plain query over exactly one. */
function singleSource(c: Cte): TableRef | undefined {
  const body = c.query.body;
  const src = body.kind === 'QuerySpec' && body.from.length === 1 && body.from[0]?.kind === 'TableRef' ? body.from[0] : undefined;
  return body.kind !== 'QuerySpec' || src === undefined || body.distinct || body.groupBy !== undefined || c.query.ctes.length > 0 ? undefined : src;
}

const nameOf = (t: TableRef): string => t.alias?.name ?? t.name.parts.map((p) => p.name).join('.');

/** The table of `tables` a column reference names by its alias or table name (it must name one). */
function refOf(e: ColumnRef, tables: readonly TableRef[]): TableRef | undefined {
  if (e.parts.length < 2) return undefined;
  const qualifier = (e.parts[e.parts.length - 2]?.name ?? '').toLowerCase();
  return tables.find((t) => (t.alias?.name ?? t.name.parts[t.name.parts.length - 1]?.name ?? '').toLowerCase() === qualifier);
}

/**
 * UPDATE through a CTE over inner joins (`WITH p AS (SELECT s.Freight, r.Rate * s.Kg AS NewFreight
 * FROM dbo.Shipment s JOIN dbo.Rate r ON …) UPDATE p SET Freight = NewFreight`): SQL Server's
 * updatable-view rule lets it change one base table, the one every SET column comes from (a SET
 * over two tables is its error 4405). The CTE must read tables alone (no other CTE, no
 * DISTINCT/GROUP BY/TOP), and each SET column must be named with its table's alias, so the
 * emulator never has to guess which table an unqualified column belongs to.
 */
function joinedUpdateTarget(state: EmulatorState, s: Update, cte: Cte): TableRef {
  const refuse = (why: string): never => { throw state.unsupported(cte, `UPDATE through the CTE ${cte.name.name}, ${why}`); };
  const body = cte.query.body;
  if (body.kind !== 'QuerySpec' || body.distinct || body.groupBy !== undefined || body.top !== undefined || cte.query.ctes.length > 0 || body.from.length !== 1) return refuse('which does not read exactly one table');
  const tables = innerJoinTables(body.from[0] as TableSource) ?? refuse('which reads something other than tables joined by INNER JOIN');
  const ctes = new Set(s.ctes.map((c) => c.name.name.toLowerCase()));
  let target: TableRef | undefined;
  for (const a of s.assignments) {
    const wanted = (a.column?.parts[a.column.parts.length - 1]?.name ?? '').toLowerCase();
    const at = body.items.findIndex((item, i) => item.kind === 'SelectItem' && (cte.columns[i]?.name ?? item.alias?.name ?? (item.expression.kind === 'ColumnRef' ? item.expression.parts[item.expression.parts.length - 1]?.name : undefined))?.toLowerCase() === wanted);
    const item = body.items[at];
    const e = item?.kind === 'SelectItem' ? item.expression : undefined;
    if (a.column === undefined || e?.kind !== 'ColumnRef') return refuse(`whose SET names ${a.column === undefined ? 'a variable' : `${a.column.parts.map((p) => p.name).join('.')}, which is not a plain column of the CTE's tables`}`);
    const t = refOf(e, tables) ?? refuse(`whose column ${a.column.parts.map((p) => p.name).join('.')} is not named with its table's alias (write it as alias.column in the CTE)`);
    if (target !== undefined && t !== target) return refuse(`whose SET changes columns of ${nameOf(target)} and ${nameOf(t)} (SQL Server refuses it: error 4405)`);
    target = t;
  }
  if (target === undefined) return refuse('which does not read exactly one table');
  if (target.temp === false && target.name.parts.length === 1 && ctes.has((target.name.parts[0]?.name ?? '').toLowerCase())) return refuse(`whose changed table ${nameOf(target)} is another CTE`);
  if (target.systemTime !== undefined) return refuse(`whose changed table ${nameOf(target)} is read FOR SYSTEM_TIME`);
  return target;
}

/** `cte` and the CTEs of the statement it reads through, in order down to the one over a table. */
function cteChain(state: EmulatorState, s: Update | Delete, cte: Cte): Cte[] {
  const chain: Cte[] = [];
  for (let c: Cte | undefined = cte; c !== undefined;) {
    const src = singleSource(c);
    if (src === undefined) throw state.unsupported(c, `${s.kind === 'Update' ? 'UPDATE' : 'DELETE'} through the CTE ${c.name.name}, which does not read exactly one table`);
    chain.push(c);
    // A one-part name of an earlier CTE of the same WITH is that CTE (SQL Server resolves it before a table of that name).
    const name = src.name.parts.length === 1 && !src.temp ? (src.name.parts[0]?.name ?? '').toLowerCase() : undefined;
    const at = s.ctes.indexOf(c);
    c = name === undefined ? undefined : s.ctes.slice(0, at).find((x) => x.name.name.toLowerCase() === name);
  }
  return chain;
}

/**
 * OUTPUT of DML through a CTE names the CTE's columns (`inserted.X`); the emulator reads them
 * from the base table's changed rows, so each must be a base column under its own name: a
 * computed or renamed CTE column, and `inserted.*` (the CTE's columns, not the table's), are refused.
 */
function outputOfBaseColumns(state: EmulatorState, output: NonNullable<Update['output']>, items: readonly (SelectItem | { kind: 'SelectAssignment' })[], names: readonly Identifier[], joined: TableRef | undefined): void {
  walk(output, (n) => {
    if (n.kind === 'Star' && n.qualifier.length > 0) throw state.unsupported(n, 'OUTPUT inserted.* or deleted.* of DML through a CTE (the CTE\'s columns)');
    if (n.kind !== 'ColumnRef' || n.parts.length !== 2 || !['inserted', 'deleted'].includes(n.parts[0]?.name.toLowerCase() ?? '')) return undefined;
    const column = n.parts[1]?.name ?? '';
    const base = baseColumnOf(state, items, names, column, n as never, joined);
    if (base.toLowerCase() !== column.toLowerCase()) throw state.unsupported(n, `OUTPUT of the CTE column ${column}, which renames the table's ${base}`);
    return undefined;
  });
}

/**
 * The base-table column behind a CTE output column (a plain column reference or `*`); in a CTE
 * over a join (`joined`, the table the UPDATE changes) it must be a column of that table, named
 * with its alias.
 */
function baseColumnOf(state: EmulatorState, items: readonly (SelectItem | { kind: 'SelectAssignment' })[], names: readonly Identifier[], column: string, node: Update['assignments'][number], joined?: TableRef): string {
  const wanted = column.toLowerCase();
  let star = false;
  for (const [i, item] of items.entries()) {
    if (item.kind !== 'SelectItem') continue;
    const e = item.expression;
    if (e.kind === 'Star') { star = true; continue; }
    const out = names[i]?.name ?? item.alias?.name ?? (e.kind === 'ColumnRef' ? e.parts[e.parts.length - 1]?.name : undefined);
    if (out?.toLowerCase() !== wanted) continue;
    if (e.kind !== 'ColumnRef') throw state.unsupported(node, `updating the CTE column ${column}, which is computed (SQL Server refuses it: error 4406)`);
    if (joined !== undefined && refOf(e, [joined]) !== joined) throw state.unsupported(node, `the CTE column ${column}, which is not a column of ${nameOf(joined)}, the one table the UPDATE through the joined CTE changes`);
    return e.parts[e.parts.length - 1]?.name ?? column;
  }
  if (star && joined === undefined) return column;
  if (star) throw state.unsupported(node, `the column ${column} of a CTE over a join that selects *`);
  throw state.unsupported(node, `the column ${column}, which the CTE does not have`);
}

/**
 * An UPDATE … FROM's rows (`matches`: a query giving `__rid` and the new values `v0`…), one per
 * target row. A target row the FROM matches several times takes any of their values in SQL
 * Server ("the results … are undefined"): the same values everywhere are fine, different ones
 * are refused at run time.
 */
export function onePerTarget(matches: string, values: number, table: string): string {
  const v = Array.from({ length: values }, (_, i) => quote(`v${i}`)).join(', ');
  const message = `the emulator does not support an UPDATE … FROM that matches a row of ${table} with several rows giving it different values (SQL Server updates it with any one of them; make the FROM match one row)`;
  // Grouped rather than windowed (row_number/count(DISTINCT) OVER): the same rows, but DuckDB's
  // DISTINCT window aggregate cost ~10 ms of CPU even for 50 target rows, paid by every UPDATE …
  // FROM of a procedure EXECed per day or per account. first() keeps NULL (any_value would skip
  // it); where it runs, all of a group's rows give the same values.
  const firsts = Array.from({ length: values }, (_, i) => `first(${quote(`v${i}`)}) AS ${quote(`v${i}`)}`).join(', ');
  return `SELECT __rid, ${firsts} FROM (${matches}) AS __m GROUP BY __rid HAVING CASE WHEN count(*) = 1 OR count(DISTINCT row(${v})) = 1 THEN true ELSE error('${message.replace(/'/g, "''")}') END`;
}
