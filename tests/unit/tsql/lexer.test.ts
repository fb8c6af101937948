import { tokenize, tokenizeForParse } from '../../../src/tsql';

const kinds = (sql: string): string[] => tokenize(sql).filter((t) => t.kind !== 'whitespace').map((t) => `${t.kind}:${t.text}`);

describe('tokenize', () => {
  it.each([
    ['SELECT a', ['word:SELECT', 'word:a']],
    ['[my]]col]', ['quoted:[my]]col]']],
    ['"q id"', ['quoted:"q id"']],
    ['@x @@ROWCOUNT', ['variable:@x', 'sysvar:@@ROWCOUNT']],
    ['#t ##g', ['temp:#t', 'temp:##g']],
    ["N'it''s' 'x'", ["string:N'it''s'", "string:'x'"]],
    ['1 1.5 .5 1e10 2.5E-3', ['number:1', 'number:1.5', 'number:.5', 'number:1e10', 'number:2.5E-3']],
    ['$1.50 $12', ['money:$1.50', 'money:$12']],
    ['0x0A1f 0x', ['binary:0x0A1f', 'binary:0x']],
    ['a<>b!=c>=d<=e!<f!>g', ['word:a', 'op:<>', 'word:b', 'op:!=', 'word:c', 'op:>=', 'word:d', 'op:<=', 'word:e', 'op:!<', 'word:f', 'op:!>', 'word:g']],
    ['@a+=1', ['variable:@a', 'op:+=', 'number:1']],
    ['-- c\nx', ['comment:-- c', 'newline:\n', 'word:x']],
    ['/* a /* b */ c */x', ['comment:/* a /* b */ c */', 'word:x']],
    ["'open", ["error:'open"]],
    ['/* open', ['error:/* open']],
    ['[open', ['error:[open']],
    ['$(DbName).dbo.t', ['sqlcmdvar:$(DbName)', 'op:.', 'word:dbo', 'op:.', 'word:t']],
    [':setvar x 1\nGO', ['sqlcmd::setvar x 1', 'newline:\n', 'word:GO']],
    ['$action', ['word:$action']],
    ['a\r\nb\rc', ['word:a', 'newline:\r\n', 'word:b', 'newline:\r', 'word:c']],
    ['Ünïcode_1', ['word:Ünïcode_1']],
    ['a ? b', ['word:a', 'error:?', 'word:b']],
    ['geography::Point', ['word:geography', 'op:::', 'word:Point']],
    // Money constants take any currency symbol SQL Server documents for money; others stay errors.
    ['€1 £20.00 ¥1000 ¢50 ₩5 ₪3 ฿4 ₱.5', ['money:€1', 'money:£20.00', 'money:¥1000', 'money:¢50', 'money:₩5', 'money:₪3', 'money:฿4', 'money:₱.5']],
    ['৳6 ៛7 ﷼8 ＄1 ￡2 ￥3 ￦4 ﹩5 ￠6 ¤9', ['money:৳6', 'money:៛7', 'money:﷼8', 'money:＄1', 'money:￡2', 'money:￥3', 'money:￦4', 'money:﹩5', 'money:￠6', 'money:¤9']],
    ['₹1 € x', ['error:₹', 'number:1', 'error:€', 'word:x']],
    // A reserved keyword ends at the `@` of a variable glued to it; other names keep their `@`.
    ['SELECT@v DECLARE@n PRINT@@ROWCOUNT', ['word:SELECT', 'variable:@v', 'word:DECLARE', 'variable:@n', 'word:PRINT', 'sysvar:@@ROWCOUNT']],
    ['a@b total@@x', ['word:a@b', 'word:total@@x']],
    // An SQLCMD variable glued to the end of a name stays part of the name.
    ['T$(Suffix) a$(x)_y cost$ x$( y', ['word:T$(Suffix)', 'word:a$(x)_y', 'word:cost$', 'word:x$', 'op:(', 'word:y']],
  ])('%j', (sql, expected) => {
    expect(kinds(sql)).toEqual(expected);
  });

  it.each([
    'SELECT 1',
    "SELECT N'x''y' /* c /* n */ */ -- t\r\nGO\n",
    "unterminated 'string",
    '\uFEFF\u00A0weird \u2003 spaces',
    '😀 emoji [😀] @😀',
  ])('is lossless for %j', (sql) => {
    const tokens = tokenize(sql);
    expect(tokens.map((t) => t.text).join('')).toBe(sql);
    tokens.forEach((t) => expect(sql.slice(t.start, t.end)).toBe(t.text));
  });

  it('upper-cases words only', () => {
    const [w, s] = tokenize("select 'x'").filter((t) => t.kind !== 'whitespace');
    expect(w?.upper).toBe('SELECT');
    expect(s?.upper).toBe('');
  });
});

describe('Unicode blanks', () => {
  it.each([
    ['NBSP', '\u00a0'], ['ogham space mark', '\u1680'], ['en quad', '\u2000'], ['em space', '\u2003'], ['thin space', '\u2009'],
    ['hair space', '\u200a'], ['zero-width space', '\u200b'], ['narrow NBSP', '\u202f'], ['math space', '\u205f'],
    ['ideographic space', '\u3000'], ['BOM', '\ufeff'], ['next line', '\u0085'], ['line separator', '\u2028'], ['paragraph separator', '\u2029'],
  ])('%s separates tokens as whitespace', (_name, blank) => {
    expect(kinds(`SELECT${blank}a${blank}${blank}FROM${blank}t`)).toEqual(['word:SELECT', 'word:a', 'word:FROM', 'word:t']);
  });

  it('keeps blanks inside strings and brackets', () => {
    expect(kinds("N'a\u00a0b' [c\u00a0d]")).toEqual(["string:N'a\u00a0b'", 'quoted:[c\u00a0d]']);
  });
});

describe('tokenizeForParse', () => {
  it('drops whitespace and comments but keeps newlines and everything else', () => {
    const sql = "SELECT /* c */ 'a\nb' -- x\nFROM t";
    const all = tokenize(sql).filter((t) => t.kind !== 'whitespace' && t.kind !== 'comment');
    expect(tokenizeForParse(sql)).toEqual(all);
  });
});

describe('undecodable bytes', () => {
  it('keeps U+FFFD inside identifiers so the statement still parses', () => {
    expect(tokenize('Gr\uFFFD\uFFFDe').map((t) => `${t.kind}:${t.text}`)).toEqual(['word:Gr\uFFFD\uFFFDe']);
  });
});
