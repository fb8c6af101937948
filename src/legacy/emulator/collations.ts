import { collationReason, comparesAsDefault } from '../../tsql';
import type { TsqlType } from './tsql-types';

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

/** A collation under which 'a' and 'A' differ: case-sensitive (`_CS_`) or binary (`_BIN`, `_BIN2`). */
export function tellsCaseApart(collation: string): boolean {
  return !comparesAsDefault(collation) && /_(CS|BIN2?)(_|$)/i.test(collation.replace(/^\[|\]$/g, ''));
}
