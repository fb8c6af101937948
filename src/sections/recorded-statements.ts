// A recorded scenario's Then rows are what the section's statements produced when it was
// recorded. Widen a section's @lines, or change the procedure, and those rows no longer say
// what the section computes: they would pass or fail `migrate test` for the wrong reason. So
// `sections record` tags each scenario it records with a fingerprint of the statements it ran
// (`@statements:3f2a9c01b2e4`), `record --from-data` re-records a recorded scenario whose
// fingerprint differs (or that has none), and `sections check` refuses one that is stale.
import { createHash } from 'node:crypto';
import type { LineRange, SectionSpec, SpecProblem } from './spec-model';

/** The scenario tag that holds the fingerprint: `@statements:<12 hex digits>`. */
export const STATEMENTS_TAG = '@statements:';

/**
 * The fingerprint of the statements on `lines` of the procedure's file: their text with each
 * line's runs of blanks made one and blank lines left out (re-indenting changes nothing; any
 * other edit of a statement, a comment among them, or a line more or less does).
 */
export function statementsFingerprint(source: string, lines: readonly LineRange[]): string {
  const all = source.split(/\r?\n/);
  const text = [...lines].sort((a, b) => a.start - b.start)
    .flatMap((r) => all.slice(r.start - 1, r.end))
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** The fingerprint a scenario's tags hold, when one of them is `@statements:…`. */
export function statementsTagValue(tags: readonly { readonly name: string }[]): string | undefined {
  const tag = tags.find((t) => t.name.toLowerCase().startsWith(STATEMENTS_TAG));
  return tag === undefined ? undefined : tag.name.slice(STATEMENTS_TAG.length).toLowerCase();
}

/**
 * SECTIONS_RECORDING_STALE for each scenario recorded from other statements than the section's
 * lines now hold: its Then rows are not what the section computes. A problem, not a warning (a
 * spec that states wrong rows is not valid); a fresh proposal has no recorded scenario.
 */
export function checkRecordingsCurrent(source: string, specs: readonly SectionSpec[]): SpecProblem[] {
  const out: SpecProblem[] = [];
  for (const spec of specs.filter((s) => !s.ignored && s.lines.length > 0)) {
    const now = statementsFingerprint(source, spec.lines);
    for (const sc of spec.scenarios) {
      if (sc.statements === undefined || sc.statements === now) continue;
      out.push({
        kind: 'spec-problem', file: spec.file, line: sc.line, column: 1, code: 'SECTIONS_RECORDING_STALE',
        message: `scenario '${sc.name}' was recorded from other statements than lines ${spec.lines.map((r) => (r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(',')} of ${spec.procedureName ?? spec.procedure} now hold (${STATEMENTS_TAG}${sc.statements}, now ${now}): its Then rows may not be what the section computes`,
        hint: `re-record it: \`migrate sections record ${spec.id}\` (or \`--from-data <dir>\` again); a scenario whose rows you wrote yourself: check them and remove its ${STATEMENTS_TAG} tag`,
      });
    }
  }
  return out;
}
