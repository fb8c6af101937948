// Variables that a statement of another section sets between a section's own statements. A
// proposal groups statements by the output they feed, so a section's lines may interleave with
// another's (`@lines:8,14-17` around `SET @BatchId = SCOPE_IDENTITY()` at line 11). Run alone,
// the section would read such a variable as it stood before that statement (a DECLARE's NULL),
// and a WHERE comparing with it, or a CATCH swallowing the error it causes, would give plausible
// wrong rows. So the scenario must give the value the variable holds after that statement, and
// where the section also uses it before that statement no one value can stand for both.
import { LegacyError, type ErrorLocation } from '../../../core';
import { walk, type Node, type ParsedScript, type Statement, type Variable } from '../../../tsql';
import { normalizeObjectName } from '../../legacy-run';
import { collectProcedures } from '../emulate-procedure';
import { assignsVariable, selectSectionStatements, type SectionLines } from './section-statements';

/** A variable of the section set between its statements by a statement outside it. */
export interface SetBetween {
  /** The assignment outside the section (the variable as written there). */
  readonly setBy: Variable;
  /** The section's first use after that assignment, a read: it reads the value the assignment left. */
  readonly readAt: Variable;
  /** The section's use of the variable before that assignment, if any: it read or set another value. */
  readonly usedBefore?: Variable;
}

/** Whether this use of `v` sets it without reading it (`SET @v =`, `SELECT @v =`, FETCH INTO, DECLARE). */
function plainlySets(v: Variable, parent: Node | undefined): boolean {
  switch (parent?.kind) {
    case 'SetVariable': case 'SelectAssignment': case 'UpdateAssignment': return parent.variable === v && parent.operator === '=';
    case 'Fetch': return parent.into.includes(v);
    case 'VariableDeclaration': return parent.variable === v;
    default: return false;
  }
}

/**
 * The variables (lower-case `@name`) that a statement outside the section, standing after the
 * section's first statement, may set before a read of the section; a variable the section
 * declares itself is left to declaredButSetOutside (section-declared-inputs.ts).
 */
export function variablesSetBetween(body: readonly Statement[], statements: readonly Statement[], lines: readonly SectionLines[]): Map<string, SetBetween> {
  const inSection = (line: number): boolean => lines.some((r) => line >= r.start && line <= r.end);
  const start = Math.min(...statements.map((s) => s.span.start.offset));
  const uses = new Map<string, { v: Variable; sets: boolean }[]>();
  const declared = new Set<string>();
  for (const s of statements) {
    walk(s, (n, parent) => {
      if (n.kind !== 'Variable') return undefined;
      const key = n.name.toLowerCase();
      if (parent?.kind === 'VariableDeclaration' && parent.variable === n) declared.add(key);
      uses.set(key, [...(uses.get(key) ?? []), { v: n, sets: plainlySets(n, parent) }]);
      return undefined;
    });
  }
  const out = new Map<string, SetBetween>();
  for (const s of body) {
    walk(s, (n, parent) => {
      if (n.kind !== 'Variable' || n.span.start.offset <= start || inSection(n.span.start.line) || !assignsVariable(n, parent)) return undefined;
      const key = n.name.toLowerCase();
      const mine = (uses.get(key) ?? []).slice().sort((a, b) => a.v.span.start.offset - b.v.span.start.offset);
      const next = mine.find((u) => u.v.span.start.offset > n.span.start.offset);
      if (declared.has(key) || next === undefined || next.sets) return undefined;
      const seen = out.get(key);
      if (seen !== undefined) {
        // a second such assignment before another read (`SET @Step = 2` between two reads): the
        // section's reads after it see another value than the read after the first one
        if (seen.usedBefore === undefined && seen.readAt !== next.v) out.set(key, { setBy: n, readAt: next.v, usedBefore: seen.readAt });
        return undefined;
      }
      const before = mine.filter((u) => u.v.span.start.offset < n.span.start.offset)[0];
      out.set(key, { setBy: n, readAt: next.v, ...(before === undefined ? {} : { usedBefore: before.v }) });
      return undefined;
    });
  }
  return out;
}

/**
 * Refuses, at the section's read, a run in which a variable set between the section's statements
 * by another section's statement would be read as it stood before it: the scenario does not give
 * it (`given`: lower-case `@name`), or the section uses it before that statement too.
 */
export function refuseSetBetween(script: ParsedScript, body: readonly Statement[], statements: readonly Statement[], lines: readonly SectionLines[], given: ReadonlySet<string>): void {
  for (const [key, { setBy, readAt, usedBefore }] of variablesSetBetween(body, statements, lines)) {
    const name = readAt.name;
    const at = `${script.file}:${setBy.span.start.line}:${setBy.span.start.column}, outside the section and between its statements,`;
    const location = { file: script.file, span: readAt.span, source: script.lineIndex.text };
    if (usedBefore !== undefined) {
      throw new LegacyError('LEGACY_SECTION_INPUT', `${at} sets ${name} after the section uses it (line ${usedBefore.span.start.line}) and before it reads it here: run alone, no one value of ${name} can stand for both`, {
        location, hint: `give line ${setBy.span.start.line} to this section (its @lines), or cut the section there`,
      });
    }
    if (!given.has(key)) {
      throw new LegacyError('LEGACY_SECTION_INPUT', `the section reads ${name}, which ${at} sets first: run alone, the section would read ${name} as it stood before line ${setBy.span.start.line}`, {
        location, hint: `add \`Given parameter ${name}:<type> = <value>\` to the scenario with the value ${name} holds after line ${setBy.span.start.line}`,
      });
    }
  }
}

/** Where one variable set between the section's statements is set and read (sectionVariablesSetBetween). */
export interface SetBetweenPlace {
  /** As the section reads it. */
  readonly name: string;
  readonly file: string;
  readonly setLine: number;
  readonly setColumn: number;
  readonly readLine: number;
  readonly readColumn: number;
  /** The read, located in the procedure's script (with its text, for the caret). */
  readonly readAt: ErrorLocation;
  /** The section's use of the variable before that statement (it read or set another value there): no one value stands for both. */
  readonly usedBeforeLine?: number;
}

/** The variables a statement outside the section sets between its statements before it reads them, for a caller that gives values (`record --from-data`, `migrate run`). */
export function sectionVariablesSetBetween(scripts: readonly ParsedScript[], procedure: string, lines: readonly SectionLines[]): SetBetweenPlace[] {
  const loaded = collectProcedures(scripts).get(normalizeObjectName(procedure));
  if (loaded === undefined) return [];
  const statements = selectSectionStatements(loaded.procedure, loaded.script, lines);
  if (statements.length === 0) return [];
  return [...variablesSetBetween(loaded.procedure.body, statements, lines).values()].map(({ setBy, readAt, usedBefore }) => ({
    name: readAt.name, file: loaded.script.file, setLine: setBy.span.start.line, setColumn: setBy.span.start.column, readLine: readAt.span.start.line, readColumn: readAt.span.start.column,
    readAt: { file: loaded.script.file, span: readAt.span, source: loaded.script.lineIndex.text },
    ...(usedBefore === undefined ? {} : { usedBeforeLine: usedBefore.span.start.line }),
  }));
}
