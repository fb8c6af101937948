import type { DataFlowGraph, Step } from '../dataflow';
import { sectionCoversLine } from './collect-status';
import { DATA_NODE_KINDS, IN_PLACE_CHANGES, isCatalogViewNode, sectionInputs, shownName, specKey, tableParametersRead } from './section-flow';
import { normalizeObjectName, type SectionSpec, type SpecProblem } from './spec-model';
import { encodeTagValue } from './spec-names';
import type { TableTrigger } from './table-triggers';
import { triggerWrites } from './triggered-writes';

/*
 * `migrate run` hands a section the tables earlier sections' transforms output (their @output
 * tags); any other input comes from the data folder. A table section 01's statements write but
 * its @output leaves out, read by section 02 after it, reaches 02 as the data's rows, not as 01
 * leaves them: 02's numbers are wrong in the new pipeline, and only `migrate accept` would show a
 * difference, far from its cause. A write the section's statements make is an error of `sections
 * check` (propose always names such a table); a write only a trigger it fires makes is a warning
 * there (the draft refuses a trigger-written output, and propose does not name those). `migrate
 * run` refuses both: either way it would hand the reader the wrong rows.
 */

/** What check knows of one running section: the tables (normalised keys) it writes and needs given. */
export interface SectionFlow {
  readonly spec: SectionSpec;
  /** Tables its own statements write. */
  readonly writes: ReadonlySet<string>;
  /** Tables only the triggers its statements fire write, with the trigger (as written). */
  readonly triggered: ReadonlyMap<string, string>;
  /** Tables it reads before writing them, or changes in place: what a scenario gives it. */
  readonly reads: ReadonlySet<string>;
}

/** A table an earlier section writes and a later one reads, which the writer's @output leaves out. */
export interface UnstatedFeed {
  readonly writer: SectionSpec;
  readonly reader: SectionSpec;
  /** The table, normalised. */
  readonly key: string;
  /** The trigger (as written) that writes it, when the writer's statements do not themselves. */
  readonly trigger?: string;
}

/** The flow of one running section `spec`, whose statements are `steps` of the procedure's `graph`. */
export function sectionFlowOf(graph: DataFlowGraph, spec: SectionSpec, steps: readonly Step[], triggers: ReadonlyMap<string, readonly TableTrigger[]> | undefined): SectionFlow {
  const isData = (id: string): boolean => DATA_NODE_KINDS.has(graph.nodes.find((n) => n.id === id)?.kind ?? '');
  const written = new Set(steps.flatMap((st) => st.writes.map((w) => w.node)).filter(isData));
  // a catalog view is read, but no scenario can give it (propose notes the read instead)
  const readIds = new Set(steps.flatMap((st) => st.reads.map((r) => r.node)).filter((id) => isData(id) && !isCatalogViewNode(graph, id)));
  // the Given tables it needs: what it reads before filling it, and what it changes in place
  const reads = new Set(sectionInputs(graph, steps, IN_PLACE_CHANGES).map((id) => specKey(graph, id)));
  for (const id of readIds) if (!written.has(id)) reads.add(specKey(graph, id));
  // a table-valued parameter the section passes on (`EXEC p @Lines = @Lines`) is given as its rows
  for (const id of tableParametersRead(graph, steps)) reads.add(specKey(graph, id));
  const writes = new Set([...written].map((id) => specKey(graph, id)));
  return { spec, writes, triggered: triggerWrites(steps.flatMap((st) => st.fires ?? []), triggers), reads };
}

/**
 * The tables a section writes (or a trigger its statements fire writes) that a later section
 * reads while the writer's @output does not name them. Only the last earlier writer counts: a
 * later write that is output replaces what the reader sees. One per writer and table.
 */
export function findUnstatedFeeds(flows: readonly SectionFlow[]): UnstatedFeed[] {
  const out: UnstatedFeed[] = [];
  const reported = new Set<string>();
  flows.forEach((reader, i) => {
    for (const key of reader.reads) {
      const writer = flows.slice(0, i).reverse().find((f) => f.writes.has(key) || f.triggered.has(key));
      if (writer === undefined || writer.spec.outputs.some((o) => normalizeObjectName(o) === key)) continue;
      const once = `${writer.spec.id}\u0000${key}`;
      if (reported.has(once)) continue;
      reported.add(once);
      const trigger = writer.writes.has(key) ? undefined : writer.triggered.get(key);
      out.push({ writer: writer.spec, reader: reader.spec, key, ...(trigger === undefined ? {} : { trigger }) });
    }
  });
  return out;
}

/**
 * The unstated feeds among a procedure's sections, read from its graph as `sections check` reads
 * them (what `migrate run` refuses), each with its table as the procedure writes it; ignored
 * sections never run, so they neither feed nor read.
 */
export function procedureUnstatedFeeds(graph: DataFlowGraph, specs: readonly SectionSpec[], triggers: ReadonlyMap<string, readonly TableTrigger[]> | undefined): (UnstatedFeed & { readonly table: string })[] {
  const flows = specs.filter((s) => !s.ignored).map((spec) => sectionFlowOf(graph, spec, graph.steps.filter((st) => sectionCoversLine(spec, st.lines.start)), triggers));
  return findUnstatedFeeds(flows).map((f) => ({ ...f, table: shownName(graph, f.key) }));
}

/** What to do about an unstated feed of table `shown` (as the procedure writes it). */
export function unstatedFeedHint(shown: string): string {
  return `add @output:${encodeTagValue(shown)} to this section's tags, a Then table for it to its scenarios, and the rows to its transform's outputs`;
}

/**
 * SECTIONS_FEED_NOT_OUTPUT (and, for a trigger's write, SECTIONS_TRIGGER_FEED_NOT_OUTPUT) at the
 * section whose write a later section reads while its @output does not name it.
 */
export function checkUnstatedFeeds(flows: readonly SectionFlow[], shown: (key: string) => string): SpecProblem[] {
  return findUnstatedFeeds(flows).map(({ writer, reader, key, trigger }) => {
    const by = trigger === undefined ? 'its statements write' : `the trigger ${trigger} its statements fire writes`;
    return {
      kind: 'spec-problem', file: writer.file, line: writer.line, column: 1,
      code: trigger === undefined ? 'SECTIONS_FEED_NOT_OUTPUT' : 'SECTIONS_TRIGGER_FEED_NOT_OUTPUT',
      message: `${reader.id} reads ${shown(key)}, which ${by}, but its @output does not name it: \`migrate run\` would give ${reader.id} the data's rows of ${shown(key)}, not the ones this section leaves`,
      hint: unstatedFeedHint(shown(key)),
    };
  });
}
