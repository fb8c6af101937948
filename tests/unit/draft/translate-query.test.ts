import { EngineSession } from '../../../src/engine';
import { bindInputTable, createDraftContext, DraftScope, isRefusal, splitPlaceholders, sqlTypeOfName, translateSelect, type Refusal } from '../../../src/draft';
import { parseScript, type Select } from '../../../src/tsql';

/*
 * Queries over a table `dbo.T (g varchar(10), i int, d decimal(5,2), f float)` run in DuckDB:
 * aggregates return SQL Server's values and types, GROUP BY and DISTINCT counts compare text
 * case-insensitively; what the draft cannot reproduce is refused.
 */

const ROWS = "('a', 1, 1.00, 1.5), ('A ', 2, 2.00, NULL), ('b', -3, 2.00, 2.5), ('b', NULL, NULL, 1.0)";

let session: EngineSession;
beforeAll(async () => {
  session = await EngineSession.open({ threads: 1 });
  await session.run(`CREATE TABLE input_t AS SELECT * FROM (VALUES ${ROWS}) v(g, i, d, f)`);
  await session.run('CREATE OR REPLACE TABLE input_t AS SELECT CAST(g AS VARCHAR) AS g, CAST(i AS INTEGER) AS i, CAST(d AS DECIMAL(5,2)) AS d, CAST(f AS DOUBLE) AS f FROM input_t');
});
afterAll(() => session.close());

function translate(sql: string) {
  const ctx = createDraftContext('q.sql', sql);
  bindInputTable(ctx, 'dbo.t', 'dbo.T', [
    { name: 'g', type: sqlTypeOfName('varchar', ['10']) }, { name: 'i', type: sqlTypeOfName('int', []) },
    { name: 'd', type: sqlTypeOfName('decimal', ['5', '2']) }, { name: 'f', type: sqlTypeOfName('float', []) },
  ]);
  const st = parseScript(sql, { file: 'q.sql' }).batches[0]?.statements[0] as Select;
  return translateSelect(st, new DraftScope(ctx));
}

async function rowsOf(sql: string): Promise<string[]> {
  const q = translate(sql);
  if (isRefusal(q)) throw new Error(`refused: ${q.construct}: ${q.reason}`);
  const text = splitPlaceholders(q.sql).map((p) => ('text' in p ? p.text : 'table' in p ? 'input_t' : 'clock' in p ? "TIMESTAMP '2000-01-01 00:00:00'" : 'NULL')).join('');
  const rows = await session.all(`SELECT * FROM (${text}) ORDER BY ALL`);
  return rows.map((r) => Object.values(r).map((v) => (v === null ? 'NULL' : String(v))).join('|'));
}

describe("FOR XML PATH('') string aggregation", () => {
  it.each<[string, string, string[]]>([
    ['rows in ORDER BY order (NULL first), XML-escaped, STUFF cuts the first separator',
      "SELECT STUFF((SELECT ';' + x.g + '&<>' FROM dbo.T x ORDER BY x.i FOR XML PATH('')), 1, 1, '') AS k", ['b&amp;&lt;&gt;;b&amp;&lt;&gt;;a&amp;&lt;&gt;;A &amp;&lt;&gt;']],
    ['DESC puts NULL keys last; a NULL text adds nothing',
      "SELECT (SELECT x.g + CAST(x.i AS varchar(11)) FROM dbo.T x ORDER BY x.i DESC FOR XML PATH('')) AS k", ['A 2a1b-3']],
    ['a carriage return is written &#x0D;, tab and line feed as they are', "SELECT (SELECT x.g + CHAR(13) + CHAR(9) + CHAR(10) FROM dbo.T x WHERE x.i = 1 FOR XML PATH('')) AS k", ['a&#x0D;\t\n']],
    ['correlated per row', "SELECT t.i, (SELECT ',' + x.g FROM dbo.T x WHERE x.i = t.i ORDER BY x.g FOR XML PATH('')) AS k FROM dbo.T t WHERE t.i = 1", ['1|,a']],
    ['no rows: NULL, and STUFF of NULL is NULL', "SELECT STUFF((SELECT ',' + x.g FROM dbo.T x WHERE x.i > 100 FOR XML PATH('')), 1, 1, '') AS k", ['NULL']],
    ['a column named [text()] is bare text, as an unnamed one', "SELECT (SELECT ',' + x.g AS [text()] FROM dbo.T x WHERE x.i > 0 ORDER BY x.i DESC FOR XML PATH('')) AS k", [',A ,a']],
    ['without ORDER BY, equal texts need no order', "SELECT (SELECT x.g FROM dbo.T x WHERE x.g = 'b' FOR XML PATH('')) AS k", ['bb']],
    // Rows all NULL: SQL Server's list is '' or NULL, and STUFF(…, 1, n, …) of either is NULL (start 1 > LEN('') = 0).
    ["rows all NULL under STUFF(…, 1, 2, ''): NULL", "SELECT STUFF((SELECT ', ' + x.g + CAST(x.i AS varchar(11)) FROM dbo.T x WHERE x.i IS NULL ORDER BY x.g FOR XML PATH('')), 1, 2, '') AS k", ['NULL']],
    ['per row: all NULL gives NULL, other rows their list',
      "SELECT t.i, STUFF((SELECT ', ' + CASE WHEN t.i > 0 THEN x.g END FROM dbo.T x WHERE x.g = 'b' ORDER BY x.i FOR XML PATH('')), 1, 2, '') AS k FROM dbo.T t WHERE t.i IN (1, -3)", ['-3|NULL', '1|b, b']],
    // a payroll's line types: varchar(6), varchar(10), varchar(3) make one varchar(10) column, each value as written
    ["UNION ALL of text literals of different lengths", "SELECT 'SALARY' AS t, x.i FROM dbo.T x WHERE x.i = 1 UNION ALL SELECT 'COMMISSION', x.i FROM dbo.T x WHERE x.i = 2 UNION ALL SELECT 'TAX', 3", ['COMMISSION|2', 'SALARY|1', 'TAX|3']],
  ])('%s', async (_rule, sql, expected) => {
    expect(await rowsOf(sql)).toEqual(expected);
  });

  it.each<[string, string, RegExp]>([
    ['texts tying on a case-insensitive ORDER BY', "SELECT (SELECT x.g FROM dbo.T x WHERE x.i > 0 ORDER BY x.g FOR XML PATH('')) AS k", /tie on its ORDER BY/],
    ['different texts without ORDER BY', "SELECT (SELECT x.g FROM dbo.T x FOR XML PATH('')) AS k", /tie on its ORDER BY \(or has no ORDER BY\)/],
    ['a control character', "SELECT (SELECT x.g + CHAR(1) FROM dbo.T x WHERE x.i = 1 FOR XML PATH('')) AS k", /control characters/],
    ['rows all NULL, the list itself (empty or NULL: not documented)', "SELECT (SELECT ', ' + x.g + CAST(x.i AS varchar(11)) FROM dbo.T x WHERE x.i IS NULL FOR XML PATH('')) AS k", /texts are all NULL/],
    ['rows all NULL under STUFF with a start read from a column', "SELECT STUFF((SELECT ', ' + x.g + CAST(x.i AS varchar(11)) FROM dbo.T x WHERE x.i IS NULL FOR XML PATH('')), t.i, 2, '') AS k FROM dbo.T t WHERE t.i = 1", /texts are all NULL/],
    ['MIN of text spelled two ways under the collation', 'SELECT MIN(x.g) AS m FROM dbo.T x', /spelled differently/],
    // 'ab-c' and 'abb': word sort passes over the hyphen, a SQL collation's code page does not.
    ['MAX of texts whose first difference is punctuation, naming both', "SELECT MAX(CASE WHEN x.i = 1 THEN 'ab-c' ELSE 'a' + x.g + 'b' END) AS m FROM dbo.T x WHERE x.i IN (1, -3)", /q\.sql:1:8: MAX\(\): ordering text whose first difference is punctuation.*'abb' and 'ab-c'$/],
    ['an APPLY whose TOP (1) ties on the first place', 'SELECT t.g, a.i FROM dbo.T t CROSS APPLY (SELECT TOP (1) x.i FROM dbo.T x WHERE x.i IS NOT NULL ORDER BY x.d DESC) a', /rows tie on the ORDER BY/],
    ['TOP 1 whose ORDER BY ties on the first place', 'SELECT (SELECT TOP 1 x.i FROM dbo.T x WHERE x.i IS NOT NULL ORDER BY x.d DESC) AS k', /q\.sql:1:\d+: TOP … ORDER BY: rows tie on the ORDER BY/],
    // Rows tied in a window's ORDER BY ('A ' and 'b' both have d = 2.00; 'a' and 'A ' tie as text)
    // come in the plan's order, where numbering them or reading the next one depends on it.
    ['ROW_NUMBER over ties', 'SELECT x.i, ROW_NUMBER() OVER (ORDER BY x.d) AS rn FROM dbo.T x', /ROW_NUMBER\(\) OVER rows tied in its ORDER BY/],
    ['ROW_NUMBER over text tied under the collation', 'SELECT x.i, ROW_NUMBER() OVER (ORDER BY x.g) AS rn FROM dbo.T x', /ROW_NUMBER\(\) OVER rows tied/],
    ['LAG over ties, naming where', 'SELECT x.i, LAG(x.i) OVER (ORDER BY x.d) AS p FROM dbo.T x', /q\.sql:1:13: LAG\(\) OVER rows tied/],
    ['NTILE over ties', 'SELECT x.i, NTILE(2) OVER (ORDER BY x.d) AS n FROM dbo.T x', /NTILE\(\) OVER rows tied/],
    ['a running SUM over a ROWS frame with ties', 'SELECT x.i, SUM(x.i) OVER (ORDER BY x.d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS s FROM dbo.T x', /SUM\(\) OVER rows tied/],
  ])('stops the query where SQL Server leaves the result open: %s', async (_rule, sql, error) => {
    await expect(rowsOf(sql)).rejects.toThrow(error);
  });
});

describe('translateSelect', () => {
  it.each<[string, string, string[]]>([
    ['AVG of int is an int, truncated', 'SELECT AVG(i) AS a FROM dbo.T WHERE i > 0', ['1']],
    ['AVG of decimal has scale 6, truncated', 'SELECT AVG(d) AS a FROM dbo.T', ['1.666666']],
    ['SUM of int stays int; COUNT(*) counts NULL rows, COUNT(x) not', 'SELECT SUM(i) AS s, COUNT(*) AS n, COUNT(i) AS c FROM dbo.T', ['0|4|3']],
    ['COUNT(DISTINCT text) ignores case and trailing blanks', 'SELECT COUNT(DISTINCT g) AS n FROM dbo.T', ['2']],
    ['GROUP BY text groups case-insensitively', 'SELECT g, COUNT(*) AS n FROM dbo.T GROUP BY g', ['A |2', 'b|2']],
    ['WHERE on text is case-insensitive', "SELECT i FROM dbo.T WHERE g = 'A'", ['1', '2']],
    ['HAVING with an aggregate', 'SELECT g, SUM(i) AS s FROM dbo.T GROUP BY g HAVING SUM(i) > 0', ['A |3']],
    ['ROW_NUMBER orders NULL first ascending', 'SELECT i, ROW_NUMBER() OVER (ORDER BY i) AS rn FROM dbo.T', ['-3|2', '1|3', '2|4', 'NULL|1']],
    ['ROW_NUMBER and LAG where the ORDER BY ties only across partitions', 'SELECT x.i, ROW_NUMBER() OVER (PARTITION BY x.d ORDER BY x.i) AS rn, LAG(x.i) OVER (PARTITION BY x.d ORDER BY x.i) AS p FROM dbo.T x', ['-3|1|NULL', '1|1|NULL', '2|2|-3', 'NULL|1|NULL']],
    ['LAG and LEAD convert a default of another type to the value\'s type (int truncates, decimal(5,2) rounds)', "SELECT x.i, LAG(x.i, 1, 0.7) OVER (ORDER BY x.i) AS p, LEAD(x.d, 1, 0.125) OVER (ORDER BY x.i) AS n FROM dbo.T x WHERE x.i IS NOT NULL", ['-3|0|1', '1|-3|2', '2|1|0.13']],
    ['PERCENT_RANK and CUME_DIST: float, NULL ranked first, ties alike', 'SELECT x.i, PERCENT_RANK() OVER (ORDER BY x.d) AS pr, CUME_DIST() OVER (ORDER BY x.d) AS cd FROM dbo.T x', ['-3|0.6666666666666666|1', '1|0.3333333333333333|0.5', '2|0.6666666666666666|1', 'NULL|0|0.25']],
    ['NTILE: larger groups first', 'SELECT x.i, NTILE(3) OVER (ORDER BY x.i) AS n FROM dbo.T x', ['-3|1', '1|2', '2|3', 'NULL|1']],
    ['AVG OVER of an int truncates, of a decimal keeps max(s, 6) decimals', 'SELECT x.i, AVG(x.i) OVER () AS a, AVG(x.d) OVER (PARTITION BY x.g) AS b FROM dbo.T x', ['-3|0|2', '1|0|1.5', '2|0|1.5', 'NULL|0|2']],
    ['RANK and a RANGE running SUM treat ties alike', 'SELECT x.i, RANK() OVER (ORDER BY x.d) AS r, SUM(x.i) OVER (ORDER BY x.d) AS s FROM dbo.T x', ['-3|3|0', '1|2|1', '2|3|0', 'NULL|1|NULL']],
    ['a derived table inside a correlated subquery reads the outer row', 'SELECT t.i, (SELECT COUNT(*) FROM (SELECT x.i FROM dbo.T x WHERE x.g = t.g) d) AS n FROM dbo.T t WHERE t.i = 1', ['1|2']],
    ['a correlated scalar subquery', 'SELECT t.i, (SELECT COUNT(*) FROM dbo.T x WHERE x.g = t.g) AS n FROM dbo.T t WHERE t.i = 1', ['1|2']],
    ['MIN/MAX of text by the collation: case and trailing blanks ignored', "SELECT MIN(x.g) AS lo, MAX(x.g) AS hi FROM dbo.T x WHERE x.g <> 'A'", ['b|b']],
    // punctuation that does not decide the extreme ('a-' and 'b-' first differ at a letter): as the emulator gives it
    ['MAX of texts with punctuation where it does not decide', "SELECT MAX(x.g + '-') AS m FROM dbo.T x WHERE x.i IN (1, -3)", ['b-']],
    ['MIN of text: lower case does not sort after upper case as bytes would', 'SELECT MIN(x.g) AS lo, MAX(x.g) AS hi FROM dbo.T x WHERE x.i IN (-3, 2)', ['A |b']],
    ['MAX of one text with punctuation: nothing to order', "SELECT MAX(x.g + '-') AS m FROM dbo.T x WHERE x.i = 1", ['a-']],
    ['MIN of text per group', 'SELECT x.i, MIN(x.g) AS m FROM dbo.T x WHERE x.i IS NOT NULL GROUP BY x.i', ['-3|b', '1|a', '2|A ']],
    ['TOP 1 … ORDER BY in a subquery: the first row in that order, NULL first', 'SELECT (SELECT TOP 1 x.i FROM dbo.T x ORDER BY x.i) AS k', ['NULL']],
    ['TOP 1 … ORDER BY … DESC, correlated', "SELECT t.g, (SELECT TOP (1) x.d FROM dbo.T x WHERE x.g = t.g ORDER BY x.d DESC, x.i DESC) AS k FROM dbo.T t WHERE t.i = 1", ['a|2']],
    ['TOP 1 of no rows is NULL', 'SELECT (SELECT TOP 1 x.i FROM dbo.T x WHERE x.i > 9 ORDER BY x.i) AS k', ['NULL']],
    ['EXISTS', 'SELECT t.i FROM dbo.T t WHERE EXISTS (SELECT 1 FROM dbo.T x WHERE x.i = t.i + 1)', ['1']],
    ['OUTER APPLY of a TOP (1) per row: NULLs where it gives nothing', 'SELECT t.i, a.g, a.d FROM dbo.T t OUTER APPLY (SELECT TOP (1) x.g, x.d FROM dbo.T x WHERE x.i > t.i ORDER BY x.i) a WHERE t.i IS NOT NULL', ['-3|a|1', '1|A |2', '2|NULL|NULL']],
    ['CROSS APPLY drops the rows it gives nothing', 'SELECT t.i, a.g FROM dbo.T t CROSS APPLY (SELECT TOP (1) x.g FROM dbo.T x WHERE x.i > t.i ORDER BY x.i) a', ['-3|a', '1|A ']],
    // STRING_SPLIT page: empty substrings are rows, ordinal is the 1-based position, a NULL string gives no row
    ['STRING_SPLIT with its ordinal, empty pieces kept', "SELECT s.value, s.ordinal FROM STRING_SPLIT('b,a,,c', ',', 1) AS s", ['|3', 'a|2', 'b|1', 'c|4']],
    ['CROSS APPLY STRING_SPLIT of each row\'s text (NULL text: no row)', "SELECT t.i, s.value FROM dbo.T t CROSS APPLY STRING_SPLIT(t.g, ' ') s", ['-3|b', '1|a', '2|', '2|A', 'NULL|b']],
    ['OUTER APPLY STRING_SPLIT keeps the row of a NULL text', "SELECT x.n, s.value FROM (SELECT CAST(NULL AS varchar(5)) AS n) x OUTER APPLY STRING_SPLIT(x.n, ',') s", ['NULL|NULL']],
  ])('%s', async (_rule, sql, expected) => {
    expect(await rowsOf(sql)).toEqual(expected);
  });

  it.each<[string, string, RegExp]>([
    ['SELECT TOP 1 i FROM dbo.T ORDER BY i', 'TOP', /order the draft does not reproduce/],
    ['SELECT (SELECT TOP 1 x.i FROM dbo.T x) AS k', 'TOP', /order the draft does not reproduce/],
    ['SELECT (SELECT TOP 10 PERCENT x.i FROM dbo.T x ORDER BY x.i) AS k', 'TOP', /PERCENT/],
    ['SELECT i FROM dbo.Nope', 'table dbo.Nope', /neither an input/],
    ["SELECT i FROM dbo.T FOR XML PATH('')", "FOR XML PATH('')", /FOR XML/],
    ["SELECT (SELECT x.g AS n FROM dbo.T x FOR XML PATH('')) AS k", "FOR XML PATH('')", /one unnamed column/],
    ["SELECT (SELECT x.i FROM dbo.T x ORDER BY x.i FOR XML PATH('')) AS k", "FOR XML PATH('')", /only text/],
    ["SELECT (SELECT x.g FROM dbo.T x FOR XML PATH('row')) AS k", "FOR XML PATH('row')", /FOR XML/],
    ["SELECT (SELECT x.g AS [campaign.code] FROM dbo.T x ORDER BY x.i FOR JSON PATH, ROOT('campaigns')) AS k", 'FOR JSON PATH', /FOR XML\/JSON/],
    ["SELECT (SELECT TOP 2 x.g FROM dbo.T x ORDER BY x.i FOR XML PATH('')) AS k", "FOR XML PATH('')", /TOP/],
    ['SELECT t.i FROM dbo.T t CROSS APPLY dbo.fn_Rows(t.i) x', 'CROSS APPLY', /only APPLY of a derived table/],
    ['SELECT f.i FROM dbo.fn_Rows(1) f', 'FROM dbo.fn_Rows(…)', /table-valued function/],
    ["SELECT s.value FROM STRING_SPLIT('a, b', ', ') s", 'STRING_SPLIT separator', /one-character/],
    ['SELECT u.v FROM dbo.T UNPIVOT (v FOR c IN (i, d)) u', 'UNPIVOT … IN (d)', /differ in type \(SQL Server: error 8167\)/],
    // char(n) pads to its length: the union's type is SQL Server's to work out, not drafted
    ["SELECT CAST(x.g AS char(3)) AS k FROM dbo.T x UNION ALL SELECT 'longer'", 'UNION ALL', /column 1 \(k\) is varchar\(3\) on one side and varchar\(6\) on the other/],
  ])('refuses %s (%s)', (sql, construct, reason) => {
    const q = translate(sql);
    expect(isRefusal(q)).toBe(true);
    expect(q as Refusal).toMatchObject({ file: 'q.sql', line: 1, construct });
    expect((q as Refusal).reason).toMatch(reason);
  });
});
