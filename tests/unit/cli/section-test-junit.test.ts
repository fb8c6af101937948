import { renderSectionJunit } from '../../../src/cli/section-test-junit';
import type { SectionTestOutcome } from '../../../src/sections';

const root = '/ws';
const scenario = (name: string, passed: boolean, message = ''): SectionTestOutcome['scenarios'][number] => ({ kind: 'scenario-result', scenario: name, line: 7, passed, message, ms: 1500 });
const sections: SectionTestOutcome[] = [
  { id: 'dbo.p/01-a', file: '/ws/sections/dbo.p/01-a.feature', procedure: 'dbo.p', problem: undefined, scenarios: [scenario('green <one>', true), scenario('red & "two"', false, 'line 1 differs\nline 2')] },
  { id: 'dbo.p/02-b', file: '/ws/sections/dbo.p/02-b.feature', procedure: 'dbo.p', problem: 'x.feature:3:1: bad step', scenarios: [] },
];
const xml = renderSectionJunit(sections, root);

describe('renderSectionJunit', () => {
  it.each([
    ['the totals over all sections', '<testsuites name="migrate test" tests="3" failures="2" errors="0">'],
    ['one suite per section', '<testsuite name="dbo.p/01-a" tests="2" failures="1" errors="0" skipped="0" time="3.000">'],
    ['a passing scenario as an empty test case, escaped', '<testcase classname="dbo.p/01-a" name="green &lt;one&gt;" file="sections/dbo.p/01-a.feature:7" time="1.500"/>'],
    ['a failing scenario named as written, its first line as the message', '<testcase classname="dbo.p/01-a" name="red &amp; &quot;two&quot;" file="sections/dbo.p/01-a.feature:7" time="1.500">\n      <failure message="line 1 differs" type="ScenarioFailed">sections/dbo.p/01-a.feature:7: Scenario: red &amp; &quot;two&quot;\nline 1 differs\nline 2</failure>'],
    ['a spec that cannot run as one failing case', '<testcase classname="dbo.p/02-b" name="spec" time="0">\n      <failure message="the spec has problems" type="SpecProblem">x.feature:3:1: bad step</failure>'],
  ])('has %s', (_what, fragment) => {
    expect(xml).toContain(fragment);
  });
});
