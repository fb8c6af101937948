import type { Expression, QuerySpec, Select, SelectItem } from '../../../src/tsql';
import { parseOne } from './helpers';

/** The expression of `SELECT <expr>`. */
function expr(sql: string): Expression {
  const select = parseOne(`SELECT ${sql}`) as Select;
  return ((select.body as QuerySpec).items[0] as SelectItem).expression;
}

describe('expressions', () => {
  it.each<[string, object]>([
    ['1 + 2 * 3', { kind: 'Binary', operator: '+', right: { kind: 'Binary', operator: '*' } }],
    ['(1 + 2) * 3', { kind: 'Binary', operator: '*', left: { kind: 'Binary', operator: '+' } }],
    ['-a * b', { kind: 'Binary', operator: '*', left: { kind: 'Unary', operator: '-' } }],
    ['~a & b | c ^ d', { kind: 'Binary', operator: '^' }],
    ["'a' + N'b'", { kind: 'Binary', left: { literalType: 'string', value: 'a' }, right: { literalType: 'nstring', value: 'b' } }],
    ["'it''s'", { kind: 'Literal', value: "it's" }],
    ['$10.5', { kind: 'Literal', literalType: 'money' }],
    ['0xFF', { kind: 'Literal', literalType: 'binary' }],
    ['1.5e3', { kind: 'Literal', literalType: 'float' }],
    ['12.50', { kind: 'Literal', literalType: 'decimal' }],
    ['NULL', { kind: 'Literal', literalType: 'null' }],
    ['@x', { kind: 'Variable', name: '@x' }],
    ['@@ROWCOUNT', { kind: 'SystemVariable', name: '@@ROWCOUNT' }],
    ['srv.db.dbo.t.c', { kind: 'ColumnRef', parts: [{ name: 'srv' }, { name: 'db' }, { name: 'dbo' }, { name: 't' }, { name: 'c' }] }],
    ['[t].[my col]', { kind: 'ColumnRef', parts: [{ name: 't', quote: 'bracket' }, { name: 'my col' }] }],
    ['t.*', { kind: 'Star', qualifier: [{ name: 't' }] }],
    ['COUNT(*)', { kind: 'FunctionCall', star: true }],
    ['COUNT(DISTINCT x)', { kind: 'FunctionCall', distinct: true, args: [{ kind: 'ColumnRef' }] }],
    ['dbo.fn(1, @a)', { kind: 'FunctionCall', name: { parts: [{ name: 'dbo' }, { name: 'fn' }] }, args: [{}, {}] }],
    ['LEFT(s, 3) + RIGHT(s, 2)', { kind: 'Binary', left: { kind: 'FunctionCall', name: { parts: [{ name: 'LEFT' }] } } }],
    ['COALESCE(a, b, 0)', { kind: 'FunctionCall', args: [{}, {}, {}] }],
    ['NULLIF(a, 0)', { kind: 'FunctionCall' }],
    ['ISNULL(a, 0)', { kind: 'FunctionCall' }],
    ['DATEADD(day, -1, GETDATE())', { kind: 'FunctionCall', args: [{ kind: 'Literal', literalType: 'datepart', value: 'day' }, { kind: 'Unary' }, { kind: 'FunctionCall' }] }],
    ['DATEDIFF(mm, a, b)', { args: [{ literalType: 'datepart' }, { kind: 'ColumnRef' }, { kind: 'ColumnRef' }] }],
    ['CHECKSUM(*)', { kind: 'FunctionCall', star: true }],
    ['CAST(a AS decimal(18, 4))', { kind: 'Cast', function: 'CAST', dataType: { name: { parts: [{ name: 'decimal' }] }, args: ['18', '4'] } }],
    ['CONVERT(varchar(10), d, 120)', { kind: 'Cast', function: 'CONVERT', dataType: { args: ['10'] }, style: { value: '120' } }],
    ['CONVERT(nvarchar(max), x)', { kind: 'Cast', dataType: { args: ['MAX'] } }],
    ['TRY_CONVERT(int, x)', { kind: 'Cast', function: 'TRY_CONVERT' }],
    ['TRY_CAST(x AS int)', { kind: 'Cast', function: 'TRY_CAST' }],
    ["PARSE(x AS date USING 'en-US')", { kind: 'Cast', function: 'PARSE', culture: { value: 'en-US' } }],
    ['IIF(a > 0, 1, 0)', { kind: 'Iif', condition: { kind: 'Binary', operator: '>' } }],
    ['CASE WHEN a = 1 THEN 2 WHEN a = 2 THEN 3 ELSE 4 END', { kind: 'Case', operand: undefined, whens: [{}, {}], else: { value: '4' } }],
    ['CASE a WHEN 1 THEN 2 END', { kind: 'Case', operand: { kind: 'ColumnRef' }, whens: [{}] }],
    ['(SELECT MAX(x) FROM t)', { kind: 'Subquery', query: { kind: 'Select' } }],
    ["name COLLATE Latin1_General_CI_AS", { kind: 'Collate', collation: 'Latin1_General_CI_AS' }],
    ['NEXT VALUE FOR dbo.seq', { kind: 'NextValueFor', sequence: { parts: [{ name: 'dbo' }, { name: 'seq' }] } }],
    ["x.value('(/a)[1]', 'int')", { kind: 'MethodCall', method: 'value', target: { kind: 'ColumnRef', parts: [{ name: 'x' }] } }],
    ["t.doc.query('/a')", { kind: 'MethodCall', method: 'query', target: { parts: [{ name: 't' }, { name: 'doc' }] } }],
    ["@x.value('.', 'int')", { kind: 'MethodCall', target: { kind: 'Variable' } }],
    ["CAST(x AS xml).value('.', 'int')", { kind: 'MethodCall', target: { kind: 'Cast' } }],
    ['ROW_NUMBER() OVER (PARTITION BY a, b ORDER BY c DESC)', { kind: 'FunctionCall', over: { partitionBy: [{}, {}], orderBy: [{ direction: 'DESC' }] } }],
    ['SUM(x) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)', { over: { frame: { unit: 'ROWS', start: { bound: 'UNBOUNDED PRECEDING' }, end: { bound: 'CURRENT ROW' } } } }],
    ['AVG(x) OVER (ORDER BY d ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING)', { over: { frame: { start: { bound: 'PRECEDING', offset: { value: '2' } }, end: { bound: 'FOLLOWING' } } } }],
    ['SUM(x) OVER (PARTITION BY g ORDER BY d RANGE UNBOUNDED PRECEDING)', { over: { frame: { unit: 'RANGE', end: undefined } } }],
    ["STRING_AGG(name, ',') WITHIN GROUP (ORDER BY name)", { kind: 'FunctionCall', withinGroup: [{ expression: { kind: 'ColumnRef' } }] }],
    ['CURRENT_TIMESTAMP', { kind: 'FunctionCall', args: [] }],
    ["{fn UCASE('a')}", { kind: 'OdbcEscape', args: [{ kind: 'FunctionCall' }] }],
    ["{d '2020-01-01'}", { kind: 'OdbcEscape' }],
    ['$(Var)', { kind: 'SqlcmdVariable', name: 'Var' }],
    ['geography::Point(1, 2, 4326)', { kind: 'FunctionCall', name: { parts: [{ name: 'geography::Point' }] } }],
    ['((SELECT 1)) + ((SELECT 2))', { kind: 'Binary', operator: '+', left: { kind: 'Subquery' }, right: { kind: 'Subquery' } }],
    ['((SELECT 1) + 2)', { kind: 'Binary', operator: '+', left: { kind: 'Subquery' }, right: { value: '2' } }],
    ['(((SELECT TOP (1) a FROM t ORDER BY a)))', { kind: 'Subquery', query: { kind: 'Select' } }],
    ['CASE WHEN ((SELECT 1) = 1) THEN 1 END', { kind: 'Case', whens: [{ when: { operator: '=', left: { kind: 'Subquery' } } }] }],
    ["{fn CONCAT(a, b)}", { kind: 'OdbcEscape', args: [{ kind: 'FunctionCall', name: { parts: [{ name: 'CONCAT' }] } }] }],
    ["{ts '2024-01-01 00:00:00'}", { kind: 'OdbcEscape', args: [{ kind: 'Literal', value: '2024-01-01 00:00:00' }] }],
    ["{t '13:45:00'}", { kind: 'OdbcEscape' }],
    ['{fn TIMESTAMPADD(SQL_TSI_DAY, 1, {fn CURDATE()})}', { kind: 'OdbcEscape', args: [{ kind: 'FunctionCall', args: [{}, {}, { kind: 'OdbcEscape' }] }] }],
    ['€9.99', { kind: 'Literal', literalType: 'money', value: '€9.99' }],
    ['-£4.25', { kind: 'Unary', operand: { literalType: 'money', value: '£4.25' } }],
    ['GREATEST (a, b)', { kind: 'FunctionCall', name: { parts: [{ name: 'GREATEST' }] }, args: [{}, {}] }],
    ['least\n  ( c ,\n d )', { kind: 'FunctionCall', name: { parts: [{ name: 'least' }] }, args: [{}, {}] }],
    ['IDENTITYCOL', { kind: 'ColumnRef', parts: [{ name: 'IDENTITYCOL' }] }],
    // Clause words SQL Server does not reserve stay usable as column names.
    ['offset + output - window * using / throw', { kind: 'Binary', left: { left: { kind: 'ColumnRef', parts: [{ name: 'offset' }] }, right: { parts: [{ name: 'output' }] } } }],
    ['ROWGUIDCOL', { kind: 'ColumnRef', parts: [{ name: 'ROWGUIDCOL' }] }],
    ['JSON_OBJECTAGG(k : v)', { kind: 'FunctionCall', args: [{ parts: [{ name: 'k' }] }, { parts: [{ name: 'v' }] }] }],
    ['JSON_ARRAYAGG(v ORDER BY v DESC)', { kind: 'FunctionCall', args: [{}], withinGroup: [{ direction: 'DESC' }] }],
    ['AI_GENERATE_EMBEDDINGS(d USE MODEL m)', { kind: 'FunctionCall', args: [{ kind: 'ColumnRef', parts: [{ name: 'd' }] }] }],
    ["AI_GENERATE_EMBEDDINGS(N'x' USE MODEL [dbo].[m] PARAMETERS '{}')", { kind: 'FunctionCall', args: [{ literalType: 'nstring' }, { value: '{}' }] }],
  ])('%s', (sql, expected) => {
    expect(expr(sql)).toMatchObject(expected);
  });
});

describe('predicates', () => {
  const where = (cond: string): Expression => ((parseOne(`SELECT 1 FROM t WHERE ${cond}`) as Select).body as QuerySpec).where as Expression;

  it.each<[string, object]>([
    ['a = 1 AND b = 2 OR c = 3', { kind: 'Binary', operator: 'OR', left: { operator: 'AND' } }],
    ['a = 1 OR b = 2 AND c = 3', { kind: 'Binary', operator: 'OR', right: { operator: 'AND' } }],
    ['NOT a = 1 AND b = 2', { operator: 'AND', left: { kind: 'Unary', operator: 'NOT' } }],
    ['a <> 1', { operator: '<>' }],
    ['a != 1', { operator: '!=' }],
    ['a !< 1', { operator: '!<' }],
    ['a !> 1', { operator: '!>' }],
    ['a IS NULL', { kind: 'IsNull', not: false }],
    ['a IS NOT NULL', { kind: 'IsNull', not: true }],
    ['a IN (1, 2, 3)', { kind: 'In', not: false, list: [{}, {}, {}] }],
    ['a NOT IN (SELECT b FROM u)', { kind: 'In', not: true, query: { kind: 'Select' } }],
    ['a BETWEEN 1 AND 10 AND b = 2', { kind: 'Binary', operator: 'AND', left: { kind: 'Between', low: { value: '1' }, high: { value: '10' } } }],
    ['a NOT BETWEEN @lo AND @hi', { kind: 'Between', not: true }],
    ["a LIKE 'x%'", { kind: 'Like', not: false }],
    ["a NOT LIKE 'x!%' ESCAPE '!'", { kind: 'Like', not: true, escape: { value: '!' } }],
    ['EXISTS (SELECT 1 FROM u WHERE u.id = t.id)', { kind: 'Exists', query: { kind: 'Select' } }],
    ['NOT EXISTS (SELECT 1 FROM u)', { kind: 'Unary', operand: { kind: 'Exists' } }],
    ['a > ALL (SELECT b FROM u)', { kind: 'QuantifiedComparison', quantifier: 'ALL', operator: '>' }],
    ['a = ANY (SELECT b FROM u)', { kind: 'QuantifiedComparison', quantifier: 'ANY' }],
    ['a < SOME (SELECT b FROM u)', { kind: 'QuantifiedComparison', quantifier: 'SOME' }],
    ['(a = 1 OR b = 2) AND c = 3', { operator: 'AND', left: { operator: 'OR' } }],
    ["CONTAINS(doc, 'x')", { kind: 'FunctionCall' }],
    ["CONTAINS(doc, 'x', LANGUAGE 1033)", { kind: 'FunctionCall', args: [{ kind: 'ColumnRef' }, { value: 'x' }, { value: '1033' }] }],
    ["CONTAINS((a, b), 'x', LANGUAGE N'English')", { kind: 'FunctionCall', args: [{ kind: 'ExpressionList' }, {}, { literalType: 'nstring' }] }],
    ["FREETEXT(*, @s, LANGUAGE 0x409)", { kind: 'FunctionCall', args: [{ kind: 'Star' }, { kind: 'Variable' }, { literalType: 'binary' }] }],
    ['CONTAINS(doc, language)', { kind: 'FunctionCall', args: [{}, { kind: 'ColumnRef', parts: [{ name: 'language' }] }] }],
    ['a IN ((SELECT 1), 2, (SELECT 3))', { kind: 'In', query: undefined, list: [{ kind: 'Subquery' }, { value: '2' }, { kind: 'Subquery' }] }],
    ['a NOT IN ((SELECT b FROM u))', { kind: 'In', not: true, query: { kind: 'Select' } }],
    ['(SELECT 1) = (2)', { kind: 'Binary', operator: '=', left: { kind: 'Subquery' } }],
    ['((SELECT 1 UNION SELECT 1) = 1)', { kind: 'Binary', left: { kind: 'Subquery', query: { body: { kind: 'SetOperation' } } } }],
    ["a LIKE '50!%%' {ESCAPE '!'}", { kind: 'Like', escape: { value: '!' } }],
    ["a NOT LIKE 'a_b' { escape '\\' }", { kind: 'Like', not: true, escape: { value: '\\' } }],
  ])('%s', (sql, expected) => {
    expect(where(sql)).toMatchObject(expected);
  });
});
