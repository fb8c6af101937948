// scripts/run-jest.js (npm test's jest): a test file whose worker dies by a native crash is run
// again alone, loudly; a failing test, or a file that crashes again, still fails the run. Real
// jest runs over a small project of plain JS test files, one of which kills its own worker.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '../../../scripts/run-jest.js');

function project(crash: 'once' | 'always', failing = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'run-jest-test-'));
  writeFileSync(join(dir, 'jest.config.js'), `module.exports = { rootDir: __dirname, testEnvironment: 'node', transform: {}, cacheDirectory: __dirname + '/cache', testMatch: ['**/*.test.js'] };\n`);
  writeFileSync(join(dir, 'a.test.js'), `it('adds', () => expect(1 + 1).toBe(${failing ? 3 : 2}));\nit('subtracts', () => expect(2 - 1).toBe(1));\n`);
  // SIGSEGV from outside the test's own code path, as a native module's crash would end the worker.
  const once = `const fs = require('fs'); const marker = __dirname + '/crashed';\nif (!fs.existsSync(marker)) { fs.writeFileSync(marker, ''); process.kill(process.pid, 'SIGSEGV'); }\n`;
  writeFileSync(join(dir, 'b.test.js'), `${crash === 'once' ? once : "process.kill(process.pid, 'SIGSEGV');\n"}it('runs', () => expect(true).toBe(true));\n`);
  writeFileSync(join(dir, 'c.test.js'), `it('waits', async () => { await new Promise((r) => setTimeout(r, 300)); expect(1).toBe(1); });\n`);
  return dir;
}

function run(dir: string): { status: number | null; err: string } {
  const r = spawnSync(process.execPath, [script, '--config', join(dir, 'jest.config.js'), '--maxWorkers=2'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { status: r.status, err: r.stderr };
}

describe('scripts/run-jest.js', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const make = (crash: 'once' | 'always', failing = false): string => {
    const d = project(crash, failing);
    dirs.push(d);
    return d;
  };

  it('re-runs a file whose worker crashed, says so, and passes when it passes alone', () => {
    const r = run(make('once'));
    expect(r.err).toMatch(/NATIVE CRASH: the jest worker running .*b\.test\.js was killed by SIGSEGV/);
    expect(r.err).toMatch(/the re-run of .*b\.test\.js passed/);
    const lines = r.err.split('\n').filter((l) => l.startsWith('Tests: '));
    expect(lines[lines.length - 1]).toMatch(/^Tests: +4 passed, 4 total \(after re-running 1 crashed file\(s\)\)$/);
    expect(r.status).toBe(0);
  }, 120000);

  it('fails when the file crashes again', () => {
    const r = run(make('always'));
    expect(r.err).toMatch(/NATIVE CRASH/);
    expect(r.err).toMatch(/the re-run of .*b\.test\.js failed too \(SIGSEGV\)/);
    expect(r.status).not.toBe(0);
  }, 120000);

  it('re-runs nothing when a test failed as well', () => {
    const r = run(make('once', true));
    expect(r.err).not.toMatch(/NATIVE CRASH|re-run/);
    expect(r.status).not.toBe(0);
  }, 120000);
});
