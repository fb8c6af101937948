import { parseTableSource } from '../../../src/acceptance';

describe('parseTableSource', () => {
  it.each<[string, unknown]>([
    ['out/a.csv', { kind: 'csv', path: 'out/a.csv', csv: {} }],
    ['a.TSV', { kind: 'csv', path: 'a.TSV', csv: { delimiter: '\t' } }],
    ['a.csv.gz', { kind: 'csv', path: 'a.csv.gz', csv: {} }],
    ['part-*.parquet', { kind: 'parquet', path: 'part-*.parquet' }],
    ['a.jsonl', { kind: 'json', path: 'a.jsonl' }],
    ['a.ndjson', { kind: 'json', path: 'a.ndjson' }],
    ['db.duckdb#main.orders', { kind: 'duckdb', path: 'db.duckdb', table: 'main.orders' }],
    ['db.duckdb?table=orders', { kind: 'duckdb', path: 'db.duckdb', table: 'orders' }],
    ['parquet:data.bin', { kind: 'parquet', path: 'data.bin' }],
    ['csv:export.dat', { kind: 'csv', path: 'export.dat', csv: {} }],
    ["sql:SELECT * FROM read_parquet('x.parquet') WHERE a = 1", { kind: 'sql', query: "SELECT * FROM read_parquet('x.parquet') WHERE a = 1" }],
  ])('%s', (text, expected) => {
    expect(parseTableSource(text)).toEqual(expected);
  });

  it('resolves relative paths against a base folder but keeps absolute ones', () => {
    expect(parseTableSource('a.csv', {}, '/w/acceptance')).toMatchObject({ path: '/w/acceptance/a.csv' });
    expect(parseTableSource('/data/a.csv', {}, '/w/acceptance')).toMatchObject({ path: '/data/a.csv' });
  });

  it.each(['a.xlsx', 'db.duckdb', 'noextension'])('rejects %s with a hint', (text) => {
    expect(() => parseTableSource(text)).toThrow(/format|needs a table/);
  });
});
