import type { Expression, ParsedScript, TableRef } from './ast';
import { normalizeNameParts, normalizeObjectName, splitObjectName } from './names';
import { parseScript } from './parse-script';
import { forEachStatement } from './statements';

/*
 * What a system-versioned table's DDL says (its period columns, its history table, the HIDDEN
 * ones) and what a `FOR SYSTEM_TIME …` reference asks for, read alike by the emulator
 * (src/legacy/emulator/tables/temporal.ts) and the drafts (src/draft/temporal-reads.ts).
 */

/** A system-versioned table's period: its ROW START and ROW END columns, its history table. */
export interface TemporalPeriod {
  readonly start: string;
  readonly end: string;
  /** The history table's key (normalised name) and its parts as written. */
  readonly history: string;
  readonly historyParts: readonly string[];
  /** Period columns declared HIDDEN (left out of `SELECT *` and of an INSERT without a column list). */
  readonly hidden: readonly string[];
}

const unbracket = (x: string | undefined): string => (x ?? '').replace(/^\[|\]$/g, '');

/**
 * `PERIOD FOR SYSTEM_TIME (a, b)` and `SYSTEM_VERSIONING = ON (HISTORY_TABLE = x)` in the DDL text
 * of a table named `parts`; undefined when the text does not turn versioning on. Without a PERIOD
 * in this text, start and end are '' (an earlier statement may have declared them).
 */
export function temporalPeriodOf(text: string, parts: readonly string[]): TemporalPeriod | undefined {
  if (!/SYSTEM_VERSIONING\s*=\s*ON/i.test(text)) return undefined;
  const period = /PERIOD\s+FOR\s+SYSTEM_TIME\s*\(\s*(\[[^\]]+\]|\w+)\s*,\s*(\[[^\]]+\]|\w+)\s*\)/i.exec(text);
  const history = /HISTORY_TABLE\s*=\s*((?:\[(?:[^\]]|\]\])+\]|\w+)(?:\s*\.\s*(?:\[(?:[^\]]|\]\])+\]|\w+))?)/i.exec(text);
  // Without HISTORY_TABLE, SQL Server names it MSSQL_TemporalHistoryFor_<object_id>: no script can refer to it.
  // Blanks around the dot go, those inside brackets stay (`[Customer History]`).
  const historyParts = history === null ? [parts[parts.length - 2] ?? 'dbo', `MSSQL_TemporalHistoryFor_${parts[parts.length - 1] ?? ''}`]
    : splitObjectName((history[1] ?? '').replace(/\s*\.\s*(?=[[\w])/g, '.'));
  if (historyParts.length === 1) historyParts.unshift(parts[parts.length - 2] ?? 'dbo');
  // `ValidFrom datetime2(7) GENERATED ALWAYS AS ROW START HIDDEN`: left out of SELECT * and of INSERT without a column list.
  const hidden = [...text.matchAll(/[(,]\s*(\[[^\]]+\]|\w+)\s+[^,]*?\bGENERATED\s+ALWAYS\s+AS\s+ROW\s+(?:START|END)\s+HIDDEN\b/gi)].map((m) => unbracket(m[1]));
  return { start: unbracket(period?.[1]), end: unbracket(period?.[2]), history: normalizeNameParts(historyParts), historyParts, hidden };
}

/**
 * The system-versioned tables of the scripts by key, with their period: the PERIOD FOR SYSTEM_TIME
 * of any CREATE or ALTER TABLE of the table, the history table of the statement turning versioning on.
 */
export function temporalTables(scripts: readonly ParsedScript[], defaultSchema = 'dbo'): Map<string, TemporalPeriod> {
  const periods = new Map<string, { start: string; end: string }>();
  const versioned = new Map<string, TemporalPeriod>();
  for (const script of scripts) {
    forEachStatement(script, (s) => {
      if ((s.kind !== 'CreateTable' || s.temp) && s.kind !== 'AlterTable') return;
      const text = script.lineIndex.text.slice(s.span.start.offset, s.span.end.offset);
      const key = normalizeObjectName(s.name, defaultSchema);
      const period = /PERIOD\s+FOR\s+SYSTEM_TIME\s*\(\s*(\[[^\]]+\]|\w+)\s*,\s*(\[[^\]]+\]|\w+)\s*\)/i.exec(text);
      if (period !== null) periods.set(key, { start: unbracket(period[1]), end: unbracket(period[2]) });
      const on = temporalPeriodOf(text, s.name.parts.map((p) => p.name));
      if (on !== undefined) versioned.set(key, on);
    });
  }
  return new Map([...versioned].map(([key, p]) => [key, { ...p, ...(p.start === '' ? periods.get(key) ?? {} : {}) }]));
}

/** A `FOR SYSTEM_TIME …` clause read back into expressions. */
export type SystemTimeClause =
  | { readonly kind: 'all' }
  | { readonly kind: 'as-of'; readonly at: Expression }
  | { readonly kind: 'from-to' | 'between' | 'contained'; readonly from: Expression; readonly to: Expression };

/** The FOR SYSTEM_TIME hint of a table reference, if it has one. */
export function systemTimeHint(ref: TableRef): string | undefined {
  return ref.hints.find((h) => /^FOR\s+SYSTEM_TIME\b/i.test(h));
}

/**
 * The clause of a FOR SYSTEM_TIME hint, its expressions read back with the T-SQL parser (they
 * carry no place in the procedure's file: callers locate at the table reference); the part it
 * cannot read, as text, otherwise. Its rows, with SQL Server's boundaries: AS OF x: start <= x
 * AND end > x; FROM a TO b: start < b AND end > a; BETWEEN a AND b: start <= b AND end > a;
 * CONTAINED IN (a, b): start >= a AND end <= b; ALL: every row of the table and its history.
 */
export function readSystemTimeClause(hint: string): SystemTimeClause | { readonly unread: string } {
  const body = hint.replace(/^FOR\s+SYSTEM_TIME\s+/i, '').trim();
  if (/^ALL$/i.test(body)) return { kind: 'all' };
  const asOf = /^AS\s+OF\s+([\s\S]+)$/i.exec(body);
  if (asOf !== null) {
    const at = tryOne(asOf[1] ?? '');
    return at === undefined ? { unread: `the FOR SYSTEM_TIME expression ${asOf[1] ?? ''}` } : { kind: 'as-of', at };
  }
  const contained = /^CONTAINED\s+IN\s*\(([\s\S]+)\)$/i.exec(body);
  if (contained !== null) {
    const pair = tryList(contained[1] ?? '');
    return pair?.length === 2 ? { kind: 'contained', from: pair[0] as Expression, to: pair[1] as Expression } : { unread: `FOR SYSTEM_TIME CONTAINED IN (${contained[1] ?? ''})` };
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
  return { unread: `the clause ${hint}` };
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
