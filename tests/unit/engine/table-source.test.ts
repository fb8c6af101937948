import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession, loadTableSource, quoteIdent, quoteLiteral, type TableSource } from '../../../src/engine';
import { guessDialect } from '../../../src/engine/table-source';

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

describe('guessDialect', () => {
  // The last line of the 64 KiB head may be cut short, so it never counts: each case ends with ''.
  it.each<[string, string[], string | undefined]>([
    ['commas', ['id,name', '1,x', ''], ','],
    ['semicolons, a comma inside quotes', ['id;name', '1;"a, b"', '2;c', ''], ';'],
    ['tabs', ['id\tname', '1\tx', ''], '\t'],
    ['pipes', ['id|name', '1|x', ''], '|'],
    ['a quoted delimiter does not split', ['id,name', '1,"x,y"', ''], ','],
    ['two delimiters fit: left to the sniffer', ['a,b;c', '1,2;3', ''], undefined],
    ['one column: left to the sniffer', ['id', '1', ''], undefined],
    ['ragged lines: left to the sniffer', ['id,name', '1,x,y', ''], undefined],
    ['a quoted field running past its line', ['id,name', '1,"x', 'y"', ''], undefined],
    ['single-quote quoting', ['id,name', "1,'x'", ''], undefined],
    ['backslash-escaped quotes', ['id,name', '1,"x\\"y"', ''], undefined],
    ['a header alone', ['id,name', ''], undefined],
  ])('%s', (_name, lines, expected) => {
    expect(guessDialect(lines)).toBe(expected);
  });

  // With the delimiter guessed, DuckDB's sniffer still decides header and types; what is read
  // must be what DuckDB's own full sniff reads.
  it.each<[string, string]>([
    ['commas and types', 'id,amount,day,flag,name\n1,1.5,2024-01-02,true,x\n2,2.25,2024-01-03,false,"a, b"\n'],
    ['semicolons, quoted empty and NULL', 'id;name\n1;""\n2;\n3;"say ""hi"""\n'],
    ['tabs without a header', '1\tx\n2\ty\n'],
    ['pipes, CRLF', 'id|v\r\n1|a\r\n2|b\r\n'],
  ])('reads %s as the full sniffer does', async (name, text) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(path, text);
    const t = await loadTableSource(session, `g_${Math.random().toString(36).slice(2)}`, { kind: 'csv', path });
    const auto = await session.all(`SELECT * FROM read_csv(${quoteLiteral(path)}, allow_quoted_nulls=false) ORDER BY 1`);
    expect(await session.all(`SELECT * FROM ${quoteIdent(t.view)} ORDER BY 1`)).toEqual(auto);
  });

  it('holds every timestamp column as its text (a 7th fraction digit may come after any sample)', async () => {
    const path = join(dir, 'ts.csv');
    writeFileSync(path, 'id,t,d\n1,2024-01-02 10:00:00.123,2024-01-02\n');
    const t = await loadTableSource(session, 'ts_view', { kind: 'csv', path });
    expect(t.columns).toEqual([{ name: 'id', type: 'BIGINT' }, { name: 't', type: 'TIMESTAMP' }, { name: 'd', type: 'DATE' }]);
    expect(t.heldAsText).toEqual(['t']);
    expect(await session.all('SELECT t FROM ts_view')).toEqual([{ t: '2024-01-02 10:00:00.123' }]);
  });
});

describe('integer and date columns past the sniffed sample', () => {
  // The sample (20,000 rows) types the columns; each later value is narrowed exactly or refused.
  const sampleRows = Array.from({ length: 20500 }, (_, i) => `${i},${i % 7},2024-01-02`).join('\n');
  it.each<[string, string, Record<string, unknown> | RegExp]>([
    ['a NULL in each', ',,', { id: null, d: null }],
    ['a negative integer and a date before 1970', '-7,-9007199254740991,1901-03-04', { id: -7n, d: '1901-03-04' }],
    // a DOUBLE reads 2^53 + 1 as 2^53: so 2^53 itself may stand for either, and is refused too
    ['2^53 + 1, which a DOUBLE would read as 2^53', '9007199254740993,1,2024-01-02', /not an integer the sample promised/],
    ['-2^53', '-9007199254740992,1,2024-01-02', /not an integer the sample promised/],
    ['the day before 1970', '5,5,1969-12-31', { id: 5n, d: '1969-12-31' }],
    ['infinity in a date column', '5,5,infinity', { id: 5n, d: 'infinity' }],
    ['a fraction in an integer column', '4.5,1,2024-01-02', /not an integer the sample promised/],
    ['an integer past 2^53', '9007199254740994,1,2024-01-02', /not an integer the sample promised/],
    ['a time in a date column', '5,5,2024-01-02 10:00', /not a date/],
    ['a time before 1970 in a date column', '5,5,1969-12-31 23:59:59', /not a date/],
  ])('%s', async (name, last, expected) => {
    const path = join(dir, `late-${name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(path, `id,n,d\n${sampleRows}\n${last}\n`);
    const t = await loadTableSource(session, `late_${Math.random().toString(36).slice(2)}`, { kind: 'csv', path });
    expect(t.columns.map((c) => c.type)).toEqual(['BIGINT', 'BIGINT', 'DATE']);
    const read = session.all(`SELECT id, CAST(d AS VARCHAR) AS d FROM ${quoteIdent(t.view)} WHERE id IS NULL OR id < 0 OR id > 20499 OR n < 0 OR d <> DATE '2024-01-02'`);
    if (expected instanceof RegExp) await expect(read).rejects.toThrow(expected);
    else expect((await read)[0]).toEqual(expected);
  });
});
