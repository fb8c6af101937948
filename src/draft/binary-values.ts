import type { SourceSpan } from '../core';
import type { Expression, FunctionCall, Literal } from '../tsql';
import { isRefusal, translated, type Refusal, type Translated } from './draft-model';
import { locatedStop, refuseAt, type DraftScope } from './draft-scope';
import { computedOnce, stringLiteral } from './sql-text';
import { formatSqlType, isBinaryType, type SqlType } from './sql-types';

/*
 * Binary values in a draft: held as the text a spec and capture hold them in, `0x` and two hex
 * digits per byte (capture writes them upper-case), so an input column, a copy of it and an output
 * column need no conversion. What the draft computes on them is what the bytes decide:
 * - HASHBYTES (its documentation page): the standard digest of the input's bytes, varbinary as it
 *   is, nvarchar as UTF-16LE, varchar in its collation's code page. DuckDB's md5, sha1 and sha256
 *   take a BLOB, so MD5, SHA/SHA1 and SHA2_256 are exact; DuckDB has no MD2, MD4 or SHA-512
 *   (refused). Outside ASCII a varchar's byte depends on the code page of a collation no script
 *   states for the database default; the emulator refuses such text at the value met
 *   (src/legacy/emulator/hashbytes.ts), and so does the draft, so both always agree.
 * - = and <>: byte by byte, with trailing zero bytes not counting (0x01 = 0x0100), as the emulator
 *   compares them (binary-text.ts). Ordering and any comparison with another type (which converts
 *   the binary value to it) are refused.
 * - storing into binary(n)/varbinary(n): more than n bytes fail the statement (error 2628, as text
 *   does); binary(n) pads with zero bytes to n.
 * HASHBYTES(NULL) is NULL, and a NULL compares as NULL, as in DuckDB.
 */

type Result = Translated | Refusal;

/** HASHBYTES's algorithm names DuckDB computes, with the digest's length in bytes. */
const ALGORITHMS: Readonly<Record<string, { fn: string; bytes: number }>> = {
  MD5: { fn: 'md5', bytes: 16 }, SHA: { fn: 'sha1', bytes: 20 }, SHA1: { fn: 'sha1', bytes: 20 }, SHA2_256: { fn: 'sha256', bytes: 32 },
};

const HEX_TEXT = "'0[xX]([0-9A-Fa-f]{2})*'";

const stop = (scope: DraftScope, span: SourceSpan, why: string): string => `error(${stringLiteral(locatedStop(scope.ctx, span, why))})`;

/** `body` of `sql` computed once, `sql` named `__draft_h` in it. */
const once = (sql: string, body: string): string => computedOnce(sql, '__draft_h', body);

/** `then` (of `__draft_h`, the binary hex text `sql`) where `sql` is `0x` and pairs of hex digits, NULL for NULL; other text (a spec's typo) stops the query. */
function checkedHex(sql: string, scope: DraftScope, span: SourceSpan, then: string): string {
  return once(sql, `CASE WHEN __draft_h IS NULL THEN NULL WHEN regexp_full_match(__draft_h, ${HEX_TEXT}) THEN ${then} ELSE ${stop(scope, span, 'a binary value that is not 0x followed by pairs of hex digits (how a spec or CSV gives varbinary values)')} END`);
}

/** A 0x… constant: varbinary of its bytes. */
export function binaryLiteral(e: Literal, scope: DraftScope): Result {
  const digits = e.value.slice(2);
  // 0xABC: how SQL Server reads an odd number of digits is not what a draft should guess.
  if (!/^[0-9A-Fa-f]*$/.test(digits) || digits.length % 2 !== 0) return refuseAt(scope.ctx, e.span, `literal ${e.value}`, 'a binary constant with an odd number of hex digits is not translated; write every byte as two digits');
  return translated(stringLiteral(`0x${digits.toUpperCase()}`), { family: 'unknown', name: 'varbinary', length: Math.max(1, digits.length / 2) });
}

/** Whether an undeclared text column (maybe nvarchar, read as varchar) feeds `e`. */
function readsUndeclaredText(e: Expression, scope: DraftScope): string | undefined {
  let found: string | undefined;
  const visit = (x: unknown): void => {
    if (found !== undefined || typeof x !== 'object' || x === null) return;
    if (Array.isArray(x)) { x.forEach(visit); return; }
    const node = x as { kind?: string; parts?: readonly { name: string }[] };
    if (node.kind === 'ColumnRef' && node.parts) {
      const c = scope.column(node.parts as never);
      if (c !== undefined && c !== 'ambiguous' && !isRefusal(c) && c.type.family === 'string' && c.type.undeclared) found = node.parts.map((p) => p.name).join('.');
    }
    for (const [k, v] of Object.entries(x)) if (k !== 'span') visit(v);
  };
  visit(e);
  return found;
}

/** One character's UTF-16LE bytes as hex (a surrogate pair past U+FFFF); `u` its code point. */
const UTF16LE = (u: string): string => `CASE WHEN ${u} < 65536 THEN printf('%02X%02X', ${u} % 256, ${u} // 256)
  ELSE printf('%02X%02X%02X%02X', (55296 + (${u} - 65536) // 1024) % 256, (55296 + (${u} - 65536) // 1024) // 256, (56320 + (${u} - 65536) % 1024) % 256, (56320 + (${u} - 65536) % 1024) // 256) END`;

/** HASHBYTES(algorithm, value): varbinary hex text of the digest, NULL for NULL. */
export function translateHashBytes(call: FunctionCall, args: readonly Translated[], scope: DraftScope): Result {
  const refuse = (why: string): Refusal => refuseAt(scope.ctx, call.span, 'HASHBYTES()', why);
  const [name, value] = call.args;
  const input = args[1];
  if (args.length !== 2 || name === undefined || value === undefined || input === undefined) return refuse('needs two arguments');
  if (name.kind !== 'Literal' || (name.literalType !== 'string' && name.literalType !== 'nstring')) return refuse("only an algorithm written as a constant ('SHA2_256') is translated");
  const algorithm = ALGORITHMS[name.value.toUpperCase()];
  if (algorithm === undefined) return refuse(`HASHBYTES('${name.value}'): DuckDB computes MD5, SHA1 and SHA2_256 only; hash with one of them or write the section by hand`);
  const t = input.type;
  const x = input.sql;
  const digest = (bytes: string): string => `'0x' || upper(${algorithm.fn}(${bytes}))`;
  const result: SqlType = { family: 'unknown', name: 'varbinary', length: algorithm.bytes };
  if (t.family === 'null') return translated('CAST(NULL AS VARCHAR)', result);
  if (isBinaryType(t)) return translated(checkedHex(x, scope, call.span, digest("from_hex(substr(__draft_h, 3))")), result);
  if (t.family !== 'string') return refuse(`HASHBYTES of ${formatSqlType(t)} hashes the bytes of its conversion to varbinary, which the draft does not reproduce; CONVERT it to the text the legacy code means`);
  const undeclared = t.undeclared ? 'the value' : readsUndeclaredText(value, scope);
  if (undeclared !== undefined) return refuse(`${undeclared} comes from a column no CREATE TABLE declares, so whether it is varchar (code-page bytes) or nvarchar (UTF-16LE bytes, another hash) is not known; add the table's DDL to the workspace`);
  if (t.unicode) {
    // '' splits into [''], whose one "character" has no bytes; NULL splits into NULL, whose digest is NULL
    const hex = `array_to_string(list_transform(string_split(${x}, ''), lambda __draft_c: CASE WHEN __draft_c = '' THEN '' ELSE ${UTF16LE('unicode(__draft_c)')} END), '')`;
    return translated(`(${digest(`from_hex(${hex})`)})`, result);
  }
  // ASCII text's UTF-8 bytes are its bytes in every single-byte code page.
  const why = "HASHBYTES of varchar text holding a character outside ASCII (its byte depends on the collation's code page, which no script states): hash an nvarchar value, or capture from SQL Server";
  return translated(once(x, `CASE WHEN __draft_h IS NULL THEN NULL WHEN regexp_full_match(__draft_h, '[\\x00-\\x7F]*', 's') THEN ${digest('encode(__draft_h)')} ELSE ${stop(scope, call.span, why)} END`), result);
}

/** `l op r` of two binary values, or undefined when neither side is binary. */
export function compareBinary(op: string, l: Translated, r: Translated, scope: DraftScope, at: Expression): Result | undefined {
  if (!isBinaryType(l.type) && !isBinaryType(r.type)) return undefined;
  const written = `${formatSqlType(l.type)} ${op} ${formatSqlType(r.type)}`;
  if (!isBinaryType(l.type) || !isBinaryType(r.type)) return refuseAt(scope.ctx, at.span, written, 'SQL Server converts the binary value to the other type (its bytes as characters or a number), which the draft does not reproduce; CONVERT one side explicitly');
  if (op !== '=' && op !== '<>') return refuseAt(scope.ctx, at.span, written, 'only = and <> of binary values are translated');
  // Trailing zero bytes do not count; hex digits come in pairs after 0X, so (00)+$ removes whole bytes.
  const key = (v: Translated): string => checkedHex(v.sql, scope, at.span, "regexp_replace(upper(__draft_h), '(00)+$', '')");
  return translated(`(${key(l)} ${op} ${key(r)})`, { family: 'bit' });
}

/**
 * A binary value stored into a binary(n)/varbinary(n) column of `table`, or undefined when the
 * column or the value is not binary. More than n bytes fail the statement (2628); binary(n)
 * pads with zero bytes.
 */
export function storeBinary(v: Translated, type: SqlType, scope: DraftScope, at: { readonly span: SourceSpan }, table: string, column: string): Result | undefined {
  if (!isBinaryType(type)) return undefined;
  if (v.type.family === 'null') return translated('CAST(NULL AS VARCHAR)', type);
  if (!isBinaryType(v.type)) return refuseAt(scope.ctx, at.span, `${formatSqlType(v.type)} stored in ${table}.${column} (${formatSqlType(type)})`, 'the implicit conversion to binary (the value\'s bytes) is not reproduced');
  const n = type.length;
  if (n === undefined) return translated(v.sql, type);
  const fits = v.type.length !== undefined && v.type.length <= n;
  const tooLong = stop(scope, at.span, `String or binary data would be truncated in table '${table}', column '${column}' (SQL Server fails the statement with error 2628)`);
  const padded = (h: string): string => (type.name === 'binary' ? `'0x' || rpad(upper(substr(${h}, 3)), ${2 * n}, '0')` : h);
  if (fits) return translated(type.name === 'binary' ? once(v.sql, padded('__draft_h')) : v.sql, type);
  return translated(once(v.sql, `CASE WHEN length(__draft_h) > ${2 + 2 * n} THEN ${tooLong} ELSE ${padded('__draft_h')} END`), type);
}

/** A binary value as an output column's text: `0x` and upper-case hex digits, as capture writes varbinary. */
export function binaryOutputText(v: Translated, scope: DraftScope, at: { readonly span: SourceSpan }): Translated {
  return translated(checkedHex(v.sql, scope, at.span, "'0x' || upper(substr(__draft_h, 3))"), v.type);
}

/**
 * A binary value converted to binary(n)/varbinary(n) (CAST, a variable's assignment): cut to n
 * bytes silently, binary(n) padded with zero bytes to n. Undefined when either side is not binary.
 */
export function castBinary(v: Translated, type: SqlType): Translated | undefined {
  if (!isBinaryType(type) || !isBinaryType(v.type)) return undefined;
  const n = type.length;
  if (n === undefined) return translated(v.sql, type);
  const cut = `left(__draft_h, ${2 + 2 * n})`;
  return translated(once(v.sql, type.name === 'binary' ? `'0x' || rpad(upper(substr(${cut}, 3)), ${2 * n}, '0')` : cut), type);
}
