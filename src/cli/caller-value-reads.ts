// What of a run reads a parameter as the caller gave it, besides the sections themselves: the
// statements run computes values from (reassigned-parameters.ts) and the guard clauses the emulator
// answers (early-exits.ts) all start from the call's values. Where a --param stands for the value
// a later statement leaves instead (run-pipeline.ts, given-parameter-uses.ts), those readers would
// take it for the caller's: the run stops rather than compute from the wrong one.
import { walk, type Node, type Statement } from '../tsql';
import type { AssignmentPlace, GivenParameterUse, ProcedureParameters } from '../sections';

/**
 * The parameters (lower-case, no @) the statements read, anywhere but as the target of a plain
 * `=` assignment. A read after an assignment of the statements' own counts too: the value run
 * computes from it still comes from the caller's (refusing there is the safe side).
 */
export function parametersReadBy(nodes: readonly Node[], found: ProcedureParameters, onLine: (line: number) => boolean = () => true): Set<string> {
  const params = new Set(found.parameters.map((p) => p.name.replace(/^@/, '').toLowerCase()));
  const out = new Set<string>();
  for (const node of nodes) {
    walk(node, (n, parent) => {
      if (n.kind !== 'Variable' || !onLine(n.span.start.line)) return;
      const key = n.name.replace(/^@/, '').toLowerCase();
      if (!params.has(key) || isAssignedTarget(n, parent)) return;
      out.add(key);
    });
  }
  return out;
}

function isAssignedTarget(n: Node, parent: Node | undefined): boolean {
  if (parent === undefined) return false;
  if (parent.kind === 'VariableDeclaration') return parent.variable === n;
  if (parent.kind === 'SetVariable' || parent.kind === 'SelectAssignment') return parent.variable === n && parent.operator === '=';
  return false;
}

/**
 * The parameters each guard clause the emulator answers reads as the caller gave them: its lines
 * run from the procedure's start on the call's values (`IF @AsOf > @Today RETURN` before `SELECT
 * @AsOf = MAX(…) FROM …`).
 */
export function guardParameterReads(found: ProcedureParameters): { readonly name: string; readonly use: GivenParameterUse }[] {
  const out: { name: string; use: GivenParameterUse }[] = [];
  const written = new Map(found.parameters.map((p) => [p.name.replace(/^@/, '').toLowerCase(), p.name]));
  for (const exit of found.exits) {
    if (!exit.answerable) continue;
    const inLines = (line: number): boolean => exit.lines.some((r) => line >= r.start && line <= r.end);
    for (const key of parametersReadBy(found.definition.body, found, inLines)) {
      out.push({ name: written.get(key) ?? `@${key}`, use: { by: `the guard at ${exit.file}:${exit.line}:${exit.column} (IF ${exit.condition})`, line: exit.line } });
    }
  }
  return out;
}

/** The statement of the body that holds `line` (through BEGIN…END, TRY…CATCH, IF), where a message points at an assignment. */
export function assignmentPlace(found: ProcedureParameters, line: number): AssignmentPlace | undefined {
  let best: Statement | undefined;
  for (const s of found.definition.body) {
    walk(s, (n) => {
      if (n.span.start.line > line || n.span.end.line < line) return false;
      if (ASSIGNING.has(n.kind) && n.span.start.line === line) best ??= n as Statement;
      return best === undefined;
    });
  }
  if (best === undefined) return undefined;
  const { file, lineIndex } = found.script;
  const first = (lineIndex.text.split('\n')[line - 1] ?? '').slice(best.span.start.column - 1).replace(/\s+/g, ' ').trim();
  const text = first.length > 90 ? `${first.slice(0, 87)}…` : first;
  return { file, line, column: best.span.start.column, text, location: { file, span: best.span, source: lineIndex.text } };
}

// the statements that assign: a SET, a SELECT @v = …, an UPDATE … SET @v = …, a FETCH … INTO, an EXEC … OUTPUT
const ASSIGNING = new Set(['SetVariable', 'Select', 'Update', 'Fetch', 'Execute', 'Declare']);
