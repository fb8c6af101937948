import { quoteLiteral } from '../../../engine';
import { comparesBinary, tellsCaseApart } from '../collations';
import { EQUATED_TEXT_CHAR } from '../../../tsql';
import type { TsqlType } from '../tsql-types';

/*
 * Text in PRIMARY KEY and UNIQUE keys (and the foreign keys that match them), as SQL Server's
 * default collations compare it. Over Unicode (nchar/nvarchar) they equate a letter with its
 * spelled-out form: N'Straße' and N'Strasse' are one key (error 2627 for the second), as are
 * æ/ae and œ/oe. The key indexes fold those letters to their spelled-out forms, so the
 * emulator's keys collide exactly where SQL Server's do. Other characters the collation may equate
 * with other spellings (other scripts, full-width forms, superscript digits, ignorable
 * characters, ĳ, ð, þ, dotless i) cannot be folded so: a value holding one is refused where it
 * is written into a key column (DuckDB admits no error() inside an index, so the guard sits on
 * the written value, in the writes and the input loading). In varchar keys even ß, æ and œ are
 * refused: whether they expand there depends on the database's collation being a Windows one
 * (they do) or a SQL_ one (they do not), which the scripts do not say. Binary collations
 * compare code points: nothing to fold or refuse.
 */

const FOLDED = 'ßæÆœŒ';
/** Text the collation may equate otherwise (src/tsql/collation-equated-text.ts), and that without the letters the key folds. */
const UNSAFE_TEXT = `'${EQUATED_TEXT_CHAR}'`;
const KEY_UNSAFE = UNSAFE_TEXT.replace(FOLDED, '');

const refusal = (what: string): string =>
  `error('the emulator does not support a key value holding characters SQL Server''s collation may equate with other spellings (${what}) in ' || place || ': ''' || CAST(s AS VARCHAR) || '''')`;

/** The DuckDB macros of key text, installed with the emulator's set-up. */
export const KEY_TEXT_MACROS: readonly string[] = [
  `CREATE OR REPLACE MACRO tsql_key_nchar(s, place) AS CASE WHEN regexp_matches(CAST(s AS VARCHAR), ${KEY_UNSAFE}) THEN ${refusal('other scripts, full-width forms, superscript digits, ignorable characters, ĳ, ð, þ')} ELSE s END`,
  `CREATE OR REPLACE MACRO tsql_key_char(s, place) AS CASE WHEN regexp_matches(CAST(s AS VARCHAR), ${UNSAFE_TEXT}) THEN ${refusal('in varchar, ß and ss or æ and ae are one key under a Windows collation and two under a SQL_ one')} ELSE s END`,
];

/** How a key column's text is guarded where it is written: Unicode or not; none under a binary collation. */
export type KeyTextKind = 'unicode' | 'ansi';

/** The guard a text column of a key needs, or undefined (not text, or a binary collation). */
export function keyTextKind(duckType: string, type: TsqlType | undefined): KeyTextKind | undefined {
  if (!/^VARCHAR/i.test(duckType) || type === undefined) return undefined;
  if (type.collation !== undefined && comparesBinary(type.collation)) return undefined;
  if (/^n(var)?char$|^ntext$/i.test(type.name)) return 'unicode';
  return /^(var)?char$|^text$/i.test(type.name) ? 'ansi' : undefined;
}

/** `sql`, a value written into a key column, guarded as keyTextKind says (see above). */
export function guardKeyText(sql: string, kind: KeyTextKind, column: string, table: string | undefined): string {
  const place = `column '${column}'${table === undefined ? '' : ` of table '${table}'`}`;
  return `tsql_key_${kind === 'unicode' ? 'nchar' : 'char'}(${sql}, ${quoteLiteral(place)})`;
}

/**
 * A key value as the key's collation compares it: text without case and trailing blanks, the
 * expanding letters folded (`lower(rtrim(x, ' '))` with ß, æ, œ spelled out); under a case-sensitive
 * collation with case; under a binary one without trailing blanks only; anything else as it is.
 * Used by the key indexes and the foreign-key check, so that both match keys alike.
 */
export function keyValueSql(sql: string, text: boolean, collation?: string): string {
  if (!text) return sql;
  const trimmed = `rtrim(CAST(${sql} AS VARCHAR), ' ')`;
  if (collation !== undefined && comparesBinary(collation)) return trimmed;
  // `AccountCode varchar(20) COLLATE Latin1_General_CS_AS` keeps 'ABC01' and 'abc01' two keys.
  if (collation !== undefined && tellsCaseApart(collation)) return foldExpanding(trimmed);
  return foldExpanding(`lower(${trimmed})`);
}

/**
 * ß, æ and œ spelled out, written inline rather than as a macro: a key index on a #temp table or a
 * table variable lives in DuckDB's temp catalog, which may not depend on a macro of the main one
 * ("Cross catalog dependencies are not supported": every #temp table with a text key failed).
 */
function foldExpanding(sql: string): string {
  return `replace(replace(replace(replace(replace(${sql}, 'ß', 'ss'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe'), 'Œ', 'OE')`;
}

/** `columns` with keyText set on the text columns of `keys` (a column of several keys once). */
export function withKeyText<C extends { readonly name: string; readonly duckType: string; readonly tsqlType?: TsqlType; readonly keyText?: KeyTextKind }>(columns: readonly C[], keys: readonly (readonly string[])[]): C[] {
  const inKey = new Set(keys.flat().map((k) => k.toLowerCase()));
  return columns.map((c) => {
    const kind = inKey.has(c.name.toLowerCase()) ? keyTextKind(c.duckType, c.tsqlType) : undefined;
    return kind === undefined || c.keyText === kind ? c : { ...c, keyText: kind };
  });
}
