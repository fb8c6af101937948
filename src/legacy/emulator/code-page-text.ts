import type { SqlFragment } from './expressions';
import type { TsqlType } from './tsql-types';

/*
 * nvarchar text converted to char/varchar (stored in a varchar column, assigned to a varchar
 * variable, CAST): SQL Server converts it to the code page of the collation, Windows-1252 under
 * the default Latin1 collations the emulator follows. A character 1252 holds converts to itself;
 * any other ('Ł', 'İ', 'Ω', an emoji) becomes a best-fit letter ('L') or '?', by tables the
 * documentation does not give. DuckDB's VARCHAR would keep it, a silently different value
 * (a Polish surname in a varchar column), so such text is refused where it is converted.
 */

// Windows-1252: ASCII, Latin-1's U+00A0-U+00FF, and the 27 characters of 0x80-0x9F.
const CP1252_EXTRA = ['20AC', '201A', '0192', '201E', '2026', '2020', '2021', '02C6', '2030', '0160', '2039', '0152', '017D',
  '2018', '2019', '201C', '201D', '2022', '2013', '2014', '02DC', '2122', '0161', '203A', '0153', '017E', '0178'];
const OUTSIDE_CP1252 = `[^\\x{0000}-\\x{007F}\\x{00A0}-\\x{00FF}${CP1252_EXTRA.map((c) => `\\x{${c}}`).join('')}]`;

const isCodePage = (name: string | undefined): boolean => name === 'varchar' || name === 'char' || name === 'text';

/** `sql` (the text of `value`) refused where it holds a character Windows-1252 lacks, when text not known to be char/varchar goes to a char/varchar `target`. */
export function inCodePage(value: SqlFragment, target: TsqlType | undefined, sql: string): string {
  if (!isCodePage(target?.name)) return sql;
  // Text known to be char/varchar already holds what its code page holds; text of an unknown type
  // (LEFT(nvarchar, 1), a concatenation) is checked too, as the check only fires on such characters.
  if (isCodePage(value.tsqlType?.name) || (value.tsqlType === undefined && value.unicodeText === false)) return sql;
  const why = `the emulator does not support converting nvarchar text holding a character outside code page 1252 to ${target?.name ?? 'varchar'} (SQL Server writes a best-fit letter or ?, by the collation's code page): `;
  const check = (x: string): string => `CASE WHEN regexp_matches(${x}, '${OUTSIDE_CP1252}') THEN CAST(error('${why.replace(/'/g, "''")}' || ${x}) AS VARCHAR) ELSE ${x} END`;
  // A value that changes from one evaluation to the next (NEXT VALUE FOR, NEWID()) is read once,
  // as a list of one and a lambda (as conversions.ts's length check does); the rest plainly.
  if (/\b(nextval|random|uuid|gen_random_uuid)\s*\(/i.test(sql)) return `list_transform([${sql}], x -> ${check('x')})[1]`;
  return `(${check(sql)})`;
}
