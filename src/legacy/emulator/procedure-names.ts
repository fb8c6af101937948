// Procedure names in the emulator's messages. The loaded procedures are keyed by their normalised
// name (`dbo.usp write audit`), which no one wrote: a message names a procedure as its CREATE
// writes it (`dbo.[usp Write Audit]`), or, for one no script creates, as the caller wrote it.
import { LegacyError } from '../../core';
import { quoteNamePart, splitObjectName } from '../../tsql';
import type { LoadedProcedure } from './state';

/** A name's parts as T-SQL writes them (`dbo.[usp Write Audit]`), as sections and run print names. */
function writtenName(parts: readonly string[]): string {
  return parts.map((p) => (p === '' ? '' : quoteNamePart(p))).join('.');
}

/**
 * Procedure `key` (normalised) as written: its CREATE's name when loaded, else `asked` (the EXEC's
 * name parts, or the name a command was given), else the key itself.
 */
export function procedureNameAsWritten(procedures: ReadonlyMap<string, LoadedProcedure>, key: string, asked?: string | readonly string[]): string {
  const loaded = procedures.get(key);
  if (loaded !== undefined) return writtenName(loaded.procedure.name.parts.map((p) => p.name));
  if (asked === undefined) return key;
  return writtenName(typeof asked === 'string' ? splitObjectName(asked) : asked);
}

/** The refusal for a procedure no loaded script creates, listing those loaded as their CREATEs write them. */
export function unknownProcedureError(procedures: ReadonlyMap<string, LoadedProcedure>, key: string, asked: string | undefined, more?: string): LegacyError {
  const loaded = [...procedures.keys()].map((k) => procedureNameAsWritten(procedures, k));
  return new LegacyError('LEGACY_UNKNOWN_PROCEDURE', `the procedure ${procedureNameAsWritten(procedures, key, asked)} is not in the loaded procedures`, {
    hint: `loaded: ${loaded.join(', ') || '(none)'}${more === undefined ? '' : `; ${more}`}`,
  });
}
