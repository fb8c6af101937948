import { walk, type Statement } from '../../tsql';
import { executeStatement } from './interpreter';
import type { EmulatorState } from './state';

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
  for (const s of before) {
    if (changesResults(s)) {
      if (s.options.some((o) => o.toUpperCase() === 'ROWCOUNT') && !/^\d+$/.test(s.value.trim())) {
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
