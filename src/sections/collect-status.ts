import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, readSourceFile } from '../core';
import { parseScript } from '../tsql';
import { isStubTransform } from './load-transform';
import { loadSpecs } from './load-specs';
import { outlineProcedures, proceduresInEffect, type ProcedureOutline } from './procedure-outline';
import { readSectionResults } from './section-results';
import type { SectionSpec } from './spec-model';
import { parseSpecName, procedureFolderOf, sameProcedureName } from './spec-names';
import type { WorkspaceConfig } from './workspace-config';

/** One row of `migrate status --json` (the contract in DESIGN.md). */
export interface ProcedureStatus {
  readonly name: string;
  /** Statements the parser recognised in the procedure, control flow included. */
  readonly statements: number;
  /** Statements that start inside a section's @lines (ignored sections included). */
  readonly covered: number;
  /** Sections that need a transform (not @ignored). */
  readonly sections: number;
  /** Of those, transforms that exist and no longer call notImplemented(). */
  readonly implemented: number;
  readonly scenarios: number;
  /** Scenarios green at the last recorded run of the section tests. */
  readonly passing: number;
  readonly acceptance: { readonly percentMatched: number; readonly at: string } | null;
  /** When the section tests last ran (ISO 8601), or null when none of its sections ever ran. */
  readonly lastTest: string | null;
}

/** Whether a line falls inside one of a section's ranges. */
export function sectionCoversLine(spec: SectionSpec, line: number): boolean {
  return spec.lines.some((r) => line >= r.start && line <= r.end);
}

/**
 * Whether result file `f`, whose `procedure` field is `named`, is `procedure`'s: the field, else
 * the file name, in either spelling (`migrate accept --write-config` names a config after its
 * baseline folder, which may be the specs' folder spelling `wms.usp_Build_Wave`).
 */
function resultNames(named: unknown, f: string, procedure: string): boolean {
  if (typeof named === 'string') return sameProcedureName(named, procedure);
  const stem = f.replace(/\.json$/i, '');
  return [procedure, procedureFolderOf(parseSpecName(procedure) ?? [procedure])].some((p) => stem.toLowerCase() === p.toLowerCase() || stem.toLowerCase().startsWith(`${p.toLowerCase()}.`));
}

/**
 * The last acceptance result of a procedure, read tolerantly from `acceptance/results/*.json`:
 * a file named `<schema>.<proc>[.<anything>].json`, or one whose `procedure` field names it,
 * holding `percentMatched` (the `migrate accept --json` shape) or `tables[].result.percentMatched`
 * (the multi-table shape; the lowest counts, and a table listed in `notCompared`, whose input
 * could not be read, counts as 0). `at` is the file's `at` field or its mtime.
 */
export function readAcceptanceResult(dir: string, procedure: string): { percentMatched: number; at: string } | null {
  if (!existsSync(dir)) return null;
  let best: { percentMatched: number; at: string } | null = null;
  for (const f of readdirSync(dir).filter((x) => x.toLowerCase().endsWith('.json'))) {
    const path = join(dir, f);
    let raw: Record<string, unknown>;
    try { raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>; } catch { continue; }
    const named = resultNames(raw.procedure, f, procedure);
    if (!named) continue;
    let pct: number | undefined = typeof raw.percentMatched === 'number' ? raw.percentMatched : undefined;
    if (pct === undefined && Array.isArray(raw.tables)) {
      const values = raw.tables.map((t) => (t as { result?: { percentMatched?: unknown } }).result?.percentMatched).filter((v): v is number => typeof v === 'number');
      // a table `migrate accept` could not read (`notCompared`) matched no record it can show
      if (Array.isArray(raw.notCompared) && raw.notCompared.length > 0) values.push(0);
      if (values.length > 0) pct = Math.min(...values);
    }
    if (pct === undefined) continue;
    const at = typeof raw.at === 'string' ? raw.at : statSync(path).mtime.toISOString();
    if (!best || at > best.at) best = { percentMatched: pct, at };
  }
  return best;
}

/**
 * The result files of `dir` that name none of `procedures` (normalised names): a config named
 * for something else (`acceptance/month-end.yaml`) is recorded as `month-end.json`, which no
 * procedure's `accepted` reads, so `migrate status` names them instead of showing `-` silently.
 */
export function unclaimedAcceptanceResults(dir: string, procedures: readonly string[]): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.json')).filter((f) => {
    let named: unknown;
    try { named = (JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>).procedure; } catch { return false; }
    return !procedures.some((p) => resultNames(named, f, p));
  }).sort();
}

/** Reads every procedure of the workspace and the state of its migration. */
export async function collectStatus(config: WorkspaceConfig): Promise<ProcedureStatus[]> {
  const root = config.root;
  const procDir = join(root, config.paths.procedures);
  const scripts = existsSync(procDir) ? listFiles([procDir], ['.sql']).map((file) => {
    const text = readSourceFile(file).text;
    return { file, text, script: parseScript(text, { file }) };
  }) : [];
  const outlines: ProcedureOutline[] = proceduresInEffect(scripts.flatMap((s) => outlineProcedures(s.text, s.file, s.script)), scripts.map((s) => s.script));
  const { specs } = await loadSpecs(join(root, config.paths.sections));
  const names = new Map<string, string>(outlines.map((o) => [o.name, o.displayName]));
  for (const s of specs) if (s.procedure && !names.has(s.procedure)) names.set(s.procedure, s.id.split('/')[0] ?? s.procedure);
  const rows: ProcedureStatus[] = [];
  for (const [name, display] of [...names.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const outline = outlines.find((o) => o.name === name);
    const mine = specs.filter((s) => s.procedure === name);
    const statements = outline?.statements ?? [];
    const work = mine.filter((s) => !s.ignored);
    let passing = 0;
    let lastTest: string | null = null;
    for (const s of work) {
      const rec = readSectionResults(root, s.id);
      if (!rec) continue;
      if (lastTest === null || rec.at > lastTest) lastTest = rec.at;
      const passed = new Set(rec.scenarios.filter((x) => x.passed).map((x) => x.name));
      passing += s.scenarios.filter((sc) => passed.has(sc.name)).length;
    }
    rows.push({
      name: display,
      statements: statements.length,
      covered: statements.filter((st) => mine.some((s) => sectionCoversLine(s, st.line))).length,
      sections: work.length,
      implemented: work.filter((s) => !isStubTransform(join(root, config.paths.transforms, `${s.id}.ts`))).length,
      scenarios: work.reduce((n, s) => n + s.scenarios.length, 0),
      passing,
      acceptance: readAcceptanceResult(join(root, config.paths.acceptance, 'results'), name),
      lastTest,
    });
  }
  return rows;
}
