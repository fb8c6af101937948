import { resolve } from 'node:path';
import type { Command } from 'commander';
import { initWorkspace } from '../../sections';
import { EXIT_OK } from '../exit-codes';
import { paint } from '../output';
import type { ActionWrapper } from '../program';

/** Registers `migrate init [dir]`: folders, config and a worked example; never overwrites. */
export function registerInit(program: Command, run: ActionWrapper): void {
  program.command('init')
    .description('scaffold a migration workspace: procedures/, dataflow/, sections/, src/transforms/, tests/, acceptance/, migrate.config.yaml and an example section')
    .argument('[dir]', 'workspace folder', '.')
    .option('--library <path>', 'where generated code imports tsql-migrate from (default: tsql-migrate/dist)')
    .action(run(async (dir: string, flags: { library?: string }) => {
      const result = initWorkspace(resolve(dir), flags.library ? { library: flags.library } : {});
      for (const c of result.created) process.stdout.write(`${paint('green', 'created')} ${c}\n`);
      for (const k of result.kept) process.stdout.write(`${paint('yellow', 'kept')} ${k} (exists)\n`);
      process.stdout.write('next: put legacy .sql in procedures/, then `migrate analyze procedures/` and `migrate sections propose <proc>`\n');
      return EXIT_OK;
    }));
}
