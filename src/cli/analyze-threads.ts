import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Diagnostic } from '../core';
import { calleeEffectsOf, droppedObjectsOf, markDuplicateDefinitions, missingColumnDiagnostics, verbsAfterDrops, mayAddToCatalog, mergeTableCatalog, procedureNamesIn, summarizeAnalysis, type AnalysedObject, type AnalyzeJson, type CatalogEntries, type DefinitionVerb, type TableCatalog, type DuplicateDefinitions, type FileAnalysis, type ProcedureEffects, type SchemaScript, type SourceText, type SynonymTarget, type TriggerRef } from '../dataflow';
import { fileHref, outcomeOf, reportStems, type IndexEntry, type ReportOutcome, type SectionMap, type WriteReply } from '../render';
import { definitionKey } from './analyze-reports';
import type { BuiltFile, FromWorker, ParsedFacts, ProcedureEffectsOfFile, ThreadSource, ToWorker } from './analyze-thread-messages';
import type { AnalyzeWorkerData } from './analyze-worker';

/** An analysis run on worker threads: what the one-thread AnalysisResult holds, with index
 * entries instead of graphs, and the outcome of every report the workers wrote. */
export interface ThreadedAnalysis {
  readonly objects: readonly IndexEntry[];
  readonly schemaScripts: readonly SchemaScript[];
  readonly files: readonly FileAnalysis[];
  readonly diagnostics: readonly Diagnostic[];
  readonly json: AnalyzeJson;
  /** Every object's .md, .mmd and .json, in the order a one-thread run writes them. */
  readonly outcomes: readonly ReportOutcome[];
  /** index.md as `renderIndex` drew it while the workers wrote the reports. */
  readonly index: string;
  /** The report file stem of each of `objects` (reportStems), as the workers named them. */
  readonly stems: readonly string[];
}

/** Options of a threaded analysis. */
export interface ThreadedOptions {
  readonly defaultSchema: string;
  readonly out: string;
  readonly force: boolean;
  /** The section maps the pages start with, loaded once the builders have their files: loading
   * them (the sections modules, the workspace's .feature files) took ~0.15 s on this thread while
   * every worker waited for its first step. The renderers keep the graphs that come first. */
  readonly sectionMaps: () => Promise<ReadonlyMap<string, SectionMap>>;
  /** Called as each file is analysed: how many are done, and that file's path. */
  readonly onParsed: (done: number, file: string) => void;
  /** Called once every file is analysed. */
  readonly afterAnalysis: () => void;
  /** Draws index.md; called on this thread while the workers write (it needs no graph). */
  readonly renderIndex: (objects: readonly IndexEntry[], schemaScripts: readonly SchemaScript[]) => string;
}

// Below this much T-SQL, starting threads costs more than it saves.
export const MIN_BYTES_FOR_THREADS = 1 << 20;

/**
 * How many worker threads `migrate analyze` should use for `count` files of `bytes` in all: a
 * builder and a renderer per two cores (at most two pairs) when there is enough T-SQL to repay
 * starting them, else none (0: analyse on this thread). `TSQL_MIGRATE_ANALYZE_THREADS` overrides
 * it (rounded down to pairs; 1 or 0: this thread). Threads need the compiled JavaScript (a worker
 * cannot start from the TypeScript sources tests run).
 */
export function analyzeThreadCount(count: number, bytes: number, env: NodeJS.ProcessEnv = process.env): number {
  if (!__filename.endsWith('.js') || count < 1) return 0;
  const forced = env.TSQL_MIGRATE_ANALYZE_THREADS;
  if (forced !== undefined && forced !== '') {
    const n = Number.parseInt(forced, 10);
    return Number.isFinite(n) && n >= 2 ? 2 * Math.min(Math.floor(n / 2), count) : 0;
  }
  const pairs = Math.min(Math.floor(availableParallelism() / 2), 2, count);
  return pairs >= 1 && bytes >= MIN_BYTES_FOR_THREADS ? 2 * pairs : 0;
}

/** Files dealt to workers by size, largest share first to the least loaded: deterministic, and
 * each worker's files stay in path order. */
function dealSources(sources: readonly SourceText[], threads: number): ThreadSource[][] {
  const shares: ThreadSource[][] = Array.from({ length: threads }, () => []);
  const load = new Array<number>(threads).fill(0);
  sources.forEach((s, index) => {
    let w = 0;
    for (let k = 1; k < threads; k++) if ((load[k] as number) < (load[w] as number)) w = k;
    (shares[w] as ThreadSource[]).push({ index, file: s.file, text: s.text });
    load[w] = (load[w] as number) + s.text.length + 256;
  });
  return shares;
}

/** A worker thread failed (an internal error, or the thread died): the analysis can run again
 * on one thread. */
export class ThreadFailure extends Error {}

/** One worker thread and the replies it owes, answered in the order asked. */
export class WorkerLink {
  /** Called with each batch of analysed files. */
  onParsed: (batch: Extract<FromWorker, { type: 'parsed' }>) => void = () => undefined;
  private readonly waiting: { type: FromWorker['type']; resolve: (m: FromWorker) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;
  private readonly worker: Worker;
  private rejectFailed: (e: Error) => void = () => undefined;
  /** Rejects when the thread fails, whether or not a step is waiting on it: a pair's threads
   * also wait on each other, so a failure must stop the run even when this thread owes no answer. */
  readonly failed: Promise<never> = new Promise<never>((_, reject) => { this.rejectFailed = reject; });

  constructor(role: AnalyzeWorkerData['role'], peer: MessagePort) {
    this.failed.catch(() => undefined);
    const workerData: AnalyzeWorkerData = { role, peer };
    this.worker = new Worker(join(__dirname, 'analyze-worker.js'), { workerData, transferList: [peer] });
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'parsed') this.onParsed(m);
      else if (m.type === 'failed') this.fail(new Error(m.message));
      else this.waiting.shift()?.resolve(m);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`analyze worker stopped (exit ${code})`)));
  }

  private fail(err: Error): void {
    this.failure ??= new ThreadFailure(err.message);
    this.rejectFailed(this.failure);
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }

  /** Sends a step and resolves with the worker's answer of the given type. */
  ask<T extends FromWorker['type']>(message: ToWorker, type: T): Promise<Extract<FromWorker, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ type, resolve: resolve as (m: FromWorker) => void, reject });
      this.worker.postMessage(message);
    });
  }

  /** Sends a step that has no answer. */
  tell(message: ToWorker): void {
    if (this.failure === undefined) this.worker.postMessage(message);
  }

  close(): Promise<number> {
    this.worker.removeAllListeners('exit');
    return this.worker.terminate();
  }
}

/**
 * Runs `migrate analyze`'s parse, graphs, rendering and writing of object reports on pairs of
 * worker threads (see {@link startAnalyzeWorkers}), each pair with a share of the files: its
 * builder parses and builds graphs, its renderer renders them as they come (each thread compiles
 * and warms up half of the code), and both write. This thread merges what the whole set needs:
 * the table catalog and procedure list, duplicate definitions, report file names and index
 * entries. Each file is parsed once in the common case: its graphs are built against a guess of
 * the set's context and built again only where the guess answered a lookup differently from the
 * real context (see set-context-guess.ts). A graph that EXECs a procedure of the set waits on its
 * builder until this thread, with every procedure's own effects, has computed what each EXEC
 * reaches (callee-effects.ts). Everything comes back in file order, so the reports,
 * the JSON, the diagnostics and the outcomes are the same as on one thread. Rejects if a worker
 * fails (the caller then runs on one thread). The workers are closed at the end, whatever happens.
 */
export async function analyzeOnThreads(sources: readonly SourceText[], links: readonly WorkerLink[], options: ThreadedOptions): Promise<ThreadedAnalysis> {
  // The links come in pairs (see startAnalyzeWorkers): builder, renderer, builder, renderer, ...
  const builders = links.filter((_, i) => i % 2 === 0);
  const renderers = links.filter((_, i) => i % 2 === 1);
  const shares = dealSources(sources, builders.length);
  let done = 0;
  // What each builder found, taken in as it goes: the files' facts and first builds.
  const found = builders.map((l) => {
    const mine = { facts: [] as ParsedFacts[], files: [] as BuiltFile[] };
    l.onParsed = ({ facts, files }) => {
      for (const f of facts) mine.facts.push(f);
      for (const f of files) mine.files.push(f);
      const lastFact = facts[facts.length - 1];
      if (lastFact !== undefined) options.onParsed(done += facts.length, (sources[lastFact.index] as SourceText).file);
    };
    return mine;
  });
  const work = analyzePairs(sources, builders, renderers, shares, found, options);
  work.catch(() => undefined); // a failed thread may leave it to reject after the race is over
  try {
    return await Promise.race([work, ...links.map((l) => l.failed)]);
  } finally {
    await Promise.all(links.map((l) => l.close()));
  }
}

/** The steps of {@link analyzeOnThreads} once the pairs are known. */
async function analyzePairs(sources: readonly SourceText[], builders: readonly WorkerLink[], renderers: readonly WorkerLink[], shares: readonly ThreadSource[][], found: readonly { readonly facts: readonly ParsedFacts[]; readonly files: readonly BuiltFile[] }[], options: ThreadedOptions): Promise<ThreadedAnalysis> {
  const { defaultSchema, out } = options;
  // 1. Each builder parses its files and builds their graphs against the guess; its renderer
  //    renders them as they come.
  const guess = await guessContext(shares, builders, defaultSchema);
  const analyzed = Promise.all(builders.map((l, w) => l.ask({ type: 'analyze', defaultSchema, sources: shares[w] as ThreadSource[], guess }, 'analyzed')));
  analyzed.catch(() => undefined); // a failed thread rejects the whole run (analyzeOnThreads), whichever step waits
  const sectionMaps = [...await options.sectionMaps()];
  for (const r of renderers) r.tell({ type: 'render', sectionMaps, out });
  await analyzed;
  options.afterAnalysis();
  // 2. The real context; each builder builds again the files whose first build it changes.
  const facts = byIndex(found.flatMap((m) => m.facts), sources.length);
  const catalog = mergeTableCatalog(facts.map((f) => f.catalog));
  const duplicates = duplicateMarks(facts);
  const settle = {
    type: 'settle',
    catalog: entriesOf(catalog),
    knownProcedures: [...new Set(facts.flatMap((f) => f.procedures))],
  } as const;
  const shareOf = new Map(shares.flatMap((share, w) => share.map((s) => [s.index, w] as const)));
  const settled = await Promise.all(builders.map((l, w) => l.ask({ ...settle, duplicates: duplicates.filter(([file]) => shareOf.get(file) === w) }, 'settled')));
  let built = found.map((m, w) => {
    const again = new Map((settled[w]?.files ?? []).map((f) => [f.index, f]));
    return m.files.map((f) => again.get(f.index) ?? f);
  });
  // 2b. Graphs that EXEC a procedure of the set wait on their builders for what the callees reach:
  //     the fixpoint over every procedure in effect, computed here once the builds are final.
  if (settled.some((m) => m.holding)) {
    const effects = calleeEffectsOf(proceduresInEffect(byIndex(built.flat(), sources.length), duplicates));
    const applied = await Promise.all(builders.map((l, w) => (settled[w]?.holding === true ? l.ask({ type: 'effects', effects }, 'applied') : undefined)));
    built = built.map((share, w) => {
      const entries = new Map((applied[w]?.files ?? []).map((f) => [f.index, f.entries]));
      return share.map((f) => { const e = entries.get(f.index); return e === undefined ? f : { ...f, entries: e }; });
    });
  }
  const files = byIndex(built.flat(), sources.length);
  const objects = files.flatMap((f) => f.entries);
  // 3. File names need every object (collisions, duplicates named after the one in effect).
  const stems = reportStems(objects);
  const stemOf = new Map<IndexEntry, string>(objects.map((o, i) => [o, stems[i] as string]));
  const definitionLinks = objects.filter((o) => o.object.duplicate !== undefined)
    .map((o) => [definitionKey(o.object.file, o.object.lines.start), fileHref(basename(join(out, stemOf.get(o) as string)), '.md')] as const);
  // Each renderer names its reports once it has rendered the last graph; index.md and the
  // summary, which need no report, are made meanwhile.
  const writing = Promise.all(renderers.map((l, w) => {
    const mine = built[w]?.flatMap((f) => f.entries) ?? [];
    return l.ask({ type: 'write', stems: mine.map((o) => stemOf.get(o) as string), definitionLinks, force: options.force }, 'written');
  }));
  const schemaScripts = files.flatMap((f) => (f.schemaScript ? [f.schemaScript] : []));
  const index = options.renderIndex(objects, schemaScripts);
  const extra = markDuplicateDefinitions(definedObjects(facts).map(({ o, verb }) => ({ graph: { object: objectOf(o) }, verb })), droppedObjectsOf(facts)).diagnostics;
  const replaced = new Set(duplicates.filter(([, , d]) => !d.current).map(([file, k]) => `${file}:${k}`));
  const columnFindings = files.flatMap((f) => (f.columnFindings ?? []).filter((o) => !replaced.has(`${f.index}:${o.object}`)));
  const columns = missingColumnDiagnostics(facts.map((f) => ({ file: f.file, catalog: f.catalog })), columnFindings, catalog);
  const summary = summarizeAnalysis(files.map((f) => f.file), files.flatMap((f) => f.details), files.flatMap((f) => f.diagnostics), [...extra, ...columns]);
  const written = await writing;
  const outcomes = mergeOutcomes(files, built, written.map((m) => m.replies), out, stemOf);
  return { objects, schemaScripts, files: files.map((f) => f.file), ...summary, outcomes, index, stems };
}

/**
 * The set's context as guessed before its files are parsed: the table catalog of the files whose
 * text may define a table (parsed for it first; most sets have few, many have none) and the
 * procedures the texts appear to define. Exact in the common case; where it is not, the files
 * whose builds it misled are built again, so the guess decides the time, never the reports.
 */
async function guessContext(shares: readonly ThreadSource[][], links: readonly WorkerLink[], defaultSchema: string): Promise<Extract<ToWorker, { type: 'analyze' }>['guess']> {
  const candidates = shares.map((share) => share.filter((s) => mayAddToCatalog(s.text)));
  const read = candidates.some((c) => c.length > 0)
    ? (await Promise.all(links.map((l, w) => l.ask({ type: 'catalog', defaultSchema, sources: candidates[w] as ThreadSource[] }, 'catalog')))).flatMap((m) => m.files)
    : [];
  const catalog = mergeTableCatalog(read.sort((a, b) => a.index - b.index).map((f) => f.catalog));
  const knownProcedures = new Set(shares.flatMap((share) => share.flatMap((s) => procedureNamesIn(s.text, defaultSchema))));
  return { catalog: entriesOf(catalog), knownProcedures: [...knownProcedures] };
}

/** A merged catalog as the plain entries a message carries (mergeTableCatalog reads them back). */
function entriesOf(catalog: TableCatalog): CatalogEntries {
  const synonyms = [...(catalog.synonyms ?? new Map<string, SynonymTarget>())].map(([name, target]): [string, string, string] => [name, target.name, target.label]);
  const triggers = [...(catalog.triggers ?? new Map<string, readonly TriggerRef[]>())].flatMap(([table, list]) => list.map((define) => ({ define, name: define.name, table, verb: 'CREATE' as const })));
  const functions = [...(catalog.functions?.values() ?? [])];
  const tableTypes = [...(catalog.tableTypes ?? [])];
  return {
    tables: [...catalog], history: [...(catalog.history ?? new Map<string, string>())], ...(synonyms.length > 0 ? { synonyms } : {}), ...(triggers.length > 0 ? { triggers } : {}),
    ...(functions.length > 0 ? { functions } : {}), ...(tableTypes.length > 0 ? { tableTypes } : {}),
  };
}

/** Starts `threads` analyze workers (an even number), in pairs joined by a port of their own:
 * builder, renderer, builder, renderer, ... Started before the files are read, they load their
 * code while this thread reads. Hand them to {@link analyzeOnThreads}, or close them. */
export function startAnalyzeWorkers(threads: number): WorkerLink[] {
  return Array.from({ length: Math.floor(threads / 2) }, () => {
    const { port1, port2 } = new MessageChannel();
    return [new WorkerLink('analyze-builder', port1), new WorkerLink('analyze-renderer', port2)];
  }).flat();
}

/** Results of every file, in file order. */
function byIndex<T extends { readonly index: number }>(items: readonly T[], count: number): T[] {
  const out = new Array<T>(count);
  for (const item of items) out[item.index] = item;
  return out;
}

/** An object identity as the duplicate check reads it. */
function objectOf(o: ParsedFacts['objects'][number]): AnalysedObject {
  return { kind: o.kind, name: o.name, displayName: o.displayName, file: o.file, lines: o.lines, parameters: [] };
}

/** Every file's objects in file order with the verb that decides which is in effect: as written,
 * or `CREATE after DROP` after an earlier file's DROP (verbsAfterDrops, as one thread reads them). */
function definedObjects(facts: readonly ParsedFacts[]): { file: number; k: number; o: ParsedFacts['objects'][number]; verb: DefinitionVerb | undefined }[] {
  const verbs = verbsAfterDrops(facts);
  return facts.flatMap((f, i) => f.objects.map((o, k) => ({ file: f.index, k, o, verb: verbs[i]?.[k] })));
}

/** The marks of objects defined more than once, as `[file index, object position, marks]`:
 * markDuplicateDefinitions over every file's objects (top-level code is never a duplicate). */
function duplicateMarks(facts: readonly ParsedFacts[]): [number, number, DuplicateDefinitions][] {
  const at = definedObjects(facts);
  const { graphs } = markDuplicateDefinitions(at.map(({ o, verb }) => ({ graph: { object: objectOf(o) }, verb })), droppedObjectsOf(facts));
  const marks: [number, number, DuplicateDefinitions][] = [];
  graphs.forEach((g, i) => {
    const a = at[i] as (typeof at)[number];
    if (g.object.duplicate !== undefined) marks.push([a.file, a.k, g.object.duplicate]);
  });
  return marks;
}

/** The own effects of the set's procedures in effect, in file order (what withCalleeEffects
 * takes on one thread): a definition marked as not in effect is left out. */
function proceduresInEffect(files: readonly BuiltFile[], duplicates: readonly (readonly [number, number, DuplicateDefinitions])[]): ProcedureEffects[] {
  const replaced = new Set(duplicates.filter(([, , d]) => !d.current).map(([file, k]) => `${file}:${k}`));
  return files.flatMap((f) => (JSON.parse(f.procedures) as ProcedureEffectsOfFile).filter(([k]) => !replaced.has(`${f.index}:${k}`)).map(([, p]) => p));
}

/** The workers' write replies in the order a one-thread run writes the reports: file order,
 * then each object's .md, .mmd, .json. */
function mergeOutcomes(files: readonly BuiltFile[], shares: readonly (readonly BuiltFile[])[], replies: readonly (readonly WriteReply[])[], out: string, stemOf: ReadonlyMap<IndexEntry, string>): ReportOutcome[] {
  const replyAt = new Map<number, { share: number; first: number }>();
  shares.forEach((files, share) => {
    let next = 0;
    for (const f of files) {
      replyAt.set(f.index, { share, first: next });
      next += f.entries.length * 3;
    }
  });
  const outcomes: ReportOutcome[] = [];
  for (const f of files) {
    const { share, first } = replyAt.get(f.index) as { share: number; first: number };
    f.entries.forEach((o, k) => {
      const base = join(out, stemOf.get(o) as string);
      ['.md', '.mmd', '.json'].forEach((ext, e) => {
        outcomes.push(outcomeOf(`${base}${ext}`, replies[share]?.[first + k * 3 + e] as WriteReply));
      });
    });
  }
  return outcomes;
}
