import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineSession, quoteLiteral } from '../../../src/engine';
import { countCsvLines, countCsvRecords } from '../../../src/engine/csv-record-count';

// The count must be DuckDB's record count exactly (a larger one could hide a repeated key in the
// acceptance test's proof of unique keys), so every case is checked against DuckDB reading the
// same file with the dialect the acceptance test reads it with.
let session: EngineSession;
let dir: string;
beforeAll(async () => {
  session = await EngineSession.open({ threads: 1 });
  dir = mkdtempSync(join(tmpdir(), 'csv-record-count-'));
});
afterAll(() => {
  session.close();
  rmSync(dir, { recursive: true, force: true });
});

let fileNo = 0;
async function duckdbRecords(text: string, columns: number, delimiter = ','): Promise<{ path: string; rows: number }> {
  const path = join(dir, `f${++fileNo}.csv`);
  writeFileSync(path, text);
  const cols = Array.from({ length: columns }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const rows = Number(await session.scalar(`SELECT count(*) FROM read_csv(${quoteLiteral(path)}, columns={${cols}}, auto_detect=false, header=true, delim=${quoteLiteral(delimiter)}, quote='"', escape='"', allow_quoted_nulls=false)`));
  return { path, rows };
}

describe('countCsvRecords', () => {
  it.each<[string, string, number]>([
    ['plain lines with a final newline', 'a,b\n1,2\n3,4\n', 2],
    ['no final newline', 'a,b\n1,2\n3,4', 2],
    ['CRLF line ends', 'a,b\r\n1,2\r\n3,4\r\n', 2],
    ['blank lines are no records', 'a,b\n1,2\n\n3,4\n\n', 2],
    ['blank lines of a CRLF file are no records', 'a,b\r\n\r\n1,2\r\n\r\n3,4\r\n\r\n', 2],
    ['a quoted field over two lines is one record', 'a,b\n1,"x\ny"\n3,4\n', 2],
    ['doubled quotes inside a quoted field', 'a,b\n1,"say ""hi""\nthere"\n"3",""\n', 2],
    ['a quoted field with the delimiter and CRLF', 'a,b\r\n"1,5","x\r\n\r\ny"\r\n3,4\r\n', 2],
    ['a record of empty fields', 'a,b\n,\n1,2\n', 2],
  ])('%s: DuckDB reads as many records as it counts', async (_name, text, expected) => {
    const { path, rows } = await duckdbRecords(text, 2);
    expect(rows).toBe(expected);
    for (const chunk of [1, 2, 3, 5, 64, 1 << 22]) expect((countCsvRecords(path, { delimiter: ',', quote: '"', columns: 2 }, chunk) ?? NaN) - 1).toBe(rows);
  });

  it.each<[string, string, number]>([
    ['a quote in the middle of a field (DuckDB reads it as a character)', 'a,b\n1,ab"c\n3,"x\n4"\n', 2],
    ['text after a closing quote', 'a,b\n1,"ab"c\n', 2],
    ['a quoted field never closed', 'a,b\n1,"ab\n', 2],
    ['one column (a blank line is a NULL record there)', 'a\n1\n\n2\n', 1],
  ])('gives up rather than guess: %s', (_name, text, columns) => {
    const path = join(dir, `g${++fileNo}.csv`);
    writeFileSync(path, text);
    expect(countCsvRecords(path, { delimiter: ',', quote: '"', columns })).toBeUndefined();
  });

  it('gives up on a delimiter or quote that is not one ASCII byte', () => {
    const path = join(dir, 'plain.csv');
    writeFileSync(path, 'a;b\n1;2\n');
    expect(countCsvRecords(path, { delimiter: '§', quote: '"', columns: 2 })).toBeUndefined();
    expect(countCsvRecords(path, { delimiter: ';', quote: '""', columns: 2 })).toBeUndefined();
    expect(countCsvRecords(path, { delimiter: ';', quote: '"', columns: 2 })).toBe(2);
  });

  it('matches DuckDB on randomly generated files of every field shape, at every chunk size', async () => {
    // A small deterministic generator (no dependency): the same files on every run.
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const shapes = [
      () => 'plain', () => '', () => '"a,b"', () => '"line\none"', () => '"q""uote"', () => '"cr\r\nlf"', () => '""', () => String(rand(1000)), () => '"""\n"""',
    ];
    for (let file = 0; file < 40; file++) {
      const columns = 2 + rand(3);
      const delimiter = [',', ';', '\t', '|'][rand(4)] as string;
      const eol = rand(2) === 0 ? '\n' : '\r\n';
      const lines = [Array.from({ length: columns }, (_, i) => `c${i}`).join(delimiter)];
      const records = 1 + rand(30);
      for (let r = 0; r < records; r++) {
        if (rand(6) === 0) lines.push('');
        lines.push(Array.from({ length: columns }, () => (shapes[rand(shapes.length)] as () => string)()).join(delimiter));
      }
      const text = lines.join(eol) + (rand(2) === 0 ? eol : '');
      const { path, rows } = await duckdbRecords(text, columns, delimiter);
      for (const chunk of [1, 3, 17, 1 << 22]) {
        expect({ file, chunk, count: (countCsvRecords(path, { delimiter, quote: '"', columns }, chunk) ?? NaN) - 1 }).toEqual({ file, chunk, count: rows });
      }
    }
  });
});

describe('countCsvLines', () => {
  // The rows of the identical-line pass's whole-line read (identical-lines.ts), header included.
  async function duckdbLines(text: string): Promise<{ path: string; rows: number }> {
    const path = join(dir, `l${++fileNo}.csv`);
    writeFileSync(path, text);
    const rows = Number(await session.scalar(`SELECT count(*) FROM read_csv(${quoteLiteral(path)}, columns={'l': 'VARCHAR'}, delim=${quoteLiteral('\x01')}, quote='', escape='', header=true, auto_detect=false) WHERE l IS NOT NULL`));
    return { path, rows: rows + 1 };
  }

  it('counts the lines the whole-line read gives, at every chunk size, quotes or not', async () => {
    let seed = 777;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const shapes = [() => 'a,b', () => '', () => '"x","y"', () => ' ', () => '"open', () => String(rand(100000))];
    let checked = 0;
    for (let file = 0; file < 40; file++) {
      const eol = rand(2) === 0 ? '\n' : '\r\n';
      const lines = ['c0,c1', ...Array.from({ length: 1 + rand(25) }, () => (shapes[rand(shapes.length)] as () => string)())];
      const text = lines.join(eol) + (rand(2) === 0 ? eol : '');
      // A lone \r in a file of \n lines stops DuckDB's read (the pass then gives up): nothing to count against.
      const read = await duckdbLines(text).catch(() => undefined);
      if (read === undefined) continue;
      checked++;
      for (const chunk of [1, 2, 7, 1 << 22]) expect({ file, chunk, count: countCsvLines(read.path, 2, chunk) }).toEqual({ file, chunk, count: read.rows });
    }
    expect(checked).toBeGreaterThan(30);
  });

  it.each<[string, string]>([
    ['a line of \\r alone between \\n line ends is blank', 'c0,c1\n\r\n1,2\n'],
    ['no final line end', 'c0,c1\n1,2\n3,4'],
    ['blank lines of a CRLF file', 'c0,c1\r\n\r\n1,2\r\n\r\n'],
  ])('%s', async (_name, text) => {
    const { path, rows } = await duckdbLines(text);
    for (const chunk of [1, 2, 1 << 22]) expect(countCsvLines(path, 2, chunk)).toBe(rows);
  });

  it('has nothing to say of a one-column file (a blank line is a record there)', () => {
    const path = join(dir, 'one.csv');
    writeFileSync(path, 'a\n1\n\n');
    expect(countCsvLines(path, 1)).toBeUndefined();
  });
});
