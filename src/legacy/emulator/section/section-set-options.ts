import { walk, type Statement } from '../../../tsql';
import { executeStatement } from '../interpreter';
import { assignsVariable } from './section-statements';
import type { EmulatorState } from '../state';

/**
 * Session options that change what later statements compute (DATEPART(weekday) under SET
 * DATEFIRST, how '01/02/2020' reads under SET DATEFORMAT, the rows SET ROWCOUNT lets an UPDATE
 * change) or that the emulator refuses. `sections propose` leaves a SET in housekeeping, so a
 * section must start under the ones the procedure ran before it, as the whole procedure does.
 * XACT_ABORT (xact-state.ts) and IDENTITY_INSERT (identity-insert.ts) are followed apart.
 */
const RESULT_OPTIONS = new Set(['DATEFIRST', 'DATEFORMAT', 'LANGUAGE', 'ROWCOUNT', 'ANSI_NULLS', 'CONCAT_NULL_YIELDS_NULL', 'ANSI_WARNINGS', 'ARITHABORT', 'ANSI_PADDING', 'NUMERIC_ROUNDABORT']);

const changesResults = (n: { readonly kind: string }): n is Extract<Statement, { kind: 'SetOption' }> =>
  n.kind === 'SetOption' && (n as Extract<Statement, { kind: 'SetOption' }>).options.some((o) => RESULT_OPTIONS.has(o.toUpperCase()));

/** Runs the SET options of `before` (the statements the procedure runs before the section, outside it) in order. */
export async function applySetOptionsBefore(state: EmulatorState, before: readonly Statement[]): Promise<void> {
  for (const [i, s] of before.entries()) {
    // One a later top-level SET of the same options replaces does not decide how the section
    // starts (`SET ROWCOUNT @BatchSize` … `SET ROWCOUNT 0` ahead of the section starts it at 0).
    if (replacedLater(s, before.slice(i + 1))) continue;
    if (changesResults(s)) {
      if (s.options.some((o) => o.toUpperCase() === 'ROWCOUNT') && !/^\d+$/.test(s.value.trim()) && !parameterKept(state, s.value.trim(), before.slice(0, i))) {
        throw state.unsupported(s, `SET ROWCOUNT ${s.value} before the section (its value when the section starts is not known)`);
      }
      await executeStatement(state, s);
      continue;
    }
    // Inside an IF or a loop the option may or may not have run.
    let nested: Extract<Statement, { kind: 'SetOption' }> | undefined;
    walk(s, (n) => { if (nested === undefined && changesResults(n)) nested = n; });
    if (nested !== undefined) {
      const found: Extract<Statement, { kind: 'SetOption' }> = nested;
      throw state.unsupported(found, `SET ${found.options.join(', ')} inside an IF or a loop before the section (which value the section starts with is not known)`);
    }
  }
}

/** Whether every result option `s` sets (itself or inside it) is set again by a later top-level SET with a number or ON/OFF. */
function replacedLater(s: Statement, later: readonly Statement[]): boolean {
  const options = new Set<string>();
  walk(s, (n) => {
    if (changesResults(n)) n.options.forEach((o) => options.add(o.toUpperCase()));
  });
  if (options.size === 0) return false;
  const known = later.filter((x) => changesResults(x) && /^(\d+|ON|OFF)$/i.test(x.value.trim()));
  return [...options].every((o) => known.some((x) => changesResults(x) && x.options.some((y) => y.toUpperCase() === o)));
}

/**
 * Whether `name` is a parameter of the procedure that no statement in `earlier` may assign: its
 * value is then the one the section starts with (the scenario's, else its default), as
 * `SET ROWCOUNT @BatchSize` at the top of a batching procedure reads it.
 */
function parameterKept(state: EmulatorState, name: string, earlier: readonly Statement[]): boolean {
  const key = name.toLowerCase();
  const proc = state.frame.procedure;
  const parameters = proc.kind === 'CreateTrigger' ? [] : proc.parameters;
  if (!parameters.some((p) => p.name.toLowerCase() === key)) return false;
  let assigned = false;
  for (const s of earlier) {
    walk(s, (n, parent) => {
      if (n.kind === 'Variable' && n.name.toLowerCase() === key && assignsVariable(n, parent)) assigned = true;
      return !assigned;
    });
  }
  return !assigned;
}
