import { findAll, type OutputClause } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal, type Translated } from './draft-model';
import { DraftScope, refuseAt, type DraftContext, type SourceBinding } from './draft-scope';
import { storeAs } from './store-value';
import { quoteName } from './sql-text';
import { duckTypeOf, type SqlType } from './sql-types';
import { translateExpression } from './translate-expression';
import { addCte, defaultItem, setTable, targetState } from './translate-statements';
import { untracked } from './translate-dml';

/*
 * `OUTPUT inserted.c, deleted.c, src.c [, $action] INTO @t [(cols)]` of a MERGE, an UPDATE or a
 * DELETE (the archiving idiom `DELETE FROM dbo.Lot OUTPUT deleted.* INTO dbo.[Lot Archive] WHERE …`):
 * one row per target row the statement changed, read from its changed rows (translate-merge.ts
 * classifies a MERGE's, translate-dml.ts gives an UPDATE's and a DELETE's). `inserted` is the
 * row's new values (NULL for a DELETE), `deleted` its old values (NULL for an INSERT), the
 * source's columns those of the source row that matched or was inserted (NULL for a row
 * NOT MATCHED BY SOURCE), `$action` 'INSERT', 'UPDATE' or 'DELETE' (nvarchar(10), the MERGE
 * page). The rows are appended to the INTO table as an INSERT stores them.
 */

/** A statement's changed rows: per row the target's new values, old values, source columns and action. */
export interface ChangedRows {
  readonly relation: string;
  /** The column holding the action taken ('INSERT', 'UPDATE', 'DELETE'; NULL: none). */
  readonly action: string;
  /** The target's columns: the new values under their own names. */
  readonly columns: readonly DraftColumn[];
  /** The column holding the old value of the target's i-th column. */
  readonly old: (i: number) => string;
  readonly sources: readonly { readonly binding: SourceBinding; readonly column: (i: number) => string }[];
}

const ACTION_TYPE: SqlType = { family: 'string', unicode: true, length: 10 };

/** Appends the OUTPUT rows of a MERGE, UPDATE or DELETE (`verb`) to its INTO table, or refuses. */
export function outputInto(out: OutputClause, rows: ChangedRows, targetKey: string, ctx: DraftContext, verb: 'MERGE' | 'UPDATE' | 'DELETE'): Refusal | undefined {
  if (!out.into) return refuseAt(ctx, out.span, `${verb} … OUTPUT without INTO`, 'a result set of the changed rows is not translated');
  if (out.returned) return refuseAt(ctx, out.returned.span, `${verb} … OUTPUT … INTO … OUTPUT`, 'the second OUTPUT, a result set of the changed rows, is not translated');
  const into = targetState(ctx, out.into);
  if (isRefusal(into)) return into;
  if (into.key === targetKey) return refuseAt(ctx, out.into.span, `OUTPUT INTO the ${verb} target`, 'not translated');
  const M = '__draft_m';
  const lateral = (alias: string, items: readonly string[]): string => `LATERAL (SELECT ${items.join(', ')}) ${quoteName(alias)}`;
  // inserted: the new values of the rows inserted or updated; deleted: the old values of those updated or deleted
  const ins = rows.columns.map((c) => `CASE WHEN ${M}.${rows.action} = 'DELETE' THEN NULL ELSE ${M}.${quoteName(c.name)} END AS ${quoteName(c.name)}`);
  const del = rows.columns.map((c, i) => `${M}.${rows.old(i)} AS ${quoteName(c.name)}`);
  const bindings: SourceBinding[] = [
    { alias: 'inserted', tableKey: undefined, aliased: true, sqlAlias: '__draft_inserted', columns: rows.columns },
    { alias: 'deleted', tableKey: undefined, aliased: true, sqlAlias: '__draft_deleted', columns: rows.columns },
  ];
  const froms = [`${rows.relation} ${M}`, lateral('__draft_inserted', ins), lateral('__draft_deleted', del)];
  rows.sources.forEach((s, j) => {
    if (s.binding.columns.length === 0) return;
    const sqlAlias = `__draft_source${j}`;
    bindings.push({ ...s.binding, sqlAlias });
    froms.push(lateral(sqlAlias, s.binding.columns.map((c, i) => `${M}.${s.column(i)} AS ${quoteName(c.name)}`)));
  });
  const scope = new DraftScope(ctx, bindings);
  const values: { value: Translated; at: OutputClause['items'][number] }[] = [];
  for (const item of out.items) {
    const e = item.expression;
    if (e.kind === 'Star') {
      const q = e.qualifier.map((p) => p.name.toLowerCase()).join('.');
      const b = q === 'inserted' || q === 'deleted' ? bindings.find((x) => x.alias === q) : undefined;
      if (!b) return refuseAt(ctx, item.span, `OUTPUT ${e.qualifier.map((p) => `${p.name}.`).join('')}*`, 'only inserted.* and deleted.* are translated');
      for (const c of b.columns) values.push({ value: { kind: 'translated', sql: `${b.sqlAlias}.${quoteName(c.name)}`, type: c.type }, at: item });
      continue;
    }
    if (e.kind === 'ActionPseudoColumn') { values.push({ value: { kind: 'translated', sql: `${M}.${rows.action}`, type: ACTION_TYPE }, at: item }); continue; }
    const action = findAll(e, 'ActionPseudoColumn')[0];
    if (action) return refuseAt(ctx, action.span, '$action in an expression', 'only a bare $action is translated');
    const v = translateExpression(e, scope);
    if (isRefusal(v)) return v;
    values.push({ value: v, at: item });
  }
  const cols = into.state.columns;
  const named = out.intoColumns.length > 0 ? out.intoColumns.map((c) => c.name) : cols.filter((c) => c.identity === undefined).map((c) => c.name);
  if (named.length !== values.length) return refuseAt(ctx, out.span, 'OUTPUT … INTO', `${named.length} columns named, ${values.length} values`);
  for (const x of named) if (!cols.some((c) => c.name.toLowerCase() === x.toLowerCase())) ctx.notes.push(untracked(into.state.displayName, x));
  const items: string[] = [];
  for (const c of cols) {
    const idx = named.findIndex((x) => x.toLowerCase() === c.name.toLowerCase());
    const v = values[idx];
    if (!v) {
      // a column OUTPUT INTO does not name gets its DEFAULT (an identity refuses), as an INSERT's does
      const d = defaultItem(c, scope, out);
      if (isRefusal(d)) return d;
      items.push(d ?? `CAST(NULL AS ${duckTypeOf(c.type) ?? 'VARCHAR'}) AS ${quoteName(c.name)}`);
      continue;
    }
    const stored = storeAs(v.value, c.type, scope, v.at.expression, into.state.displayName, c.name);
    if (isRefusal(stored)) return stored;
    items.push(`${stored.sql} AS ${quoteName(c.name)}`);
  }
  const added = `SELECT ${items.join(', ')}\nFROM ${froms.join(', ')}\nWHERE ${M}.${rows.action} IS NOT NULL`;
  const sql = into.state.empty ? added : `SELECT * FROM ${into.state.relation}\nUNION ALL\n${added}`;
  setTable(ctx, into.key, { displayName: into.state.displayName, relation: addCte(ctx, into.key, sql), columns: cols });
  return undefined;
}
