import { LegacyError } from '../../core';
import type { CreateProcedure, Literal, Statement } from '../../tsql';
import { walk } from '../../tsql';
import type { EmulatorState } from './state';

/** A SQLCMD variable reference, `$(name)`, as sqlcmd finds it in a script's text. */
const SQLCMD_VARIABLE = /\$\([A-Za-z_]\w*\)/;

const found = new WeakMap<CreateProcedure, Literal | null>();

/**
 * Refuses a procedure whose body holds a string constant with a SQLCMD variable
 * (`IF '$(Environment)' = 'PROD'`): sqlcmd, and so an SSDT deployment, replaces `$(name)`
 * everywhere in a batch, strings included, before SQL Server reads it, so the procedure on the
 * server compares the variable's value, which no script gives. Running the text as written would
 * take the other branch, or store `$(Environment)`, without a word. Checked once per procedure;
 * `statements` (a section's) narrows the check to those.
 */
export function refuseSqlcmdStrings(state: EmulatorState, procedure: CreateProcedure, statements: readonly Statement[] = procedure.body): void {
  const whole = statements === procedure.body;
  let hit = whole ? found.get(procedure) : undefined;
  if (hit === undefined) {
    hit = null;
    for (const s of statements) {
      walk(s, (n) => {
        if (hit !== null) return false;
        if (n.kind === 'Literal' && (n.literalType === 'string' || n.literalType === 'nstring') && SQLCMD_VARIABLE.test(n.value)) hit = n;
        return undefined;
      });
    }
    if (whole) found.set(procedure, hit);
  }
  if (hit !== null) {
    const name = SQLCMD_VARIABLE.exec(hit.value)?.[0] ?? '$(…)';
    const error = state.unsupported(hit, `the SQLCMD variable ${name} in a string constant: sqlcmd (an SSDT deployment) replaces it with its value before SQL Server reads the procedure, and no script gives that value`);
    // the value the publish gave it (a .sqlproj's default may not be what the server got)
    throw new LegacyError(error.code, error.message, { ...(error.location ? { location: error.location } : {}), hint: `give its value with \`--sqlcmd ${name.slice(2, -1)}=<value>\` (migrate capture, sections record: the one the publish profile sets), or capture from SQL Server (--engine mssql)` });
  }
}
