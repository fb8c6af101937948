import { walk, type DataType, type Node, type Statement, type Variable } from '../tsql';
import type { SectionSpec } from '../sections';

/** A variable the section starts with at NULL: declared outside it without a value, assigned by nothing run before it. */
export interface NullStart {
  readonly name: string;
  readonly dataType: DataType;
}

/**
 * Variables whose `DECLARE @v type` (no value) lies outside the section's lines and that no
 * statement outside the section, before its last line, may assign (SET, `SELECT @v =`, FETCH
 * INTO, an OUTPUT argument, EXEC's return code): when the section starts they hold NULL, as
 * the DECLARE left them, which is what `sections record` runs the legacy statements with too
 * (a housekeeping `IF @v IS NULL RAISERROR …` only reads it). One such statement may have set
 * it, so it is left unknown.
 */
export function nullStartVariables(body: readonly Statement[], spec: SectionSpec): NullStart[] {
  const inSection = (line: number): boolean => spec.lines.some((r) => line >= r.start && line <= r.end);
  const declared = new Map<string, { name: string; dataType: DataType; variable: Variable; count: number }>();
  const usedOutside = new Set<string>();
  const uses: Variable[] = [];
  const last = Math.max(...spec.lines.map((r) => r.end));
  for (const root of body) {
    walk(root as Node, (n, parent) => {
      if (n.kind === 'VariableDeclaration') {
        const key = n.variable.name.toLowerCase();
        const seen = declared.get(key);
        if (seen) seen.count += 1;
        else if (n.initialValue === undefined && !inSection(n.span.start.line)) declared.set(key, { name: n.variable.name, dataType: n.dataType, variable: n.variable, count: 1 });
        else usedOutside.add(key);
      } else if (n.kind === 'TableVariableDeclaration') {
        usedOutside.add(n.variable.name.toLowerCase());
      } else if (n.kind === 'Variable' && n.span.start.line < last && assignsVariable(n, parent)) {
        uses.push(n);
      }
    });
  }
  for (const v of uses) {
    const key = v.name.toLowerCase();
    if (declared.get(key)?.variable === v) continue;
    if (!inSection(v.span.start.line)) usedOutside.add(key);
  }
  return [...declared.entries()]
    .filter(([key, d]) => d.count === 1 && !usedOutside.has(key))
    .map(([, d]) => ({ name: d.name, dataType: d.dataType }));
}

/** Whether this use of a variable may change its value (as the emulator's section start counts it). */
export function assignsVariable(v: Variable, parent: Node | undefined): boolean {
  switch (parent?.kind) {
    case 'SetVariable': case 'SelectAssignment': case 'UpdateAssignment': return parent.variable === v;
    case 'Fetch': return parent.into.includes(v);
    case 'ExecArgument': return parent.output && parent.value === v;
    case 'Execute': return parent.returnVariable === v;
    default: return false;
  }
}
