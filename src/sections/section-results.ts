import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core';
import type { ScenarioResult } from './run-scenario';

/**
 * Where the section test runner records its last results, one file per section:
 * `<root>/.migrate-cache/section-results/<schema>.<proc>/<nn>-<slug>.json` holding
 * `{"section":"<schema>.<proc>/<nn>-<slug>","at":"<ISO time>","scenarios":[{"name","passed"}]}`.
 * `migrate status` reads these tolerantly (a missing or unreadable file means "not run").
 */
export const SECTION_RESULTS_DIR = join('.migrate-cache', 'section-results');

/** One section's recorded run. */
export interface SectionRunRecord {
  readonly section: string;
  readonly at: string;
  readonly scenarios: readonly { readonly name: string; readonly passed: boolean }[];
}

/** Records a section's scenario results (called by generated section tests after they run). */
export function recordSectionResults(root: string, section: string, results: readonly ScenarioResult[]): void {
  const record: SectionRunRecord = { section, at: new Date().toISOString(), scenarios: results.map((r) => ({ name: r.scenario, passed: r.passed })) };
  writeFileAtomic(join(root, SECTION_RESULTS_DIR, `${section}.json`), `${JSON.stringify(record, null, 2)}\n`);
}

/** Reads a section's last recorded run, or undefined when there is none or it is unreadable. */
export function readSectionResults(root: string, section: string): SectionRunRecord | undefined {
  const path = join(root, SECTION_RESULTS_DIR, `${section}.json`);
  if (!existsSync(path)) return undefined;
  try {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<SectionRunRecord>;
    if (!Array.isArray(raw.scenarios)) return undefined;
    return { section, at: String(raw.at ?? ''), scenarios: raw.scenarios.filter((s) => s && typeof s.name === 'string').map((s) => ({ name: s.name, passed: s.passed === true })) };
  } catch {
    return undefined;
  }
}
