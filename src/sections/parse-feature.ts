import { dirname, isAbsolute, join } from 'node:path';
import { parseColumnType, parseValueText, type ColumnType } from '../engine';
import { entityNotInOutputs } from './entity-in-outputs';
import { parseGherkin } from './gherkin-loader';
import { statementsTagValue } from './recorded-statements';
import { checkKnownTable, inferValueType, ProblemSink, readCsvTable, readDataTable, STEP_HINT, STEP_PATTERNS, unquote, type RawDataTable } from './parse-steps';
import { decodeTagValue, quoteNamePart, splitNameList, unquoteNamePart } from './spec-names';
import { catalogFor, normalizeObjectName, sectionIdOf, type LineRange, type ParamValue, type ScalarExpectation, type ScenarioSpec, type SectionSpec, type SpecCatalog, type SpecProblem, type TableData, type TableExpectation } from './spec-model';

/** Inputs besides the text: the catalog to check names against, and how to read data files. */
export interface ParseFeatureOptions {
  readonly catalog?: SpecCatalog;
  /** Reads a file a step names (`from "data/x.csv"`); undefined when it cannot. */
  readonly readFile?: (path: string) => string | undefined;
}

/** A parsed spec, and every problem found in it (the spec is absent only for syntax errors). */
export interface ParsedFeature {
  readonly spec: SectionSpec | undefined;
  readonly problems: readonly SpecProblem[];
}

interface GherkinStep {
  readonly keyword: string;
  readonly keywordType?: string;
  readonly text: string;
  readonly location: { readonly line: number; readonly column?: number };
  readonly dataTable?: RawDataTable;
}

interface Tags {
  procedure?: string;
  procedureName?: string;
  lines: LineRange[];
  outputs: string[];
  entity?: string;
  /** Where the `@entity:` tag stands: SPEC_ENTITY points at it. */
  entityAt?: { line: number; column: number };
  ignored: boolean;
}

type RawTag = { readonly name: string; readonly location: { readonly line: number; readonly column?: number } };

/**
 * Gherkin starts a new tag at every `@`, so a hand-written `@output:@Totals` arrives as `@output:`
 * and `@Totals`; tags that touch (no blank between them) are one tag again, so table variables
 * can be named in tags as T-SQL writes them.
 */
export function joinTouchingTags(tags: readonly RawTag[]): RawTag[] {
  const out: RawTag[] = [];
  for (const tag of tags) {
    const prev = out[out.length - 1];
    const touches = prev !== undefined && prev.location.line === tag.location.line && prev.location.column !== undefined
      && tag.location.column === prev.location.column + [...prev.name].length;
    if (prev && touches) out[out.length - 1] = { name: prev.name + tag.name, location: prev.location };
    else out.push(tag);
  }
  return out;
}

/**
 * Reads the feature's tags (`@proc:`, `@lines:`, `@output:`, `@entity:`, `@ignored`). Names in
 * tags are percent-encoded where a tag cannot hold a character (spec-names.ts).
 */
function readTags(sink: ProblemSink, rawTags: readonly RawTag[], featureLine: number): Tags {
  const out: Tags = { outputs: [], ignored: false, lines: [] };
  const tags = joinTouchingTags(rawTags);
  for (const tag of tags) {
    const [key, encoded = ''] = tag.name.replace(/^@/, '').split(/:(.*)/s) as [string, string?];
    const value = decodeTagValue(encoded);
    const line = tag.location.line;
    const column = tag.location.column ?? 1;
    switch (key.toLowerCase()) {
      case 'proc': out.procedure = normalizeObjectName(value); out.procedureName = value; break;
      case 'output': out.outputs.push(...splitNameList(value)); break;
      case 'entity': out.entity = unquoteNamePart(value); out.entityAt = { line, column }; break;
      case 'ignored': out.ignored = true; break;
      case 'lines': {
        for (const part of value.split(',')) {
          const m = /^(\d+)(?:-(\d+))?$/.exec(part);
          const start = Number(m?.[1]);
          const end = Number(m?.[2] ?? m?.[1]);
          if (!m || start < 1 || start > end) sink.add(line, column, 'SPEC_LINES', `bad line range '${part}'`, 'write @lines:<first>-<last>, e.g. @lines:12-48, first <= last (several: @lines:1-5,9-12)');
          else out.lines.push({ start, end });
        }
        break;
      }
      default: break; // other tags (@wip, @slow) are the team's own
    }
  }
  if (!out.procedure) sink.add(featureLine, 1, 'SPEC_NO_PROC', 'the feature has no @proc tag', 'tag it with the legacy procedure, e.g. @proc:dbo.usp_CountEntityLetters');
  if (!tags.some((t) => t.name.startsWith('@lines:'))) sink.add(featureLine, 1, 'SPEC_NO_LINES', 'the feature has no @lines tag', 'tag it with the procedure lines it covers, e.g. @lines:12-48');
  if (!out.ignored && out.outputs.length === 0) sink.add(featureLine, 1, 'SPEC_NO_OUTPUT', 'the feature has no @output tag', 'name the table or metric it produces, e.g. @output:dbo.EntityLetterCount, or tag housekeeping @ignored');
  return out;
}

/** Checks the line range against the procedure the catalog knows. */
function checkLines(sink: ProblemSink, catalog: SpecCatalog | undefined, tags: Tags, tagLine: number): void {
  if (!catalog || catalog.procedures.size === 0 || !tags.procedure) return;
  const proc = catalog.procedures.get(tags.procedure);
  if (!proc) {
    sink.add(tagLine, 1, 'SPEC_UNKNOWN_PROC', `unknown procedure ${tags.procedureName ?? tags.procedure}`, `known procedures: ${[...catalog.procedures].map(([k, p]) => p.displayName ?? k).join(', ')}`);
    return;
  }
  for (const r of tags.lines.filter((l) => l.start < proc.lines.start || l.end > proc.lines.end)) {
    sink.add(tagLine, 1, 'SPEC_LINES_OUTSIDE', `@lines:${r.start}-${r.end} is outside ${tags.procedureName ?? tags.procedure} (${proc.file} lines ${proc.lines.start}-${proc.lines.end})`, 'run `migrate sections propose` to see the procedure\'s statement lines');
  }
}

/** A local date and time, with the server's UTC offset after it when a record run was given one. */
const CLOCK_VALUE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$/i;

/** The clock a scenario's `@clock:` (else `@recorded:`) tag gives, checked, and the UTC offset after it (see ScenarioSpec.clock). */
function scenarioClock(sink: ProblemSink, tags: readonly RawTag[]): { clock: string; offsetMinutes?: number } | undefined {
  const valueOf = (prefix: string): RawTag | undefined => tags.find((t) => t.name.toLowerCase().startsWith(prefix));
  const tag = valueOf('@clock:') ?? valueOf('@recorded:');
  if (tag === undefined) return undefined;
  const value = decodeTagValue(tag.name.slice(tag.name.indexOf(':') + 1));
  // GETDATE() reads the local time: the offset only says how it maps to UTC
  if (CLOCK_VALUE.test(value)) {
    const zone = /(Z|[+-]\d{2}:\d{2})$/i.exec(value)?.[1];
    const clock = value.replace(/(Z|[+-]\d{2}:\d{2})$/i, '').replace('T', ' ');
    if (zone === undefined) return { clock };
    const minutes = zone.toUpperCase() === 'Z' ? 0 : Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
    return { clock, offsetMinutes: zone.startsWith('-') ? -minutes : minutes };
  }
  sink.add(tag.location.line, tag.location.column ?? 1, 'SPEC_CLOCK', `${tag.name} is not a date and time`, 'write it as @clock:2024-01-31T08:00:00 (what GETDATE() reads in this scenario)');
  return undefined;
}

/** Builds one scenario from its steps (Background steps first). */
function readScenario(sink: ProblemSink, options: ParseFeatureOptions, file: string, tags: Tags, name: string, line: number, steps: readonly GherkinStep[]): ScenarioSpec {
  const inputs: TableData[] = [];
  const params: ParamValue[] = [];
  const expected: TableExpectation[] = [];
  const scalars: ScalarExpectation[] = [];
  let phase = 'Context';
  let sawWhen = false;
  for (const step of steps) {
    if (step.keywordType && step.keywordType !== 'Conjunction' && step.keywordType !== 'Unknown') phase = step.keywordType;
    else if (step.keyword.trim() === '*') phase = phase || 'Context';
    const sl = step.location.line;
    const sc = (step.location.column ?? 1) + step.keyword.length;
    if (phase === 'Action') { sawWhen = true; continue; }
    if (phase === 'Context') {
      const table = STEP_PATTERNS.givenTable.exec(step.text);
      const param = STEP_PATTERNS.givenParam.exec(step.text);
      if (table) {
        const tname = table[1] as string;
        checkKnownTable(sink, options.catalog, tname, sl, sc);
        // relative to the .feature file; an absolute path (a shared data folder) as it is
        const csvPath = table[2] === undefined ? '' : isAbsolute(table[2]) ? table[2] : join(dirname(file), table[2]);
        const data = table[2] !== undefined
          ? readCsvTable(sink, options.catalog, tname, sl, csvPath, csvPath, options.readFile?.(csvPath))
          : readDataTable(sink, options.catalog, tname, sl, step.dataTable);
        if (data) inputs.push(data);
      } else if (param) {
        const p = readTypedValue(sink, param[1] as string, param[2], param[3] as string, sl, sc);
        if (p) {
          // a scenario's value overrides the Background's
          const at = params.findIndex((x) => x.name.toLowerCase() === (param[1] as string).toLowerCase());
          if (at >= 0) params.splice(at, 1);
          params.push({ kind: 'param-value', name: param[1] as string, type: p.type, value: p.value, line: sl, ...(p.pending ? { pending: true } : {}) });
        }
      } else sink.add(sl, sc, 'SPEC_STEP', `cannot read the Given step '${step.text}'`, STEP_HINT);
      continue;
    }
    const table = STEP_PATTERNS.thenTable.exec(step.text);
    const scalar = STEP_PATTERNS.thenScalar.exec(step.text);
    if (table) {
      const tname = table[1] as string;
      // A plain name the section declares as its @output (`result`, `range`) is a result set or
      // a row of scalars, not a table: there is nothing in the catalog to check it against.
      const pseudo = !/[.#@]/.test(tname) && tags.outputs.some((o) => o.toLowerCase() === tname.toLowerCase());
      if (!pseudo) checkKnownTable(sink, options.catalog, tname, sl, sc);
      if (!tags.ignored && tags.outputs.length > 0 && !tags.outputs.some((o) => normalizeObjectName(o) === normalizeObjectName(tname))) {
        sink.add(sl, sc, 'SPEC_NOT_OUTPUT', `Then table ${tname} is not an @output of this section (${tags.outputs.join(', ')})`, 'add it to the @output tags or expect the section\'s own output');
      }
      const data = readDataTable(sink, options.catalog, tname, sl, step.dataTable);
      if (!data) continue;
      if (table[4] && data.rows.length > 0) sink.add(sl, sc, 'SPEC_NOT_EMPTY', `table ${tname} is expected empty but has ${data.rows.length} row(s)`, 'drop the rows or the words "is empty"');
      const key = splitNameList(table[2] ?? '').map(unquoteNamePart);
      for (const k of key) {
        if (!data.columns.some((c) => c.name.toLowerCase() === k.toLowerCase())) sink.add(sl, sc, 'SPEC_KEY', `key column ${quoteNamePart(k)} is not a column of ${tname}`, `its columns are ${data.columns.map((c) => quoteNamePart(c.name)).join(', ')}`);
      }
      const orderedBy = table[5] === undefined ? undefined : splitNameList(table[5]).map(unquoteNamePart);
      for (const k of orderedBy ?? []) {
        if (!data.columns.some((c) => c.name.toLowerCase() === k.toLowerCase())) sink.add(sl, sc, 'SPEC_ORDER', `ordered by ${quoteNamePart(k)}: not a column of ${tname}`, `its columns are ${data.columns.map((c) => quoteNamePart(c.name)).join(', ')}`);
      }
      expected.push({ kind: 'table-expectation', table: data, key, tolerance: table[3] !== undefined ? Number(table[3]) : 0, ...(orderedBy ? { orderedBy } : {}) });
    } else if (scalar) {
      const v = readTypedValue(sink, scalar[1] as string, scalar[2], scalar[3] as string, sl, sc);
      if (v) scalars.push({ kind: 'scalar-expectation', name: unquoteNamePart(scalar[1] as string), type: v.type, value: v.value, tolerance: scalar[4] !== undefined ? Number(scalar[4]) : 0, line: sl, column: sc, ...(v.pending ? { pending: true } : {}) });
    } else sink.add(sl, sc, 'SPEC_STEP', `cannot read the Then step '${step.text}'`, STEP_HINT);
  }
  if (!sawWhen) sink.add(line, 1, 'SPEC_NO_WHEN', `scenario '${name}' has no When step`, 'add `When the section runs` between the Given and the Then steps');
  if (expected.length === 0 && scalars.length === 0) sink.add(line, 1, 'SPEC_NO_THEN', `scenario '${name}' expects nothing`, 'add a `Then table <output>:` with the expected rows (a header alone means: no rows)');
  return { kind: 'scenario-spec', name, line, inputs, params, expected, scalars };
}

/** Reads `@name[:type] = value`, inferring the type when none is written. */
function readTypedValue(sink: ProblemSink, name: string, typeText: string | undefined, valueText: string, line: number, column: number): { type: ColumnType; value: unknown; pending?: boolean } | undefined {
  const text = unquote(valueText);
  // a bare TODO (not "TODO", which is text) is a value still to be written: its type still counts
  const pending = /^todo$/i.test(valueText.trim());
  const type = typeText ? parseColumnType(typeText) : pending ? parseColumnType('text?') : inferValueType(text);
  if (!type) {
    sink.add(line, column, 'SPEC_TYPE', `unknown type '${typeText}' for ${name}`, 'use int, bigint, double, decimal(p,s), text, bool, date or timestamp');
    return undefined;
  }
  if (pending) return { type, value: null, pending: true };
  const parsed = parseValueText(type, text);
  if (!parsed.ok) {
    sink.add(line, column, 'SPEC_VALUE', `${name}: ${parsed.reason}`, 'fix the value or its type');
    return undefined;
  }
  return { type, value: parsed.value };
}

/**
 * Parses a section spec (.feature) into a SectionSpec and checks it: tags, step sentences,
 * typed headers, every value against its type, table and column names against the catalog,
 * the line range against the procedure. Every problem carries file:line:col and a hint; the
 * spec is returned whenever the Gherkin itself parsed, so callers can report all at once.
 */
export async function parseFeature(text: string, file: string, options: ParseFeatureOptions = {}): Promise<ParsedFeature> {
  const sink = new ProblemSink(file);
  const { document, errors } = await parseGherkin(text);
  for (const e of errors) {
    const ragged = /inconsistent cell count/.test(e.message);
    sink.add(e.line, Math.max(1, e.column), ragged ? 'SPEC_RAGGED' : 'SPEC_SYNTAX', ragged ? 'ragged table: this row has a different number of cells than the header' : `Gherkin: ${e.message}`,
      ragged ? 'give every row of a data table as many | cells | as its header' : 'see https://cucumber.io/docs/gherkin/reference');
  }
  const feature = document?.feature;
  if (!feature) {
    if (errors.length === 0) sink.add(1, 1, 'SPEC_EMPTY', 'no Feature in this file', 'start with the tags and `Feature: <what this section computes>`');
    return { spec: undefined, problems: sink.problems };
  }
  const featureLine = feature.location.line;
  const tags = readTags(sink, feature.tags, featureLine);
  // the procedure's own #temp tables and table variables over another procedure's of the same name
  options = { ...options, catalog: catalogFor(options.catalog, tags.procedure) };
  checkLines(sink, options.catalog, tags, feature.tags[0]?.location.line ?? featureLine);
  let background: GherkinStep[] = [];
  const scenarios: ScenarioSpec[] = [];
  const children = feature.children.flatMap((c) => (c.rule ? c.rule.children : [c]));
  for (const child of children) {
    if (child.background) background = [...child.background.steps] as GherkinStep[];
    const sc = child.scenario;
    if (!sc) continue;
    if (sc.examples.length > 0) {
      sink.add(sc.location.line, sc.location.column ?? 1, 'SPEC_OUTLINE', 'Scenario Outline is not supported for sections', 'write one Scenario per example: each has its own tables');
      continue;
    }
    const scenario = readScenario(sink, options, file, tags, sc.name, sc.location.line, [...background, ...sc.steps] as GherkinStep[]);
    const clock = scenarioClock(sink, sc.tags);
    const statements = statementsTagValue(sc.tags);
    scenarios.push({ ...scenario, ...(clock === undefined ? {} : { clock: clock.clock }), ...(clock?.offsetMinutes === undefined ? {} : { clockOffsetMinutes: clock.offsetMinutes }), ...(statements === undefined ? {} : { statements }) });
  }
  if (!tags.ignored && scenarios.length === 0 && errors.length === 0) {
    sink.add(featureLine, 1, 'SPEC_NO_SCENARIO', 'the feature has no scenario', 'add a Scenario with Given/When/Then, or tag the section @ignored if it is housekeeping');
  }
  const spec: SectionSpec = {
    kind: 'section-spec', file, id: sectionIdOf(file), title: feature.name, procedure: tags.procedure ?? '', ...(tags.procedureName ? { procedureName: tags.procedureName } : {}), lines: tags.lines,
    outputs: tags.outputs, entity: tags.entity, ignored: tags.ignored, scenarios, line: featureLine,
  };
  if (spec.entity) {
    // the entity column must be a column of the section's outputs wherever they are given (entity-in-outputs.ts)
    const broken = entityNotInOutputs(spec.entity, tags.entityAt ?? { line: featureLine, column: 1 }, spec.scenarios.flatMap((sc) => sc.expected.map((e) => e.table)));
    if (broken) sink.add(broken.line, broken.column, 'SPEC_ENTITY', broken.message, broken.hint);
  }
  return { spec, problems: sink.problems };
}
