import { relative, sep } from 'node:path';
import { escapeXml } from '../acceptance';
import type { SectionTestOutcome } from '../sections';

/**
 * JUnit XML of a `migrate test` run: one `<testsuite>` per section, one `<testcase>` per
 * scenario (classname the section id, name the scenario as written), a `<failure>` carrying
 * what differs. A section whose spec could not be read is one failing test case named `spec`.
 * The shape Azure DevOps' PublishTestResults, GitHub and GitLab test reports read.
 */
export function renderSectionJunit(sections: readonly SectionTestOutcome[], root: string): string {
  const where = (file: string, line: number): string => `${relative(root, file).split(sep).join('/')}:${line}`;
  const suites = sections.map((s) => {
    const cases = s.problem !== undefined
      ? [`    <testcase classname="${escapeXml(s.id)}" name="spec" time="0">\n      <failure message="the spec has problems" type="SpecProblem">${escapeXml(s.problem)}</failure>\n    </testcase>`]
      : s.scenarios.map((sc) => {
        const attrs = `classname="${escapeXml(s.id)}" name="${escapeXml(sc.scenario)}" file="${escapeXml(where(s.file, sc.line))}" time="${(sc.ms / 1000).toFixed(3)}"`;
        if (sc.passed) return `    <testcase ${attrs}/>`;
        const first = sc.message.split('\n')[0] ?? '';
        return `    <testcase ${attrs}>\n      <failure message="${escapeXml(first)}" type="ScenarioFailed">${escapeXml(`${where(s.file, sc.line)}: Scenario: ${sc.scenario}\n${sc.message}`)}</failure>\n    </testcase>`;
      });
    const tests = s.problem !== undefined ? 1 : s.scenarios.length;
    const failures = s.problem !== undefined ? 1 : s.scenarios.filter((x) => !x.passed).length;
    const time = s.scenarios.reduce((a, x) => a + x.ms, 0) / 1000;
    return `  <testsuite name="${escapeXml(s.id)}" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const tests = sections.reduce((a, s) => a + (s.problem !== undefined ? 1 : s.scenarios.length), 0);
  const failures = sections.reduce((a, s) => a + (s.problem !== undefined ? 1 : s.scenarios.filter((x) => !x.passed).length), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="migrate test" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
