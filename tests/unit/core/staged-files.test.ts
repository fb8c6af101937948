import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitStaged, discardStaged, removeOwnTemporaryFiles, stageGenerated, UsageError, writeGeneratedBytes } from '../../../src/core';

// A generated file staged (written under a temporary name before its name is known) and then
// committed must end as writeGeneratedBytes would have written it there, with the same outcome,
// and leave no temporary file behind whatever happens.

const PH = 'tsql-migrate:generated sha256=0000000000000000';
const body = (text: string): Buffer => Buffer.from(`<!-- ${PH} -->\n${text}\n`);

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'staged-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('staged generated files', () => {
  it('end with the bytes and outcomes of a direct write: created, unchanged, updated, kept-edited, forced', () => {
    const direct = join(dir, 'direct');
    mkdirSync(direct);
    const p = join(dir, 'dbo.p.md');
    const d = join(direct, 'dbo.p.md');
    const both = (text: string, force = false): [string, string] => [
      commitStaged(p, stageGenerated(dir, body(text), PH), force),
      writeGeneratedBytes(d, body(text), PH, force),
    ];
    expect(both('one')).toEqual(['created', 'created']);
    expect(readFileSync(p, 'utf8')).toBe(readFileSync(d, 'utf8'));
    expect(readFileSync(p, 'utf8')).toMatch(/^<!-- tsql-migrate:generated sha256=[0-9a-f]{16} -->\none\n$/);
    expect(both('one')).toEqual(['unchanged', 'unchanged']);
    expect(both('two')).toEqual(['updated', 'updated']);
    writeFileSync(p, `${readFileSync(p, 'utf8')}my note\n`);
    writeFileSync(d, `${readFileSync(d, 'utf8')}my note\n`);
    expect(both('three')).toEqual(['kept-edited', 'kept-edited']);
    expect(readFileSync(p, 'utf8')).toContain('my note');
    expect(both('three', true)).toEqual(['updated', 'updated']);
    expect(readFileSync(p, 'utf8')).toBe(readFileSync(d, 'utf8'));
    expect(readdirSync(dir).sort()).toEqual(['dbo.p.md', 'direct']);
  });

  it('stamps a body whose stamp line is not plain as the text path does', () => {
    const text = `<!-- ${PH} – Größe -->\nbody é\n`;
    const p = join(dir, 'a.md');
    expect(commitStaged(p, stageGenerated(dir, Buffer.from(text), PH), false)).toBe('created');
    expect(writeGeneratedBytes(join(dir, 'b.md'), Buffer.from(text), PH)).toBe('created');
    expect(readFileSync(p, 'utf8')).toBe(readFileSync(join(dir, 'b.md'), 'utf8'));
  });

  it('reports a file that could not be staged against its real name when committed', () => {
    const staged = stageGenerated(join(dir, 'gone'), body('x'), PH);
    expect(staged).toEqual({ failure: 'ENOENT' });
    const target = join(dir, 'gone', 'dbo.p.md');
    expect(() => commitStaged(target, staged, false)).toThrow(UsageError);
    expect(() => commitStaged(target, staged, false)).toThrow(`cannot write ${target}: ENOENT`);
  });

  it('removes the temporary file when the name cannot be taken', () => {
    mkdirSync(join(dir, 'dbo.p.md'));
    const staged = stageGenerated(dir, body('x'), PH);
    expect(() => commitStaged(join(dir, 'dbo.p.md'), staged, false)).toThrow(/cannot write .*dbo\.p\.md: EISDIR/);
    expect(readdirSync(dir)).toEqual(['dbo.p.md']);
  });

  it('leaves nothing behind when discarded, or when a stopped run cleans up', () => {
    discardStaged(stageGenerated(dir, body('x'), PH));
    expect(readdirSync(dir)).toEqual([]);
    stageGenerated(dir, body('a'), PH);
    stageGenerated(dir, body('b'), PH);
    // Another process's temporary file and a person's dotfile are not ours to remove.
    writeFileSync(join(dir, `.${process.pid + 1}.abc0.tmp`), 'x');
    writeFileSync(join(dir, '.notes.tmp'), 'x');
    expect(readdirSync(dir)).toHaveLength(4);
    expect(removeOwnTemporaryFiles(dir)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([`.${process.pid + 1}.abc0.tmp`, '.notes.tmp']);
    expect(removeOwnTemporaryFiles(join(dir, 'missing'))).toBe(0);
  });

  (process.getuid?.() === 0 ? it.skip : it)('keeps a failure to write in a read-only folder for the commit (skipped as root: root writes anywhere)', () => {
    chmodSync(dir, 0o500);
    try {
      const staged = stageGenerated(dir, body('x'), PH);
      expect(staged).toEqual({ failure: 'EACCES' });
      expect(() => commitStaged(join(dir, 'p.md'), staged, false)).toThrow(/EACCES/);
      expect(existsSync(join(dir, 'p.md'))).toBe(false);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});
