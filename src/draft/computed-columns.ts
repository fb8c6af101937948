import type { ColumnDefinition } from '../tsql';
import { isRefusal, type DraftColumn, type Refusal } from './draft-model';
import { DraftScope, freshName, type DraftContext, type TableState } from './draft-scope';
import type { DdlComputedColumn } from './ddl-types';
import { quoteName } from './sql-text';
import { translateExpression } from './translate-expression';

/*
 * Computed columns (`[Line Total] AS (Qty * [Unit Price])`). SQL Server computes them from the
 * row's stored columns; a scenario's Given and a data file give only the stored ones, so reading
 * such a column as data would see NULL. The draft computes each from its definition, translated
 * like any expression over the table's stored columns, in a CTE over the table's rows.
 */

/**
 * `state`'s rows with the computed columns added (a column of the same name the rows carry is
 * replaced), or `state` refused by a definition the draft cannot translate. With `readOnly` (a
 * query's FROM, which only reads the rows) such a column is carried as refused instead, so a
 * section that never reads it (its Given lacks a stored column the definition needs) still drafts.
 */
export function withComputedColumns(ctx: DraftContext, key: string, state: TableState, computed: readonly DdlComputedColumn[], readOnly = false): TableState {
  if (state.refused || computed.length === 0) return state;
  const isComputed = (name: string): boolean => computed.some((k) => k.name.toLowerCase() === name.toLowerCase());
  const stored = state.columns.filter((c) => !isComputed(c.name));
  const alias = 'stored_row';
  const items = stored.map((c) => `${alias}.${quoteName(c.name)}`);
  const columns: DraftColumn[] = [...stored];
  for (const k of computed) {
    const v = translateDefinition(ctx, k, key, alias, stored);
    if (isRefusal(v) && readOnly) {
      columns.push({ name: k.name, type: { family: 'null' }, refused: v });
      continue;
    }
    if (isRefusal(v)) return { ...state, refused: v };
    items.push(`${v.sql} AS ${quoteName(k.name)}`);
    columns.push({ name: k.name, type: v.type });
  }
  const relation = freshName(ctx, key);
  ctx.ctes.push({ name: relation, sql: `SELECT ${items.join(', ')}\nFROM ${state.relation} ${alias}` });
  return { displayName: state.displayName, relation, columns, ...(state.empty ? { empty: true } : {}) };
}

/**
 * One definition, located in the script that declares it: a refusal names that file's
 * line and column and quotes its text, not the procedure's.
 */
function translateDefinition(ctx: DraftContext, k: DdlComputedColumn, key: string, alias: string, stored: readonly DraftColumn[]): ReturnType<typeof translateExpression> | Refusal {
  const inDdl: DraftContext = { ...ctx, file: k.file, text: k.text };
  const scope = new DraftScope(inDdl, [{ alias, tableKey: key, aliased: true, sqlAlias: alias, columns: stored }]);
  const v = translateExpression(k.expression, scope);
  // names drawn while translating must stay unique in the whole draft
  ctx.nameCounter = inDdl.nameCounter;
  if (isRefusal(v)) return { ...v, construct: `computed column ${k.name} (${v.construct})` };
  return v;
}

/**
 * A table the section creates (`CREATE TABLE #t (…, c AS (a * b))`, `DECLARE @t TABLE (…)`): its
 * computed columns are computed where it is read, as a permanent table's are; a new definition
 * of the name replaces the old one's (`SELECT … INTO #t` defines none).
 */
export function defineComputedColumns(ctx: DraftContext, key: string, columns: readonly ColumnDefinition[]): void {
  const computed = columns.flatMap((c) => (c.computed ? [{ name: c.name.name, expression: c.computed, file: ctx.file, text: ctx.text }] : []));
  const all = new Map(ctx.computed ?? []);
  if (computed.length > 0) all.set(key.toLowerCase(), computed);
  else all.delete(key.toLowerCase());
  ctx.computed = all;
}
