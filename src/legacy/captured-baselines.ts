import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureManifest } from './capture';

/** One folder of a baselines folder that holds a manifest.json: its manifest, or why it cannot be read. */
export type CapturedBaselineFolder =
  | { readonly folder: string; readonly manifestFile: string; readonly manifest: CaptureManifest; readonly problem?: undefined }
  | { readonly folder: string; readonly manifestFile: string; readonly manifest?: undefined; readonly problem: string };

/**
 * The captured baselines under `dir` (`<dir>/<proc>/manifest.json`), by folder name in order.
 * A manifest that is not JSON, or not one `migrate capture` writes (a hand edit, a file cut
 * short), is that folder's problem: the callers report it under the procedure and go on with the
 * others, instead of failing later on a missing field as an internal error.
 */
export function readCapturedBaselines(dir: string): CapturedBaselineFolder[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().filter((d) => existsSync(join(dir, d, 'manifest.json'))).map((folder) => {
    const manifestFile = join(dir, folder, 'manifest.json');
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(manifestFile, 'utf8'));
    } catch (err) {
      return { folder, manifestFile, problem: `cannot read the manifest: ${err instanceof Error ? err.message : String(err)}` };
    }
    const missing = manifestShapeProblem(parsed);
    if (missing !== undefined) return { folder, manifestFile, problem: `the manifest is not one \`migrate capture\` writes: ${missing}` };
    return { folder, manifestFile, manifest: parsed as CaptureManifest };
  });
}

/** What the readers of a manifest rely on, checked; undefined when it is all there. */
function manifestShapeProblem(m: unknown): string | undefined {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'expected a JSON object';
  const o = m as Record<string, unknown>;
  if (!Array.isArray(o.tables)) return '"tables" is not a list';
  if (!Array.isArray(o.resultSets)) return '"resultSets" is not a list';
  if (o.params !== undefined && (typeof o.params !== 'object' || o.params === null || Array.isArray(o.params))) return '"params" is not an object';
  for (const t of o.tables as unknown[]) {
    const e = t as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null || typeof e.name !== 'string' || typeof e.file !== 'string' || !Array.isArray(e.key)) return 'a "tables" entry without "name", "file" and "key"';
  }
  for (const r of o.resultSets as unknown[]) {
    const e = r as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null || typeof e.file !== 'string') return 'a "resultSets" entry without "file"';
  }
  return undefined;
}
