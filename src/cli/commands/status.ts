import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { formatPercent } from '../../acceptance';
import { collectStatus, loadWorkspaceConfig, normalizeObjectName, unclaimedAcceptanceResults, type ProcedureStatus } from '../../sections';
import { encodeLink, safeFileStem } from '../../render';
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

/**
 * Renders the status as a Markdown table for a pull request. With `dataflowDir` (the
 * workspace's dataflow folder, relative to where the Markdown is read, normally the root),
 * each procedure that has sections links to the section map at the top of its analyze page.
 */
export function renderStatusMarkdown(rows: readonly ProcedureStatus[], dataflowDir?: string): string {
  const line = (c: readonly string[]): string => `| ${c.join(' | ')} |`;
  const nameCell = (r: ProcedureStatus, c: string): string => {
    if (dataflowDir === undefined || r.sections === 0) return `\`${c}\``;
    // The analyze page's file name, by the rule analyze names it with (normalised name, made safe).
    const page = `${dataflowDir.replace(/\/+$/, '')}/${safeFileStem(normalizeObjectName(r.name))}.md`;
    return `[\`${c}\`](${encodeLink(page)}#section-map)`;
  };
  return [line(HEADER), line(HEADER.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map((r) => line(cells(r).map((c, i) => (i === 0 ? nameCell(r, c) : c))))].join('\n');
}

/** Registers `migrate status`: per procedure, covered, implemented, passing, matched. */
export function registerStatus(program: Command, run: ActionWrapper): void {
  program.command('status')
    .description('per procedure: statements covered by sections, sections implemented, scenarios passing, last acceptance match %')
    .option('--json', 'print {"procedures":[…]} (see DESIGN.md)')
    .option('--markdown', 'print a Markdown table for a pull request')
    .option('--root <dir>', 'workspace root', '.')
    .action(run(async (flags: StatusFlags) => {
      const config = loadWorkspaceConfig(resolve(flags.root));
      const rows = await collectStatus(config);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ procedures: rows })}\n`);
      } else if (flags.markdown) {
        process.stdout.write(`${renderStatusMarkdown(rows, config.paths.dataflow.split('\\').join('/'))}\n`);
      } else {
        const body = rows.map((r) => {
          const c = cells(r);
          const done = r.statements > 0 && r.covered === r.statements && r.implemented === r.sections && r.passing === r.scenarios;
          return [paint(done ? 'green' : 'yellow', c[0] as string), ...c.slice(1)];
        });
        process.stdout.write(`${formatTable(HEADER, body)}\n`);
        const results = join(config.paths.acceptance, 'results');
        for (const f of unclaimedAcceptanceResults(join(config.root, results), rows.map((r) => normalizeObjectName(r.name)))) {
          process.stderr.write(`note: ${join(results, f)} names no procedure of the workspace, so no accepted column counts it: name its acceptance config <schema>.<procedure>.yaml (as \`migrate accept --write-config\` does) and accept again\n`);
        }
      }
      return EXIT_OK;
    }));
}
