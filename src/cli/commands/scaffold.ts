import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath, listFiles, readSourceFile } from '../../core';
import { createSectionDrafter } from '../../draft';
import { analyzeWorkspace, loadWorkspaceConfig, scaffoldSection } from '../../sections';
import { parseScript } from '../../tsql';
import { EXIT_OK } from '../exit-codes';
import { paint } from '../output';
import type { ActionWrapper } from '../program';

/** Registers `migrate scaffold <section> [--draft]`: typed transform stub (or draft) + failing test, never overwriting. */
export function registerScaffold(program: Command, run: ActionWrapper): void {
  program.command('scaffold')
    .description('write a typed transform stub and a jest test for a section (the test fails until the transform is implemented)')
    .argument('<section>', 'section id <schema>.<proc>/<nn>-<slug>, or the path of its .feature')
    .option('--root <dir>', 'workspace root', '.')
    .option('--draft', 'pre-fill the transform with the legacy statements translated to set-based DuckDB SQL (refused parts throw notImplemented)')
    .action(run(async (section: string, flags: { root: string; draft?: boolean }) => {
      const config = loadWorkspaceConfig(resolve(flags.root));
      const analysis = analyzeWorkspace(config);
      const options = flags.draft ? { renderTransform: createSectionDrafter(config.root, legacyScripts(config.root, config.paths.procedures), config.defaultSchema) } : {};
      const result = await scaffoldSection(config, section, analysis.catalog, analysis.graphs, options);
      for (const f of [result.transform, result.test]) {
        process.stdout.write(f.action === 'created' ? `${paint('green', 'created')} ${displayPath(f.path, config.root)}${flags.draft && f === result.transform ? ' (drafted)' : ''}\n` : `${paint('yellow', 'kept')} ${displayPath(f.path, config.root)} (exists; not overwritten)\n`);
      }
      return EXIT_OK;
    }));
}

/** Every .sql under the procedures folder, parsed (the drafter needs procedures and CREATE TABLEs). */
function legacyScripts(root: string, procedures: string): { file: string; text: string; script: ReturnType<typeof parseScript> }[] {
  return listFiles([join(root, procedures)], ['.sql']).map((file) => {
    const text = readSourceFile(file).text;
    return { file, text, script: parseScript(text, { file }) };
  });
}
