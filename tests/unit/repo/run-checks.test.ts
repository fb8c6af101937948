// scripts/run-checks.js (npm test's typecheck and lint, run at once after the build): the run fails when
// any one script fails, and each script's output is printed whole under its own heading.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '../../../scripts/run-checks.js');

function runChecks(scripts: Record<string, string>, names: string[]): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'run-checks-test-'));
  try {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'probe', version: '1.0.0', private: true, scripts }));
    const r = spawnSync(process.execPath, [script, ...names], { cwd: dir, encoding: 'utf8' });
    return { status: r.status, out: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const slowLines = (word: string): string => `node -e "let i = 0; const t = setInterval(() => { console.log('${word} ' + i); if (++i === 3) clearInterval(t); }, 20)"`;

describe('scripts/run-checks.js', () => {
  it('passes when every script passes, each output whole under its heading', () => {
    const r = runChecks({ one: slowLines('one'), two: slowLines('two') }, ['one', 'two']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/== npm run one: passed\none 0\none 1\none 2\n/);
    expect(r.out).toMatch(/== npm run two: passed\ntwo 0\ntwo 1\ntwo 2\n/);
  }, 60000);

  it('fails when one script fails, and says which', () => {
    const r = runChecks({ good: 'node -e "console.log(1)"', bad: 'node -e "console.error(\'type error\'); process.exit(2)"' }, ['good', 'bad']);
    expect(r.status).toBe(2);
    expect(r.out).toMatch(/== npm run good: passed/);
    expect(r.out).toMatch(/== npm run bad: FAILED \(exit 2\)\ntype error/);
  }, 60000);

  // The type check resolves the walkthrough fixtures' `tsql-migrate/engine` through the package's
  // own name to dist/: run beside the build on a fresh clone (no dist/ yet), it failed CI with TS2307.
  it('is given the type check only after npm test has built dist/, never beside the build', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { scripts: Record<string, string> };
    const steps = pkg.scripts.test?.split('&&').map((x) => x.trim()) ?? [];
    const build = steps.indexOf('npm run build');
    const checks = steps.findIndex((x) => x.startsWith('node scripts/run-checks.js'));
    expect(build).toBeGreaterThanOrEqual(0);
    expect(checks).toBeGreaterThan(build);
    expect(steps[checks]).toContain('typecheck');
    expect(steps[checks]).not.toMatch(/\bbuild\b/);
  });
});
