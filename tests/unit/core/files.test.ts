import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSource, LineIndex, writeGeneratedFile, formatLocated } from '../../../src/core';

describe('decodeSource', () => {
  const text = 'SELECT N\'é\'\r\nGO\r\n';
  it.each([
    ['utf-8', Buffer.from(text, 'utf8')],
    ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['utf-16le-bom', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['utf-16be-bom', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ['utf-16le', Buffer.from(text, 'utf16le')],
    ['windows-1252', Buffer.from(text, 'latin1')],
  ])('decodes %s', (encoding, bytes) => {
    const f = decodeSource(bytes);
    expect(f.encoding).toBe(encoding);
    expect(f.text).toBe(text);
  });
});

describe('LineIndex', () => {
  it.each([
    [0, 1, 1], [3, 1, 4], [4, 2, 1], [7, 3, 1], [9, 4, 1], [10, 4, 2],
  ])('maps offset %i to %i:%i across LF, CRLF and CR', (offset, line, column) => {
    const idx = new LineIndex('abc\nd\r\ne\rfg');
    expect(idx.positionAt(offset)).toMatchObject({ line, column });
  });
  it('returns line text without terminators', () => {
    const idx = new LineIndex('a\r\nbb\ncc');
    expect([1, 2, 3].map((l) => idx.lineText(l))).toEqual(['a', 'bb', 'cc']);
    expect(idx.lineCount).toBe(3);
  });
});

describe('writeGeneratedFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-'));
  const render = (body: string) => (stamp: string) => `<!-- ${stamp} -->\n${body}\n`;
  it('creates, leaves unchanged, updates pristine files and keeps edited ones', () => {
    const p = join(dir, 'a.md');
    expect(writeGeneratedFile(p, render('one'))).toBe('created');
    expect(writeGeneratedFile(p, render('one'))).toBe('unchanged');
    expect(writeGeneratedFile(p, render('two'))).toBe('updated');
    writeFileSync(p, readFileSync(p, 'utf8') + 'my note\n');
    expect(writeGeneratedFile(p, render('three'))).toBe('kept-edited');
    expect(readFileSync(p, 'utf8')).toContain('my note');
    expect(writeGeneratedFile(p, render('three'), true)).toBe('updated');
  });
});

describe('formatLocated', () => {
  it('names file:line:col and draws a caret under the span', () => {
    const idx = new LineIndex('SELECT 1\nSELEC x\n');
    const msg = formatLocated('expected a statement, found SELEC', { file: 'p.sql', span: idx.spanOf(9, 14), source: idx.text }, 'check the keyword');
    expect(msg).toBe('p.sql:2:1: expected a statement, found SELEC\n  |\n2 | SELEC x\n  | ^^^^^\nhint: check the keyword');
  });
});
