import { codeCell, escapeCell, markdownTable } from '../../../src/render/markdown-table';

describe('escapeCell', () => {
  it.each([
    ['plain', 'dbo.orders', 'dbo.orders'],
    ['pipe', 'a|b', 'a\\|b'],
    ['backslash before pipe', 'a\\|b', 'a\\\\\\|b'],
    ['angle brackets', '<b>', '&lt;b&gt;'],
    ['line breaks', 'a\r\nb\nc\rd', 'a b c d'],
    ['nothing to escape but non-ASCII', 'Größe 😀', 'Größe 😀'],
  ])('%s', (_, input, expected) => {
    expect(escapeCell(input)).toBe(expected);
  });
});

describe('codeCell', () => {
  it.each([
    ['empty', '', ''],
    ['plain', 'SUM(x)', '`SUM(x)`'],
    ['pipe', 'a|b', '`a\\|b`'],
    ['line breaks', 'a\r\nb', '`a b`'],
    ['backtick', 'a`b', '`` a`b ``'],
  ])('%s', (_, input, expected) => {
    expect(codeCell(input)).toBe(expected);
  });
});

describe('markdownTable', () => {
  it('writes headers, alignment and rows, an empty cell as a blank', () => {
    expect(markdownTable(['a', 'n'], [['x', ''], ['y', '2']], ['left', 'right'])).toBe('| a | n |\n| --- | ---: |\n| x |   |\n| y | 2 |');
  });
});
