import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath, isMigrateError, listFiles, readSourceFile, UsageError } from '../../core';
import { createSectionDrafter } from '../../draft';
import { analyzeWorkspace, findProcedure, loadWorkspaceConfig, scaffoldSection, type WorkspaceAnalysis, type WorkspaceConfig } from '../../sections';
import { parseScript } from '../../tsql';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes';
import { forEachObject, outcomeLine } from '../object-failure';
import { paint } from '../output';
import type { ActionWrapper } from '../program';

interface ScaffoldFlags { readonly root: string; readonly draft?: boolean; readonly all?: boolean }

/**
 * Registers `migrate scaffold <section>|<proc>|--all [--draft]`: typed transform stub (or draft)
 * + failing test, never overwriting. A procedure scaffolds each of its sections, `--all` every
 * section of the workspace; there, one section that cannot be scaffolded is named and the others
 * still are (exit 2 at the end), and @ignored sections are passed over.
 */
export function registerScaffold(program: Command, run: ActionWrapper): void {
  program.command('scaffold')
    .description('write a typed transform stub and a jest test for a section (the test fails until the transform is implemented)')
    .argument('[section]', 'section id <schema>.<proc>/<nn>-<slug>, the path of its .feature, or a procedure (each of its sections)')
    .option('--all', 'every section of the workspace (one that fails is named; the others are still scaffolded)')
    .option('--root <dir>', 'workspace root', '.')
    .option('--draft', 'pre-fill the transform with the legacy statements translated to set-based DuckDB SQL (refused parts throw notImplemented)')
    .action(run(async (section: string | undefined, flags: ScaffoldFlags) => {
      if ((section === undefined) === (flags.all !== true)) {
        throw new UsageError('SCAFFOLD_WHICH', section === undefined ? 'which section? give one, a procedure, or --all for every section of the workspace' : `give ${section} or --all, not both`, { hint: 'e.g. migrate scaffold dbo.usp_X/01-daily-total' });
      }
      const config = loadWorkspaceConfig(resolve(flags.root));
      const analysis = analyzeWorkspace(config);
      const options = flags.draft ? { renderTransform: createSectionDrafter(config.root, legacyScripts(config.root, config.paths.procedures), config.defaultSchema) } : {};
      const one = async (id: string): Promise<void> => {
        const result = await scaffoldSection(config, id, analysis.catalog, analysis.graphs, options);
        for (const f of [result.transform, result.test]) {
          process.stdout.write(f.action === 'created' ? `${paint('green', 'created')} ${displayPath(f.path, config.root)}${flags.draft && f === result.transform ? ' (drafted)' : ''}\n` : `${paint('yellow', 'kept')} ${displayPath(f.path, config.root)} (exists; not overwritten)\n`);
        }
      };
      const many = section === undefined ? allSectionFiles(config) : procedureSectionFiles(config, analysis, section);
      if (many === undefined) {
        await one(section as string);
        return EXIT_OK;
      }
      const outcome = await forEachObject(many, {
        name: (file) => displayPath(file, config.root),
        passOver: (err) => isMigrateError(err) && err.code === 'SCAFFOLD_IGNORED', // nothing to implement
      }, one);
      process.stdout.write(`${outcomeLine('scaffolded', 'section', outcome)}\n`);
      return outcome.failed.length > 0 ? EXIT_USAGE : EXIT_OK;
    }));
}

/** Every section's .feature of the workspace, procedure folder by folder, in section order. */
function allSectionFiles(config: WorkspaceConfig): string[] {
  const dir = join(config.root, config.paths.sections);
  if (!existsSync(dir)) throw new UsageError('SCAFFOLD_NO_SECTIONS', `no sections under ${config.paths.sections}/`, { hint: 'run `migrate sections propose --all` first' });
  return readdirSync(dir).sort().filter((d) => statSync(join(dir, d)).isDirectory()).flatMap((d) => featuresIn(join(dir, d)));
}

/** The sections of the procedure `name` (as written, or its folder's name), or undefined when it names no procedure: then it is one section. */
function procedureSectionFiles(config: WorkspaceConfig, analysis: WorkspaceAnalysis, name: string): string[] | undefined {
  if (name.endsWith('.feature') || /\/\d+-/.test(name)) return undefined;
  const outline = findProcedure(analysis, name);
  const folder = join(config.root, config.paths.sections, outline?.folder ?? name);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    if (outline === undefined) return undefined; // not a procedure: scaffoldSection says what is missing
    throw new UsageError('SCAFFOLD_NO_SECTIONS', `${outline.displayName} has no sections under ${config.paths.sections}/`, { hint: `run \`migrate sections propose ${outline.displayName}\` first` });
  }
  return featuresIn(folder);
}

function featuresIn(folder: string): string[] {
  return readdirSync(folder).filter((f) => f.endsWith('.feature')).sort().map((f) => join(folder, f));
}

/** Every .sql under the procedures folder, parsed (the drafter needs procedures and CREATE TABLEs). */
function legacyScripts(root: string, procedures: string): { file: string; text: string; script: ReturnType<typeof parseScript> }[] {
  return listFiles([join(root, procedures)], ['.sql']).map((file) => {
    const text = readSourceFile(file).text;
    return { file, text, script: parseScript(text, { file }) };
  });
}
