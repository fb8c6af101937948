import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { runMigrate } from '../../support/run-migrate';

// `migrate analyze` over object names SQL Server accepts in brackets but file systems do not:
// NUL and other control characters, newlines, path separators, Windows device names, trailing
// dots and spaces, 128 characters of 4-byte UTF-8, names equal but for case or punctuation.
// Whatever the names, the run never aborts, every object gets its three reports, and the file
// names are valid on Linux, macOS and Windows and distinct even case-insensitively.

const PIECES = ['\u0000', '\n', '\r\n', '\t', '/', '\\', ':', '*', '?', '"', '<', '>', '|', '.', ' ', '..', 'CON', 'aux', 'Nul', 'com1', 'LPT9',
  'con.txt', 'é', 'É', '𝄞', 'ß', 'İ', '\u007f', '\u0085', '\u2028', ']', '[', "'", '#', '%', '(', ')', 'index', 'A', 'a', 'usp_Load'];

const namePart = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 3 })), { minLength: 1, maxLength: 8 }).map((p) => p.join('')),
  fc.string({ unit: fc.constantFrom('é', '𝄞', 'a', 'Z', '\u0000'), minLength: 100, maxLength: 128 }),
).filter((n) => n.length > 0 && n.length <= 128);

const bracket = (name: string): string => `[${name.replace(/]/g, ']]')}]`;

/** A Windows-, macOS- and Linux-valid file name (what the stems promise). */
function problemsOf(file: string): string[] {
  const problems: string[] = [];
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]/.test(file)) problems.push('forbidden character');
  if (/[. ]$/.test(file)) problems.push('trailing dot or space');
  if (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i.test(file)) problems.push('Windows device name');
  if (Buffer.byteLength(file, 'utf8') > 200) problems.push('too long');
  return problems.map((p) => `${JSON.stringify(file)}: ${p}`);
}

describe('migrate analyze on odd object names', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'analyze-names-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never aborts; every object gets valid, distinct (case-insensitively) report files', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('dbo', 'Sales', 'CON'), namePart), { minLength: 1, maxLength: 6 }), async (names) => {
      const case_ = join(dir, String(run++));
      const sql = names.map(([schema, name]) => `CREATE PROCEDURE ${bracket(schema)}.${bracket(name)} AS\nSELECT 1 AS x FROM dbo.t;\nGO\n`).join('');
      writeFileSync(`${case_}.sql`, sql);
      const r = await runMigrate(['analyze', `${case_}.sql`, '--out', join(case_, 'out'), '--json']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out) as { objects: number; diagnostics: { severity: string }[] };
      expect(report.objects).toBe(names.length);
      const files = readdirSync(join(case_, 'out'));
      expect(files.flatMap(problemsOf)).toEqual([]);
      expect(new Set(files.map((f) => f.normalize('NFC').toUpperCase().toLowerCase())).size).toBe(files.length);
      // Each object: .md, .mmd and .json; plus index.md.
      expect(files).toHaveLength(3 * names.length + 1);
      for (const ext of ['.md', '.mmd', '.json']) expect(files.filter((f) => f.endsWith(ext) && f !== 'index.md')).toHaveLength(names.length);
    }), { numRuns: 60, seed: 1103 });
  });
});
