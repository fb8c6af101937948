import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../core';
import { loadWorkspaceConfig } from '../../sections';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { paint } from '../output';
import type { ActionWrapper } from '../program';
import { loadRecordContext, recordSection, type RecordOutcome } from '../section-recording';

interface RecordFlags {
  readonly root: string;
  readonly scenario?: string;
  readonly force?: boolean;
  readonly clock?: string;
  readonly allowDynamicSql?: boolean;
  readonly json?: boolean;
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

async function recordAction(section: string, flags: RecordFlags): Promise<number> {
  const config = loadWorkspaceConfig(resolve(flags.root));
  const ctx = await loadRecordContext(config, section, flags.clock, flags.allowDynamicSql ?? false);
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
    .option('--json', 'print {"section","file","clock","written","recorded","skipped","refused"}')
    .addHelpText('after', '\nExit codes: 0 recorded; 1 a scenario was skipped because its Then rows are hand-written (--force overwrites); 2 usage, or the emulator refused (file:line:col and construct).')
    .action(run(recordAction));
}
