import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { listFiles, readSourceFile } from '../core';
import { buildScriptGraphs, collectTableCatalog, withCalleeEffects, type DataFlowGraph, type TableCatalog } from '../dataflow';
import { baseName, forEachStatement, isTempName, normalizeObjectName, parseScript, tablesInEffect as tsqlTablesInEffect, walk, type ObjectName, type ParsedScript } from '../tsql';
import { tableTriggers } from './table-triggers';
import { buildCatalog, catalogTables, outlineProcedures, proceduresInEffect, tableTypesOf, type ProcedureOutline } from './procedure-outline';
import type { CatalogTable, SpecCatalog } from './spec-model';
import { formatSpecName, parseSpecName, partSpellingIn, specNameKey } from './spec-names';
import { typedColumnsOf } from './node-columns';
import { withReadsThroughFunctions } from './reads-through-functions';
import { functionTables, scalarFunctionTypes, withFunctionTables } from './function-tables';
import { tableChangesOf } from './table-alterations';
import type { WorkspaceConfig } from './workspace-config';

/** Everything sections need to know about a workspace's legacy code. */
export interface WorkspaceAnalysis {
  readonly kind: 'workspace-analysis';
  readonly procedures: readonly ProcedureOutline[];
  readonly graphs: ReadonlyMap<string, DataFlowGraph>;
  readonly sources: ReadonlyMap<string, string>;
  readonly catalog: SpecCatalog;
}

/**
 * Parses every .sql under procedures/: procedure outlines (statements with lines), their
 * data-flow graphs, and a catalog of tables (CREATE TABLE scripts, #temp tables and table
 * variables the procedures declare) for typing and checking specs.
 */
export function analyzeWorkspace(config: WorkspaceConfig): WorkspaceAnalysis {
  const dir = join(config.root, config.paths.procedures);
  const files = existsSync(dir) ? listFiles([dir], ['.sql']) : [];
  const procedures: ProcedureOutline[] = [];
  const graphs = new Map<string, DataFlowGraph>();
  const sources = new Map<string, string>();
  const tables: CatalogTable[] = [];
  const scripts = files.map((file) => {
    const text = readSourceFile(file).text;
    return { file, text, script: parseScript(text, { file }) };
  });
  const tableCatalog = collectTableCatalog(scripts.map((s) => s.script), config.defaultSchema);
  const all: ProcedureOutline[] = [];
  const changes = tableChangesOf(scripts.map((s) => s.script));
  // one CREATE per table: the first, or the one after a DROP TABLE that rebuilt it (as analyze and the emulator read it)
  const tablesInEffect = tsqlTablesInEffect(scripts.map((s) => s.script), config.defaultSchema).creates;
  // a procedure's table-valued parameter is typed by a CREATE TYPE that is usually in another script
  const tableTypes = tableTypesOf(scripts.map((s) => s.script));
  for (const { file, text, script } of scripts) {
    all.push(...outlineProcedures(text, file, script));
    tables.push(...catalogTables(text, file, script, changes, tableTypes, tablesInEffect));
  }
  // One definition per procedure: the one in effect (an upgrade script's ALTER over its CREATE).
  procedures.push(...proceduresInEffect(all, scripts.map((s) => s.script)));
  const inEffect = new Set(procedures.map((o) => `${o.file}\n${o.lines.start}`));
  for (const { file, text, script } of scripts) {
    const mine = procedures.filter((o) => o.file === file);
    if (mine.length === 0) continue;
    for (const g of buildScriptGraphs(script, { defaultSchema: config.defaultSchema, catalog: tableCatalog })) {
      if (g.object.kind === 'procedure' && inEffect.has(`${file}\n${g.object.lines.start}`)) graphs.set(g.object.name, g);
    }
    for (const o of mine) sources.set(o.name, text);
  }
  // an EXEC of a procedure of the workspace reads and writes what the callee does: a section cut around it is given and expects those tables
  for (const graph of withCalleeEffects([...graphs.values()])) graphs.set(graph.object.name, graph);
  for (const [name, graph] of withReadsThroughFunctions(graphs, scripts.map((s) => s.script), config.defaultSchema)) graphs.set(name, graph);
  const names = declaredNames(scripts.map((s) => s.script), config.defaultSchema);
  const history = tableCatalog.history ?? new Map<string, string>();
  addHistoryTables(tables, names, history);
  const periods = periodColumns(scripts, history, config.defaultSchema);
  // a view or SELECT … INTO over a table-valued function copies the function's columns: typed by them
  const scalars = scalarFunctionTypes(scripts.map((s) => s.script), config.defaultSchema);
  const functions = functionTables(scripts, config.defaultSchema, tableCatalog, withFunctionTables(tables, [], procedures, scalars));
  addViewTables(tables, scripts, config.defaultSchema, tableCatalog, withFunctionTables(tables, functions, procedures, scalars), names);
  const unknownSynonymTargets = new Map<string, string>();
  const synonyms = addSynonymTables(tables, scripts.map((s) => s.script), config.defaultSchema, names, unknownSynonymTargets);
  const selectIntoOwn = addSelectIntoTables(tables, graphs, sources, withFunctionTables(tables, functions, procedures, scalars), names);
  addCallerTempTables(tables, graphs, sources, buildCatalog(tables, procedures), names);
  const triggers = tableTriggers(scripts.map((s) => s.script), config.defaultSchema, (file) => relative(config.root, file).split(sep).join('/'));
  return { kind: 'workspace-analysis', procedures, graphs, sources, catalog: { ...buildCatalog(tables, procedures, selectIntoOwn), names, periods, synonyms, unknownSynonymTargets, ...(triggers.size > 0 ? { triggers } : {}), ...(functions.length > 0 ? { functions: new Map(functions.map((f) => [f.name.toLowerCase(), f])) } : {}), ...(scalars.size > 0 ? { scalarFunctions: scalars } : {}) } };
}

const PERIOD = /PERIOD\s+FOR\s+SYSTEM_TIME\s*\(\s*(\[(?:[^\]]|\]\])+\]|\w+)\s*,\s*(\[(?:[^\]]|\]\])+\]|\w+)\s*\)/i;

/**
 * Tables a procedure creates with SELECT … INTO (no CREATE TABLE declares them): their columns as
 * the graph knows them, typed from the columns they copy (node-columns.ts) and spelled as the
 * procedure writes them, so a section's Given or Then of such a #temp table type-checks.
 */
function addSelectIntoTables(tables: CatalogTable[], graphs: ReadonlyMap<string, DataFlowGraph>, sources: ReadonlyMap<string, string>, catalog: SpecCatalog, names: Map<string, string>): CatalogTable[] {
  // A #temp table another procedure declares under the same name (#Work, #Weeks) is this procedure's own all the same.
  const ownOnly: CatalogTable[] = [];
  for (const [procedure, graph] of graphs) {
    const source = sources.get(procedure) ?? '';
    for (const step of graph.steps) {
      if (step.kind !== 'select-into') continue;
      for (const access of step.writes) {
        const node = graph.nodes.find((n) => n.id === access.node);
        if (node === undefined || (node.kind !== 'temp-table' && node.kind !== 'table')) continue;
        const key = node.name.toLowerCase();
        const taken = catalog.tables.has(key) || tables.some((t) => t.name.toLowerCase() === key);
        if (taken && (node.kind !== 'temp-table' || catalog.locals?.get(procedure)?.has(key) === true)) continue;
        const columns = typedColumnsOf(graph, catalog, node.id, node.columns, (c) => partSpellingIn(source, c), source);
        const table: CatalogTable = { kind: 'catalog-table', name: key, columns, ...(node.kind === 'temp-table' ? { procedure } : {}) };
        if (taken) ownOnly.push(table);
        else tables.push(table);
        if (!names.has(key)) names.set(key, formatSpecName(parseSpecName(node.label) ?? [node.label]));
      }
    }
  }
  return ownOnly;
}

/**
 * #temp tables a procedure reads that it never creates: the procedure that EXECs it made them
 * (temp tables are visible to the procedures a session calls). A section is given their rows
 * like a table's, so the catalog holds the columns the procedure uses, typed where the graph
 * tells (else text), spelled as written.
 */
function addCallerTempTables(tables: CatalogTable[], graphs: ReadonlyMap<string, DataFlowGraph>, sources: ReadonlyMap<string, string>, catalog: SpecCatalog, names: Map<string, string>): void {
  // Procedures share names such as #stage or #work for tables of other columns: one entry
  // holds the columns every such procedure uses (the first type met for each).
  const found = new Map<string, CatalogTable['columns'][number][]>();
  for (const [procedure, graph] of graphs) {
    const source = sources.get(procedure) ?? '';
    for (const node of graph.nodes) {
      const key = node.name.toLowerCase();
      if (node.kind !== 'temp-table' || catalog.tables.has(key) || tables.some((t) => t.name.toLowerCase() === key)) continue;
      if (graph.steps.some((s) => (s.kind === 'create-table' || s.kind === 'select-into') && s.writes.some((w) => w.node === node.id))) continue;
      const columns = found.get(key) ?? [];
      for (const c of typedColumnsOf(graph, catalog, node.id, node.columns, (x) => partSpellingIn(source, x), source)) {
        if (!columns.some((x) => x.name.toLowerCase() === c.name.toLowerCase())) columns.push(c);
      }
      found.set(key, columns);
      if (!names.has(key)) names.set(key, node.label);
    }
  }
  for (const [key, columns] of found) tables.push({ kind: 'catalog-table', name: key, columns });
}

/**
 * Views of the scripts, as the tables a procedure reads: a section that reads a view is given
 * the view's rows (the emulator and the drafts read it as an input, as SQL Server gives the
 * procedure its result), so the catalog holds its columns, typed from the columns of the tables
 * its query reads, spelled as the view writes them. Without it a proposed `Given table` of a
 * view failed the proposal's own check. A name a CREATE TABLE also uses keeps the table.
 */
function addViewTables(tables: CatalogTable[], scripts: readonly { text: string; script: ParsedScript }[], defaultSchema: string, tableCatalog: TableCatalog, catalog: SpecCatalog, names: Map<string, string>): void {
  for (const { text, script } of scripts) {
    if (!script.batches.some((b) => b.statements.some((st) => st.kind === 'CreateView'))) continue;
    for (const graph of buildScriptGraphs(script, { defaultSchema, catalog: tableCatalog })) {
      const key = graph.object.name.toLowerCase();
      if (graph.object.kind !== 'view' || tables.some((t) => t.name.toLowerCase() === key)) continue;
      const result = graph.nodes.filter((n) => n.kind === 'result-set').pop();
      if (result === undefined) continue;
      tables.push({ kind: 'catalog-table', name: key, columns: typedColumnsOf(graph, catalog, result.id, result.columns, (c) => partSpellingIn(text, c), text) });
      if (!names.has(key)) names.set(key, formatSpecName(parseSpecName(graph.object.displayName) ?? [graph.object.displayName]));
    }
  }
}

/**
 * Synonyms of the scripts' tables and views (`CREATE SYNONYM dbo.Cust FOR Sales.Customer`), as
 * the tables a procedure reads through them: a section that reads `dbo.Cust` is given the rows
 * its target holds under the name the procedure writes (the emulator reads the synonym as a view
 * of its target), so the catalog holds the target's columns, spelled as the synonym's CREATE
 * writes its name. Without it a proposed `Given table dbo.Cust` failed the proposal's own check.
 */
function addSynonymTables(tables: CatalogTable[], scripts: readonly ParsedScript[], defaultSchema: string, names: Map<string, string>, unknown: Map<string, string>): Map<string, string> {
  const synonyms = new Map<string, string>();
  for (const script of scripts) {
    forEachStatement(script, (st) => {
      if (st.kind !== 'CreateOther' || st.objectType.toUpperCase() !== 'SYNONYM' || st.target === undefined) return;
      const key = normalizeObjectName(st.name, defaultSchema);
      const target = tables.find((t) => t.name.toLowerCase() === normalizeObjectName(st.target as ObjectName, defaultSchema));
      // a synonym for a table no script creates (another database's): check names the target in its hint
      if (target === undefined && !unknown.has(key)) unknown.set(key, formatSpecName((st.target as ObjectName).parts.map((p) => p.name)));
      if (target === undefined || tables.some((t) => t.name.toLowerCase() === key)) return;
      tables.push({ kind: 'catalog-table', name: key, columns: target.columns.map(({ computed: _computed, ...c }) => c) });
      synonyms.set(key, target.name.toLowerCase());
      if (!names.has(key)) names.set(key, formatSpecName(st.name.parts.length === 1 ? [defaultSchema, st.name.parts[0]?.name ?? ''] : st.name.parts.map((p) => p.name)));
    });
  }
  return synonyms;
}

/** The period columns of each system-versioned table (its CREATE TABLE's PERIOD FOR SYSTEM_TIME), for it and its history table. */
function periodColumns(scripts: readonly { text: string; script: ParsedScript }[], history: ReadonlyMap<string, string>, defaultSchema: string): Map<string, { start: string; end: string; partner: string }> {
  const out = new Map<string, { start: string; end: string; partner: string }>();
  const unbracket = (x: string): string => (x.startsWith('[') ? x.slice(1, -1).replace(/]]/g, ']') : x);
  for (const { text, script } of scripts) {
    for (const batch of script.batches) {
      for (const top of batch.statements) {
        walk(top, (n) => {
          if (n.kind !== 'CreateTable' || isTempName(n.name)) return;
          const key = normalizeObjectName(n.name, defaultSchema);
          const written = history.get(key);
          const m = PERIOD.exec(text.slice(n.span.start.offset, n.span.end.offset));
          if (written === undefined || m === null || out.has(key)) return;
          const [start, end] = [unbracket(m[1] as string), unbracket(m[2] as string)];
          out.set(key, { start, end, partner: written.toLowerCase() });
          out.set(written.toLowerCase(), { start, end, partner: key });
        });
      }
    }
  }
  return out;
}

/**
 * The history table of each system-versioned table, when no script creates it: SQL Server
 * creates it with the current table's columns (`HISTORY_TABLE = Sales.[Customer History]` names
 * it), and a query `FOR SYSTEM_TIME …` reads both, so a spec gives both.
 */
function addHistoryTables(tables: CatalogTable[], names: Map<string, string>, history: ReadonlyMap<string, string>): void {
  for (const [current, written] of history) {
    const key = written.toLowerCase();
    const table = tables.find((t) => t.name.toLowerCase() === current);
    if (table === undefined || tables.some((t) => t.name.toLowerCase() === key)) continue;
    tables.push({ kind: 'catalog-table', name: key, columns: table.columns });
    if (!names.has(key)) names.set(key, formatSpecName(written.split('.')));
  }
}

/**
 * The spelling people read for each declared table: as its CREATE TABLE (or DECLARE @t TABLE)
 * writes it, in spec form, keyed like the catalog (`dimension.stock item` ->
 * `Dimension.[Stock Item]`). The first declaration wins.
 */
function declaredNames(scripts: readonly ParsedScript[], defaultSchema: string): Map<string, string> {
  const names = new Map<string, string>();
  const add = (key: string, parts: readonly string[]): void => { if (!names.has(key)) names.set(key, formatSpecName(parts)); };
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const top of batch.statements) {
        walk(top, (n) => {
          if (n.kind === 'CreateTable') {
            if (isTempName(n.name)) add(baseName(n.name).toLowerCase(), [baseName(n.name)]);
            else add(normalizeObjectName(n.name, defaultSchema), n.name.parts.map((p) => p.name));
          } else if (n.kind === 'TableVariableDeclaration') add(n.variable.name.toLowerCase(), [n.variable.name]);
        });
      }
    }
  }
  return names;
}

/**
 * Finds a procedure by name, any case: as T-SQL writes it (`Integration.[Load Stock Item]`,
 * `usp_X` for `dbo.usp_X`), without brackets (`Integration.Load Stock Item`) or by the folder
 * of its specs (`Integration.Load_Stock_Item`).
 */
export function findProcedure(analysis: WorkspaceAnalysis, name: string): ProcedureOutline | undefined {
  return findOutline(analysis.procedures, name);
}

/** {@link findProcedure} over a list of outlines. */
export function findOutline(procedures: readonly ProcedureOutline[], name: string): ProcedureOutline | undefined {
  const wanted = specNameKey(name);
  const lower = name.trim().toLowerCase();
  return procedures.find((p) => p.name === wanted)
    ?? procedures.find((p) => p.folder.toLowerCase() === lower || p.displayName.toLowerCase() === lower);
}
