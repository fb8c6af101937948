import { MigrateError } from '../core';

/** Exit codes of the contracts in DESIGN.md: 0 ok, 1 check failed, 2 usage or I/O error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * Maps an error to its exit code. A failed check is a result (exit 1) returned by the command,
 * never an exception, so every error that reaches here is bad input, usage or I/O: exit 2.
 */
export function exitCodeFor(err: unknown): number {
  return err instanceof MigrateError ? EXIT_USAGE : EXIT_USAGE;
}
