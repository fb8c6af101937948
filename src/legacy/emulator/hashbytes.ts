import type { FunctionCall } from '../../tsql/ast';
import type { SqlFragment, SqlTranslator } from './expressions';
import { makeType } from './tsql-types';

// HASHBYTES (the HASHBYTES page): the hash of the input's bytes as SQL Server holds them,
// varbinary. Those bytes are what decides the value: varbinary as it is, nvarchar as UTF-16LE,
// varchar in the code page of its collation. The hash itself is the standard algorithm, so
// DuckDB's md5/sha1/sha256 over the same bytes give SQL Server's value exactly.

/** The algorithms DuckDB computes over bytes, by HASHBYTES's name for them. */
const ALGORITHMS: Readonly<Record<string, string>> = { MD5: 'md5', SHA: 'sha1', SHA1: 'sha1', SHA2_256: 'sha256' };

/** Whether text of this fragment is nvarchar (UTF-16LE), varchar, or unknown. */
function textEncoding(x: SqlFragment): 'utf16' | 'codepage' | undefined {
  const name = x.tsqlType?.name;
  if (name === 'nchar' || name === 'nvarchar' || name === 'ntext') return 'utf16';
  if (name === 'char' || name === 'varchar' || name === 'text') return 'codepage';
  if (x.unicodeText !== undefined) return x.unicodeText ? 'utf16' : 'codepage';
  return undefined;
}

/** Hex of one character's UTF-16LE code units (a surrogate pair past U+FFFF). */
const UTF16LE_HEX = `CASE WHEN unicode(__c) < 65536 THEN printf('%02x%02x', unicode(__c) % 256, unicode(__c) // 256)
  ELSE printf('%02x%02x%02x%02x', (55296 + (unicode(__c) - 65536) // 1024) % 256, (55296 + (unicode(__c) - 65536) // 1024) // 256,
    (56320 + (unicode(__c) - 65536) % 1024) % 256, (56320 + (unicode(__c) - 65536) % 1024) // 256) END`;

// Outside ASCII a varchar's byte depends on its collation's code page (1252, 1250, 1251, …),
// which no script states for the database default: refused at the value met.
const CODEPAGE_HEX = `CASE WHEN unicode(__c) < 128 THEN printf('%02x', unicode(__c))
  ELSE error('the emulator does not support HASHBYTES of varchar text holding a character outside ASCII (its byte depends on the collation''s code page; hash an nvarchar value, or capture from SQL Server)') END`;

export function translateHashBytes(t: SqlTranslator, call: FunctionCall, input: SqlFragment): SqlFragment {
  const [algorithmArg] = call.args;
  const known = algorithmArg === undefined ? undefined : t.knownValue(algorithmArg);
  if (known === undefined || known.kind !== 'str' || known.value === null) {
    throw t.state.unsupported(call, 'HASHBYTES with an algorithm not known before the statement (write it as a literal such as \'SHA2_256\')');
  }
  const fn = ALGORITHMS[known.value.toUpperCase()];
  if (fn === undefined) {
    throw t.state.unsupported(call, `HASHBYTES('${known.value}') (MD5, SHA1 and SHA2_256 are reproduced; use one of them or capture from SQL Server)`);
  }
  let bytes: string;
  if (input.family === 'binary') bytes = input.sql;
  else if (input.family === 'string') {
    const encoding = textEncoding(input);
    if (encoding === undefined) throw t.state.unsupported(call, 'HASHBYTES of text whose type (varchar or nvarchar, which give different bytes) the emulator cannot tell; CAST it to the type the legacy code hashes');
    // A computed column, CHECK or DEFAULT admits no lambda.
    if (t.inTableDefinition) throw t.state.unsupported(call, 'HASHBYTES of text in a table definition');
    const hex = encoding === 'utf16' ? UTF16LE_HEX : CODEPAGE_HEX;
    // '' splits into [''], whose one "character" gives no bytes.
    bytes = `from_hex(array_to_string(list_transform(string_split(CAST(${input.sql} AS VARCHAR), ''), lambda __c: CASE WHEN __c = '' THEN '' ELSE ${hex} END), ''))`;
  } else {
    throw t.state.unsupported(call, 'HASHBYTES of a value that is not varchar, nvarchar or varbinary (its bytes are those of an implicit conversion to varbinary); CONVERT it to the text the legacy code means');
  }
  return { sql: `from_hex(${fn}(${bytes}))`, family: 'binary', duckType: 'BLOB', tsqlType: makeType('varbinary', ['8000']) };
}
