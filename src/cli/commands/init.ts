import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { initWorkspace, loadWorkspaceConfig } from '../../sections';
import { EXIT_OK } from '../exit-codes';
import { paint } from '../output';
import type { ActionWrapper } from '../program';
import { analyzeCommand } from './analyze';
import { parseCiKind, writeGates } from './ci';

interface InitFlags {
  readonly library?: string;
  readonly toolSpec?: string;
  readonly ci?: string;
}

/**
 * Writes the example's diagrams as `migrate analyze` run from the workspace root would, so a new
 * workspace passes its own `analyze --check` (paths in the reports are relative to the root).
 */
async function writeDiagrams(root: string): Promise<void> {
  const config = loadWorkspaceConfig(root);
  const out = join(root, config.paths.dataflow);
  if (!existsSync(join(root, config.paths.procedures)) || (existsSync(out) && readdirSync(out).length > 0)) return;
  const cwd = process.cwd();
  process.chdir(root);
  try {
    await analyzeCommand([config.paths.procedures], { out: config.paths.dataflow, defaultSchema: config.defaultSchema, quiet: true });
  } finally {
    process.chdir(cwd);
  }
  process.stdout.write(`${paint('green', 'created')} ${config.paths.dataflow}/ (migrate analyze ${config.paths.procedures})\n`);
}

/** Registers `migrate init [dir]`: folders, config, project files, a worked example and the gate; never overwrites. */
export function registerInit(program: Command, run: ActionWrapper): void {
  program.command('init')
    .description('scaffold a migration workspace that passes after `npm install && npm test`: package.json, tsconfig, jest config, README, procedures/, dataflow/, sections/, src/transforms/, tests/, acceptance/, migrate.config.yaml, a worked example and ci/gate.sh')
    .argument('[dir]', 'workspace folder', '.')
    .option('--tool-spec <spec>', 'the workspace\'s dependency on tsql-migrate: a version range, a git URL, or a packed .tgz (copied into vendor/)')
    .option('--ci <kind>', 'also write the acceptance gate for azure, github or gitlab (see `migrate ci`)')
    .option('--library <path>', 'where generated code imports tsql-migrate from (default: the package, tsql-migrate/engine)')
    .action(run(async (dir: string, flags: InitFlags) => {
      const kind = flags.ci ? parseCiKind(flags.ci) : undefined;
      const root = resolve(dir);
      const result = initWorkspace(root, { ...(flags.library ? { library: flags.library } : {}), ...(flags.toolSpec ? { toolSpec: flags.toolSpec } : {}) });
      for (const c of result.created) process.stdout.write(`${paint('green', 'created')} ${c}\n`);
      for (const k of result.kept) process.stdout.write(`${paint('yellow', 'kept')} ${k} (exists)\n`);
      await writeDiagrams(root);
      writeGates(loadWorkspaceConfig(root), kind && kind !== 'script' ? ['script', kind] : ['script']);
      if (flags.toolSpec === undefined && flags.library === undefined && result.created.includes('package.json')) {
        // the default dependency is the registry's tsql-migrate@^0.1.0: say how to install from a tarball instead
        process.stdout.write(`${paint('yellow', 'note')} package.json depends on tsql-migrate ^0.1.0 from the npm registry; to install the tool from a tarball instead, run \`npm install <path>/tsql-migrate-0.1.0.tgz\` in the workspace (\`npm pack\` in the tool's repository writes it), or create the workspace with --tool-spec\n`);
      }
      const gaps = result.packageGaps;
      if (gaps !== undefined) {
        // the team's own package.json stays as it is, but without these `npm test` runs none of the sections' tests
        const packages = Object.entries(gaps.packages).map(([name, spec]) => `${name}@${spec}`);
        const scripts = Object.entries(gaps.scripts).map(([name, command]) => `  "${name}": ${JSON.stringify(command)}`);
        process.stdout.write(`${paint('yellow', 'note')} package.json was kept; the workspace needs what it lacks:\n`
          + (packages.length > 0 ? `  npm install --save-dev ${packages.map((p) => (/[\s"'$`]/.test(p) ? `'${p}'` : p)).join(' ')}\n` : '')
          + (scripts.length > 0 ? `  and under "scripts":\n${scripts.map((x) => `  ${x}`).join(',\n')}\n` : ''));
      }
      const test = gaps?.scripts['test:migration'] !== undefined ? 'npm run test:migration' : 'npm test';
      process.stdout.write(`next: \`npm install && ${test}\`, then put legacy .sql in procedures/, \`migrate analyze procedures/\` and \`migrate sections propose <proc>\`\n`);
      return EXIT_OK;
    }));
}
