import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatPercent } from '../../acceptance';
import { collectStatus, loadWorkspaceConfig, type ProcedureStatus } from '../../sections';
import { EXIT_OK } from '../exit-codes';
import { formatTable, paint } from '../output';
import type { ActionWrapper } from '../program';

interface StatusFlags {
  readonly json?: boolean;
  readonly markdown?: boolean;
  readonly root: string;
}

const pct = (n: number, d: number): string => (d === 0 ? '-' : `${Math.floor((100 * n) / d)}%`);

/** The cells of one procedure's row, for the text and Markdown tables. */
function cells(p: ProcedureStatus): string[] {
  return [
    p.name,
    `${p.covered}/${p.statements}`, pct(p.covered, p.statements),
    `${p.implemented}/${p.sections}`,
    // never "0/N" for scenarios nobody ran: that reads as N failures
    p.sections === 0 ? '-' : p.lastTest === null ? 'not run' : `${p.passing}/${p.scenarios}`,
    p.acceptance ? `${formatPercent(p.acceptance.percentMatched)}%` : '-',
  ];
}

const HEADER = ['procedure', 'covered', 'cover%', 'implemented', 'passing', 'accepted'];

/** Renders the status as a Markdown table for a pull request. */
export function renderStatusMarkdown(rows: readonly ProcedureStatus[]): string {
  const line = (c: readonly string[]): string => `| ${c.join(' | ')} |`;
  return [line(HEADER), line(HEADER.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map((r) => line(cells(r).map((c, i) => (i === 0 ? `\`${c}\`` : c))))].join('\n');
}

/** Registers `migrate status`: per procedure, covered, implemented, passing, matched. */
export function registerStatus(program: Command, run: ActionWrapper): void {
  program.command('status')
    .description('per procedure: statements covered by sections, sections implemented, scenarios passing, last acceptance match %')
    .option('--json', 'print {"procedures":[…]} (see DESIGN.md)')
    .option('--markdown', 'print a Markdown table for a pull request')
    .option('--root <dir>', 'workspace root', '.')
    .action(run(async (flags: StatusFlags) => {
      const rows = await collectStatus(loadWorkspaceConfig(resolve(flags.root)));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ procedures: rows })}\n`);
      } else if (flags.markdown) {
        process.stdout.write(`${renderStatusMarkdown(rows)}\n`);
      } else {
        const body = rows.map((r) => {
          const c = cells(r);
          const done = r.statements > 0 && r.covered === r.statements && r.implemented === r.sections && r.passing === r.scenarios;
          return [paint(done ? 'green' : 'yellow', c[0] as string), ...c.slice(1)];
        });
        process.stdout.write(`${formatTable(HEADER, body)}\n`);
      }
      return EXIT_OK;
    }));
}
