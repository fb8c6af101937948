import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withUtf8Csv } from '../../../src/core';
import { EngineSession, quoteLiteral } from '../../../src/engine';

// SSMS saves a "Unicode" export as UTF-16 with a BOM, older tools "ANSI" (Windows-1252); DuckDB
// reads UTF-8 only, and a UTF-16 file with no error but NULs in every name.
describe('withUtf8Csv', () => {
  const text = 'K,Name,Cur\r\n1,Café,€\r\n2,Naïve,$\r\n';
  let dir = '';
  let session: EngineSession;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csv-encoding-'));
    session = await EngineSession.open({ threads: 1 });
  });
  afterAll(() => {
    session.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rowsOf = (path: string): Promise<Record<string, unknown>[]> => session.all(`SELECT * FROM read_csv(${quoteLiteral(path)}, header = true, all_varchar = true) ORDER BY K`);

  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 LE without a BOM', Buffer.from(text, 'utf16le')],
    ['Windows-1252', Buffer.concat([Buffer.from('K,Name,Cur\r\n1,Caf\xe9,', 'latin1'), Buffer.from([0x80]), Buffer.from('\r\n2,Na\xefve,$\r\n', 'latin1')])],
  ])('reads %s as the text it holds, and leaves no copy behind', async (name, bytes) => {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, bytes);
    const rows = await withUtf8Csv(file, rowsOf);
    expect(rows).toEqual([{ K: '1', Name: 'Café', Cur: '€' }, { K: '2', Name: 'Naïve', Cur: '$' }]);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('tsql-migrate-csv-'))).toEqual([]);
  });

  it.each([
    ['UTF-8', (t: string): Buffer => Buffer.from(t, 'utf8')],
    ['UTF-16 LE with a BOM (sqlcmd -u)', (t: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
  ])('reads an sqlcmd export in %s without its frame, and leaves no copy behind', async (name, encode) => {
    const file = join(dir, `sqlcmd ${name}.csv`);
    writeFileSync(file, encode('K,Name,Cur\r\n--,----,---\r\n1,Café,€\r\n2,Naïve,$\r\n\r\n(2 rows affected)\r\n'));
    expect(await withUtf8Csv(file, rowsOf)).toEqual([{ K: '1', Name: 'Café', Cur: '€' }, { K: '2', Name: 'Naïve', Cur: '$' }]);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('tsql-migrate-csv-') || f.startsWith('tsql-migrate-sqlcmd-'))).toEqual([]);
  });

  it('passes on an error that is not about the encoding', async () => {
    const file = join(dir, 'missing.csv');
    await expect(withUtf8Csv(file, rowsOf)).rejects.toThrow(/missing\.csv/);
  });
});
