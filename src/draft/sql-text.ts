/*
 * SQL text helpers. Translated SQL holds placeholders for parameters, input tables and the clock
 * (the renderer turns them into `${param('@X')}` / `${table('T')}` / `${clock()}` in the
 * transform's template literal), so the translation itself never writes TypeScript.
 */

import { equatedTextSql, holdsEquatedText, likeExpandingIn, likeExpansionRisk, likeExpansionRiskSql } from '../tsql';

const MARK = '\u0000';

/** Placeholder for a transform parameter. */
export function placeholderParam(name: string): string {
  return `${MARK}P${name}${MARK}`;
}

/** Placeholder for an input table of the transform. */
export function placeholderTable(name: string): string {
  return `${MARK}T${name}${MARK}`;
}

/** Placeholder for the run's clock (the transform's `clock()`: what GETDATE() read). */
export function placeholderClock(): string {
  return `${MARK}C${MARK}`;
}

/** Placeholder for the run's clock in UTC (the transform's `utcClock()`: what SYSUTCDATETIME() read). */
export function placeholderUtcClock(): string {
  return `${MARK}U${MARK}`;
}

/** A piece of SQL with placeholders: text, a parameter, an input table or the clock (local, or UTC). */
export type SqlPiece = { readonly text: string } | { readonly param: string } | { readonly table: string } | { readonly clock: true; readonly utc?: true };

/** Splits SQL text with placeholders into text and placeholder pieces, in order. */
export function splitPlaceholders(sql: string): SqlPiece[] {
  const out: SqlPiece[] = [];
  const re = new RegExp(`${MARK}([PTCU])([^${MARK}]*)${MARK}`, 'g');
  let last = 0;
  for (let m = re.exec(sql); m !== null; m = re.exec(sql)) {
    if (m.index > last) out.push({ text: sql.slice(last, m.index) });
    out.push(m[1] === 'P' ? { param: m[2] as string } : m[1] === 'T' ? { table: m[2] as string } : m[1] === 'U' ? { clock: true, utc: true } : { clock: true });
    last = m.index + m[0].length;
  }
  if (last < sql.length) out.push({ text: sql.slice(last) });
  return out;
}

// DuckDB keywords that cannot be bare column or alias names (a conservative list).
const KEYWORDS = new Set(['all', 'and', 'any', 'as', 'asc', 'between', 'by', 'case', 'cast', 'check', 'collate', 'column', 'constraint', 'create', 'default', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for', 'from', 'grant', 'group', 'having', 'in', 'intersect', 'into', 'is', 'join', 'key', 'left', 'right', 'limit', 'not', 'null', 'offset', 'on', 'or', 'order', 'over', 'primary', 'references', 'select', 'table', 'then', 'to', 'true', 'union', 'unique', 'user', 'using', 'when', 'where', 'window', 'with', 'date', 'time', 'timestamp', 'interval', 'value', 'values', 'year', 'month', 'day', 'hour', 'minute', 'second', 'full', 'inner', 'outer', 'cross', 'natural', 'array', 'row', 'rows', 'range', 'current', 'both', 'only', 'some', 'similar', 'like', 'ilike', 'glob', 'pivot', 'unpivot', 'qualify', 'asof', 'anti', 'semi', 'positional', 'lateral', 'returning', 'filter', 'within']);

/** An identifier for DuckDB: bare when plain, else double-quoted (`"WWI City ID"`). */
export function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toLowerCase()) ? name : `"${name.replace(/"/g, '""')}"`;
}

/**
 * `body` of `sql` computed once per row, `sql` named `name` in it: a one-item list and a lambda,
 * since DuckDB evaluates every copy of a repeated expression (a value written once, however long,
 * whichever uses it).
 */
export function computedOnce(sql: string, name: string, body: string): string {
  return `list_transform([${sql}], lambda ${name}: ${body})[1]`;
}

/** A DuckDB string literal. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Why a drafted query stops where text holding characters the collation may equate with another
 * spelling is compared, grouped or searched (`construct` names the place, the value follows).
 */
export function equatedTextStop(construct: string): string {
  return `${construct}: the text holds characters SQL Server's collation may equate with other spellings (ß and ss, æ and ae, ² and 2, ignorable ones, other scripts), which the draft tells apart by code points: `;
}

/**
 * `sql` (text) where the collation compares it, or a stop of the query with `stop` (file:line:col
 * and equatedTextStop) and the value when the text holds a character the collation may equate
 * with another spelling (N'Straße' and N'Strasse' are one group to SQL Server, two by code
 * points): the emulator's tsql_str refuses the same characters (src/tsql/collation-equated-text.ts).
 * A literal is checked here: a plain one needs no check at run time.
 */
export function comparedText(sql: string, stop: string): string {
  const literal = /^'((?:[^']|'')*)'$/.exec(sql);
  if (literal !== null && !holdsEquatedText((literal[1] as string).replace(/''/g, "'"))) return sql;
  return `(CASE WHEN ${equatedTextSql(sql)} THEN error(${stringLiteral(stop)} || '''' || ${sql} || '''') ELSE ${sql} END)`;
}

/**
 * Comparison key of a text value under SQL_Latin1_General_CP1_CI_AS (the example's and most
 * databases' default): case-insensitive, trailing blanks ignored. The same rule as
 * src/engine/sql-server-semantics.ts `collationKey`. Text the collation may equate with
 * another spelling stops the query with `stop` (see comparedText).
 */
export function collationKey(sql: string, stop: string): string {
  return `lower(rtrim(${comparedText(sql, stop)}, ' '))`;
}

/**
 * A CASE branch (` WHEN … THEN error(…)`, or '') stopping a LIKE or PATINDEX of the constant
 * `pattern` over the text `value` where SQL Server's collation may match an expanding letter with
 * its spelled-out form (N'Straße' LIKE N'Stras%' is true) or ignore a soft hyphen, as the
 * emulator's does (src/tsql/collation-equated-text.ts); `construct` names it, `at` its
 * file:line:col. A pattern from the data (`{ sql }`) is judged the same way on its value at run time.
 */
export function likeExpansionWhen(value: string, pattern: string | { readonly sql: string }, construct: string, at: (message: string) => string): string {
  const stop = `error(${stringLiteral(at(`${construct}: SQL Server's collation may match an expanding letter with its spelled-out form (ß = ss, æ = ae, œ = oe, ĳ = ij) or ignore a soft hyphen, which the draft matches by code points: `))} || '''' || ${value} || '''')`;
  if (typeof pattern !== 'string') return ` WHEN ${likeExpansionRiskSql(value, pattern.sql)} THEN ${stop}`;
  return likeExpansionRisk(pattern) ? ` WHEN regexp_matches(${value}, '${likeExpandingIn(pattern)}') THEN ${stop}` : '';
}

/** Where a draft orders text (ORDER BY, OVER, WITHIN GROUP, TOP): the note its file carries. */
export const TEXT_ORDER_NOTE = 'text is ordered as SQL Server\'s case-insensitive collation orders letters, digits and accented letters (\'étape\' between \'email\' and \'fax\'); where two values first differ at punctuation, which SQL Server\'s collations order differently, the draft stops';

/** The stop of a query ordering a text value whose letters the collation orders by rules not reproduced. */
export const TEXT_ORDER_CHARS = 'ordering text holding letters outside ASCII and its accented forms (ß, æ, ø, other scripts) by SQL Server\'s collation, whose rules the draft does not reproduce: ';

/**
 * Sort key of a text value under the default collation, the emulator's
 * (src/legacy/emulator/tsql-macros.ts tsql_collation_key): the letters without accents and
 * case first, then the value in lower case, so 'étape' sorts between 'email' and 'fax' where
 * lower() alone puts every accented letter after 'z' (a RANK, ROW_NUMBER or TOP … ORDER BY
 * Name then numbered other rows than SQL Server). Two values have one key exactly when
 * collationKey finds them equal. A letter that decomposes to no ASCII letter, or text the
 * collation may equate with another spelling (İ, which decomposes to I, as the emulator's
 * tsql_str refuses it), stops the query with `stop` (file:line:col and TEXT_ORDER_CHARS) and the value.
 */
export function collationOrderKey(sql: string, stop: string): string {
  const v = `rtrim(${sql}, ' ')`;
  return `(CASE WHEN ${sql} IS NULL THEN NULL WHEN NOT ${equatedTextSql(v)} AND regexp_full_match(strip_accents(${v}), '[ -~]*') THEN lower(strip_accents(${v})) || chr(1) || lower(${v}) ELSE error(${stringLiteral(stop)} || ${v}) END)`;
}

/**
 * A DECIMAL(38, s) made exactly from a HUGEINT expression holding its unscaled value
 * (value x 10^s): DuckDB multiplies DECIMAL(38,0) by 10^-s without rounding. The text form
 * `q || 'e-s'` fails to parse once q has more than 18 digits (a share of a decimal(38,2) total).
 */
export function decimalFromUnscaled(q: string, s: number): string {
  const unit = s === 0 ? '1' : `0.${'0'.repeat(s - 1)}1`;
  return `CAST(CAST(${q} AS DECIMAL(38,0)) * CAST('${unit}' AS DECIMAL(38,${s})) AS DECIMAL(38,${s}))`;
}

/**
 * The digits of a decimal(p,s) value as an integer (12.34 of decimal(5,2) is 1234). DuckDB
 * computes `x * 10^s` in the value's own decimal type, which overflows once p + s passes 38 (a
 * decimal(38,20) rate, or the decimal(38, s) SUM of one): such a value goes through its text at
 * scale s instead.
 */
export function unscaledDigits(sql: string, [p, s]: readonly [number, number]): string {
  if (p + s <= 38) return `CAST(${sql} * CAST('1${'0'.repeat(s)}' AS HUGEINT) AS HUGEINT)`;
  return `CAST(replace(CAST(CAST(${sql} AS DECIMAL(38,${s})) AS VARCHAR), '.', '') AS HUGEINT)`;
}
