import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SectionsError, writeFileAtomic } from '../core';
import type { DataFlowGraph } from '../dataflow';
import { typedColumnsOf, type TypedColumn } from './node-columns';
import { parseFeature } from './parse-feature';
import { loadSpecs, throwIfProblems } from './load-specs';
import { carriedVariables, readerRuns } from './carried-values';
import { renderSectionTest, renderTransformStub, type StubInfo } from './scaffold-templates';
import { moduleSpecifier, sectionPaths } from './scaffold-paths';
import { catalogFor, normalizeObjectName, type SectionSpec, type SpecCatalog } from './spec-model';
import { findSectionFile } from './section-lookup';
import type { WorkspaceConfig } from './workspace-config';

/** What `scaffold` did with each file. */
export interface ScaffoldResult {
  readonly transform: { readonly path: string; readonly action: 'created' | 'kept' };
  readonly test: { readonly path: string; readonly action: 'created' | 'kept' };
}

/** Resolves a section as the user names it (src/sections/section-lookup.ts) to its spec file. */
export function resolveSectionFile(config: WorkspaceConfig, section: string): string {
  return findSectionFile(config, section, (message, hint) => new SectionsError('SCAFFOLD_NO_SPEC', message, { hint }));
}

/** Union of a table's columns over all scenarios (first type wins, but over a `text?`: that is
 * what propose writes where it knew no type, and a scenario recorded later has the legacy run's). */
function specColumns(spec: SectionSpec, name: string, side: 'given' | 'then'): TypedColumn[] {
  const cols = new Map<string, TypedColumn>();
  const untyped = (c: TypedColumn | undefined): boolean => c !== undefined && c.type.base === 'text' && c.type.nullable;
  for (const sc of spec.scenarios) {
    const tables = side === 'given' ? sc.inputs : sc.expected.map((e) => e.table);
    for (const t of tables.filter((x) => normalizeObjectName(x.name) === normalizeObjectName(name))) {
      for (const c of t.columns) {
        const seen = cols.get(c.name.toLowerCase());
        if (seen === undefined || (untyped(seen) && c.type.base !== 'text')) cols.set(c.name.toLowerCase(), { name: seen?.name ?? c.name, type: c.type });
      }
    }
  }
  return [...cols.values()];
}

/** `first`, then the columns of `more` it lacks (names compared case-insensitively). */
function unionColumns(first: readonly TypedColumn[], more: readonly TypedColumn[]): TypedColumn[] {
  const seen = new Set(first.map((c) => c.name.toLowerCase()));
  return [...first, ...more.filter((c) => !seen.has(c.name.toLowerCase()))];
}

/**
 * The columns a transform declares for one of its tables. The output: every column of its
 * CREATE TABLE (permanent, #temp, table variable) with the DDL's types, or of its SELECT … INTO
 * as the graph knows it, then any the spec adds. An input: the spec's columns, then those the
 * section's statements read (typed from the DDL or the column they copy).
 */
function tableColumns(spec: SectionSpec, name: string, side: 'given' | 'then', catalog: SpecCatalog | undefined, graph: DataFlowGraph | undefined): TypedColumn[] {
  const fromSpec = specColumns(spec, name, side);
  const node = graph?.nodes.find((n) => n.name.toLowerCase() === normalizeObjectName(name) || (n.kind === 'result-set' && normalizeObjectName(name) === 'dbo.result'));
  const declared = catalog?.tables.get(normalizeObjectName(name))?.columns ?? [];
  if (side === 'then') {
    const known = declared.length > 0 || !graph || !node || !catalog ? declared : node.kind === 'result-set' ? [] : typedColumnsOf(graph, catalog, node.id, node.columns);
    // a column the catalog only guessed (`text?` of a SELECT … INTO it cannot type) takes the
    // spec's type: the Then rows were recorded from the legacy run, whose type it is
    const typed = known.map((c) => (c.guessed === true ? fromSpec.find((x) => x.name.toLowerCase() === c.name.toLowerCase()) ?? c : c));
    return unionColumns(typed, fromSpec);
  }
  if (!graph || !node || !catalog) return fromSpec.length > 0 ? fromSpec : [...declared];
  const steps = graph.steps.filter((st) => spec.lines.some((r) => st.lines.start >= r.start && st.lines.start <= r.end));
  const read = [...new Set(steps.flatMap((st) => st.reads.filter((a) => a.node === node.id).flatMap((a) => a.columns)))];
  const all = read.includes('*') ? declared : typedColumnsOf(graph, catalog, node.id, read);
  return unionColumns(fromSpec, all);
}

/**
 * The permanent tables the section INSERTs into that no scenario gives (`--from-data` starts an
 * append-only table empty): the rows they held before the INSERT are still there after it, so
 * `migrate run` must read them from the data, or the pipeline's table would lose them. Declared
 * with the CREATE TABLE's stored columns (a computed one is computed, RUN_INPUT_COMPUTED).
 */
function appendedTables(spec: SectionSpec, graph: DataFlowGraph | undefined, catalog: SpecCatalog | undefined, given: readonly string[]): { name: string; columns: TypedColumn[] }[] {
  if (graph === undefined || catalog === undefined) return [];
  const have = new Set(given.map((n) => normalizeObjectName(n)));
  const out: { name: string; columns: TypedColumn[] }[] = [];
  for (const output of spec.outputs) {
    const key = normalizeObjectName(output);
    const node = graph.nodes.find((n) => n.kind === 'table' && n.name.toLowerCase() === key);
    const table = catalog.tables.get(key);
    if (have.has(key) || node === undefined || table === undefined) continue;
    const steps = graph.steps.filter((st) => spec.lines.some((r) => st.lines.start >= r.start && st.lines.start <= r.end));
    const inserts = steps.some((st) => st.kind === 'insert' && (st.modifies ?? []).includes(node.id));
    // a TRUNCATE or a DELETE of every row (a write that keeps no earlier row) empties it first
    const emptied = steps.some((st) => st.writes.some((w) => w.node === node.id) && !(st.modifies ?? []).includes(node.id) && (st.kind === 'truncate' || st.kind === 'delete'));
    if (inserts && !emptied) out.push({ name: output, columns: table.columns.filter((c) => c.computed === undefined).map((c) => ({ name: c.name, type: c.type })) });
  }
  return out;
}

/** Import specifiers for generated code: the config's library, this repository's src/, or the package's entry points. */
export function importSpecifiers(config: WorkspaceConfig, fromFile: string): { engine: string; sections: string } {
  if (config.library) {
    const lib = config.library.replace(/\/$/, '');
    const base = lib.startsWith('.') ? moduleSpecifier(fromFile, join(config.root, lib, 'x')).replace(/\/x$/, '') : lib;
    return { engine: `${base}/engine`, sections: `${base}/sections` };
  }
  const local = join(config.root, 'src', 'engine', 'index.ts');
  if (existsSync(local)) return { engine: moduleSpecifier(fromFile, local), sections: moduleSpecifier(fromFile, join(config.root, 'src', 'sections', 'index.ts')) };
  return { engine: 'tsql-migrate/engine', sections: 'tsql-migrate/sections' };
}

/**
 * Writes a section's typed transform stub and its jest test (never overwriting either). Input
 * and output declarations come from the spec's typed tables, completed from the catalog
 * (CREATE TABLE scripts); parameters from its Given steps. `renderTransform` replaces the stub's
 * text (`scaffold --draft` passes the drafter; it runs only when the transform does not exist).
 */
export async function scaffoldSection(
  config: WorkspaceConfig, section: string, workspaceCatalog?: SpecCatalog, graphs?: ReadonlyMap<string, DataFlowGraph>,
  options: { readonly renderTransform?: (info: StubInfo, spec: SectionSpec) => string } = {},
): Promise<ScaffoldResult> {
  const file = resolveSectionFile(config, section);
  const { spec, problems } = await parseFeature(readFileSync(file, 'utf8'), file, { ...(workspaceCatalog ? { catalog: workspaceCatalog } : {}), readFile: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined) });
  throwIfProblems(problems);
  const s = spec as SectionSpec;
  // the procedure's own #temp tables over another's of the same name
  const catalog = catalogFor(workspaceCatalog, s.procedure);
  const graph = graphs?.get(s.procedure);
  if (s.ignored) throw new SectionsError('SCAFFOLD_IGNORED', `${s.id} is @ignored: there is nothing to implement`, { hint: 'scaffold the sections that produce a table or metric' });
  const outputName = s.outputs[0] as string;
  const inputNames = [...new Map(s.scenarios.flatMap((sc) => sc.inputs).map((t) => [normalizeObjectName(t.name), t.name])).values()];
  const appended = appendedTables(s, graph, catalog, inputNames);
  const params = [...new Map(s.scenarios.flatMap((sc) => sc.params).map((p) => [p.name.toLowerCase(), { name: p.name, type: p.type }])).values()];
  const paths = sectionPaths(config.root, s.id, { sections: config.paths.sections, transforms: config.paths.transforms, tests: config.paths.tests });
  const fromTest = importSpecifiers(config, paths.test);
  const fromTransform = importSpecifiers(config, paths.transform);
  const lines = s.lines.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(',');
  // the values the section hands to later sections that run: declared, not implemented, so their
  // `Then value` steps fail until the transform computes them
  const siblings = graph === undefined ? [] : (await loadSpecs(join(config.root, config.paths.sections), catalog, s.procedureName ?? s.procedure)).specs;
  const stated = s.scenarios.flatMap((sc) => sc.scalars);
  const values = graph === undefined || s.lines.length === 0 ? [] : carriedVariables(graph, s.lines, readerRuns(siblings)).map((v) => {
    const step = stated.find((x) => x.name.replace(/^@/, '').toLowerCase() === v.name.replace(/^@/, '').toLowerCase());
    return { name: v.name, type: step?.type ?? v.type };
  });
  const info: StubInfo = {
    id: s.id, title: s.title, procedure: s.procedureName ?? s.procedure, lines,
    inputs: [...inputNames.map((n) => ({ name: n, columns: tableColumns(s, n, 'given', catalog, graph) })), ...appended],
    output: { name: outputName, columns: tableColumns(s, outputName, 'then', catalog, graph) },
    // the section's further tables (a MERGE's OUTPUT INTO audit table), expected by a scenario or
    // not: `migrate run` must write each for acceptance (a variable @output is a Then scalar, no table)
    moreOutputs: s.outputs.slice(1).filter((o) => !o.startsWith('@')).map((o) => ({ name: o, columns: tableColumns(s, o, 'then', catalog, graph) })),
    params, entity: s.entity, ...(values.length > 0 ? { values } : {}),
    engineImport: fromTransform.engine, sectionsImport: fromTest.sections,
    transformFromTest: moduleSpecifier(paths.test, paths.transform),
    rootFromTest: moduleSpecifier(paths.test, join(config.root, 'x')).replace(/\/x$/, '').replace(/^\.\/?$/, '.') || '.',
  };
  const write = (path: string, text: string): 'created' | 'kept' => {
    if (existsSync(path)) return 'kept';
    writeFileAtomic(path, text);
    return 'created';
  };
  const transform = existsSync(paths.transform) ? 'kept' : write(paths.transform, options.renderTransform ? options.renderTransform(info, s) : renderTransformStub(info));
  const test = write(paths.test, renderSectionTest({ ...info, engineImport: fromTest.engine }));
  return { transform: { path: paths.transform, action: transform }, test: { path: paths.test, action: test } };
}
