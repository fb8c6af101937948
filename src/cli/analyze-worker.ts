import { join } from 'node:path';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { bufferView } from '../core';
import { analyzeFile, catalogEntriesOf, lookupsHold, mergeTableCatalog, RecordingContext, splitScript, type ContextLookups, type DataFlowGraph, type DuplicateDefinitions, type ScriptUnits, type SetContext } from '../dataflow';
import { indexEntryOf, writeReportReply, type SectionMap, type WriteReply } from '../render';
import { parseScript } from '../tsql';
import { PLACEHOLDER, renderReportJson, renderReportMarkdown, renderReportMermaid } from './analyze-reports';
import type { BuiltFile, FromWorker, ParsedFacts, ThreadSource, ToWorker } from './analyze-thread-messages';

/** One graph's reports, rendered as soon as the graph is built so the graph can go: the page
 * of an object defined more than once waits for the other definitions' file names (it links
 * them), so that graph is kept until then. */
interface RenderedGraph {
  // UTF-8 bytes, outside the JavaScript heap: held as strings (often ropes of many pieces)
  // until written, thousands of reports made every young-generation collection copy them.
  readonly md: Buffer | undefined;
  readonly mmd: Buffer;
  readonly json: Buffer;
  readonly pending: { readonly graph: DataFlowGraph; readonly sectionMap: SectionMap | undefined } | undefined;
}

/** A file of this worker's share after its first build: its source (for a second build), what
 * that build asked of the guessed context, and its rendered reports. */
interface AnalysedSource {
  readonly source: ThreadSource;
  readonly lookups: ContextLookups;
  rendered: readonly RenderedGraph[];
}

/**
 * The worker side of a threaded `migrate analyze` (see analyze-threads.ts). Each file of its
 * share is parsed once: its graphs are built against a guess of the whole set's context (a
 * context that records every answer it gives), rendered at once, and dropped; the worker sends
 * what the set needs (catalog, procedures, object identities) and the figures. Given the real
 * context, it builds again only the files whose builds got a different answer from the guess,
 * or that define an object defined elsewhere too (their reports link the other definitions);
 * then it writes its reports under the file names the main thread assigned. Steps run in the
 * order the main thread sends them.
 */
class AnalyzeWorker {
  // Sources, not trees: a tree is dropped as soon as its file's graphs are built. Keeping every
  // tree until the set is known (~37 bytes of heap per byte of T-SQL) made each young-generation
  // collection copy them, and cost more than parsing twice.
  private analysed: AnalysedSource[] = [];
  private out = '';
  private defaultSchema = 'dbo';
  private maps = new Map<string, SectionMap>();

  constructor(private readonly port: MessagePort) {}

  handle(message: ToWorker): void {
    if (message.type === 'catalog') this.catalog(message);
    else if (message.type === 'analyze') this.analyze(message);
    else if (message.type === 'settle') this.settle(message);
    else this.write(message);
  }

  private send(message: FromWorker): void {
    this.port.postMessage(message);
  }

  /** The catalog entries of files that may define tables, before any graph is built. */
  private catalog({ defaultSchema, sources }: Extract<ToWorker, { type: 'catalog' }>): void {
    this.send({ type: 'catalog', files: sources.map((s) => ({ index: s.index, catalog: catalogEntriesOf(parseScript(s.text, { file: s.file }), defaultSchema) })) });
  }

  private analyze(message: Extract<ToWorker, { type: 'analyze' }>): void {
    const { defaultSchema, sources, guess } = message;
    this.defaultSchema = defaultSchema;
    this.out = message.out;
    this.maps = new Map(message.sectionMaps);
    const context = new RecordingContext({ defaultSchema, catalog: mergeTableCatalog([guess.catalog]), knownProcedures: new Set(guess.knownProcedures) });
    const facts: ParsedFacts[] = [];
    const files: BuiltFile[] = [];
    // Progress in batches: a message per file costs more than analysing a small one.
    let unreported = 0;
    let last = Date.now();
    for (const source of sources) {
      const unit = splitScript(parseScript(source.text, { file: source.file }), defaultSchema);
      facts.push({
        index: source.index,
        catalog: catalogEntriesOf(unit.parsed, defaultSchema),
        procedures: unit.objects.filter((o) => o.objectKind === 'procedure').map((o) => o.name),
        objects: unit.objects.map((o) => ({ kind: o.objectKind, name: o.name, displayName: o.displayName, file: o.file, lines: o.lines, verb: o.verb })),
      });
      const { file, rendered } = this.buildFile(source.index, unit, context, new Map());
      files.push(file);
      this.analysed.push({ source, lookups: context.take(), rendered });
      unreported++;
      if (Date.now() - last >= 50) {
        this.send({ type: 'parsed', index: source.index, count: unreported });
        unreported = 0;
        last = Date.now();
      }
    }
    const lastSource = sources[sources.length - 1];
    if (unreported > 0 && lastSource !== undefined) this.send({ type: 'parsed', index: lastSource.index, count: unreported });
    this.send({ type: 'analyzed', facts, files });
  }

  /** Builds again, against the set's real context, each file whose first build it would change. */
  private settle(message: Extract<ToWorker, { type: 'settle' }>): void {
    const context = { defaultSchema: this.defaultSchema, catalog: mergeTableCatalog([message.catalog]), knownProcedures: new Set(message.knownProcedures) };
    const duplicates = new Map<string, DuplicateDefinitions>(message.duplicates.map(([file, k, d]) => [`${file}:${k}`, d]));
    const withDuplicates = new Set(message.duplicates.map(([file]) => file));
    const files: BuiltFile[] = [];
    for (const a of this.analysed) {
      if (!withDuplicates.has(a.source.index) && lookupsHold(a.lookups, context)) continue;
      const unit = splitScript(parseScript(a.source.text, { file: a.source.file }), this.defaultSchema);
      const again = this.buildFile(a.source.index, unit, context, duplicates);
      files.push(again.file);
      a.rendered = again.rendered;
    }
    this.send({ type: 'settled', files });
  }

  /** One file's graphs against `context`, each rendered at once and dropped (see RenderedGraph). */
  private buildFile(index: number, unit: ScriptUnits, context: SetContext, duplicates: ReadonlyMap<string, DuplicateDefinitions>): { file: BuiltFile; rendered: RenderedGraph[] } {
    const outcome = analyzeFile(unit, context);
    const rendered: RenderedGraph[] = [];
    const entries = outcome.defined.map(({ graph }, k) => {
      const duplicate = duplicates.get(`${index}:${k}`);
      // As markDuplicateDefinitions marks a graph, so the .json and pages match the one-thread run.
      const g = duplicate === undefined ? graph : { ...graph, object: { ...graph.object, duplicate } };
      const sectionMap = this.maps.get(g.object.name);
      rendered.push({
        md: duplicate === undefined ? Buffer.from(renderReportMarkdown(g, this.out, new Map(), sectionMap)) : undefined,
        mmd: Buffer.from(renderReportMermaid(g)),
        json: bufferView(renderReportJson(g)),
        pending: duplicate === undefined ? undefined : { graph: g, sectionMap },
      });
      return indexEntryOf(g);
    });
    return { file: { index, file: outcome.file, details: outcome.details, diagnostics: outcome.diagnostics, schemaScript: outcome.schemaScript, entries }, rendered };
  }

  private write({ stems, definitionLinks, force }: Extract<ToWorker, { type: 'write' }>): void {
    const links = new Map(definitionLinks);
    const replies: WriteReply[] = [];
    let i = 0;
    for (const a of this.analysed) {
      for (const r of a.rendered) {
        const base = join(this.out, stems[i++] as string);
        const md = r.md ?? renderReportMarkdown((r.pending as NonNullable<RenderedGraph['pending']>).graph, this.out, links, r.pending?.sectionMap);
        replies.push(writeReportReply(`${base}.md`, md, PLACEHOLDER, force));
        replies.push(writeReportReply(`${base}.mmd`, r.mmd, PLACEHOLDER, force));
        replies.push(writeReportReply(`${base}.json`, r.json, PLACEHOLDER, force));
      }
    }
    this.analysed = [];
    this.send({ type: 'written', replies });
  }
}

if (!isMainThread && parentPort !== null && (workerData as { role?: string } | null)?.role === 'analyze') {
  const port = parentPort;
  const worker = new AnalyzeWorker(port);
  port.on('message', (message: ToWorker) => {
    try {
      worker.handle(message);
    } catch (err) {
      // The main thread runs the whole analysis again on one thread, which reports this
      // failure the way a one-thread run would.
      port.postMessage({ type: 'failed', message: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) } satisfies FromWorker);
    }
  });
}
