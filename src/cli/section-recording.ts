// `migrate sections record`: runs a section's legacy statements in the emulator on each
// scenario's Given and writes what they produced into the scenario's Then steps.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrateError, UsageError, writeFileAtomic } from '../core';
import type { DataFlowGraph } from '../dataflow';
import { EngineSession, formatColumnType, parseColumnType, parseSqlServerColumnType, valueKey, type ColumnType } from '../engine';
import { emulateSectionInEitherOrder, languageAssumedText, loadScripts, loginLanguage, normalizeClock, type SectionOutput, type SectionRunResult } from '../legacy';
import { paint } from './output';
import { withPendingStep } from './values-set-between';
import {
  analyzeWorkspace, applyScenarioEdits, catalogFor, findSectionFile as findSectionFileIn, carriedVariables, readerRuns, CellMismatch, loadSpecs, compareCells, encodeTagValue, formatHeaderCell, formatRecordedCell, hasOnlyPlaceholders, normalizeObjectName,
  parseFeature, parseHeaderCell, plainName, quoteNamePart, readFeatureLayout, statementsFingerprint, STATEMENTS_TAG, sectionIdOf, specTypeOfDuck, splitNameList, STEP_PATTERNS, stepsWithPhase, unquoteNamePart,
  type CarriedVariable, type LayoutScenario, type LayoutStep, type ParamValue, type ScalarEdit, type ScenarioEdit, type SectionSpec, type SpecCatalog, type TableData, type TableEdit,
  type WorkspaceConfig,
} from '../sections';

/** The emulator's default clock, as `migrate capture` uses it. */
export const DEFAULT_RECORD_CLOCK = '2000-01-01T00:00:00';

/** What `record` did with one scenario. */
export interface ScenarioOutcome {
  readonly scenario: string;
  readonly line: number;
  readonly status: 'recorded' | 'skipped' | 'refused';
  /** Why skipped or refused (with file:line:col when the emulator refused). */
  readonly reason?: string;
}

/** The outcome of recording a section. */
export interface RecordOutcome {
  readonly section: string;
  readonly file: string;
  readonly clock: string;
  readonly scenarios: readonly ScenarioOutcome[];
  readonly written: boolean;
}

/** Everything a section's recording needs, loaded once. */
export interface RecordContext {
  readonly config: WorkspaceConfig;
  readonly catalog: SpecCatalog;
  readonly scripts: ReturnType<typeof loadScripts>;
  readonly spec: SectionSpec;
  readonly file: string;
  readonly text: string;
  /** ISO form for the tag, e.g. 2026-12-03T00:00:00. */
  readonly clock: string;
  readonly allowDynamicSql: boolean;
  /** The procedure's parameters with their spec types, for `--param` values. */
  readonly parameters: readonly { readonly name: string; readonly type: ColumnType }[];
  /** The procedure's data-flow graph (undefined when analysis could not build it). */
  readonly graph: DataFlowGraph | undefined;
  /** The variables the section sets that a later section (one that runs) reads: each recorded scenario states them as `Then value`. */
  readonly carried?: readonly CarriedVariable[];
  /** The fingerprint of the section's statements (recorded-statements.ts), tagged on each scenario recorded. */
  readonly statements?: string;
}

/** Finds a section's .feature as the user names it (src/sections/section-lookup.ts). */
export function findSectionFile(config: WorkspaceConfig, section: string): string {
  return findSectionFileIn(config, section, (message, hint) => new UsageError('RECORD_UNKNOWN_SECTION', message, { hint }));
}

/** Loads the section, the workspace's catalog and the legacy scripts; refuses housekeeping sections. */
export async function loadRecordContext(config: WorkspaceConfig, section: string, clock: string | undefined, allowDynamicSql: boolean, sqlcmd: Readonly<Record<string, string>> = {}): Promise<RecordContext> {
  const file = findSectionFile(config, section);
  const text = readFileSync(file, 'utf8');
  const analysis = analyzeWorkspace(config);
  const parsed = await parseFeature(text, file, { catalog: analysis.catalog, readFile: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined) });
  if (!parsed.spec) throw new UsageError('RECORD_SPEC', `${file} is not a readable .feature`, { hint: 'run `migrate sections check` to see why' });
  if (parsed.spec.ignored) throw new UsageError('RECORD_IGNORED', `${sectionIdOf(file)} is housekeeping (@ignored): it produces nothing to record`);
  // The server's UTC offset after the clock (`+01:00`, `Z`) is kept: writes to a system-versioned
  // table need it (their period columns hold UTC), and the @recorded tag shows it.
  const offset = /(?:Z|[+-]\d{2}:\d{2})$/i.exec(clock ?? '')?.[0]?.toUpperCase() ?? '';
  const iso = normalizeClock(clock ?? DEFAULT_RECORD_CLOCK).replace(' ', 'T') + offset;
  const scripts = loadScripts([join(config.root, config.paths.procedures)], sqlcmd);
  const parameters = analysis.procedures.find((p) => p.name === parsed.spec?.procedure)?.parameters ?? [];
  const graph = analysis.graphs.get(parsed.spec.procedure);
  // a reader in @ignored housekeeping never runs in the new pipeline: it needs no value handed over
  const siblings = (await loadSpecs(join(config.root, config.paths.sections), analysis.catalog, parsed.spec.procedureName ?? parsed.spec.procedure)).specs;
  const carried = graph === undefined || parsed.spec.lines.length === 0 ? [] : carriedVariables(graph, parsed.spec.lines, readerRuns(siblings));
  const source = analysis.sources.get(parsed.spec.procedure);
  const statements = source === undefined || parsed.spec.lines.length === 0 ? undefined : statementsFingerprint(source, parsed.spec.lines);
  return { config, catalog: catalogFor(analysis.catalog, parsed.spec.procedure), scripts, spec: parsed.spec, file, text, clock: iso, allowDynamicSql, parameters, graph, carried, ...(statements === undefined ? {} : { statements }) };
}

/**
 * The `value @BatchId:int? = 100` steps (without keyword) for the variables the section hands to
 * later sections (RecordContext.carried) that `stated` does not name yet: what the legacy
 * statements left in them. A value SQL Server would give otherwise is refused, as a Then cell is.
 */
export function carriedValueSteps(ctx: RecordContext, result: SectionRunResult, stated: readonly string[]): string[] {
  const key = (name: string): string => `@${name.replace(/^@/, '')}`.toLowerCase();
  return (ctx.carried ?? []).filter((v) => !stated.some((n) => valueKey(n) === valueKey(v.name))).map((v) => {
    const value = result.variables.get(key(v.name));
    if (value === undefined) throw new CellMismatch(`${v.name}, which a later section reads, is not a variable the legacy run knows`);
    const tainted = result.notReproducibleVariables.get(key(v.name));
    if (tainted !== undefined) throw new CellMismatch(notReproducibleText(v.name, tainted));
    return `value ${v.name}:${formatColumnType(v.type)} = ${formatRecordedCell(v.type, value)}`;
  });
}

/** The tags of a scenario recorded now: when, and from which statements (`@recorded:… @statements:…`). */
export function recordedTags(ctx: RecordContext): string {
  return `@recorded:${encodeTagValue(ctx.clock)}${ctx.statements === undefined ? '' : ` ${STATEMENTS_TAG}${ctx.statements}`}`;
}

/** A typed spec value as the text the emulator reads (as a CSV field would hold it). */
export function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

/**
 * `Given parameter` steps for the start values the run took from a DECLARE's or a parameter's
 * default (SectionRunResult.startValues): a recorded scenario states them, because `migrate
 * test` gives the transform NULL for a parameter its scenario leaves out.
 */
export function startValueSteps(result: SectionRunResult): string[] {
  return result.startValues.map((v) => {
    const type = parseSqlServerColumnType(`${v.dataType}?`) ?? parseColumnType('text?') as ColumnType;
    return `Given parameter ${v.name}:${formatColumnType(type)} = ${formatRecordedCell(type, v.value)}`;
  });
}

/**
 * The errors the legacy statements raised and went on past (outside TRY an error ends only its
 * statement: `INSERT` of a NULL into a NOT NULL column fails with 515 and the rows stay as they
 * were). The recorded Then rows are what SQL Server leaves, but nothing in them shows the
 * failed statement, so the recording says it.
 */
export function legacyErrorsText(result: SectionRunResult): string {
  return `the legacy statements went on past ${result.errors.length === 1 ? 'an error' : `${result.errors.length} errors`}, as SQL Server does outside TRY (the Then rows are what it leaves): ${result.errors.join('; ')}`;
}

/** Recordings that said which login language they assumed: a recording says it once, not once per scenario. */
const languageNoted = new WeakSet<RecordContext>();

/** Says, once per recording, that the run assumed the login's language and where the section depends on it. */
function noteLanguageAssumed(ctx: RecordContext, result: SectionRunResult): void {
  if (result.languageAssumed === undefined || languageNoted.has(ctx)) return;
  languageNoted.add(ctx);
  process.stderr.write(`${paint('yellow', 'warning', process.stderr)} ${languageAssumedText(result.languageAssumed)}\n`);
}

/** Runs the section's legacy statements on one scenario's Given in a fresh DuckDB session. */
export async function runLegacySection(ctx: RecordContext, inputs: readonly TableData[], params: readonly ParamValue[]): Promise<SectionRunResult> {
  const session = await EngineSession.open({ threads: 1, memoryLimit: ctx.config.duckdb.memoryLimit });
  try {
    const result = await emulateSectionInEitherOrder({
      scripts: ctx.scripts, procedure: ctx.spec.procedureName ?? ctx.spec.procedure, lines: ctx.spec.lines, session, clock: ctx.clock, allowDynamicSql: ctx.allowDynamicSql, compatibilityLevel: ctx.config.compatibilityLevel, serverVersion: ctx.config.serverVersion,
      ...(ctx.config.language === undefined ? {} : { language: loginLanguage(ctx.config.language) }),
      // the emulator keys tables by their parts joined with dots (`Reporting.City]Totals.v2`)
      outputs: ctx.spec.outputs.map(plainName),
      params: Object.fromEntries(params.map((p) => [p.name, valueText(p.value)])),
      tables: inputs.map((t) => ({
        name: plainName(t.name), columns: t.columns.map((c) => ({ name: c.name, type: formatColumnType(c.type) })),
        rows: t.rows.map((r) => t.columns.map((c) => valueText(r[c.name]))),
      })),
    }, () => EngineSession.open({ threads: 1, memoryLimit: ctx.config.duckdb.memoryLimit }));
    noteLanguageAssumed(ctx, result);
    return result;
  } finally {
    session.close();
  }
}

/** The produced rows of an output as the section names it: a table, the result set, or a row of variables. */
function producedOutput(result: SectionRunResult, name: string, header: readonly string[] | undefined): SectionOutput {
  const plain = plainName(name).toLowerCase();
  for (const [written, out] of result.outputs) if (written.toLowerCase() === plain) return out;
  if (!/[.#@]/.test(name) && result.resultSets.length > 0) return result.resultSets[result.resultSets.length - 1] as SectionOutput;
  if (!/[.#@]/.test(name) && header !== undefined) {
    // a row of scalars (`Then table range` with @FromDate, @ToDate): the variables of those names
    const names = header.map((h) => parseHeaderCell(h)?.name ?? h);
    const values = names.map((n) => {
      const v = result.variables.get(`@${n}`.toLowerCase());
      // The SELECT of a result set that failed (8115 of a tinyint product) and went on leaves no
      // result set: say the error, not that the columns are no variables.
      if (v === undefined && result.resultSets.length === 0 && result.errors.length > 0) throw new CellMismatch(`the section's statements produced no ${name}: ${legacyErrorsText(result)}`);
      if (v === undefined) throw new CellMismatch(`${name} is neither a table, a result set nor variables: the procedure has no variable @${n}`);
      return v;
    });
    const tainted = names.flatMap((n) => result.notReproducibleVariables.get(`@${n}`.toLowerCase()) ?? []);
    return { columns: names.map((n) => ({ name: n, duckType: 'VARCHAR', bit: false })), rows: [values], ...(tainted.length > 0 ? { notReproducible: [...new Set(tainted)] } : {}) };
  }
  throw new CellMismatch(`the section's statements produced no ${name}`);
}

/**
 * The Then data table of one output from what the legacy code produced: the header as the
 * scenario writes it (or, without one, every produced column typed from the catalog), values
 * written so they read back exactly, rows sorted by the key (or by every column).
 */
export function recordedTable(
  catalog: SpecCatalog, result: SectionRunResult, name: string, existingHeader: readonly string[] | undefined, key: readonly string[], orderedBy?: readonly string[],
  /** Columns (lower case) left out of the table: a start state's columns the section never reads (unread-start-columns.ts). */
  omit: ReadonlySet<string> = new Set(),
): { header: string[]; rows: string[][] } {
  const out = producedOutput(result, name, existingHeader);
  if (out.notReproducible !== undefined) throw new CellMismatch(notReproducibleText(name, out.notReproducible));
  const known = catalog.tables.get(normalizeObjectName(name));
  const guessed = (column: string): boolean => known?.columns.find((k) => k.name.toLowerCase() === column.toLowerCase())?.guessed === true;
  const producedCell = (c: SectionOutput['columns'][number]): string => {
    // the catalog's type where it knows one; a `text?` it only guessed (a #temp column of a CTE's
    // computing) would give the next section's Given text where the legacy run holds decimals
    const declared = known?.columns.find((k) => k.name.toLowerCase() === c.name.toLowerCase());
    const type = declared !== undefined && declared.guessed !== true ? declared.type : specTypeOfDuck(c.duckType, c.bit);
    return formatHeaderCell(c.name, formatColumnType({ ...type, nullable: type.nullable || out.rows.some((r) => r[out.columns.indexOf(c)] === null) }));
  };
  // a scenario's header keeps its types, but for the `text?` propose wrote from a guess: the
  // legacy run's type replaces it (a person who typed the column wrote something else)
  const header = existingHeader ? existingHeader.map((cell) => {
    const parsed = parseHeaderCell(cell);
    const c = parsed?.type === 'text?' && guessed(parsed.name) ? out.columns.find((x) => x.name.toLowerCase() === parsed.name.toLowerCase()) : undefined;
    return c === undefined ? cell : producedCell(c);
  }).filter((cell) => !omit.has((parseHeaderCell(cell)?.name ?? cell).toLowerCase())) : out.columns.filter((c) => !omit.has(c.name.toLowerCase())).map(producedCell);
  const columns = header.map((cell) => {
    const parsed = parseHeaderCell(cell);
    const colName = parsed?.name ?? cell;
    const type: ColumnType | undefined = (parsed?.type ? parseColumnType(parsed.type) : undefined) ?? known?.columns.find((k) => k.name.toLowerCase() === colName.toLowerCase())?.type;
    const index = out.columns.findIndex((c) => c.name.toLowerCase() === colName.toLowerCase());
    if (index < 0) throw new CellMismatch(`the legacy ${name} has no column ${colName} (its columns: ${out.columns.map((c) => c.name).join(', ')})`);
    if (type === undefined) throw new CellMismatch(`the header cell ${cell} of ${name} has no type`);
    return { name: colName, type, index };
  });
  refuseTaintedColumns(name, out, columns.map((c) => c.name), existingHeader !== undefined);
  const rows = out.rows.map((r) => columns.map((c) => {
    try {
      return formatRecordedCell(c.type, r[c.index] ?? null);
    } catch (err) {
      throw err instanceof CellMismatch ? new CellMismatch(`${name}.${c.name} (${formatColumnType(c.type)}): ${err.message}`) : err;
    }
  }));
  const order = [...key.map((k) => columns.findIndex((c) => c.name.toLowerCase() === k.toLowerCase())).filter((i) => i >= 0), ...columns.map((_, i) => i)];
  const byOrder = (a: string[], b: string[]): number => {
    for (const i of order) {
      const d = compareCells((columns[i] as { type: ColumnType }).type, a[i] as string, b[i] as string);
      if (d !== 0) return d;
    }
    return 0;
  };
  if (orderedBy === undefined) return { header, rows: rows.sort(byOrder) };
  // the legacy ORDER BY's order stays; only rows it ties (in SQL Server's plan order) are sorted, so the file is stable
  const ties = orderedBy.map((k) => columns.findIndex((c) => c.name.toLowerCase() === k.toLowerCase()));
  if (ties.some((i) => i < 0)) throw new CellMismatch(`ordered by ${orderedBy.join(', ')}: the Then header of ${name} lists no column ${orderedBy[ties.indexOf(-1)] ?? ''}`);
  const runs: string[][][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1]?.[0];
    if (last !== undefined && ties.every((i) => last[i] === row[i])) runs[runs.length - 1]?.push(row);
    else runs.push([row]);
  }
  return { header, rows: runs.flatMap((run) => run.sort(byOrder)) };
}

/** The edits that write a run's outputs into a scenario's Then steps. */
function scenarioEdits(ctx: RecordContext, result: SectionRunResult, thenSteps: readonly LayoutStep[]): (TableEdit | ScalarEdit)[] {
  const edits: (TableEdit | ScalarEdit)[] = [];
  for (const step of thenSteps) {
    const table = STEP_PATTERNS.thenTable.exec(step.text);
    if (table) {
      const name = table[1] as string;
      const key = splitNameList(table[2] ?? '').map(unquoteNamePart);
      const orderedBy = table[5] === undefined ? undefined : splitNameList(table[5]).map(unquoteNamePart);
      const { header, rows } = recordedTable(ctx.catalog, result, name, step.table?.rows[0], key, orderedBy);
      edits.push({ kind: 'table-edit', step, header, rows });
      continue;
    }
    const scalar = STEP_PATTERNS.thenScalar.exec(step.text);
    if (!scalar) throw new CellMismatch(`cannot read the Then step '${step.text}'`);
    const name = unquoteNamePart(scalar[1] as string);
    const value = result.variables.get((name.startsWith('@') ? name : `@${name}`).toLowerCase());
    if (value === undefined) throw new CellMismatch(`the procedure has no variable ${name}`);
    const tainted = result.notReproducibleVariables.get((name.startsWith('@') ? name : `@${name}`).toLowerCase());
    if (tainted !== undefined) throw new CellMismatch(notReproducibleText(name, tainted));
    const type = scalar[2] ? parseColumnType(scalar[2]) : undefined;
    edits.push({ kind: 'scalar-edit', step, value: type ? formatRecordedCell(type, value) : value ?? 'NULL' });
  }
  return edits;
}

/**
 * The columns of the header holding values SQL Server would give otherwise (an identity that a
 * MERGE's OUTPUT … INTO or an INSERT … SELECT without ORDER BY numbers in its plan's order): the
 * output is refused while the header lists them; without them the other columns are recorded.
 */
function refuseTaintedColumns(name: string, out: SectionOutput, header: readonly string[], written: boolean): void {
  const tainted = out.notReproducibleColumns;
  if (tainted === undefined) return;
  const hit = [...tainted].filter(([c]) => header.some((h) => h.toLowerCase() === c.toLowerCase()));
  if (hit.length === 0) return;
  // as the header spells them, bracketed where they must be ([Partner Key])
  const names = hit.map(([c]) => quoteNamePart(header.find((h) => h.toLowerCase() === c.toLowerCase()) ?? c)).join(', ');
  const causes = [...new Set(hit.flatMap(([, why]) => why))];
  throw new CellMismatch(`${name}.${hit.length === 1 ? names : `{${names}}`} cannot be recorded: its values depend on ${causes.join('; ')}; `
    + `${written ? `leave ${names} out of the Then header of ${name}` : `write a typed Then header for ${name} without ${names}`} (its other columns are then recorded), or write its Then rows by hand`);
}

/**
 * Why an output is not recorded: its values came from what SQL Server would give otherwise, so a
 * recorded Then would hold the emulator's pick, not the legacy procedure's result.
 */
function notReproducibleText(name: string, causes: readonly string[]): string {
  return `${name} cannot be recorded: its values depend on ${causes.length > 0 ? causes.join('; ') : 'values SQL Server would give otherwise'}; write its Then rows by hand`;
}

/** Why the emulator (or the scenario) made a run impossible, as people read it. */
export function refusalText(err: unknown): string {
  if (err instanceof MigrateError) return err.format();
  if (err instanceof CellMismatch) return err.message;
  throw err;
}

/**
 * Records a section's scenarios (all, or the one named): each recordable scenario (Then rows
 * empty or placeholders, or tagged @recorded; any with `force`) is run in the emulator and its
 * Then steps rewritten, tagged `@recorded:<clock>`. The .feature is written once, atomically,
 * and only when something was recorded; everything else in it stays byte-identical.
 */
export async function recordSection(ctx: RecordContext, options: { readonly scenario?: string; readonly force?: boolean }): Promise<RecordOutcome> {
  const layout = await readFeatureLayout(ctx.text);
  if (!layout) throw new UsageError('RECORD_SPEC', `${ctx.file} is not a readable .feature`, { hint: 'run `migrate sections check` to see why' });
  const wanted = options.scenario?.trim().toLowerCase();
  const chosen = ctx.spec.scenarios.filter((s) => wanted === undefined || s.name.trim().toLowerCase() === wanted);
  if (chosen.length === 0) {
    throw new UsageError('RECORD_UNKNOWN_SCENARIO', wanted === undefined ? `${ctx.spec.id} has no scenario to record` : `${ctx.spec.id} has no scenario named '${options.scenario}'`, { hint: `its scenarios: ${ctx.spec.scenarios.map((s) => `'${s.name}'`).join(', ') || '(none)'}` });
  }
  const parsed = await parseFeature(ctx.text, ctx.file, { catalog: ctx.catalog, readFile: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined) });
  const outcomes: ScenarioOutcome[] = [];
  const edits: ScenarioEdit[] = [];
  for (const scenario of chosen) {
    const lay = layout.scenarios.find((s) => s.line === scenario.line) as LayoutScenario;
    const phased = stepsWithPhase(lay.steps);
    const thens = phased.filter((p) => p.phase === 'Outcome').map((p) => p.step);
    const recorded = lay.tags.some((t) => /^@recorded(?::|$)/i.test(t.name));
    const base = { scenario: scenario.name, line: scenario.line };
    if (!options.force && !recorded && !hasOnlyPlaceholders(thens)) {
      outcomes.push({ ...base, status: 'skipped', reason: 'its Then rows are hand-written (--force overwrites them)' });
      continue;
    }
    if (thens.length === 0) {
      outcomes.push({ ...base, status: 'refused', reason: `${ctx.file}:${scenario.line}: the scenario has no Then step to record into (add \`Then table <output>:\` with its typed header)` });
      continue;
    }
    // Problems in the Given (and Background) make the start state unknown; Then problems are what recording replaces.
    const firstThen = thens[0]?.line ?? lay.lastLine;
    const givenProblems = parsed.problems.filter((p) => p.code !== 'SPEC_NO_THEN' && ((p.line >= scenario.line && p.line < firstThen) || layout.background.some((b) => p.line >= b.line && p.line <= (b.table?.lastLine ?? b.line))));
    if (givenProblems.length > 0) {
      outcomes.push({ ...base, status: 'refused', reason: givenProblems.map((p) => `${ctx.file}:${p.line}:${p.column}: ${p.message}`).join('\n') });
      continue;
    }
    // a `= TODO` value is not given: the run refuses a parameter without default, or takes a DECLARE's value
    const pending = scenario.params.filter((p) => p.pending === true);
    try {
      const result = await runLegacySection(ctx, scenario.inputs, scenario.params.filter((p) => p.pending !== true));
      const steps = startValueSteps(result);
      const at = (i: number): ParamValue | undefined => pending.find((p) => p.name.toLowerCase() === result.startValues[i]?.name.toLowerCase());
      edits.push({
        scenario: lay, tag: recordedTags(ctx), edits: scenarioEdits(ctx, result, thens),
        thens: carriedValueSteps(ctx, result, scenario.scalars.map((x) => x.name)),
        givens: steps.filter((_, i) => at(i) === undefined),
        // the start value takes the place of its `= TODO` step rather than stating it twice
        replacedGivens: steps.flatMap((text, i) => { const p = at(i); return p ? [{ line: p.line, text }] : []; }),
      });
      outcomes.push({ ...base, status: 'recorded', ...(result.errors.length > 0 ? { reason: legacyErrorsText(result) } : {}) });
    } catch (err) {
      outcomes.push({ ...base, status: 'refused', reason: refusalText(withPendingStep(ctx, err, pending)) });
    }
  }
  const text = edits.length > 0 ? applyScenarioEdits(ctx.text, edits) : ctx.text;
  if (text !== ctx.text) writeFileAtomic(ctx.file, text);
  return { section: ctx.spec.id, file: ctx.file, clock: ctx.clock, scenarios: outcomes, written: text !== ctx.text };
}
