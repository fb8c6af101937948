import { LegacyError } from '../../core';
import { exitLabels, labelKey, walk, type CreateProcedure, type Goto, type Label, type Statement } from '../../tsql';
import type { EmulatorState, Flow } from './state';

/**
 * A GOTO on its way to its label: thrown by the GOTO, caught by the innermost statement list
 * (the GOTO's own or an enclosing one) that holds the label, which goes on after it. A label
 * inside a block the GOTO is not in is refused (runProcedureBody).
 */
export class GotoSignal {
  constructor(readonly goto: Goto) {}
}

/** Index of the label `name` among `statements` (labels match case-insensitively), or -1. */
export function labelIndex(statements: readonly Statement[], name: string): number {
  const wanted = name.replace(/:$/, '').toLowerCase();
  return statements.findIndex((s) => s.kind === 'Label' && s.name.replace(/:$/, '').toLowerCase() === wanted);
}

/** Runs a procedure's body; a GOTO that found no label on its way out is refused at the GOTO. */
export async function runProcedureBody<T>(state: EmulatorState, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof GotoSignal) throw state.unsupported(err.goto, `GOTO ${err.goto.label}, whose label is not in a statement list enclosing the GOTO`);
    throw err;
  }
}

/**
 * Runs a section's statements (`run`). A GOTO whose label is not among them (`IF @i > @Max GOTO
 * done`, `done:` in housekeeping) ends the section when the label lies after its last statement:
 * the procedure goes on there with other sections' statements, so the section leaves what it
 * wrote until the jump (`jumpedTo`: the label, as written). When nothing but the procedure's end
 * follows the label (tsql exitLabels: `done: RETURN 0`), the procedure ends there as at a RETURN:
 * the flow is 'return'. A label before a statement the section still holds is refused: run
 * alone, the section cannot go on where the procedure does.
 */
export async function runSectionStatements(state: EmulatorState, proc: CreateProcedure, statements: readonly Statement[], run: () => Promise<Flow>): Promise<{ flow: Flow; jumpedTo?: string }> {
  try {
    return { flow: await run() };
  } catch (err) {
    if (!(err instanceof GotoSignal)) throw err;
    const wanted = labelKey(err.goto.label);
    let label: Label | undefined;
    for (const s of proc.body) {
      walk(s, (n) => {
        if (n.kind === 'Label' && labelKey(n.name) === wanted) label ??= n;
        return undefined;
      });
    }
    const last = Math.max(...statements.map((s) => s.span.end.line));
    if (label !== undefined && label.span.start.line > last) return { flow: exitLabels(proc).has(wanted) ? 'return' : 'normal', jumpedTo: err.goto.label };
    throw new LegacyError('LEGACY_SECTION_GOTO', `GOTO ${err.goto.label} jumps out of the section${label === undefined ? '' : ` to line ${label.span.start.line}`}, before statements the section still holds (up to line ${last}): run alone, the section cannot go on where the procedure does`, {
      location: state.locate(err.goto.span),
      hint: 'give the label and the statements between it and the section\'s last one to the same section (@lines)',
    });
  }
}
