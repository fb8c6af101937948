import { readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './errors';
import { isOwnTemporaryName, placeGenerated, stampGeneratedBytes, temporaryPath, type GeneratedWrite } from './files';

// A generated file written in two steps, for a writer that has the content long before it
// knows the file's name (`migrate analyze` renders a report as soon as its graph is built,
// while the names wait for every object of the set): `stageGenerated` writes the stamped
// content to a temporary file in the folder it will go to, `commitStaged` then gives it its
// name with writeGeneratedFile's contract (an identical file left alone, an edited one kept
// unless forced, atomic: the rename). The writing then happens while there is still work to
// overlap it with, and the content does not wait in memory.

/** A staged file: its temporary path, or why it could not be written (an errno code), reported
 * against the file's real name when it is committed. */
export type StagedFile = { readonly tmp: string } | { readonly failure: string };

/** Writes `body` (UTF-8 with `placeholder` where the stamp goes; stamped in place, so the
 * caller gives it up) to a temporary file in `dir`. Never throws: a failure is kept for the commit. */
export function stageGenerated(dir: string, body: Buffer, placeholder: string): StagedFile {
  const tmp = temporaryPath(dir);
  try {
    writeFileSync(tmp, stampGeneratedBytes(body, placeholder));
    return { tmp };
  } catch (err) {
    removeQuietly(tmp);
    return { failure: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
}

/**
 * Gives a staged file its name `path` (in the folder it was staged in) as writeGeneratedFile
 * would have written it there: 'created' where there was no file, 'unchanged' (the temporary
 * file removed) where the file has these bytes already, 'kept-edited' where someone edited the
 * file and `force` is off, else 'updated'. Throws an IO_WRITE UsageError naming `path` on a
 * failure, the temporary file removed.
 */
export function commitStaged(path: string, staged: StagedFile, force: boolean): GeneratedWrite {
  if ('failure' in staged) throw cannotWrite(path, staged.failure);
  try {
    const outcome = placeGenerated(path, (old) => old.equals(readFileSync(staged.tmp)), () => renameSync(staged.tmp, path), force);
    if (outcome === 'unchanged' || outcome === 'kept-edited') removeQuietly(staged.tmp);
    return outcome;
  } catch (err) {
    removeQuietly(staged.tmp);
    throw cannotWrite(path, (err as NodeJS.ErrnoException).code ?? String(err));
  }
}

/** Removes a staged file that will not be committed. */
export function discardStaged(staged: StagedFile): void {
  if ('tmp' in staged) removeQuietly(staged.tmp);
}

/** Removes the temporary files this process left in `dir` (a run that stopped before committing
 * what it staged: a worker thread failed, or the user interrupted it); how many. */
export function removeOwnTemporaryFiles(dir: string): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!isOwnTemporaryName(name)) continue;
    removeQuietly(join(dir, name));
    removed++;
  }
  return removed;
}

function cannotWrite(path: string, code: string): UsageError {
  return new UsageError('IO_WRITE', `cannot write ${path}: ${code}`, { location: { file: path } });
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
