import { formatPercent, verdictLine } from './format-values';
import type { TableResult } from './table-result';

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
export function renderJunit(results: readonly { readonly result: TableResult; readonly origin?: string; readonly report: string }[], suiteName = 'migrate accept'): string {
  const failures = results.filter((r) => !r.result.passed).length;
  const time = results.reduce((a, r) => a + r.result.elapsedMs, 0) / 1000;
  const cases = results.map(({ result: t, origin, report }) => {
    const attrs = `classname="${escapeXml(origin ? `acceptance.${origin}` : 'acceptance')}" name="${escapeXml(t.name)}" time="${(t.elapsedMs / 1000).toFixed(3)}"`;
    const failure = t.passed ? '' : `\n      <failure message="${escapeXml(`${formatPercent(t.percentMatched)}% matched, threshold ${t.threshold}%`)}" type="AcceptanceMismatch">${escapeXml(verdictLine(t))}</failure>`;
    return `    <testcase ${attrs}>${failure}\n      <system-out>${escapeXml(report)}</system-out>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(suiteName)}" tests="${results.length}" failures="${failures}" errors="0" time="${time.toFixed(3)}">`,
    `  <testsuite name="${escapeXml(suiteName)}" tests="${results.length}" failures="${failures}" errors="0" skipped="0" time="${time.toFixed(3)}" timestamp="${new Date().toISOString().replace(/\.\d+Z$/, '')}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
