import type { Command } from 'commander';
import type { ActionWrapper } from '../program';

/** Registers `migrate sections`. (Placeholder until its module lands.) */
export function registerSections(_program: Command, _run: ActionWrapper): void {
  // not yet available
}
