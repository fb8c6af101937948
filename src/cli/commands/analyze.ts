import { join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { displayPath, listFiles, readSourceFile, UsageError, writeGeneratedFile, type GeneratedWrite } from '../../core';
import { analyzeSources, type AnalysisResult, type DataFlowGraph } from '../../dataflow';
import { renderIndexMarkdown, renderObjectMarkdown, renderObjectMermaid, renderSvg, ReportWriter, serializeGraph, pageDiagrams, stackPageSvgs, type SectionMap } from '../../render';
import { loadSectionMaps } from '../section-maps';

import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { formatTable, paint, Progress } from '../output';
import type { ActionWrapper } from '../program';

/** Flags of `migrate analyze`, as commander hands them over. */
interface AnalyzeFlags {
  readonly out: string;
  readonly json?: boolean;
  readonly svg?: boolean;
  readonly defaultSchema: string;
  readonly force?: boolean;
  readonly root: string;
}

/** Files written, by outcome, so the summary can say what happened. */
type WriteLog = Map<GeneratedWrite, string[]>;

function record(log: WriteLog, outcome: GeneratedWrite, path: string): void {
  const list = log.get(outcome) ?? [];
  list.push(path);
  log.set(outcome, list);
}

/** A path from the output folder to the source file, with forward slashes, for report links. */
function sourceHref(outDir: string, file: string): string {
  return relative(resolve(outDir), resolve(file)).split(sep).join('/');
}

// writeGeneratedFile renders twice (a draft to hash, then the stamped file); rendering once
// with this placeholder and substituting the stamp halves the cost on large folders.
const PLACEHOLDER = 'tsql-migrate:generated sha256=0000000000000000';

function writeOutputs(result: AnalysisResult, flags: AnalyzeFlags, writer: ReportWriter, maps: ReadonlyMap<string, SectionMap>): Map<DataFlowGraph, string[]> {
  const mermaid = new Map<DataFlowGraph, string[]>();
  for (const g of result.graphs) {
    const base = join(flags.out, g.object.name);
    const sectionMap = maps.get(g.object.name);
    writer.write(`${base}.md`, renderObjectMarkdown(g, { stamp: PLACEHOLDER, sourceHref: sourceHref(flags.out, g.object.file), ...(sectionMap ? { sectionMap } : {}) }));
    const mmd = renderObjectMermaid(g, { stamp: PLACEHOLDER });
    writer.write(`${base}.mmd`, mmd);
    // Only --svg needs the diagrams again; keeping thousands of them otherwise grows the heap.
    if (flags.svg) mermaid.set(g, pageDiagrams(g, sectionMap));
    writer.write(`${base}.json`, serializeGraph(g, { stamp: PLACEHOLDER }));
  }
  writer.write(join(flags.out, 'index.md'), renderIndexMarkdown(result.graphs, { stamp: PLACEHOLDER }));
  return mermaid;
}

async function writeSvgs(mermaid: ReadonlyMap<DataFlowGraph, string[]>, flags: AnalyzeFlags, log: WriteLog): Promise<void> {
  const graphs = [...mermaid.keys()];
  // One browser run for every diagram of every page: mermaid's ids (diagram1, diagram2, …)
  // then differ between the diagrams stacked into one page's SVG.
  const pages = stackPageSvgs(graphs.map((g) => mermaid.get(g) ?? []), await renderSvg(graphs.flatMap((g) => mermaid.get(g) ?? [])));
  graphs.forEach((g, i) => {
    const path = join(flags.out, `${g.object.name}.svg`);
    // SVG has no room for a stamp line people would keep; the comment carries it.
    record(log, writeGeneratedFile(path, (stamp) => `<!-- ${stamp} -->\n${pages[i] ?? ''}\n`, flags.force), path);
  });
}

function printReport(result: AnalysisResult, log: WriteLog, flags: AnalyzeFlags): void {
  const out: string[] = [];
  const byFile = new Map<string, typeof result.diagnostics[number][]>();
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  for (const f of result.files) {
    const status = f.unparsed > 0 ? paint('red', `${f.unparsed} unparsed`) : paint('green', 'ok');
    out.push(`${paint('bold', f.file)}: ${f.objects.length} object${f.objects.length === 1 ? '' : 's'}, ${f.statements} statements, ${status}`);
    for (const d of byFile.get(f.file) ?? []) {
      const sev = d.severity === 'error' ? paint('red', 'error') : d.severity === 'warning' ? paint('yellow', 'warning') : 'info';
      out.push(`  ${d.file}:${d.line}:${d.column}: ${sev} ${d.code}: ${d.message}`);
    }
  }
  const details = new Map(result.json.objectsDetail.map((d) => [d.name, d]));
  const rows = result.graphs.map((g) => {
    const d = details.get(g.object.name);
    return [g.object.name, g.object.kind, String(g.summary.statements), String(g.summary.unparsed), g.complexity.grade,
      String(d?.reads.length ?? 0), String(d?.writes.length ?? 0), String(d?.temps.length ?? 0), String(d?.calls.length ?? 0)];
  });
  if (rows.length > 0) out.push('', formatTable(['object', 'kind', 'statements', 'unparsed', 'complexity', 'reads', 'writes', 'temps', 'calls'], rows));
  const j = result.json;
  const written = (log.get('created')?.length ?? 0) + (log.get('updated')?.length ?? 0);
  out.push('', `${j.files} file${j.files === 1 ? '' : 's'}, ${j.lines} lines, ${j.objects} object${j.objects === 1 ? '' : "s"}, ${j.statements} statement${j.statements === 1 ? '' : "s"}, `
    + `${j.unparsed > 0 ? paint('red', `${j.unparsed} unparsed (${j.unparsedLines} lines)`) : '0 unparsed'}; `
    + `${written} file${written === 1 ? '' : 's'} written to ${displayPath(flags.out)}/ (${log.get('unchanged')?.length ?? 0} unchanged)`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function reportKept(log: WriteLog): void {
  const kept = log.get('kept-edited') ?? [];
  if (kept.length === 0) return;
  process.stderr.write(`migrate analyze: kept ${kept.length} generated file${kept.length === 1 ? '' : 's'} that someone edited:\n`);
  for (const p of kept) process.stderr.write(`  ${displayPath(p)}\n`);
  process.stderr.write('  (run again with --force to overwrite them)\n');
}

/** The workspace's section maps; a workspace whose config or specs cannot be read still gets
 * its diagrams (without maps), with a warning saying why. */
async function sectionMapsOrNone(flags: AnalyzeFlags): Promise<ReadonlyMap<string, SectionMap>> {
  try {
    return await loadSectionMaps(flags.root, flags.out);
  } catch (err) {
    process.stderr.write(`migrate analyze: warning: no section maps: ${err instanceof Error ? err.message : String(err)}\n`);
    return new Map();
  }
}

async function analyzeCommand(paths: readonly string[], flags: AnalyzeFlags): Promise<number> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(flags.defaultSchema)) {
    throw new UsageError('USAGE_SCHEMA', `--default-schema must be a plain schema name, found '${flags.defaultSchema}'`, { hint: 'e.g. --default-schema dbo' });
  }
  const files = listFiles(paths, ['.sql']);
  if (files.length === 0) {
    throw new UsageError('IO_NO_SQL', `no .sql files found in ${paths.join(', ')}`, { hint: 'pass .sql files or folders that contain them' });
  }
  const progress = new Progress('analyze', files.length);
  const sources = files.map((f) => ({ file: displayPath(f), text: readSourceFile(f).text }));
  const result = analyzeSources(sources, { defaultSchema: flags.defaultSchema.toLowerCase(), onParsed: (done, _total, file) => progress.tick(done, file) });
  progress.done();
  const log: WriteLog = new Map();
  // Reports go to a writer thread while the next ones render (see ReportWriter).
  const writer = new ReportWriter(PLACEHOLDER, flags.force === true);
  // Pages of procedures that have sections start with their section map.
  const maps = await sectionMapsOrNone(flags);
  let mermaid: Map<DataFlowGraph, string[]>;
  try {
    mermaid = writeOutputs(result, flags, writer, maps);
    for (const w of await writer.finish()) record(log, w.outcome, w.path);
  } finally {
    writer.close();
  }
  if (flags.svg) await writeSvgs(mermaid, flags, log);
  reportKept(log);
  if (flags.json) process.stdout.write(`${JSON.stringify(result.json)}\n`);
  else printReport(result, log, flags);
  return result.json.unparsed > 0 ? EXIT_FAILED : EXIT_OK;
}

/** Registers `migrate analyze`: T-SQL files -> data-flow graphs, diagrams and reports. */
export function registerAnalyze(program: Command, run: ActionWrapper): void {
  program.command('analyze')
    .description('read T-SQL files and write data-flow graphs per procedure, function, trigger and view: <out>/<schema>.<name>.md (mermaid), .mmd, .json, and index.md')
    .argument('<paths...>', '.sql files or folders (searched recursively)')
    .option('--out <dir>', 'output folder', 'dataflow')
    .option('--json', 'print one JSON summary on stdout (files, objects, statements, unparsed, diagnostics, objectsDetail)')
    .option('--svg', 'also render each page\'s section map, overview and (when one) step diagram to <out>/<schema>.<name>.svg (needs Chromium)')
    .option('--root <dir>', 'workspace root, whose sections/ give the pages their section maps', '.')
    .option('--default-schema <name>', 'schema of names written without one', 'dbo')
    .option('--force', 'overwrite generated files even when someone edited them')
    .action(run((paths: string[], flags: AnalyzeFlags) => analyzeCommand(paths, flags)));
}
