import type { Declare, Node, Statement, VariableDeclaration } from '../../../tsql';
import { walk } from '../../../tsql';
import { assignsVariable, type SectionLines } from './section-statements';

/*
 * A DECLARE the section holds (it declares several variables, one of which the section uses)
 * of a variable that a statement of another section sets after it and before the section first
 * uses it: `DECLARE @LoadLogId int, @EndOfTime datetime2 = …` at the top, `SELECT @LoadLogId =
 * SCOPE_IDENTITY()` in the load-log section, then the dimension section storing @LoadLogId. Run
 * alone, the section's DECLARE would leave the variable NULL where the procedure has the value
 * the other statement set: the scenario gives that value (`Given parameter @LoadLogId`), the
 * section declares the variable with it, and its DECLARE leaves that variable alone.
 */

/** One such variable: its declaration in the section and the outside statement that sets it. */
export interface DeclaredSetOutside {
  readonly declare: Declare;
  readonly declaration: VariableDeclaration;
  readonly setBy: Node;
}

/** The variables (lower-case) the section declares that another section sets before the section uses them. */
export function declaredButSetOutside(body: readonly Statement[], statements: readonly Statement[], lines: readonly SectionLines[]): Map<string, DeclaredSetOutside> {
  const inSection = (line: number): boolean => lines.some((r) => line >= r.start && line <= r.end);
  const out = new Map<string, DeclaredSetOutside>();
  for (const declare of statements) {
    if (declare.kind !== 'Declare') continue;
    for (const declaration of declare.declarations) {
      if (declaration.kind !== 'VariableDeclaration') continue;
      const key = declaration.variable.name.toLowerCase();
      const after = declare.span.end.offset;
      // The section's first use of the variable after its DECLARE, and an outside assignment before it.
      let firstUse: number | undefined;
      for (const s of statements) {
        if (s === declare) continue;
        walk(s, (n) => { if (n.kind === 'Variable' && n.name.toLowerCase() === key && n.span.start.offset > after && (firstUse === undefined || n.span.start.offset < firstUse)) firstUse = n.span.start.offset; return undefined; });
      }
      if (firstUse === undefined) continue;
      const use = firstUse;
      let setBy: Node | undefined;
      for (const s of body) {
        walk(s, (n, parent) => {
          if (setBy === undefined && n.kind === 'Variable' && n.name.toLowerCase() === key && n.span.start.offset > after && n.span.start.offset < use
            && !inSection(n.span.start.line) && assignsVariable(n, parent)) setBy = n;
          return undefined;
        });
      }
      if (setBy !== undefined) out.set(key, { declare, declaration, setBy });
    }
  }
  return out;
}

/** The section's statements with those declarations left out of its DECLAREs (a DECLARE left empty dropped). */
export function withoutDeclarations(statements: readonly Statement[], keys: ReadonlySet<string>): Statement[] {
  if (keys.size === 0) return [...statements];
  return statements.flatMap((s): Statement[] => {
    if (s.kind !== 'Declare') return [s];
    const kept = s.declarations.filter((d) => d.kind !== 'VariableDeclaration' || !keys.has(d.variable.name.toLowerCase()));
    const declare: Declare = { ...s, declarations: kept };
    return kept.length === 0 ? [] : [declare];
  });
}
