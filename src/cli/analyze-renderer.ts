import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import type { DataFlowGraph } from '../dataflow';
import type { SectionMap, WriteReply } from '../render';
import { bufferView, discardStaged, stageGenerated, type StagedFile } from '../core';
import { PLACEHOLDER, renderReportJson, renderReportMarkdown, renderReportMermaid, writeReportItems, type ReportItem } from './analyze-reports';
import { graphsFromText, type FromWorker, type PeerWrite, type ToRenderer } from './analyze-thread-messages';

/** One graph's reports, rendered and staged (written to temporary files in the output folder,
 * see staged-files.ts) as soon as the graph arrives, so neither the graph nor the reports wait
 * in memory and the writing overlaps the building of the next graphs: only the file names wait
 * for the whole set. The page of an object defined more than once waits for the other
 * definitions' file names (it links them), so that graph is kept until then. */
interface RenderedGraph {
  readonly md: StagedFile | undefined;
  readonly mmd: StagedFile;
  readonly json: StagedFile;
  readonly pending: { readonly graph: DataFlowGraph; readonly sectionMap: SectionMap | undefined } | undefined;
}

const utf8 = new TextEncoder();

/**
 * The renderer of a pair of `migrate analyze` worker threads (see analyze-threads.ts): renders
 * every graph its builder hands over (a file handed over again replaces its first reports), and
 * writes the reports under the file names the main thread assigns. Split from the builder so
 * each thread compiles and warms up half of the code, and runs it warm for longer.
 */
export class AnalyzeRenderer {
  // By file index (the builder hands a share's files in order, but those held back last).
  private rendered = new Map<number, RenderedGraph[]>();
  private out = '';
  private maps = new Map<string, SectionMap>();
  private ended = false;
  // The main thread's `write` step, when it came before the builder's last graph.
  private waitingWrite: Extract<ToRenderer, { type: 'write' }> | undefined;
  // Graphs that arrived before the main thread's `render` step (two ports: no order between them).
  private early: Extract<ToRenderer, { type: 'graphs' | 'end' }>[] | undefined = [];

  // The replies of the reports this thread wrote, until the builder's part comes back.
  private mine: WriteReply[] | undefined;

  constructor(private readonly port: MessagePort, private readonly builder: MessagePort) {}

  private send(message: FromWorker): void {
    this.port.postMessage(message);
  }

  /** A step from the main thread. */
  handle(message: Extract<ToRenderer, { type: 'render' | 'write' }>): void {
    if (message.type === 'render') {
      this.out = message.out;
      this.maps = new Map(message.sectionMaps);
      const early = this.early ?? [];
      this.early = undefined;
      for (const m of early) this.take(m);
    } else if (this.ended) {
      this.write(message);
    } else {
      // The names come as soon as the set is known; the graphs built again may still be on
      // their way from the builder (another port): named once the last is rendered.
      this.waitingWrite = message;
    }
  }

  /** A message from the builder: graphs, rendered once the main thread's `render` step has
   * said how; the end of them; its part of the writing done. */
  fromBuilder(message: Extract<ToRenderer, { type: 'graphs' | 'end' }> | Extract<PeerWrite, { type: 'written-part' }>): void {
    if (message.type === 'written-part') {
      this.written(message.replies);
      return;
    }
    this.take(message);
  }

  private take(message: Extract<ToRenderer, { type: 'graphs' | 'end' }>): void {
    if (this.early !== undefined) {
      this.early.push(message);
      return;
    }
    if (message.type === 'end') {
      this.ended = true;
      const waiting = this.waitingWrite;
      this.waitingWrite = undefined;
      if (waiting !== undefined) this.write(waiting);
      return;
    }
    // A file built again (after `settle`) replaces its first reports.
    for (const r of this.rendered.get(message.index) ?? []) for (const staged of [r.md, r.mmd, r.json]) if (staged !== undefined) discardStaged(staged);
    this.rendered.set(message.index, graphsFromText(message.graphs).map((g) => {
      const sectionMap = this.maps.get(g.object.name);
      const duplicate = g.object.duplicate !== undefined;
      return {
        md: duplicate ? undefined : this.stage(utf8.encode(renderReportMarkdown(g, this.out, new Map(), sectionMap))),
        mmd: this.stage(utf8.encode(renderReportMermaid(g))),
        json: this.stage(renderReportJson(g)),
        pending: duplicate ? { graph: g, sectionMap } : undefined,
      };
    }));
  }

  private stage(bytes: Uint8Array): StagedFile {
    return stageGenerated(this.out, bufferView(bytes), PLACEHOLDER);
  }

  /** Gives the staged reports the main thread's file names once every graph is rendered (a page
   * that waited for the links is written now): the first half here, the second half on the builder (idle by then);
   * answers `written` with every reply, in order. */
  private write({ stems, definitionLinks, force }: Extract<ToRenderer, { type: 'write' }>): void {
    const links = new Map(definitionLinks);
    const items: ReportItem[] = [];
    let i = 0;
    // In file order, as the main thread names them: a file held back for its callees' effects
    // (see AnalyzeBuilder) comes after files that follow it.
    for (const [, reports] of [...this.rendered].sort(([a], [b]) => a - b)) {
      for (const r of reports) {
        const base = join(this.out, stems[i++] as string);
        items.push(r.md !== undefined ? { path: `${base}.md`, staged: r.md }
          : { path: `${base}.md`, body: utf8.encode(renderReportMarkdown((r.pending as NonNullable<RenderedGraph['pending']>).graph, this.out, links, r.pending?.sectionMap)) });
        items.push({ path: `${base}.mmd`, staged: r.mmd }, { path: `${base}.json`, staged: r.json });
      }
    }
    this.rendered = new Map();
    const half = Math.ceil(items.length / 2);
    const theirs = items.slice(half);
    // Bodies are transferred, not copied.
    this.builder.postMessage({ type: 'write-part', items: theirs, force } satisfies PeerWrite, theirs.flatMap((item) => ('body' in item ? [item.body.buffer as ArrayBuffer] : [])));
    this.mine = writeReportItems(items.slice(0, half), force);
  }

  /** The builder's part written: every reply, in order, to the main thread. */
  private written(replies: readonly WriteReply[]): void {
    const mine = this.mine ?? [];
    this.mine = undefined;
    this.send({ type: 'written', replies: [...mine, ...replies] });
  }
}
