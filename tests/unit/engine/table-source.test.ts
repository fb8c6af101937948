import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession, loadTableSource, quoteIdent, type TableSource } from '../../../src/engine';

let session: EngineSession;
let dir: string;
beforeAll(async () => {
  session = await EngineSession.open({ threads: 1 });
  dir = mkdtempSync(join(tmpdir(), 'table-source-'));
  writeFileSync(join(dir, 'a.csv'), 'id;name;note\n1;"x; y";NULL\n2;"";z\n');
  writeFileSync(join(dir, 'a.jsonl'), '{"id":1,"name":"x"}\n{"id":2,"name":"y"}\n');
  writeFileSync(join(dir, 'array.json'), '[{"id":1,"name":"x"},\n {"id":2,"name":"y"}]\n');
  writeFileSync(join(dir, 'u16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\n1,é\n', 'utf16le')]));
  await session.run(`COPY (SELECT 1 AS id, 'p' AS name) TO '${join(dir, 'a.parquet')}' (FORMAT parquet)`);
  const db = await EngineSession.open({ path: join(dir, 'a.duckdb') });
  await db.run('CREATE SCHEMA s; CREATE TABLE s.t AS SELECT 7 AS id');
  db.close();
});
afterAll(() => {
  session.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('loadTableSource', () => {
  it.each<[string, () => TableSource, unknown[]]>([
    ['CSV with sniffed delimiter, explicit NULL marker, quoted empty string', () => ({ kind: 'csv', path: join(dir, 'a.csv'), csv: { nullMarker: 'NULL' } }), [{ id: 1n, name: 'x; y', note: null }, { id: 2n, name: '', note: 'z' }]],
    ['UTF-16 CSV', () => ({ kind: 'csv', path: join(dir, 'u16.csv'), csv: { encoding: 'utf-16' } }), [{ id: 1n, name: 'é' }]],
    ['JSON lines', () => ({ kind: 'json', path: join(dir, 'a.jsonl') }), [{ id: 1n, name: 'x' }, { id: 2n, name: 'y' }]],
    ['a JSON array', () => ({ kind: 'json', path: join(dir, 'array.json') }), [{ id: 1n, name: 'x' }, { id: 2n, name: 'y' }]],
    ['Parquet', () => ({ kind: 'parquet', path: join(dir, 'a.parquet') }), [{ id: 1, name: 'p' }]],
    ['a table of a DuckDB file', () => ({ kind: 'duckdb', path: join(dir, 'a.duckdb'), table: 's.t' }), [{ id: 7 }]],
    ['a SQL query', () => ({ kind: 'sql', query: `SELECT id * 2 AS d FROM read_parquet('${join(dir, 'a.parquet')}');` }), [{ d: 2 }]],
  ])('%s', async (_name, source, rows) => {
    const t = await loadTableSource(session, `v_${Math.random().toString(36).slice(2)}`, source());
    expect(await session.all(`SELECT * FROM ${quoteIdent(t.view)} ORDER BY 1`)).toEqual(rows);
  });

  it.each<[string, () => TableSource, RegExp]>([
    ['missing file', () => ({ kind: 'csv', path: join(dir, 'none.csv') }), /no such file/],
    ['directory', () => ({ kind: 'parquet', path: dir }), /is a directory/],
    ['not parquet', () => ({ kind: 'parquet', path: join(dir, 'a.csv') }), /cannot read this parquet file/],
    ['bad query', () => ({ kind: 'sql', query: 'SELECT * FROM nowhere' }), /cannot run sql:SELECT \* FROM nowhere/],
    ['missing table', () => ({ kind: 'duckdb', path: join(dir, 'a.duckdb'), table: 'nope' }), /cannot read this table \(nope\)/],
  ])('%s is a clear EngineError', async (_name, source, message) => {
    await expect(loadTableSource(session, `w_${Math.random().toString(36).slice(2)}`, source())).rejects.toThrow(message);
  });
});
