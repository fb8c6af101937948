import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeGeneratedFile } from '../../../src/core';
import { ReportWriter } from '../../../src/render/report-writer';

// The writer thread only starts from compiled JavaScript: the same cases run against dist/
// when it is built (npm test builds first), and against the sources in this thread.
const PLACEHOLDER = 'tsql-migrate:generated sha256=0000000000000000';
const DIST = resolve(__dirname, '../../../dist/render/report-writer.js');
/* eslint-disable @typescript-eslint/no-require-imports */
const builds: [string, typeof ReportWriter][] = [['sources (this thread)', ReportWriter]];
if (existsSync(DIST)) builds.push(['dist (writer thread)', (require(DIST) as { ReportWriter: typeof ReportWriter }).ReportWriter]);
else process.stderr.write('report-writer.test: dist/ is not built, the writer thread is not tested (npm run build)\n');
/* eslint-enable @typescript-eslint/no-require-imports */

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'report-writer-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const body = (i: number, version: string): string => `<!-- ${PLACEHOLDER} -->\nreport ${i} ${version}\n`;

describe.each(builds)('ReportWriter from %s', (name, Writer) => {
  const folder = (): string => join(dir, name.replace(/\W+/g, '-'));

  it('writes 100 stamped reports in order, each recognised by writeGeneratedFile as pristine', async () => {
    const writer = new Writer(PLACEHOLDER, false, 8);
    for (let i = 0; i < 100; i++) writer.write(join(folder(), `r${i}.md`), body(i, 'v1'));
    const outcomes = await writer.finish();
    expect(outcomes.map((o) => o.path)).toEqual(Array.from({ length: 100 }, (_, i) => join(folder(), `r${i}.md`)));
    expect(new Set(outcomes.map((o) => o.outcome))).toEqual(new Set(['created']));
    const text = readFileSync(join(folder(), 'r7.md'), 'utf8');
    expect(text).toMatch(/^<!-- tsql-migrate:generated sha256=[0-9a-f]{16} -->\nreport 7 v1\n$/);
    expect(text).not.toContain(PLACEHOLDER);
    expect(writeGeneratedFile(join(folder(), 'r7.md'), (stamp) => body(7, 'v1').split(PLACEHOLDER).join(stamp))).toBe('unchanged');
  });

  it.each([
    ['unchanged', 'v1', false, 'report 3 v1'],
    ['updated', 'v2', false, 'report 3 v2'],
  ])('rewrites a pristine report: %s', async (outcome, version, force, expected) => {
    const writer = new Writer(PLACEHOLDER, force, 8);
    for (let i = 0; i < 20; i++) writer.write(join(folder(), `r${i}.md`), body(i, version));
    const outcomes = await writer.finish();
    expect(outcomes[3]?.outcome).toBe(outcome);
    expect(readFileSync(join(folder(), 'r3.md'), 'utf8')).toContain(expected);
  });

  it.each([
    [false, 'kept-edited', 'edited by hand'],
    [true, 'updated', 'report 5 v3'],
  ])('a report someone edited, force %s: %s', async (force, outcome, expected) => {
    writeFileSync(join(folder(), 'r5.md'), `${readFileSync(join(folder(), 'r5.md'), 'utf8')}edited by hand\n`);
    const writer = new Writer(PLACEHOLDER, force, 8);
    for (let i = 0; i < 20; i++) writer.write(join(folder(), `r${i}.md`), body(i, 'v3'));
    expect((await writer.finish())[5]?.outcome).toBe(outcome);
    expect(readFileSync(join(folder(), 'r5.md'), 'utf8')).toContain(expected);
  });

  it.each([
    ['an array of its own (transferred)', (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'))],
    ['a view into a larger buffer (copied)', (text: string): Uint8Array => {
      const whole = Buffer.from(`junk${text}junk`, 'utf8');
      return new Uint8Array(whole.buffer, whole.byteOffset + 4, whole.byteLength - 8);
    }],
    ['a Buffer (copied)', (text: string): Uint8Array => Buffer.from(text, 'utf8')],
  ])('writes a body given as UTF-8 bytes, %s, as the same file as its text', async (_, toBytes) => {
    const writer = new Writer(PLACEHOLDER, false, 8);
    for (let i = 0; i < 12; i++) {
      writer.write(join(folder(), `text${i}.json`), body(i, 'Größe 😀'));
      writer.write(join(folder(), `bytes${i}.json`), toBytes(body(i, 'Größe 😀')));
    }
    const outcomes = await writer.finish();
    expect(outcomes.every((o) => o.outcome === 'created' || o.outcome === 'unchanged')).toBe(true);
    for (let i = 0; i < 12; i++) expect(readFileSync(join(folder(), `bytes${i}.json`), 'utf8')).toBe(readFileSync(join(folder(), `text${i}.json`), 'utf8'));
  });

  it('writes one path twice in order: the second wins as an update', async () => {
    const writer = new Writer(PLACEHOLDER, false, 2);
    const path = join(folder(), 'twice.md');
    for (let i = 0; i < 10; i++) writer.write(join(folder(), `t${i}.md`), body(i, 'v1'));
    writer.write(path, body(0, 'first'));
    writer.write(path, body(0, 'second'));
    const outcomes = await writer.finish();
    expect(outcomes.slice(-2).map((o) => o.outcome)).toEqual(['created', 'updated']);
    expect(readFileSync(path, 'utf8')).toContain('report 0 second');
  });

  it('a report that cannot be written is a failed outcome with IO_WRITE; the others are written', async () => {
    const blocker = join(folder(), 'not-a-folder');
    writeFileSync(blocker, 'a file where a folder should be');
    const writer = new Writer(PLACEHOLDER, false, 2);
    for (let i = 0; i < 5; i++) writer.write(join(folder(), `e${i}.md`), body(i, 'v1'));
    writer.write(join(blocker, 'x.md'), body(0, 'v1'));
    writer.write(join(folder(), 'nul\u0000byte.md'), body(0, 'v1'));
    writer.write(join(folder(), 'after.md'), body(9, 'v1'));
    const outcomes = await writer.finish();
    expect(outcomes.map((o) => o.outcome)).toEqual(['created', 'created', 'created', 'created', 'created', 'failed', 'failed', 'created']);
    for (const o of outcomes.filter((x) => x.outcome === 'failed')) expect(o).toMatchObject({ error: { code: 'IO_WRITE' } });
    expect(readFileSync(join(folder(), 'after.md'), 'utf8')).toContain('report 9 v1');
  });
});
