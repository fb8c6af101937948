import type { WorkspaceConfig } from '../../sections';

/** One step of the acceptance gate, as every platform and the local script run it. */
export interface GateStep {
  readonly id: string;
  /** What the step proves, as the pipeline shows it. */
  readonly title: string;
  /** The shell command, run from the workspace root. */
  readonly command: string;
  /** `install` must pass before anything else; `check` steps all run even after one failed. */
  readonly kind: 'install' | 'check' | 'summary';
}

/** Where the gate writes what CI publishes, relative to the workspace root. */
export interface GateReports {
  readonly dir: string;
  readonly sectionJunit: string;
  readonly coverageDir: string;
  readonly coverageFile: string;
  readonly acceptanceJunit: string;
  readonly acceptanceHtml: string;
  readonly statusMarkdown: string;
}

/** The report paths every platform publishes. */
export const GATE_REPORTS: GateReports = {
  dir: 'reports',
  sectionJunit: 'reports/section-tests.xml',
  coverageDir: 'reports/coverage',
  coverageFile: 'reports/coverage/cobertura-coverage.xml',
  acceptanceJunit: 'reports/acceptance.xml',
  acceptanceHtml: 'reports/acceptance.html',
  statusMarkdown: 'reports/status.md',
};

/** Quotes a path for a POSIX shell only when it needs it. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:@%+=-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The acceptance gate of a migration workspace: the ONE list of steps the Azure DevOps, GitHub
 * Actions and GitLab pipelines and the local `ci/gate.sh` are all rendered from, so they run the
 * same commands: install, the diagrams match the procedures, the sections cover them, every
 * scenario passes (JUnit + coverage), the new pipeline runs on the captured inputs, and its
 * outputs match the legacy baselines at the configured threshold; then the status summary.
 */
export function gateSteps(config: WorkspaceConfig): GateStep[] {
  const p = config.paths;
  const acc = p.acceptance.replace(/\/$/, '');
  const r = GATE_REPORTS;
  const q = shellQuote;
  return [
    { id: 'install', title: 'Install the tool and test dependencies', kind: 'install', command: 'npm ci --no-audit --no-fund' },
    { id: 'analyze', title: 'Diagrams match the procedures (migrate analyze --check)', kind: 'check', command: `npx migrate analyze ${q(p.procedures)} --out ${q(p.dataflow)} --check` },
    { id: 'sections', title: 'Every statement in exactly one section (migrate sections check)', kind: 'check', command: 'npx migrate sections check' },
    { id: 'test', title: 'Every scenario passes (migrate test)', kind: 'check', command: `npx migrate test --junit ${r.sectionJunit} --coverage ${r.coverageDir}` },
    { id: 'run', title: 'New pipeline on the captured inputs (migrate run)', kind: 'check', command: `npx migrate run --baselines ${q(`${acc}/baseline`)} --data ${q(`${acc}/data`)} --out ${q(`${acc}/actual`)} --format csv` },
    { id: 'accept', title: 'New outputs match the legacy baselines (migrate accept)', kind: 'check', command: `npx migrate accept ${q(`${acc}/`)} --junit ${r.acceptanceJunit} --html ${r.acceptanceHtml} --record ${q(`${acc}/results`)}` },
    { id: 'status', title: 'Migration status', kind: 'summary', command: `mkdir -p ${r.dir} && npx migrate status --markdown > ${r.statusMarkdown}` },
  ];
}
