import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { LegacyError } from '../core';
import type { DataFlowGraph } from '../dataflow';
import { loadScripts, normalizeObjectName, sectionCrossEntityReads, sectionCursorCarriedStates } from '../legacy';
import { cursorColumnOfEntity, encodeTagValue, entityOfCursorColumn, quoteNamePart, type SectionSpec, type SpecProblem, type WorkspaceConfig } from '../sections';
import type { ParsedScript } from '../tsql';

// An `@entity` section claims each entity's rows are computed apart: `sections record --from-data`
// records it one entity's slice at a time, and `migrate test` proves a transform by running each
// entity alone and comparing the rows. A section whose statements combine rows of several
// entities (cross-entity-reads.ts: a ranking across entities, `NOT IN (SELECT [Manager Id] FROM
// dbo.[Sales Rep])`, a join to another entity's row) into the rows it writes breaks that claim:
// its one-entity scenarios pass a transform that works per entity, and on data with several
// entities the proof fails a faithful one. `sections check` fails it (SECTIONS_ENTITY_CROSS_READS)
// with the statements record's note names. The reads it does not fail on, documented why: a read
// that only sets a value the section hands on (`SELECT @Loads = COUNT(*) FROM dbo.Shipment`, read
// by a later section) leaves the output rows per entity, which is what the proof compares, and
// each scenario states the value its slice leaves; a read into a table the section builds for
// itself, or into a cursor's query or a condition (`ROW_NUMBER() OVER (ORDER BY City)` into the
// #temp a cursor walks in that order), may not reach the outputs, which the statements alone do
// not tell. Record's note names those too, for the scenario with several entities.

// A cursor loop that carries a variable from row to row (a running total) combines rows the
// same way, unless it resets it at each change of the entity (cursor-carried-state.ts):
// SECTIONS_ENTITY_CROSS_READS names the variables and the key they are reset on, if any.

/** Where an `@entity` cursor section's loop carries state across entities: why, and the output column the state is reset on (a coarser key) when that is certain. */
export function carriedAcrossEntities(scripts: readonly ParsedScript[], procedure: string, lines: SectionSpec['lines'], outputs: readonly string[], entity: string, graph: DataFlowGraph | undefined): { readonly why: string; readonly coarser: string | undefined } | undefined {
  const names = outputs.map((o) => normalizeObjectName(o));
  const bare = (x: string): string => x.toLowerCase().replace(/[\s_[\]]+/g, '');
  const states = sectionCursorCarriedStates(scripts, procedure, lines);
  const columnOf = (state: (typeof states)[number]): string | undefined => (graph === undefined ? undefined : cursorColumnOfEntity(graph, lines, names, entity, state.cursor)) ?? state.columns.find((c) => c !== '' && bare(c) === bare(entity));
  const perEntity = (state: (typeof states)[number]): boolean => { const column = columnOf(state); return column !== undefined && state.keys.some((k) => k.toLowerCase() === column.toLowerCase()); };
  // the cursors fetching one entity per pass without carrying anything across: a loop inside one
  // of theirs (the lines of one customer inside the loop over customers) runs within one entity
  const entityLoops = new Set(states.filter(perEntity).map((s) => s.cursor));
  for (const state of states) {
    if (state.carried.length === 0 || perEntity(state) || state.within.some((c) => entityLoops.has(c))) continue;
    // (the graph names columns lower case: the cursor's as written when it is the same name)
    const coarser = graph === undefined ? undefined : state.keys.map((k) => { const out = entityOfCursorColumn(graph, lines, names, state.cursor, k.toLowerCase()); return out === undefined ? undefined : out.toLowerCase() === k.toLowerCase() ? k : out; }).find((k) => k !== undefined);
    const reset = state.resetOn.length === 0 ? '' : `, reset only when ${state.resetOn.map(quoteNamePart).join(' or ')} changes`;
    // located at the read the reason names (the variable no reset covers), else the first carried read
    const first = state.culprit?.span.start;
    const at = first === undefined ? '' : ` (read at ${state.file}:${first.line}:${first.column})`;
    return { why: `${state.why ?? `the loop over ${state.cursor} carries ${state.carried.map((c) => (c.node as { name?: string }).name ?? c.name).join(', ')} from row to row${reset}, not at each change of ${quoteNamePart(entity)}`}${at}`, coarser };
  }
  return undefined;
}

/**
 * The entity `sections propose` would have tagged a cursor section with (the output column that
 * carries a cursor's first column) where its loop carries state across it and no coarser key is
 * certain: `record --from-data` says so instead of offering other columns.
 */
export function carriedCursorEntity(scripts: readonly ParsedScript[], procedure: string, lines: SectionSpec['lines'], outputs: readonly string[], graph: DataFlowGraph | undefined): { readonly entity: string; readonly why: string } | undefined {
  if (graph === undefined) return undefined;
  const names = outputs.map((o) => normalizeObjectName(o));
  for (const state of sectionCursorCarriedStates(scripts, procedure, lines)) {
    const first = state.columns[0];
    const entity = first === undefined || first === '' ? undefined : entityOfCursorColumn(graph, lines, names, state.cursor, first.toLowerCase());
    const carried = entity === undefined ? undefined : carriedAcrossEntities(scripts, procedure, lines, outputs, entity, graph);
    if (entity !== undefined && carried !== undefined && carried.coarser === undefined) return { entity, why: carried.why };
  }
  return undefined;
}

/** The line of the `@entity:` tag in a feature's text (the Feature line when not found). */
function entityTagLine(spec: SectionSpec): number {
  try {
    const index = readFileSync(spec.file, 'utf8').split(/\r?\n/).findIndex((l) => /(^|\s)@entity:/i.test(l));
    return index >= 0 ? index + 1 : spec.line;
  } catch {
    return spec.line;
  }
}

/** SECTIONS_ENTITY_CROSS_READS for each `@entity` section (`scriptsOf`: the procedures' scripts, parsed once for a check of many procedures; `graphOf`: its procedure's data-flow graph, which maps the tag to a cursor's column) whose statements combine rows of several entities into its @output rows, or whose cursor loop carries state across them. */
export function checkEntityCrossReads(config: WorkspaceConfig, specs: readonly SectionSpec[], scriptsOf: () => readonly ParsedScript[] = () => loadScripts([join(config.root, config.paths.procedures)]), graphOf?: (spec: SectionSpec) => DataFlowGraph | undefined): SpecProblem[] {
  const tagged = specs.filter((s) => !s.ignored && s.entity !== undefined && s.lines.length > 0);
  if (tagged.length === 0) return [];
  const scripts = scriptsOf();
  // the files as the workspace names them, as check's other problems do
  const shown = (reads: readonly string[]): string => reads.map((r) => r.split(`${config.root}${sep}`).join('')).join('; ');
  const out: SpecProblem[] = [];
  for (const spec of tagged) {
    const entity = spec.entity as string;
    const procedure = spec.procedureName ?? spec.procedure;
    let rows: string[];
    try {
      rows = sectionCrossEntityReads(scripts, procedure, spec.lines, entity, { reachingOutputs: spec.outputs });
    } catch (err) {
      // a procedure the scripts do not hold: SPEC_UNKNOWN_PROC says so
      if (err instanceof LegacyError && err.code === 'LEGACY_UNKNOWN_PROCEDURE') continue;
      throw err;
    }
    const tag = `@entity:${encodeTagValue(quoteNamePart(entity))}`;
    const name = quoteNamePart(entity);
    const carried = carriedAcrossEntities(scripts, procedure, spec.lines, spec.outputs, entity, graphOf?.(spec));
    if (carried !== undefined) {
      const instead = carried.coarser === undefined ? `remove ${tag}` : `tag @entity:${encodeTagValue(quoteNamePart(carried.coarser))} (the key its state is reset on) or remove ${tag}`;
      out.push({
        kind: 'spec-problem', file: spec.file, line: entityTagLine(spec), column: 1, code: 'SECTIONS_ENTITY_CROSS_READS',
        message: `${tag}: the rows of one ${name} are computed from state earlier rows of other ${name} values left: ${shown([carried.why])}`,
        hint: `scenarios of one ${name} each cannot tell a transform that forgets that state, and \`migrate test\` fails a faithful transform on data with several: ${instead}, and give scenarios with several ${name} values`,
      });
    }
    if (rows.length === 0) continue;
    out.push({
      kind: 'spec-problem', file: spec.file, line: entityTagLine(spec), column: 1, code: 'SECTIONS_ENTITY_CROSS_READS',
      message: `${tag}: the section combines rows of several ${name} values into its output rows, so they are not computed per ${name}: ${shown(rows)}`,
      hint: `scenarios of one ${name} each cannot test this, and \`migrate test\` fails a faithful transform on data with several: remove ${tag} and give scenarios with several ${name} values by hand, or move the statements named to a section of their own`,
    });
  }
  return out;
}
