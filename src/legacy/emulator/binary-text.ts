import type { SqlFragment } from './expressions';
import type { TsqlType } from './tsql-types';

// Conversions between binary and text (CAST and CONVERT, "Binary styles"). DuckDB's own CAST
// gets every one of them wrong without a sound: a blob cast to VARCHAR is its escaped form
// ('A\xA9'), text cast to BLOB reads '\xNN' escapes and writes UTF-8, and neither knows a
// style. SQL Server's rules:
// - style 0 (CAST): byte for character; varchar in its collation's code page, nvarchar as
//   UTF-16LE. Reproduced for ASCII characters (the same byte in every code page); anything
//   else, and a NUL byte, is refused at the value met, since the code page is not known.
// - styles 1 and 2: binary to text is two upper-case hex digits per byte, with `0x` in front
//   for style 1; text to binary reads such hex digits (`0x` required by style 1).
// - binary(n) is cut on the right or padded with zero bytes to n, varbinary(n) cut to n; text
//   targets are cut to their length (char padded with blanks) as any text conversion.

type Encoding = 'utf16' | 'codepage';

function textEncoding(x: SqlFragment): Encoding | undefined {
  const name = x.tsqlType?.name;
  if (name === 'nchar' || name === 'nvarchar' || name === 'ntext') return 'utf16';
  if (name === 'char' || name === 'varchar' || name === 'text') return 'codepage';
  if (x.unicodeText !== undefined) return x.unicodeText ? 'utf16' : 'codepage';
  return undefined;
}

function refusal(what: string, duck: string): string {
  return `CAST(error('the emulator does not support ${what.replace(/'/g, "''")}') AS ${duck})`;
}

/** Hex digits of one or more bytes 0x01-0x7F (ASCII, no NUL). */
const ASCII_BYTE = '(0[1-9A-F]|[1-7][0-9A-F])';

/** A blob cut (and, for binary(n), zero-padded) to the target's length, as SQL Server fits it. */
export function fitBinary(bytes: string, type: TsqlType): string {
  const len = type.length;
  if (len === undefined || len < 0) return bytes;
  const hex = `left(hex(${bytes}), ${len * 2})`;
  return type.name === 'binary' ? `from_hex(rpad(${hex}, ${len * 2}, '0'))` : `from_hex(${hex})`;
}

/** Binary to text in style 0, 1 or 2; the text before it is cut to the target's length. */
export function binaryToText(value: SqlFragment, target: TsqlType, style: number): string {
  const x = value.sql;
  if (style === 1) return `('0x' || hex(${x}))`;
  if (style === 2) return `hex(${x})`;
  const unicode = target.name === 'nchar' || target.name === 'nvarchar' || target.name === 'ntext';
  if (unicode) {
    // UTF-16LE code units: reproduced where each is an ASCII character (low byte, then 00).
    return `(CASE WHEN ${x} IS NULL THEN NULL
      WHEN regexp_full_match(hex(${x}), '(${ASCII_BYTE}00)*') THEN decode(from_hex(regexp_replace(hex(${x}), '(..)00', '\\1', 'g')))
      ELSE ${refusal('converting binary to nvarchar where the bytes are not UTF-16LE ASCII characters (odd length, NUL or a character outside ASCII)', 'VARCHAR')} END)`;
  }
  return `(CASE WHEN ${x} IS NULL THEN NULL
    WHEN regexp_full_match(hex(${x}), '${ASCII_BYTE}*') THEN decode(${x})
    ELSE ${refusal("converting binary to varchar where a byte is NUL or outside ASCII (its character depends on the collation's code page)", 'VARCHAR')} END)`;
}

/** Text to binary in style 0, 1 or 2, fitted to the target's length. */
export function textToBinary(value: SqlFragment, target: TsqlType, style: number, tryCast: boolean): string {
  const text = `CAST(${value.sql} AS VARCHAR)`;
  if (style === 1 || style === 2) {
    const pattern = style === 1 ? '0x([0-9A-Fa-f]{2})*' : '([0-9A-Fa-f]{2})*';
    const digits = style === 1 ? `substr(${text}, 3)` : text;
    const bad = tryCast ? 'NULL' : refusal(`CONVERT of text that is not ${style === 1 ? '0x and ' : ''}an even number of hex digits to binary with style ${style} (SQL Server raises an error the emulator does not reproduce)`, 'BLOB');
    return `(CASE WHEN ${value.sql} IS NULL THEN NULL WHEN regexp_full_match(${text}, '${pattern}') THEN ${fitBinary(`from_hex(${digits})`, target)} ELSE ${bad} END)`;
  }
  const encoding = textEncoding(value);
  if (encoding === undefined) return `(CASE WHEN ${value.sql} IS NULL THEN NULL ELSE ${refusal('converting text of unknown type (varchar or nvarchar, which give different bytes) to binary; CAST it to the type the legacy code means first', 'BLOB')} END)`;
  // ASCII only: the same byte in every code page, and as the low byte of its UTF-16LE unit.
  const ascii = `regexp_full_match(${text}, '[\\x01-\\x7F]*')`;
  const bytes = encoding === 'codepage' ? `encode(${text})` : `from_hex(regexp_replace(hex(encode(${text})), '(..)', '\\100', 'g'))`;
  const why = encoding === 'codepage' ? "converting varchar text holding NUL or a character outside ASCII to binary (its byte depends on the collation's code page)" : 'converting nvarchar text holding NUL or a character outside ASCII to binary';
  return `(CASE WHEN ${value.sql} IS NULL THEN NULL WHEN ${ascii} THEN ${fitBinary(bytes, target)} ELSE ${refusal(why, 'BLOB')} END)`;
}

/**
 * A binary value as SQL Server compares it: byte by byte, but trailing zero bytes do not count
 * (0x01 = 0x0100; not in the documentation, stated by the product team and observed on every
 * version). Hex digits come in pairs, so `(00)+$` only ever removes whole bytes.
 */
export function binaryComparisonKey(sql: string): string {
  return `from_hex(regexp_replace(hex(${sql}), '(00)+$', ''))`;
}
