import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

// A capture into a folder that holds an earlier capture rewrites only the files this run produces.
// A result set, table or outputs file the earlier run wrote and this one does not (the procedure
// now stops at an error before its SELECT, or writes one table fewer) would stay beside the new
// manifest, and an acceptance config naming it would compare the new pipeline with the old run.

/** The baseline files an earlier manifest.json in `dir` lists (plain file names only), or none. */
function previousFiles(dir: string): string[] {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return [];
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return []; // not a manifest this tool wrote: nothing in the folder is known to be a baseline
  }
  const m = manifest as { tables?: unknown; resultSets?: unknown; outputParameters?: unknown };
  const fileOf = (x: unknown): string | undefined => {
    const f = (x as { file?: unknown } | null)?.file;
    // Only names inside the folder: a manifest edited by hand never removes anything outside it.
    return typeof f === 'string' && f !== '' && basename(f) === f && f !== 'manifest.json' ? f : undefined;
  };
  const listed = [...(Array.isArray(m.tables) ? m.tables : []), ...(Array.isArray(m.resultSets) ? m.resultSets : []), m.outputParameters];
  return listed.map(fileOf).filter((f): f is string => f !== undefined);
}

/**
 * Removes from `dir` the baseline files the previous capture's manifest.json lists and this
 * capture did not write (`written`, file names), before the new manifest replaces it. Files the
 * manifest does not list are never touched. Returns the names removed.
 */
export function removeStaleBaselines(dir: string, written: ReadonlySet<string>): string[] {
  const stale = previousFiles(dir).filter((f) => !written.has(f) && existsSync(join(dir, f)));
  for (const f of stale) rmSync(join(dir, f), { force: true });
  return stale;
}
