import type { Diagnostic } from '../core';
import { sortDiagnostics, toJsonDiagnostic } from '../core';
import type { ParsedScript } from '../tsql';
import { countStatements, parseScript } from '../tsql';
import { buildGraph } from './build-graph';
import { markDuplicateDefinitions, type DefinedGraph } from './duplicate-definitions';
import type { DataFlowGraph } from './graph';
import { splitObjects, type AnalysisUnit } from './object-units';
import { isEmptySummary, summarizeObject, type ObjectSummary } from './object-summary';
import { schemaScriptOf, type SchemaScript } from './schema-script';
import { collectTableCatalog } from './table-catalog';

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

/**
 * Analyses a set of T-SQL sources: parses every file, learns the permanent tables' columns
 * (CREATE TABLE scripts) and the procedures of the set (so EXECs link), then builds one graph
 * per procedure, function, trigger and view, plus one per file for top-level code when the
 * file has no objects or its top-level code touches data. A file of table definitions only is
 * a schema script, not an object. Pure: no I/O.
 */
export function analyzeSources(sources: readonly SourceText[], options: AnalyzeOptions = {}): AnalysisResult {
  const defaultSchema = options.defaultSchema ?? 'dbo';
  const scripts: (ParsedScript | undefined)[] = sources.map((s, i) => {
    const parsed = parseScript(s.text, { file: s.file });
    options.onParsed?.(i + 1, sources.length, s.file);
    return parsed;
  });
  const parsedScripts = scripts as ParsedScript[];
  const catalog = collectTableCatalog(parsedScripts, defaultSchema);
  const units: ({ parsed: ParsedScript; objects: AnalysisUnit[]; loose: AnalysisUnit | undefined } | undefined)[] = parsedScripts.map((parsed) => {
    const split = splitObjects(parsed, defaultSchema);
    return { parsed, objects: split.objects, loose: split.script };
  });
  const knownProcedures = new Set(units.flatMap((u) => u?.objects.filter((o) => o.objectKind === 'procedure').map((o) => o.name) ?? []));
  const defined: DefinedGraph[] = [];
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
    scripts[i] = undefined;
    const { parsed: script, objects, loose } = unit;
    const options = { defaultSchema, catalog, knownProcedures };
    const fileGraphs = objects.map((u) => buildGraph(u, script, options));
    defined.push(...fileGraphs.map((graph, k) => ({ graph, verb: objects[k]?.verb })));
    const schema = loose ? schemaScriptOf(script.file, loose.statements) : undefined;
    if (schema) schemaScripts.push(schema);
    else if (loose) {
      const g = buildGraph(loose, script, options);
      if (objects.length === 0 || !isEmptySummary(summarizeObject(g))) {
        fileGraphs.push(g);
        defined.push({ graph: g, verb: undefined });
      }
    }
    details.push(...fileGraphs.map(summarizeObject));
    diagnostics.push(...script.diagnostics);
    for (const g of fileGraphs) diagnostics.push(...g.diagnostics.filter((d) => !d.code.startsWith('TSQL')));
    const counts = countStatements(script);
    files.push({ file: script.file, lines: script.lineCount, statements: counts.statements, unparsed: counts.unparsed, unparsedLines: counts.unparsedLines, objects: fileGraphs.map((g) => g.object.name) });
  }
  const { graphs, diagnostics: duplicates } = markDuplicateDefinitions(defined);
  const sorted = sortDiagnostics([...diagnostics, ...duplicates]);
  const sum = (f: (x: FileAnalysis) => number): number => files.reduce((n, x) => n + f(x), 0);
  return {
    graphs,
    schemaScripts,
    files,
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
