import { parse } from 'yaml';
import { gateSteps, GATE_REPORTS } from '../../../../src/cli/ci/gate-steps';
import { CI_FILES, renderGate, type CiKind } from '../../../../src/cli/ci/render-pipelines';
import { loadWorkspaceConfig } from '../../../../src/sections';

const steps = gateSteps(loadWorkspaceConfig('/nonexistent-workspace'));
const commands = steps.map((s) => s.command);
const STAMP = 'tsql-migrate:generated sha256=0000000000000000';

/** The shell commands a rendered pipeline runs, in order, from its parsed YAML. */
function scriptsOf(kind: Exclude<CiKind, 'script'>, doc: Record<string, unknown>): string[] {
  if (kind === 'azure') return (doc.steps as { script?: string }[]).flatMap((s) => (s.script ? [s.script] : []));
  if (kind === 'github') return ((doc.jobs as { gate: { steps: { run?: string }[] } }).gate.steps).flatMap((s) => (s.run ? [s.run] : []));
  return (doc['migration-gate'] as { script: string[] }).script;
}

describe('the gate steps every platform runs', () => {
  it('installs, then checks diagrams, sections, scenarios, runs the pipeline, accepts, and summarises', () => {
    expect(steps.map((s) => s.id)).toEqual(['install', 'analyze', 'sections', 'test', 'run', 'accept', 'status']);
    expect(commands).toEqual([
      'npm ci --no-audit --no-fund',
      'npx migrate analyze procedures --out dataflow --check',
      'npx migrate sections check',
      'npx migrate test --junit reports/section-tests.xml --coverage reports/coverage',
      'npx migrate run --baselines acceptance/baseline --data acceptance/data --out acceptance/actual --format csv',
      'npx migrate accept acceptance/ --junit reports/acceptance.xml --html reports/acceptance.html --record acceptance/results',
      'mkdir -p reports && npx migrate status --markdown > reports/status.md',
    ]);
  });

  it.each(['azure', 'github', 'gitlab'] as const)('%s runs exactly those commands, in that order', (kind) => {
    const doc = parse(renderGate(kind, steps, STAMP)) as Record<string, unknown>;
    const scripts = scriptsOf(kind, doc);
    let at = 0;
    for (const c of commands) {
      const found = scripts.findIndex((s, i) => i >= at && s.startsWith(c));
      expect(found).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
  });

  it.each(Object.entries(CI_FILES))('%s goes to %s and carries the stamp that keeps edits', (kind, _file) => {
    expect(renderGate(kind as CiKind, steps, STAMP)).toContain(STAMP);
  });
});

describe('Azure DevOps', () => {
  const doc = parse(renderGate('azure', steps, STAMP)) as { steps: Record<string, unknown>[] };
  const task = (name: string): Record<string, unknown> => doc.steps.find((s) => s.task === name) as Record<string, unknown>;

  it.each([
    ['PublishTestResults@2', { testResultsFormat: 'JUnit', testResultsFiles: `${GATE_REPORTS.sectionJunit}\n${GATE_REPORTS.acceptanceJunit}`, failTaskOnFailedTests: true }],
    ['PublishCodeCoverageResults@2', { summaryFileLocation: GATE_REPORTS.coverageFile }],
    ['PublishPipelineArtifact@1', { targetPath: 'reports', artifact: 'migration-reports' }],
  ])('publishes with %s', (name, inputs) => {
    expect(task(name).inputs).toMatchObject(inputs);
    expect(task(name).condition).toBe('succeededOrFailed()');
  });

  it('runs every check after a failed one, and uploads the status as the run summary', () => {
    const scripts = doc.steps.filter((s) => typeof s.script === 'string');
    expect(scripts.slice(1).every((s) => s.condition === 'succeededOrFailed()')).toBe(true);
    expect(scripts[0]?.condition).toBeUndefined();
    expect(String(scripts[scripts.length - 1]?.script)).toContain('echo "##vso[task.uploadsummary]$(System.DefaultWorkingDirectory)/reports/status.md"');
  });
});

describe('GitHub Actions', () => {
  const doc = parse(renderGate('github', steps, STAMP)) as { on: unknown; jobs: { gate: { steps: Record<string, unknown>[] } } };
  const all = doc.jobs.gate.steps;

  it('checks out, sets up Node, runs the checks while the install succeeded, and keeps the reports', () => {
    expect(all[0]).toEqual({ uses: 'actions/checkout@v4' });
    expect(all[1]).toMatchObject({ uses: 'actions/setup-node@v4' });
    expect(all.filter((s) => s.run && s.id !== 'install').every((s) => s.if === "${{ !cancelled() && steps.install.outcome == 'success' }}")).toBe(true);
    expect(all[all.length - 1]).toMatchObject({ uses: 'actions/upload-artifact@v4', with: { path: 'reports/' } });
  });

  it('posts the status table as the job summary', () => {
    expect(String(all.find((s) => s.id === 'status')?.run)).toContain('cat reports/status.md >> "$GITHUB_STEP_SUMMARY"');
  });
});

describe('GitLab CI', () => {
  const job = (parse(renderGate('gitlab', steps, STAMP)) as Record<string, { script: string[]; artifacts: Record<string, unknown> }>)['migration-gate'];

  it('remembers a failed check, runs the others, and fails at the end', () => {
    expect(job?.script.filter((l) => l.endsWith(' || GATE_FAILED=1'))).toHaveLength(steps.filter((s) => s.kind === 'check').length);
    expect(job?.script[job.script.length - 1]).toBe('test -z "${GATE_FAILED:-}"');
  });

  it('hands JUnit and Cobertura to the merge request widgets', () => {
    expect(job?.artifacts).toEqual({
      when: 'always', paths: ['reports/'],
      reports: { junit: [GATE_REPORTS.sectionJunit, GATE_REPORTS.acceptanceJunit], coverage_report: { coverage_format: 'cobertura', path: GATE_REPORTS.coverageFile } },
    });
  });
});

describe('the local script', () => {
  const script = renderGate('script', steps, STAMP);
  it.each(commands.slice(1))('runs %s', (command) => {
    expect(script).toContain(`'${command}`);
  });
  it('installs unless GATE_INSTALL=0, and fails at the end when a check failed', () => {
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain('if [ "${GATE_INSTALL:-1}" != 0 ]; then');
    expect(script).toMatch(/if \[ -n "\$failed" \]; then\n.*\n {2}exit 1/);
  });
});
