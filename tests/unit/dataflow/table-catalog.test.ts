import { catalogEntriesOf, collectTableCatalog, mergeTableCatalog } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';

// The catalog of a set of files, merged from per-file entries (worker threads parse a share of
// the files each): the same as collecting it over all the parsed files at once.
const FILES: readonly (readonly [string, string])[] = [
  ['a.sql', 'CREATE TABLE dbo.Orders (Id int, Amount money);\nCREATE TABLE #t (x int);\n'],
  ['b.sql', 'CREATE TABLE dbo.orders (Other int);\nCREATE TABLE Sales.Cities (Id int, Name nvarchar(50)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = Sales.Cities_Old));\n'],
  ['c.sql', 'ALTER TABLE Sales.Cities SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [Sales].[Cities Archive]));\n'],
];
const parsed = FILES.map(([file, text]) => parseScript(text, { file }));

describe('mergeTableCatalog', () => {
  const merged = mergeTableCatalog(parsed.map((p) => catalogEntriesOf(p)));

  it.each([
    ['a table created twice keeps its first definition', 'dbo.orders', ['id', 'amount']],
    ['columns are lower-cased', 'sales.cities', ['id', 'name']],
    ['#temp tables are not in the catalog', '#t', undefined],
  ])('%s', (_what, name, columns) => {
    expect(merged.get(name)).toEqual(columns);
  });

  it('keeps the last history table declared, in file order', () => {
    expect(merged.history?.get('sales.cities')).toBe('Sales.Cities Archive');
  });

  it.each([
    ['all files', [0, 1, 2]],
    ['the first two', [0, 1]],
    ['one', [2]],
  ])('equals collectTableCatalog over %s', (_what, picks) => {
    const scripts = picks.map((i) => parsed[i]!);
    const once = collectTableCatalog(scripts);
    const pieces = mergeTableCatalog(scripts.map((s) => catalogEntriesOf(s)));
    expect([...pieces]).toEqual([...once]);
    expect([...(pieces.history ?? [])]).toEqual([...(once.history ?? [])]);
  });
});

describe('columns that upgrade scripts change after the CREATE TABLE', () => {
  // a migrations folder: V002 adds and drops, V003 renames; V000 alters before anything is created
  const scripts = [
    ['V000__early.sql', 'ALTER TABLE dbo.Stock ADD Early int NULL;\n'],
    ['V001__create.sql', 'CREATE TABLE dbo.Stock (Id int, Qty int, Legacy int, Level int);\nGO\nCREATE PROCEDURE dbo.p AS ALTER TABLE dbo.Stock ADD InBody int;\nGO\n'],
    ['V002__alter.sql', 'IF COL_LENGTH(\'dbo.Stock\', \'Last Movement\') IS NULL ALTER TABLE dbo.Stock ADD [Last Movement] date NULL, Note varchar(10) NULL;\nGO\nALTER TABLE dbo.Stock DROP COLUMN Legacy;\n'],
    ['V003__rename.sql', "EXEC sp_rename 'dbo.Stock.Level', 'Stock Level', 'COLUMN';\n"],
  ].map(([file, text]) => parseScript(text as string, { file: file as string }));

  it('are applied in file order, each after every CREATE TABLE; a procedure\'s ALTER only when it runs', () => {
    const expected = ['id', 'qty', 'stock level', 'early', 'last movement', 'note'];
    expect(collectTableCatalog(scripts).get('dbo.stock')).toEqual(expected);
    expect(mergeTableCatalog(scripts.map((s) => catalogEntriesOf(s))).get('dbo.stock')).toEqual(expected);
  });
});
