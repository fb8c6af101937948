import type { TsqlType } from './tsql-types';

/**
 * The emulator compares all text as SQL Server's usual default collation does
 * (SQL_Latin1_General_CP1_CI_AS): case-insensitive, accent-sensitive, trailing blanks ignored.
 * A collation that compares the same way is one whose name says CI_AS and not BIN (with or
 * without a version, KS, WS, SC or UTF8 part), and DATABASE_DEFAULT / CATALOG_DEFAULT.
 */
export function comparesAsDefault(collation: string): boolean {
  const name = collation.replace(/^\[|\]$/g, '').toUpperCase();
  if (name === 'DATABASE_DEFAULT' || name === 'CATALOG_DEFAULT') return true;
  return /_CI_AS(_|$)/.test(name) && !/_BIN2?(_|$)/.test(name);
}

/** What the emulator refuses about text under `collation` (case- or accent-sensitive, binary). */
export function collationRefusal(collation: string, what: string): string {
  const kind = /_BIN2?(_|$)/i.test(collation) ? 'binary' : 'case- or accent-sensitive';
  return `${what} COLLATE ${collation} (the emulator compares text only as the default case-insensitive, accent-sensitive collation; a ${kind} comparison can give another result)`;
}

/** A column's declared type with its COLLATE clause when that compares otherwise than the default (carried to where the column is read). */
export function withCollation(type: TsqlType, collation: string | undefined): TsqlType {
  return collation === undefined || comparesAsDefault(collation) ? type : { ...type, collation };
}
