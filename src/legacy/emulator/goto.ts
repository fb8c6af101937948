import type { Goto, Statement } from '../../tsql';
import type { EmulatorState } from './state';

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
