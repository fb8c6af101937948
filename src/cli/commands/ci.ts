import { resolve } from 'node:path';
import type { Command } from 'commander';
import { displayPath, UsageError } from '../../core';
import { loadWorkspaceConfig, type WorkspaceConfig } from '../../sections';
import { CI_KINDS, type CiKind } from '../ci/render-pipelines';
import { writeGate } from '../ci/write-gate';
import { EXIT_OK } from '../exit-codes';
import { paint } from '../output';
import type { ActionWrapper } from '../program';

/** Checks a `--ci`/`migrate ci` kind, as a usage error naming the kinds there are. */
export function parseCiKind(kind: string): CiKind {
  const k = kind.toLowerCase();
  if (!(CI_KINDS as readonly string[]).includes(k)) throw new UsageError('CI_KIND', `unknown CI kind '${kind}'`, { hint: `use one of ${CI_KINDS.join(', ')}` });
  return k as CiKind;
}

/** Writes the gate files of the given kinds and says what happened to each. */
export function writeGates(config: WorkspaceConfig, kinds: readonly CiKind[], force = false): void {
  for (const kind of kinds) {
    const { path, outcome } = writeGate(config, kind, force);
    const shown = displayPath(path, config.root);
    if (outcome === 'kept-edited') process.stdout.write(`${paint('yellow', 'kept')} ${shown} (edited by someone; --force replaces it)\n`);
    else process.stdout.write(`${paint('green', outcome)} ${shown}\n`);
  }
}

/** Registers `migrate ci <kind>`: the acceptance gate as a pipeline (or the local shell script). */
export function registerCi(program: Command, run: ActionWrapper): void {
  program.command('ci')
    .description('write the acceptance gate as a pipeline: azure (azure-pipelines.yml), github (.github/workflows/migration-gate.yml), gitlab (.gitlab-ci.yml), or script (ci/gate.sh); all run the same steps')
    .argument('<kind>', CI_KINDS.join('|'))
    .option('--root <dir>', 'workspace root', '.')
    .option('--force', 'replace the file even if someone edited it')
    .action(run(async (kind: string, flags: { root: string; force?: boolean }) => {
      const k = parseCiKind(kind);
      const config = loadWorkspaceConfig(resolve(flags.root));
      // the pipelines call the local script's steps; keep the script beside every pipeline
      writeGates(config, k === 'script' ? ['script'] : ['script', k], flags.force === true);
      return EXIT_OK;
    }));
}
