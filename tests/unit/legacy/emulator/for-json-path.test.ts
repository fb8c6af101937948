import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

// Expected texts follow learn.microsoft.com/sql/relational-databases/json/: "Format nested JSON
// output with PATH mode" (dotted aliases nest, NULL members and all-NULL nested objects left out),
// "Include null values in JSON output", "Remove square brackets … WITHOUT_ARRAY_WRAPPER", "How FOR
// JSON escapes special characters and control characters", "How FOR JSON converts SQL Server data
// types to JSON data types" (bit as true/false, numbers bare, text and dates as strings).
const TABLES = `
CREATE TABLE dbo.Quote (OrderId int NOT NULL PRIMARY KEY, OrderNo varchar(20) NOT NULL, Total decimal(19,2) NULL,
  Fee money NULL, Free bit NULL, Notes nvarchar(100) NULL, Country char(3) NULL, Shipped date NULL, Rate float NULL);`;
const CSV = {
  'dbo.Quote': [
    'OrderId,OrderNo,Total,Fee,Free,Notes,Country,Shipped,Rate',
    '1,SO-1,62.50,6.0000,0,"say ""hi"" / \\ bye",US,2026-11-03,0.5',
    '2,SO-2,0.05,0.0000,1,,GB,,',
    '3,SO-3,,,,,,,',
  ].join('\n'),
};

async function json(select: string): Promise<unknown> {
  const r = await runBody(`DECLARE @j nvarchar(max) = (${select}); SELECT @j AS j;`, { tables: TABLES, csv: CSV });
  return resultRows(r)[0]?.j;
}

describe('FOR JSON PATH', () => {
  it.each([
    ['nests dotted aliases and leaves NULL members out', `SELECT OrderId AS [order.id], OrderNo AS [order.no], Total AS [amounts.total], Free AS [amounts.free] FROM dbo.Quote ORDER BY OrderId FOR JSON PATH`,
      '[{"order":{"id":1,"no":"SO-1"},"amounts":{"total":62.50,"free":false}},{"order":{"id":2,"no":"SO-2"},"amounts":{"total":0.05,"free":true}},{"order":{"id":3,"no":"SO-3"}}]'],
    ['writes nulls with INCLUDE_NULL_VALUES', `SELECT OrderId AS id, Total AS [a.total], Notes FROM dbo.Quote WHERE OrderId = 3 FOR JSON PATH, INCLUDE_NULL_VALUES`,
      '[{"id":3,"a":{"total":null},"Notes":null}]'],
    ['drops the brackets with WITHOUT_ARRAY_WRAPPER', `SELECT OrderNo, Country, Shipped FROM dbo.Quote WHERE OrderId = 1 FOR JSON PATH, WITHOUT_ARRAY_WRAPPER`,
      '{"OrderNo":"SO-1","Country":"US ","Shipped":"2026-11-03"}'],
    ['escapes quotes, slashes and backslashes', `SELECT Notes AS [n/1] FROM dbo.Quote WHERE OrderId = 1 FOR JSON PATH`,
      '[{"n\\/1":"say \\"hi\\" \\/ \\\\ bye"}]'],
    ['escapes control characters', `SELECT CHAR(9) + CHAR(10) + CHAR(1) + CHAR(31) AS c FOR JSON PATH`, '[{"c":"\\t\\n\\u0001\\u001f"}]'],
    ['wraps the array in ROOT', `SELECT OrderId AS id FROM dbo.Quote WHERE OrderId < 3 ORDER BY OrderId DESC FOR JSON PATH, ROOT('orders')`,
      '{"orders":[{"id":2},{"id":1}]}'],
    ['writes an empty object for a row of NULLs', `SELECT Total, Notes FROM dbo.Quote WHERE OrderId = 3 FOR JSON PATH`, '[{}]'],
    ['is NULL over no rows', `SELECT OrderId FROM dbo.Quote WHERE OrderId = 99 FOR JSON PATH`, null],
    ['embeds a nested FOR JSON and JSON_QUERY as JSON', `SELECT q.OrderId AS id, (SELECT x.OrderNo AS no FROM dbo.Quote x WHERE x.OrderId <= q.OrderId ORDER BY x.OrderId FOR JSON PATH) AS lines, JSON_QUERY('{"k":[1]}') AS extra FROM dbo.Quote q WHERE q.OrderId = 2 FOR JSON PATH`,
      '[{"id":2,"lines":[{"no":"SO-1"},{"no":"SO-2"}],"extra":{"k":[1]}}]'],
  ])('%s', async (_name, select, expected) => {
    expect(await json(select)).toBe(expected);
  });

  it('writes one document per outer row in a correlated subquery', async () => {
    const r = await runBody(`SELECT q.OrderId, (SELECT q.OrderNo AS no, q.Total AS total FOR JSON PATH, WITHOUT_ARRAY_WRAPPER) AS j FROM dbo.Quote q ORDER BY q.OrderId`, { tables: TABLES, csv: CSV });
    expect(resultRows(r)).toEqual([
      { OrderId: 1, j: '{"no":"SO-1","total":62.50}' }, { OrderId: 2, j: '{"no":"SO-2","total":0.05}' }, { OrderId: 3, j: '{"no":"SO-3"}' },
    ]);
  });

  it.each([
    ['a money column (no documented format)', `SELECT Fee FROM dbo.Quote FOR JSON PATH`, /money column in FOR JSON/],
    ['a float column', `SELECT Rate FROM dbo.Quote FOR JSON PATH`, /float column in FOR JSON/],
    ['FOR JSON AUTO', `SELECT OrderId FROM dbo.Quote FOR JSON AUTO`, /only FOR JSON PATH/],
    ['a column without a name', `SELECT OrderId + 1 FROM dbo.Quote FOR JSON PATH`, /without a name .*13605/],
    ['a name used twice', `SELECT OrderId AS a, OrderNo AS a FROM dbo.Quote FOR JSON PATH`, /conflicts with another column name/],
    ['a nested object split by another member', `SELECT OrderId AS [a.x], OrderNo AS b, Total AS [a.y] FROM dbo.Quote FOR JSON PATH`, /conflicts with another column name/],
    ['a value and an object under one name', `SELECT OrderId AS a, OrderNo AS [a.b] FROM dbo.Quote FOR JSON PATH`, /conflicts with another column name/],
    ['a nested FOR JSON without its array wrapper', `SELECT (SELECT 1 AS x FOR JSON PATH, WITHOUT_ARRAY_WRAPPER) AS inner FOR JSON PATH`, /WITHOUT_ARRAY_WRAPPER \(not wrapped in JSON_QUERY\)/],
  ])('refuses %s with its place', async (_name, select, message) => {
    const err = await json(select).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(message);
    expect((err as LegacyError).location).toMatchObject({ file: 'usp_test.sql', span: { start: { line: expect.any(Number) as number } } });
  });

  it('refuses a FOR JSON result set, which the client reads split into rows', async () => {
    const err = await runBody(`SELECT OrderId FROM dbo.Quote FOR JSON PATH`, { tables: TABLES, csv: CSV }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/FOR JSON query returned as a result set/);
  });
});
