import { escapeLabel, formatLines, mermaidId, quoteLabel, shortenList, truncateText } from '../../../src/render/mermaid-text';

describe('escapeLabel', () => {
  it.each([
    ['plain', 'dbo.orders', 'dbo.orders'],
    ['quotes', 'say "hi"', 'say #quot;hi#quot;'],
    ['hash first, so entities are not double-escaped', '#kpi', '#35;kpi'],
    ['angle brackets', 'a <> b', 'a #lt;#gt; b'],
    ['pipe', 'a|b', 'a#124;b'],
    ['ampersand', 'a & b', 'a #38; b'],
    ['backtick', '`x`', '#96;x#96;'],
    ['newlines', 'a\r\nb\nc', 'a<br/>b<br/>c'],
  ])('%s', (_name, input, expected) => {
    expect(escapeLabel(input)).toBe(expected);
  });

  it('quotes several lines', () => {
    expect(quoteLabel('s1 · INSERT #t', 'L1–2')).toBe('"s1 · INSERT #35;t<br/>L1–2"');
  });
});

describe('mermaidId', () => {
  it.each([
    ['n', 'end', 'n_end'],
    ['s', 's1', 's_s1'],
    ['o', 'dbo.usp_x', 'o_dbo_usp_x'],
    ['n', 'a-b c', 'n_a_b_c'],
  ])('%s + %s', (prefix, id, expected) => {
    expect(mermaidId(prefix, id)).toBe(expected);
    expect(mermaidId(prefix, id)).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
  });
});

describe('shortenList', () => {
  it.each([
    [[], 3, 40, ''],
    [['a'], 3, 40, 'a'],
    [['a', 'b', 'c'], 3, 40, 'a, b, c'],
    [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 3, 40, 'a, b, c +5'],
    [['customer_name', 'customer_address', 'customer_city'], 3, 40, 'customer_name, customer_address +1'],
    [['customer_name', 'customer_address', 'customer_city'], 3, 32, 'customer_name +2'],
    [['x'.repeat(50)], 3, 20, `${'x'.repeat(19)}…`],
  ])('%j max %i/%i', (items, max, chars, expected) => {
    expect(shortenList(items, max, chars)).toBe(expected);
  });
});

describe('formatLines and truncateText', () => {
  it.each([
    [{ start: 3, end: 3 }, 'L3'],
    [{ start: 3, end: 9 }, 'L3–9'],
  ])('%j', (lines, expected) => {
    expect(formatLines(lines)).toBe(expected);
  });

  it('collapses whitespace and cuts long text', () => {
    expect(truncateText('IF   @a\n  > 1', 60)).toBe('IF @a > 1');
    expect(truncateText('x'.repeat(70), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
