import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqlcmdFrame, sqlcmdRows, unframedCopy } from '../../../src/core';

// sqlcmd's output file (learn.microsoft.com/sql/tools/sqlcmd/sqlcmd-utility): a header, a line of
// dashes per column joined by the -s separator, the rows, then a blank line and the row count
// unless SET NOCOUNT ON; -W removes the trailing blanks that pad values to the column width.
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'sqlcmd-output-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(text: string): string {
  const p = join(dir, `f${n++}.csv`);
  writeFileSync(p, text);
  return p;
}

describe('sqlcmdFrame / unframedCopy', () => {
  it.each([
    ['-W with a count', 'Id,Name\n--,----\n1,Ann\n2,Bo\n\n(2 rows affected)\n', 'Id,Name\n1,Ann\n2,Bo\n', 2],
    ['CRLF and one row', 'Id,Name\r\n--,----\r\n1,Ann\r\n\r\n(1 row affected)\r\n', 'Id,Name\r\n1,Ann\r\n', 1],
    ['the older "row(s)" wording', 'Id;Name\n--;----\n1;Ann\n\n(1 row(s) affected)\n', 'Id;Name\n1;Ann\n', 1],
    ['SET NOCOUNT ON: no count', 'Id|Name\n--|----\n1|Ann\n', 'Id|Name\n1|Ann\n', undefined],
    ['no rows', 'Id,Name\n--,----\n\n(0 rows affected)\n', 'Id,Name\n', 0],
    ['one column', 'Total\n-----\n42\n\n(1 rows affected)\n', 'Total\n42\n', 1],
    ['a last row without a line end', 'Id,Name\n--,----\n1,Ann', 'Id,Name\n1,Ann', undefined],
  ])('reads %s', (_name, text, rows, affected) => {
    const frame = sqlcmdFrame(file(text));
    expect(frame).toBeDefined();
    if (frame === undefined) return;
    expect([frame.affected, frame.padded]).toEqual([affected, false]);
    const copy = unframedCopy(file(text), frame);
    try {
      expect(readFileSync(copy.path, 'utf8')).toBe(rows);
      expect(copy.rows).toBe(rows.split('\n').filter((l) => l !== '').length - 1);
    } finally {
      copy.dispose();
    }
  });

  it.each([
    ['a plain CSV', 'Id,Name\n1,Ann\n'],
    ['dashes in a data value', 'Id,Name\n--,x\n'],
    ['dashes for another number of columns', 'Id,Name,Qty\n--,----\n1,Ann,2\n'],
    ['a lone dash', 'Id\n-\n'],
    ['one line', 'Id,Name'],
  ])('leaves %s alone', (_name, text) => {
    expect(sqlcmdFrame(file(text))).toBeUndefined();
  });

  it('sees values padded to the column width (no -W), and refuses them', () => {
    const p = file('Id ,Name      \n---,----------\n1  ,Ann       \n\n(1 rows affected)\n');
    expect(sqlcmdFrame(p)?.padded).toBe(true);
    expect(() => sqlcmdRows(p, 'the input')).toThrow(/padded with blanks/);
  });

  it('refuses rows that do not add up to the count (a value with a line break)', () => {
    expect(() => sqlcmdRows(file('Id,Note\n--,----\n1,a\nb\n\n(1 rows affected)\n'), 'the input')).toThrow(/says \(1 rows affected\) but holds 2 lines/);
  });
});
