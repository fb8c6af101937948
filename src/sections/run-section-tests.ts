import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MigrateError, UsageError } from '../core';
import { EngineSession } from '../engine';
import { formatSpecProblem, loadSpecs } from './load-specs';
import { loadTransform } from './load-transform';
import type { ScenarioResult } from './run-scenario';
import { recordSectionResults } from './section-results';
import { runSuiteScenario } from './section-test-suite';
import { analyzeWorkspace } from './workspace-analysis';
import { normalizeObjectName, sectionIdOf, type SectionSpec } from './spec-model';
import { sectionIdOfWritten } from './spec-names';
import { sectionNumberMatches } from './section-lookup';
import type { WorkspaceConfig } from './workspace-config';

/** One scenario's verdict in a `migrate test` run, with how long it took. */
export interface TimedScenarioResult extends ScenarioResult {
  readonly ms: number;
}

/** One section's outcome: its scenarios, or why it could not run at all. */
export interface SectionTestOutcome {
  readonly id: string;
  readonly file: string;
  readonly procedure: string;
  readonly scenarios: readonly TimedScenarioResult[];
  /** Set when the section could not run (spec problems); its scenarios are then empty. */
  readonly problem: string | undefined;
}

/** The whole run: every selected section, and whether all passed. */
export interface SectionTestRun {
  readonly sections: readonly SectionTestOutcome[];
  readonly passed: boolean;
}

/** Whether a section outcome is green: it ran, and every scenario passed. */
export function sectionPassed(s: SectionTestOutcome): boolean {
  return s.problem === undefined && s.scenarios.every((x) => x.passed);
}

/** Whether `filter` (a procedure, a section id or a .feature path) selects a section. */
function selects(filter: string, id: string, procedure: string, file: string): boolean {
  const f = filter.replace(/\\/g, '/').replace(/\.feature$/, '').toLowerCase();
  const lowerId = id.toLowerCase();
  if (normalizeObjectName(filter) === procedure || f === lowerId || f === lowerId.split('/')[0] || sectionIdOfWritten(filter).toLowerCase() === lowerId) return true;
  return f.endsWith(`/${lowerId}`) || resolve(filter) === resolve(file) || sectionNumberMatches(filter, id);
}

/** Every scenario of a section failing with the same reason (a missing or broken transform). */
function failAll(spec: SectionSpec, message: string): TimedScenarioResult[] {
  return spec.scenarios.map((sc) => ({ kind: 'scenario-result', scenario: sc.name, line: sc.line, passed: false, message, ms: 0 }));
}

/**
 * Runs the scenarios and entity-independence checks of the workspace's sections (all of them,
 * or those of one procedure or one section), the same suite the generated jest tests run, on
 * one DuckDB session, and records each section's results for `migrate status`. A section that
 * cannot run (spec problems, no transform) fails on its own; the others still run.
 */
export async function runSectionTests(config: WorkspaceConfig, filter?: string): Promise<SectionTestRun> {
  const root = config.root;
  let { specs, problems } = await loadSpecs(join(root, config.paths.sections));
  // A Given table read from a CSV with an untyped header takes its types from the CREATE TABLE
  // scripts, as `sections check` reads it: only then is the workspace's catalog worth building.
  if (problems.some((p) => p.code === 'SPEC_TYPE' && !p.file.endsWith('.feature'))) ({ specs, problems } = await loadSpecs(join(root, config.paths.sections), analyzeWorkspace(config).catalog));
  const outcomes: SectionTestOutcome[] = [];
  const broken = new Map<string, string[]>();
  for (const p of problems) broken.set(p.file, [...(broken.get(p.file) ?? []), formatSpecProblem(p)]);
  for (const [file, list] of broken) {
    if (specs.some((s) => s.file === file)) continue;
    const id = sectionIdOf(file);
    const procedure = normalizeObjectName(id.split('/')[0] ?? '');
    if (filter && !selects(filter, id, procedure, file)) continue;
    outcomes.push({ id, file, procedure, scenarios: [], problem: list.join('\n') });
  }
  const chosen = specs.filter((s) => !s.ignored && (!filter || selects(filter, s.id, s.procedure, s.file)));
  if (filter && chosen.length === 0 && outcomes.length === 0) {
    throw new UsageError('TEST_NO_SECTIONS', `no section or procedure named ${filter} under ${config.paths.sections}/`, { hint: 'give a procedure (dbo.usp_X), a section id (dbo.usp_X/01-slug) or nothing for all' });
  }
  const session = await EngineSession.open({ memoryLimit: config.duckdb.memoryLimit, threads: config.duckdb.threads ?? 1 });
  try {
    for (const spec of chosen) {
      const specProblems = broken.get(spec.file);
      if (specProblems) {
        outcomes.push({ id: spec.id, file: spec.file, procedure: spec.procedure, scenarios: [], problem: specProblems.join('\n') });
        continue;
      }
      const transformFile = join(root, config.paths.transforms, `${spec.id}.ts`);
      let results: TimedScenarioResult[];
      if (!existsSync(transformFile)) {
        results = failAll(spec, `no transform at ${config.paths.transforms}/${spec.id}.ts: run \`migrate scaffold ${spec.id}\``);
      } else {
        try {
          const transform = loadTransform(transformFile);
          results = [];
          for (const scenario of spec.scenarios) {
            const started = performance.now();
            const r = await runSuiteScenario(session, transform, spec, scenario);
            results.push({ ...r, ms: Math.round(performance.now() - started) });
          }
        } catch (err) {
          // a transform that does not load (syntax error, bad export) fails its scenarios, not the run
          results = failAll(spec, err instanceof MigrateError ? err.format() : err instanceof Error ? err.message : String(err));
        }
      }
      recordSectionResults(root, spec.id, results);
      outcomes.push({ id: spec.id, file: spec.file, procedure: spec.procedure, scenarios: results, problem: undefined });
    }
  } finally {
    session.close();
  }
  outcomes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { sections: outcomes, passed: outcomes.every(sectionPassed) };
}
