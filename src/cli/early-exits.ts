import { relative } from 'node:path';
import { LegacyError, SectionsError } from '../core';
import { EngineSession } from '../engine';
import { emulateSection, TsqlRuntimeError } from '../legacy';
import { mergeLineRanges, type EarlyExit, type ProcedureParameters, type SectionSpec } from '../sections';

/** An early exit `migrate run` could not answer, and why (it reads the data, or the emulator refused it). */
export interface UncheckedExit {
  readonly at: string;
  readonly condition: string;
  readonly why: string;
}

/**
 * Asks the legacy procedure's guard clauses whether it ends early for the run's parameter values
 * (`migrate run` asks while its sections run, and waits for the answer before writing anything).
 * A guard that reads only the parameters (and variables top-level statements compute from them)
 * runs in the emulator, its IF and those statements alone, with the values of the run: when it
 * ends the procedure (a RETURN, a THROW, an error inside TRY) this throws RUN_LEGACY_STOPS with
 * where and why, since the new pipeline would otherwise write rows the legacy procedure never
 * writes. A guard that reads tables or earlier statements cannot be answered before the data is
 * read, and one the emulator refuses cannot be answered at all: both are returned, for a warning.
 */
export async function checkEarlyExits(found: ProcedureParameters, specs: readonly SectionSpec[], params: Readonly<Record<string, string>>, options: { readonly root: string; readonly clock?: string }): Promise<UncheckedExit[]> {
  const unchecked: UncheckedExit[] = [];
  const at = (exit: EarlyExit): string => `${relative(options.root, exit.file) || exit.file}:${exit.line}:${exit.column}`;
  for (const exit of found.exits) {
    if (!exit.parametersOnly) unchecked.push({ at: at(exit), condition: exit.condition, why: `it reads ${exit.reads.join(', ')}` });
  }
  const guards = found.exits.filter((e) => e.parametersOnly);
  if (guards.length === 0) return unchecked;
  // All guards in one emulator run first (their lines in source order are what the procedure
  // runs of them): the usual outcome, that none ends the procedure, costs one set-up. Only when
  // that run ends early or is refused does each run alone, to say which.
  const all = await runGuard(found, guards.flatMap((g) => g.lines), params, options.clock);
  if (all.ends === undefined && all.refused === undefined) return unchecked;
  for (const exit of guards) {
    const outcome = await runGuard(found, exit.lines, params, options.clock);
    if (outcome.refused !== undefined) unchecked.push({ at: at(exit), condition: exit.condition, why: `the emulator cannot run it: ${outcome.refused}` });
    if (outcome.ends === undefined) continue;
    const before = specs.filter((s) => !s.ignored && s.lines.some((r) => r.end < exit.line)).map((s) => s.id);
    throw new SectionsError('RUN_LEGACY_STOPS', `${found.outline.displayName} ends early at ${at(exit)} for these parameter values: IF ${exit.condition} holds, and ${outcome.ends.replace(/\.+$/, '')}. `
      + `The legacy procedure runs nothing after that line${before.length > 0 ? ` (it ran ${before.join(', ')} before it)` : ''}; migrate run stops too and writes nothing, rather than compute rows the legacy procedure never writes`, {
      hint: 'run with the parameter values the procedure accepts (--param)',
    });
  }
  return unchecked;
}

/** Runs guards' lines in the emulator, in a session of its own (the emulator sets one up per run): how the procedure ends there, if it does. */
async function runGuard(found: ProcedureParameters, lines: EarlyExit['lines'], params: Readonly<Record<string, string>>, clock: string | undefined): Promise<{ ends?: string; refused?: string }> {
  const session = await EngineSession.open({});
  try {
    const result = await emulateSection({
      scripts: found.scripts, procedure: found.outline.name, lines: mergeLineRanges(lines), params, tables: [], outputs: [], session, ...(clock !== undefined ? { clock } : {}),
    });
    if (!result.returned) return {};
    return { ends: result.errors.length > 0 ? `it returns after ${result.errors.join('; ')}` : 'it returns' };
  } catch (err) {
    // The legacy code raised an error there (THROW, or RAISERROR inside TRY): it ends with it.
    if (err instanceof TsqlRuntimeError) return { ends: `it raises ${err.message}` };
    // anything else leaves the guard unanswered (a warning), never stops a run the sections can do
    return { refused: err instanceof LegacyError ? err.message : `an internal error of the emulator (${err instanceof Error ? err.message : String(err)})` };
  } finally {
    session.close();
  }
}
