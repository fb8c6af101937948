import type { SourceSpan } from '../../core';
import type { Expression, Identifier, Insert, Merge, OutputClause, Select, SelectItem, TableSource } from '../../tsql';
import { walk } from '../../tsql';
import { quote } from './expressions';
import { runSql } from './runtime';
import type { EmulatorState, TableInfo } from './state';
import { withSourceColumns, type MergeSourceRows } from './merge-source-output';

/** The rows a DML statement changed, as DuckDB temp tables with the target's columns and `__rid`. */
export interface ChangedRows {
  readonly inserted: string | undefined;
  readonly deleted: string | undefined;
  /** MERGE: the inserted table also holds `__action` ('INSERT', 'UPDATE', 'DELETE') for `$action`. */
  readonly action?: boolean;
  /** MERGE: the source columns its OUTPUT reads, paired with the changed rows by `__rid` (merge-source-output.ts). */
  readonly source?: MergeSourceRows;
}

/** Runs INSERT … SELECT for OUTPUT INTO; provided by dml.ts (it converts to the column types). */
export type InsertRows = (state: EmulatorState, ins: Insert) => Promise<void>;

/** Where the rows of an OUTPUT without INTO go instead of a result set: composable DML's table (composable-dml.ts). */
export const outputSinks = new WeakMap<OutputClause, (select: Select) => Promise<void>>();

/** The INSERTs emitOutput makes for `OUTPUT … INTO` (dml.ts names them so where their identity values are unordered). */
export const outputIntoInserts = new WeakSet<Insert>();

/**
 * Emits the OUTPUT clause of an INSERT/UPDATE/DELETE from the `inserted` and `deleted` rows:
 * `inserted.*` / `deleted.*` and their columns, expressions over them, into a result set or,
 * with INTO, into a table or table variable (columns converted like any INSERT). The
 * statement's @@ROWCOUNT is kept. Rows of UPDATE pair their old and new values by row id.
 */
export async function emitOutput(state: EmulatorState, output: OutputClause, target: TableInfo, changed: ChangedRows, insertRows: InsertRows, emitResultSet: (select: Select) => Promise<void>): Promise<void> {
  // Its items would need every check the first clause's get (rowversion, period columns, MERGE's pairing): refused until then.
  if (output.returned !== undefined) throw state.unsupported(output.returned, 'a second OUTPUT (a result set) after OUTPUT … INTO');
  const span = output.span;
  const id = (name: string): Identifier => ({ kind: 'Identifier', name, quote: 'none', span });
  const items: SelectItem[] = [];
  const sourceAlias = '__merge_source';
  for (const item of changed.source === undefined ? output.items : withSourceColumns(output.items, changed.source, sourceAlias, id)) {
    const e = item.expression;
    if (e.kind === 'Star') {
      const q = e.qualifier.map((p) => p.name.toLowerCase());
      const which = q[q.length - 1];
      if (which !== 'inserted' && which !== 'deleted') throw state.unsupported(item, 'OUTPUT * without inserted. or deleted.');
      for (const c of target.columns) items.push({ kind: 'SelectItem', expression: { kind: 'ColumnRef', parts: [id(which), id(c.name)], span }, alias: id(c.name), aliasStyle: 'as', span });
      continue;
    }
    checkReferences(state, e, changed);
    // A bare $action names its result column as written (`$action`, `$ACTION`), as SQL Server does.
    const named = item.alias === undefined && e.kind === 'ActionPseudoColumn'
      ? { alias: id(state.frame.script.lineIndex.text.slice(e.span.start.offset, e.span.end.offset)), aliasStyle: 'as' as const }
      : {};
    items.push(changed.action === true ? { ...item, ...named, expression: withAction(e, id) } : item);
  }
  const pseudo: [string, string | undefined][] = [['dbo.inserted', changed.inserted], ['dbo.deleted', changed.deleted]];
  const saved = pseudo.map(([k]) => [k, state.tables.get(k)] as const);
  const columns = [...target.columns, { name: '__rid', duckType: 'BIGINT' }, ...(changed.action === true ? [{ name: '__action', duckType: 'VARCHAR' }] : [])];
  for (const [k, sqlName] of pseudo) if (sqlName !== undefined) state.tables.set(k, { sqlName, columns, key: [], identity: undefined });
  const source = changed.source;
  const savedSource = state.tables.get(`dbo.${sourceAlias}`);
  if (source !== undefined) state.tables.set(`dbo.${sourceAlias}`, { sqlName: source.table, columns: [...[...source.columns.values()].map((c) => ({ name: c.name, duckType: c.duckType, tsqlType: c.tsqlType })), { name: '__rid', duckType: 'BIGINT' }], key: [], identity: undefined });
  const ref = (name: string): TableSource => ({ kind: 'TableRef', name: { kind: 'ObjectName', parts: [id(name)], span }, temp: false, alias: undefined, hints: [], span });
  const byRid = (a: string, b: string): Expression => ({ kind: 'Binary', operator: '=', left: { kind: 'ColumnRef', parts: [id(a), id('__rid')], span }, right: { kind: 'ColumnRef', parts: [id(b), id('__rid')], span }, span });
  const paired: TableSource = changed.inserted !== undefined && changed.deleted !== undefined
    ? { kind: 'Join', joinType: 'INNER', hint: undefined, left: ref('inserted'), right: ref('deleted'), on: byRid('inserted', 'deleted'), span }
    : ref(changed.inserted !== undefined ? 'inserted' : 'deleted');
  const from: TableSource[] = [source === undefined ? paired : { kind: 'Join', joinType: 'LEFT', hint: undefined, left: paired, right: ref(sourceAlias), on: byRid(changed.inserted !== undefined ? 'inserted' : 'deleted', sourceAlias), span }];
  const select: Select = {
    kind: 'Select', ctes: [], recursive: false, orderBy: [], offset: undefined, fetch: undefined, forClause: undefined, option: undefined, span,
    body: { kind: 'QuerySpec', distinct: false, top: undefined, items, into: undefined, from, where: undefined, groupBy: undefined, having: undefined, span },
  };
  const rowCount = state.rowCount;
  try {
    if (output.into === undefined) await (outputSinks.get(output) ?? emitResultSet)(select);
    else {
      const insert: Insert = { kind: 'Insert', ctes: [], top: undefined, target: output.into, columns: output.intoColumns, output: undefined, source: select, option: undefined, span };
      outputIntoInserts.add(insert);
      await insertRows(state, insert);
    }
  } finally {
    state.rowCount = rowCount;
    for (const [k, info] of saved) { if (info === undefined) state.tables.delete(k); else state.tables.set(k, info); }
    if (savedSource === undefined) state.tables.delete(`dbo.${sourceAlias}`); else state.tables.set(`dbo.${sourceAlias}`, savedSource);
    for (const [, sqlName] of pseudo) if (sqlName !== undefined) await runSql(state, `DROP TABLE IF EXISTS ${sqlName}`, [], span);
    if (source !== undefined) await runSql(state, `DROP TABLE IF EXISTS ${source.table}`, [], span);
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
      const ok = (q === 'inserted' && changed.inserted !== undefined) || (q === 'deleted' && changed.deleted !== undefined) || (q === '__merge_source' && changed.source !== undefined);
      if (!ok && changed.action === true) throw state.unsupported(n as never, MERGE_SOURCE_OUTPUT);
      if (!ok) throw state.unsupported(n as never, 'an OUTPUT column that is not inserted.<column> or deleted.<column> of this statement');
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'span') visit(v);
  };
  visit(e);
}

/**
 * A MERGE's OUTPUT reads source columns qualified by the source's alias (`src.Code`, paired in
 * merge-source-output.ts); anything else (an unqualified name, another table) is refused.
 */
const MERGE_SOURCE_OUTPUT = 'an OUTPUT column of a MERGE that is not inserted.<column>, deleted.<column>, $action or a column of its USING source qualified by the source\'s alias (src.<column>)';

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
 * deleted rows, from DuckDB's RETURNING (beside WHEN NOT MATCHED BY SOURCE THEN UPDATE, which
 * DuckDB returns wrongly, dml.ts reads them by key instead: merge-changes-by-key.ts).
 * RETURNING gives only the new values of an updated row (and no row id), so when the OUTPUT reads
 * `deleted.` and the MERGE updates, the old values come from an image of the target taken before
 * it runs, paired by the PRIMARY KEY: the returned row carries its key, which no UPDATE of this
 * MERGE may assign. Returns the key columns to pair by, empty when no pairing is needed; refused
 * before the MERGE runs when the target has no such key.
 */
export function mergeOutputPairing(state: EmulatorState, m: Merge, output: OutputClause, target: TableInfo): readonly string[] {
  const updates = m.whens.flatMap((w) => (w.action.kind === 'MergeUpdate' ? [w.action] : []));
  const items = JSON.stringify(output.items, (k, v: unknown) => (k === 'span' ? undefined : v));
  const usesDeleted = /"name":"deleted"/i.test(items);
  if (updates.length === 0 || !usesDeleted) return [];
  const key = target.key.map((k) => k.toLowerCase());
  const assigned = updates.flatMap((u) => u.assignments).find((a) => key.includes((a.column?.parts[a.column.parts.length - 1]?.name ?? '').toLowerCase()));
  if (key.length === 0 || assigned !== undefined) {
    throw state.unsupported(assigned ?? output, `deleted.<column> in the OUTPUT of a MERGE that updates ${key.length === 0 ? 'a table without a PRIMARY KEY' : 'a column of the PRIMARY KEY'} (the old values of updated rows are found by that key)`);
  }
  return target.key;
}

/** A copy of the target's rows before a MERGE whose OUTPUT pairs old values by `key` (see mergeOutputPairing). */
export async function mergePreImage(state: EmulatorState, target: TableInfo, key: readonly string[], span: SourceSpan): Promise<string | undefined> {
  if (key.length === 0) return undefined;
  const name = quote(`__merge_before_${state.tempCounter++}`);
  // runSql: buffered writes to the target reach DuckDB before the image is taken.
  await runSql(state, `CREATE TEMP TABLE ${name} AS SELECT * FROM ${target.sqlName}`, [], span);
  return name;
}

/**
 * The changed rows of a MERGE from DuckDB's RETURNING (merge_action and the row as text): the
 * new row of an INSERT or UPDATE as `inserted`, the removed row of a DELETE as `deleted`, NULLs
 * on the other side, paired by position. With a `before` image, an UPDATE's `deleted` side is its
 * row there, found by `key`.
 */
export async function mergedFromReturning(state: EmulatorState, target: TableInfo, rows: readonly Record<string, unknown>[], before?: { readonly table: string; readonly key: readonly string[] }): Promise<ChangedRows> {
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
  if (before !== undefined) {
    // The key is never assigned by the MERGE's UPDATEs, so an updated row keeps the key of its old
    // row, and the PRIMARY KEY makes that row the only one.
    const sets = target.columns.map((c) => `${quote(c.name)} = __b.${quote(c.name)}`).join(', ');
    const same = before.key.map((k) => `__b.${quote(k)} = __i.${quote(k)}`).join(' AND ');
    await state.session.run(`UPDATE ${deleted} AS __d SET ${sets} FROM ${inserted} AS __i, ${before.table} AS __b WHERE __i."__rid" = __d."__rid" AND __i."__action" = 'UPDATE' AND ${same}`);
  }
  return { inserted, deleted, action: true };
}

/**
 * Whether an OUTPUT clause may pass on the identity values its statement drew: it names the
 * identity column (`inserted.[Customer Key]`, any qualifier: conservative), a `*`, or a computed
 * column that may read the identity. When not, a MERGE's unordered numbering reaches the identity
 * column alone (taint-sources.ts), as without OUTPUT: `$action`, the business columns and the log
 * table's own identity (tainted on its own) are the statement's.
 */
export function outputMayCarryIdentity(output: OutputClause, info: TableInfo): boolean {
  const identity = info.identity?.column.toLowerCase();
  if (identity === undefined) return false;
  const readsIdentity = new Set([identity, ...info.columns.filter((c) => c.computed === true && (c.computedFrom?.includes(identity) ?? true)).map((c) => c.name.toLowerCase())]);
  let carries = false;
  const visit = (x: OutputClause): void => walk(x, (n) => {
    if (carries) return false;
    if (n.kind === 'Star') carries = true;
    else if (n.kind === 'ColumnRef' && readsIdentity.has((n.parts[n.parts.length - 1]?.name ?? '').toLowerCase())) carries = true;
    return undefined;
  });
  visit(output);
  return carries;
}
