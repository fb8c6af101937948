import { relative } from 'node:path';
import { LegacyError, SectionsError } from '../core';
import { EngineSession } from '../engine';
import { emulateSection, TsqlRuntimeError } from '../legacy';
import { catchAccountText, findInputFile, mergeLineRanges, type CatchAccount, type EarlyExit, type ProcedureParameters, type SectionSpec } from '../sections';

/** An early exit `migrate run` could not answer, and why (it reads the data, or the emulator refused it). */
export interface UncheckedExit {
  readonly at: string;
  readonly condition: string;
  readonly why: string;
  /** Set for an IF … GOTO that jumps over sections' statements (EarlyExit.jump): which, `lines 11-13 (dbo.usp_X/01-meter-day)`. */
  readonly skips?: string;
  /** Set when the IF raises inside a TRY block: what its CATCH block does then (EarlyExit.caught). */
  readonly caught?: CatchAccount;
}

/** Where the run's data is: the folder of `<schema>.<table>.csv|.parquet`, and what a synonym stands for. */
export interface RunData {
  readonly dir: string;
  readonly synonymTarget?: (name: string) => string | undefined;
}

type DataFiles = readonly { readonly table: string; readonly file: string | undefined }[];

/**
 * Asks the legacy procedure's guard clauses whether it ends early for the run's parameter values
 * and data (`migrate run` asks while its sections run, and waits for the answer before writing
 * anything). A guard that reads the parameters, tables no earlier statement writes, and variables
 * top-level statements compute from those runs in the emulator, its IF and those statements
 * alone, with the values of the run and those tables loaded from the run's data files as `migrate
 * capture` loads them (a table without a file is empty, as the pipeline reads it): when it ends
 * the procedure (a RETURN, a THROW, an error inside TRY) this throws RUN_LEGACY_STOPS with where
 * and why, since the new pipeline would otherwise write rows the legacy procedure never writes.
 * A guard that reads what earlier statements write (a #temp table, @@ROWCOUNT, a return code)
 * cannot be answered before the sections run, and one the emulator refuses (or whose table is a
 * Parquet file) cannot be answered here at all: both are returned, for a warning.
 * A GOTO to a label only the procedure's end follows is such an exit. An IF … GOTO to another
 * label skips the statements up to it, and the pipeline runs every section: where it jumps over
 * statements of a section that does not hold the IF, this throws RUN_LEGACY_SKIPS when the jump
 * happens for the run's values, and returns it for a warning (with `skips`) when it cannot tell.
 */
export async function checkEarlyExits(found: ProcedureParameters, specs: readonly SectionSpec[], params: Readonly<Record<string, string>>, options: { readonly root: string; readonly clock?: string; readonly data: RunData }): Promise<UncheckedExit[]> {
  const unchecked: UncheckedExit[] = [];
  const at = (exit: EarlyExit): string => `${relative(options.root, exit.file) || exit.file}:${exit.line}:${exit.column}`;
  const guards: { exit: EarlyExit; files: DataFiles }[] = [];
  for (const exit of found.exits) {
    const skipped = skippedBy(exit, specs, found.outline.lines.end);
    if (exit.jump?.endsProcedure === false && skipped === undefined) continue; // the section holding the IF jumps as legacy does
    const skips = { ...(skipped === undefined ? {} : { skips: skipped }), ...(exit.caught === undefined ? {} : { caught: exit.caught }) };
    if (!exit.answerable) {
      unchecked.push({ at: at(exit), condition: exit.condition, why: `it reads ${exit.reads.join(', ')}`, ...skips });
      continue;
    }
    const files = exit.tables.map((table) => ({ table, file: findInputFile(options.data.dir, table, options.data.synonymTarget) }));
    const parquet = files.filter((f) => f.file !== undefined && !/\.csv$/i.test(f.file));
    if (parquet.length > 0) {
      unchecked.push({ at: at(exit), condition: exit.condition, why: `it reads ${parquet.map((f) => f.table).join(', ')}, whose data the emulator reads from CSV only (${parquet.map((f) => relative(options.root, f.file ?? '')).join(', ')})`, ...skips });
    } else guards.push({ exit, files });
  }
  if (guards.length === 0) return unchecked;
  // All guards in one emulator run first (their lines in source order are what the procedure
  // runs of them): the usual outcome, that none ends the procedure, costs one set-up. Only when
  // that run ends early or is refused does each run alone, to say which.
  const allFiles = [...new Map(guards.flatMap((g) => g.files).map((f) => [f.table.toLowerCase(), f])).values()];
  const all = await runGuard(found, guards.flatMap((g) => g.exit.lines), allFiles, params, options.clock);
  if (all.ends === undefined && all.refused === undefined && all.jumpedTo === undefined) return unchecked;
  for (const { exit, files } of guards) {
    const outcome = await runGuard(found, exit.lines, files, params, options.clock);
    const skipped = skippedBy(exit, specs, found.outline.lines.end);
    if (outcome.refused !== undefined) unchecked.push({ at: at(exit), condition: exit.condition, why: `the emulator cannot run it: ${outcome.refused}`, ...(skipped === undefined ? {} : { skips: skipped }), ...(exit.caught === undefined ? {} : { caught: exit.caught }) });
    if (outcome.jumpedTo !== undefined && outcome.ends === undefined && skipped !== undefined) {
      throw new SectionsError('RUN_LEGACY_SKIPS', `${found.outline.displayName} jumps at ${at(exit)} for these parameter values: IF ${exit.condition} holds, and its GOTO ${outcome.jumpedTo} goes on at line ${exit.jump?.line ?? '?'}, skipping ${skipped}. `
        + 'The pipeline runs every section and cannot skip one; migrate run stops and writes nothing, rather than write rows the legacy procedure does not', {
        hint: 'give the IF … GOTO to the section whose statements it skips (@lines), so its transform decides as legacy does, or run with parameter values for which it does not jump (--param)',
      });
    }
    if (outcome.ends === undefined) continue;
    const before = specs.filter((s) => !s.ignored && s.lines.some((r) => r.end < exit.line)).map((s) => s.id);
    const ran = before.length > 0 ? ` (it ran ${before.join(', ')} before it)` : '';
    if (outcome.raised === true && exit.caught !== undefined) {
      // inside TRY the error does not end the procedure at the IF: its CATCH block runs
      throw new SectionsError('RUN_LEGACY_STOPS', `${found.outline.displayName} leaves its TRY block at ${at(exit)} for these parameter values: IF ${exit.condition} holds, and ${outcome.ends.replace(/\.+$/, '')}. `
        + `The legacy procedure runs nothing more of that TRY block${ran}: the error goes to ${catchAccountText(exit.caught)}. `
        + 'migrate run stops and writes nothing (the CATCH block\'s rows neither), rather than compute rows the legacy procedure does not write', {
        hint: 'run with the parameter values the procedure accepts (--param)',
      });
    }
    const how = outcome.jumpedTo !== undefined && exit.jump !== undefined ? ` (its GOTO ${outcome.jumpedTo} leads to line ${exit.jump.line}, after which the procedure only ends)` : '';
    throw new SectionsError('RUN_LEGACY_STOPS', `${found.outline.displayName} ends early at ${at(exit)} for these parameter values: IF ${exit.condition} holds, and ${outcome.ends.replace(/\.+$/, '')}${how}. `
      + `The legacy procedure runs nothing after that line${ran}; migrate run stops too and writes nothing, rather than compute rows the legacy procedure never writes`, {
      hint: 'run with the parameter values the procedure accepts (--param)',
    });
  }
  return unchecked;
}

/** Runs guards' lines in the emulator, in a session of its own (the emulator sets one up per run): how the procedure ends there, if it does. */
async function runGuard(found: ProcedureParameters, lines: EarlyExit['lines'], dataFiles: DataFiles, params: Readonly<Record<string, string>>, clock: string | undefined): Promise<{ ends?: string; raised?: boolean; refused?: string; jumpedTo?: string }> {
  const session = await EngineSession.open({});
  try {
    const result = await emulateSection({
      scripts: found.scripts, procedure: found.outline.name, lines: mergeLineRanges(lines), params, tables: [], dataFiles, outputs: [], session, ...(clock !== undefined ? { clock } : {}),
    });
    const jumped = result.jumpedTo === undefined ? {} : { jumpedTo: result.jumpedTo };
    if (!result.returned) return jumped;
    return { ends: result.errors.length > 0 ? `it returns after ${result.errors.join('; ')}` : 'it returns', ...jumped };
  } catch (err) {
    // The legacy code raised an error there (THROW, or RAISERROR inside TRY): it ends with it.
    if (err instanceof TsqlRuntimeError) return { ends: `it raises ${err.message}`, raised: true };
    // anything else leaves the guard unanswered (a warning), never stops a run the sections can do
    return { refused: err instanceof LegacyError ? err.message : `an internal error of the emulator (${err instanceof Error ? err.message : String(err)})` };
  } finally {
    session.close();
  }
}


/**
 * The statements of sections that do not hold the IF which its GOTO jumps over, to a label other
 * sections' statements follow (`lines 11-13 (dbo.usp_X/01-meter-day)`); undefined for any other
 * exit, and when the section holding the IF holds all it skips (its transform decides the jump).
 */
function skippedBy(exit: EarlyExit, specs: readonly SectionSpec[], lastLine: number): string | undefined {
  if (exit.jump === undefined || exit.jump.endsProcedure) return undefined;
  const to = Math.min(exit.jump.line, lastLine + 1);
  const parts = specs.filter((s) => !s.ignored && !s.lines.some((r) => r.start <= exit.line && r.end >= exit.line)).flatMap((s) => {
    const inside = s.lines.filter((r) => r.end > exit.line && r.start < to).map((r) => ({ start: Math.max(r.start, exit.line + 1), end: Math.min(r.end, to - 1) }));
    return inside.length === 0 ? [] : [`${inside.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(',')} (${s.id})`];
  });
  return parts.length === 0 ? undefined : `line${parts.length > 1 || /[-,]/.test(parts[0] ?? '') ? 's' : ''} ${parts.join(', ')}`;
}
