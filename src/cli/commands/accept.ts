import type { Command } from 'commander';
import type { ActionWrapper } from '../program';

/** Registers `migrate accept`. (Placeholder until its module lands.) */
export function registerAccept(_program: Command, _run: ActionWrapper): void {
  // not yet available
}
