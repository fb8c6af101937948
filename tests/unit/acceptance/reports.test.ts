import { compareRows, escapeXml, formatPercent, renderHtml, renderJson, renderJunit, renderTextReport, resolveCompareOptions, verdictLine } from '../../../src/acceptance';

const options = resolveCompareOptions({ key: ['id'], limit: 5 });
const failing = compareRows('orders <&>', [{ id: 1, v: 'a' }, { id: 2, v: '<b>"x"' }], [{ id: 1, v: 'a' }, { id: 2, v: '</td><script>alert(1)</script>' }], options);
const passing = compareRows('customers', [{ id: 1, v: 'a' }], [{ id: 1, v: 'a' }], options);

describe('verdictLine', () => {
  it.each<[Parameters<typeof verdictLine>[0], string]>([
    [{ records: 10, matched: 10, changed: 0, missing: 0, extra: 0, duplicateKeys: 0, percentMatched: 100, passed: true }, 'Test Passed. 10 records tested. Percentage Matched: 100%'],
    [{ records: 3, matched: 2, changed: 1, missing: 0, extra: 0, duplicateKeys: 0, percentMatched: 66.6666, passed: false }, 'Test Failed. 3 records tested. 2 matched, 1 changed, 0 missing, 0 extra. Percentage Matched: 66.6666%'],
    [{ records: 4, matched: 1, changed: 1, missing: 1, extra: 1, duplicateKeys: 2, percentMatched: 25, passed: false }, 'Test Failed. 4 records tested. 1 matched, 1 changed, 1 missing, 1 extra, 2 duplicate keys. Percentage Matched: 25%'],
    [{ records: 0, matched: 0, changed: 0, missing: 0, extra: 0, duplicateKeys: 0, percentMatched: 100, passed: true }, 'Test Passed. 0 records tested. Percentage Matched: 100%'],
  ])('%#', (t, line) => {
    expect(verdictLine(t)).toBe(line);
  });

  it('never rounds a near miss up to 100', () => {
    expect(formatPercent(99.99999)).toBe('99.9999');
    expect(compareRows('t', Array.from({ length: 100001 }, (_, i) => ({ id: i })), Array.from({ length: 100000 }, (_, i) => ({ id: i })), options).percentMatched).toBeLessThan(100);
  });
});

describe('reports', () => {
  it('the text report walks the six steps and ends with the verdict', () => {
    const text = renderTextReport(failing, options);
    expect(text.split('\n').filter((l) => /^\d\. /.test(l))).toEqual(['1. Load', '2. Counts and schema', '3. Keys', '4. Compare', '5. Normalisation', '6. Where it differs']);
    expect(text.split('\n').pop()).toBe(verdictLine(failing));
  });

  it('JSON: the bare contract object for one table, a wrapper for several', () => {
    expect(Object.keys(JSON.parse(renderJson([{ result: passing }], true)))).toEqual(['records', 'matched', 'changed', 'missing', 'extra', 'duplicateKeys', 'percentMatched', 'columns', 'passed']);
    const wrapped = JSON.parse(renderJson([{ result: passing, origin: 'a.yaml' }, { result: failing, origin: 'b.yaml' }], false));
    expect(wrapped).toMatchObject({ passed: false, tables: [{ name: 'customers', config: 'a.yaml', result: { passed: true } }, { name: 'orders <&>', config: 'b.yaml', result: { passed: false, changed: 1 } }] });
  });

  it('JUnit: one test case per table, a failure for the failing one, well-formed XML', () => {
    const xml = renderJunit([{ result: passing, report: 'ok' }, { result: failing, report: renderTextReport(failing, options), origin: 'acceptance/orders.yaml' }]);
    expect(isWellFormed(xml)).toBe(true);
    expect([isWellFormed('<a><b></a></b>'), isWellFormed('<a>x < y</a>'), isWellFormed('<a>AT&T</a>')]).toEqual([false, false, false]);
    expect([...xml.matchAll(/<testcase [^>]*name="([^"]*)"/g)].map((m) => m[1])).toEqual(['customers', 'orders &lt;&amp;&gt;']);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toMatch(/<testsuites [^>]*tests="2" failures="1"/);
    expect(xml).toContain(`>${escapeXml(verdictLine(failing))}</failure>`);
    expect(escapeXml('a\u0001<b>')).toBe('a&lt;b&gt;');
  });

  it('HTML: self-contained, everything from the data escaped', () => {
    const html = renderHtml([passing, failing]);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=/i);
    expect(html).toContain('&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<td class="diff">&lt;b&gt;&quot;x&quot;</td>');
    expect(html).toContain('<h2>orders &lt;&amp;&gt;</h2>');
    expect(html).toContain('<div class="verdict fail">Test Failed. 3 records tested. 2 matched, 1 changed, 0 missing, 0 extra. Percentage Matched: 66.6666%</div>');
    expect(isWellFormed(html.replace(/<!DOCTYPE html>/, '').replace(/<meta [^>]*>/g, ''))).toBe(true);
  });
});

/** Tags open and close in order, attributes are quoted, and no raw < or & sits in text. */
function isWellFormed(markup: string): boolean {
  const stack: string[] = [];
  const body = markup.replace(/<\?xml[^>]*\?>/, '');
  const re = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(amp|lt|gt|quot|apos|#\d+);)/g;
  for (const m of body.matchAll(re)) {
    if (m[2] === undefined) return false;
    if (m[4] === '/') continue;
    if (m[1] === '/') { if (stack.pop() !== m[2]) return false; } else stack.push(m[2]);
  }
  return stack.length === 0;
}
