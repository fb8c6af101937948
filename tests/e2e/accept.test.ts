import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runMigrate, type MigrateRun } from '../support/run-migrate';

// `migrate accept` end to end: in-process through runCli (fast), plus one real process for
// exit codes and stdout when dist/ is built.

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'accept-e2e-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string | Buffer): string {
  const p = join(dir, name);
  mkdirSync(resolve(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const cli = (...args: string[]): Promise<MigrateRun> => runMigrate(['accept', ...args]);

const SAME = 'id,name,amount\n1,a,1.5\n2,b,2\n3,c,3\n';

describe('migrate accept', () => {
  it('passes identical data with the contract verdict as the last line', async () => {
    const r = await cli('--expected', file('same-e.csv', SAME), '--actual', file('same-a.csv', 'id,name,amount\n3,c,3.0\n1,a,1.50\n2,b,2\n'), '--key', 'id');
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n').pop()).toBe('Test Passed. 3 records tested. Percentage Matched: 100%');
  });

  it('fails differing data with exit 1 and the counts', async () => {
    const r = await cli('--expected', file('d-e.csv', SAME), '--actual', file('d-a.csv', 'id,name,amount\n1,a,1.5\n2,B,2\n4,d,4\n'), '--key', 'id');
    expect(r.code).toBe(1);
    expect(r.out.trimEnd().split('\n').pop()).toBe('Test Failed. 4 records tested. 1 matched, 1 changed, 1 missing, 1 extra. Percentage Matched: 25%');
    expect(r.out).toContain('6. Where it differs');
    expect(r.out).toMatch(/-2,b,2\n.*\+2,B,2/s);
  });

  it('reads the expected file with its own NULL marker and code page (an SSMS "ANSI" export against the pipeline\'s UTF-8)', async () => {
    const e = file('ssms-e.csv', Buffer.concat([Buffer.from('id,label,note\r\n1,'), Buffer.from([0x80]), Buffer.from('5,NULL\r\n2,x,\r\n')]));
    const a = file('ssms-a.csv', 'id,label,note\n1,\u20ac5,\n2,x,""\n');
    const r = await cli('--expected', e, '--actual', a, '--key', 'id', '--expected-null-marker', 'NULL', '--expected-encoding', 'windows-1252');
    expect(r.out.trimEnd().split('\n').pop()).toBe('Test Passed. 2 records tested. Percentage Matched: 100%');
    expect(r.code).toBe(0);
    // the same marker for both files reads the pipeline's empty cell as an empty string
    const both = await cli('--expected', e, '--actual', a, '--key', 'id', '--null-marker', 'NULL', '--encoding', 'windows-1252');
    expect(both.code).toBe(1);
  });

  it('reads dates an export wrote as m/d/yyyy (US Excel) by SQL Server\'s rule, not by the sniffer\'s guess from a sample', async () => {
    // DuckDB's sniffer found %m/%d/%Y, which the typed read then did not apply: the file failed to load
    const e = file('us-dates-e.csv', 'id,at,amount\n1,1/2/2024,1.5\n2,12/31/2023,2\n3,2/3/2024,3\n');
    const a = file('us-dates-a.csv', 'id,at,amount\n1,2024-01-02,1.5\n2,2023-12-31,2\n3,2024-02-03,3\n');
    const r = await cli('--expected', e, '--actual', a, '--key', 'id', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ matched: 3, columns: { at: { mismatches: 0 } } });
    // day-month text (02.01.2024) is no SQL Server default form: compared as written, so it differs rather than guessed
    const dm = await cli('--expected', file('dm-dates-e.csv', 'id,at,amount\n1,02.01.2024,1.5\n2,31.12.2023,2\n3,03.02.2024,3\n'), '--actual', a, '--key', 'id', '--json');
    expect(JSON.parse(dm.out)).toMatchObject({ matched: 0, columns: { at: { mismatches: 3 } } });
  });

  it('reads an sqlcmd export without its frame (dashes under the header, "(N rows affected)"), and refuses one it cannot read exactly', async () => {
    // sqlcmd -s"," -W -Q "SELECT …" -o file: the header, a line of dashes, the rows, a blank line and the row count
    const e = file('sqlcmd-e.csv', 'id,label,amount\r\n--,-----,------\r\n1,alpha,10.50\r\n2,NULL,3\r\n\r\n(2 rows affected)\r\n');
    const a = file('sqlcmd-a.csv', 'id,label,amount\n1,alpha,10.5\n2,,3.00\n');
    const r = await cli('--expected', e, '--actual', a, '--key', 'id', '--expected-null-marker', 'NULL');
    expect(r.out).toMatch(/note: the expected file is sqlcmd output: the line of dashes under its header and the "\(2 rows affected\)" after its rows are left out/);
    expect(r.out.trimEnd().split('\n').pop()).toBe('Test Passed. 2 records tested. Percentage Matched: 100%');
    // a row that differs still shows: the frame is all that is left out
    const changed = await cli('--expected', e, '--actual', file('sqlcmd-a2.csv', 'id,label,amount\n1,alpha,10.51\n2,,3\n'), '--key', 'id', '--expected-null-marker', 'NULL', '--json');
    expect(JSON.parse(changed.out)).toMatchObject({ records: 2, matched: 1, changed: 1 });
    // without -W the values are padded to the column width: their own blanks are lost in it
    const padded = await cli('--expected', file('sqlcmd-pad.csv', 'id ,label     \n---,----------\n1  ,alpha     \n\n(1 rows affected)\n'), '--actual', a, '--key', 'id');
    expect(padded.code).toBe(2);
    expect(padded.err).toMatch(/sqlcmd-pad\.csv: the expected file is sqlcmd output whose values are padded .*\n.*-W/);
    // a value with a line break (sqlcmd does not quote) makes more lines than rows
    const broken = await cli('--expected', file('sqlcmd-broken.csv', 'id,label\n--,-----\n1,line one\nline two\n\n(1 rows affected)\n'), '--actual', a, '--key', 'id');
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/says \(1 rows affected\) but holds 2 lines of rows/);
  });

  it('reads an expected file written with decimal commas (a European-locale export), exactly, and says so when it was not told', async () => {
    // 123456789012345,1234 has more digits than a double keeps: read exactly as DECIMAL, one unit apart from the actual's value
    const e = file('dc-e.csv', 'id;amount;rate;total\r\n1;1234,56;0,125;123456789012345,1234\r\n2;0,5;1,0;1,0000\r\n3;-7;2;0\r\n');
    const a = file('dc-a.csv', 'id,amount,rate,total\n1,1234.56,0.125,123456789012345.1235\n2,0.50,1,1\n3,-7.00,2.0,0.0\n');
    const r = await cli('--expected', e, '--actual', a, '--key', 'id', '--expected-decimal-comma', '--json');
    const json = JSON.parse(r.out) as { matched: number; changed: number; columns: Record<string, { mismatches: number }> };
    expect([json.matched, json.changed, json.columns.total?.mismatches, json.columns.amount?.mismatches]).toEqual([2, 1, 1, 0]);
    const told = await cli('--expected', e, '--actual', file('dc-a2.csv', 'id,amount,rate,total\n1,1234.56,0.125,123456789012345.1234\n2,0.5,1,1\n3,-7,2,0\n'), '--key', 'id', '--expected-decimal-comma');
    expect(told.code).toBe(0);
    const untold = await cli('--expected', e, '--actual', a, '--key', 'id');
    expect(untold.code).toBe(1);
    expect(untold.out).toMatch(/note: the expected file writes numbers with a decimal comma .*--expected-decimal-comma/);
    // a decimal comma with the comma as the field delimiter cannot be read
    const clash = await cli('--expected', file('dc-clash.csv', 'id,amount\n1,2\n'), '--actual', a, '--key', 'id', '--expected-decimal-comma', '--delimiter', ',');
    expect(clash.code).toBe(2);
    expect(clash.err).toMatch(/a decimal comma needs another field delimiter than the comma/);
  });

  it('names the columns of an expected file saved without a header row (SSMS\'s default) after the actual file\'s', async () => {
    const e = file('nohdr-e.csv', '1,Alpha,12.50\r\n2,Beta,7.00\r\n');
    const a = file('nohdr-a.csv', 'OrderId,Customer,Amount\n2,Beta,7\n1,Alpha,12.6\n');
    const unnamed = await cli('--expected', e, '--actual', a, '--key', 'OrderId');
    expect(unnamed.code).toBe(2);
    expect(unnamed.err).toMatch(/the expected file has no header row .*--expected-no-header/);
    const r = await cli('--expected', e, '--actual', a, '--key', 'OrderId', '--expected-no-header');
    expect(r.out.trimEnd().split('\n').pop()).toBe('Test Failed. 2 records tested. 1 matched, 1 changed, 0 missing, 0 extra. Percentage Matched: 50%');
    const short = await cli('--expected', file('nohdr-short.csv', '1,Alpha\n'), '--actual', a, '--key', 'OrderId', '--expected-no-header');
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/nohdr-short\.csv: the file has 2 columns and no header row to name them; the other input has 3 \(OrderId, Customer, Amount\)/);
  });

  it('passes below 100% when the threshold allows it', async () => {
    const r = await cli('--expected', file('t-e.csv', SAME), '--actual', file('t-a.csv', 'id,name,amount\n1,a,1.5\n2,b,2\n3,c,3.1\n'), '--key', 'id', '--threshold', '60');
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n').pop()).toBe('Test Passed. 3 records tested. Percentage Matched: 66.6666%');
  });

  it('prints exactly the JSON contract with --json', async () => {
    const r = await cli('--expected', file('j-e.csv', SAME), '--actual', file('j-a.csv', 'id,name,amount\n1,a,1.5\n2,b,2.5\n3,c,3\n'), '--key', 'id', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['records', 'matched', 'changed', 'missing', 'extra', 'duplicateKeys', 'percentMatched', 'columns', 'passed']);
    expect(j).toEqual({
      records: 3, matched: 2, changed: 1, missing: 0, extra: 0, duplicateKeys: 0, percentMatched: 66.6666,
      columns: { id: { mismatches: 0, percentMatched: 100 }, name: { mismatches: 0, percentMatched: 100 }, amount: { mismatches: 1, percentMatched: 66.6666 } },
      passed: false,
    });
  });

  it('applies tolerance, trim, case and ignore flags', async () => {
    const r = await cli('--expected', file('o-e.csv', 'id,name,amount,loaded\n1,"Ab  ",1.0,x\n'), '--actual', file('o-a.csv', 'id,name,amount,loaded\n1,aB,1.004,y\n'),
      '--key', 'id', '--trim', '--ignore-case', '--tolerance', 'amount=0.005', '--ignore', 'loaded', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ matched: 1, passed: true });
  });

  it('runs every config of a folder and writes JUnit and HTML', async () => {
    file('cfg/data/e.csv', SAME);
    file('cfg/data/a.csv', 'id,name,amount\n1,a,1.5\n2,<script>alert(1)</script>,2\n3,c,3\n');
    file('cfg/acceptance/one.yaml', 'key: id\nexpected: ../data/e.csv\nactual: ../data/e.csv\n');
    file('cfg/acceptance/two.yaml', 'threshold: 100\ntables:\n  - name: orders\n    expected: ../data/e.csv\n    actual: ../data/a.csv\n    key: [id]\n');
    const junit = join(dir, 'cfg/out/junit.xml');
    const html = join(dir, 'cfg/out/report.html');
    const r = await cli(join(dir, 'cfg/acceptance'), '--json', '--junit', junit, '--html', html);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { tables: { name: string; result: { passed: boolean } }[]; passed: boolean };
    expect(j.tables.map((t) => [t.name, t.result.passed])).toEqual([['one', true], ['orders', false]]);
    expect(j.passed).toBe(false);
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    const page = readFileSync(html, 'utf8');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('compares every other table when one table\'s input cannot be read, lists it as an error and exits 2', async () => {
    file('errs/data/e.csv', SAME);
    file('errs/acceptance/a-missing.yaml', 'key: id\nexpected: ../data/gone.csv\nactual: ../data/e.csv\n');
    file('errs/acceptance/b-fine.yaml', 'key: id\nexpected: ../data/e.csv\nactual: ../data/e.csv\n');
    const junit = join(dir, 'errs/out/junit.xml');
    const html = join(dir, 'errs/out/report.html');
    const r = await cli(join(dir, 'errs/acceptance'), '--junit', junit, '--html', html);
    expect(readFileSync(html, 'utf8')).toMatch(/1 table compared, 1 not compared \(input cannot be read\)[\s\S]*<h2>a-missing<\/h2><div class="verdict fail">not compared/);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/migrate: a-missing: .*gone\.csv: no such file/);
    expect(r.out).toContain('== b-fine ==');
    expect(r.out).toMatch(/1 table not compared \(input cannot be read\): a-missing/);
    expect(r.out).toMatch(/^1 table compared\.$/m);
    // the last line, which CI gates read, never says Passed when a table was not compared
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^Test Failed\. \d+ records tested\. .*Percentage Matched: 100% of the records compared \(1 table not compared: input cannot be read\)$/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/tests="2" failures="0" errors="1"/);
    expect(xml).toMatch(/<testcase classname="acceptance\.[^"]*a-missing\.yaml" name="a-missing" time="0\.000">\s*<error message="[^"]*gone\.csv/);
    const json = await cli(join(dir, 'errs/acceptance'), '--json');
    const j = JSON.parse(json.out) as { tables: { name: string }[]; errors: { name: string; message: string }[]; passed: boolean };
    expect([j.tables.map((t) => t.name), j.errors.map((e) => e.name), j.passed]).toEqual([['b-fine'], ['a-missing'], false]);
  });

  it.each<[string, () => string[], RegExp]>([
    ['a missing file', () => ['--expected', join(dir, 'nope.csv'), '--actual', file('m-a.csv', SAME), '--key', 'id'], /no such file: .*nope\.csv/],
    ['an empty file', () => ['--expected', file('empty.csv', ''), '--actual', file('m2-a.csv', SAME), '--key', 'id'], /empty\.csv is empty \(0 bytes\)/],
    ['a header-only file', () => ['--expected', file('header.csv', 'id,name,amount\n'), '--actual', file('m3-a.csv', SAME), '--key', 'id'], /header\.csv has no rows/],
    ['a ragged CSV', () => ['--expected', file('ragged.csv', `${SAME}4,d,4,extra\n`), '--actual', file('m4-a.csv', SAME), '--key', 'id'], /ragged\.csv: ragged CSV: line 1 has 3 fields but line 5 has 4/],
    ['a ragged row far down a CSV', () => ['--expected', file('ragged2.csv', `id,v\n${Array.from({ length: 40000 }, (_, i) => `${i},${i}`).join('\n')}\n40000,1,2\n`), '--actual', file('m7-a.csv', 'id,v\n1,1\n'), '--key', 'id'], /ragged2\.csv: cannot read this csv file: .*Line: 40002/],
    ['a badly quoted CSV', () => ['--expected', file('quote.csv', 'id,name,amount\n1,"a,1\n2,b,2\n'), '--actual', file('m5-a.csv', SAME), '--key', 'id'], /quote\.csv: (cannot read this csv file|ragged CSV)/],
    ['a key column that does not exist', () => ['--expected', file('k-e.csv', SAME), '--actual', file('k-a.csv', SAME), '--key', 'order_id'], /key column 'order_id' does not exist[\s\S]*expected columns: id, name, amount/],
    ['types that cannot be compared', () => ['--expected', file('ty-e.csv', 'id,d\n1,2024-01-01\n'), '--actual', file('ty-a.csv', 'id,d\n1,5\n'), '--key', 'id'], /column d: cannot compare DATE \(expected\) with BIGINT \(actual\)/],
    ['an unknown format', () => ['--expected', file('x.xlsx', 'x'), '--actual', file('m6-a.csv', SAME)], /cannot tell the format of/],
    ['a bad threshold', () => ['--expected', file('b-e.csv', SAME), '--actual', file('b-a.csv', SAME), '--threshold', 'abc'], /--threshold must be a number/],
    ['nothing to compare', () => [], /nothing to compare/],
    // an SSMS "ANSI" export
    ['a Windows-1252 CSV read as Latin-1', () => ['--expected', file('ansi.csv', Buffer.from('id,name,amount\n1,\x80 Caf\xe9,1\n', 'latin1')), '--actual', file('ansi-a.csv', SAME), '--key', 'id', '--expected-encoding', 'latin-1'], /ansi\.csv: cannot read this csv file:[\s\S]*not latin-1 encoded[\s\S]*hint: .*--encoding windows-1252/],
    ['a config with an unknown field', () => [file('bad/x.yaml', 'expected: a.csv\nactual: b.csv\nkeys: id\n')], /x\.yaml:3:1: unknown field 'keys'/],
    ['a config with a wrong type', () => [file('bad/y.yaml', 'expected: a.csv\nactual: b.csv\nthreshold: high\n')], /y\.yaml:3:12: threshold must be a number/],
  ])('exits 2 with a clear message for %s', async (_name, args, message) => {
    const r = await cli(...args());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).not.toMatch(/Test (Passed|Failed)/);
  });

  // SSMS's "Unicode" export is UTF-16; without a BOM DuckDB read it as UTF-8 into NUL-laden names.
  it.each([['with a BOM', true], ['without a BOM', false]])('reads a UTF-16 CSV %s as UTF-16', async (name, bom) => {
    const u16 = Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(SAME, 'utf16le')]);
    const r = await cli('--expected', file(`u16-${name}.csv`, u16), '--actual', file(`u16-${name}-a.csv`, SAME), '--key', 'id');
    expect(r.err).toBe('');
    expect(r.out).toMatch(/Test Passed\. \d+ records tested\. Percentage Matched: 100%/);
  });

  const built = existsSync(resolve(__dirname, '../../dist/cli/main.js'));
  (built ? it : it.skip)('as a real process: exit codes and stdout (skipped when dist/ is not built)', () => {
    const bin = resolve(__dirname, '../../bin/migrate.js');
    const ok = spawnSync(process.execPath, [bin, 'accept', '--expected', file('p-e.csv', SAME), '--actual', file('p-a.csv', SAME), '--key', 'auto', '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ records: 3, matched: 3, passed: true });
    const bad = spawnSync(process.execPath, [bin, 'accept', '--expected', join(dir, 'missing.csv'), '--actual', file('p2-a.csv', SAME)], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no such file');
  });
});
