import { join } from 'node:path';
import { EngineSession, type TableSchema, type TableShape, type Transform } from '../engine';
import { listScenarioNames, loadSectionSpec } from './load-specs';
import { checkScenarioIndependence, runScenario, type ScenarioResult } from './run-scenario';
import { recordSectionResults } from './section-results';
import type { ScenarioSpec, SectionSpec } from './spec-model';

// The jest globals the suite registers with. Declared here rather than taken from @types/jest
// so the built library does not depend on jest's types; at run time jest provides them.
type Body = () => unknown;
declare const describe: (name: string, body: () => void) => void;
declare const it: ((name: string, body: Body) => void) & { each: (cases: readonly string[]) => (name: string, body: (c: string) => unknown) => void };
declare const beforeAll: (body: Body) => void;
declare const afterAll: (body: Body) => void;

/** What a generated section test passes to {@link describeSection}. */
export interface SectionSuiteOptions<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape> {
  /** The workspace root (the folder with sections/ and .migrate-cache/). */
  readonly root: string;
  /** The section id, `<schema>.<proc>/<nn>-<slug>`. */
  readonly id: string;
  readonly transform: Transform<I, O, P>;
}

/**
 * Checks one scenario's entity independence and returns the failure as text, or '' when the
 * transform gives the same rows for all entities at once as for each alone (or has no entity).
 */
export async function checkIndependenceOf<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(session: EngineSession, transform: Transform<I, O, P>, scenario: ScenarioSpec): Promise<string> {
  if (!transform.entity) return '';
  try {
    await checkScenarioIndependence(session, transform, scenario);
    return '';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Runs one scenario the way every section suite does: its Then tables and scalars against the
 * transform, then (when it passed and the transform declares an entity) the independence proof.
 * A scenario counts as passing only when both hold; `migrate test` and `migrate status` see
 * the same verdict the generated jest test gives.
 */
export async function runSuiteScenario<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(session: EngineSession, transform: Transform<I, O, P>, spec: SectionSpec, scenario: ScenarioSpec): Promise<ScenarioResult> {
  const result = await runScenario(session, transform, spec, scenario);
  if (!result.passed) return result;
  const dependence = await checkIndependenceOf(session, transform, scenario);
  return dependence === '' ? result : { ...result, passed: false, message: dependence };
}

/**
 * Registers the jest tests of one section: one test per scenario of its .feature file (run
 * against the transform on a DuckDB session), plus the entity-independence proof when the
 * transform declares an entity column, and records the results for `migrate status`. Generated
 * section tests are one call to this, so a fix to how sections are tested reaches all of them.
 */
export function describeSection<I extends Readonly<Record<string, TableSchema>>, O extends TableSchema, P extends TableShape>(options: SectionSuiteOptions<I, O, P>): void {
  const { root, id, transform } = options;
  const featureFile = join(root, 'sections', `${id}.feature`);
  const entity = transform.entity;
  describe(id, () => {
    let session: EngineSession | undefined;
    let spec: SectionSpec;
    const results: ScenarioResult[] = [];
    const dependent = new Map<string, string>();
    beforeAll(async () => {
      spec = await loadSectionSpec(featureFile);
      session = await EngineSession.open({ threads: 1, memoryLimit: '1GB' });
    });
    afterAll(() => {
      session?.close();
      // the record carries the same verdict `migrate test` gives: a dependent scenario fails
      recordSectionResults(root, id, results.map((r) => (dependent.has(r.scenario) ? { ...r, passed: false, message: dependent.get(r.scenario) ?? '' } : r)));
    });

    it.each(listScenarioNames(featureFile))('%s', async (name: string) => {
      const scenario = spec.scenarios.find((s) => s.name === name);
      if (!scenario) throw new Error(`scenario ${name} not found in ${featureFile}`);
      const result = await runScenario(session as EngineSession, transform, spec, scenario);
      results.push(result);
      if (!result.passed) throw new Error(result.message);
    });

    if (entity) {
      it(`is entity-independent on ${entity}: all at once equals each alone, unioned`, async () => {
        for (const scenario of spec.scenarios) {
          const failure = await checkIndependenceOf(session as EngineSession, transform, scenario);
          if (failure !== '') dependent.set(scenario.name, failure);
        }
        const first = [...dependent.values()][0];
        if (first !== undefined) throw new Error(first);
      });
    }
  });
}
