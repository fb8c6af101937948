import type { Expression, TableRef } from '../../../tsql';
import { readSystemTimeClause } from '../../../tsql';
import { quote, type SqlFragment, type SqlTranslator } from '../expressions';
import type { EmulatorState, TableInfo } from '../state';
import { SqlScope, type ColumnType } from '../sql-scope';
import { familyOf } from '../tsql-types';
import { familyOfDuckType } from '../sql-scope';
import { normalizeObjectName } from '../../legacy-run';

/** Columns of a table read in a query that are HIDDEN period columns: `*` leaves them out (SELECT lists them by name only). */
const hiddenColumns = new WeakSet<ColumnType>();

/** Marks the HIDDEN period columns among `columns`, the columns of `info` read as `written`; returns `columns`. */
export function markHiddenColumns(state: EmulatorState, written: string, info: TableInfo, columns: ColumnType[]): ColumnType[] {
  const def = state.definitions.get(normalizeObjectName(written));
  const hidden = def?.temporal?.hidden ?? [];
  if (hidden.length === 0 || def === undefined || state.tables.get(def.key) !== info) return columns;
  for (const c of columns) if (hidden.some((h) => h.toLowerCase() === c.name.toLowerCase())) hiddenColumns.add(c);
  return columns;
}

/** True for a HIDDEN period column (markHiddenColumns). */
export function isHiddenColumn(c: ColumnType): boolean {
  return hiddenColumns.has(c);
}

export { systemTimeHint } from '../../../tsql';

/**
 * `FROM t FOR SYSTEM_TIME …` over a system-versioned table: the current rows and the rows of
 * its history table (HISTORY_TABLE of the DDL) that qualify, with SQL Server's boundaries
 * (readSystemTimeClause).
 * Returns the derived-table SQL standing for the table.
 */
export function temporalSource(t: SqlTranslator, ref: TableRef, hint: string, info: TableInfo, scope: SqlScope | undefined): string {
  const written = ref.name.parts.map((p) => p.name).join('.');
  const def = t.state.definitions.get(normalizeObjectName(written));
  if (def?.temporal === undefined) {
    throw t.state.unsupported(ref, `FOR SYSTEM_TIME on ${written}, which its CREATE TABLE does not declare system-versioned (SQL Server: Msg 13544)`);
  }
  const history = t.state.tables.get(def.temporal.history);
  if (history === undefined) {
    throw t.state.unsupported(ref, `FOR SYSTEM_TIME on ${written}: its history table ${def.temporal.historyParts.join('.')} has no CREATE TABLE in the table scripts (SQL Server's own would hold the computed columns)`);
  }
  const column = (name: string): SqlFragment => {
    const c = info.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (c === undefined) throw t.state.unsupported(ref, `FOR SYSTEM_TIME on ${written}: no period column ${name}`);
    return { sql: quote(c.name), family: c.tsqlType === undefined ? familyOfDuckType(c.duckType) : familyOf(c.tsqlType), duckType: c.duckType, tsqlType: c.tsqlType };
  };
  const start = column(def.temporal.start);
  const end = column(def.temporal.end);
  const outer = scope ?? new SqlScope();
  const value = (e: Expression): SqlFragment => t.expr(e, outer);
  const clause = readSystemTimeClause(hint);
  if ('unread' in clause) throw t.state.unsupported(ref, clause.unread);
  const condition = (): string => {
    switch (clause.kind) {
      case 'all': return 'TRUE';
      case 'as-of': { const x = value(clause.at); return `(${t.compare('<=', start, x)} AND ${t.compare('>', end, x)})`; }
      case 'from-to': return `(${t.compare('<', start, value(clause.to))} AND ${t.compare('>', end, value(clause.from))})`;
      case 'between': return `(${t.compare('<=', start, value(clause.to))} AND ${t.compare('>', end, value(clause.from))})`;
      case 'contained': return `(${t.compare('>=', start, value(clause.from))} AND ${t.compare('<=', end, value(clause.to))})`;
    }
  };
  const cols = info.columns.map((c) => quote(c.name)).join(', ');
  return `(SELECT ${cols} FROM ${info.sqlName} WHERE ${condition()} UNION ALL SELECT ${cols} FROM ${history.sqlName} WHERE ${condition()})`;
}
