// `IF @AsOfDate IS NULL SET @AsOfDate = CAST(GETDATE() AS date)`: the default a procedure gives a
// parameter the caller left NULL. Where the run's --param gives it a value, that branch never
// runs, so what it reads (the clock, @@ROWCOUNT) cannot change what the statements leave: run
// computes the value with no --clock, as capture would on the same call (reassigned-parameters.ts).
import type { ProcedureParameters } from '../sections';
import type { Statement } from '../tsql';

/**
 * The text of `lines` of the procedure's script, with every THEN branch of an `IF @p IS NULL`
 * that cannot run blanked: @p a parameter the call gives a value other than NULL, the IF a
 * statement of the body (or of a BEGIN…END in it, never inside a loop, which could come back to
 * it after @p changed) and no line before it assigning @p. Newlines are kept, so lines stay lines.
 */
export function liveTextOfLines(found: ProcedureParameters, lines: readonly { start: number; end: number }[], params: Readonly<Record<string, string | null>>): string {
  const source = found.script.lineIndex.text;
  const given = (name: string): boolean => {
    const entry = Object.entries(params).find(([k]) => k.replace(/^@/, '').toLowerCase() === name.replace(/^@/, '').toLowerCase());
    return entry !== undefined && entry[1] !== null && !/^\s*null\s*$/i.test(entry[1]);
  };
  const parameters = new Set(found.parameters.map((p) => p.name.replace(/^@/, '').toLowerCase()));
  const dead: { start: number; end: number }[] = [];
  const visit = (statements: readonly Statement[]): void => {
    for (const s of statements) {
      if (s.kind === 'Block') { visit(s.statements); continue; }
      if (s.kind !== 'If') continue;
      const c = s.condition;
      if (c.kind !== 'IsNull' || c.not || c.expression.kind !== 'Variable') continue;
      const key = c.expression.name.replace(/^@/, '').toLowerCase();
      if (!parameters.has(key) || !given(key)) continue;
      const before = (found.assignedVariables.get(`@${key}`) ?? []).some((line) => line < s.span.start.line);
      if (!before) dead.push({ start: s.then.span.start.offset, end: s.then.span.end.offset });
    }
  };
  visit(found.definition.body);
  let text = source;
  for (const d of dead) text = text.slice(0, d.start) + text.slice(d.start, d.end).replace(/[^\n]/g, ' ') + text.slice(d.end);
  const all = text.split('\n');
  return lines.map((r) => all.slice(r.start - 1, r.end).join('\n')).join('\n');
}
