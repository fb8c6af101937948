import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath, UsageError } from '../../core';
import { loadWorkspaceConfig } from '../../sections';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { collectValues, paint } from '../output';
import type { ActionWrapper } from '../program';
import { recordFromData, type FromDataOutcome } from '../section-from-data';
import { WHOLE_DATA_ROWS } from '../whole-data-scenario';
import { parseSqlcmdFlags, SQLCMD_FLAG_HELP } from '../sqlcmd-flags';
import { COMPATIBILITY_LEVEL_FLAG_HELP, withCompatibilityLevel } from '../compatibility-level-flag';
import { LANGUAGE_FLAG_HELP, withLanguage } from '../language-flag';
import { SERVER_VERSION_FLAG_HELP, withServerVersion } from '../server-version-flag';
import { loadRecordContext, recordSection, type RecordOutcome } from '../section-recording';

interface RecordFlags {
  readonly root: string;
  readonly scenario?: string;
  readonly force?: boolean;
  readonly clock?: string;
  readonly allowDynamicSql?: boolean;
  readonly json?: boolean;
  readonly fromData?: string;
  readonly entities: string;
  readonly whole?: boolean;
  readonly param: string[];
  readonly sqlcmd: string[];
  readonly compatibilityLevel?: string;
  readonly language?: string;
  readonly serverVersion?: string;
}

/** Exit code of a recording: 2 when something was refused, 1 when something hand-written was skipped, else 0. */
export function recordExitCode(outcome: RecordOutcome): number {
  if (outcome.scenarios.some((s) => s.status === 'refused')) return EXIT_USAGE;
  return outcome.scenarios.some((s) => s.status === 'skipped') ? EXIT_FAILED : EXIT_OK;
}

/** The `--json` object: `{"section","file","clock","written","recorded":[…],"skipped":[…],"refused":[…]}`. */
export function recordJson(outcome: RecordOutcome, root: string): Record<string, unknown> {
  const pick = (status: string): { scenario: string; line: number; reason?: string }[] => outcome.scenarios.filter((s) => s.status === status).map(({ status: _s, ...rest }) => rest);
  return { section: outcome.section, file: displayPath(outcome.file, root), clock: outcome.clock, written: outcome.written, recorded: pick('recorded'), skipped: pick('skipped'), refused: pick('refused') };
}

/** `--from-data DIR`: new scenarios from real data; exit 0 (entities whose output cannot be recorded skipped with a warning), or 2 (nothing written) when anything else is refused or no entity could be recorded. */
async function fromDataAction(section: string, flags: RecordFlags & { fromData: string }): Promise<number> {
  if (flags.scenario !== undefined || flags.force) throw new UsageError('RECORD_FLAGS', '--from-data makes new scenarios: --scenario and --force do not apply');
  if (!/^[1-9]\d*$/.test(flags.entities)) throw new UsageError('RECORD_ENTITIES', `--entities ${flags.entities} is not a positive integer`, { hint: 'e.g. --entities 5' });
  const params: Record<string, string> = {};
  for (const p of flags.param) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError('RECORD_PARAM', `--param ${p} is not name=value`, { hint: 'e.g. --param FromDate=2026-03-02 (the @ is optional)' });
    params[p.slice(0, eq)] = p.slice(eq + 1);
  }
  const config = withServerVersion(withLanguage(withCompatibilityLevel(loadWorkspaceConfig(resolve(flags.root)), flags.compatibilityLevel), flags.language), flags.serverVersion);
  const ctx = await loadRecordContext(config, section, flags.clock, flags.allowDynamicSql ?? false, parseSqlcmdFlags(flags.sqlcmd, 'RECORD'));
  const outcome = await recordFromData(ctx, { dataDir: resolve(flags.fromData), entities: Number(flags.entities), params, whole: flags.whole === true });
  // an entity whose output could not be recorded is skipped, the others are written: a warning
  for (const s of outcome.skipped) process.stderr.write(`${paint('yellow', 'warning')} skipped ${outcome.section} › ${s.name}: ${s.reason}\n`);
  // a --param of the entity's own parameter keeps one entity's rows: the others were not recorded
  for (const l of outcome.leftOut) {
    process.stderr.write(`${paint('yellow', 'note')} left out ${l.count} ${l.count === 1 ? 'entity' : 'entities'} of ${outcome.section} (${l.entities.join(', ')}${l.count > l.entities.length ? ', …' : ''}): --param ${l.parameter}=${l.value} keeps none of their rows (${l.filter}); leave --param ${l.parameter} out to record each entity with its own value\n`);
  }
  // a scenario with rows in its Given and none in its Then tests nothing but "output nothing"
  for (const e of outcome.emptyThen) {
    process.stderr.write(`${e.written ? `${paint('yellow', 'note')} wrote` : `${paint('yellow', 'warning')} did not write`} ${outcome.section} › ${e.name}: its Then tables are all empty while its Given holds rows${e.written ? ' (the section\'s one scenario of nothing matching)' : ' (the section keeps one such scenario)'}; ${e.hint}\n`);
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ section: outcome.section, file: displayPath(outcome.file, config.root), clock: outcome.clock, written: outcome.written, scenarios: outcome.scenarios, skipped: outcome.skipped, uncovered: outcome.uncovered, sequences: outcome.sequences, crossEntity: outcome.crossEntity, leftOut: outcome.leftOut, emptyThen: outcome.emptyThen, writtenBefore: outcome.writtenBefore, ...(outcome.editedKept === undefined ? {} : { editedKept: outcome.editedKept }), ...(outcome.startState === undefined ? {} : { startState: outcome.startState }), ...(outcome.startRefused === undefined ? {} : { startRefused: outcome.startRefused }) })}\n`);
    return EXIT_OK;
  }
  const why = (s: FromDataOutcome['scenarios'][number]): string => (s.rerecorded !== true ? ''
    : s.thenChanged === true ? ' (its recorded Then was not what the emulator computes now)' : ' (its recording was of other statements than the section now holds)');
  for (const s of outcome.scenarios) process.stdout.write(`${paint('green', s.rerecorded === true ? 're-recorded' : 'made')} ${outcome.section} › ${s.name}: ${s.rows} input ${s.rows === 1 ? 'row' : 'rows'}${why(s)}\n`);
  // a recorded scenario whose Given was edited is the person's: said, not rewritten from the data
  for (const name of outcome.editedKept ?? []) {
    process.stderr.write(`${paint('yellow', 'warning')} kept ${outcome.section} › ${name}: its Given or When steps are not what this data gives now (edited by hand, or the data changed), so its Then was not compared; \`migrate sections record ${outcome.section} --scenario "${name}"\` records its Then again from its own Given\n`);
  }
  if (outcome.uncovered.length > 0) process.stdout.write(`no ${outcome.section.split('/')[0]} entity in the data shows: ${outcome.uncovered.join(', ')}\n`);
  const start = outcome.startState;
  if (start !== undefined && start.lines !== '') {
    const on = flags.whole === true ? 'the data' : start.cutAfter === true ? 'all of the data, cut to that entity' : "that entity's data";
    process.stdout.write(`${flags.whole === true ? 'the Given' : 'each Given'} is what lines ${start.lines} of the procedure leave on ${on}${start.variables.length > 0 ? ` (with ${start.variables.join(', ')})` : ''}\n`);
  }
  if (start?.views !== undefined) process.stdout.write(`the rows of ${start.views.join(', ')} are computed from the data's tables of ${start.views.length === 1 ? 'the view' : 'each view'} (no file of ${start.views.length === 1 ? 'its' : 'their'} own in the data)\n`);
  if (outcome.startRefused !== undefined) process.stderr.write(`${paint('yellow', 'warning')} ${outcome.startRefused}\n`);
  // the Then rows hold keys the scripts' START WITH gives, which no Given states: the transform needs that value too
  if (outcome.crossEntity.length > 0) {
    process.stderr.write(`${paint('yellow', 'note')} each scenario holds one entity (the @entity column), but the section combines rows of several: ${outcome.crossEntity.join('; ')}; a transform that totals or ranks per entity passes these scenarios: add one with several entities: \`--from-data <dir> --whole\` records a small data folder whole as one scenario, or write its Given rows by hand (then \`migrate sections record\` fills its Then)\n`);
  }
  if (outcome.sequences.length > 0) {
    const one = outcome.sequences.length === 1;
    process.stderr.write(`${paint('yellow', 'note')} ${outcome.sequences.map((q) => `the sequence ${q}`).join(', ')} ${one ? 'was' : 'were'} numbered in each scenario from where the scripts leave ${one ? 'it' : 'them'} (START WITH, or the last RESTART), not from the database's next value: the Then rows hold those numbers, so give the transform that value (a parameter, \`Given parameter @Next… = <START WITH>\` in each scenario)\n`);
  }
  // the Given rows are the data's, as the procedure starts, where the section meets what those statements left
  if (outcome.writtenBefore.length > 0) process.stderr.write(`${paint('yellow', 'warning')} the procedure writes ${outcome.writtenBefore.join(', ')} before this section: the Given rows are the data's as the procedure starts; check them (or give the rows the section starts with by hand)\n`);
  process.stdout.write(outcome.written ? `wrote ${displayPath(outcome.file, config.root)} (@recorded:${outcome.clock})\n` : `${displayPath(outcome.file, config.root)} unchanged (its scenarios from this data exist)\n`);
  return EXIT_OK;
}

async function recordAction(section: string, flags: RecordFlags): Promise<number> {
  if (flags.whole === true && flags.fromData === undefined) throw new UsageError('RECORD_WHOLE', '--whole records the data of --from-data whole', { hint: 'add --from-data <dir>' });
  if (flags.fromData !== undefined) return fromDataAction(section, { ...flags, fromData: flags.fromData });
  const config = withServerVersion(withLanguage(withCompatibilityLevel(loadWorkspaceConfig(resolve(flags.root)), flags.compatibilityLevel), flags.language), flags.serverVersion);
  const ctx = await loadRecordContext(config, section, flags.clock, flags.allowDynamicSql ?? false, parseSqlcmdFlags(flags.sqlcmd, 'RECORD'));
  const outcome = await recordSection(ctx, { scenario: flags.scenario, force: flags.force });
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(recordJson(outcome, config.root))}\n`);
    return recordExitCode(outcome);
  }
  for (const s of outcome.scenarios) {
    const label = s.status === 'recorded' ? paint('green', 'recorded') : s.status === 'skipped' ? paint('yellow', 'skipped') : paint('red', 'refused');
    process.stdout.write(`${label} ${outcome.section} › ${s.scenario} (line ${s.line})${s.reason ? `: ${s.reason}` : ''}\n`);
  }
  process.stdout.write(outcome.written ? `wrote ${displayPath(outcome.file, config.root)} (@recorded:${outcome.clock})\n` : `${displayPath(outcome.file, config.root)} unchanged\n`);
  return recordExitCode(outcome);
}

/** Registers `migrate sections record <section>`. */
export function registerRecord(sections: Command, run: ActionWrapper): void {
  sections.command('record')
    .description('fill the Then tables of a section\'s scenarios by running its legacy statements (@lines) in the T-SQL emulator on each scenario\'s Given; never overwrites hand-written rows without --force')
    .argument('<section>', 'section id, e.g. dbo.usp_CountEntityLetters/01-count-letters, or its .feature path')
    .option('--root <dir>', 'workspace root', '.')
    .option('--scenario <name>', 'only the scenario with this name')
    .option('--force', 'also overwrite scenarios whose Then rows are hand-written')
    .option('--clock <datetime>', 'GETDATE()/SYSDATETIME() of the runs, e.g. 2026-12-03T00:00:00 (default 2000-01-01T00:00:00, as capture); recorded in the @recorded tag')
    .option('--allow-dynamic-sql', 'let the emulator run EXEC (@sql) / sp_executesql')
    .option('--sqlcmd <name=value>', SQLCMD_FLAG_HELP, collectValues, [])
    .option('--compatibility-level <n>', COMPATIBILITY_LEVEL_FLAG_HELP)
    .option('--language <name>', LANGUAGE_FLAG_HELP)
    .option('--server-version <year>', SERVER_VERSION_FLAG_HELP)
    .option('--from-data <dir>', 'make new scenarios from real input data (one CSV per table, as `migrate capture --data` takes): entities that cover the cases, every table sliced to each')
    .option('--entities <n>', 'with --from-data: how many entities (scenarios) to pick', '5')
    .option('--whole', `with --from-data: one scenario of the data folder whole, every entity in it (a section no column keys; a total or ranking across entities), at most ${WHOLE_DATA_ROWS} rows per table`)
    .option('--param <name=value>', 'with --from-data: a procedure parameter for the new scenarios (repeatable), e.g. --param FromDate=2026-03-02', collectValues, [])
    .option('--json', 'print {"section","file","clock","written","recorded","skipped","refused"} (with --from-data: {"section","file","clock","written","scenarios","skipped","uncovered","sequences","crossEntity","leftOut","emptyThen","writtenBefore"}, and "startState" {"lines","variables","views"?,"cutAfter"?} where the statements before the section ran first (or views were computed from their tables; cutAfter: on all of the data, then cut to each entity), "startRefused" where they could not)')
    .addHelpText('after', '\nExit codes: 0 recorded (or scenarios made); 1 a scenario was skipped because its Then rows are hand-written (--force overwrites); 2 usage, or the emulator refused (file:line:col and construct).')
    .action(run(recordAction));
}
