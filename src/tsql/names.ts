import type { Identifier, ObjectName, TableSource } from './ast';
import { RESERVED } from './parser-core';

/**
 * Normalises an object name to the form the analyze contract uses: parts without brackets or
 * quotes, lower-case, `schema.name` with `defaultSchema` when no schema is written, and the
 * database (and server) kept as prefixes when written: `[Sales].[Orders]` -> `sales.orders`,
 * `Orders` -> `dbo.orders`, `db..t` -> `db.dbo.t`, `srv.db.s.t` -> `srv.db.s.t`.
 */
export function normalizeObjectName(name: ObjectName | readonly Identifier[], defaultSchema = 'dbo'): string {
  return normalizeNameParts(('kind' in name ? name.parts : name).map((p) => p.name), defaultSchema);
}

/** {@link normalizeObjectName} of a name given as its parts, unquoted (an empty part where two
 * dots meet: `db..t` is `['db', '', 't']`). */
export function normalizeNameParts(names: readonly string[], defaultSchema = 'dbo'): string {
  const parts = localNameParts(names).map((p) => p.toLowerCase());
  const base = parts[parts.length - 1] ?? '';
  if (parts.length <= 1) return `${defaultSchema}.${base}`;
  const schema = parts[parts.length - 2] || defaultSchema;
  const prefix = parts.slice(0, -2);
  return [...prefix, schema, base].join('.');
}

/**
 * A name's parts without a database part that names the database itself: SSDT defines the
 * SQLCMD variable `$(DatabaseName)` as the name of the database being deployed, so
 * `[$(DatabaseName)].dbo.Currency` is this database's `dbo.Currency` (sqlcmd's variable names are
 * case-insensitive). Any other database part (`[$(LinkedDb)].dbo.T`, `RefData.dbo.T`) and a
 * four-part name's (another server) stay: those are other tables.
 */
export function localNameParts<T extends string>(parts: readonly T[]): readonly T[] {
  return parts.length === 3 && parts[0]?.toLowerCase() === '$(databasename)' ? parts.slice(1) : parts;
}

/** True for `#t` (local) and `##t` (global) temporary table names. */
export function isTempName(name: ObjectName | string): boolean {
  const last = typeof name === 'string' ? name : name.parts[name.parts.length - 1]?.name ?? '';
  return last.startsWith('#');
}

/** The last part of a name (`dbo.t` -> `t`), as written without brackets. */
export function baseName(name: ObjectName): string {
  return name.parts[name.parts.length - 1]?.name ?? '';
}

/**
 * The parts of a name as people read them: joined by dots, brackets removed, except around a
 * part that holds a dot or a bracket, which keeps T-SQL's brackets (`]` doubled) so the parts
 * can still be told apart: `Dimension.Stock Item`, `Reporting.[City]]Totals.v2]`.
 */
export function displayObjectName(parts: readonly string[]): string {
  return parts.map((p) => (/[.[\]]/.test(p) ? `[${p.replace(/]/g, ']]')}]` : p)).join('.');
}

/**
 * The alias under which a FROM list (joins included) reads the one-part name `name` (a CTE's), if
 * it does: its alias, or the name as written.
 */
export function aliasOfOnePartName(from: readonly TableSource[], name: string): string | undefined {
  for (const s of from) {
    if (s.kind === 'Join') {
      const hit = aliasOfOnePartName([s.left, s.right], name);
      if (hit !== undefined) return hit;
    } else if (s.kind === 'TableRef' && s.name.parts.length === 1 && s.name.parts[0]?.name.toLowerCase() === name.toLowerCase()) {
      return s.alias?.name ?? s.name.parts[0]?.name;
    }
  }
  return undefined;
}

/** Splits a name written as text (`[a].[b]`, `"a"."b"`, `a.b`, as sp_rename and object names in
 * strings are) into its unquoted parts, keeping dots inside brackets. Where two dots meet
 * (`master..spt_values`) the omitted schema is an empty part, as {@link normalizeNameParts}
 * expects, so the name is `master.dbo.spt_values` and never a schema named `master`. */
export function splitObjectName(name: string): string[] {
  const parts: string[] = [];
  const re = /\[((?:[^\]]|\]\])*)\]|"((?:[^"]|"")*)"|(\.)|([^.[\]"]+)/g;
  let m: RegExpExecArray | null;
  let afterDot = false;
  while ((m = re.exec(name)) !== null) {
    if (m[3] !== undefined) {
      if (afterDot && parts.length > 0) parts.push('');
      afterDot = true;
      continue;
    }
    if (m[1] !== undefined) parts.push(m[1].replace(/\]\]/g, ']'));
    else if (m[2] !== undefined) parts.push(m[2].replace(/""/g, '"'));
    else if (m[4] !== undefined && m[4].trim() !== '') parts.push(m[4].trim());
    else continue;
    afterDot = false;
  }
  return parts;
}

const REGULAR_IDENTIFIER = /^[\p{L}_@#][\p{L}\p{Nd}_@#$]*$/u;

/** True when a name part can be written without brackets: a regular identifier, not reserved. */
export function isRegularIdentifier(part: string): boolean {
  return REGULAR_IDENTIFIER.test(part) && !RESERVED.has(part.toUpperCase());
}

/** One name part as T-SQL writes it: bare when regular, else `[part]` with `]` doubled. */
export function quoteNamePart(part: string): string {
  return isRegularIdentifier(part) ? part : `[${part.replace(/]/g, ']]')}]`;
}

/**
 * A catalog view (`sys.columns`, `INFORMATION_SCHEMA.COLUMNS`, `master.sys.tables`): parts as
 * written or normalised. Every database has them and no script creates them; their rows describe
 * the database itself, so they are no business input a spec or a data folder could give.
 */
export function isCatalogViewName(parts: readonly string[]): boolean {
  const schema = parts.length >= 2 ? (parts[parts.length - 2] ?? '').toLowerCase() : '';
  return schema === 'sys' || schema === 'information_schema';
}
