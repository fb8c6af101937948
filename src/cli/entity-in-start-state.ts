// `sections record --from-data` cuts the data to one entity, then runs the statements before the
// section on that slice (section-start-state.ts). Where the entity column exists only in what
// those statements make (section 01 fills dbo.[Arrears Stage] with a [Loan Key] copied from
// [Account No]; section 02 sums it per [Loan Key]), or where they make its values themselves (a
// production day computed from event times), the data has nothing to cut by. Then the other
// order: the statements before run once on all of the data, and the state they leave (the
// section's input tables and the variables it reads) is cut to each entity. The scenario states
// that state as its Given, so its Then is the legacy section's run on exactly what it shows.
import { LegacyError, UsageError } from '../core';
import { normalizeObjectName } from '../legacy';
import { CellMismatch, type ParamValue, type TableData } from '../sections';
import type { RecordContext } from './section-recording';
import { runSectionStart, type SectionStartPlan } from './section-start-state';
import { linesText } from './line-ranges';

/** The section's start state on all of the data, to cut per entity. */
export interface StartOnAllData {
  /** The section's input tables as the statements before leave them, named as its Given writes them. */
  readonly tables: readonly TableData[];
  /** The tables among them the section only changes (UPDATE, DELETE, MERGE): cut on their own. */
  readonly changedOnly: ReadonlySet<TableData>;
  /** The variables the section reads, as the statements before leave them, and their `Given parameter` steps. */
  readonly params: readonly ParamValue[];
  readonly steps: readonly string[];
  /** The column of those tables the entity is cut by (the @entity column, or the cursor's key). */
  readonly by: string;
}

/**
 * Runs the statements before the section on all of `data` and returns what they leave, when a
 * table of it holds `entity` (or `key`); `refused` (why, to add to the refusal the caller keeps)
 * when the emulator cannot run them, the procedure ends before the section on this data, or no
 * table they leave has the column either.
 */
export async function startOnAllData(ctx: RecordContext, plan: SectionStartPlan, data: readonly TableData[], params: readonly ParamValue[], entity: string, key: string | undefined): Promise<StartOnAllData | { readonly refused: string }> {
  const lines = linesText(plan.lines, ctx.spec.lines);
  let start: Awaited<ReturnType<typeof runSectionStart>>;
  try {
    start = await runSectionStart(ctx, plan, data, params);
  } catch (err) {
    // a refusal of the emulator, or a value no scenario can hold (CellMismatch): the data's cut stays refused
    if (err instanceof LegacyError || err instanceof CellMismatch) return { refused: `running the statements before it (lines ${lines}) on all of the data first failed: ${err.message.split('\n')[0] ?? ''}` };
    throw err;
  }
  if ('returned' in start) return { refused: `the procedure ends before this section on this data (a RETURN, or a GOTO to its end, among lines ${lines})` };
  const holds = (column: string): boolean => start.tables.some((t) => t.columns.some((c) => c.name.toLowerCase() === column.toLowerCase()));
  const by = holds(entity) ? entity : key !== undefined && holds(key) ? key : undefined;
  if (by === undefined) return { refused: `no table the statements before it (lines ${lines}) leave has ${entity} either` };
  const changedKeys = new Set(plan.inputs.filter((i) => i.changedOnly === true).map((i) => i.key));
  const changedOnly = new Set(start.tables.filter((t) => changedKeys.has(normalizeObjectName(t.name))));
  return { tables: start.tables, changedOnly, params: start.params, steps: start.steps, by };
}

/** The refusal the data's cut met, with why cutting the start state instead did not help either. */
export function withStartRefusal(refusal: UsageError, refused: string): UsageError {
  return new UsageError(refusal.code, refusal.message, { location: refusal.location, hint: `${refusal.hint ?? ''}${refusal.hint === undefined ? '' : ' '}(${refused})` });
}
