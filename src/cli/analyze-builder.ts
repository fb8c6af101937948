import type { MessagePort } from 'node:worker_threads';
import { analyzeFile, applyCalleeEffects, calleeEffectsByName, catalogEntriesOf, execsProcedureOf, lookupsHold, mergeTableCatalog, procedureEffectsOf, RecordingContext, splitScript, type ContextLookups, type DataFlowGraph, type DuplicateDefinitions, type ScriptUnits, type SetContext } from '../dataflow';
import { indexEntryOf } from '../render';
import { writeReportItems } from './analyze-reports';
import { droppedAtEnd, dropLinesAtEnd, parseScript } from '../tsql';
import { graphsToText, type BuiltFile, type FromWorker, type ParsedFacts, type PeerWrite, type ProcedureEffectsOfFile, type ThreadSource, type ToBuilder, type ToRenderer } from './analyze-thread-messages';

/** A file of the builder's share after its first build: its source (for a second build) and
 * what that build asked of the guessed context. */
interface BuiltSource {
  readonly source: ThreadSource;
  readonly lookups: ContextLookups;
}

/**
 * The builder of a pair of `migrate analyze` worker threads (see analyze-threads.ts): parses
 * each file of its share once, builds its graphs against a guess of the whole set's context (a
 * context that records every answer it gives) and hands them to its renderer thread, sending
 * the main thread what the set needs (catalog, procedures, object identities) and the figures.
 * Given the real context, it builds again only the files whose builds got a different answer
 * from the guess, or that define an object defined elsewhere too (their reports carry the
 * marks), and hands those graphs over again. A graph that EXECs a procedure of the set is final
 * only once every procedure's effects are known (callee-effects.ts): its file's graphs are held
 * back, the main thread computes the fixpoint from the procedure effects each build sends, and
 * the `effects` step gives the held graphs their callees' tables and hands them over. Steps run
 * in the order the main thread sends them.
 */
export class AnalyzeBuilder {
  // Sources, not trees: a tree is dropped as soon as its file's graphs are built. Keeping every
  // tree until the set is known (~37 bytes of heap per byte of T-SQL) made each young-generation
  // collection copy them, and cost more than parsing twice.
  private built: BuiltSource[] = [];
  private defaultSchema = 'dbo';
  // The graphs of files that EXEC a procedure of the set, by file index, until `effects`.
  private held = new Map<number, DataFlowGraph[]>();

  constructor(private readonly port: MessagePort, private readonly renderer: MessagePort) {}

  handle(message: ToBuilder): void {
    if (message.type === 'catalog') this.catalog(message);
    else if (message.type === 'analyze') this.analyze(message);
    else if (message.type === 'settle') this.settle(message);
    else this.effects(message);
  }

  private send(message: FromWorker): void {
    this.port.postMessage(message);
  }

  private hand(message: ToRenderer | PeerWrite): void {
    this.renderer.postMessage(message);
  }

  /** A message from the renderer: part of the writing (see AnalyzeRenderer.write). */
  fromRenderer({ items, force }: Extract<PeerWrite, { type: 'write-part' }>): void {
    this.hand({ type: 'written-part', replies: writeReportItems(items, force) });
  }

  /** The catalog entries of files that may define tables, before any graph is built. */
  private catalog({ defaultSchema, sources }: Extract<ToBuilder, { type: 'catalog' }>): void {
    this.send({ type: 'catalog', files: sources.map((s) => ({ index: s.index, catalog: catalogEntriesOf(parseScript(s.text, { file: s.file }), defaultSchema) })) });
  }

  private analyze({ defaultSchema, sources, guess }: Extract<ToBuilder, { type: 'analyze' }>): void {
    this.defaultSchema = defaultSchema;
    const known = new Set(guess.knownProcedures);
    const context = new RecordingContext({ defaultSchema, catalog: mergeTableCatalog([guess.catalog]), knownProcedures: known });
    let facts: ParsedFacts[] = [];
    let files: BuiltFile[] = [];
    // In batches: a message per file costs more than analysing a small one.
    let last = Date.now();
    for (const source of sources) {
      const unit = splitScript(parseScript(source.text, { file: source.file }), defaultSchema);
      facts.push({
        index: source.index,
        catalog: catalogEntriesOf(unit.parsed, defaultSchema),
        procedures: unit.objects.filter((o) => o.objectKind === 'procedure').map((o) => o.name),
        objects: unit.objects.map((o) => ({ kind: o.objectKind, name: o.name, displayName: o.displayName, file: o.file, lines: o.lines, verb: o.verb })),
        droppedAtEnd: [...droppedAtEnd(unit.parsed)],
        file: source.file,
        dropLines: [...dropLinesAtEnd(unit.parsed)],
      });
      // A file held on the guess's procedures holds on the real ones unless it is built again:
      // its build looked up every procedure it EXECs (lookupsHold checks those answers).
      files.push(this.buildFile(source.index, unit, context, new Map(), known));
      this.built.push({ source, lookups: context.take() });
      if (Date.now() - last >= 50) {
        this.send({ type: 'parsed', facts, files });
        facts = [];
        files = [];
        last = Date.now();
      }
    }
    if (facts.length > 0) this.send({ type: 'parsed', facts, files });
    this.send({ type: 'analyzed' });
  }

  /** Builds again, against the set's real context, each file whose first build it would change;
   * then tells the renderer that every graph is handed over. */
  private settle(message: Extract<ToBuilder, { type: 'settle' }>): void {
    const context = { defaultSchema: this.defaultSchema, catalog: mergeTableCatalog([message.catalog]), knownProcedures: new Set(message.knownProcedures) };
    const duplicates = new Map<string, DuplicateDefinitions>(message.duplicates.map(([file, k, d]) => [`${file}:${k}`, d]));
    const withDuplicates = new Set(message.duplicates.map(([file]) => file));
    const files: BuiltFile[] = [];
    for (const b of this.built) {
      if (!withDuplicates.has(b.source.index) && lookupsHold(b.lookups, context)) continue;
      this.held.delete(b.source.index);
      const unit = splitScript(parseScript(b.source.text, { file: b.source.file }), this.defaultSchema);
      files.push(this.buildFile(b.source.index, unit, context, duplicates, context.knownProcedures));
    }
    this.built = [];
    const holding = this.held.size > 0;
    if (!holding) this.hand({ type: 'end' });
    this.send({ type: 'settled', files, holding });
  }

  /** The held graphs with their callees' effects, handed over (in file order), then the end. */
  private effects(message: Extract<ToBuilder, { type: 'effects' }>): void {
    const effects = calleeEffectsByName(message.effects);
    const files = [...this.held].sort(([a], [b]) => a - b).map(([index, held]) => {
      const graphs = held.map((g) => applyCalleeEffects(g, effects));
      this.hand({ type: 'graphs', index, graphs: graphsToText(graphs) });
      return { index, entries: graphs.map(indexEntryOf) };
    });
    this.held = new Map();
    this.hand({ type: 'end' });
    this.send({ type: 'applied', files });
  }

  /** One file's graphs against `context`, handed to the renderer, or held when one EXECs a
   * procedure `known` holds; its figures and procedure effects for the main thread. */
  private buildFile(index: number, unit: ScriptUnits, context: SetContext, duplicates: ReadonlyMap<string, DuplicateDefinitions>, known: ReadonlySet<string>): BuiltFile {
    const outcome = analyzeFile(unit, context);
    const graphs = outcome.defined.map(({ graph }, k) => {
      const duplicate = duplicates.get(`${index}:${k}`);
      // As markDuplicateDefinitions marks a graph, so the .json and pages match the one-thread run.
      return duplicate === undefined ? graph : { ...graph, object: { ...graph.object, duplicate } };
    });
    if (known.size > 0 && graphs.some((g) => execsProcedureOf(g, known))) this.held.set(index, graphs);
    else this.hand({ type: 'graphs', index, graphs: graphsToText(graphs) });
    const procedures: ProcedureEffectsOfFile = graphs.flatMap((g, k) => (g.object.kind === 'procedure' ? [[k, procedureEffectsOf(g)] as const] : []));
    return {
      index, file: outcome.file, details: outcome.details, diagnostics: outcome.diagnostics, schemaScript: outcome.schemaScript, entries: graphs.map(indexEntryOf), procedures: JSON.stringify(procedures),
      ...(outcome.columnFindings.length > 0 ? { columnFindings: outcome.columnFindings } : {}),
    };
  }
}
