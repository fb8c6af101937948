import type { Command } from 'commander';
import type { ActionWrapper } from '../program';

/** Registers `migrate analyze`. (Placeholder until its module lands.) */
export function registerAnalyze(_program: Command, _run: ActionWrapper): void {
  // not yet available
}
