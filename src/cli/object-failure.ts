import { isMigrateError } from '../core';

/**
 * What stopped one object of a run over many (a procedure of `run --baselines`, of `sections
 * propose --all`): a MigrateError's located message, the file system's error as it says it, or
 * for anything else one line saying it is an internal error. The run reports it under the object's name and goes on with the next.
 */
export function describeFailure(err: unknown): string {
  if (isMigrateError(err)) return err.format();
  // the file system's own refusal (ENOTDIR, EACCES, ENOSPC) is about the files, not a bug of ours
  // (duck-typed: an error of another realm, a vm context's, is no `instanceof Error` here)
  const e = typeof err === 'object' && err !== null ? (err as Partial<NodeJS.ErrnoException>) : undefined;
  if (typeof e?.syscall === 'string' && typeof e.message === 'string') return `${e.message}; check that path`;
  return `internal error: ${typeof e?.message === 'string' ? e.message : String(err)} (please report it)`;
}
