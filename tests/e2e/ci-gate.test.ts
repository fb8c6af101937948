import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runMigrate } from '../support/run-migrate';

const repo = join(__dirname, '../..');
const id = 'dbo.usp_ExampleDailyTotals/01-daily-store-total';

/**
 * The local gate script of a fresh workspace, run for real with sh. The workspace's `migrate`
 * is this repository's built CLI (what `npm install` would link), its library this src/; the
 * packed-and-installed variant is tests/e2e/workspace-install.test.ts.
 */
describe('migrate init --ci and the local gate script', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-gate-'));
  const gate = (): { status: number | null; out: string; err: string } => {
    const r = spawnSync('sh', ['ci/gate.sh'], { cwd: ws, encoding: 'utf8', env: { ...process.env, GATE_INSTALL: '0', NO_COLOR: '1' }, timeout: 240000 });
    return { status: r.status, out: r.stdout, err: r.stderr };
  };
  beforeAll(async () => {
    const init = await runMigrate(['init', ws, '--library', join(repo, 'src'), '--ci', 'github']);
    expect(init.code).toBe(0);
    expect(init.out).toContain('created ci/gate.sh');
    expect(init.out).toContain('created .github/workflows/migration-gate.yml');
    mkdirSync(join(ws, 'node_modules/.bin'), { recursive: true });
    symlinkSync(join(repo, 'bin/migrate.js'), join(ws, 'node_modules/.bin/migrate'));
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('passes on the fresh workspace, with every report CI publishes', () => {
    const r = gate();
    expect(r.err).not.toContain('gate FAILED');
    expect(r.status).toBe(0);
    expect(r.out).toContain('gate passed');
    expect(r.out).toContain('| [`dbo.usp_ExampleDailyTotals`](dataflow/dbo.usp_exampledailytotals.md#section-map) | 3/3 | 100% | 1/1 | 1/1 | 100% |');
    for (const f of ['section-tests.xml', 'acceptance.xml', 'acceptance.html', 'coverage/cobertura-coverage.xml', 'status.md']) expect(readFileSync(join(ws, 'reports', f), 'utf8').length).toBeGreaterThan(0);
    // the GitHub workflow runs the very commands the script ran
    const wf = parse(readFileSync(join(ws, '.github/workflows/migration-gate.yml'), 'utf8')) as { jobs: { gate: { steps: { run?: string }[] } } };
    const script = readFileSync(join(ws, 'ci/gate.sh'), 'utf8');
    for (const s of wf.jobs.gate.steps) if (s.run && !s.run.startsWith('npm ci')) expect(script).toContain(s.run.split('\n')[0] as string);
  });

  it('goes red when a transform breaks, naming the scenario in the JUnit report', () => {
    const file = join(ws, 'src/transforms', `${id}.ts`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('coalesce(sum(Amount), 0)', 'coalesce(sum(Amount), 0) * 2'));
    const r = gate();
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/gate FAILED:\n {2}Every scenario passes \(migrate test\)\n {2}New outputs match the legacy baselines \(migrate accept\)/);
    const junit = readFileSync(join(ws, 'reports/section-tests.xml'), 'utf8');
    expect(junit).toMatch(new RegExp(`<testcase classname="${id}" name="two stores, a NULL amount, a day of NULLs"[^>]*>\\s*<failure `));
    expect(readFileSync(join(ws, 'reports/acceptance.xml'), 'utf8')).toContain('<failure ');
  });

  it('regenerates an untouched pipeline and keeps an edited one', async () => {
    expect((await runMigrate(['ci', 'github', '--root', ws])).out).toContain('unchanged .github/workflows/migration-gate.yml');
    const wf = join(ws, '.github/workflows/migration-gate.yml');
    writeFileSync(wf, `${readFileSync(wf, 'utf8')}# our own note\n`);
    expect((await runMigrate(['ci', 'github', '--root', ws])).out).toContain('kept .github/workflows/migration-gate.yml (edited by someone; --force replaces it)');
    expect(readFileSync(wf, 'utf8')).toContain('# our own note');
    expect((await runMigrate(['ci', 'jenkins', '--root', ws])).code).toBe(2);
  });
});
