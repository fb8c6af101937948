import { LegacyError } from '../../core';
import type { Execute, Expression } from '../../tsql';
import type { SqlFragment } from './expressions';
import type { EmulatorState } from './state';

// What SQL Server does with the text handed to dynamic SQL before it runs any of it, where the
// emulator's reading of the same text would run something else.

const NON_UNICODE = new Set(['varchar', 'char', 'text']);
const UNICODE = new Set(['nvarchar', 'nchar', 'ntext']);

/**
 * sp_executesql takes its statement and its parameter list as Unicode only: a varchar variable
 * or a literal without N (`EXEC sp_executesql 'SELECT …'`, `DECLARE @sql varchar(max)`) makes SQL
 * Server raise error 214 ("Procedure expects parameter '@statement' of type
 * 'ntext/nchar/nvarchar'") and run none of the text; the emulator, reading text as text, ran it.
 * Refused only where the type is certain: a literal without N, or a variable or column declared so.
 */
export function refuseNonUnicodeArgument(state: EmulatorState, e: Execute, arg: Expression, fragment: SqlFragment, parameter: '@statement' | '@params'): void {
  const literal = arg.kind === 'Literal' && arg.literalType === 'string';
  const declared = fragment.tsqlType?.name.toLowerCase();
  if (!literal && (declared === undefined || !NON_UNICODE.has(declared))) return;
  const what = literal ? 'a string literal without N' : `${declared}`;
  throw new LegacyError('LEGACY_DYNAMIC_SQL', `sp_executesql is given its ${parameter} as ${what}: SQL Server raises error 214 (it expects ntext/nchar/nvarchar) and runs none of the text, which the emulator would run`, {
    location: state.locate(arg.span),
    hint: 'this is how the procedure behaves on SQL Server: capture it there (MIGRATE_MSSQL_URL) if that path runs, or correct the procedure (N\'…\', an nvarchar variable) if the legacy copy is not the deployed one',
  });
}

/**
 * `EXEC (@select + @where)`: the text of EXEC (…) is its parts put together by EXEC itself, not
 * the + operator, and whether a NULL part empties the whole text (as + does) or is left out
 * (running the SELECT without its WHERE) is not something we can state for SQL Server. A single
 * part that is NULL runs nothing (documented behaviour, kept); parts of which some are NULL
 * and some are not are refused rather than guessed.
 */
export function refusePartlyNullExec(state: EmulatorState, e: Execute, values: readonly (string | null)[]): void {
  const nulls = values.filter((v) => v === null).length;
  if (nulls === 0 || nulls === values.length) return;
  const at = values.findIndex((v) => v === null);
  throw new LegacyError('LEGACY_DYNAMIC_SQL', `EXEC (…) joins ${values.length} parts and part ${at + 1} is NULL while others are not: whether SQL Server leaves that part out or runs nothing is not certain, so the emulator does not guess`, {
    location: state.locate(e.dynamic[at]?.span ?? e.span),
    hint: 'capture this procedure from SQL Server (MIGRATE_MSSQL_URL), or give the run data in which no part of the text is NULL',
  });
}

/**
 * What PRINT shows of a text: SQL Server cuts a message at 4,000 characters of a Unicode string
 * and 8,000 of a non-Unicode one (documented), so the `PRINT @sql` of a long dynamic statement
 * shows its start only. Where the type is not known, a text over 4,000 characters keeps its length.
 */
export function printedText(value: string | null, typeName: string | undefined): string {
  const text = value ?? '';
  const name = typeName?.toLowerCase();
  if (name === undefined) return text;
  return text.slice(0, UNICODE.has(name) ? 4000 : 8000);
}
