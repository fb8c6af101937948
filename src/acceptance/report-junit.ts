import { formatPercent, verdictLine } from './format-values';
import type { AcceptError, TableResult } from './table-result';

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters XML 1.0 forbids
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * JUnit XML with one test case per compared table, in the shape Azure DevOps (PublishTestResults)
 * and GitHub Actions test reporters read: `<testsuites><testsuite><testcase classname name time>`,
 * a `<failure message type>` for a table below its threshold, the text report as system-out.
 */
export function renderJunit(results: readonly { readonly result: TableResult; readonly origin?: string; readonly report: string }[], suiteName = 'migrate accept', errors: readonly AcceptError[] = []): string {
  const failures = results.filter((r) => !r.result.passed).length;
  const time = results.reduce((a, r) => a + r.result.elapsedMs, 0) / 1000;
  const classname = (origin: string | undefined): string => escapeXml(origin ? `acceptance.${origin}` : 'acceptance');
  const cases = results.map(({ result: t, origin, report }) => {
    const attrs = `classname="${classname(origin)}" name="${escapeXml(t.name)}" time="${(t.elapsedMs / 1000).toFixed(3)}"`;
    const failure = t.passed ? '' : `\n      <failure message="${escapeXml(`${formatPercent(t.percentMatched)}% matched, threshold ${t.threshold}%`)}" type="AcceptanceMismatch">${escapeXml(verdictLine(t))}</failure>`;
    return `    <testcase ${attrs}>${failure}\n      <system-out>${escapeXml(report)}</system-out>\n    </testcase>`;
  });
  // A table whose input could not be read is an error (the run could not test it), not a failure.
  const errored = errors.map((e) => `    <testcase classname="${classname(e.origin)}" name="${escapeXml(e.name)}" time="0.000">\n      <error message="${escapeXml(e.message.split('\n')[0] ?? '')}" type="AcceptanceInputError">${escapeXml(e.message)}</error>\n    </testcase>`);
  const tests = results.length + errors.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(suiteName)}" tests="${tests}" failures="${failures}" errors="${errors.length}" time="${time.toFixed(3)}">`,
    `  <testsuite name="${escapeXml(suiteName)}" tests="${tests}" failures="${failures}" errors="${errors.length}" skipped="0" time="${time.toFixed(3)}" timestamp="${new Date().toISOString().replace(/\.\d+Z$/, '')}">`,
    ...cases,
    ...errored,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
