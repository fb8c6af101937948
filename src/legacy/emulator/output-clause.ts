import type { Expression, Identifier, Insert, Merge, OutputClause, Select, SelectItem, TableSource } from '../../tsql';
import { quote } from './expressions';
import { runSql } from './runtime';
import type { EmulatorState, TableInfo } from './state';

/** The rows a DML statement changed, as DuckDB temp tables with the target's columns and `__rid`. */
export interface ChangedRows {
  readonly inserted: string | undefined;
  readonly deleted: string | undefined;
  /** MERGE: the inserted table also holds `__action` ('INSERT', 'UPDATE', 'DELETE') for `$action`. */
  readonly action?: boolean;
}

/** Runs INSERT … SELECT for OUTPUT INTO; provided by dml.ts (it converts to the column types). */
export type InsertRows = (state: EmulatorState, ins: Insert) => Promise<void>;

/**
 * Emits the OUTPUT clause of an INSERT/UPDATE/DELETE from the `inserted` and `deleted` rows:
 * `inserted.*` / `deleted.*` and their columns, expressions over them, into a result set or,
 * with INTO, into a table or table variable (columns converted like any INSERT). The
 * statement's @@ROWCOUNT is kept. Rows of UPDATE pair their old and new values by row id.
 */
export async function emitOutput(state: EmulatorState, output: OutputClause, target: TableInfo, changed: ChangedRows, insertRows: InsertRows, emitResultSet: (select: Select) => Promise<void>): Promise<void> {
  const span = output.span;
  const id = (name: string): Identifier => ({ kind: 'Identifier', name, quote: 'none', span });
  const items: SelectItem[] = [];
  for (const item of output.items) {
    const e = item.expression;
    if (e.kind === 'Star') {
      const q = e.qualifier.map((p) => p.name.toLowerCase());
      const which = q[q.length - 1];
      if (which !== 'inserted' && which !== 'deleted') throw state.unsupported(item, 'OUTPUT * without inserted. or deleted.');
      for (const c of target.columns) items.push({ kind: 'SelectItem', expression: { kind: 'ColumnRef', parts: [id(which), id(c.name)], span }, alias: id(c.name), aliasStyle: 'as', span });
      continue;
    }
    checkReferences(state, e, changed);
    items.push(changed.action === true ? { ...item, expression: withAction(e, id) } : item);
  }
  const pseudo: [string, string | undefined][] = [['dbo.inserted', changed.inserted], ['dbo.deleted', changed.deleted]];
  const saved = pseudo.map(([k]) => [k, state.tables.get(k)] as const);
  const columns = [...target.columns, { name: '__rid', duckType: 'BIGINT' }, ...(changed.action === true ? [{ name: '__action', duckType: 'VARCHAR' }] : [])];
  for (const [k, sqlName] of pseudo) if (sqlName !== undefined) state.tables.set(k, { sqlName, columns, key: [], identity: undefined });
  const ref = (name: string): TableSource => ({ kind: 'TableRef', name: { kind: 'ObjectName', parts: [id(name)], span }, temp: false, alias: undefined, hints: [], span });
  const from: TableSource[] = changed.inserted !== undefined && changed.deleted !== undefined
    ? [{ kind: 'Join', joinType: 'INNER', hint: undefined, left: ref('inserted'), right: ref('deleted'), on: { kind: 'Binary', operator: '=', left: { kind: 'ColumnRef', parts: [id('inserted'), id('__rid')], span }, right: { kind: 'ColumnRef', parts: [id('deleted'), id('__rid')], span }, span }, span }]
    : [ref(changed.inserted !== undefined ? 'inserted' : 'deleted')];
  const select: Select = {
    kind: 'Select', ctes: [], recursive: false, orderBy: [], offset: undefined, fetch: undefined, forClause: undefined, option: undefined, span,
    body: { kind: 'QuerySpec', distinct: false, top: undefined, items, into: undefined, from, where: undefined, groupBy: undefined, having: undefined, span },
  };
  const rowCount = state.rowCount;
  try {
    if (output.into === undefined) await emitResultSet(select);
    else await insertRows(state, { kind: 'Insert', ctes: [], top: undefined, target: output.into, columns: output.intoColumns, output: undefined, source: select, option: undefined, span });
  } finally {
    state.rowCount = rowCount;
    for (const [k, info] of saved) { if (info === undefined) state.tables.delete(k); else state.tables.set(k, info); }
    for (const [, sqlName] of pseudo) if (sqlName !== undefined) await runSql(state, `DROP TABLE IF EXISTS ${sqlName}`, [], span);
  }
}

/** OUTPUT may name only inserted/deleted columns here (other FROM tables, $action are refused). */
function checkReferences(state: EmulatorState, e: Expression, changed: ChangedRows): void {
  const visit = (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) { x.forEach(visit); return; }
    const n = x as { kind?: string; parts?: readonly Identifier[]; span?: unknown };
    if (n.kind === 'ActionPseudoColumn' && changed.action === true) return;
    if (n.kind === 'ActionPseudoColumn') throw state.unsupported(n as never, '$action in this OUTPUT clause');
    if (n.kind === 'Subquery' || n.kind === 'Exists') throw state.unsupported(n as never, 'a subquery in an OUTPUT clause');
    if (n.kind === 'ColumnRef') {
      const q = n.parts !== undefined && n.parts.length >= 2 ? (n.parts[n.parts.length - 2]?.name ?? '').toLowerCase() : '';
      const ok = (q === 'inserted' && changed.inserted !== undefined) || (q === 'deleted' && changed.deleted !== undefined);
      if (!ok) throw state.unsupported(n as never, 'an OUTPUT column that is not inserted.<column> or deleted.<column> of this statement');
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'span') visit(v);
  };
  visit(e);
}

/** A fresh name for a temp table of changed rows. */
export function changedTableName(state: EmulatorState, what: 'inserted' | 'deleted'): string {
  return quote(`__${what}_${state.tempCounter++}`);
}

/**
 * The `inserted` rows of an INSERT: DuckDB's RETURNING gives them (identity, sequence defaults
 * and computed columns included) as text, loaded back into a temp table of the target's types.
 */
export async function insertedFromReturning(state: EmulatorState, target: TableInfo, rows: readonly Record<string, unknown>[]): Promise<string> {
  const name = changedTableName(state, 'inserted');
  const cols = target.columns.map((c) => `${quote(c.name)} ${c.duckType}`);
  await state.session.run(`CREATE TEMP TABLE ${name} (${cols.join(', ')}, "__rid" BIGINT)`);
  const chunk = 500;
  for (let i = 0; i < rows.length; i += chunk) {
    const params: unknown[] = [];
    const values = rows.slice(i, i + chunk).map((r, k) => `(${target.columns.map((c, j) => {
      params.push(r[`c${j}`] ?? null);
      return `CAST($${params.length} AS ${c.duckType})`;
    }).join(', ')}, ${i + k})`);
    await state.session.run(`INSERT INTO ${name} VALUES ${values.join(', ')}`, params as never);
  }
  return name;
}

/** `RETURNING` list that gives every column of the target as exact text (`c0`, `c1`, …). */
export function returningText(target: TableInfo): string {
  return target.columns.map((c, j) => `CAST(${quote(c.name)} AS VARCHAR) AS ${quote(`c${j}`)}`).join(', ');
}

/** `$action` as the `__action` column of the inserted rows (deeply, for `CASE $action …`). */
function withAction(e: Expression, id: (n: string) => Identifier): Expression {
  const map = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) return x.map(map);
    const n = x as { kind?: string; span?: Expression['span'] };
    if (n.kind === 'ActionPseudoColumn') return { kind: 'ColumnRef', parts: [id('inserted'), id('__action')], span: n.span };
    return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, k === 'span' ? v : map(v)]));
  };
  return map(e) as Expression;
}

/**
 * MERGE … OUTPUT: `$action` and `inserted` columns are exact for every row, `deleted` columns for
 * deleted rows; the old values of updated rows are not available from DuckDB, so `deleted.` in a
 * MERGE that updates is refused before it runs.
 */
export function checkMergeOutput(state: EmulatorState, m: Merge, output: OutputClause): void {
  const updates = m.whens.some((w) => w.action.kind === 'MergeUpdate');
  const usesDeleted = JSON.stringify(output.items, (k, v: unknown) => (k === 'span' ? undefined : v)).match(/"name":"deleted"/i) !== null;
  if (updates && usesDeleted) throw state.unsupported(output, 'deleted.<column> in the OUTPUT of a MERGE that updates (the old values of updated rows)');
}

/**
 * The changed rows of a MERGE from DuckDB's RETURNING (merge_action and the row as text): the
 * new row of an INSERT or UPDATE as `inserted`, the removed row of a DELETE as `deleted`, NULLs
 * on the other side, paired by position.
 */
export async function mergedFromReturning(state: EmulatorState, target: TableInfo, rows: readonly Record<string, unknown>[]): Promise<ChangedRows> {
  const inserted = changedTableName(state, 'inserted');
  const deleted = changedTableName(state, 'deleted');
  const cols = target.columns.map((c) => `${quote(c.name)} ${c.duckType}`).join(', ');
  await state.session.run(`CREATE TEMP TABLE ${inserted} (${cols}, "__rid" BIGINT, "__action" VARCHAR)`);
  await state.session.run(`CREATE TEMP TABLE ${deleted} (${cols}, "__rid" BIGINT, "__action" VARCHAR)`);
  for (const [i, r] of rows.entries()) {
    const action = String(r.__action);
    const params: unknown[] = [];
    const values = (present: boolean): string => target.columns.map((c, j) => {
      params.push(present ? r[`c${j}`] ?? null : null);
      return `CAST($${params.length} AS ${c.duckType})`;
    }).join(', ');
    const ins = values(action !== 'DELETE');
    await state.session.run(`INSERT INTO ${inserted} VALUES (${ins}, ${i}, '${action.replace(/'/g, "''")}')`, params as never);
    params.length = 0;
    const del = values(action === 'DELETE');
    await state.session.run(`INSERT INTO ${deleted} VALUES (${del}, ${i}, '${action.replace(/'/g, "''")}')`, params as never);
  }
  return { inserted, deleted, action: true };
}
