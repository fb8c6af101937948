// Values a section leaves for the sections after it: `SET @BatchId = SCOPE_IDENTITY()` in the
// batch section, `INSERT dbo.Fact (BatchId, …) SELECT @BatchId, …` in a later one. The legacy
// procedure hands them over in its variables; the new pipeline hands them over as the values a
// transform declares (Transform.values), which scenarios state as `Then value @BatchId:int = 100`.
import { parseColumnType, parseSqlServerColumnType, type ColumnType } from '../engine';
import type { DataFlowGraph } from '../dataflow';
import { stepsInLines, valueReaches, variablesRead } from './section-flow';
import { sectionCoversLine } from './collect-status';
import type { LineRange, SectionSpec } from './spec-model';

/** A variable a section sets that a statement after it reads, as the procedure writes it. */
export interface CarriedVariable {
  /** As written (`@BatchId`). */
  readonly name: string;
  /** Its spec type, nullable (a variable may hold NULL whatever its use): `int?`. */
  readonly type: ColumnType;
  /** The first line after the section that reads what it leaves. */
  readonly readAt: number;
}

/**
 * The variables (and reassigned parameters) the statements of `lines` set whose value a later
 * statement outside them reads, with no statement between that always sets them again.
 * `counts(line)`: whether a reader at that line matters (not housekeeping that never runs);
 * every reader counts without it. In the order the procedure declares them.
 */
export function carriedVariables(graph: DataFlowGraph, lines: readonly LineRange[], counts: (line: number) => boolean = () => true): CarriedVariable[] {
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const inside = (line: number): boolean => lines.some((r) => line >= r.start && line <= r.end);
  const mine = stepsInLines(graph, lines).filter((s) => !s.context.some((c) => c.kind === 'catch'));
  const last = Math.max(...lines.map((r) => r.end));
  const later = graph.steps.filter((s) => s.lines.start > last && !inside(s.lines.start) && counts(s.lines.start));
  const out: CarriedVariable[] = [];
  for (const node of graph.nodes) {
    if (node.kind !== 'variable' && node.kind !== 'parameter') continue;
    const setters = mine.filter((s) => s.writes.some((w) => w.node === node.id));
    if (setters.length === 0) continue;
    const lastSetter = setters[setters.length - 1] as (typeof setters)[number];
    // `SET @MonthEnd = EOMONTH(@MonthStart)`: migrate run computes it from the parameters itself
    // (reassigned-parameters.ts), so no transform needs to declare it nor a scenario to state it
    if (setters.every((s) => computedFromParameters(graph, kindOf, s))) continue;
    const reader = later.find((s) => variablesRead(graph, s).includes(node.id) && valueReaches(graph, lastSetter, s, node.id));
    if (reader === undefined) continue;
    const dataType = 'dataType' in node && node.dataType ? String(node.dataType).replace(/\s+/g, '') : 'nvarchar(4000)';
    out.push({ name: node.label ?? node.name, type: parseSqlServerColumnType(`${dataType}?`) ?? (parseColumnType('text?') as ColumnType), readAt: reader.lines.start });
  }
  return out;
}

/**
 * Whether a step sets its variables from parameters, constants and variables so set alone, as
 * `migrate run` computes them before a section (reassigned-parameters.ts): a SET or DECLARE that
 * reads no table, follows no statement (`SCOPE_IDENTITY()`, `@@ROWCOUNT`: the graph marks them
 * `follows`) and reads only parameters and variables whose own setters are such steps. Where run
 * cannot compute one after all (the clock, RAND()), it stops and names the value: never a guess.
 */
function computedFromParameters(graph: DataFlowGraph, kindOf: ReadonlyMap<string, string>, step: DataFlowGraph['steps'][number], known: Map<string, boolean> = new Map()): boolean {
  const cached = known.get(step.id);
  if (cached !== undefined) return cached;
  known.set(step.id, false); // a cycle through itself: not shown to come from parameters
  const pure = (step.kind === 'set' || step.kind === 'declare') && step.follows === undefined
    && step.writes.every((w) => kindOf.get(w.node) === 'variable' || kindOf.get(w.node) === 'parameter')
    && step.reads.every((r) => {
      const kind = kindOf.get(r.node);
      if (kind === 'parameter') return true;
      if (kind !== 'variable') return false;
      const before = graph.steps.filter((s) => s.index < step.index && s.writes.some((w) => w.node === r.node));
      return before.length > 0 && before.every((s) => computedFromParameters(graph, kindOf, s, known));
    });
  known.set(step.id, pure);
  return pure;
}

/**
 * Whether a reader at `line` matters for a value handed over: the new pipeline runs every
 * section but the @ignored ones, so a reader in @ignored housekeeping needs no value. The one
 * rule of record, scaffold and check (each had its own copy, and check's left out readers in no
 * section, which `sections check` reports as uncovered anyway).
 */
export function readerRuns(siblings: readonly SectionSpec[]): (line: number) => boolean {
  return (line) => !siblings.some((s) => s.ignored && sectionCoversLine(s, line));
}
