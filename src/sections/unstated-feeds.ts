import { normalizeObjectName, type SectionSpec, type SpecProblem } from './spec-model';
import { encodeTagValue } from './spec-names';

/*
 * `migrate run` hands a section the tables earlier sections' transforms output (their @output
 * tags); any other input comes from the data folder. A table section 01's statements write but
 * its @output leaves out, read by section 02 after it, reaches 02 as the data's rows, not as 01
 * leaves them: 02's numbers are wrong in the new pipeline, and only `migrate accept` would show a
 * difference, far from its cause. A write the section's statements make is an error here
 * (propose always names such a table); a write only a trigger it fires makes is a warning (the
 * draft refuses a trigger-written output, and propose does not name those).
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

/**
 * SECTIONS_FEED_NOT_OUTPUT (and, for a trigger's write, SECTIONS_TRIGGER_FEED_NOT_OUTPUT) at the
 * section whose write a later section reads while its @output does not name it. Only the last
 * earlier writer counts: a later write that is output replaces what the reader sees.
 */
export function checkUnstatedFeeds(flows: readonly SectionFlow[], shown: (key: string) => string): SpecProblem[] {
  const out: SpecProblem[] = [];
  const reported = new Set<string>();
  flows.forEach((reader, i) => {
    for (const key of reader.reads) {
      const writer = flows.slice(0, i).reverse().find((f) => f.writes.has(key) || f.triggered.has(key));
      if (writer === undefined || writer.spec.outputs.some((o) => normalizeObjectName(o) === key)) continue;
      const once = `${writer.spec.id}\u0000${key}`;
      if (reported.has(once)) continue;
      reported.add(once);
      const trigger = writer.writes.has(key) ? undefined : writer.triggered.get(key);
      const by = trigger === undefined ? 'its statements write' : `the trigger ${trigger} its statements fire writes`;
      out.push({
        kind: 'spec-problem', file: writer.spec.file, line: writer.spec.line, column: 1,
        code: trigger === undefined ? 'SECTIONS_FEED_NOT_OUTPUT' : 'SECTIONS_TRIGGER_FEED_NOT_OUTPUT',
        message: `${reader.spec.id} reads ${shown(key)}, which ${by}, but its @output does not name it: \`migrate run\` would give ${reader.spec.id} the data's rows of ${shown(key)}, not the ones this section leaves`,
        hint: `add @output:${encodeTagValue(shown(key))} to this section's tags, a Then table for it to its scenarios, and the rows to its transform's outputs`,
      });
    }
  });
  return out;
}
