import { basename } from 'node:path';
import { SectionsError } from '../core';
import type { Transform } from '../engine';
import { normalizeObjectName, type SectionSpec } from './spec-model';

/**
 * The other side of `RUN_FEED_NOT_OUTPUT`: a section whose @output names a table that a later
 * section's transform reads, while its own transform does not output it (no `outputName`, no
 * `moreOutputs` entry). `migrate run` hands the reader what the last earlier transform output,
 * else the data folder's rows: either way not the rows the legacy section leaves, and plausible
 * wrong numbers. Refused before anything runs, at the writer's Feature line. `tableKeyOf`: one
 * key for every name a table goes by (a synonym and its target).
 */
export function refuseOutputsNotProduced(steps: readonly { readonly spec: SectionSpec; readonly t: Transform; readonly file: string }[], tableKeyOf: (name: string) => string = normalizeObjectName): void {
  const produces = (t: Transform, key: string): boolean => tableKeyOf(t.outputName) === key || Object.keys(t.moreOutputs ?? {}).some((m) => tableKeyOf(m) === key);
  steps.forEach((reader, j) => {
    for (const input of Object.keys(reader.t.inputs)) {
      const key = tableKeyOf(input);
      // the section the reader's rows of the table come from: the last earlier one that states it or outputs it
      const writer = steps.slice(0, j).reverse().find((w) => produces(w.t, key) || (w.spec.outputs ?? []).some((o) => tableKeyOf(o) === key));
      if (writer === undefined || produces(writer.t, key)) continue;
      const outputs = [writer.t.outputName, ...Object.keys(writer.t.moreOutputs ?? {})].join(', ');
      throw new SectionsError('RUN_OUTPUT_NOT_PRODUCED', `${writer.spec.file}:${writer.spec.line}:1: ${writer.spec.id}'s @output names ${input}, which ${reader.spec.id} reads after it, but its transform (${basename(writer.file)}) outputs only ${outputs}: migrate run would give ${reader.spec.id} rows of ${input} other than the ones ${writer.spec.id} leaves, and plausible wrong numbers`, {
        hint: `add ${input} to moreOutputs of ${basename(writer.file)} (its rows as the section leaves them, as its scenarios' Then table states), or take it out of ${writer.spec.id}'s @output if the section does not write it`,
      });
    }
  });
}
