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

/** What a run over many objects did: how many went through and which failed, by name. */
export interface ObjectsOutcome {
  done: number;
  failed: string[];
}

/** How a run over many objects names them and treats their failures. */
export interface EachObjectOptions<T> {
  name: (item: T) => string;
  /** Refusals that mean "nothing to do here" (an @ignored section): counted neither done nor failed. */
  passOver?: (err: unknown) => boolean;
  /** Told of each failure after it is named on stderr (for a --json document's entry). */
  onFailure?: (item: T, err: unknown) => void;
}

/** Runs `work` on each object in turn; one that throws is named on stderr and the rest still run. */
export async function forEachObject<T>(items: readonly T[], options: EachObjectOptions<T>, work: (item: T) => Promise<void> | void): Promise<ObjectsOutcome> {
  const outcome: ObjectsOutcome = { done: 0, failed: [] };
  for (const item of items) {
    try {
      await work(item);
      outcome.done++;
    } catch (err) {
      if (options.passOver?.(err) === true) continue;
      outcome.failed.push(options.name(item));
      process.stderr.write(`migrate: ${options.name(item)}: ${describeFailure(err)}\n`);
      options.onFailure?.(item, err);
    }
  }
  return outcome;
}

/** The closing line of such a run: "proposed 3 procedures", or "… 2 of 3 procedures; failed: dbo.X". */
export function outcomeLine(verb: string, noun: string, outcome: ObjectsOutcome): string {
  const total = outcome.done + outcome.failed.length;
  if (outcome.failed.length === 0) return `${verb} ${total} ${noun}${total === 1 ? '' : 's'}`;
  return `${verb} ${outcome.done} of ${total} ${noun}s; failed: ${outcome.failed.join(', ')}`;
}
