import type { LayoutScenario } from '../sections';

/**
 * What recording a scenario of the data again would change in the one of that name already in
 * the .feature (a @recorded scenario made from the same statements): `same` when the block record
 * would write holds the same steps, `then` when only its Then steps differ (the emulator computes
 * other rows now: a Then recorded under an older emulator's bug must not survive a second run),
 * `edited` when its Given or When steps differ too (a person edited them, or the data changed),
 * which record leaves to the person. Tags, the Scenario line and the description are record's own
 * wording and not compared.
 */
export function recordedAgainChange(text: string, old: LayoutScenario, block: string): 'same' | 'then' | 'edited' {
  const lines = text.split(/\r?\n/);
  const firstStep = old.steps[0]?.line ?? old.lastLine + 1;
  const written = stepsOf(lines.slice(firstStep - 1, old.lastLine));
  const now = stepsOf(block.split('\n'));
  if (written.before.join('\n') !== now.before.join('\n')) return 'edited';
  return written.then.join('\n') === now.then.join('\n') ? 'same' : 'then';
}

const STEP = /^\s*(?:Given|And|When|But|\*)\s/;

/** A scenario's step lines from its first step (tags, name and description left out), trailing
 * blanks and blank lines too, split at its first Then step. */
function stepsOf(lines: readonly string[]): { before: string[]; then: string[] } {
  const all = lines.map((l) => l.replace(/\s+$/, '')).filter((l) => l !== '');
  const kept = all.slice(Math.max(0, all.findIndex((l) => STEP.test(l))));
  const at = kept.findIndex((l) => /^\s*Then\s/.test(l));
  return at < 0 ? { before: kept, then: [] } : { before: kept.slice(0, at), then: kept.slice(at) };
}
