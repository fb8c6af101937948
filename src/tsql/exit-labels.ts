import type { CreateProcedure, Goto, Statement } from './ast';
import { walk } from './visitor';

/** A label's name as GOTO and the label compare it: lower-case, without the colon. */
export function labelKey(name: string): string {
  return name.replace(/:$/, '').toLowerCase();
}

/**
 * The labels of a procedure's body that lead only to its end (lower-case, no colon): `done:` at
 * the body's top level (BEGIN…END aside) with nothing after it up to the end but RETURN, PRINT,
 * RAISERROR, THROW, SET options, further labels, and DECLARE/SET of local variables (or IFs and
 * blocks of those). A GOTO to one ends the procedure as a RETURN there would: legacy writes
 * `IF @n = 0 GOTO done` for a guard clause. Not one: a label a statement that changes anything
 * follows (a table, an OUTPUT parameter, a cursor, a sequence, a transaction, a call), and a label
 * nested in an IF, a loop or TRY/CATCH (what follows it there is not the procedure's end).
 */
export function exitLabels(proc: CreateProcedure): Set<string> {
  const outputs = new Set(proc.parameters.filter((p) => p.output).map((p) => p.name.toLowerCase()));
  const top: Statement[] = [];
  const flatten = (list: readonly Statement[]): void => {
    for (const s of list) if (s.kind === 'Block') flatten(s.statements); else top.push(s);
  };
  flatten(proc.body);
  const out = new Set<string>();
  for (let i = top.length - 1; i >= 0; i--) {
    const s = top[i] as Statement;
    if (s.kind === 'Label') out.add(labelKey(s.name));
    else if (!endsOnly(s, outputs)) break;
  }
  return out;
}

/** Where a GOTO lands (gotoTargets): its label as written (no colon), the label's line, and whether only the procedure's end follows it. */
export interface Jump {
  readonly label: string;
  readonly line: number;
  readonly endsProcedure: boolean;
}

/**
 * Where each GOTO of the body that may be an early exit lands: a label of the body's top level
 * (BEGIN…END aside) after the GOTO, and not, unless only the procedure's end follows it, an
 * @@ERROR-era `err_handler:` after the top level's RETURN (that is the error path: a section's
 * run ends with the error anyway). Undefined for any other GOTO (a jump back, into a block).
 */
export function gotoTargets(proc: CreateProcedure): (g: Goto) => Jump | undefined {
  const labels = new Map<string, Jump>();
  const ends = exitLabels(proc);
  let returnLine: number | undefined;
  const top = (list: readonly Statement[]): void => {
    for (const s of list) {
      if (s.kind === 'Block') top(s.statements);
      else if (s.kind === 'Return') returnLine ??= s.span.start.line;
      else if (s.kind === 'Label') {
        const key = labelKey(s.name);
        const endsProcedure = ends.has(key);
        if (!labels.has(key) && (endsProcedure || returnLine === undefined)) labels.set(key, { label: s.name.replace(/:$/, ''), line: s.span.start.line, endsProcedure });
      }
    }
  };
  top(proc.body);
  return (g) => {
    const jump = labels.get(labelKey(g.label));
    return jump !== undefined && jump.line > g.span.end.line ? jump : undefined;
  };
}

/** Whether a statement after the label only ends the procedure or sets what nothing outside it reads. */
function endsOnly(s: Statement, outputs: ReadonlySet<string>): boolean {
  let drawsSequence = false;
  walk(s, (n) => {
    if (n.kind === 'NextValueFor') drawsSequence = true;
    return drawsSequence ? false : undefined;
  });
  if (drawsSequence) return false;
  switch (s.kind) {
    case 'Label': case 'Return': case 'Print': case 'Raiserror': case 'Throw': case 'SetOption': return true;
    case 'SetVariable': return s.cursor === undefined && !outputs.has(s.variable.name.toLowerCase());
    case 'Declare': return s.declarations.every((d) => d.kind === 'VariableDeclaration');
    case 'If': return endsOnly(s.then, outputs) && (s.else === undefined || endsOnly(s.else, outputs));
    case 'Block': return s.statements.every((x) => endsOnly(x, outputs));
    default: return false;
  }
}
