import { stringify } from 'yaml';
import { GATE_REPORTS, type GateStep } from './gate-steps';

/** The platforms `migrate ci` writes for, and the local script. */
export const CI_KINDS = ['azure', 'github', 'gitlab', 'script'] as const;
export type CiKind = (typeof CI_KINDS)[number];

/** Where each kind's file goes in the workspace. */
export const CI_FILES: Readonly<Record<CiKind, string>> = {
  azure: 'azure-pipelines.yml',
  github: '.github/workflows/migration-gate.yml',
  gitlab: '.gitlab-ci.yml',
  script: 'ci/gate.sh',
};

const NODE_VERSION = '20';

function header(kind: CiKind, stamp: string): string {
  return [
    `# Migration acceptance gate, written by \`migrate ci ${kind}\` (${stamp}).`,
    '# Every platform and ci/gate.sh run the same steps: install, analyze --check, sections check,',
    '# migrate test (JUnit + Cobertura), migrate run on the captured inputs, migrate accept against the',
    '# legacy baselines (threshold from acceptance/*.yaml), then `migrate status --markdown` as the summary.',
    '# Regenerate with `migrate ci` after upgrading tsql-migrate; if you edit this file, it is kept.',
    '',
  ].join('\n');
}

const yaml = (doc: unknown): string => stringify(doc, { lineWidth: 0 });

/**
 * Azure DevOps: one job; every check runs even after one failed (succeededOrFailed), results go
 * to PublishTestResults@2 (JUnit), PublishCodeCoverageResults@2 (Cobertura), the reports folder
 * (with the HTML acceptance report) to a pipeline artifact, and the status table to the run's
 * summary page (`##vso[task.uploadsummary]`).
 */
export function renderAzure(steps: readonly GateStep[], stamp: string): string {
  const r = GATE_REPORTS;
  const doc = {
    trigger: { branches: { include: ['main'] } },
    pr: { branches: { include: ['*'] } },
    pool: { vmImage: 'ubuntu-latest' },
    steps: [
      { task: 'NodeTool@0', displayName: `Use Node ${NODE_VERSION}`, inputs: { versionSpec: `${NODE_VERSION}.x` } },
      ...steps.map((s) => ({
        script: s.kind === 'summary' ? `${s.command}\necho "##vso[task.uploadsummary]$(System.DefaultWorkingDirectory)/${r.statusMarkdown}"\n` : s.command,
        displayName: s.title,
        ...(s.kind === 'install' ? {} : { condition: 'succeededOrFailed()' }),
      })),
      { task: 'PublishTestResults@2', displayName: 'Publish scenario and acceptance results', condition: 'succeededOrFailed()', inputs: { testResultsFormat: 'JUnit', testResultsFiles: `${r.sectionJunit}\n${r.acceptanceJunit}`, testRunTitle: 'Migration gate', mergeTestResults: true, failTaskOnFailedTests: true } },
      { task: 'PublishCodeCoverageResults@2', displayName: 'Publish coverage of src/transforms', condition: 'succeededOrFailed()', inputs: { summaryFileLocation: r.coverageFile } },
      { task: 'PublishPipelineArtifact@1', displayName: 'Publish reports (acceptance HTML, JUnit, coverage, status)', condition: 'succeededOrFailed()', inputs: { targetPath: r.dir, artifact: 'migration-reports' } },
    ],
  };
  return header('azure', stamp) + yaml(doc);
}

/**
 * GitHub Actions: one job; checks run while the install succeeded, even after one failed; the
 * status table goes to $GITHUB_STEP_SUMMARY and the reports folder to an artifact.
 */
export function renderGithub(steps: readonly GateStep[], stamp: string): string {
  const r = GATE_REPORTS;
  const afterInstall = "${{ !cancelled() && steps.install.outcome == 'success' }}";
  const doc = {
    name: 'Migration gate',
    on: { push: { branches: ['main'] }, pull_request: {} },
    permissions: { contents: 'read' },
    jobs: {
      gate: {
        'runs-on': 'ubuntu-latest',
        steps: [
          { uses: 'actions/checkout@v4' },
          { uses: 'actions/setup-node@v4', with: { 'node-version': NODE_VERSION, cache: 'npm' } },
          ...steps.map((s) => ({
            name: s.title,
            id: s.id,
            ...(s.kind === 'install' ? {} : { if: afterInstall }),
            run: s.kind === 'summary' ? `${s.command}\ncat ${r.statusMarkdown} >> "$GITHUB_STEP_SUMMARY"\n` : s.command,
          })),
          { name: 'Publish reports (JUnit, coverage, acceptance HTML, status)', if: '${{ !cancelled() }}', uses: 'actions/upload-artifact@v4', with: { name: 'migration-reports', path: `${r.dir}/` } },
        ],
      },
    },
  };
  return header('github', stamp) + yaml(doc);
}

/**
 * GitLab CI: one job whose script runs the steps in one shell, remembering a failed check and
 * failing at the end, so every check reports; JUnit and Cobertura go to the merge request
 * widgets through artifacts:reports, the status table to the job log.
 */
export function renderGitlab(steps: readonly GateStep[], stamp: string): string {
  const r = GATE_REPORTS;
  const doc = {
    'migration-gate': {
      image: `node:${NODE_VERSION}`,
      script: [
        ...steps.map((s) => (s.kind === 'check' ? `${s.command} || GATE_FAILED=1` : s.kind === 'summary' ? `${s.command} && cat ${r.statusMarkdown}` : s.command)),
        'test -z "${GATE_FAILED:-}"',
      ],
      artifacts: {
        when: 'always',
        paths: [`${r.dir}/`],
        reports: { junit: [r.sectionJunit, r.acceptanceJunit], coverage_report: { coverage_format: 'cobertura', path: r.coverageFile } },
      },
    },
  };
  return header('gitlab', stamp) + yaml(doc);
}

/** Single-quotes a command for `sh` (the script runs each step's command through `eval`). */
function quoteForEval(command: string): string {
  return `'${command.replace(/'/g, `'\\''`)}'`;
}

/**
 * The local gate, `ci/gate.sh`: the same steps in POSIX sh from the workspace root; every
 * check runs, the script fails at the end listing the checks that failed. `GATE_INSTALL=0`
 * skips the install for a workspace that is already installed.
 */
export function renderShell(steps: readonly GateStep[], stamp: string): string {
  const lines = [
    '#!/bin/sh',
    header('script', stamp).trimEnd(),
    'cd "$(dirname "$0")/.." || exit 2',
    'failed=""',
    'step() {',
    '  printf \'\\n== %s\\n$ %s\\n\' "$1" "$2"',
    '  eval "$2" || failed="$failed',
    '  $1"',
    '}',
  ];
  for (const s of steps) {
    if (s.kind === 'install') {
      lines.push(`if [ "\${GATE_INSTALL:-1}" != 0 ]; then`, `  printf '\\n== %s\\n' ${quoteForEval(s.title)}`, `  ${s.command} || exit 1`, 'fi');
    } else if (s.kind === 'summary') {
      lines.push(`step ${quoteForEval(s.title)} ${quoteForEval(`${s.command} && cat ${GATE_REPORTS.statusMarkdown}`)}`);
    } else {
      lines.push(`step ${quoteForEval(s.title)} ${quoteForEval(s.command)}`);
    }
  }
  lines.push(
    'if [ -n "$failed" ]; then',
    '  printf \'\\ngate FAILED:%s\\n\' "$failed" >&2',
    '  exit 1',
    'fi',
    'printf \'\\ngate passed\\n\'',
    '',
  );
  return lines.join('\n');
}

/** Renders the gate for one kind. */
export function renderGate(kind: CiKind, steps: readonly GateStep[], stamp: string): string {
  switch (kind) {
    case 'azure': return renderAzure(steps, stamp);
    case 'github': return renderGithub(steps, stamp);
    case 'gitlab': return renderGitlab(steps, stamp);
    case 'script': return renderShell(steps, stamp);
  }
}
