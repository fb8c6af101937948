import { LegacyError } from '../../../../src/core';
import { jsonPointer, parseJsonPath, parseWithSchema } from '../../../../src/legacy/emulator/xml-json/json-functions';
import { resultRows, runBody } from './emulator-helpers';

// Semantics from learn.microsoft.com/sql/t-sql/functions/{isjson,json-value,json-query}-transact-sql
// and learn.microsoft.com/sql/relational-databases/json/json-path-expressions-sql-server.
const DOC = `'{"id":7,"name":"Ann \\u00e9","tags":["a","b"],"info":{"city":"Oslo","zip":null},"ok":true,"price":1.50}'`;

describe('JSON functions', () => {
  it.each([
    ['$', { strict: false, steps: [] }, ''],
    ['strict $.info.city', { strict: true, steps: ['info', 'city'] }, '/info/city'],
    ['lax $."a b/c".x[2]', { strict: false, steps: ['a b/c', 'x', 2] }, '/a b~1c/x/2'],
  ])('reads the path %s', (text, path, pointer) => {
    const p = parseJsonPath(text);
    expect(p).toEqual(path);
    expect(jsonPointer(p as Exclude<typeof p, string>)).toBe(pointer);
  });

  it('rejects a path without $', () => {
    expect(parseJsonPath('info.city')).toMatch(/must start with \$/);
  });

  it('reads an OPENJSON WITH schema', () => {
    expect(parseWithSchema("(Id int '$.id', [Full Name] nvarchar(50) '$.name', tags nvarchar(max) AS JSON, city varchar(10))")).toEqual([
      { name: 'Id', type: { name: 'int', args: [] }, path: '$.id', asJson: false },
      { name: 'Full Name', type: { name: 'nvarchar', args: ['50'] }, path: '$.name', asJson: false },
      { name: 'tags', type: { name: 'nvarchar', args: ['max'] }, path: undefined, asJson: true },
      { name: 'city', type: { name: 'varchar', args: ['10'] }, path: undefined, asJson: false },
    ]);
  });

  it.each([
    ['ISJSON of an object', `ISJSON(${DOC})`, 1],
    ['ISJSON of a scalar (only objects and arrays count)', "ISJSON('1')", 0],
    ['ISJSON of bad text', "ISJSON('{x')", 0],
    ['ISJSON of NULL', 'ISJSON(NULL)', null],
    ['JSON_VALUE of a number', `JSON_VALUE(${DOC}, '$.id')`, '7'],
    ['JSON_VALUE of an escaped string', `JSON_VALUE(${DOC}, '$.name')`, 'Ann é'],
    ['JSON_VALUE into an array', `JSON_VALUE(${DOC}, '$.tags[1]')`, 'b'],
    ['JSON_VALUE of true', `JSON_VALUE(${DOC}, '$.ok')`, 'true'],
    ['JSON_VALUE of JSON null', `JSON_VALUE(${DOC}, '$.info.zip')`, null],
    ['JSON_VALUE lax of a missing key', `JSON_VALUE(${DOC}, '$.nope')`, null],
    ['JSON_VALUE lax of an object', `JSON_VALUE(${DOC}, 'lax $.info')`, null],
    ['JSON_VALUE of a decimal in compact text', `JSON_VALUE('{"p":2.5}', '$.p')`, '2.5'],
    ['JSON_QUERY of an array', `JSON_QUERY('{"tags":["a","b"],"n":1}', '$.tags')`, '["a","b"]'],
    ['JSON_QUERY lax of a scalar', `JSON_QUERY(${DOC}, '$.id')`, null],
    ['JSON_VALUE key names are case-sensitive', `JSON_VALUE(${DOC}, '$.ID')`, null],
    // At `$` the fragment is the whole text, returned as written (DuckDB would reprint 1.50 as 1.5)
    ['JSON_QUERY of the whole text keeps its numbers and spaces', `JSON_QUERY('{"p": 1.50, "q":[2.50]}')`, '{"p": 1.50, "q":[2.50]}'],
    ['JSON_QUERY of a nested FOR JSON keeps its decimals', 'JSON_QUERY((SELECT CAST(100 AS decimal(9,2)) AS t FOR JSON PATH, WITHOUT_ARRAY_WRAPPER))', '{"t":100.00}'],
  ])('%s', async (_name, expr, expected) => {
    const r = await runBody(`SELECT ${expr} AS v`);
    expect(resultRows(r)[0]?.v).toEqual(expected);
  });

  it.each([
    ['strict and a missing key', `JSON_VALUE(${DOC}, 'strict $.nope')`, 13608],
    ['strict and an object', `JSON_VALUE(${DOC}, 'strict $.info')`, 13623],
    ['strict JSON_QUERY of a scalar', `JSON_QUERY(${DOC}, 'strict $.id')`, 13624],
  ])('raises a catchable error in %s', async (_name, expr, number) => {
    const r = await runBody(`BEGIN TRY SELECT ${expr} AS v END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS v END CATCH`);
    expect(resultRows(r)).toEqual([{ v: number }]);
  });

  it.each([
    ['a decimal written 1.50', `JSON_VALUE(${DOC}, '$.price')`],
    ['an object of a document with escapes', `JSON_QUERY(${DOC}, '$.info')`],
  ])('refuses %s, whose original text DuckDB cannot give back', async (_name, expr) => {
    const err = await runBody(`SELECT ${expr} AS v`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/cannot return its original text/);
  });

  it('OPENJSON without WITH lists members with SQL Server type codes', async () => {
    // [key] is Latin1_General_BIN2 (json-key-collation.test.ts): read here under the database's collation.
    const r = await runBody(`SELECT [key] COLLATE DATABASE_DEFAULT AS [key], value, type FROM OPENJSON('{"a":1,"b":"x","c":[1,2],"d":null,"e":false}')`);
    expect(resultRows(r)).toEqual([
      { key: 'a', value: '1', type: 2 }, { key: 'b', value: 'x', type: 1 }, { key: 'c', value: '[1,2]', type: 4 },
      { key: 'd', value: null, type: 0 }, { key: 'e', value: 'false', type: 3 },
    ]);
  });

  it('OPENJSON WITH columns have their declared type (ISNULL cuts its replacement to it)', async () => {
    // ISNULL's result has the type of its first argument, here nvarchar(5) as the WITH clause declares it
    const r = await runBody(`SELECT ISNULL(o.n, N'(unknown)') AS v FROM OPENJSON(N'[{"n":null},{"n":"Ann"}]') WITH (n nvarchar(5)) AS o`);
    expect(resultRows(r)).toEqual([{ v: '(unkn' }, { v: 'Ann' }]);
  });

  it('OPENJSON WITH reads one row per array element, columns converted to their types', async () => {
    const r = await runBody(`
      DECLARE @j nvarchar(max) = N'{"orders":[{"id":1,"who":{"name":"Ann"},"qty":"3"},{"id":2,"who":{"name":"Bob"}}]}';
      SELECT o.Id, o.Who, o.Qty FROM OPENJSON(@j, '$.orders') WITH (Id int '$.id', Who varchar(2) '$.who.name', Qty int '$.qty') AS o ORDER BY o.Id`);
    expect(resultRows(r)).toEqual([{ Id: 1, Who: 'An', Qty: 3 }, { Id: 2, Who: 'Bo', Qty: null }]);
  });
});
