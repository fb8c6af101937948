import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../../core';
import { analyzeWorkspace, loadWorkspaceConfig, scaffoldSection } from '../../sections';
import { EXIT_OK } from '../exit-codes';
import { paint } from '../output';
import type { ActionWrapper } from '../program';

/** Registers `migrate scaffold <section>`: typed transform stub + failing test, never overwriting. */
export function registerScaffold(program: Command, run: ActionWrapper): void {
  program.command('scaffold')
    .description('write a typed transform stub and a jest test for a section (the test fails until the transform is implemented)')
    .argument('<section>', 'section id <schema>.<proc>/<nn>-<slug>, or the path of its .feature')
    .option('--root <dir>', 'workspace root', '.')
    .action(run(async (section: string, flags: { root: string }) => {
      const config = loadWorkspaceConfig(resolve(flags.root));
      const analysis = analyzeWorkspace(config);
      const result = await scaffoldSection(config, section, analysis.catalog, analysis.graphs);
      for (const f of [result.transform, result.test]) {
        process.stdout.write(f.action === 'created' ? `${paint('green', 'created')} ${displayPath(f.path, config.root)}\n` : `${paint('yellow', 'kept')} ${displayPath(f.path, config.root)} (exists; not overwritten)\n`);
      }
      return EXIT_OK;
    }));
}
