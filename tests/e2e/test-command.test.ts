import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

const repo = join(__dirname, '../..');
const id = 'dbo.usp_ExampleDailyTotals/01-daily-store-total';
const scenario = 'two stores, a NULL amount, a day of NULLs';

/** A fresh workspace from `migrate init`, importing the library from this repository's src/. */
async function freshWorkspace(): Promise<string> {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-test-'));
  expect((await runMigrate(['init', ws, '--library', join(repo, 'src')])).code).toBe(0);
  return ws;
}

describe('migrate test and the status it records', () => {
  const dirs: string[] = [];
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  it('says "not run" before the scenarios ran, then the real figures', async () => {
    const ws = await freshWorkspace();
    dirs.push(ws);
    const before = await runMigrate(['status', '--json', '--root', ws]);
    expect(JSON.parse(before.out).procedures[0]).toMatchObject({ name: 'dbo.usp_ExampleDailyTotals', scenarios: 1, passing: 0, lastTest: null });
    expect((await runMigrate(['status', '--root', ws])).out).toMatch(/dbo\.usp_ExampleDailyTotals +3\/3 +100% +1\/1 +not run/);

    const run = await runMigrate(['test', '--json', '--root', ws]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual({ sections: [{ id, scenarios: 1, passed: 1, failed: 0 }], passed: true });

    const after = JSON.parse((await runMigrate(['status', '--json', '--root', ws])).out).procedures[0];
    expect(after).toMatchObject({ passing: 1, scenarios: 1 });
    expect(Number.isNaN(Date.parse(after.lastTest))).toBe(false);
    expect((await runMigrate(['status', '--markdown', '--root', ws])).out).toContain('| [`dbo.usp_ExampleDailyTotals`](dataflow/dbo.usp_exampledailytotals.md#section-map) | 3/3 | 100% | 1/1 | 1/1 | - |');
  });

  it('goes red on a broken transform: exit 1, the table, the failure and a JUnit test case naming the scenario', async () => {
    const ws = await freshWorkspace();
    dirs.push(ws);
    const file = join(ws, 'src/transforms', `${id}.ts`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('coalesce(sum(Amount), 0)', 'coalesce(sum(Amount), 0) * 2'));
    const junit = join(ws, 'reports/section-tests.xml');
    const run = await runMigrate(['test', '--junit', junit, '--root', ws]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(new RegExp(`${id.replace(/[.]/g, '\\.')} +1 +0 +1 +FAIL`));
    expect(run.out).toContain(`FAIL ${id} › ${scenario} (sections/${id}.feature:6)`);
    expect(run.out).toContain('1 section, 1 scenario: 0 passed, 1 failed');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuites name="migrate test" tests="1" failures="1" errors="0">');
    expect(xml).toContain(`<testcase classname="${id}" name="${scenario}" file="sections/${id}.feature:6"`);
    expect(xml).toContain('<failure message=');
    const status = JSON.parse((await runMigrate(['status', '--json', '--root', ws])).out).procedures[0];
    expect(status).toMatchObject({ passing: 0, scenarios: 1 });
    expect(status.lastTest).not.toBeNull();
  });

  it.each([
    [['test', 'dbo.usp_Nope'], 2, 'no section or procedure named dbo.usp_Nope'],
    [['test', 'DBO.USP_EXAMPLEDAILYTOTALS', '--json'], 0, `"id":"${id}"`],
    [['test', id, '--json'], 0, `"id":"${id}"`],
  ])('migrate %j exits %i', async (args, code, text) => {
    const ws = await freshWorkspace();
    dirs.push(ws);
    const r = await runMigrate([...args, '--root', ws]);
    expect(r.code).toBe(code);
    expect(`${r.out}${r.err}`).toContain(text);
  });

  it('writes Cobertura coverage of src/transforms (the built CLI, as CI runs it)', async () => {
    const ws = await freshWorkspace();
    dirs.push(ws);
    const r = spawnSync(process.execPath, [join(repo, 'bin/migrate.js'), 'test', '--coverage', 'reports/coverage'], { cwd: ws, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const xml = readFileSync(join(ws, 'reports/coverage/cobertura-coverage.xml'), 'utf8');
    expect(xml).toContain(`<class name="01-daily-store-total" filename="src/transforms/${id}.ts"`);
    expect(xml).toMatch(/<line number="\d+" hits="[1-9]\d*" branch="false"\/>/);
    expect(xml).toContain('<package name="src/transforms/dbo.usp_ExampleDailyTotals"');
  });
});
