import { join } from 'node:path';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { bufferView } from '../core';
import { analyzeFile, catalogEntriesOf, mergeTableCatalog, splitScript, type DataFlowGraph, type DuplicateDefinitions } from '../dataflow';
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

/**
 * The worker side of a threaded `migrate analyze` (see analyze-threads.ts): parses its share
 * of the files and reports what the whole set needs (catalog, procedures, object identities);
 * then, given the merged context, parses each file again, builds its graphs, renders their reports at once and
 * drops the graph, sending back only the figures; then writes its reports under the file names
 * the main thread assigned. Steps run in the order the main thread sends them.
 */
class AnalyzeWorker {
  // The sources, not their trees: a file is parsed again when its graphs are built. Keeping every
  // tree from the first pass to the second (~37 bytes of heap per byte of T-SQL) made each
  // young-generation collection copy them and cost more than parsing twice (the facts pass
  // parses ~4x faster once its trees die young).
  private sources: ThreadSource[] = [];
  private rendered: RenderedGraph[] = [];
  private out = '';
  private defaultSchema = 'dbo';

  constructor(private readonly port: MessagePort) {}

  handle(message: ToWorker): void {
    if (message.type === 'parse') this.parse(message);
    else if (message.type === 'build') this.build(message);
    else this.write(message);
  }

  private send(message: FromWorker): void {
    this.port.postMessage(message);
  }

  private parse({ defaultSchema, sources }: Extract<ToWorker, { type: 'parse' }>): void {
    const facts: ParsedFacts[] = [];
    // Progress in batches: a message per file costs more than parsing a small one.
    let unreported = 0;
    let last = Date.now();
    for (const s of sources) {
      const unit = splitScript(parseScript(s.text, { file: s.file }), defaultSchema);
      this.sources.push(s);
      unreported++;
      if (Date.now() - last >= 50) {
        this.send({ type: 'parsed', index: s.index, count: unreported });
        unreported = 0;
        last = Date.now();
      }
      facts.push({
        index: s.index,
        catalog: catalogEntriesOf(unit.parsed, defaultSchema),
        procedures: unit.objects.filter((o) => o.objectKind === 'procedure').map((o) => o.name),
        objects: unit.objects.map((o) => ({ kind: o.objectKind, name: o.name, displayName: o.displayName, file: o.file, lines: o.lines, verb: o.verb })),
      });
    }
    this.defaultSchema = defaultSchema;
    const lastSource = sources[sources.length - 1];
    if (unreported > 0 && lastSource !== undefined) this.send({ type: 'parsed', index: lastSource.index, count: unreported });
    this.send({ type: 'facts', files: facts });
  }

  private build(message: Extract<ToWorker, { type: 'build' }>): void {
    this.out = message.out;
    const context = { defaultSchema: this.defaultSchema, catalog: mergeTableCatalog([message.catalog]), knownProcedures: new Set(message.knownProcedures) };
    const duplicates = new Map<string, DuplicateDefinitions>(message.duplicates.map(([file, k, d]) => [`${file}:${k}`, d]));
    const maps = new Map(message.sectionMaps);
    const files: BuiltFile[] = [];
    for (const source of this.sources) {
      // Each tree goes as soon as its graphs are built, each graph as soon as it is rendered.
      const index = source.index;
      const outcome = analyzeFile(splitScript(parseScript(source.text, { file: source.file }), this.defaultSchema), context);
      const entries = outcome.defined.map(({ graph }, k) => {
        const duplicate = duplicates.get(`${index}:${k}`);
        // As markDuplicateDefinitions marks a graph, so the .json and pages match the one-thread run.
        const g = duplicate === undefined ? graph : { ...graph, object: { ...graph.object, duplicate } };
        const sectionMap = maps.get(g.object.name);
        this.rendered.push({
          md: duplicate === undefined ? Buffer.from(renderReportMarkdown(g, this.out, new Map(), sectionMap)) : undefined,
          mmd: Buffer.from(renderReportMermaid(g)),
          json: bufferView(renderReportJson(g)),
          pending: duplicate === undefined ? undefined : { graph: g, sectionMap },
        });
        return indexEntryOf(g);
      });
      files.push({ index, file: outcome.file, details: outcome.details, diagnostics: outcome.diagnostics, schemaScript: outcome.schemaScript, entries });
    }
    this.sources = [];
    this.send({ type: 'built', files });
  }

  private write({ stems, definitionLinks, force }: Extract<ToWorker, { type: 'write' }>): void {
    const links = new Map(definitionLinks);
    const replies: WriteReply[] = [];
    this.rendered.forEach((r, i) => {
      const base = join(this.out, stems[i] as string);
      const md = r.md ?? renderReportMarkdown((r.pending as NonNullable<RenderedGraph['pending']>).graph, this.out, links, r.pending?.sectionMap);
      replies.push(writeReportReply(`${base}.md`, md, PLACEHOLDER, force));
      replies.push(writeReportReply(`${base}.mmd`, r.mmd, PLACEHOLDER, force));
      replies.push(writeReportReply(`${base}.json`, r.json, PLACEHOLDER, force));
    });
    this.rendered = [];
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
