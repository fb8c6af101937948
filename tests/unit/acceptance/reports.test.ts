import { compareRows, escapeXml, formatPercent, markBlanks, percentOf, renderHtml, renderJson, renderJunit, renderSamples, renderTextReport, resolveCompareOptions, verdictLine } from '../../../src/acceptance';

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

/** 100 x part / whole truncated to 4 decimals, in exact integer arithmetic, as text. */
function truncatedPercent(part: number, whole: number): string {
  if (whole === 0 || part === whole) return '100';
  const units = (BigInt(part) * 1_000_000n) / BigInt(whole);
  const frac = units % 10_000n;
  return frac === 0n ? String(units / 10_000n) : `${units / 10_000n}.${String(frac).padStart(4, '0')}`;
}

describe('one exact percentage everywhere', () => {
  it.each([
    [12, 13, '92.3076'], [1, 3, '33.3333'], [2, 3, '66.6666'], [101, 200, '50.5000'], [1, 2, '50'], [99_999, 100_000, '99.9990'],
    [999_999, 1_000_000, '99.9999'], [9_999_999, 10_000_000, '99.9999'], [0, 7, '0'], [1, 10_000_000, '0'], [7, 7, '100'], [0, 0, '100'],
    [123_456_789, 123_456_790, '99.9999'], [1, 1_000_000, '0.0001'], [1_073, 1_100, '97.5454'],
  ])('%i of %i -> %s% (text) and the same figure as a JSON number', (part, whole, text) => {
    const p = percentOf(part, whole);
    expect(formatPercent(p)).toBe(text);
    expect(JSON.stringify(p)).toBe(String(Number(text)));
  });

  it('every fraction up to 400 records: truncated exactly, never 100 unless all match, text and number agree', () => {
    const wrong: string[] = [];
    for (let whole = 1; whole <= 400; whole++) {
      for (let part = 0; part <= whole; part++) {
        const p = percentOf(part, whole);
        const text = formatPercent(p);
        if (text !== truncatedPercent(part, whole) || Number(text) !== p || (part < whole && p >= 100)) wrong.push(`${part}/${whole}: ${p} ${text}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each([[99.99999, '99.9999'], [92.30769230769, '92.3076'], [100, '100'], [0.00001, '0'], [66.6666, '66.6666']])('formatPercent(%p) truncates to %s', (p, text) => {
    expect(formatPercent(p)).toBe(text);
  });

  it('12 of 13 records: text, JSON, JUnit and HTML all say 92.3076%', () => {
    const rows = Array.from({ length: 13 }, (_, i) => ({ id: i, v: 'x' }));
    const result = compareRows('t', rows, rows.map((r) => (r.id === 5 ? { ...r, v: 'y' } : r)), options);
    expect(result.percentMatched).toBe(92.3076);
    expect(renderTextReport(result, options).split('\n').pop()).toMatch(/Percentage Matched: 92\.3076%$/);
    expect(JSON.parse(renderJson([{ result }], true)).percentMatched).toBe(92.3076);
    expect(renderJson([{ result }], true)).toContain('"percentMatched":92.3076');
    expect(renderJunit([{ result, report: '' }])).toContain('92.3076% matched');
    const html = renderHtml([result]);
    expect(html).toContain('Percentage Matched: 92.3076%');
    expect(html).not.toMatch(/92\.307[57]|92\.31/);
  });
});

describe('blanks at the ends of values are visible', () => {
  it.each([
    ['ab', 'ab', false], ['ab  ', 'ab··', true], ['  ab', '··ab', true], ['a b', 'a b', false], ['ab\t', 'ab⇥', true],
    ['ab\u00a0', 'ab⍽', true], ['', "''", true], ['   ', '···', true], ['ab\n', 'ab⍽', true],
    // the text an SSMS export writes for NULL, beside a real NULL (shown NULL)
    ['NULL', "'NULL'", true], ['null', "'null'", true], ['NULLS', 'NULLS', false],
  ])('%j -> %j', (value, text, marked) => {
    expect(markBlanks(value)).toEqual({ text, marked });
  });

  const padded = compareRows('codes', [{ id: 1, code: 'AB  ' }, { id: 2, code: '' }], [{ id: 1, code: 'AB' }, { id: 2, code: ' ' }], resolveCompareOptions({ key: ['id'], limit: 5 }));

  it('in the text report, with a note saying what the marks mean', () => {
    const text = renderSamples(padded);
    expect(text).toMatch(/expected\s+1\s+\*AB··/);
    expect(text).toMatch(/actual\s+1\s+\*AB(\s|$)/m);
    expect(text).toContain("*''");
    expect(text).toContain('*·');
    expect(text).toContain('· marks a blank');
  });

  it('in the HTML report, as marked spans with a title, cells keeping inner spaces', () => {
    const html = renderHtml([padded]);
    expect(html).toContain('AB<span class="blank" title="2 blanks at the end">··</span>');
    expect(html).toContain('<span class="blank" title="empty string">\'\'</span>');
    expect(html).toContain('<span class="blank" title="1 blank at the start">·</span>');
    expect(html).toContain('· marks a blank');
    expect(html).toContain('table.samples td{white-space:pre-wrap}');
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

describe('the text report without a key', () => {
  it('shows no per-column figures: no record is paired, so 100% would say nothing', () => {
    const multiset = resolveCompareOptions({ limit: 5 });
    const result = compareRows('t', [{ id: 1, v: 'a' }, { id: 2, v: 'b' }], [{ id: 1, v: 'a' }, { id: 2, v: 'c' }], multiset);
    const text = renderTextReport(result, multiset);
    expect(text).toMatch(/\n {2}v +text +- +-\n/);
    expect(text).not.toMatch(/\n {2}v +text +0 +100%/);
    expect(text).toContain('give --key for per-column figures');
    // with a key the figures are there
    expect(renderTextReport(compareRows('t', [{ id: 2, v: 'b' }], [{ id: 2, v: 'c' }], options), options)).toMatch(/\n {2}v +text +1 +0%/);
  });
});
