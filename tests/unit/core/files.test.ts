import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { compareScriptNames, decodeSource, displayPath, listFiles, LineIndex, writeGeneratedBytes, writeGeneratedFile, formatLocated } from '../../../src/core';

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

  it.each([
    ['an overlong encoding', [0xc0, 0xaf], '\u00c0\u00af'], ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], '\u00ed\u00a0\u20ac'],
    ['a cut sequence', [0xe2, 0x82], '\u00e2\u201a'], ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '\u00f4\u0090\u20ac\u20ac'],
  ] as const)('reads text with %s as windows-1252, not as UTF-8', (_what, tail, read) => {
    const bytes = Buffer.concat([Buffer.from('SELECT 1 -- ', 'latin1'), Buffer.from(tail)]);
    expect(decodeSource(bytes)).toMatchObject({ encoding: 'windows-1252', text: `SELECT 1 -- ${read}` });
  });

  // The code page's table (Microsoft's cp1252, as the WHATWG Encoding Standard maps it): Node 20's
  // TextDecoder read 0x80-0x9F as C1 controls, so `N'€ – “x”'` lost every character.
  it('reads the punctuation and currency bytes of Windows-1252 as the code page defines them', () => {
    const bytes = Buffer.from([0x4e, 0x27, 0x80, 0x20, 0x96, 0x20, 0x93, 0x78, 0x94, 0x20, 0x85, 0x99, 0x8a, 0x9f, 0x27, 0x20, 0xe9, 0xff, 0xa0]);
    expect(decodeSource(bytes)).toMatchObject({ encoding: 'windows-1252', text: 'N\'\u20ac \u2013 \u201cx\u201d \u2026\u2122\u0160\u0178\' \u00e9\u00ff\u00a0' });
    // The five bytes the code page leaves unassigned keep their own code points.
    expect(decodeSource(Buffer.from([0xe9, 0x81, 0x8d, 0x8f, 0x90, 0x9d])).text).toBe('\u00e9\u0081\u008d\u008f\u0090\u009d');
  });
});

describe('displayPath', () => {
  // The definition: the path relative to the working folder, absolute when it lies outside.
  const byDefinition = (p: string): string => {
    const rel = relative(process.cwd(), resolve(p));
    return (rel.startsWith('..') ? resolve(p) : rel || '.').split(sep).join('/');
  };
  it.each(['procedures/a.sql', './procedures/x/../b.sql', 'procedures/', '.', './', '', 'a//b.sql', '..', '../x.sql', 'a/../../y.sql', '..odd/z.sql', 'x/./y/.', resolve('abs/here.sql'), '/elsewhere/q.sql'])('%p as its definition gives it', (p) => {
    expect(displayPath(p)).toBe(byDefinition(p));
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

describe('writeGeneratedBytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-bytes-'));
  const PH = 'tsql-migrate:generated sha256=0000000000000000';
  let n = 0;
  // Each body as writeGeneratedFile would write it from the text: the bytes path must give the
  // same file, whether it stamps the bytes itself or falls back to the text.
  it.each([
    ['stamp on the first line', `<!-- ${PH} -->\n# dbo.p\n`],
    ['stamp in a later line, CRLF', `# p\r\n%% ${PH}\r\nflowchart LR\r\n`],
    ['placeholder twice', `<!-- ${PH} -->\nsee ${PH}\n`],
    ['JSON on one line', `{"$generated":"${PH}","name":"dbo.p"}\n`],
    ['no line break after the stamp', `x\n<!-- ${PH} -->`],
    ['non-ASCII on the stamp line', `<!-- ${PH} – Größe -->\nbody é\n`],
    ['a CR inside the stamp line', `<!-- ${PH} \r x -->\nbody\n`],
    ['an earlier stamp-like text', `tsql-migrate:generated sha256=0123456789abcdef\n<!-- ${PH} -->\n`],
    ['non-ASCII elsewhere', `<!-- ${PH} -->\n| [Größe der Tabelle] | 😀 |\n`],
  ])('%s: same bytes as the text path', (_, body) => {
    const a = join(dir, `a${n}.md`);
    const b = join(dir, `b${n++}.md`);
    expect(writeGeneratedFile(a, (stamp) => body.split(PH).join(stamp))).toBe('created');
    expect(writeGeneratedBytes(b, Buffer.from(body), PH)).toBe('created');
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
  });
  it('leaves an identical file alone, updates a pristine one, keeps an edited one', () => {
    const p = join(dir, 'c.md');
    const body = (text: string) => Buffer.from(`<!-- ${PH} -->\n${text}\n`);
    expect(writeGeneratedBytes(p, body('one'), PH)).toBe('created');
    expect(writeGeneratedBytes(p, body('one'), PH)).toBe('unchanged');
    expect(writeGeneratedBytes(p, body('two'), PH)).toBe('updated');
    writeFileSync(p, readFileSync(p, 'utf8') + 'my note\n');
    expect(writeGeneratedBytes(p, body('three'), PH)).toBe('kept-edited');
    expect(readFileSync(p, 'utf8')).toContain('my note');
    expect(writeGeneratedBytes(p, body('three'), PH, true)).toBe('updated');
  });
  it('makes the folder again when it went away between two writes', () => {
    const sub = join(dir, 'sub');
    expect(writeGeneratedBytes(join(sub, 'x.md'), Buffer.from(`<!-- ${PH} -->\n`), PH)).toBe('created');
    rmSync(sub, { recursive: true });
    expect(writeGeneratedBytes(join(sub, 'y.md'), Buffer.from(`<!-- ${PH} -->\n`), PH)).toBe('created');
    expect(readdirSync(sub)).toEqual(['y.md']);
  });
});

describe('formatLocated', () => {
  it('names file:line:col and draws a caret under the span', () => {
    const idx = new LineIndex('SELECT 1\nSELEC x\n');
    const msg = formatLocated('expected a statement, found SELEC', { file: 'p.sql', span: idx.spanOf(9, 14), source: idx.text }, 'check the keyword');
    expect(msg).toBe('p.sql:2:1: expected a statement, found SELEC\n  |\n2 | SELEC x\n  | ^^^^^\nhint: check the keyword');
  });
});

describe('listFiles: the order scripts run in', () => {
  it('numbers in names compare as numbers, as Flyway orders its versioned migrations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'list-files-'));
    try {
      for (const f of ['V10__fix_totals.sql', 'V2__add_currency.sql', 'V1__baseline.sql', 'V1.10__late.sql', 'V1.9__early.sql', 'notes.txt']) writeFileSync(join(dir, f), '');
      expect(listFiles([dir], ['.sql']).map((f) => relative(dir, f))).toEqual(['V1__baseline.sql', 'V1.9__early.sql', 'V1.10__late.sql', 'V2__add_currency.sql', 'V10__fix_totals.sql']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['0003-alter.sql', '0010-alter.sql', -1], ['V1__a.sql', 'V1_1__b.sql', -1], ['V1.1__b.sql', 'V1_2__a.sql', -1], ['Script0002.sql', 'Script0010.sql', -1], ['V01__a.sql', 'V1__a.sql', -1],
    ['a.sql', 'a1.sql', -1], ['Tables', 'Stored Procedures', 1], ['x', 'x', 0],
  ] as const)('%s against %s', (a, b, sign) => {
    expect(Math.sign(compareScriptNames(a, b))).toBe(sign);
    expect(Math.sign(compareScriptNames(b, a))).toBe(-sign || 0);
  });
});

describe('listFiles under an SSDT project: only what the project deploys', () => {
  const make = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'list-sqlproj-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };
  const sqlFiles = {
    'Db/Sales/Stored Procedures/usp_Archive.sql': '', 'Db/Sales/Stored Procedures/Old/usp_Archive_2019.sql': '',
    'Db/Scripts/Script.PostDeployment.sql': '', 'Db/Scripts/Seed/Currencies.sql': '', 'Other/loose.sql': '',
  };

  it('a classic .sqlproj deploys its Build, PreDeploy and PostDeploy items, not a copy kept beside them', () => {
    const dir = make({
      ...sqlFiles,
      'Db/Db.sqlproj': '<?xml version="1.0" encoding="utf-8"?>\n<Project DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">\n'
        + '  <ItemGroup>\n    <Build Include="Sales\\Stored%20Procedures\\usp_Archive.sql" />\n    <None Include="Sales\\Stored Procedures\\Old\\usp_Archive_2019.sql" />\n'
        + '    <PostDeploy Include="Scripts\\Script.PostDeployment.sql" />\n    <None Include="Scripts\\Seed\\Currencies.sql" />\n  </ItemGroup>\n</Project>\n',
    });
    try {
      const left: string[] = [];
      expect(listFiles([dir], ['.sql'], left).map((f) => relative(dir, f).split(sep).join('/'))).toEqual([
        'Db/Sales/Stored Procedures/usp_Archive.sql', 'Db/Scripts/Script.PostDeployment.sql', 'Other/loose.sql',
      ]);
      expect(left.map((f) => relative(dir, f).split(sep).join('/'))).toEqual(['Db/Sales/Stored Procedures/Old/usp_Archive_2019.sql', 'Db/Scripts/Seed/Currencies.sql']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('deploys the files a post-deployment script includes with :r, as the build does', () => {
    const dir = make({
      ...sqlFiles,
      'Db/Scripts/Script.PostDeployment.sql': '\uFEFF/*\n Post-Deployment Script\n Example:      :r .\\Example.sql\n*/\r\n:r .\\Seed\\Currencies.sql\r\n:r "$(SeedDir)\\Rates.sql"\r\n--:r .\\Old\\Legacy.sql\r\n',
      'Db/Scripts/Seed/Currencies.sql': ':r .\\Units.sql\n', 'Db/Scripts/Seed/Units.sql': '', 'Db/Scripts/Old/Legacy.sql': '',
      'Db/Db.sqlproj': '<Project DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">\n  <ItemGroup>\n'
        + '    <PostDeploy Include="Scripts\\Script.PostDeployment.sql" />\n    <None Include="Scripts\\Seed\\Currencies.sql" />\n    <None Include="Scripts\\Seed\\Units.sql" />\n  </ItemGroup>\n</Project>\n',
    });
    try {
      const left: string[] = [];
      expect(listFiles([dir], ['.sql'], left).map((f) => relative(dir, f).split(sep).join('/'))).toEqual([
        'Db/Scripts/Script.PostDeployment.sql', 'Db/Scripts/Seed/Currencies.sql', 'Db/Scripts/Seed/Units.sql', 'Other/loose.sql',
      ]);
      expect(left.map((f) => relative(dir, f).split(sep).join('/'))).toEqual(['Db/Sales/Stored Procedures/Old/usp_Archive_2019.sql', 'Db/Sales/Stored Procedures/usp_Archive.sql', 'Db/Scripts/Old/Legacy.sql']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an SDK-style project builds every .sql file but those it removes', () => {
    const dir = make({
      ...sqlFiles,
      'Db/Db.sqlproj': '<Project Sdk="Microsoft.Build.Sql/0.2.0-preview">\n  <ItemGroup>\n    <Build Remove="Sales\\**\\Old\\**" />\n'
        + '    <Build Remove="Scripts\\**" />\n    <PostDeploy Include="Scripts\\Script.PostDeployment.sql" />\n  </ItemGroup>\n</Project>\n',
    });
    try {
      expect(listFiles([dir], ['.sql']).map((f) => relative(dir, f).split(sep).join('/'))).toEqual([
        'Db/Sales/Stored Procedures/usp_Archive.sql', 'Db/Scripts/Script.PostDeployment.sql', 'Other/loose.sql',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
