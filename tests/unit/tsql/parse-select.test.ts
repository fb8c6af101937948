import type { QuerySpec, Select } from '../../../src/tsql';
import { parseOne } from './helpers';

const spec = (sql: string): QuerySpec => (parseOne(sql) as Select).body as QuerySpec;

describe('SELECT', () => {
  it.each<[string, object]>([
    ['SELECT DISTINCT a FROM t', { distinct: true }],
    ['SELECT TOP (10) a FROM t', { top: { expression: { value: '10' }, percent: false } }],
    ['SELECT TOP 5 PERCENT WITH TIES a FROM t ORDER BY a', { top: { percent: true, withTies: true } }],
    ['SELECT TOP (@n) a FROM t', { top: { expression: { kind: 'Variable' } } }],
    ['SELECT a AS x, b y, z = c, \'w\' = d, e \'v\' FROM t', {
      items: [{ alias: { name: 'x' }, aliasStyle: 'as' }, { alias: { name: 'y' }, aliasStyle: 'implicit' },
        { alias: { name: 'z' }, aliasStyle: 'equals' }, { alias: { name: 'w' }, aliasStyle: 'equals' }, { alias: { name: 'v' }, aliasStyle: 'implicit' }],
    }],
    ['SELECT [Total Amount] = SUM(x) FROM t', { items: [{ alias: { name: 'Total Amount' }, aliasStyle: 'equals' }] }],
    ['SELECT @a = a, @b += b FROM t', { items: [{ kind: 'SelectAssignment', variable: { name: '@a' }, operator: '=' }, { kind: 'SelectAssignment', operator: '+=' }] }],
    ['SELECT * FROM t', { items: [{ expression: { kind: 'Star', qualifier: [] } }] }],
    ['SELECT a INTO #tmp FROM t', { into: { kind: 'TableRef', temp: true, name: { parts: [{ name: '#tmp' }] } } }],
    ['SELECT a INTO dbo.Archive FROM t', { into: { kind: 'TableRef', temp: false } }],
    ['SELECT IDENTITY(int, 1, 1) AS id, a INTO #n FROM t', { into: { temp: true } }],
    ['SELECT a FROM t1, t2 WHERE t1.id = t2.id', { from: [{ kind: 'TableRef' }, { kind: 'TableRef' }] }],
    ['SELECT a FROM t INNER JOIN u ON u.id = t.id LEFT OUTER JOIN v ON v.id = u.id', {
      from: [{ kind: 'Join', joinType: 'LEFT', left: { kind: 'Join', joinType: 'INNER' }, right: { name: { parts: [{ name: 'v' }] } } }],
    }],
    ['SELECT a FROM t JOIN u ON 1 = 1', { from: [{ kind: 'Join', joinType: 'INNER' }] }],
    ['SELECT a FROM t RIGHT JOIN u ON 1 = 1 FULL OUTER JOIN v ON 1 = 1', { from: [{ joinType: 'FULL', left: { joinType: 'RIGHT' } }] }],
    ['SELECT a FROM t CROSS JOIN u', { from: [{ joinType: 'CROSS', on: undefined }] }],
    ['SELECT a FROM t INNER LOOP JOIN u ON 1 = 1', { from: [{ joinType: 'INNER', hint: 'LOOP' }] }],
    ['SELECT a FROM t LEFT HASH JOIN u ON 1 = 1', { from: [{ joinType: 'LEFT', hint: 'HASH' }] }],
    ['SELECT a FROM t CROSS APPLY dbo.fn(t.id) f', { from: [{ joinType: 'CROSS APPLY', right: { kind: 'TableFunctionRef', alias: { name: 'f' } } }] }],
    ['SELECT a FROM t OUTER APPLY (SELECT TOP 1 b FROM u WHERE u.id = t.id ORDER BY b) x', { from: [{ joinType: 'OUTER APPLY', right: { kind: 'DerivedTable', alias: { name: 'x' } } }] }],
    ['SELECT a FROM t WITH (NOLOCK)', { from: [{ kind: 'TableRef', hints: ['NOLOCK'] }] }],
    ['SELECT a FROM t x WITH (NOLOCK, INDEX(ix_a))', { from: [{ alias: { name: 'x' }, hints: ['NOLOCK', 'INDEX(IX_A)'] }] }],
    ['SELECT a FROM t (NOLOCK)', { from: [{ kind: 'TableRef', alias: undefined, hints: ['NOLOCK'] }] }],
    ['SELECT a FROM t x (NOLOCK) JOIN u (READUNCOMMITTED) ON 1 = 1', { from: [{ left: { alias: { name: 'x' }, hints: ['NOLOCK'] }, right: { hints: ['READUNCOMMITTED'] } }] }],
    ['SELECT a FROM (SELECT a FROM t) AS d', { from: [{ kind: 'DerivedTable', alias: { name: 'd' }, query: { kind: 'Select' } }] }],
    ['SELECT a FROM (SELECT 1, 2) d (x, y)', { from: [{ kind: 'DerivedTable', columns: [{ name: 'x' }, { name: 'y' }] }] }],
    ["SELECT v.id FROM (VALUES (1, 'a'), (2, 'b')) AS v (id, name)", { from: [{ kind: 'ValuesTable', rows: [[{}, {}], [{}, {}]], columns: [{ name: 'id' }, { name: 'name' }] }] }],
    ['SELECT a FROM @tv t', { from: [{ kind: 'TableVariableRef', variable: { name: '@tv' }, alias: { name: 't' } }] }],
    ['SELECT a FROM #t', { from: [{ kind: 'TableRef', temp: true }] }],
    ['SELECT a FROM ##g', { from: [{ kind: 'TableRef', temp: true }] }],
    ['SELECT a FROM db..t', { from: [{ name: { parts: [{ name: 'db' }, { name: '' }, { name: 't' }] } }] }],
    ['SELECT a FROM srv.db.dbo.t', { from: [{ name: { parts: [{}, {}, {}, {}] } }] }],
    ["SELECT * FROM OPENQUERY(LNK, 'SELECT 1') q", { from: [{ kind: 'TableFunctionRef', alias: { name: 'q' } }] }],
    ["SELECT * FROM OPENROWSET('SQLNCLI', 'x', 'SELECT 1') AS r", { from: [{ kind: 'TableFunctionRef' }] }],
    ["SELECT * FROM OPENJSON(@j) WITH (id int '$.id', name nvarchar(50)) AS j", { from: [{ kind: 'TableFunctionRef', withSchema: "(id int '$.id', name nvarchar(50))" }] }],
    ["SELECT s.value FROM STRING_SPLIT(@list, ',') s", { from: [{ kind: 'TableFunctionRef' }] }],
    ["SELECT x.c.value('.', 'int') FROM @doc.nodes('/r/i') AS x(c)", { from: [{ kind: 'TableFunctionRef', call: { kind: 'MethodCall', method: 'nodes' }, columns: [{ name: 'c' }] }] }],
    ["SELECT n.c.value('.', 'int') FROM t CROSS APPLY t.doc.nodes('/r') n(c)", { from: [{ right: { kind: 'TableFunctionRef', call: { kind: 'MethodCall' } } }] }],
    ['SELECT * FROM s PIVOT (SUM(v) FOR k IN ([a], [b])) AS p', { from: [{ kind: 'Pivot', values: [{ name: 'a' }, { name: 'b' }], alias: { name: 'p' }, aggregate: { kind: 'FunctionCall' } }] }],
    ['SELECT * FROM s UNPIVOT (v FOR k IN (a, b)) u', { from: [{ kind: 'Unpivot', valueColumn: { name: 'v' }, forColumn: { name: 'k' }, columns: [{}, {}] }] }],
    ['SELECT a, COUNT(*) FROM t GROUP BY a HAVING COUNT(*) > 1', { groupBy: { items: [{ kind: 'ColumnRef' }] }, having: { kind: 'Binary' } }],
    ['SELECT a, b FROM t GROUP BY ROLLUP (a, b)', { groupBy: { items: [{ kind: 'GroupingSpec', type: 'ROLLUP' }] } }],
    ['SELECT a, b FROM t GROUP BY CUBE (a, b)', { groupBy: { items: [{ kind: 'GroupingSpec', type: 'CUBE' }] } }],
    ['SELECT a, b FROM t GROUP BY GROUPING SETS ((a, b), (a), ())', { groupBy: { items: [{ type: 'GROUPING SETS', items: [{ kind: 'ExpressionList' }, { kind: 'ColumnRef' }, { kind: 'ExpressionList' }] }] } }],
    ['SELECT a FROM t GROUP BY a WITH ROLLUP', { groupBy: { withOption: 'ROLLUP' } }],
    ['SELECT a FROM t GROUP BY ALL a', { groupBy: { all: true } }],
  ])('%s', (sql, expected) => {
    expect(spec(sql)).toMatchObject(expected);
  });

  it.each<[string, object]>([
    ['SELECT a FROM t ORDER BY a DESC, b', { orderBy: [{ direction: 'DESC' }, { direction: undefined }] }],
    ['SELECT a FROM t ORDER BY a OFFSET 10 ROWS FETCH NEXT 5 ROWS ONLY', { offset: { value: '10' }, fetch: { value: '5' } }],
    ['SELECT a FROM t UNION ALL SELECT b FROM u', { body: { kind: 'SetOperation', operator: 'UNION ALL' } }],
    ['SELECT a FROM t UNION SELECT b FROM u EXCEPT SELECT c FROM v', { body: { operator: 'EXCEPT', left: { operator: 'UNION' } } }],
    ['SELECT a FROM t INTERSECT SELECT b FROM u ORDER BY 1', { body: { operator: 'INTERSECT' }, orderBy: [{}] }],
    ['(SELECT a FROM t) UNION (SELECT b FROM u)', { body: { kind: 'SetOperation', left: { kind: 'Select' }, right: { kind: 'Select' } } }],
    ["SELECT a FROM t FOR XML PATH(''), TYPE", { forClause: "FOR XML PATH(''), TYPE" }],
    ['SELECT a FROM t FOR JSON AUTO', { forClause: 'FOR JSON AUTO' }],
    ['SELECT a FROM t OPTION (RECOMPILE, MAXDOP 1)', { option: 'OPTION (RECOMPILE, MAXDOP 1)' }],
    ['WITH c AS (SELECT a FROM t) SELECT a FROM c', { ctes: [{ name: { name: 'c' } }], recursive: false }],
    ['WITH a AS (SELECT 1 x), b (y) AS (SELECT x FROM a) SELECT y FROM b', { ctes: [{ name: { name: 'a' } }, { name: { name: 'b' }, columns: [{ name: 'y' }] }] }],
    ['WITH r AS (SELECT id, parent FROM t WHERE parent IS NULL UNION ALL SELECT t.id, t.parent FROM t JOIN r ON t.parent = r.id) SELECT * FROM r', { recursive: true }],
    [';WITH c AS (SELECT 1 a) SELECT a FROM c', { ctes: [{}] }],
  ])('%s', (sql, expected) => {
    expect(parseOne(sql)).toMatchObject(expected);
  });
});

describe('temporal and time-zone forms', () => {
  it.each<[string, object]>([
    ['SELECT a FROM dbo.t FOR SYSTEM_TIME AS OF @d AS h', { from: [{ kind: 'TableRef', alias: { name: 'h' }, hints: ['FOR SYSTEM_TIME AS OF @d'] }] }],
    ['SELECT a FROM dbo.t FOR SYSTEM_TIME BETWEEN @a AND @b h', { from: [{ alias: { name: 'h' } }] }],
    ["SELECT d AT TIME ZONE 'UTC' AS u FROM t", { items: [{ expression: { kind: 'Binary', operator: 'AT TIME ZONE' }, alias: { name: 'u' } }] }],
    ['SELECT a FROM t TABLESAMPLE (10 PERCENT)', { from: [{ hints: ['TABLESAMPLE (10 PERCENT)'] }] }],
    ['SELECT a FROM t AS x TABLESAMPLE SYSTEM (100 ROWS) REPEATABLE (4) WITH (NOLOCK)', { from: [{ alias: { name: 'x' }, hints: ['TABLESAMPLE SYSTEM (100 ROWS) REPEATABLE (4)', 'NOLOCK'] }] }],
  ])('%s', (sql, expected) => {
    expect(spec(sql)).toMatchObject(expected);
  });
});

describe('legacy and rowset forms', () => {
  it.each<[string, object]>([
    ["SELECT x.BulkColumn FROM OPENROWSET(BULK 'C:\\f.json', SINGLE_CLOB) AS x", { from: [{ kind: 'TableFunctionRef', call: { args: [{ value: 'C:\\f.json' }] } }] }],
    ['SELECT a FROM t WITH (NOLOCK INDEX(ix))', { from: [{ hints: ['NOLOCK', 'INDEX(IX)'] }] }],
    ['SELECT a FROM t x HOLDLOCK', { from: [{ alias: { name: 'x' }, hints: ['HOLDLOCK'] }] }],
    ["SELECT * FROM OPENXML(@h, N'/r', 1) WITH dbo.Shape AS x", { from: [{ kind: 'TableFunctionRef', withSchema: 'dbo.Shape', alias: { name: 'x' } }] }],
    ['SELECT * FROM {oj dbo.a x LEFT OUTER JOIN dbo.b y ON x.id = y.id}', { from: [{ kind: 'Join', joinType: 'LEFT', left: { alias: { name: 'x' } }, right: { alias: { name: 'y' } } }] }],
    ['SELECT a FROM ((SELECT 1 AS a) x JOIN (SELECT 2 AS b) y ON x.a < y.b)', { from: [{ kind: 'Join', left: { kind: 'DerivedTable', alias: { name: 'x' } }, right: { kind: 'DerivedTable' } }] }],
    ['SELECT a FROM ((SELECT 1 AS a)) AS d', { from: [{ kind: 'DerivedTable', alias: { name: 'd' } }] }],
    ["SELECT * FROM OPENROWSET(BULK 'x/*.parquet', FORMAT = 'PARQUET') WITH (id int, name varchar(50) 2) AS r", { from: [{ kind: 'TableFunctionRef', withSchema: '(id int, name varchar(50) 2)', alias: { name: 'r' } }] }],
    ["SELECT k.[RANK] FROM CONTAINSTABLE(dbo.d, body, 'x', LANGUAGE 1033, 10) AS k", { from: [{ kind: 'TableFunctionRef', call: { args: [{}, {}, {}, { value: '1033' }, { value: '10' }] } }] }],
  ])('%s', (sql, expected) => {
    expect(spec(sql)).toMatchObject(expected);
  });
});
