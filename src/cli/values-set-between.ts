// `migrate sections record`: a variable that another section's statement sets between the
// section's own lines (`SET @BatchId = SCOPE_IDENTITY()` at line 11 of a section cut as
// `@lines:8,14-17`), whose skeleton step propose writes as `Given parameter @BatchId:int? = TODO`.
// Run alone the section would read it as it stood before that statement (a DECLARE's NULL) and
// record plausible wrong rows, so the emulator refuses (section-set-between.ts); here the refusal
// points at the spec's step that must hold the value, and says how to give it.
import { displayPath, LegacyError, UsageError, type ErrorLocation, type MigrateError } from '../core';
import { sectionVariablesSetBetween } from '../legacy';
import { STEP_PATTERNS, type FeatureLayout, type LayoutStep, type ParamValue } from '../sections';
import type { RecordContext } from './section-recording';

/** The feature's step at a line (1-based) and column as an error location, with its text for the caret. */
function stepLocation(ctx: RecordContext, line: number, column: number, length: number): ErrorLocation {
  const lines = ctx.text.split('\n');
  const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return { file: ctx.file, source: ctx.text, span: { start: { offset, line, column }, end: { offset: offset + length, line, column: column + length } } };
}

/** Where `name` stands in the step's text on its line (1-based column), else the step's own column. */
function nameColumn(ctx: RecordContext, line: number, name: string, fallback: number): number {
  const at = (ctx.text.split('\n')[line - 1] ?? '').toLowerCase().indexOf(name.toLowerCase());
  return at < 0 ? fallback : at + 1;
}

/** The `Given parameter <name> …` step of the feature (Background first, then the scenarios), if any. */
function paramStep(layout: FeatureLayout, name: string): LayoutStep | undefined {
  const named = (step: LayoutStep): boolean => STEP_PATTERNS.givenParam.exec(step.text)?.[1]?.toLowerCase() === name.toLowerCase();
  return layout.background.find(named) ?? layout.scenarios.flatMap((s) => s.steps).find(named);
}

/**
 * `--from-data`: refuses, before any run, a section reading a variable that another section's
 * statement sets between its lines when neither the Background nor `--param` gives its value:
 * the data cannot say what that statement leaves (the section's statements around it would have
 * to run in their legacy order), and a made-up NULL would be recorded as the legacy result.
 */
export function refuseValuesSetBetween(ctx: RecordContext, layout: FeatureLayout, params: Readonly<Record<string, string>>): void {
  const given = new Set(Object.keys(params).map((k) => (k.startsWith('@') ? k : `@${k}`).toLowerCase()));
  for (const step of layout.background) {
    const m = STEP_PATTERNS.givenParam.exec(step.text);
    if (m !== null && !/^todo$/i.test((m[3] ?? '').trim())) given.add((m[1] as string).toLowerCase());
  }
  const missing = sectionVariablesSetBetween(ctx.scripts, ctx.spec.procedureName ?? ctx.spec.procedure, ctx.spec.lines).filter((v) => !given.has(v.name.toLowerCase()));
  const first = missing[0];
  if (first === undefined) return;
  const proc = displayPath(first.file, ctx.config.root);
  const why = `${first.name} is set between the section's lines, by ${proc}:${first.setLine}:${first.setColumn} (a statement of another section), before the section reads it at ${proc}:${first.readLine}:${first.readColumn}: the data cannot give the value it holds there, and run without it the section would read ${first.name} as it stood before that statement`;
  const bare = first.name.replace(/^@/, '');
  const hint = `nothing was written; give the value ${first.name} holds after line ${first.setLine}: --param ${bare}=<value>, or \`Given parameter ${first.name}:<type> = <value>\` in the feature's Background`;
  const step = paramStep(layout, first.name);
  if (step === undefined) throw new UsageError('RECORD_FROM_DATA_VALUE', why, { hint });
  const column = nameColumn(ctx, step.line, first.name, step.column);
  throw new UsageError('RECORD_FROM_DATA_VALUE', `${why} (the feature's step for it is still TODO)`, { hint, location: stepLocation(ctx, step.line, column, first.name.length) });
}

/**
 * A refusal of a scenario's run that names a variable the scenario leaves `= TODO`: the
 * emulator's message (located in the procedure), then the scenario's step to write the value
 * into, located in the feature.
 */
export function withPendingStep(ctx: RecordContext, err: unknown, pending: readonly ParamValue[]): unknown {
  if (!(err instanceof LegacyError) || err.code !== 'LEGACY_SECTION_INPUT') return err;
  const named = pending.find((p) => new RegExp(`${p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w@#$])`, 'i').test(err.message));
  if (named === undefined) return err;
  const column = nameColumn(ctx, named.line, named.name, 1);
  const at = `${displayPath(ctx.file, ctx.config.root)}:${named.line}:${column}`;
  const hint = `write the value ${named.name} holds when the section reads it into the scenario's \`Given parameter ${named.name}\` step at ${at}, which is still TODO${err.hint === undefined ? '' : `; ${err.hint}`}`;
  return new LegacyError(err.code, err.message, { location: err.location, hint }) as MigrateError;
}
