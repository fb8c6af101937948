import { relative, resolve, sep } from 'node:path';
import type { DataFlowGraph, DefinitionRef } from '../dataflow';
import type { StagedFile } from '../core';
import { commitReportReply, renderObjectMarkdown, renderObjectMermaid, serializeGraphBytes, writeReportReply, type SectionMap, type WriteReply } from '../render';

// writeGeneratedFile renders twice (a draft to hash, then the stamped file); rendering once
// with this placeholder and substituting the stamp halves the cost on large folders.
export const PLACEHOLDER = 'tsql-migrate:generated sha256=0000000000000000';

/** A path from the output folder to the source file, with forward slashes, for report links. */
export function sourceHref(outDir: string, file: string): string {
  return relative(resolve(outDir), resolve(file)).split(sep).join('/');
}

/** Where the report of each definition of an object defined more than once lives, for the links
 * between them: `file:line` of the definition -> its `.md` link. */
export type DefinitionLinks = ReadonlyMap<string, string>;

/** The key of a definition in {@link DefinitionLinks}. */
export function definitionKey(file: string, line: number): string {
  return `${file}:${line}`;
}

/** The Markdown report of one graph as analyze writes it (stamp placeholder, source link,
 * links to the object's other definitions, section map). One function for every thread, so the
 * pages are the same bytes whichever thread rendered them. */
export function renderReportMarkdown(g: DataFlowGraph, out: string, links: DefinitionLinks, sectionMap: SectionMap | undefined): string {
  const definitionHref = (d: DefinitionRef): string | undefined => links.get(definitionKey(d.file, d.line));
  return renderObjectMarkdown(g, { stamp: PLACEHOLDER, sourceHref: sourceHref(out, g.object.file), definitionHref, ...(sectionMap ? { sectionMap } : {}) });
}

/** The `.mmd` diagram of one graph as analyze writes it. */
export function renderReportMermaid(g: DataFlowGraph): string {
  return renderObjectMermaid(g, { stamp: PLACEHOLDER });
}

/** The `.json` graph of one graph as analyze writes it, as the UTF-8 bytes written (the largest
 * report: no string is built for it). */
export function renderReportJson(g: DataFlowGraph): Uint8Array {
  return serializeGraphBytes(g, { stamp: PLACEHOLDER });
}

/** A report to write under its file name: its bytes (with the stamp placeholder), or the
 * temporary file it was staged to. */
export type ReportItem =
  | { readonly path: string; readonly body: Uint8Array }
  | { readonly path: string; readonly staged: StagedFile };

/** Writes reports as analyze does on any thread (stamped, atomic, an edited file kept unless
 * `force`), one reply each, in order: the renderer writes its half and its builder the other. */
export function writeReportItems(items: readonly ReportItem[], force: boolean): WriteReply[] {
  return items.map((item) => ('body' in item ? writeReportReply(item.path, item.body, PLACEHOLDER, force) : commitReportReply(item.path, item.staged, force)));
}
