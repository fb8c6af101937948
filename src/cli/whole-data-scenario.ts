// `sections record --from-data DIR --whole`: one scenario holding the data folder whole, every
// entity in it. For a section no column keys (a region total over every customer, a ranking
// across them, a loop carrying a value from one customer to the next) there is no one entity to
// cut the data to, and for a keyed one whose statements also combine entities the per-entity
// scenarios test none of that: a small data folder (a sample a person picked) recorded whole
// covers it, rather than every Given row written by hand. Larger data is refused: a scenario is
// read by people, and its Given rows are its test data.
import { basename } from 'node:path';
import { displayPath, UsageError, writeFileAtomic } from '../core';
import { appendScenarios, CellMismatch, replaceScenarios, type FeatureLayout, type TableData } from '../sections';
import type { FromDataOutcome } from './section-from-data';
import { inputsWrittenBefore, isStaleRecording, scenarioBlock, startOf, thenShapes } from './section-from-data';
import { scenarioParams } from './scenario-params';
import { linesText } from './line-ranges';
import { runLegacySection, startValueSteps, type RecordContext } from './section-recording';
import type { SectionStartPlan } from './section-start-state';
import { recordedAgainChange } from './recorded-again';

/** Rows a table of the data may hold for it to be recorded whole (the limit a table every entity reads whole has too). */
export const WHOLE_DATA_ROWS = 200;

/** What to do, for a section without @entity, instead of picking entities: --whole, on small enough data. */
export function wholeDataHint(section: string, tables: readonly TableData[]): string {
  const largest = [...tables].sort((a, b) => b.rows.length - a.rows.length)[0];
  const fits = largest === undefined || largest.rows.length <= WHOLE_DATA_ROWS;
  return `or record the data folder whole, every entity in one scenario: \`migrate sections record ${section} --from-data <dir> --whole\`${fits ? '' : ` on a sample of at most ${WHOLE_DATA_ROWS} rows per table (${largest.name} has ${largest.rows.length})`}`;
}

/**
 * One scenario holding the data folder's rows whole (as the statements before the section leave
 * them, where it has such statements), its Then tables from the legacy run. Recorded again in
 * its place when the section's statements changed since; kept when already there.
 */
export async function recordWholeData(ctx: RecordContext, layout: FeatureLayout, options: { readonly dataDir: string; readonly params: Readonly<Record<string, string>> }, plan: SectionStartPlan | undefined, tables: readonly TableData[], views: ReadonlySet<string>): Promise<FromDataOutcome> {
  const source = displayPath(options.dataDir, ctx.config.root) || basename(options.dataDir);
  const name = `The whole of ${source}`;
  const rows = tables.reduce((n, t) => n + t.rows.length, 0);
  const large = tables.filter((t) => t.rows.length > WHOLE_DATA_ROWS);
  if (large.length > 0) {
    throw new UsageError('RECORD_FROM_DATA_WHOLE', `${ctx.spec.id}: --whole records ${source} as one scenario, but ${large.map((t) => `${t.name} has ${t.rows.length} rows`).join(', ')}, past the ${WHOLE_DATA_ROWS} rows per table a scenario people read can hold`, {
      hint: ctx.spec.entity === undefined ? `cut the data folder to a sample of at most ${WHOLE_DATA_ROWS} rows per table, or write the scenario's Given rows by hand` : `leave --whole out: --from-data then records one ${ctx.spec.entity} per scenario; or cut the data folder to a sample`,
    });
  }
  const outcome = (made: FromDataOutcome['scenarios'], written: boolean, existing: number, text: string): FromDataOutcome => ({
    section: ctx.spec.id, file: ctx.file, clock: ctx.clock, scenarios: made, uncovered: [], writtenBefore: plan === undefined ? inputsWrittenBefore(ctx, tables.map((t) => t.name)) : [],
    ...(plan === undefined ? {} : { startState: { lines: linesText(plan.lines, ctx.spec.lines), variables: plan.variables.map((v) => v.name), ...(views.size > 0 ? { views: [...views] } : {}) } }),
    skipped: [], existing, written: written && text !== ctx.text, sequences: [], crossEntity: [], leftOut: [], emptyThen: [],
  });
  const old = layout.scenarios.find((s) => s.name.trim().toLowerCase() === name.toLowerCase());
  // one recorded from these statements is recorded again and compared (recorded-again.ts); a hand-written one is kept
  const again = old !== undefined && !isStaleRecording(old, ctx.statements) ? old : undefined;
  if (again !== undefined && !again.tags.some((t) => /^@recorded(?::|$)/i.test(t.name))) return outcome([], false, 1, ctx.text);
  const { all: params, written: paramLines, start: startParams } = scenarioParams(ctx, layout, options.params);
  const startLines = plan === undefined || plan.lines.length === 0 ? undefined : linesText(plan.lines, ctx.spec.lines);
  // a value no scenario can hold: what the statements before leave (a column they fill as SQL Server would not, which
  // the section reads), or an output SQL Server's plan decides (ties under TOP, a cursor without ORDER BY)
  const refused: (err: unknown, hint: string) => never = (err, hint) => {
    if (!(err instanceof CellMismatch)) throw err;
    throw new UsageError('RECORD_FROM_DATA_REFUSED', `${ctx.spec.id}: the whole of ${source} could not be recorded: ${err.message}`, { hint });
  };
  const start = plan === undefined ? undefined : await startOf(ctx, plan, tables, startParams, true).catch((err: unknown) => refused(err, 'nothing was written; write the scenario\'s Given and Then rows by hand, or pick other data'));
  if (start === 'returned') throw new UsageError('RECORD_FROM_DATA_REFUSED', `${ctx.spec.id}: the procedure ends before this section on the data of ${source} (a RETURN, or a GOTO to its end, among lines ${startLines ?? ''})`, { hint: 'pick data on which the procedure reaches the section, or write the scenario\'s Given rows by hand' });
  const given = start?.tables ?? tables;
  const runParams = start === undefined ? params : [...params.filter((x) => !start.params.some((v) => v.name.toLowerCase() === x.name.toLowerCase())), ...start.params];
  const result = await runLegacySection(ctx, given, runParams);
  const reassigned = new Set(start?.params.map((v) => v.name.toLowerCase()) ?? []);
  const stated = paramLines.filter((line) => !reassigned.has(/^Given parameter (@[^:\s]+)/.exec(line)?.[1]?.toLowerCase() ?? ''));
  const described = `Every row of ${source}, ${rows} input ${rows === 1 ? 'row' : 'rows'}, every entity in one scenario (--whole).`;
  let block: string;
  try {
    block = scenarioBlock(ctx, name, described, [...stated, ...(start?.steps ?? []), ...startValueSteps(result)], given, result, thenShapes(layout), outcome([], false, 0, '').writtenBefore, startLines, views);
  } catch (err) {
    refused(err, 'nothing was written; give the scenario\'s Then rows by hand, or pick other data');
  }
  const change = again === undefined ? undefined : recordedAgainChange(ctx.text, again, block);
  if (change === 'same' || change === 'edited') return { ...outcome([], false, 1, ctx.text), ...(change === 'edited' ? { editedKept: [again?.name.trim() ?? name] } : {}) };
  const text = old === undefined ? appendScenarios(ctx.text, [block]) : replaceScenarios(ctx.text, [{ scenario: old, block }]);
  if (text !== ctx.text) writeFileAtomic(ctx.file, text);
  return outcome([{ name, entity: '', cases: [], rows, ...(old !== undefined ? { rerecorded: true } : {}), ...(change === 'then' ? { thenChanged: true as const } : {}) }], true, 0, text);
}
