/*
 * uniqueidentifier order as SQL Server compares it. DuckDB's UUID orders by its text (bytes in
 * the order they are written), but SQL Server compares the 16 bytes of the value's storage form
 * (the first three groups stored little-endian) by significance: bytes 10-15 first, then 8-9,
 * 6-7, 4-5 and 0-3 (the uniqueidentifier page: "comparison is made by comparing bytes";
 * SqlGuid's documented order). So '00000000-0000-0000-0000-000000000001' sorts after
 * 'ffffffff-0000-0000-0000-000000000000' in ORDER BY, MIN/MAX, ROW_NUMBER and `<`, where text
 * order puts it first. The key below is that byte sequence as lower-case hex text, so comparing
 * keys as text compares the values as SQL Server does; the value is evaluated once (regexp_replace
 * on its text), so a key of NEWID() stays one value.
 */

import type { SqlFragment } from './expressions';
import { convertSql } from './conversions';
import { makeType } from './tsql-types';

/** The text key of UUID `sql` whose order is SQL Server's order of uniqueidentifier values (NULL for NULL). */
export function guidOrderKeySql(sql: string): string {
  // 1: the first group's bytes stored little-endian (so written reversed), likewise the second
  // and the third group; 2: the groups by significance, last first.
  const stored = `regexp_replace(CAST(${sql} AS VARCHAR), '^(..)(..)(..)(..)-(..)(..)-(..)(..)-', '\\4\\3\\2\\1-\\6\\5-\\8\\7-')`;
  return `regexp_replace(${stored}, '^(.{8})-(.{4})-(.{4})-(.{4})-(.{12})$', '\\5\\4\\3\\2\\1')`;
}

/** The text SQL Server gives a uniqueidentifier converted to char/varchar: upper-case hex, 8-4-4-4-12. */
export function guidTextSql(sql: string): string {
  return `upper(CAST(${sql} AS VARCHAR))`;
}

/**
 * `<`, `>`, `<=`, `>=` with a uniqueidentifier on one side and a uniqueidentifier or text on the
 * other (the text converts to uniqueidentifier, which outranks it: a bad one fails with 8169),
 * in SQL Server's order; undefined for any other comparison (`=` and `<>` need no order).
 */
export function orderedGuidComparison(op: string, left: SqlFragment, right: SqlFragment): string | undefined {
  if (op === '=' || op === '<>' || (left.family !== 'guid' && right.family !== 'guid')) return undefined;
  const guid = (x: SqlFragment): SqlFragment | undefined =>
    x.family === 'guid' ? x : x.family === 'string' ? convertSql(x, makeType('uniqueidentifier', [])) : undefined;
  const [l, r] = [guid(left), guid(right)];
  if (l === undefined || r === undefined) return undefined;
  return `(${guidOrderKeySql(l.sql)} ${op} ${guidOrderKeySql(r.sql)})`;
}
