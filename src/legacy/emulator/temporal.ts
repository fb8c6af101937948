import type { Expression, TableRef } from '../../tsql';
import { parseScript } from '../../tsql';
import { quote, type SqlFragment, type SqlTranslator } from './expressions';
import type { EmulatorState, TableInfo } from './state';
import { SqlScope, type ColumnType } from './sql-scope';
import { familyOf } from './tsql-types';
import { familyOfDuckType } from './sql-scope';
import { normalizeObjectName } from '../legacy-run';

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

/** The FOR SYSTEM_TIME hint of a table reference, if it has one. */
export function systemTimeHint(ref: TableRef): string | undefined {
  return ref.hints.find((h) => /^FOR\s+SYSTEM_TIME\b/i.test(h));
}

/**
 * `FROM t FOR SYSTEM_TIME …` over a system-versioned table: the current rows and the rows of
 * its history table (HISTORY_TABLE of the DDL) that qualify, with SQL Server's boundaries:
 * AS OF x: start <= x AND end > x; FROM a TO b: start < b AND end > a; BETWEEN a AND b:
 * start <= b AND end > a; CONTAINED IN (a, b): start >= a AND end <= b; ALL: every row.
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
  const condition = (): string => {
    const clause = readClause(t, ref, hint);
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

type Clause =
  | { kind: 'all' }
  | { kind: 'as-of'; at: Expression }
  | { kind: 'from-to' | 'between' | 'contained'; from: Expression; to: Expression };

/** Reads the hint text back into expressions with the T-SQL parser. */
function readClause(t: SqlTranslator, ref: TableRef, hint: string): Clause {
  const body = hint.replace(/^FOR\s+SYSTEM_TIME\s+/i, '').trim();
  if (/^ALL$/i.test(body)) return { kind: 'all' };
  const asOf = /^AS\s+OF\s+([\s\S]+)$/i.exec(body);
  if (asOf !== null) return { kind: 'as-of', at: one(t, ref, asOf[1] ?? '') };
  const contained = /^CONTAINED\s+IN\s*\(([\s\S]+)\)$/i.exec(body);
  if (contained !== null) {
    const pair = list(t, ref, contained[1] ?? '');
    return { kind: 'contained', from: pair[0] as Expression, to: pair[1] as Expression };
  }
  const range = /^(FROM|BETWEEN)\s+([\s\S]+)$/i.exec(body);
  if (range !== null) {
    const separator = (range[1] ?? '').toUpperCase() === 'FROM' ? 'TO' : 'AND';
    const text = range[2] ?? '';
    // The first split at the keyword where both sides parse as expressions.
    const re = new RegExp(`\\s${separator}\\s`, 'gi');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const from = tryOne(text.slice(0, m.index));
      const to = tryOne(text.slice(m.index + m[0].length));
      if (from !== undefined && to !== undefined) return { kind: separator === 'TO' ? 'from-to' : 'between', from, to };
    }
  }
  throw t.state.unsupported(ref, `the clause ${hint}`);
}

function tryOne(text: string): Expression | undefined {
  const items = tryList(text);
  return items?.length === 1 ? items[0] : undefined;
}

function tryList(text: string): Expression[] | undefined {
  const script = parseScript(`SELECT ${text}`, { file: '<FOR SYSTEM_TIME>' });
  const s = script.batches[0]?.statements[0];
  if (script.diagnostics.some((d) => d.severity === 'error') || s?.kind !== 'Select' || s.body.kind !== 'QuerySpec' || s.body.from.length > 0) return undefined;
  const out: Expression[] = [];
  for (const item of s.body.items) {
    if (item.kind !== 'SelectItem' || item.alias !== undefined) return undefined;
    out.push(item.expression);
  }
  return out;
}

function one(t: SqlTranslator, ref: TableRef, text: string): Expression {
  const e = tryOne(text);
  if (e === undefined) throw t.state.unsupported(ref, `the FOR SYSTEM_TIME expression ${text}`);
  return e;
}

function list(t: SqlTranslator, ref: TableRef, text: string): Expression[] {
  const items = tryList(text);
  if (items?.length !== 2) throw t.state.unsupported(ref, `FOR SYSTEM_TIME CONTAINED IN (${text})`);
  return items;
}
