import { collationReason, comparesAsDefault } from '../../tsql';
import type { TsqlType } from './tsql-types';

/** What the emulator refuses about text under `collation` (see comparesAsDefault). */
export function collationRefusal(collation: string, what: string): string {
  return `${what} COLLATE ${collation} (${collationReason(collation)})`;
}

/** A column's declared type with its COLLATE clause when that compares otherwise than the default (carried to where the column is read). */
export function withCollation(type: TsqlType, collation: string | undefined): TsqlType {
  return collation === undefined || comparesAsDefault(collation) ? type : { ...type, collation };
}
