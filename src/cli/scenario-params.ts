// `sections record --from-data`'s parameters: the Background's `Given parameter` values, the
// --param values that override them (typed as the procedure or a scenario declares them), and
// the procedure's parameters only the statements before the section read.
import { UsageError } from '../core';
import { formatColumnType, parseColumnType, parseValueText, type ColumnType } from '../engine';
import { STEP_PATTERNS, stepsInLines, variablesRead, type FeatureLayout, type ParamValue } from '../sections';
import type { RecordContext } from './section-recording';

/** The Background's parameters, overridden by `--param name=value` (typed as the procedure or the Background declares them). */
export function scenarioParams(ctx: RecordContext, layout: FeatureLayout, overrides: Readonly<Record<string, string>>): { all: ParamValue[]; written: string[]; start: ParamValue[] } {
  const all: ParamValue[] = [];
  // the procedure's parameters the section itself does not read: the statements run before it may (`@MonthEnd = EOMONTH(@CloseMonth)`)
  const unread: ParamValue[] = [];
  for (const step of layout.background) {
    const m = STEP_PATTERNS.givenParam.exec(step.text);
    const type = m?.[2] ? parseColumnType(m[2]) : undefined;
    if (!m || !type) continue;
    const parsed = parseValueText(type, (m[3] as string).trim().replace(/^'(.*)'$/, '$1'));
    if (parsed.ok) all.push({ kind: 'param-value', name: m[1] as string, type, value: parsed.value, line: step.line });
  }
  const written: string[] = [];
  const reads = variablesTheSectionReads(ctx);
  for (const [rawName, text] of Object.entries(overrides)) {
    const name = rawName.startsWith('@') ? rawName : `@${rawName}`;
    const known = all.find((p) => p.name.toLowerCase() === name.toLowerCase())?.type ?? ctx.parameters.find((p) => p.name.toLowerCase() === name.toLowerCase())?.type
      ?? scenarioParamType(layout, name);
    // a variable of the procedure that another section needs (`@MonthEnd`, set by an earlier one): not this section's
    const otherSections = reads !== undefined && !reads.has(name.toLowerCase()) && ctx.graph?.nodes.some((n) => n.kind === 'variable' && n.name.toLowerCase() === name.toLowerCase()) === true;
    if (known === undefined && otherSections) continue;
    if (known === undefined) throw new UsageError('RECORD_PARAM', `--param ${rawName}: ${ctx.spec.procedureName ?? ctx.spec.procedure} has no parameter ${name}`, { hint: `its parameters: ${ctx.parameters.map((p) => p.name).join(', ') || '(none)'} (and a value the section must be given, as a scenario's \`Given parameter\` writes it)` });
    // One --param list serves every section of the procedure: a section that does not read a
    // parameter gets no step for it (its transform would declare a parameter it never uses, and
    // `migrate run` would ask for a value the section does not need).
    const type: ColumnType = known;
    const parsed = parseValueText(type, text);
    if (!parsed.ok) throw new UsageError('RECORD_PARAM', `--param ${rawName}=${text}: ${parsed.reason}`);
    if (reads !== undefined && !reads.has(name.toLowerCase())) {
      if (ctx.parameters.some((p) => p.name.toLowerCase() === name.toLowerCase())) unread.push({ kind: 'param-value', name, type, value: parsed.value, line: 0 });
      continue;
    }
    const at = all.findIndex((p) => p.name.toLowerCase() === name.toLowerCase());
    if (at >= 0) all.splice(at, 1);
    all.push({ kind: 'param-value', name, type, value: parsed.value, line: 0 });
    written.push(`Given parameter ${name}:${formatColumnType(type)} = ${text}`);
  }
  return { all, written, start: [...all, ...unread] };
}

/** The variables and parameters (lower-case `@name`) the section's statements read, from the procedure's graph; undefined without one. */
function variablesTheSectionReads(ctx: RecordContext): Set<string> | undefined {
  const graph = ctx.graph;
  if (graph === undefined) return undefined;
  const ids = new Set(stepsInLines(graph, ctx.spec.lines).flatMap((s) => variablesRead(graph, s)));
  return new Set(graph.nodes.filter((n) => ids.has(n.id)).map((n) => n.name.toLowerCase()));
}

/**
 * The type a scenario's `Given parameter` step writes for `name`: a value the section must be
 * given that is no parameter of the procedure (`@LoadLogId`, set by another section), which
 * propose writes into the first scenario as `Given parameter @LoadLogId:int? = TODO`.
 */
export function scenarioParamType(layout: FeatureLayout, name: string): ColumnType | undefined {
  for (const sc of layout.scenarios) {
    for (const step of sc.steps) {
      const m = STEP_PATTERNS.givenParam.exec(step.text);
      if (m && (m[1] as string).toLowerCase() === name.toLowerCase() && m[2]) return parseColumnType(m[2]);
    }
  }
  return undefined;
}
