import { LegacyError } from '../core';
import { externalEffectOf, findAll, type Execute } from '../tsql';
import { proceduresReachedFrom } from './emulator/procedure-calls';
import type { LoadedProcedure } from './emulator/state';

// The procedures are tsql's `externalEffectOf`: `capture --engine mssql` runs the procedure inside
// a transaction it rolls back, but no rollback calls back a mail or undoes what a job or a shell
// command did, so a report-card run would mail every student from a "capture".

/** One EXEC of such a procedure: where it is, the name as written and what it does. */
export interface ExternalEffect {
  readonly location: NonNullable<LegacyError['location']>;
  readonly name: string;
  readonly effect: string;
}

/** The name as written when `e` EXECs a procedure with effects outside the database, else undefined. */
export function externalProcedureOf(e: Execute): { readonly name: string; readonly effect: string } | undefined {
  if (e.procedure === undefined || e.procedure.kind === 'Variable') return undefined;
  const name = e.procedure.parts.map((p) => p.name).join('.');
  const effect = externalEffectOf(name);
  return effect === undefined ? undefined : { name, effect };
}

/** Every EXEC of a procedure with effects outside the database in `name` and the procedures it calls, in file order. */
export function externalEffects(procedures: ReadonlyMap<string, LoadedProcedure>, name: string): ExternalEffect[] {
  const found: ExternalEffect[] = [];
  for (const loaded of proceduresReachedFrom(procedures, name)) {
    for (const st of loaded.procedure.body) {
      for (const e of findAll(st, 'Execute')) {
        const hit = externalProcedureOf(e);
        if (hit !== undefined) found.push({ ...hit, location: { file: loaded.script.file, span: e.span, source: loaded.script.lineIndex.text } });
      }
    }
  }
  return found;
}

/** The refusal of `capture --engine mssql` for a procedure that reaches one (without --allow-external-effects). */
export function externalEffectsError(procedure: string, effects: readonly ExternalEffect[]): LegacyError {
  const first = effects[0] as ExternalEffect;
  const more = effects.length > 1 ? ` (and ${effects.length - 1} more EXEC${effects.length > 2 ? 's' : ''} of such procedures)` : '';
  return new LegacyError('CAPTURE_EXTERNAL_EFFECTS', `${procedure} reaches EXEC ${first.name}, which ${first.effect}${more}: the capture's rollback does not undo it, so running it on SQL Server would do it for real`, {
    location: first.location,
    hint: 'capture on a server where it cannot reach anyone (Database Mail and SQL Agent off, a test copy), then pass --allow-external-effects; or capture with the emulator the procedure without that call',
  });
}
