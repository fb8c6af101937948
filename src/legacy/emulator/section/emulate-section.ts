import { LegacyError } from '../../../core';
import { DATA_TEXT, runInLanguageWatch, type LanguageAssumption } from '../login-language';
import type { SessionLanguage } from '../session-languages';
import type { EngineSession } from '../../../engine';
import { displayObjectName, parseScript, walk, type DataType, type Declare, type Node, type ParsedScript } from '../../../tsql';
import { normalizeObjectName } from '../../legacy-run';
import { collectCatalog, emptyCatalog, objectKey, readsBehindCalls, synonymTargetOf, tablesBehindCatalog, tablesBehindView, type ReadBehindCall } from '../catalog';
import { prepareEmulatorState } from '../emulator-setup';
import { clockOffsetOf, collectProcedures, normalizeClock } from '../emulate-procedure';
import { unknownProcedureError } from '../procedure-names';
import { crossEntityContext, crossEntityReads } from './cross-entity-reads';
import { identityNumberingReads } from './identity-numbering';
import { readsBehindTriggers, throughTriggerText, triggerName } from './triggered-reads';
import { readsReachingRows } from './cross-entity-reach';
import { refuseSequenceDrawnBefore, sequencesDrawn } from './section-sequence-draws';
import { loadCsv } from '../input-loading';
import { executeStatement, executeStatements } from '../interpreter';
import { runSectionStatements } from '../goto';
import { refuseSqlcmdStrings } from '../sqlcmd-strings';
import { tableKey } from '../queries';
import { taintOf } from '../reproducibility/taint-report';
import { orderDependentVariables } from '../reproducibility/order-insensitive-runs';
import { assignExpression, assignText } from '../runtime';
import { assignsVariable, insideTryOutsideSection, linesBeforeSection, sectionFootprint, sectionTableKey, selectSectionStatements, statementsBefore, type SectionLines } from './section-statements';
import type { EmulatorState, Frame, LoadedProcedure, TableInfo } from '../state';
import { ensureTables, locatedError, referencedTables } from '../tables/table-definitions';
import { declaredType } from '../declared-types';
import { historyTablesChanged, historyTablesRead } from '../tables/temporal-inputs';
import { duckTypeAt } from '../tables/tables';
import { bindTableParameter, tableTypeOf } from '../table-parameters';
import { xactAbortBefore } from '../transactions/xact-state';
import { applySetOptionsBefore } from './section-set-options';
import { declaredButSetOutside, withoutDeclarations, type DeclaredSetOutside } from './section-declared-inputs';
import { noteTransactionsOutsideSection } from './section-transactions';
import { abandonUndoLog, inUndoLog } from '../transactions/undo-transaction';
import { tablesEmptiedFirst } from './emptied-tables';
import { outputColumnSql } from './section-output-text';
import { refuseUnevaluatedOutput } from '../tables/unevaluated-columns';
import { refuseSetBetween } from './section-set-between';
import { dataTypeText, givenRowsText, givenTable, loadGivenRows, quoteTsql, synonymTable } from './given-tables';

/** A table of the state at the start of a section: its typed header (spec types) and rows as text. */
export interface SectionTableInput {
  /** Its parts joined by dots, without brackets, as the emulator keys tables (`Dimension.Stock Item`, `#City Changes`, `@Totals`). */
  readonly name: string;
  /** Spec column types (`int`, `decimal(5,2)?`, `text?`, `timestamp`, `bool`). */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** Values as text in the spec's canonical form; null is NULL. */
  readonly rows: readonly (readonly (string | null)[])[];
}

/** What to run: the section's lines of a procedure, and the state before them. */
export interface EmulateSectionOptions {
  readonly scripts: readonly ParsedScript[];
  /** `dbo.usp_x` (any case, brackets allowed). */
  readonly procedure: string;
  readonly lines: readonly SectionLines[];
  /** Parameters and variables (`@FromDate`) as text; null is NULL. */
  readonly params: Readonly<Record<string, string | null>>;
  readonly tables: readonly SectionTableInput[];
  /**
   * Tables whose start state is a data file, loaded as `migrate capture` loads its inputs (CSV,
   * header row, text converted as SQL Server converts it); a table without a file starts empty.
   */
  readonly dataFiles?: readonly { readonly table: string; readonly file: string | undefined }[];
  /** The section's @output names, written like table names (parts joined by dots, no brackets). */
  readonly outputs: readonly string[];
  readonly session: EngineSession;
  /** GETDATE()/SYSDATETIME() for the run (default 2000-01-01T00:00:00, as `migrate capture`). */
  readonly clock?: string;
  readonly allowDynamicSql?: boolean;
  readonly seed?: number;
  /** Fetch the rows of cursors without ORDER BY in reverse (the order check, order-check.ts). */
  readonly reverseUnordered?: boolean;
  /** The legacy database's compatibility level: results that depend on it are refused without it (compatibility-level.ts). */
  readonly compatibilityLevel?: number;
  /** The legacy server's release (legacy.serverVersion, --server-version): ERROR_PROCEDURE() depends on it (error-procedure.ts). */
  readonly serverVersion?: number;
  /** The login's language (legacy.language, --language); without it us_english, and the first construct it decides is noted (login-language.ts). */
  readonly language?: SessionLanguage;
}

/** A table or result set the section produced, values as exact text (null is NULL). */
export interface SectionOutput {
  readonly columns: readonly { readonly name: string; readonly duckType: string; readonly bit: boolean }[];
  readonly rows: readonly (readonly (string | null)[])[];
  /** Set when values of the output came from what SQL Server would give otherwise (RAND(), an undefined row order): why. */
  readonly notReproducible?: readonly string[];
  /** Set when only these columns (as declared) hold such values (an identity numbered in the plan's order, rowversion values): column -> why. */
  readonly notReproducibleColumns?: ReadonlyMap<string, readonly string[]>;
  /** Columns an UPDATE TOP (n) (or under SET ROWCOUNT) set on this table, in the rows the plan picks (EmulatorState.pickedColumns). */
  readonly pickedColumns?: readonly string[];
}

/** What running a section produced. */
export interface SectionRunResult {
  /** Keyed by the @output name as written; a name that is neither a table nor a result set is absent. */
  readonly outputs: ReadonlyMap<string, SectionOutput>;
  readonly resultSets: readonly SectionOutput[];
  /** Every variable of the procedure at the end of the section (lower-case `@name`), as text. */
  readonly variables: ReadonlyMap<string, string | null>;
  /** Reads whose row order SQL Server's plan decides (`the cursor c opened at file:line:col without ORDER BY`). */
  readonly unorderedReads: readonly string[];
  /** Variables (lower-case `@name`) whose values SQL Server would give otherwise, and why (random-values.ts). */
  readonly notReproducibleVariables: ReadonlyMap<string, readonly string[]>;
  readonly messages: readonly string[];
  /** The clock the run used, `YYYY-MM-DD HH:MM:SS`. */
  readonly clock: string;
  /**
   * Variables the section reads before setting that the scenario did not give and that started
   * from a value of their own (a DECLARE's or a parameter's default): name as declared, T-SQL
   * type as written (`decimal(14,2)`), value as text. A scenario recorded from this run must give
   * them, since `migrate test` gives a transform NULL for a parameter its scenario leaves out.
   */
  readonly startValues: readonly { readonly name: string; readonly dataType: string; readonly value: string }[];
  /** The section ended at a RETURN, or at a GOTO to a label only the procedure's end follows: the procedure ends there. */
  readonly returned: boolean;
  /** The label (as written) a GOTO jumped to past the section's last statement, ending its run there. */
  readonly jumpedTo?: string;
  /** The errors the section sent to the client and went on after (RAISERROR outside TRY), as SQL Server prints them. */
  readonly errors: readonly string[];
  /** The first construct whose result the assumed login language (us_english) decided; absent when the language was stated or nothing read it. */
  readonly languageAssumed?: LanguageAssumption;
}

/** A refusal about what the scenario gives (or fails to give), at the statement that needs it. */
function inputError(script: ParsedScript, node: Node | undefined, message: string, hint: string): LegacyError {
  return new LegacyError('LEGACY_SECTION_INPUT', message, { location: { file: script.file, span: node?.span, source: script.lineIndex.text }, hint });
}

/**
 * Runs the statements of a section (its line ranges of one procedure) in the emulator, with the
 * state at the start of the section taken from a scenario: parameters and variables from the
 * Given values (parameters not given keep their declared default; variables declared in earlier
 * sections keep their DECLARE value when nothing earlier assigns them), tables and #temp tables
 * from the Given tables (a #temp table the section does not create is built from the procedure's
 * CREATE TABLE, or else from the Given header), and returns the @output tables, result sets and
 * variables. What the statements read that the scenario does not give is refused with its
 * location; so is anything the emulator cannot run. Never a guessed value.
 */
export function emulateSection(options: EmulateSectionOptions): Promise<SectionRunResult> {
  return runInLanguageWatch(() => emulateSectionWatched(options));
}

async function emulateSectionWatched(options: EmulateSectionOptions): Promise<SectionRunResult> {
  const clock = normalizeClock(options.clock ?? '2000-01-01T00:00:00');
  const { procedures, name, loaded } = findProcedure(options.scripts, options.procedure);
  const { procedure: proc, script } = loaded;
  const statements = selectSectionStatements(proc, script, options.lines);
  const setOutside = declaredButSetOutside(proc.body, statements, options.lines);
  const state = await prepareEmulatorState(options.session, options.scripts, procedures, { clock, allowDynamicSql: options.allowDynamicSql, seed: options.seed, compatibilityLevel: options.compatibilityLevel, serverVersion: options.serverVersion, language: options.language });
  const footprint = sectionFootprint(statements, isTableTypeIn(state.catalog));
  state.clockOffset = clockOffsetOf(options.clock ?? '');
  state.reverseUnordered = options.reverseUnordered ?? false;
  const frame: Frame = { procedure: proc, script, variables: new Map(), cursors: new Map(), tempTables: [] };
  state.frames.push(frame);
  try {
    refuseSqlcmdStrings(state, proc, statements);
    await ensureTables(state, [...referencedTables(procedures, name), ...tablesBehindCatalog(state.catalog, procedures, name)]);
    const given = new Map(Object.entries(options.params).map(([k, v]) => [(k.startsWith('@') ? k : `@${k}`).toLowerCase(), v]));
    const { unset, declaredAs } = await presetVariables(state, frame, given, options.lines, setOutside);
    // what goes wrong from here until the section runs is about the scenario, not a statement
    state.at = undefined;
    for (const [key, v] of footprint.readsFirst) {
      if (footprint.declares.has(key) || !unset.has(key)) continue;
      throw inputError(script, v, `the section reads ${v.name} before it sets it, and the scenario does not give its value (${unset.get(key)})`, `add \`Given parameter ${v.name}:<type> = <value>\` to the scenario (or its Background)`);
    }
    refuseSetBetween(script, proc.body, statements, options.lines, new Set(given.keys())); // set by another section between its lines
    const givenKeys = new Set<string>();
    for (const data of options.dataFiles ?? []) {
      const key = sectionTableKey(data.table);
      givenKeys.add(key);
      if (data.file !== undefined) await loadCsv(state, { table: data.table, file: data.file }, key);
    }
    // a synonym given beside its table is that table: its rows once, and the two must agree
    const givenAs = new Map<TableInfo, SectionTableInput>();
    for (const table of options.tables) {
      const key = sectionTableKey(table.name);
      givenKeys.add(key);
      if (footprint.creates.has(key)) continue; // the section builds it itself: its start state cannot matter
      const info = await givenTable(state, proc.body, table, key);
      const before = givenAs.get(info);
      givenAs.set(info, before ?? table);
      if (before === undefined) await loadGivenRows(state, info, table);
      else if (givenRowsText(before) !== givenRowsText(table)) {
        throw new LegacyError('LEGACY_SECTION_INPUT', `the scenario gives ${before.name} and ${table.name}, which are one table to SQL Server (a synonym and its target), with different columns or rows`, { hint: `give ${table.name} the same header and rows as ${before.name}, or give the table under one name` });
      }
    }
    // dynamic SQL may read only what the scenario states (or the section builds), never an empty stand-in
    state.dynamicSqlInputs = { run: 'section', stated: new Set([...givenKeys, ...footprint.creates]) };
    const emptied = tablesEmptiedFirst(statements, options.scripts); // its start rows never reach the result
    // a table given under a synonym's name (`Given table dbo.Prices`, a synonym of it) is given:
    // a function the section calls reads it by the name its CREATE FUNCTION writes
    const targetOfSynonym = (k: string): string | undefined => {
      const view = state.catalog.views.get(k);
      const target = view === undefined ? undefined : synonymTargetOf(view.definition);
      return target === undefined ? undefined : normalizeObjectName(target);
    };
    const givenTargets = new Set([...givenKeys].map(targetOfSynonym));
    const givenThroughSynonym = (key: string): boolean => givenTargets.has(key);
    for (const [key, read] of footprint.reads) {
      if (givenKeys.has(key) || footprint.creates.has(key) || emptied.has(key) || givenThroughSynonym(key)) continue;
      // a view not given whose tables all are: computed from them whenever it is read, as SQL Server does
      const behind = tablesBehindView(state.catalog, key);
      if (behind !== undefined && behind.size > 0 && [...behind].every((t) => givenKeys.has(t))) continue;
      const shown = displayObjectName(read.parts);
      throw inputError(script, read.node, `the section reads ${shown}, but the scenario gives no rows for it`, `add \`Given table ${shown}:\` with its typed header (and no rows if it is empty)`);
    }
    // What a function the section calls, or a procedure it EXECs, reads must be given too: it
    // would read an empty table, and the section's outputs would be silently empty.
    // A table the section also writes counts (its INSERT adds to the rows the callee reads), as for
    // its own reads; one it builds or empties first does not.
    for (const [key, behind] of readsBehindCalls(state.catalog, procedures, statements, { synonymsByName: true })) {
      // a synonym the callee reads, given by its target's name (as record wrote it before): one table
      const target = targetOfSynonym(key);
      if (givenKeys.has(key) || footprint.creates.has(key) || emptied.has(key) || givenThroughSynonym(key) || (target !== undefined && givenKeys.has(target))) continue;
      const shown = specName(behind.table.name.parts.map((p) => p.name));
      throw inputError(script, behind.call, `the section reads ${shown} through ${calledName(behind.call)} it calls (${readAt(behind)}), but the scenario gives no rows for it`, `add \`Given table ${shown}:\` with its typed header (and no rows if it is empty)`);
    }
    // Likewise what a trigger its statements fire reads (the bin's limit trg_Pick_Bin checks):
    // SQL Server runs the trigger with the statement, and an empty stand-in would change what it writes.
    for (const [key, behind] of readsBehindTriggers(state.catalog, procedures, statements)) {
      if (givenKeys.has(key) || footprint.creates.has(key) || emptied.has(key) || givenThroughSynonym(key)) continue;
      const shown = specName(behind.table.name.parts.map((p) => p.name));
      throw inputError(script, behind.statement, `the section reads ${shown} through ${throughTriggerText(behind)}, but the scenario gives no rows for it`, `add \`Given table ${shown}:\` with its typed header (and no rows if it is empty)`);
    }
    const startValues = [...footprint.readsFirst.keys()].flatMap((key) => {
      const value = frame.variables.get(key)?.value;
      const declared = declaredAs.get(key);
      if (footprint.declares.has(key) || given.has(key) || unset.has(key) || value === null || value === undefined || declared === undefined) return [];
      return [{ name: declared.name, dataType: dataTypeText(declared.dataType), value }];
    });
    // An error in statements that sit inside a TRY block of the procedure goes to its CATCH block,
    // which the section does not run: the run ends with it. Outside TRY it follows statement-errors.ts.
    noteTransactionsOutsideSection(state, proc, statements);
    refuseSequenceDrawnBefore(state, proc, statements);
    const inTry = insideTryOutsideSection(proc, statements);
    if (inTry === 'all') state.tryDepth = 1;
    if (inTry === 'some') state.tryUnknown = 'whose statements lie partly inside a TRY block of the procedure and partly outside it';
    const { flow, jumpedTo } = await runSectionStatements(state, proc, statements, () => executeStatements(state, withoutDeclarations(statements, new Set(setOutside.keys()))));
    // The section ended right after an error that SQL Server may have ended the batch with: either way it ends with it.
    if (state.pendingAbort !== undefined) throw state.pendingAbort.error;
    await state.writes.flush(); // the outputs are read below
    const taint = taintOf(state);
    const tainted = (yes: boolean, out: SectionOutput): SectionOutput => (yes ? { ...out, notReproducible: taint.causes } : out);
    const outputs = new Map<string, SectionOutput>();
    for (const out of options.outputs) {
      const info = state.tables.get(tableKey(out.replace(/^\[|\]$/g, ''), state.frames.length)) ?? state.tables.get(sectionTableKey(out)) ?? synonymTable(state, sectionTableKey(out));
      if (info === undefined) {
        const rows = await viewRows(state, out, taint);
        if (rows !== undefined) outputs.set(out, rows);
        continue;
      }
      const picked = state.pickedColumns.get(info.sqlName);
      const read = { ...tainted(taint.table(info), await readTable(state, info.sqlName, info)), ...(picked === undefined ? {} : { pickedColumns: [...picked] }) };
      const columns = taint.columns(info);
      outputs.set(out, columns === undefined ? read : { ...read, notReproducibleColumns: columns });
    }
    const resultSets: SectionOutput[] = [];
    for (const [i, rs] of state.resultSets.entries()) if (rs.table !== undefined) resultSets.push(tainted(taint.resultSet(i), await readTable(state, rs.table, undefined)));
    const variables = new Map<string, string | null>([...frame.variables].map(([k, slot]) => [k, slot.value]));
    const notReproducibleVariables = new Map([...frame.variables.keys()].filter((k) => taint.variable(k)).map((k) => [k, taint.causes]));
    // What a loop taken in either order leaves in the variables it sets per pass is its last row's (order-insensitive-runs.ts).
    for (const [k, why] of orderDependentVariables(state)) if (frame.variables.has(k)) notReproducibleVariables.set(k, [...(notReproducibleVariables.get(k) ?? []), why]);
    const errors = state.clientErrors.map((e) => `Msg ${e.number}, Level ${e.severity}, State ${e.state}, Line ${e.line}: ${e.message}`);
    return { outputs, resultSets, variables, notReproducibleVariables, messages: state.messages, clock, startValues, unorderedReads: [...state.unorderedReads.values()], returned: flow === 'return', ...(jumpedTo === undefined ? {} : { jumpedTo }), errors, ...(state.languageAssumed === undefined ? {} : { languageAssumed: state.languageAssumed }) };
  } catch (err) {
    throw locatedError(state, err);
  } finally {
    if (inUndoLog(state)) await abandonUndoLog(state); else if (state.tranCount > 0 && !state.doomed) await options.session.run('ROLLBACK').catch(() => undefined);
    state.frames.pop();
  }
}

/** What a legacy run executes before the section (linesBeforeSection), in the procedure as loaded. */
export function sectionStartLines(scripts: readonly ParsedScript[], procedure: string, lines: readonly SectionLines[]): SectionLines[] | undefined {
  return linesBeforeSection(findProcedure(scripts, procedure).loaded.procedure, lines);
}

/** Whether a DECLAREd type is a user-defined table type of the catalog (the variable is then a table). */
function isTableTypeIn(catalog: EmulatorState['catalog']): (type: DataType) => boolean {
  return (type) => catalog.types.get(objectKey(type.name.parts))?.definition.definition !== undefined;
}

/** The loaded procedures of the scripts and the one named, or a refusal naming those loaded. */
function findProcedure(scripts: readonly ParsedScript[], procedure: string): { procedures: Map<string, LoadedProcedure>; name: string; loaded: LoadedProcedure } {
  const procedures = collectProcedures(scripts);
  const name = normalizeObjectName(procedure);
  const loaded = procedures.get(name);
  if (loaded === undefined) throw unknownProcedureError(procedures, name, procedure);
  return { procedures, name, loaded };
}

/**
 * The sequences a section's statements draw from: run alone it numbers them from where the
 * scripts leave them, which its recorded rows then hold (see section-sequence-draws.ts).
 */
export function sectionSequencesDrawn(scripts: readonly ParsedScript[], procedure: string, lines: readonly SectionLines[]): string[] {
  const { loaded } = findProcedure(scripts, procedure);
  return sequencesDrawn(selectSectionStatements(loaded.procedure, loaded.script, lines));
}

/**
 * The constructs of a section's statements that combine rows of several `entity` values
 * (cross-entity-reads.ts), each as `construct at file:line:col`; with `reachingOutputs` (the
 * section's @output names), only those whose result reaches those rows (readsReachingRows).
 */
export function sectionCrossEntityReads(scripts: readonly ParsedScript[], procedure: string, lines: readonly SectionLines[], entity: string, options: { readonly reachingOutputs?: readonly string[] } = {}): string[] {
  const { loaded } = findProcedure(scripts, procedure);
  const statements = selectSectionStatements(loaded.procedure, loaded.script, lines);
  const all = [...crossEntityReads(statements, entity, crossEntityContext(scripts, loaded.procedure.body)), ...identityNumberingReads(statements, entity, scripts, loaded.procedure.body)]
    .sort((a, b) => a.node.span.start.offset - b.node.span.start.offset);
  const found = options.reachingOutputs === undefined ? all : readsReachingRows(statements, all, options.reachingOutputs);
  return [...new Set(found.map((r) => `${r.construct} at ${loaded.script.file}:${r.node.span.start.line}:${r.node.span.start.column}`))];
}

/** A table a section's statements read (sectionInputTables). */
export interface SectionInputTable {
  readonly key: string;
  /** As written where it is read (parts joined by dots, no brackets). */
  readonly written: string;
  readonly parts: readonly string[];
  /** Where it is first read: in a callee's own file when only a function or procedure the statements call reads it. */
  readonly at: LegacyError['location'];
  /** Read only because the statements change it (with `changed`). */
  readonly changedOnly?: boolean;
  /** Read only by what a statement calls: the callee as the call names it, and the call. */
  readonly through?: { readonly name: string; readonly at: LegacyError['location'] };
}

/** A call as the code names it: `dbo.usp_ShortOf` for its EXEC, `dbo.fn_Rate()` for a function. */
function calledName(call: Node): string {
  if (call.kind === 'Execute' && call.procedure?.kind === 'ObjectName') return displayObjectName(call.procedure.parts.map((p) => p.name));
  if (call.kind === 'FunctionCall') return `${displayObjectName(call.name.parts.map((p) => p.name))}()`;
  return 'a function or procedure';
}

/** A name as a scenario's `Given table` writes it: a part that is not a plain identifier in brackets (`dbo.[Reorder Line]`). */
function specName(parts: readonly string[]): string {
  return parts.map((p) => (/^[A-Za-z_#@][\w@$#]*$/.test(p) ? p : `[${p.replace(/]/g, ']]')}]`)).join('.');
}

/** Where a callee reads a table, `file:line:col`. */
function readAt(behind: ReadBehindCall): string {
  const file = behind.script?.file ?? '';
  return `read at ${file}:${behind.table.span.start.line}:${behind.table.span.start.column}`;
}

/**
 * The tables a section's statements read rows from and do not build themselves (`dbo.x`,
 * `#t`), as written, each with where it is first read: what a scenario must give.
 */
export function sectionInputTables(scripts: readonly ParsedScript[], procedure: string, lines: readonly SectionLines[], options: { readonly changed?: boolean } = {}): SectionInputTable[] {
  const { loaded, procedures } = findProcedure(scripts, procedure);
  const statements = selectSectionStatements(loaded.procedure, loaded.script, lines);
  const catalog = emptyCatalog();
  collectCatalog(catalog, scripts);
  const footprint = sectionFootprint(statements, isTableTypeIn(catalog));
  const at = (node: Node): LegacyError['location'] => ({ file: loaded.script.file, span: node.span, source: loaded.script.lineIndex.text });
  const emptied = tablesEmptiedFirst(statements, scripts); // emptied before it is read: its rows never matter
  const read: SectionInputTable[] = [...footprint.reads].filter(([key]) => !footprint.creates.has(key) && !emptied.has(key))
    .map(([key, r]) => ({ key, written: r.written, parts: r.parts, at: at(r.node) }));
  // What a function it calls or a procedure it EXECs reads must be given too (emulateSection
  // refuses a scenario without it), so real data gives those tables as well: located at the
  // callee's read, with the call in the section. A table the statements write counts (an INSERT
  // before the EXEC adds to the rows the callee reads); one they build or empty first does not.
  for (const [key, behind] of readsBehindCalls(catalog, procedures, statements, { synonymsByName: true })) {
    if (read.some((r) => r.key === key) || footprint.creates.has(key) || emptied.has(key)) continue;
    const parts = behind.table.name.parts.map((p) => p.name);
    const inCallee = behind.script === undefined ? at(behind.call) : { file: behind.script.file, span: behind.table.span, source: behind.script.lineIndex.text };
    read.push({ key, written: parts.join('.'), parts, at: inCallee, through: { name: calledName(behind.call), at: at(behind.call) } });
  }
  // and what the triggers its statements fire read (readsBehindTriggers), located at the trigger's read
  for (const [key, behind] of readsBehindTriggers(catalog, procedures, statements)) {
    if (read.some((r) => r.key === key) || footprint.creates.has(key) || emptied.has(key)) continue;
    const parts = behind.table.name.parts.map((p) => p.name);
    const inTrigger = behind.script === undefined ? at(behind.statement) : { file: behind.script.file, span: behind.table.span, source: behind.script.lineIndex.text };
    read.push({ key, written: parts.join('.'), parts, at: inTrigger, through: { name: `the trigger ${triggerName(behind)}`, at: at(behind.statement) } });
  }
  for (const [key, h] of historyTablesRead(scripts, statements)) {
    if (!read.some((r) => r.key === key)) read.push({ key, written: h.parts.join('.'), parts: h.parts, at: at(h.node) });
  }
  if (options.changed !== true) return read;
  // with `changed`: also the tables it UPDATEs, DELETEs from or MERGEs into without reading them
  // elsewhere (`DELETE b FROM dbo.Base b JOIN …`), whose rows before it decide what it leaves
  const changed = [...footprint.changes].filter(([key]) => !footprint.creates.has(key) && !read.some((r) => r.key === key) && !emptied.has(key))
    .map(([key, r]) => ({ key, written: r.written, parts: r.parts, at: at(r.node), changedOnly: true }));
  // and the history table of a system-versioned table it changes, which SQL Server appends to
  for (const [key, h] of historyTablesChanged(scripts, footprint.changes)) {
    if (!read.some((r) => r.key === key) && !changed.some((c) => c.key === key)) changed.push({ key, written: h.parts.join('.'), parts: h.parts, at: at(h.node), changedOnly: true });
  }
  return [...read, ...changed];
}

/**
 * Declares the procedure's parameters and the variables declared outside the section, with
 * their start values. Returns the variables whose start value the scenario must give, with why.
 */
async function presetVariables(state: EmulatorState, frame: Frame, given: ReadonlyMap<string, string | null>, lines: readonly SectionLines[], setOutside: ReadonlyMap<string, DeclaredSetOutside>): Promise<{ unset: Map<string, string>; declaredAs: Map<string, { name: string; dataType: DataType }> }> {
  const proc = frame.procedure;
  // A section's frame is its procedure's (a trigger's frame has no parameters).
  const parameters = proc.kind === 'CreateTrigger' ? [] : proc.parameters;
  const unset = new Map<string, string>();
  const declaredAs = new Map<string, { name: string; dataType: DataType }>();
  for (const p of parameters) {
    const key = p.name.toLowerCase();
    const tableType = tableTypeOf(state, p);
    if (tableType !== undefined) {
      // A table-valued parameter is a table variable of its type: the scenario gives its rows as
      // `Given table @p:` (loaded into it like any Given table), never as a value.
      if (given.has(key)) throw new LegacyError('LEGACY_SECTION_INPUT', `the scenario gives ${p.name} as a value, but it is a table-valued parameter (${dataTypeText(p.dataType)})`, { hint: `give its rows as \`Given table ${p.name}:\` with the columns of its type` });
      await bindTableParameter(state, frame, p, tableType, {});
      continue;
    }
    declaredAs.set(key, { name: p.name, dataType: p.dataType });
    const type = declaredType(state, p.dataType);
    frame.variables.set(key, { type, duckType: duckTypeAt(state, p.dataType, type, p.name), value: null });
    const variable = { kind: 'Variable' as const, name: p.name, span: p.span };
    if (given.has(key)) await assignText(state, variable, given.get(key) ?? null, 'string', '', p.span, undefined, DATA_TEXT);
    else if (p.default !== undefined) await assignExpression(state, variable, p.default);
    else unset.set(key, `${p.name} is a parameter without a default`);
  }
  const inSection = (line: number): boolean => lines.some((r) => line >= r.start && line <= r.end);
  const before = statementsBefore(proc as Parameters<typeof statementsBefore>[0], lines);
  state.xactAbort = xactAbortBefore(before);
  await applySetOptionsBefore(state, before);
  // SET IDENTITY_INSERT outside the section (in housekeeping, around its INSERT): identity-insert.ts.
  const identityInsert: string[] = [];
  for (const s of proc.body) {
    walk(s, (n) => {
      if (n.kind === 'SetOption' && n.target !== undefined && !inSection(n.span.start.line)) identityInsert.push(n.target.parts.map((p) => p.name).join('.'));
      return undefined;
    });
  }
  state.identityInsertOutside = identityInsert;
  const assignedBefore = new Set<string>();
  for (const s of before) {
    if (s.kind === 'Declare') continue;
    // only a use that may assign counts: a variable earlier sections merely read keeps its DECLARE value
    walk(s, (n, parent) => { if (n.kind === 'Variable' && assignsVariable(n, parent)) assignedBefore.add(n.name.toLowerCase()); return undefined; });
  }
  const declares: Declare[] = [];
  for (const s of proc.body) walk(s, (n) => { if (n.kind === 'Declare' && !inSection(n.span.start.line)) declares.push(n); return undefined; });
  for (const d of declares) {
    // A DECLARE value reading a variable the section declares (`DECLARE @Days int = DATEDIFF(DAY,
    // @From, @To) + 1` outside a section holding `DECLARE @From …`) cannot be computed before it:
    // declared without it, that variable's start value is the scenario's to give.
    const early = initialValuesReadingUndeclared(frame, d);
    await executeStatement(state, early.size === 0 ? d : { ...d, declarations: d.declarations.map((x) => (early.has(x) ? { ...x, initialValue: undefined } : x)) });
    for (const decl of d.declarations) {
      if (decl.kind !== 'VariableDeclaration') continue;
      const key = decl.variable.name.toLowerCase();
      declaredAs.set(key, { name: decl.variable.name, dataType: decl.dataType });
      if (given.has(key)) await assignText(state, decl.variable, given.get(key) ?? null, 'string', '', decl.span, undefined, DATA_TEXT);
      else if (early.has(decl)) unset.set(key, `its DECLARE at line ${decl.span.start.line}, outside the section, reads ${early.get(decl)}, which the section declares`);
      else if (assignedBefore.has(key) && !parameters.some((p) => p.name.toLowerCase() === key)) unset.set(key, `statements before the section, outside it, may set ${decl.variable.name}`);
    }
  }
  // Declared by the section, set by another section before the section uses it (section-declared-inputs.ts).
  for (const [key, { declare, declaration, setBy }] of setOutside) {
    const name = declaration.variable.name;
    if (!given.has(key)) {
      throw inputError(frame.script, setBy, `the section declares ${name}, but line ${setBy.span.start.line}, outside the section, sets it before the section uses it: run alone, the section would read NULL`, `add \`Given parameter ${name}:<type> = <value>\` with the value it holds after line ${setBy.span.start.line}`);
    }
    await executeStatement(state, { ...declare, declarations: [{ ...declaration, initialValue: undefined }] });
    declaredAs.set(key, { name, dataType: declaration.dataType });
    await assignText(state, declaration.variable, given.get(key) ?? null, 'string', '', declaration.span, undefined, DATA_TEXT);
  }
  for (const key of given.keys()) {
    if (!frame.variables.has(key)) throw new LegacyError('LEGACY_SECTION_INPUT', `the scenario gives ${key}, which ${proc.name.parts.map((p) => p.name).join('.')} neither takes as a parameter nor declares`, { hint: 'remove the Given parameter or fix its name' });
  }
  return { unset, declaredAs };
}

/** The declarations of `d` whose DECLARE value reads a variable not declared yet (nor earlier in `d`): declaration -> that variable as written. */
function initialValuesReadingUndeclared(frame: Frame, d: Declare): Map<Declare['declarations'][number], string> {
  const out = new Map<Declare['declarations'][number], string>();
  const declaredHere = new Set<string>();
  for (const decl of d.declarations) {
    if (decl.kind !== 'VariableDeclaration') continue;
    let missing: string | undefined;
    if (decl.initialValue !== undefined) {
      walk(decl.initialValue, (n) => {
        if (missing === undefined && n.kind === 'Variable' && !frame.variables.has(n.name.toLowerCase()) && !declaredHere.has(n.name.toLowerCase())) missing = n.name;
        return undefined;
      });
    }
    if (missing !== undefined) out.set(decl, missing);
    declaredHere.add(decl.variable.name.toLowerCase());
  }
  return out;
}

/**
 * The rows of a view the caller asks for as an output (`record --from-data` gives a section the
 * rows of a view it reads as the statements before it leave the view's tables): read through the
 * view's query, as a SELECT of the procedure reads it; undefined when `out` names no view.
 */
async function viewRows(state: EmulatorState, out: string, taint: ReturnType<typeof taintOf>): Promise<SectionOutput | undefined> {
  const view = state.catalog.views.get(sectionTableKey(out));
  if (view === undefined || synonymTargetOf(view.definition) !== undefined) return undefined;
  const statement = parseScript(`SELECT * FROM ${view.definition.name.parts.map((p) => quoteTsql(p.name)).join('.')};`, { file: `<rows of the view ${out}>` }).batches[0]?.statements[0];
  if (statement === undefined) return undefined;
  const before = state.resultSets.length;
  await executeStatement(state, statement);
  await state.writes.flush();
  const rs = state.resultSets[before];
  const rows = rs?.table === undefined ? undefined : await readTable(state, rs.table, undefined);
  // the section's own result sets stay as they were
  state.resultSets.splice(before);
  return rows === undefined || !taint.resultSet(before) ? rows : { ...rows, notReproducible: taint.causes };
}

/** Every row of a DuckDB table, values as exact text. */
async function readTable(state: EmulatorState, sqlName: string, info: TableInfo | undefined): Promise<SectionOutput> {
  if (info !== undefined) refuseUnevaluatedOutput(info);
  const described = await state.session.describe(`SELECT * FROM ${sqlName} LIMIT 0`);
  // values as SQL Server writes them, the form a Given cell gives them in (section-output-text.ts)
  const select = described.columns.map((c) => outputColumnSql(c.name, c.type, info?.columns.find((x) => x.name === c.name)?.tsqlType));
  const rows = await state.session.allExact(`SELECT ${select.join(', ')} FROM ${sqlName}`);
  const columns = described.columns.map((c) => {
    const tsql = info?.columns.find((x) => x.name === c.name)?.tsqlType;
    return { name: c.name, duckType: c.type, bit: tsql?.name.toLowerCase() === 'bit' };
  });
  return { columns, rows: rows.map((r) => columns.map((c) => textOf(r[c.name]))) };
}

function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
