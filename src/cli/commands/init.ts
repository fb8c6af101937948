import { resolve } from 'node:path';
import type { Command } from 'commander';
import { initWorkspace } from '../../sections';
import { EXIT_OK } from '../exit-codes';
import { paint } from '../output';
import type { ActionWrapper } from '../program';

interface InitFlags {
  readonly library?: string;
  readonly toolSpec?: string;
}

/** Registers `migrate init [dir]`: folders, config, project files and a worked example; never overwrites. */
export function registerInit(program: Command, run: ActionWrapper): void {
  program.command('init')
    .description('scaffold a migration workspace: package.json, tsconfig, jest config, procedures/, dataflow/, sections/, src/transforms/, tests/, acceptance/, migrate.config.yaml and a worked example that passes')
    .argument('[dir]', 'workspace folder', '.')
    .option('--tool-spec <spec>', 'the workspace\'s dependency on tsql-migrate: a version range, a git URL, or a packed .tgz (copied into vendor/)')
    .option('--library <path>', 'where generated code imports tsql-migrate from (default: the package, tsql-migrate/engine)')
    .action(run(async (dir: string, flags: InitFlags) => {
      const result = initWorkspace(resolve(dir), { ...(flags.library ? { library: flags.library } : {}), ...(flags.toolSpec ? { toolSpec: flags.toolSpec } : {}) });
      for (const c of result.created) process.stdout.write(`${paint('green', 'created')} ${c}\n`);
      for (const k of result.kept) process.stdout.write(`${paint('yellow', 'kept')} ${k} (exists)\n`);
      process.stdout.write('next: `npm install && npm test`, then put legacy .sql in procedures/, `migrate analyze procedures/` and `migrate sections propose <proc>`\n');
      return EXIT_OK;
    }));
}
