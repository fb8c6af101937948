import type { Diagnostic } from '../core';
import type { CalleeEffects, CatalogEntries, DataFlowGraph, DefinitionVerb, DuplicateDefinitions, FileAnalysis, LineRange, ObjectColumnFindings, ObjectKind, ObjectSummary, ProcedureEffects, SchemaScript } from '../dataflow';
import type { IndexEntry, SectionMap, WriteReply } from '../render';
import type { ReportItem } from './analyze-reports';

// The messages between `migrate analyze` and its worker threads (analyze-threads.ts, the main
// side; analyze-worker.ts, the worker side). Plain data only: each crosses by structured clone.

/** One source file for a worker: its position in the whole run, its display path and text. */
export interface ThreadSource {
  readonly index: number;
  readonly file: string;
  readonly text: string;
}

/** What each defined object of a file is, for the duplicate check across files. */
export interface UnitIdentity {
  readonly kind: ObjectKind;
  readonly name: string;
  readonly displayName: string;
  readonly file: string;
  readonly lines: LineRange;
  readonly verb: DefinitionVerb | undefined;
}

/** What one parsed file adds to the context of the whole set. */
export interface ParsedFacts {
  readonly index: number;
  readonly catalog: CatalogEntries;
  readonly procedures: readonly string[];
  readonly objects: readonly UnitIdentity[];
  /** The objects the file drops and does not define again (tsql's droppedAtEnd): a later file's CREATE of one is in effect. */
  readonly droppedAtEnd: readonly string[];
  /** The file's path and the line of the DROP of each of those (tsql's dropLinesAtEnd): an object no later file defines again is gone. */
  readonly file: string;
  readonly dropLines: readonly (readonly [string, number])[];
}

/** A file's analysis, without its graphs (those stay on the worker until written). */
export interface BuiltFile {
  readonly index: number;
  readonly file: FileAnalysis;
  readonly details: readonly ObjectSummary[];
  readonly diagnostics: readonly Diagnostic[];
  readonly schemaScript: SchemaScript | undefined;
  readonly entries: readonly IndexEntry[];
  /** `[object position, its own effects]` for each procedure the file defines, as the JSON text
   * of {@link ProcedureEffectsOfFile}: the main thread's fixpoint of what EXECs reach
   * (callee-effects.ts) takes those of the definitions in effect. Text, read only when some
   * graph waits for its callees' effects (many sets have none): the main thread keeps every
   * file's message to the end, and a third of it as objects, cloned and then copied by each
   * young-generation collection, cost it more than the rest of its work on the files. */
  readonly procedures: string;
  /** Columns its objects give tables that lack them (absent when none): the main thread reports
   * those of the objects in effect, with every file's catalog entries at hand. */
  readonly columnFindings?: readonly ObjectColumnFindings[];
}

/** What {@link BuiltFile.procedures} holds. */
export type ProcedureEffectsOfFile = readonly (readonly [number, ProcedureEffects])[];

/** A file's catalog entries, read before any graph is built (files that may define tables). */
export interface CatalogFacts {
  readonly index: number;
  readonly catalog: CatalogEntries;
}

/** Main thread -> builder thread. */
export type ToBuilder =
  | { readonly type: 'catalog'; readonly defaultSchema: string; readonly sources: readonly ThreadSource[] }
  | {
    readonly type: 'analyze';
    readonly defaultSchema: string;
    readonly sources: readonly ThreadSource[];
    /** The set's context as guessed before its files are parsed (see set-context-guess.ts). */
    readonly guess: { readonly catalog: CatalogEntries; readonly knownProcedures: readonly string[] };
  }
  | {
    readonly type: 'settle';
    /** The set's real context. */
    readonly catalog: CatalogEntries;
    readonly knownProcedures: readonly string[];
    /** `[file index, object position in its file, marks]` for objects defined more than once. */
    readonly duplicates: readonly (readonly [number, number, DuplicateDefinitions])[];
  }
  /** What each procedure of the set reaches through its EXECs: the builder gives the graphs it
   * holds back (those that EXEC a procedure of the set) their callees' effects and hands them over. */
  | { readonly type: 'effects'; readonly effects: CalleeEffects };

/** Main thread (render, write) and its builder (graphs, end) -> renderer thread. */
export type ToRenderer =
  | { readonly type: 'render'; readonly sectionMaps: readonly (readonly [string, SectionMap])[]; readonly out: string }
  /** One file's graphs, in its order (again after `settle` when a file is built again), as
   * {@link graphsToText} writes them. */
  | { readonly type: 'graphs'; readonly index: number; readonly graphs: string }
  /** The builder has handed over every graph. */
  | { readonly type: 'end' }
  | {
    readonly type: 'write';
    /** The report stem of each of this pair's graphs, in file order. */
    readonly stems: readonly string[];
    readonly definitionLinks: readonly (readonly [string, string])[];
    readonly force: boolean;
  };

/** Between the two threads of a pair: the renderer hands part of the writing to its builder
 * (idle by then), so two threads write, as many as there are cores per pair. */
export type PeerWrite =
  | { readonly type: 'write-part'; readonly items: readonly ReportItem[]; readonly force: boolean }
  | { readonly type: 'written-part'; readonly replies: readonly WriteReply[] };

/** Main thread -> a worker thread. */
export type ToWorker = ToBuilder | ToRenderer;

/** Worker -> main thread. */
export type FromWorker =
  /** More files analysed, in share order (sent every 50 ms at most, so the main thread takes
   * them in while the builder works, not all at its end). */
  | { readonly type: 'parsed'; readonly facts: readonly ParsedFacts[]; readonly files: readonly BuiltFile[] }
  | { readonly type: 'catalog'; readonly files: readonly CatalogFacts[] }
  /** Every file of the share analysed (and sent in `parsed` batches). */
  | { readonly type: 'analyzed' }
  /** The files built again against the real context (the others stand as first built), and
   * whether the builder holds back graphs that wait for an `effects` step (else it has handed
   * its renderer every graph). */
  | { readonly type: 'settled'; readonly files: readonly BuiltFile[]; readonly holding: boolean }
  /** The index entries of the held files, now that their graphs carry their callees' effects. */
  | { readonly type: 'applied'; readonly files: readonly { readonly index: number; readonly entries: readonly IndexEntry[] }[] }
  /** Three replies per graph (.md, .mmd, .json), in file order. */
  | { readonly type: 'written'; readonly replies: readonly WriteReply[] }
  | { readonly type: 'failed'; readonly message: string };

/**
 * A file's graphs as the builder hands them to its renderer. A graph is plain data (objects,
 * arrays, strings, numbers, booleans; no Map, Set, undefined or non-finite number), so its JSON
 * text carries all of it, and on the corpus of `npm run bench` JSON.stringify and JSON.parse
 * cost about half of structured cloning the objects, on both threads. A test holds every
 * fixture's graphs to a lossless round trip.
 */
export function graphsToText(graphs: readonly DataFlowGraph[]): string {
  return JSON.stringify(graphs);
}

/** The graphs of {@link graphsToText}'s text. */
export function graphsFromText(text: string): DataFlowGraph[] {
  return JSON.parse(text) as DataFlowGraph[];
}
