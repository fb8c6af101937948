import { parseCaseFile } from './case-file';
import { compareValue } from './run-case';

const HEAD = '-- rule: r\n-- source: https://learn.microsoft.com/en-us/sql/t-sql/x\n';

describe('conformance case files', () => {
  it('keeps line numbers of the code under test and reads inputs', () => {
    const c = parseCaseFile('c.sql', `${HEAD}-- expect: [[{"v": 1}]]\n-- input: dbo.T\n--| a,b\n--| 1,\nCREATE TABLE dbo.T (a int, b int)\nGO\n-- test\nSELECT 1 AS v;\n`);
    expect(c.expect).toEqual({ kind: 'rows', resultSets: [[{ v: 1 }]] });
    expect(c.inputs).toEqual([{ table: 'dbo.T', csv: 'a,b\n1,\n' }]);
    // a name with spaces, as written in the scripts
    expect(parseCaseFile('c.sql', `${HEAD}-- expect: [[]]\n-- input: [Sales Data].[Order Lines]\n--| a\n--| 1\n-- test\n`).inputs).toEqual([{ table: '[Sales Data].[Order Lines]', csv: 'a\n1\n' }]);
    expect(c.procedureText.split('\n')[8]).toBe('CREATE PROCEDURE dbo.conformance_case AS BEGIN');
    expect(c.procedureText.split('\n')[9]).toBe('SELECT 1 AS v;');
    expect(c.setupText).toContain('CREATE TABLE dbo.T');
    expect(c.setupText).not.toContain('SELECT 1 AS v');
  });

  it('takes published outputs after the documentation page where it is silent', () => {
    const c = parseCaseFile('c.sql', '-- rule: r\n-- source: https://learn.microsoft.com/en-us/sql/t-sql/x ; https://example.com/post/ ; http://example.org/blog\n-- expect: [[]]\n-- test\n');
    expect(c.source).toBe('https://learn.microsoft.com/en-us/sql/t-sql/x ; https://example.com/post/ ; http://example.org/blog');
  });

  it.each([
    ['no test line', `${HEAD}-- expect: [[]]\n`, /no `-- test` line/],
    ['no source', '-- rule: r\n-- expect: [[]]\n-- test\n', /no `-- source:`/],
    ['a source elsewhere', '-- rule: r\n-- source: https://example.com/x\n-- expect: [[]]\n-- test\n', /learn\.microsoft\.com/],
    ['another page before the documentation', '-- rule: r\n-- source: https://example.com/x ; https://learn.microsoft.com/en-us/sql/t-sql/x\n-- expect: [[]]\n-- test\n', /learn\.microsoft\.com/],
    ['two expectations', `${HEAD}-- expect: [[]]\n-- expect-error: 1\n-- test\n`, /exactly one/],
    ['bad JSON', `${HEAD}-- expect: [[{]]\n-- test\n`, /not JSON/],
    ['rows not objects', `${HEAD}-- expect: [[1]]\n-- test\n`, /row objects/],
    ['CSV lines without an input line', `${HEAD}-- expect: [[]]\n--| a,b\n-- test\n`, /without an `-- input:/],
  ])('rejects a case with %s', (_name, text, message) => {
    expect(() => parseCaseFile('c.sql', text)).toThrow(message);
  });
});

describe('conformance value comparison', () => {
  it.each([
    [1, '1', 'INTEGER', true],
    [1, '1', 'VARCHAR', false],
    ['0.333333', '0.333333', 'DECIMAL(38,6)', true],
    ['0.33', '0.333333', 'DECIMAL(38,6)', false],
    ['abc ', 'abc', 'VARCHAR', false],
    [null, null, 'INTEGER', true],
    [null, '', 'VARCHAR', false],
    ['2020-01-01 00:00:00.000', '2020-01-01 00:00:00', 'TIMESTAMP', true],
    ['2020-01-01 10:11:12.1234567', '2020-01-01 10:11:12.123456', 'TIMESTAMP', false],
    ['2020-01-01 10:11:12.1234567', '2020-01-01 10:11:12.1234567', 'TIMESTAMP_NS', true],
    ['2020-01-01', '2020-01-01', 'DATE', true],
  ])('%j vs %j (%s) equal: %s', (expected, actual, type, equal) => {
    expect(compareValue(expected, actual, type) === undefined).toBe(equal);
  });
});
