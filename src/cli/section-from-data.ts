// `migrate sections record <section> --from-data DIR`: new scenarios from real input data, one
// per picked entity, with Given tables sliced from the CSVs and Then tables from the legacy run.
import { existsSync } from 'node:fs';
import { basename, sep } from 'node:path';
import { displayPath, formatLocated, LegacyError, readSourceFile, UsageError, writeFileAtomic } from '../core';
import { containersInEffect } from '../tsql';
import { carriedAcrossEntities, carriedCursorEntity } from './check-entity-reads';
import { formatColumnType } from '../engine';
import { findInputs, normalizeObjectName, sectionCrossEntityReads, sectionTableComparisons, sectionInputTables, sectionKeyColumns, sectionSequencesDrawn, sectionStartLines, viewTables, type SectionRunResult } from '../legacy';
import {
  appendScenarios, replaceScenarios, statementsTagValue, type LayoutScenario, CellMismatch, cursorKeyOfEntity, ENTITY_CASES, entityNotInOutputs, parseFeature, promoteForCase, readCsvRecords, encodeTagValue, formatHeaderCell, formatSpecName, formatRecordedCell, parseHeaderCell, pickEntities, ProblemSink, readCsvTable, readFeatureLayout, renderDataTable, sliceForEntity, WHOLE_TABLE_LIMIT,
  specNameKey, splitNameList, STEP_PATTERNS, stepsWithPhase, unquoteNamePart, triggerWrites, type FeatureLayout, type ParamValue, type PickedEntity, type SectionSpec, type TableData,
} from '../sections';
import { carriedValueSteps, legacyErrorsText, recordedTags, recordedTable, runLegacySection, startValueSteps, valueText, type RecordContext } from './section-recording';
import { runSectionStart, runsBeforeSection, sectionStartPlan, type SectionStartPlan } from './section-start-state';
import { refuseValuesSetBetween } from './values-set-between';
import { entityMadeBefore, entityNotInData } from './entity-made-before';
import { startOnAllData, withStartRefusal, type StartOnAllData } from './entity-in-start-state';
import { entitiesParametersKeep, entityParameters, entityParameterValues, type LeftOutEntities } from './entity-parameter';
import { EmptyThenScenarios, NOTHING_MATCHES, type EmptyThen } from './empty-then-scenarios';
import { linesText } from './line-ranges';
import { scenarioParams } from './scenario-params';
import { recordWholeData, wholeDataHint } from './whole-data-scenario';
import { recordedAgainChange } from './recorded-again';


/**
 * An entity's value as a scenario names it: the rows without one are `NULL`, the empty text is
 * `''` (the accept report's mark for it), never nothing between two blanks.
 */
const entityText = (value: unknown): string => {
  const text = valueText(value);
  return text === null ? 'NULL' : text === '' ? "''" : text;
};
/** `--from-data`'s: the folder, how many entities, the --param values, and --whole. */
type FromDataOptions = { readonly dataDir: string; readonly entities: number; readonly params: Readonly<Record<string, string>>; readonly whole?: boolean };
/** What `--from-data` made. */
export interface FromDataOutcome {
  readonly section: string;
  readonly file: string;
  readonly clock: string;
  /** `rerecorded`: in the place of the scenario of that name recorded from other statements (recorded-statements.ts),
   * or, with `thenChanged`, from these whose recorded Then is not what the emulator computes now (recorded-again.ts). */
  readonly scenarios: readonly { readonly name: string; readonly entity: string; readonly cases: readonly string[]; readonly rows: number; readonly rerecorded?: boolean; readonly thenChanged?: true }[];
  /** Recorded scenarios of this data kept as they are because their Given or When steps are not the data's now (edited, or the data changed: recorded-again.ts). */
  readonly editedKept?: readonly string[];
  /** Cases no entity of the data shows. */
  readonly uncovered: readonly string[];
  /** Input tables a statement before the section writes, where the data's rows stand for them (their state before the procedure). */
  readonly writtenBefore: readonly string[];
  /**
   * The statements before the section that ran first on each entity's data, so that its Given is
   * what they leave (section-start-state.ts): their lines and the variables they gave the section.
   */
  readonly startState?: { readonly lines: string; readonly variables: readonly string[]; readonly views?: readonly string[]; readonly cutAfter?: true };
  /** Why the statements before the section could not run first (the data's rows then stand, as writtenBefore names). */
  readonly startRefused?: string;
  /** Entities whose output could not be written as Then rows (values that depend on an order SQL Server leaves open), each with why. */
  readonly skipped: readonly { readonly name: string; readonly entity: string; readonly cases: readonly string[]; readonly reason: string }[];
  /** Picked entities whose scenario the feature already holds. */
  readonly existing: number;
  /**
   * The sequences the section draws from: each scenario numbers them from where the scripts leave
   * them (START WITH), not from the database's next value, and its Then rows hold those numbers.
   */
  readonly sequences: readonly string[];
  /**
   * The section's constructs that combine rows of several entities (a grand total, a ranking
   * across them): each scenario holds one entity, so they test none of it (cross-entity-reads.ts).
   */
  readonly crossEntity: readonly string[];
  /** Entities a --param of the entity's own parameter keeps none of the rows of (entity-parameter.ts): not recorded. */
  readonly leftOut: readonly LeftOutEntities[];
  /** Scenarios whose Then tables came out empty from a Given with rows (empty-then-scenarios.ts): one written, the others not. */
  readonly emptyThen: readonly EmptyThen[];
  readonly written: boolean;
}

/**
 * Entities skipped (their output not recordable) before the recording stops looking for others:
 * each costs a legacy run, and a refusal every entity meets (a header the output lacks) would
 * otherwise run the section once per entity of the data.
 */
export const SKIPPED_ENTITY_LIMIT = 10;

/**
 * Input tables of the section that a statement of the procedure before it writes (`DELETE
 * Finance.Allocation` of the period ahead of the allocating cursor): the data folder holds their
 * rows as the procedure starts, the section sees them as that statement left them, so a Given
 * sliced from the data may hold rows the section never meets. Named, with the statement's line.
 */
export function inputsWrittenBefore(ctx: RecordContext, tables: readonly string[]): string[] {
  const graph = ctx.graph;
  if (graph === undefined || ctx.spec.lines.length === 0) return [];
  const before = runsBeforeSection(ctx);
  const byName = new Map(tables.map((t) => [normalizeObjectName(t), t]));
  const found = new Map<string, string>();
  for (const step of graph.steps) {
    if (!before(step.lines.start) || step.context.some((c) => c.kind === 'catch')) continue;
    for (const w of step.writes) {
      const node = graph.nodes.find((n) => n.id === w.node);
      const name = node === undefined ? undefined : byName.get(normalizeObjectName(node.name));
      if (name !== undefined && !found.has(name)) found.set(name, `${name} (${step.label} at line ${step.lines.start})`);
    }
    // what the triggers it fires write (and the triggers those writes fire) changes before the section too
    for (const [table, trigger] of triggerWrites(step.fires ?? [], ctx.catalog.triggers)) {
      const name = byName.get(table);
      if (name !== undefined && !found.has(name)) found.set(name, `${name} (${step.label} at line ${step.lines.start}, through the trigger ${trigger})`);
    }
  }
  return [...found.values()];
}

/** Whether `@name` (lower case) is a table-valued parameter (READONLY) of the section's procedure, as in effect. */
function isTableParameter(ctx: RecordContext, key: string): boolean {
  const procedure = containersInEffect(ctx.scripts, 'CreateProcedure').get(normalizeObjectName(ctx.spec.procedureName ?? ctx.spec.procedure));
  return procedure?.statement.parameters.some((p) => p.readonly && p.name.toLowerCase() === key) ?? false;
}

/** The input tables of the section, read from the data folder's CSVs with the catalog's types. */
/** Tables readSectionInputs read only because the section changes them (sliced on their own). */
const changedOnlyTables = new WeakSet<TableData>();

function readSectionInputs(ctx: RecordContext, dataDir: string, lines: SectionSpec['lines'] = ctx.spec.lines, views?: Set<string>): TableData[] {
  const csvs = findInputs(dataDir);
  const out: TableData[] = [];
  // the tables it changes (DELETE, UPDATE, MERGE) too: the data's rows show what it removes or changes
  const inputs = sectionInputTables(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, lines, { changed: true });
  // a view whose file the data lacks: its tables' files instead, from which the emulator computes
  // its rows (section-start-state.ts); a table the statements only change is then read too
  for (const [key, tables] of views === undefined ? [] : viewTables(ctx.scripts, inputs.map((i) => i.key))) {
    const at = inputs.findIndex((i) => i.key === key);
    const view = inputs[at];
    if (view === undefined || csvs.some((c) => normalizeObjectName(c.table) === key)) continue;
    views?.add(view.written);
    inputs.splice(at, 1);
    for (const table of tables) {
      const known = inputs.findIndex((i) => i.key === table);
      const input = inputs[known];
      if (input === undefined) inputs.push({ key: table, written: table, parts: table.split('.'), at: view.at });
      else inputs[known] = { ...input, changedOnly: false };
    }
  }
  for (const input of inputs) {
    if (input.key.startsWith('@') && isTableParameter(ctx, input.key)) {
      // read by a statement before the section, run first for its start state (a variable or table it leaves)
      const line = input.at?.span?.start.line;
      const inSection = line === undefined || ctx.spec.lines.some((r) => line >= r.start && line <= r.end);
      const reader = inSection ? 'the section reads' : `the statements before the section (run first: they leave what it starts from) read`;
      throw new LegacyError('RECORD_FROM_DATA_TEMP', `${reader} the table-valued parameter ${formatSpecName(input.parts)}, whose rows the procedure's caller passes: the data folder's tables cannot give them`, {
        location: input.at, hint: inSection ? `record this section from scenarios whose Given states them (\`Given table ${formatSpecName(input.parts)}:\`, then \`migrate sections record\` without --from-data)`
          : 'record this section from scenarios whose Given states the tables and values it starts from (`migrate sections record` without --from-data)',
      });
    }
    if (input.key.startsWith('#') || input.key.startsWith('@')) {
      throw new LegacyError('RECORD_FROM_DATA_TEMP', `the section reads ${formatSpecName(input.parts)}, which an earlier section of the procedure builds: real input data cannot give it`, {
        location: input.at, hint: 'record this section from scenarios whose Given states it (`migrate sections record` without --from-data), or make scenarios for the section that builds it',
      });
    }
    // a synonym's rows are its target's: an export of the database has the target's file
    const target = ctx.catalog.synonyms?.get(input.key);
    const csv = csvs.find((c) => normalizeObjectName(c.table) === input.key) ?? (target === undefined ? undefined : csvs.find((c) => normalizeObjectName(c.table) === target));
    // (a table it only changes may be missing from the data: the section then starts with it empty)
    if (csv === undefined && input.changedOnly === true) continue;
    if (csv === undefined) {
      // a statement before the section may be the reader: those statements run first on the data
      // (one only a callee reads is located at the callee's read; whose it is, the call's line tells)
      const line = (input.through?.at ?? input.at)?.span?.start.line;
      const via = input.through === undefined ? '' : ` through ${input.through.name}, called at line ${line ?? '?'}`;
      const reader = line === undefined || ctx.spec.lines.some((r) => line >= r.start && line <= r.end) ? `which the section reads${via}`
        : `which a statement before the section reads${via} (those statements run first on the data: they leave what it starts from)`;
      throw new UsageError('RECORD_FROM_DATA_MISSING', `--from-data ${dataDir} has no CSV for ${formatSpecName(input.parts)}, ${reader}`, { location: input.at, hint: missingTableHint(ctx, dataDir, input) });
    }
    let sink = new ProblemSink(csv.file);
    // the table's name as its CREATE TABLE writes it, in spec form (brackets where needed)
    const name = ctx.catalog.names?.get(specNameKey(formatSpecName(input.parts))) ?? formatSpecName(input.parts);
    const text = existsSync(csv.file) ? readSourceFile(csv.file).text : undefined; // UTF-16 and Windows-1252 exports too
    let table = readCsvTable(sink, ctx.catalog, name, 1, csv.file, displayPath(csv.file, ctx.config.root), text);
    const unused = text === undefined ? new Set<string>() : unusedFailingColumns(ctx, input.key, text, sink);
    if (unused.size > 0) {
      // Values a scenario cannot hold (a value its column's type refuses) in columns the section
      // neither reads nor writes: the Given leaves them out
      // (the section runs with them NULL, as `migrate test` gives them) rather than refuse the data.
      sink = new ProblemSink(csv.file);
      table = readCsvTable(sink, ctx.catalog, name, 1, csv.file, displayPath(csv.file, ctx.config.root), text, unused);
    }
    if (table === undefined || sink.problems.length > 0) {
      throw new UsageError('RECORD_FROM_DATA_CSV', `cannot read ${csv.file} as ${name}:\n${sink.problems.slice(0, 5).map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')}`, { hint: 'the CSV columns take the types of the table\'s CREATE TABLE script' });
    }
    out.push(table);
    if (input.changedOnly === true) changedOnlyTables.add(table);
  }
  return out;
}

/**
 * What to do about a table the data lacks. One an earlier statement of the procedure writes
 * (the [Midnight Census] an earlier section fills, read by the PIVOT after it) holds, as the
 * section starts, the rows the table had before the procedure plus what that statement wrote:
 * the data must give the former (a header row alone when it had none), and the statements
 * before the section then run first on it. Named with the writing statement's line.
 */
function missingTableHint(ctx: RecordContext, dataDir: string, input: { readonly key: string; readonly written: string }): string {
  const add = `add ${input.written}.csv to ${dataDir} (a header row, then one line per row)`;
  const graph = ctx.graph;
  if (graph === undefined || ctx.spec.lines.length === 0) return add;
  const before = runsBeforeSection(ctx);
  const ids = new Set(graph.nodes.filter((n) => normalizeObjectName(n.name) === input.key).map((n) => n.id));
  const writer = graph.steps.find((s) => before(s.lines.start) && !s.context.some((c) => c.kind === 'catch') && s.writes.some((w) => ids.has(w.node)));
  if (writer === undefined) return `${add}; if another procedure fills it, run that one first with \`migrate capture <proc> --data ${dataDir} --out <dir>\` and copy its ${input.written}.csv from <dir>`;
  const procedure = ctx.spec.procedureName ?? ctx.spec.procedure;
  return `${add}: its rows as they stand before ${procedure} runs (only the header row when it has none); ${writer.label} at line ${writer.lines.start} writes it before this section, and those statements run first on the data, so the Given is the table as they leave it (rows \`migrate capture ${procedure}\` leaves already hold what it wrote)`;
}

/**
 * The columns of the CSV of table `key` whose values failed to read, when the section neither
 * reads nor writes any of them (lower-case); empty when another problem failed the read, or when
 * the section may use every column: it changes the table (a scenario shows its whole rows),
 * reads it through `*`, FOR SYSTEM_TIME (the period columns, unnamed) or with columns the graph
 * does not name.
 */
function unusedFailingColumns(ctx: RecordContext, key: string, text: string, sink: ProblemSink): Set<string> {
  const none = new Set<string>();
  const graph = ctx.graph;
  if (graph === undefined || sink.problems.length === 0 || sink.problems.some((p) => p.code !== 'SPEC_VALUE')) return none;
  const ids = new Set(graph.nodes.filter((n) => n.name.toLowerCase() === key).map((n) => n.id));
  const steps = graph.steps.filter((s) => ctx.spec.lines.some((r) => s.lines.start >= r.start && s.lines.end <= r.end));
  const used = new Set<string>();
  for (const s of steps) {
    if (s.writes.some((w) => ids.has(w.node)) || (s.modifies ?? []).some((id) => ids.has(id)) || (s.temporal ?? []).length > 0) return none;
    for (const r of s.reads) if (ids.has(r.node)) for (const c of r.columns) used.add(c.toLowerCase());
  }
  if (used.size === 0 || used.has('*')) return none;
  // a value problem's column is the field's place in the file's header
  const header = readCsvRecords(text)[0]?.fields ?? [];
  const failing = new Set(sink.problems.map((p) => parseHeaderCell(header[p.column - 1] ?? '')?.name.toLowerCase() ?? '*'));
  return [...failing].some((c) => used.has(c) || c === '*') ? none : failing;
}

/** The Then steps the existing scenarios write for each output: their header and `keyed by` text. */
export function thenShapes(layout: FeatureLayout): Map<string, { header: readonly string[] | undefined; keyText: string | undefined; orderText?: string | undefined }> {
  const shapes = new Map<string, { header: readonly string[] | undefined; keyText: string | undefined; orderText?: string | undefined }>();
  for (const sc of layout.scenarios) {
    for (const { step, phase } of stepsWithPhase(sc.steps)) {
      const m = phase === 'Outcome' ? STEP_PATTERNS.thenTable.exec(step.text) : null;
      if (!m) continue;
      const key = normalizeObjectName(m[1] as string);
      if (!shapes.has(key) || (shapes.get(key)?.header === undefined && step.table)) shapes.set(key, { header: step.table?.rows[0], keyText: m[2], orderText: m[5] });
    }
  }
  return shapes;
}

/** A Given table's data table: typed header, values written so they read back exactly. */
function givenTableLines(table: TableData): string[] {
  const header = table.columns.map((c) => formatHeaderCell(c.name, formatColumnType(c.type)));
  const rows = table.rows.map((r) => table.columns.map((c) => formatRecordedCell(c.type, valueText(r[c.name]))));
  return renderDataTable('      ', header, rows);
}

/** One new scenario's text: tag, title, what it covers, Given, When, Then. */
const upperFirst = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** What a scenario of one picked entity holds: its value, the data, its rows and the cases it shows. */
function entityDescribed(ctx: RecordContext, entity: PickedEntity, source: string): string {
  const notes = entity.notes.length === 0 ? 'No case of its own: more of the data' : entity.notes.map((n) => `${n.charAt(0).toUpperCase()}${n.slice(1)}`).join('. ');
  return `${ctx.spec.entity} ${entityText(entity.value)} of ${source}, ${entity.rows} input ${entity.rows === 1 ? 'row' : 'rows'}. ${notes}.`;
}

/** `described`: the line under the title saying what the scenario holds (entityDescribed). */
export function scenarioBlock(ctx: RecordContext, name: string, described: string, params: readonly string[], tables: readonly TableData[], result: SectionRunResult, shapes: ReturnType<typeof thenShapes>, writtenBefore: readonly string[], startLines: string | undefined, views: ReadonlySet<string>, cutAfter = false): string {
  const computed = views.size === 0 ? '' : ` The rows of ${[...views].join(', ')} are computed from the data's tables${startLines === undefined ? '' : ' as those statements leave them'}.`;
  const on = cutAfter ? `all of the data, cut to this ${ctx.spec.entity ?? 'entity'}` : 'this data';
  const before = startLines !== undefined ? [`    Its Given is what the legacy statements before this section (lines ${startLines}) leave on ${on}.${computed}`]
    : computed !== '' ? [`   ${computed}`]
    : writtenBefore.length === 0 ? [] : [`    Its rows are the data's as the procedure starts, but the legacy code writes ${writtenBefore.join(', ')} before this section: check them.`];
  const failed = result.errors.length === 0 ? [] : [`    ${upperFirst(legacyErrorsText(result)).replace(/\s*\n\s*/g, ' ').replace(/\.$/, '')}.`];
  const out = [`  ${recordedTags(ctx)}`, `  Scenario: ${name}`, `    ${described}`, ...before, ...failed, ''];
  let n = 0;
  for (const p of params) out.push(`    ${n++ === 0 ? 'Given' : 'And'} ${p.replace(/^Given /, '')}`);
  for (const t of tables) out.push(`    ${n++ === 0 ? 'Given' : 'And'} table ${t.name}:`, ...givenTableLines(t));
  out.push('    When the section runs');
  ctx.spec.outputs.forEach((output, i) => {
    const shape = shapes.get(normalizeObjectName(output));
    const key = splitNameList(shape?.keyText ?? '').map(unquoteNamePart);
    const orderedBy = shape?.orderText === undefined ? undefined : splitNameList(shape.orderText).map(unquoteNamePart);
    const { header, rows } = recordedTable(ctx.catalog, result, output, shape?.header, key, orderedBy);
    out.push(`    ${i === 0 ? 'Then' : 'And'} table ${output}${shape?.keyText ? ` keyed by ${shape.keyText}` : ''}${shape?.orderText ? ` ordered by ${shape.orderText}` : ''}:`, ...renderDataTable('      ', header, rows));
  });
  // what the section hands to later sections in variables (`@BatchId`), as the legacy run left it
  for (const step of carriedValueSteps(ctx, result, [])) out.push(`    And ${step}`);
  return out.join('\n');
}

/**
 * Makes scenarios for a section from a folder of input CSVs: picks up to `entities` entities
 * that cover the cases (pickEntities), slices every input table to each (sliceForEntity), runs
 * the section's legacy statements on each slice and appends one scenario per entity, tagged
 * @recorded, saying which case it covers. Where statements before the section write a table it
 * reads or set a variable it reads, they run first on the same slice and the Given is what they
 * leave (section-start-state.ts); where they cannot run in the emulator, the data's rows stand,
 * with a warning. An entity whose output cannot be written as Then rows is skipped (named in
 * `skipped`) and the next candidate takes its place; anything else refused (a table the data
 * cannot give, a construct the emulator cannot run), or no entity recordable, writes nothing.
 */
export async function recordFromData(ctx: RecordContext, options: FromDataOptions): Promise<FromDataOutcome> {
  const layout = await readFeatureLayout(ctx.text);
  if (!layout) throw new UsageError('RECORD_SPEC', `${ctx.file} is not a readable .feature`, { hint: 'run `migrate sections check` to see why' });
  refuseValuesSetBetween(ctx, layout, options.params); // a value another section sets between its lines: never a made-up NULL
  const procedure = ctx.spec.procedureName ?? ctx.spec.procedure;
  const inputs = sectionInputTables(ctx.scripts, procedure, ctx.spec.lines, { changed: true });
  const writtenBefore = inputsWrittenBefore(ctx, inputs.map((t) => t.written));
  // a view the data has no file of: its rows computed from its tables' files as the statements
  // before the section leave them (every statement before runs: one may write those tables)
  const files = new Set(findInputs(options.dataDir).map((c) => normalizeObjectName(c.table)));
  const computedViews = [...viewTables(ctx.scripts, inputs.map((i) => i.key)).keys()].some((key) => !files.has(key));
  const plan = sectionStartPlan(ctx, writtenBefore, inputs) ?? (computedViews ? { lines: sectionStartLines(ctx.scripts, procedure, ctx.spec.lines) ?? [], variables: [], inputs } : undefined);
  if (plan !== undefined) {
    try {
      return await recordEntities(ctx, layout, options, plan);
    } catch (err) {
      // a statement before the section the emulator cannot run: the data's rows stand for the section's start, as before
      if (!(err instanceof StartRefused)) throw err;
      const outcome = await recordEntities(ctx, layout, options, undefined).catch((fallback: unknown) => {
        // the data cannot stand in for what the statements before build (a #temp table) or set
        // (`SET @LoadId = SCOPE_IDENTITY()` after a log INSERT): say why they did not run
        if (fallback instanceof LegacyError && (fallback.code === 'RECORD_FROM_DATA_TEMP' || fallback.code === 'LEGACY_SECTION_INPUT')) {
          throw new LegacyError(fallback.code, fallback.message, { location: fallback.location, hint: `${err.message}\n${fallback.hint ?? ''}` });
        }
        // anything else failed on the data's rows, not on what the statements before leave: an
        // error raised there is no proof the procedure raises it (a row they would have filtered
        // out may be the one that failed), so the refusal that put the data in their place leads
        if (fallback instanceof LegacyError) {
          throw new LegacyError(fallback.code, fallback.message, { location: fallback.location, hint: `${err.message}; the section then ran on the data's rows as the procedure starts, and failed as above: that need not be what the procedure does (rewrite the refused statement, or capture from SQL Server with MIGRATE_MSSQL_URL)` });
        }
        throw fallback;
      });
      return { ...outcome, startRefused: err.message };
    }
  }
  return recordEntities(ctx, layout, options, undefined);
}

/**
 * Refuses (writing nothing) a recording whose Then tables lack the @entity column: `scaffold` and
 * `sections check` refuse that feature (SPEC_ENTITY), so record must not write it. The rule and
 * its message are entity-in-outputs.ts's, located at the tag.
 */
async function refuseEntityNotInOutputs(ctx: RecordContext, text: string): Promise<void> {
  const entity = ctx.spec.entity;
  if (entity === undefined || text === ctx.text) return;
  const parsed = await parseFeature(text, ctx.file, { catalog: ctx.catalog });
  const at = parsed.problems.find((p) => p.code === 'SPEC_ENTITY');
  // the Then tables' lines are those of text never written: the outputs are named, not located
  const tables = (parsed.spec?.scenarios ?? []).flatMap((sc) => sc.expected.map((e) => ({ name: e.table.name, columns: e.table.columns })));
  const broken = at === undefined ? undefined : entityNotInOutputs(entity, { line: at.line, column: at.column }, tables);
  if (broken === undefined) return;
  throw new UsageError('SPEC_ENTITY', `${displayPath(ctx.file, ctx.config.root)}:${broken.line}:${broken.column}: ${broken.message}`, { hint: `nothing was written; ${broken.hint}` });
}

/** The line (1-based) of the feature's tags, where `@entity:` goes: the one holding `@proc:`, else the Feature line's. */
function tagLine(text: string): number {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => /^\s*@proc:/i.test(l));
  return (at >= 0 ? at : Math.max(0, lines.findIndex((l) => /^\s*Feature:/i.test(l)))) + 1;
}

/** Whether a scenario was recorded (@recorded) from other statements than `now` fingerprints, or says not from which. */
export function isStaleRecording(scenario: LayoutScenario, now: string | undefined): boolean {
  if (now === undefined || !scenario.tags.some((t) => /^@recorded(?::|$)/i.test(t.name))) return false;
  return statementsTagValue(scenario.tags) !== now;
}

/** The statements before the section were refused by the emulator (its located message). */
class StartRefused extends Error {}

async function recordEntities(ctx: RecordContext, layout: FeatureLayout, options: FromDataOptions, plan: SectionStartPlan | undefined): Promise<FromDataOutcome> {
  // with statements to run first, every table they read comes from the data too (sliced alike),
  // and a view without a file of its own is given by its tables' files
  const views = new Set<string>();
  const tables = readSectionInputs(ctx, options.dataDir, plan === undefined ? ctx.spec.lines : [...plan.lines, ...ctx.spec.lines], plan === undefined ? undefined : views);
  // --whole: every entity of the data in one scenario (whole-data-scenario.ts)
  if (options.whole === true) return recordWholeData(ctx, layout, options, plan, tables, views);
  const entity = ctx.spec.entity;
  if (entity === undefined) {
    // Name the columns that could be it: in the output, and in an input table of the data other
    // than the outputs themselves (a section may read the table it writes).
    const outputs = new Set(ctx.spec.outputs.map((o) => normalizeObjectName(o)));
    const others = tables.filter((t) => !outputs.has(normalizeObjectName(t.name)));
    // a section that reads only the table it changes (a dedupe DELETE over a ROW_NUMBER() CTE of
    // staging) names its entity there; one that only empties it (DELETE dbo.X) reads no rows at all
    const read = new Set(sectionInputTables(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines).map((t) => t.key));
    const columnsOf = (list: typeof tables): Set<string> => new Set(list.flatMap((t) => t.columns.map((c) => c.name.toLowerCase())));
    // a MERGE target (or an UPDATE's) the data holds counts by the columns its ON or WHERE compares
    // to another row's: the target's key names the entity there when no other table has it
    const comparisons = sectionTableComparisons(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines);
    const comparedChanged = tables.filter((t) => changedOnlyTables.has(t)).flatMap((t) => [...(comparisons?.get(normalizeObjectName(t.name)) ?? [])].filter(([, partners]) => partners.size > 0).map(([c]) => c));
    const readOnes = new Set([...columnsOf(tables.filter((t) => read.has(normalizeObjectName(t.name)))), ...comparedChanged]);
    const inputs = others.length > 0 ? columnsOf(others) : readOnes;
    // per-entity runs are unioned by the entity column, so only a column every output has can be
    // it (in a table it reads besides them, else in one of them it reads: an UPDATE loop's key)
    const headers = [...thenShapes(layout).values()].map((s) => (s.header ?? []).map((cell) => parseHeaderCell(cell)?.name).filter((n): n is string => n !== undefined));
    // and only a key, not a measure that shares its name across the outputs (section-key-columns.ts)
    const keys = sectionKeyColumns(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines);
    const inEvery = (headers[0] ?? []).filter((n) => headers.every((h) => h.some((m) => m.toLowerCase() === n.toLowerCase())) && (keys === undefined || keys.has(n.toLowerCase())));
    const named = inEvery.filter((n) => inputs.has(n.toLowerCase()));
    const shared = named.length > 0 ? named : inEvery.filter((n) => readOnes.has(n.toLowerCase()));
    // a column whose values the statements combine into one output row (a CUBE's grand total, a
    // ranking across them) is no entity: check would fail the tag it suggested (SECTIONS_ENTITY_CROSS_READS)
    const combined = new Map([...new Set(shared)].map((n) => [n, sectionCrossEntityReads(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines, n, { reachingOutputs: ctx.spec.outputs })]));
    // nor a column a loop carries state across (check fails that tag too: a WHILE over an MRP's
    // levels whose cursor leaves @Release from one item to the next was offered [Item No])
    const carriedBy = new Map([...combined].filter(([, reads]) => reads.length === 0).map(([n]) => [n, carriedAcrossEntities(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines, ctx.spec.outputs, n, ctx.graph)] as const));
    const candidates = [...carriedBy].filter(([, state]) => state === undefined).map(([n]) => `@entity:${encodeTagValue(formatSpecName([n]))}`);
    const across = [...combined].filter(([, reads]) => reads.length > 0);
    const fromData = headers.flat().some((n) => inputs.has(n.toLowerCase()));
    // a cursor's key its loop carries state across (a previous row's amount on the next customer's
    // first row): one entity's slice would record what the legacy code never computes for it
    const carriedCandidate = candidates.length > 0 ? undefined : [...carriedBy].find(([, state]) => state !== undefined);
    const carriedOn = carriedCursorEntity(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines, ctx.spec.outputs, ctx.graph)
      ?? (carriedCandidate === undefined ? undefined : { entity: carriedCandidate[0], why: carriedCandidate[1]?.why ?? '' });
    // (named as the Then header writes it; the graph names it lower case)
    const carried = carriedOn === undefined ? undefined : { n: headers.flat().find((h) => h.toLowerCase() === carriedOn.entity.toLowerCase()) ?? carriedOn.entity, why: carriedOn.why };
    throw new UsageError('RECORD_NO_ENTITY', `${ctx.spec.id} has no @entity tag: --from-data picks entities by it`, {
      hint: (candidates.length > 0 ? (h: string) => h : (h: string) => `${h}; ${wholeDataHint(ctx.spec.id, tables)}`)(carried !== undefined
        ? `${formatSpecName([carried.n])} is no entity of it: ${carried.why.split(`${ctx.config.root}${sep}`).join('')}, so no one ${formatSpecName([carried.n])} can be recorded alone (\`sections check\` fails that tag): write the Given rows of a scenario with several ${formatSpecName([carried.n])} values and run \`migrate sections record ${ctx.spec.id}\` without --from-data`
        : candidates.length > 0
        ? `add to the tags on line ${tagLine(ctx.text)} of ${displayPath(ctx.file, ctx.config.root)} the output column that names one entity (an account, a device), then run this again: ${candidates.length === 1 ? 'the one key column every output shares with the data, ' : ''}one of ${candidates.join(', ')}`
        : across.length > 0
          ? `the statements combine rows of every ${across.map(([n]) => formatSpecName([n])).join(' and of every ')} into their output rows (${across.map(([, reads]) => reads[0]?.split(`${ctx.config.root}${sep}`).join('')).join('; ')}), so no one of them can be recorded alone: write the Given rows of a scenario with several of them and run \`migrate sections record ${ctx.spec.id}\` without --from-data`
        : fromData && (headers.length > 1 || keys !== undefined)
          ? `no key column read from the data (one the statements filter, join, group or partition on, or a cursor's key; not a measure they sum or compute) is in every output (${ctx.spec.outputs.join(', ')}), and per-entity runs are unioned by it: ${headers.length > 1 ? 'move an output to a section of its own, or ' : ''}write the Given rows of a scenario and run \`migrate sections record ${ctx.spec.id}\` without --from-data`
          // (the bundled example's DeviceId is no column of this section: say what to do instead)
          : `no column of its output is in a table it reads from the data, so nothing names one entity in both: write the Given rows of a scenario and run \`migrate sections record ${ctx.spec.id}\` without --from-data`),
    });
  }
  const holds = (column: string): string | undefined => tables.flatMap((t) => t.columns).find((c) => c.name.toLowerCase() === column.toLowerCase())?.name;
  // The output may name the entity otherwise than the inputs do (a cursor's CustomerId written
  // as [Customer Id]): the inputs are sliced by the cursor's key column.
  const key = ctx.graph === undefined ? undefined : cursorKeyOfEntity(ctx.graph, ctx.spec.lines, ctx.spec.outputs, entity);
  const inData = holds(entity) !== undefined ? entity : key === undefined ? undefined : holds(key);
  const { all: params, written: paramLines, start: startParams } = scenarioParams(ctx, layout, options.params);
  // the data holds no column to cut by before the statements ahead of the section run: they run
  // once on all of it, and what they leave is cut instead (entity-in-start-state.ts)
  const refusal = inData === undefined ? await entityNotInData(ctx, tables, entity, key, options.dataDir) : entityMadeBefore(ctx, plan, tables, inData);
  let whole: StartOnAllData | undefined;
  if (refusal !== undefined) {
    const found = plan === undefined ? { refused: 'no statement before it runs first' } : await startOnAllData(ctx, plan, tables, startParams, entity, key);
    if ('refused' in found) throw plan === undefined ? refusal : withStartRefusal(refusal, found.refused);
    whole = found;
  }
  const by = whole?.by ?? inData ?? entity;
  // every entity, in the order they are wanted: the case-covering ones, then the largest first;
  // one whose output cannot be recorded gives its place to the next; one a --param of the
  // parameter the statements compare the entity column to filters out is left out (entity-parameter.ts)
  const pinned = entityParameters(ctx, entity, by, options.params);
  // (the start state ran once, with no entity's own value of such a parameter: it cannot stand for each)
  if (whole !== undefined && refusal !== undefined && pinned.some((p) => p.fixed === undefined)) throw withStartRefusal(refusal, `the statements before it would run with each ${entity}'s own ${pinned.map((p) => p.name).join(', ')}, so one run on all of the data cannot stand for each`);
  const sliceFrom = whole?.tables ?? tables;
  const changedOnly = (t: TableData): boolean => (whole === undefined ? changedOnlyTables.has(t) : whole.changedOnly.has(t));
  const picked = pickEntities(sliceFrom, by, Number.MAX_SAFE_INTEGER, new Set(sliceFrom.filter(changedOnly)));
  const { kept: candidates, leftOut } = entitiesParametersKeep(ctx, pinned, picked, entity, (v) => `${entity} ${entityText(v)}`);
  const shapes = thenShapes(layout);
  // a scenario recorded from other statements than the section's now (its @lines widened, the
  // procedure changed, or recorded before fingerprints) is recorded again in its place, so a
  // second run never keeps Then rows of an old cut; a hand-written one (no @recorded) is kept
  const stale = new Map(layout.scenarios.filter((s) => isStaleRecording(s, ctx.statements)).map((s) => [s.name.trim().toLowerCase(), s]));
  const existing = new Set(layout.scenarios.map((s) => s.name.trim().toLowerCase()).filter((n) => !stale.has(n)));
  const empties = new EmptyThenScenarios(ctx, [...existing]);
  const replaced: { scenario: LayoutScenario; block: string }[] = [];
  const source = displayPath(options.dataDir, ctx.config.root) || basename(options.dataDir);
  const blocks: string[] = [];
  const made: { name: string; entity: string; cases: string[]; rows: number; rerecorded?: boolean; thenChanged?: true }[] = [];
  // a scenario of this data recorded from these statements is recorded again and compared: a
  // Then the emulator now computes otherwise is rewritten (one of a hand-edited Given is named)
  const recordedBefore = new Map(layout.scenarios.filter((s) => !stale.has(s.name.trim().toLowerCase()) && s.tags.some((t) => /^@recorded(?::|$)/i.test(t.name))).map((s) => [s.name.trim().toLowerCase(), s]));
  const editedKept: string[] = [];
  const skipped: { name: string; entity: string; cases: string[]; reason: string }[] = [];
  let kept = 0;
  const writtenBefore = plan === undefined ? inputsWrittenBefore(ctx, tables.map((t) => t.name)) : [];
  const startLines = plan === undefined || plan.lines.length === 0 ? undefined : linesText(plan.lines, ctx.spec.lines);
  // a table without the entity is cut through a shared column only where the statements compare
  // its rows by it to that column or a variable (section-key-columns.ts): a lookup read by other keys stays whole
  const comparisons = sectionTableComparisons(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines);
  const bareName = (n: string): string => n.toLowerCase().replace(/[\s_]+/g, '');
  const cuttable = (table: string, column: string): boolean => {
    const byColumn = comparisons?.get(normalizeObjectName(table));
    if (byColumn === undefined) return true; // read through a function or a procedure called: as before
    const partners = [...byColumn].filter(([c]) => bareName(c) === bareName(column)).flatMap(([, p]) => [...p]);
    return partners.length > 0 && partners.every((x) => x === 'variable' || x === 'subquery' || (x.startsWith('column:') && bareName(x.slice(7)) === bareName(column)));
  };
  const queue = [...candidates];
  while (made.length + kept < options.entities && skipped.length + empties.unwritten < SKIPPED_ENTITY_LIMIT) {
    const p = queue.shift();
    if (p === undefined) break;
    const [first, nothing] = ['', NOTHING_MATCHES].map((n) => `${entity} ${entityText(p.value)} from the data${n} (${p.cases.join(', ') || 'more data'})`) as [string, string];
    // (counted: a second run over the same data makes no new scenarios)
    const there = [first, nothing].map((n) => n.toLowerCase()).find((n) => existing.has(n));
    const again = there === undefined ? undefined : recordedBefore.get(there);
    if (there !== undefined && again === undefined) { kept++; continue; }
    // a table the section only changes is sliced on its own: its columns (a rate date) must not
    // narrow the tables the section reads
    const slices = [sliceForEntity(sliceFrom.filter((t) => !changedOnly(t)), by, p.value, cuttable), ...sliceFrom.filter(changedOnly).map((t) => sliceForEntity([t], by, p.value, cuttable))];
    const refused = slices.find((x): x is { refused: string } => 'refused' in x);
    if (refused !== undefined) throw new UsageError('RECORD_FROM_DATA_SLICE', `cannot slice ${options.dataDir} to one ${entity}: ${refused.refused}`, { hint: `add the entity column (or a key column of a table that has it) to that table; a table every ${entity} reads whole (a numbers or calendar table) goes in the data folder cut to the rows the section reads, ${WHOLE_TABLE_LIMIT} at most` });
    const slice = { tables: slices.flatMap((x) => ('tables' in x ? x.tables : [])) };
    try {
      const own = entityParameterValues(pinned, p.value), withOwn = own.over;
      const start = whole !== undefined ? { tables: slice.tables, params: whole.params, steps: whole.steps }
        : plan === undefined ? undefined : await startOf(ctx, plan, slice.tables, withOwn(startParams), made.length + kept + skipped.length === 0);
      if (start === 'returned') throw new CellMismatch(`the procedure ends before this section on this ${entity}'s data (a RETURN, or a GOTO to its end, among lines ${startLines ?? ''})`);
      const given = start?.tables ?? slice.tables;
      const runParams = start === undefined ? withOwn(params) : [...withOwn(params).filter((x) => !start.params.some((v) => v.name.toLowerCase() === x.name.toLowerCase())), ...start.params];
      const result = await runLegacySection(ctx, given, runParams);
      // Then tables all empty from a Given with rows: the section's one "nothing matches" scenario, or not written
      const name = again !== undefined ? again.name.trim() : empties.nameFor(given, result, runParams, { name: first, nothing, entity: entityText(p.value) });
      if (name === undefined) { promoteForCase(queue, p.cases[0]); continue; }
      // a parameter the statements before reassign is given as they leave it, once (not also as --param gave it)
      const reassigned = new Set(start?.params.map((v) => v.name.toLowerCase()) ?? []);
      const stated = [...paramLines, ...own.steps].filter((line) => !reassigned.has(/^Given parameter (@[^:\s]+)/.exec(line)?.[1]?.toLowerCase() ?? ''));
      const block = scenarioBlock(ctx, name, entityDescribed(ctx, p, source), [...stated, ...(start?.steps ?? []), ...startValueSteps(result)], given, result, shapes, writtenBefore, startLines, views, whole !== undefined);
      const change = again === undefined ? undefined : recordedAgainChange(ctx.text, again, block);
      if (change === 'same' || change === 'edited') {
        kept++;
        if (change === 'edited') editedKept.push(name);
        continue;
      }
      const old = again ?? stale.get(name.toLowerCase()) ?? stale.get(first.toLowerCase());
      if (old === undefined) blocks.push(block);
      else replaced.push({ scenario: old, block });
      made.push({ name, entity: entityText(p.value), cases: [...p.cases], rows: p.rows, ...(old !== undefined ? { rerecorded: true } : {}), ...(change === 'then' ? { thenChanged: true as const } : {}) });
    } catch (err) {
      // An output that cannot be written as Then rows (values SQL Server would give otherwise:
      // ties under TOP, a cursor without ORDER BY; a value its column type cannot hold) is this
      // entity's data, not the section's: it is skipped, named, and the next entity that shows
      // the case it was picked for takes its place. So is a value the emulator refuses once an
      // entity has been recorded (N'Straße' in a grouped name: the statements ran for the others);
      // a refusal on the first entity tried is most likely the code's, and stops the recording.
      const dataRefusal = err instanceof LegacyError && made.length + kept > 0;
      if (!(err instanceof CellMismatch) && !dataRefusal) throw err;
      skipped.push({ name: first, entity: entityText(p.value), cases: [...p.cases], reason: err instanceof LegacyError ? formatLocated(err.message, err.location === undefined ? undefined : { file: err.location.file, span: err.location.span }) : err.message });
      promoteForCase(queue, p.cases[0]);
    }
  }
  if (made.length + kept === 0 && skipped.length > 0) {
    // nothing could be recorded: exit 2, as any refusal, each entity's reason named
    throw new UsageError('RECORD_FROM_DATA_REFUSED', `${ctx.spec.id}: no entity of the data could be recorded:\n${skipped.map((x) => `${x.name}: ${x.reason}`).join('\n')}`, {
      hint: `nothing was written; give the scenarios' Then rows by hand, or pick other data${skipped.length >= SKIPPED_ENTITY_LIMIT ? ` (the first ${SKIPPED_ENTITY_LIMIT} entities tried were skipped)` : ''}`,
    });
  }
  const uncovered = ENTITY_CASES.filter((c) => !picked.some((p) => p.cases.includes(c)));
  const text = appendScenarios(replaceScenarios(ctx.text, replaced), blocks);
  await refuseEntityNotInOutputs(ctx, text);
  if (text !== ctx.text) writeFileAtomic(ctx.file, text);
  const startState = plan === undefined ? {} : { startState: { lines: startLines ?? '', variables: plan.variables.map((v) => v.name), ...(views.size > 0 ? { views: [...views] } : {}), ...(whole !== undefined ? { cutAfter: true as const } : {}) } };
  const sequences = sectionSequencesDrawn(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines);
  const crossEntity = ctx.spec.entity === undefined ? [] : sectionCrossEntityReads(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines, ctx.spec.entity);
  return { section: ctx.spec.id, file: ctx.file, clock: ctx.clock, scenarios: made, uncovered, writtenBefore, ...startState, skipped, existing: kept, written: text !== ctx.text, sequences, crossEntity, leftOut, emptyThen: empties.notes, ...(editedKept.length > 0 ? { editedKept } : {}) };
}

/**
 * The section's start state on one entity's slice; the first entity's refusal by the emulator
 * is StartRefused (the caller records from the data's rows instead), a later one's the
 * refusal itself (that entity's data, not the statements).
 */
export async function startOf(ctx: RecordContext, plan: SectionStartPlan, tables: readonly TableData[], params: readonly ParamValue[], first: boolean): Promise<Awaited<ReturnType<typeof runSectionStart>> extends infer R ? Exclude<R, { readonly returned: true }> | 'returned' : never> {
  try {
    const start = await runSectionStart(ctx, plan, tables, params);
    return 'returned' in start ? 'returned' : start;
  } catch (err) {
    if (first && err instanceof LegacyError) throw new StartRefused(`the statements before the section (lines ${linesText(plan.lines, ctx.spec.lines)}) could not run first: ${err.message.split('\n')[0] ?? ''}`);
    throw err;
  }
}
