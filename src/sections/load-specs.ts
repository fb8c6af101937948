import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { listFiles, SectionsError } from '../core';
import { parseFeature, type ParsedFeature } from './parse-feature';
import type { SectionSpec, SpecCatalog, SpecProblem } from './spec-model';
import { parseSpecName, procedureFolderOf, specNameKey } from './spec-names';

/** All specs under a sections/ folder, parsed and checked, with their problems. */
export interface LoadedSpecs {
  readonly specs: readonly SectionSpec[];
  readonly problems: readonly SpecProblem[];
}

/** Reads a data file a spec names; undefined when it cannot (reported as a spec problem). */
function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Loads every `<schema>.<proc>/<nn>-<slug>.feature` under `dir` (sorted, so sections come in
 * their numbered order), optionally only those of one procedure (any spelling of its name):
 * the specs whose @proc names it, and every file in its folder, so a spec that does not even
 * parse is still reported with its procedure.
 */
export async function loadSpecs(dir: string, catalog?: SpecCatalog, procedure?: string): Promise<LoadedSpecs> {
  if (!existsSync(dir)) return { specs: [], problems: [] };
  const files = listFiles([dir], ['.feature']);
  const parsed: ParsedFeature[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    parsed.push(await parseFeature(text, file, { ...(catalog ? { catalog } : {}), readFile: readIfPresent }));
  }
  const key = procedure === undefined ? undefined : specNameKey(procedure);
  const folder = procedure === undefined ? undefined : procedureFolderOf(parseSpecName(procedure) ?? [procedure]).toLowerCase();
  const inFolder = (file: string): boolean => basename(dirname(file)).toLowerCase() === folder || `dbo.${basename(dirname(file)).toLowerCase()}` === folder;
  // A procedure named by its folder's spelling (`wms.usp_Build_Wave` for `wms.[usp_Build Wave]`)
  // takes the specs of the procedure that folder holds; a spec naming the procedure exactly wins,
  // so two procedures whose names share one folder spelling stay apart.
  const folderOfSpec = (proc: string): string => procedureFolderOf(parseSpecName(proc) ?? [proc]).toLowerCase();
  const exact = parsed.some((p) => p.spec?.procedure === key);
  const named = (proc: string): boolean => proc === key || (!exact && (folderOfSpec(proc) === folder || folderOfSpec(proc) === `dbo.${folder}`));
  const keep = (p: ParsedFeature, i: number): boolean => key === undefined || (p.spec?.procedure ? named(p.spec.procedure) : inFolder(files[i] as string));
  const chosen = parsed.filter(keep);
  return { specs: chosen.flatMap((p) => (p.spec ? [p.spec] : [])), problems: chosen.flatMap((p) => p.problems) };
}

/** Formats a spec problem as `file:line:col: message` plus its hint. */
export function formatSpecProblem(p: SpecProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}${p.hint ? `\n  hint: ${p.hint}` : ''}`;
}

/** Throws the first problem as a SectionsError (for callers that need a valid spec to go on). */
export function throwIfProblems(problems: readonly SpecProblem[]): void {
  const first = problems[0];
  if (!first) return;
  // The location goes into the message itself, so test runners that print only the message show it too.
  throw new SectionsError(first.code, `${first.file}:${first.line}:${first.column}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem(s): run \`migrate sections check\`)` : ''}`, {
    ...(first.hint ? { hint: first.hint } : {}),
  });
}

/** Loads one spec for a test: parsed and checked (no catalog), throwing its first problem. */
export async function loadSectionSpec(file: string): Promise<SectionSpec> {
  const { spec, problems } = await parseFeature(readFileSync(file, 'utf8'), file, { readFile: readIfPresent });
  throwIfProblems(problems);
  return spec as SectionSpec;
}

/**
 * The scenario names of a .feature, read synchronously from its `Scenario:` lines, so a test
 * file can register one jest test per scenario before the (async) Gherkin parse runs.
 */
export function listScenarioNames(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*Scenario:\s*(.*?)\s*$/gm)].map((m) => m[1] as string);
}
