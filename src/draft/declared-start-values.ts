import { walk, type DataType, type Node, type Statement, type Variable } from '../tsql';
import type { SectionSpec } from '../sections';

/** A variable the section starts with at NULL: declared outside it without a value, used nowhere else. */
export interface NullStart {
  readonly name: string;
  readonly dataType: DataType;
}

/**
 * Variables whose `DECLARE @v type` (no value) lies outside the section's lines and that no
 * other statement outside the section mentions: when the section starts they hold NULL, as the
 * DECLARE left them (what `sections record` runs the legacy statements with, too). A variable
 * mentioned outside the section may have been set there, so it is left unknown.
 */
export function nullStartVariables(body: readonly Statement[], spec: SectionSpec): NullStart[] {
  const inSection = (line: number): boolean => spec.lines.some((r) => line >= r.start && line <= r.end);
  const declared = new Map<string, { name: string; dataType: DataType; variable: Variable; count: number }>();
  const usedOutside = new Set<string>();
  const uses: Variable[] = [];
  for (const root of body) {
    walk(root as Node, (n) => {
      if (n.kind === 'VariableDeclaration') {
        const key = n.variable.name.toLowerCase();
        const seen = declared.get(key);
        if (seen) seen.count += 1;
        else if (n.initialValue === undefined && !inSection(n.span.start.line)) declared.set(key, { name: n.variable.name, dataType: n.dataType, variable: n.variable, count: 1 });
        else usedOutside.add(key);
      } else if (n.kind === 'TableVariableDeclaration') {
        usedOutside.add(n.variable.name.toLowerCase());
      } else if (n.kind === 'Variable') {
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
