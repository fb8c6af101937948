import type { FunctionCall } from '../../tsql';
import type { SqlFragment, SqlTranslator } from './expressions';
import type { TsqlType } from './tsql-types';

/**
 * LTRIM, RTRIM, TRIM: blanks (not tabs or newlines) from the start, the end or both; with a set of
 * characters (`TRIM('.,' FROM s)`, `TRIM(LEADING '0' FROM s)`, `LTRIM(s, '0')`), any of them.
 * The set must be known before the statement and hold no letter: whether the collation's
 * case-insensitivity applies to it is not documented.
 */
export function trimChars(t: SqlTranslator, call: FunctionCall, name: string, textArgument: (i: number) => SqlFragment): SqlFragment {
  const args = [...call.args];
  let side = name === 'LTRIM' ? 'LEADING' : name === 'RTRIM' ? 'TRAILING' : 'BOTH';
  const first = args[0];
  if (name === 'TRIM' && first?.kind === 'Literal' && first.literalType === 'datepart') {
    side = first.value.toUpperCase();
    args.shift();
  }
  // TRIM([chars FROM] s) puts the characters first; LTRIM/RTRIM(s [, chars]) second.
  const [textArg, charsArg] = name === 'TRIM' ? (args.length > 1 ? [args[1], args[0]] : [args[0], undefined]) : [args[0], args[1]];
  if (textArg === undefined) throw t.state.unsupported(call, `${name} without an argument`);
  const arg = textArgument(call.args.indexOf(textArg));
  const value = `CAST(${arg.sql} AS VARCHAR)`;
  let chars = "' '";
  if (charsArg !== undefined) {
    const known = t.knownValue(charsArg);
    if (known === undefined || known.kind !== 'str') throw t.state.unsupported(call, `${name} with characters not a text known before the statement runs`);
    if (known.value === null) return { sql: 'CAST(NULL AS VARCHAR)', family: 'string', duckType: 'VARCHAR' };
    if (/\p{L}/u.test(String(known.value))) throw t.state.unsupported(call, `${name} of letters (whether the collation's case-insensitivity applies is not documented)`);
    if (String(known.value) === '') return { sql: value, family: 'string', duckType: 'VARCHAR', ...sameTextType(arg) };
    chars = t.bind(String(known.value), 'VARCHAR');
  }
  const fn = side === 'LEADING' ? 'ltrim' : side === 'TRAILING' ? 'rtrim' : 'trim';
  return { sql: `${fn}(${value}, ${chars})`, family: 'string', duckType: 'VARCHAR', ...sameTextType(arg) };
}

/**
 * LTRIM, RTRIM, TRIM, UPPER and LOWER return their argument's text type, char as varchar and
 * nchar as nvarchar, of its length: `DATALENGTH(LTRIM(RTRIM(FirstName)))` counts bytes of a
 * varchar, `DATALENGTH(UPPER(@n))` of an nvarchar. Nothing when the argument's type is not known.
 */
export function sameTextType(x: SqlFragment): { tsqlType?: TsqlType } {
  const type = x.tsqlType;
  const name = type?.name === 'char' ? 'varchar' : type?.name === 'nchar' ? 'nvarchar' : type?.name;
  if (type === undefined || (name !== 'varchar' && name !== 'nvarchar')) return {};
  return { tsqlType: { ...type, name } };
}
