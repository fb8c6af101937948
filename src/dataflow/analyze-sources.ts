import type { Diagnostic } from '../core';
import { sortDiagnostics, toJsonDiagnostic } from '../core';
import type { ParsedScript } from '../tsql';
import { countStatements, droppedAtEnd, dropLinesAtEnd, parseScript } from '../tsql';
import { buildGraph } from './build-graph';
import { withCalleeEffects } from './callee-effects';
import { droppedObjectsOf, markDuplicateDefinitions, verbsAfterDrops, type DefinedGraph } from './duplicate-definitions';
import type { DataFlowGraph } from './graph';
import { splitObjects, type AnalysisUnit } from './object-units';
import { isEmptySummary, summarizeObject, type ObjectSummary } from './object-summary';
import { schemaScriptOf, type SchemaScript } from './schema-script';
import { catalogEntriesOf, mergeTableCatalog, type CatalogEntries } from './table-catalog';
import type { TableCatalog } from './build-graph';
import type { ColumnFinding } from './missing-columns';
import { missingColumnDiagnostics, type ObjectColumnFindings } from './missing-column-report';
import { repeatedBatchDiagnostics } from './repeated-batches';

/** One decoded source file to analyse; `file` is the path shown in reports and diagnostics. */
export interface SourceText {
  readonly file: string;
  readonly text: string;
}

/** Per-file counts for the readable report. */
export interface FileAnalysis {
  readonly file: string;
  readonly lines: number;
  readonly statements: number;
  readonly unparsed: number;
  readonly unparsedLines: number;
  readonly objects: readonly string[];
}

/** The `migrate analyze --json` object (DESIGN.md contract), field for field. */
export interface AnalyzeJson {
  readonly files: number;
  readonly objects: number;
  readonly statements: number;
  readonly unparsed: number;
  readonly lines: number;
  readonly unparsedLines: number;
  readonly diagnostics: readonly ReturnType<typeof toJsonDiagnostic>[];
  readonly objectsDetail: readonly ObjectSummary[];
}

/** Everything one analysis produced: graphs to render, per-file figures, the JSON report. */
export interface AnalysisResult {
  readonly graphs: readonly DataFlowGraph[];
  /** Files of table definitions only (CREATE TABLE, indexes, constraints, properties): schema, no object. */
  readonly schemaScripts: readonly SchemaScript[];
  readonly files: readonly FileAnalysis[];
  readonly diagnostics: readonly Diagnostic[];
  readonly json: AnalyzeJson;
}

/** Options of an analysis run. */
export interface AnalyzeOptions {
  readonly defaultSchema?: string;
  /** Called after each file is parsed (progress reporting). */
  readonly onParsed?: (done: number, total: number, file: string) => void;
}

/** One parsed file cut into the units it defines (see {@link splitScript}). */
export interface ScriptUnits {
  readonly parsed: ParsedScript;
  readonly objects: readonly AnalysisUnit[];
  readonly loose: AnalysisUnit | undefined;
}

/** Cuts a parsed file into its objects and its top-level code (splitObjects, kept with the tree). */
export function splitScript(parsed: ParsedScript, defaultSchema: string): ScriptUnits {
  const split = splitObjects(parsed, defaultSchema);
  return { parsed, objects: split.objects, loose: split.script };
}

/** What every file's graphs need to know of the whole set of files. */
export interface SetContext {
  readonly defaultSchema: string;
  readonly catalog: TableCatalog;
  readonly knownProcedures: ReadonlySet<string>;
}

/** Everything one file contributes to an analysis. */
export interface FileOutcome {
  /** Its graphs (objects, then the top-level code when it counts), with how each was defined. */
  readonly defined: readonly DefinedGraph[];
  readonly schemaScript: SchemaScript | undefined;
  readonly details: readonly ObjectSummary[];
  /** The parser's diagnostics and the graphs' own (not sorted). */
  readonly diagnostics: readonly Diagnostic[];
  readonly file: FileAnalysis;
  /** Columns its objects give tables that lack them (reported for the objects in effect: missingColumnDiagnostics). */
  readonly columnFindings: readonly ObjectColumnFindings[];
}

/**
 * Builds the graphs of one file against the context of the whole set: one per object, plus one
 * for its top-level code when the file has no objects or that code touches data; a file of table
 * definitions only is a schema script instead. Pure; the same for every caller (one thread or
 * several), so their outputs agree byte for byte.
 */
export function analyzeFile(unit: ScriptUnits, context: SetContext): FileOutcome {
  const { parsed: script, objects, loose } = unit;
  const columnFindings: ObjectColumnFindings[] = [];
  const fileGraphs = objects.map((u, k) => {
    const findings: ColumnFinding[] = [];
    const graph = buildGraph(u, script, { defaultSchema: context.defaultSchema, catalog: context.catalog, knownProcedures: context.knownProcedures, columnFindings: findings });
    if (findings.length > 0) columnFindings.push({ object: k, kind: u.objectKind, displayName: u.displayName, file: u.file, findings });
    return graph;
  });
  const defined: DefinedGraph[] = fileGraphs.map((graph, k) => ({ graph, verb: objects[k]?.verb }));
  const schemaScript = loose ? schemaScriptOf(script.file, loose.statements) : undefined;
  if (loose && !schemaScript) {
    const g = buildGraph(loose, script, context);
    if (objects.length === 0 || !isEmptySummary(summarizeObject(g))) {
      fileGraphs.push(g);
      defined.push({ graph: g, verb: undefined });
    }
  }
  const diagnostics: Diagnostic[] = [...script.diagnostics, ...repeatedBatchDiagnostics(script)];
  for (const g of fileGraphs) for (const d of g.diagnostics) if (!d.code.startsWith('TSQL')) diagnostics.push(d);
  const counts = countStatements(script);
  return {
    defined,
    schemaScript,
    details: fileGraphs.map(summarizeObject),
    diagnostics,
    file: { file: script.file, lines: script.lineCount, statements: counts.statements, unparsed: counts.unparsed, unparsedLines: counts.unparsedLines, objects: fileGraphs.map((g) => g.object.name) },
    columnFindings,
  };
}

/** The set's context from its files' units: the merged table catalog and the procedures defined
 * (`entries`: the files' catalog entries, when the caller has them already). */
export function setContextOf(units: readonly ScriptUnits[], defaultSchema: string, entries: readonly CatalogEntries[] = units.map((u) => catalogEntriesOf(u.parsed, defaultSchema))): SetContext {
  return {
    defaultSchema,
    catalog: mergeTableCatalog(entries),
    knownProcedures: new Set(units.flatMap((u) => u.objects.filter((o) => o.objectKind === 'procedure').map((o) => o.name))),
  };
}

/**
 * The analysis figures of a whole set from its files' outcomes, in file order: the contract's
 * JSON object and the sorted diagnostics (the files' own, then `extra`, e.g. duplicate definitions).
 */
export function summarizeAnalysis(files: readonly FileAnalysis[], details: readonly ObjectSummary[], diagnostics: readonly Diagnostic[], extra: readonly Diagnostic[]): { diagnostics: Diagnostic[]; json: AnalyzeJson } {
  const sorted = sortDiagnostics([...diagnostics, ...extra]);
  const sum = (f: (x: FileAnalysis) => number): number => files.reduce((n, x) => n + f(x), 0);
  return {
    diagnostics: sorted,
    json: {
      files: files.length,
      objects: details.length,
      statements: sum((f) => f.statements),
      unparsed: sum((f) => f.unparsed),
      lines: sum((f) => f.lines),
      unparsedLines: sum((f) => f.unparsedLines),
      diagnostics: sorted.map(toJsonDiagnostic),
      objectsDetail: details,
    },
  };
}

/**
 * Analyses a set of T-SQL sources: parses every file, learns the permanent tables' columns
 * (CREATE TABLE scripts) and the procedures of the set (so EXECs link), then builds one graph
 * per procedure, function, trigger and view, plus one per file for top-level code when the
 * file has no objects or its top-level code touches data. A file of table definitions only is
 * a schema script, not an object. Pure: no I/O.
 */
export function analyzeSources(sources: readonly SourceText[], options: AnalyzeOptions = {}): AnalysisResult {
  const defaultSchema = options.defaultSchema ?? 'dbo';
  const units: (ScriptUnits | undefined)[] = sources.map((s, i) => {
    const parsed = parseScript(s.text, { file: s.file });
    options.onParsed?.(i + 1, sources.length, s.file);
    return splitScript(parsed, defaultSchema);
  });
  // an earlier file's DROP makes a later file's plain CREATE the definition in effect
  const verbs = verbsAfterDrops(units.map((u) => ({ objects: (u as ScriptUnits).objects.map((o) => ({ kind: o.objectKind, name: o.name, verb: o.verb })), droppedAtEnd: droppedAtEnd((u as ScriptUnits).parsed) })));
  units.forEach((u, i) => {
    if (u === undefined || u.objects.every((o, k) => o.verb === verbs[i]?.[k])) return;
    units[i] = { ...u, objects: u.objects.map((o, k) => ({ ...o, verb: verbs[i]?.[k] ?? o.verb })) };
  });
  // an object a later file drops with no definition after it is not in the database
  const gone = droppedObjectsOf(units.map((u, i) => ({ file: (sources[i] as SourceText).file, objects: (u as ScriptUnits).objects.map((o) => ({ kind: o.objectKind, name: o.name, verb: o.verb })), dropLines: dropLinesAtEnd((u as ScriptUnits).parsed) })));
  const entries = units.map((u, i) => ({ file: (sources[i] as SourceText).file, catalog: catalogEntriesOf((u as ScriptUnits).parsed, defaultSchema) }));
  const context = setContextOf(units as ScriptUnits[], defaultSchema, entries.map((e) => e.catalog));
  const defined: DefinedGraph[] = [];
  // each object's column findings, with its place in `defined` (to drop those not in effect)
  const findings: (ObjectColumnFindings & { readonly at: number })[] = [];
  const details: ObjectSummary[] = [];
  const files: FileAnalysis[] = [];
  const diagnostics: Diagnostic[] = [];
  const schemaScripts: SchemaScript[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (!unit) continue;
    // Each syntax tree is dropped once its graphs are built, so peak memory holds the graphs,
    // not every file's tree.
    units[i] = undefined;
    const outcome = analyzeFile(unit, context);
    for (const f of outcome.columnFindings) findings.push({ ...f, at: defined.length + f.object });
    defined.push(...outcome.defined);
    if (outcome.schemaScript) schemaScripts.push(outcome.schemaScript);
    details.push(...outcome.details);
    diagnostics.push(...outcome.diagnostics);
    files.push(outcome.file);
  }
  const marked = markDuplicateDefinitions(defined, gone);
  const inEffect = findings.filter((f) => marked.graphs[f.at]?.object.duplicate?.current !== false);
  const columns = missingColumnDiagnostics(entries, inEffect, context.catalog);
  // EXECs carry their callees' tables once every procedure of the set has its graph (the
  // contract's objectsDetail, summarised per file above, keeps each object's own statements)
  const graphs = withCalleeEffects(marked.graphs);
  const summary = summarizeAnalysis(files, details, diagnostics, [...marked.diagnostics, ...columns]);
  return { graphs, schemaScripts, files, ...summary };
}
