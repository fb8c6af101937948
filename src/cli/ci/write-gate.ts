import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { writeGeneratedFile, type GeneratedWrite } from '../../core';
import type { WorkspaceConfig } from '../../sections';
import { gateSteps } from './gate-steps';
import { CI_FILES, renderGate, type CiKind } from './render-pipelines';

/**
 * Writes one kind's gate file into the workspace (stamped, so regenerating replaces it unless
 * someone edited it; `force` replaces it anyway). The shell script is made executable.
 */
export function writeGate(config: WorkspaceConfig, kind: CiKind, force = false): { path: string; outcome: GeneratedWrite } {
  const path = join(config.root, CI_FILES[kind]);
  const outcome = writeGeneratedFile(path, (stamp) => renderGate(kind, gateSteps(config), stamp), force);
  if (kind === 'script' && outcome !== 'kept-edited') chmodSync(path, 0o755);
  return { path, outcome };
}
