import { mkdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { debuglog } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { bufferView, displayPath, isGeneratedText, listFiles, MigrateError, readSourceFile, removeOwnTemporaryFiles, renderGenerated, sortDiagnostics, toJsonDiagnostic, UsageError, writeGeneratedFile, type Diagnostic, type GeneratedWrite } from '../../core';
import { analyzeSources, type AnalysisResult, type DataFlowGraph, type SchemaScript, type SourceText } from '../../dataflow';
import { fileHref, indexEntryOf, pageDiagrams, renderIndexFromEntries, renderSvg, reportStems, ReportWriter, stackPageSvgs, type IndexEntry, type ReportOutcome, type SectionMap } from '../../render';
import { definitionKey, PLACEHOLDER, renderReportJson, renderReportMarkdown, renderReportMermaid } from '../analyze-reports';
import { analyzeOnThreads, analyzeThreadCount, MIN_BYTES_FOR_THREADS, startAnalyzeWorkers, ThreadFailure, type ThreadedAnalysis, type WorkerLink } from '../analyze-threads';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { countText, formatTable, paint, Progress } from '../output';
import type { ActionWrapper } from '../program';

/** Flags of `migrate analyze`, as commander hands them over. */
interface AnalyzeFlags {
  readonly out: string;
  readonly json?: boolean;
  readonly svg?: boolean;
  readonly defaultSchema: string;
  readonly force?: boolean;
  readonly check?: boolean;
  /** Internal (init): write the files, print nothing. */
  readonly quiet?: boolean;
  /** The workspace whose sections/ give pages their section maps (default: the current folder). */
  readonly root?: string;
}

/** A file's size in bytes (0 when it cannot be read: reading it reports why). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The size of `files` in all, or the first sum of their sizes to reach `enough` (a stat per
 * file costs ~5 µs: thousands of them while the workers wait to start). */
function bytesUpTo(files: readonly string[], enough: number): number {
  let bytes = 0;
  for (const f of files) {
    bytes += fileSize(f);
    if (bytes >= enough) break;
  }
  return bytes;
}

/** Files written, by outcome, so the summary can say what happened. */
type WriteLog = Map<GeneratedWrite, string[]>;

function record(log: WriteLog, outcome: GeneratedWrite, path: string): void {
  const list = log.get(outcome) ?? [];
  list.push(path);
  log.set(outcome, list);
}

/** Where each graph's reports go: `<out>/<stem>` (add `.md`, `.mmd`, `.json`, `.svg`). */
type ReportBases = ReadonlyMap<DataFlowGraph, string>;

/** The report base of every graph: safe, distinct file stems in the output folder. */
function reportBases(result: AnalysisResult, flags: AnalyzeFlags): ReportBases {
  const stems = reportStems(result.graphs);
  return new Map(result.graphs.map((g, i) => [g, join(flags.out, stems[i] as string)]));
}

function writeOutputs(result: AnalysisResult, flags: AnalyzeFlags, bases: ReportBases, writer: Pick<ReportWriter, 'write'>, maps: ReadonlyMap<string, SectionMap>): Map<DataFlowGraph, string[]> {
  const mermaid = new Map<DataFlowGraph, string[]>();
  // Reports of objects defined more than once link to each other's pages.
  const links = new Map<string, string>();
  for (const [g, base] of bases) if (g.object.duplicate) links.set(definitionKey(g.object.file, g.object.lines.start), fileHref(basename(base), '.md'));
  const entries: IndexEntry[] = [];
  for (const g of result.graphs) {
    const base = bases.get(g) as string;
    const sectionMap = maps.get(g.object.name);
    writer.write(`${base}.md`, renderReportMarkdown(g, flags.out, links, sectionMap));
    writer.write(`${base}.mmd`, renderReportMermaid(g));
    // Only --svg needs the diagrams again; keeping thousands of them otherwise grows the heap.
    if (flags.svg) mermaid.set(g, pageDiagrams(g, sectionMap));
    writer.write(`${base}.json`, renderReportJson(g));
    entries.push(indexEntryOf(g));
  }
  writer.write(indexPath(flags), renderIndex(entries, result.schemaScripts));
  return mermaid;
}

const indexPath = (flags: AnalyzeFlags): string => join(flags.out, 'index.md');

function renderIndex(entries: readonly IndexEntry[], schemaScripts: readonly SchemaScript[]): string {
  return renderIndexFromEntries(entries, { stamp: PLACEHOLDER, schemaScripts });
}

/** A report that could not be written: an error diagnostic at the object it describes (the
 * source file and line), or at the report itself for index.md. */
function writeFailure(path: string, error: unknown, owner: Pick<DataFlowGraph, 'object'> | undefined): Diagnostic {
  const reason = error instanceof MigrateError ? error.message : `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  // The path may hold the very characters that made the write fail: show them escaped.
  const message = `report not written: ${JSON.stringify(displayPath(path)).slice(1, -1)}: ${reason.replace(/^cannot write .*?: (?=[A-Z_]+$)/, '')}`;
  return owner === undefined
    ? { file: displayPath(path), line: 1, column: 1, severity: 'error', code: 'IO_WRITE', message }
    : { file: owner.object.file, line: owner.object.lines.start, column: 1, severity: 'error', code: 'IO_WRITE', message };
}

async function writeSvgs(mermaid: ReadonlyMap<DataFlowGraph, string[]>, flags: AnalyzeFlags, bases: ReportBases, log: WriteLog, failures: Diagnostic[]): Promise<void> {
  const graphs = [...mermaid.keys()];
  // One browser run for every diagram of every page: mermaid's ids (diagram1, diagram2, …)
  // then differ between the diagrams stacked into one page's SVG.
  const pages = stackPageSvgs(graphs.map((g) => mermaid.get(g) ?? []), await renderSvg(graphs.flatMap((g) => mermaid.get(g) ?? [])));
  graphs.forEach((g, i) => {
    const path = `${bases.get(g) as string}.svg`;
    try {
      // SVG has no room for a stamp line people would keep; the comment carries it.
      record(log, writeGeneratedFile(path, (stamp) => `<!-- ${stamp} -->\n${pages[i] ?? ''}\n`, flags.force), path);
    } catch (err) {
      failures.push(writeFailure(path, err, g));
    }
  });
}

/** A name for a terminal line: control characters (NUL, line breaks) written as `\u0000`
 * escapes, so one odd name cannot break the table. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function printReport(result: AnalysisReport, log: WriteLog, flags: AnalyzeFlags): void {
  const out: string[] = [];
  const byFile = new Map<string, typeof result.diagnostics[number][]>();
  for (const d of result.diagnostics) {
    const list = byFile.get(d.file) ?? [];
    list.push(d);
    byFile.set(d.file, list);
  }
  for (const f of result.files) {
    const unwritten = (byFile.get(f.file) ?? []).filter((d) => d.code === 'IO_WRITE').length;
    const status = f.unparsed > 0 ? paint('red', `${f.unparsed} unparsed`)
      : unwritten > 0 ? paint('red', `${unwritten} report${unwritten === 1 ? '' : 's'} not written`) : paint('green', 'ok');
    out.push(`${paint('bold', f.file)}: ${countText(f.objects.length, 'object')}, ${countText(f.statements, 'statement')}, ${status}`);
    for (const d of byFile.get(f.file) ?? []) {
      const sev = d.severity === 'error' ? paint('red', 'error') : d.severity === 'warning' ? paint('yellow', 'warning') : 'info';
      out.push(`  ${d.file}:${d.line}:${d.column}: ${sev} ${d.code}: ${d.message}`);
    }
  }
  const sources = new Set(result.files.map((f) => f.file));
  for (const d of result.diagnostics) if (!sources.has(d.file)) out.push(`${d.file}:${d.line}:${d.column}: ${paint('red', d.severity)} ${d.code}: ${d.message}`);
  // Each definition's own counts (an upgrade script's ALTER and the CREATE it replaces differ: the
  // details are per definition, in the same order as the objects), named as written: this table
  // is for people; --json keeps the contract's lower-case names.
  const rows = result.objects.map((g, i) => {
    const d = result.json.objectsDetail[i];
    const dup = g.object.duplicate;
    // the DUPLICATE_DEFINITION warning above names where each definition is
    const name = `${printable(g.object.displayName)}${dup === undefined || dup.current ? '' : dup.dropped !== undefined ? ' (dropped)' : ' (not in effect)'}`;
    return [name, g.object.kind, String(g.summary.statements), String(g.summary.unparsed), g.complexity.grade,
      String(d?.reads.length ?? 0), String(d?.writes.length ?? 0), String(d?.temps.length ?? 0), String(d?.calls.length ?? 0)];
  });
  if (rows.length > 0) out.push('', formatTable(['object', 'kind', 'statements', 'unparsed', 'complexity', 'reads', 'writes', 'temps', 'calls'], rows));
  const j = result.json;
  const written = (log.get('created')?.length ?? 0) + (log.get('updated')?.length ?? 0);
  out.push('', `${countText(j.files, 'file')}, ${countText(j.lines, 'line')}, ${countText(j.objects, 'object')}, ${countText(j.statements, 'statement')}, `
    + `${j.unparsed > 0 ? paint('red', `${j.unparsed} unparsed (${countText(j.unparsedLines, 'line')})`) : '0 unparsed'}; `
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

/** How a file in the output folder differs from what analyze would write now. */
export interface StaleFile {
  readonly path: string;
  readonly reason: 'missing' | 'changed' | 'orphaned';
}

/**
 * Compares the output folder with what analyze would write, writing nothing: files that are
 * missing, that differ (regenerated or edited by hand alike: the diagrams no longer show the
 * procedures), and generated files no object produces any more. SVGs are left out (they need a
 * browser to render and are not reviewed as text).
 */
export function findStaleOutputs(result: AnalysisResult, flags: AnalyzeFlags, maps: ReadonlyMap<string, SectionMap> = new Map()): { stale: StaleFile[]; checked: number } {
  const expected = new Map<string, string>();
  writeOutputs(result, { ...flags, svg: false }, reportBases(result, flags), {
    write: (path: string, body: string | Uint8Array) => {
      const text = typeof body === 'string' ? body : bufferView(body).toString('utf8');
      expected.set(resolve(path), renderGenerated((stamp) => text.split(PLACEHOLDER).join(stamp)));
    },
  }, maps);
  const stale: StaleFile[] = [];
  for (const [path, content] of expected) {
    if (!existsSync(path)) stale.push({ path, reason: 'missing' });
    else if (readFileSync(path, 'utf8') !== content) stale.push({ path, reason: 'changed' });
  }
  const outDir = resolve(flags.out);
  if (existsSync(outDir)) {
    for (const f of listFiles([outDir], ['.md', '.mmd', '.json'])) {
      if (!expected.has(resolve(f)) && isGeneratedText(readFileSync(f, 'utf8'))) stale.push({ path: resolve(f), reason: 'orphaned' });
    }
  }
  return { stale: stale.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), checked: expected.size };
}

function reportStale(stale: readonly StaleFile[], paths: readonly string[], flags: AnalyzeFlags, total: number): void {
  const out = displayPath(flags.out);
  if (stale.length === 0) {
    process.stderr.write(`${paint('green', 'ok', process.stderr)} ${out}/ is up to date (${total} file${total === 1 ? '' : 's'} checked)\n`);
    return;
  }
  const why = { missing: 'missing ', changed: 'changed ', orphaned: 'orphaned' } as const;
  process.stderr.write(`${paint('red', 'stale', process.stderr)} ${out}/: ${stale.length} file${stale.length === 1 ? '' : 's'} differ${stale.length === 1 ? 's' : ''} from what \`migrate analyze\` writes now:\n`);
  for (const f of stale) process.stderr.write(`  ${why[f.reason]} ${displayPath(f.path)}${f.reason === 'orphaned' ? ' (no object produces it any more)' : ''}\n`);
  process.stderr.write(`run \`migrate analyze ${paths.join(' ')} --out ${out}\` and commit the result\n`);
}

/** The workspace's section maps; a workspace whose config or specs cannot be read still gets
 * its diagrams (without maps), with a warning saying why. */
async function sectionMapsOrNone(flags: AnalyzeFlags): Promise<ReadonlyMap<string, SectionMap>> {
  try {
    // Loaded here, not when analyze starts: the sections modules (~130 of them, ~45 ms) would
    // otherwise hold back the start of the worker threads on a large set, whose own loading
    // is what they wait for first.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadSectionMaps } = require('../section-maps') as typeof import('../section-maps');
    return await loadSectionMaps(flags.root ?? '.', flags.out);
  } catch (err) {
    process.stderr.write(`migrate analyze: warning: no section maps: ${err instanceof Error ? err.message : String(err)}\n`);
    return new Map();
  }
}

/** What the summary and `--json` need of an analysis, however it ran (one thread or several). */
type AnalysisReport = Pick<AnalysisResult, 'files' | 'diagnostics' | 'json'> & { readonly objects: readonly Pick<IndexEntry, 'object' | 'summary' | 'complexity'>[] };

/** Creates the output folder, or fails as a usage error (exit 2). */
function makeOutputFolder(flags: AnalyzeFlags): void {
  try {
    mkdirSync(flags.out, { recursive: true });
  } catch (err) {
    throw new UsageError('IO_WRITE', `cannot create the output folder ${flags.out}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { hint: 'pass --out a folder you can write to' });
  }
}

/** Records write outcomes in the log, and those that failed as diagnostics at their objects. */
function recordOutcomes(outcomes: readonly ReportOutcome[], owners: ReadonlyMap<string, Pick<DataFlowGraph, 'object'>>, log: WriteLog, failures: Diagnostic[]): void {
  for (const w of outcomes) {
    if (w.outcome === 'failed') failures.push(writeFailure(w.path, w.error, owners.get(w.path)));
    else record(log, w.outcome, w.path);
  }
}

/**
 * V8's optimising compiler tuned for analyze, which runs a large body of code once over many
 * small inputs, so on a fresh process much of its CPU goes to warming up: the parse and graph
 * building of the benchmark corpus cost ~5 s of CPU cold and ~2 s warm on one thread.
 * - A smaller inlining budget: TurboFan spent ~5.6 s compiling for ~6 s of work, and each worker
 *   thread compiles for itself. Inlining less compiles far less for nearly the same speed of
 *   the compiled code (10-15% less CPU end to end).
 * - A smaller interrupt budget (8 KB of bytecode run instead of 66 KB before a function is
 *   considered for optimisation): the hot parser and graph code leaves the interpreter sooner
 *   (~10% less wall and CPU end to end; 4 KB gained no more).
 * - No inlining of array builtins with callbacks (map, filter, forEach, find, …) into optimised
 *   code: the code uses them everywhere, and inlining them made TurboFan's graphs large. The
 *   builder's compile time fell from ~2.4 s to ~1.6 s and its CPU by ~20-25%; ~8% less wall and
 *   CPU end to end.
 * Figures: BENCHMARKS.md. V8 reads both when it counts or compiles a function, so setting them
 * before the analysis code runs hot covers this thread and the workers started after. Set for
 * analyze only: long hot loops (the emulator) may gain from the defaults.
 */
function tuneCompilerForAnalyze(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=150');
  setFlagsFromString('--interrupt-budget=8192');
  setFlagsFromString('--no-turbo-inline-array-builtins');
}

/** Runs `migrate analyze` over `paths` with the given flags and returns its exit code. */
export async function analyzeCommand(paths: readonly string[], flags: AnalyzeFlags): Promise<number> {
  tuneCompilerForAnalyze();
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(flags.defaultSchema)) {
    throw new UsageError('USAGE_SCHEMA', `--default-schema must be a plain schema name, found '${flags.defaultSchema}'`, { hint: 'e.g. --default-schema dbo' });
  }
  const notDeployed: string[] = [];
  const files = listFiles(paths, ['.sql'], notDeployed);
  if (notDeployed.length > 0) {
    // Said once, on stderr: the reports and the JSON contract stay those of the files read.
    process.stderr.write(`migrate analyze: left out ${notDeployed.length} .sql file${notDeployed.length === 1 ? '' : 's'} that no <Build>, <PreDeploy> or <PostDeploy> item of the SSDT project (.sqlproj) above ${notDeployed.length === 1 ? 'it' : 'them'} deploys:\n`);
    for (const f of notDeployed) process.stderr.write(`  ${displayPath(f)}\n`);
  }
  if (files.length === 0) {
    throw new UsageError('IO_NO_SQL', `no .sql files found in ${paths.join(', ')}`, { hint: 'pass .sql files or folders that contain them' });
  }
  // Large sets are analysed on worker threads (the same files, byte for byte), started first so
  // they load while the files are read; --check and --svg, which need every graph at the end,
  // run on this thread.
  const threads = flags.check || flags.svg ? 0 : analyzeThreadCount(files.length, bytesUpTo(files, MIN_BYTES_FOR_THREADS));
  const workers = threads >= 2 ? startAnalyzeWorkers(threads) : [];
  let sources: SourceText[];
  try {
    sources = files.map((f) => ({ file: displayPath(f), text: readSourceFile(f).text }));
  } catch (err) {
    await Promise.all(workers.map((w) => w.close()));
    throw err;
  }
  if (workers.length >= 2) {
    const threaded = await analyzeOrNone(sources, flags, workers);
    if (threaded !== undefined) return finishThreaded(threaded, flags);
  }
  const progress = new Progress('analyze', files.length);
  const result = analyzeSources(sources, { defaultSchema: flags.defaultSchema.toLowerCase(), onParsed: (done, _total, file) => progress.tick(done, file) });
  progress.done();
  // Pages of procedures that have sections start with their section map.
  const maps = await sectionMapsOrNone(flags);
  if (flags.check) {
    const { stale, checked } = findStaleOutputs(result, flags, maps);
    if (flags.json) process.stdout.write(`${JSON.stringify(result.json)}\n`);
    reportStale(stale, paths, flags, checked);
    return stale.length > 0 || result.json.unparsed > 0 ? EXIT_FAILED : EXIT_OK;
  }
  makeOutputFolder(flags);
  const log: WriteLog = new Map();
  const bases = reportBases(result, flags);
  const owners = new Map<string, DataFlowGraph>();
  for (const [g, base] of bases) for (const ext of ['.md', '.mmd', '.json', '.svg']) owners.set(`${base}${ext}`, g);
  const failures: Diagnostic[] = [];
  // Reports go to a writer thread while the next ones render (see ReportWriter).
  const writer = new ReportWriter(PLACEHOLDER, flags.force === true);
  let mermaid: Map<DataFlowGraph, string[]>;
  try {
    mermaid = writeOutputs(result, flags, bases, writer, maps);
    recordOutcomes(await writer.finish(), owners, log, failures);
  } finally {
    writer.close();
  }
  if (flags.svg) await writeSvgs(mermaid, flags, bases, log, failures);
  return finishRun({ ...result, objects: result.graphs }, log, failures, flags);
}

// NODE_DEBUG=migrate-analyze says on stderr whether the worker threads did the run (the reports
// are the same either way, so nothing else tells; the e2e tests check that threads ran).
const trace = debuglog('migrate-analyze');

/** The threaded analysis, or undefined when a worker thread failed (the caller then runs the
 * whole analysis on this thread, which reports any failure the way it always has). */
async function analyzeOrNone(sources: readonly SourceText[], flags: AnalyzeFlags, workers: readonly WorkerLink[]): Promise<ThreadedAnalysis | undefined> {
  try {
    makeOutputFolder(flags);
  } catch (err) {
    await Promise.all(workers.map((w) => w.close()));
    throw err;
  }
  const progress = new Progress('analyze', sources.length);
  const signalsHandled = removeStagedOnSignal(workers, flags.out);
  try {
    const threaded = await analyzeOnThreads(sources, workers, {
      defaultSchema: flags.defaultSchema.toLowerCase(), out: flags.out, force: flags.force === true, sectionMaps: () => sectionMapsOrNone(flags),
      onParsed: (done, file) => progress.tick(done, file),
      afterAnalysis: () => progress.done(),
      renderIndex,
    });
    trace('analysed on %d worker threads', workers.length);
    return threaded;
  } catch (err) {
    // The workers are closed: remove the reports they staged and never named, so the run on
    // one thread (or the error) leaves the folder as it found it.
    removeOwnTemporaryFiles(flags.out);
    if (err instanceof ThreadFailure) {
      trace('a worker thread failed, analysing on this thread: %s', err.message);
      return undefined;
    }
    throw err;
  } finally {
    signalsHandled();
  }
}

/**
 * While the workers stage reports in the output folder (temporary files named when the set is
 * known), an interrupt (Ctrl-C) or TERM stops them and removes those files, then ends the
 * process by the same signal, as it would have ended without this handler. Returns the undo.
 */
function removeStagedOnSignal(workers: readonly WorkerLink[], out: string): () => void {
  const stop = (signal: NodeJS.Signals): void => {
    undo();
    void Promise.all(workers.map((w) => w.close())).finally(() => {
      removeOwnTemporaryFiles(out);
      process.kill(process.pid, signal);
    });
  };
  const undo = (): void => {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return undo;
}

/** Writes index.md after the workers wrote every object's reports, then reports as a
 * one-thread run does. */
async function finishThreaded(threaded: ThreadedAnalysis, flags: AnalyzeFlags): Promise<number> {
  const { stems } = threaded;
  const owners = new Map<string, IndexEntry>();
  threaded.objects.forEach((o, i) => { for (const ext of ['.md', '.mmd', '.json']) owners.set(`${join(flags.out, stems[i] as string)}${ext}`, o); });
  const writer = new ReportWriter(PLACEHOLDER, flags.force === true, Infinity);
  writer.write(indexPath(flags), threaded.index);
  const log: WriteLog = new Map();
  const failures: Diagnostic[] = [];
  recordOutcomes([...threaded.outcomes, ...await writer.finish()], owners, log, failures);
  return finishRun(threaded, log, failures, flags);
}

/** The end of every write run: edited files kept, the summary or `--json`, the exit code. */
function finishRun(report: AnalysisReport, log: WriteLog, failures: readonly Diagnostic[], flags: AnalyzeFlags): number {
  reportKept(log);
  const reported = withDiagnostics(report, failures);
  if (flags.json) process.stdout.write(`${JSON.stringify(reported.json)}\n`);
  else if (!flags.quiet) printReport(reported, log, flags);
  return report.json.unparsed > 0 || failures.length > 0 ? EXIT_FAILED : EXIT_OK;
}

/** The analysis with the write failures among its diagnostics (sorted as the contract has them). */
function withDiagnostics<R extends AnalysisReport>(result: R, extra: readonly Diagnostic[]): R {
  if (extra.length === 0) return result;
  const diagnostics = sortDiagnostics([...result.diagnostics, ...extra]);
  return { ...result, diagnostics, json: { ...result.json, diagnostics: diagnostics.map(toJsonDiagnostic) } };
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
    .option('--check', 'write nothing; exit 1 listing the files in <out> that differ from what analyze would write (stale diagrams)')
    .action(run((paths: string[], flags: AnalyzeFlags) => analyzeCommand(paths, flags)));
}
