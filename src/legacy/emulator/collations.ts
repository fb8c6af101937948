import { collationReason, comparesAsDefault } from '../../tsql';
import type { TsqlType, TypeFamily } from './tsql-types';

/** What the emulator refuses about text under `collation` (see comparesAsDefault). */
export function collationRefusal(collation: string, what: string): string {
  // Under a case-sensitive or binary collation `=` and `<>` are emulated (collated-equality.ts): say what is not.
  const reason = tellsCaseApart(collation)
    ? 'only = and <> compare text under it here; ordering, grouping, LIKE, string functions or a copy of the value would follow the default case-insensitive collation, which can give another result'
    : collationReason(collation);
  return `${what} COLLATE ${collation} (${reason})`;
}

/** A column's declared type with its COLLATE clause when that compares otherwise than the default (carried to where the column is read). */
export function withCollation(type: TsqlType, collation: string | undefined): TsqlType {
  return collation === undefined || comparesAsDefault(collation) ? type : { ...type, collation };
}

/** A binary collation (`_BIN`, `_BIN2`): text compares by code points, trailing blanks aside. */
export function comparesBinary(collation: string): boolean {
  return /_BIN2?(_|$)/i.test(collation.replace(/^\[|\]$/g, ''));
}

/** A collation under which 'a' and 'A' differ: case-sensitive (`_CS_`) or binary (`_BIN`, `_BIN2`). */
export function tellsCaseApart(collation: string): boolean {
  return !comparesAsDefault(collation) && /_(CS|BIN2?)(_|$)/i.test(collation.replace(/^\[|\]$/g, ''));
}

/**
 * A read of a `digitsReadable` column (sql-scope.ts) outside = and <>: its value where it is
 * digits only (such text compares, orders and groups alike under every collation), else a stop
 * naming `refusal`. The result carries no collation: what reads it sees plain text.
 */
export function digitsOnlyRead(parts: readonly { readonly name: string }[], col: { readonly family: TypeFamily; readonly duckType: string; readonly tsqlType?: TsqlType }, refusal: string): { sql: string; family: TypeFamily; duckType: string; tsqlType?: TsqlType } {
  const raw = parts.slice(-2).map((p) => `"${p.name.replace(/"/g, '""')}"`).join('.');
  const column = parts.map((p) => p.name).join('.');
  const message = `the emulator does not support ${refusal}; where the database's collation is meant, read it as ${column} COLLATE DATABASE_DEFAULT`.replace(/'/g, "''");
  const type = col.tsqlType === undefined ? undefined : { ...col.tsqlType, collation: undefined };
  return { sql: `(CASE WHEN regexp_full_match(${raw}, '[0-9]*') THEN ${raw} ELSE error('${message}') END)`, family: col.family, duckType: col.duckType, ...(type === undefined ? {} : { tsqlType: type }) };
}
