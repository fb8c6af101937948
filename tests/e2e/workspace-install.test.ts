import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runMigrate } from '../support/run-migrate';

// The issue's "done when": the tool packed as npm users get it, a workspace made by
// `migrate init --ci azure` in a temporary directory, the tarball installed there from the npm
// registry (the npm cache serves most of it), and `npm test` green; one broken transform turns
// `migrate test` and the gate red with a JUnit failure naming the scenario. Slow by nature
// (an npm install): one test file, a generous timeout. Needs dist/ built (`npm test` builds first).

const repo = join(__dirname, '../..');
const id = 'dbo.usp_ExampleDailyTotals/01-daily-store-total';
const scenario = 'two stores, a NULL amount, a day of NULLs';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

function sh(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = quiet, timeout = 600000): SpawnSyncReturns<string> {
  return spawnSync(cmd, args as string[], { cwd, env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
}

/** Whether npm reaches its registry; the reason when it does not (the only reason to skip). */
function registryUnreachable(): string | undefined {
  const r = sh(npm, ['ping'], repo, quiet, 60000);
  return r.status === 0 ? undefined : `npm cannot reach the registry (npm ping: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').pop()})`;
}

const unreachable = registryUnreachable();
if (unreachable) process.stderr.write(`SKIPPED tests/e2e/workspace-install.test.ts: ${unreachable}\n`);
const maybe = unreachable ? it.skip : it;
const title = unreachable ? `(skipped: ${unreachable})` : 'npm pack -> migrate init --ci azure -> npm install -> npm test, then a broken transform turns migrate test and the gate red';

describe('a migration workspace installed from the packed tool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrate-install-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  maybe(title, async () => {
    // 1. pack: bin, dist (with .d.ts), package.json; dist/ was just built by `npm test`
    expect(existsSync(join(repo, 'dist/engine/index.d.ts'))).toBe(true);
    const pack = sh(npm, ['pack', '--ignore-scripts', '--pack-destination', dir], repo);
    expect(pack.status).toBe(0);
    const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')) as string);

    // 2. a workspace with the Azure DevOps gate, depending on the tarball (copied into vendor/)
    const ws = join(dir, 'ws');
    const init = await runMigrate(['init', ws, '--ci', 'azure', '--tool-spec', tarball]);
    expect(init.code).toBe(0);
    expect(JSON.parse(readFileSync(join(ws, 'package.json'), 'utf8')).dependencies).toEqual({ 'tsql-migrate': `file:vendor/${tarball.split(/[\\/]/).pop()}` });

    // 3. install and test as a new user would
    const install = sh(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund'], ws);
    expect(install.stderr).not.toMatch(/npm error/);
    expect(install.status).toBe(0);
    const test = sh(npm, ['test'], ws);
    expect(`${test.stdout}${test.stderr}`).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(test.status).toBe(0);

    // the installed tool: `npx migrate`, its library entry points and their declarations
    expect(sh(process.execPath, ['-e', "process.stdout.write(typeof require('tsql-migrate/engine').defineTransform)"], ws).stdout).toBe('function');
    // the SQL Server arithmetic the README tells transforms to use (exactFloatSum for a float SUM) ships with the engine
    expect(sh(process.execPath, ['-e', "const e = require('tsql-migrate/engine'); process.stdout.write([e.exactFloatSum, e.roundedAverage, e.collationKey].map((f) => typeof f).join())"], ws).stdout).toBe('function,function,function');
    expect(existsSync(join(ws, 'node_modules/tsql-migrate/dist/sections/index.d.ts'))).toBe(true);

    // 4. the gate: the Azure pipeline's commands are the script's, and the script passes
    const azure = parse(readFileSync(join(ws, 'azure-pipelines.yml'), 'utf8')) as { steps: { script?: string; task?: string }[] };
    expect(azure.steps.map((s) => s.task).filter(Boolean)).toEqual(['NodeTool@0', 'PublishTestResults@2', 'PublishCodeCoverageResults@2', 'PublishPipelineArtifact@1']);
    const gateScript = readFileSync(join(ws, 'ci/gate.sh'), 'utf8');
    for (const s of azure.steps) if (s.script && !s.script.startsWith('npm ci')) expect(gateScript).toContain(s.script.split('\n')[0] as string);
    const gate = (): SpawnSyncReturns<string> => sh('sh', ['ci/gate.sh'], ws, { ...quiet, GATE_INSTALL: '0' });
    const green = gate();
    expect(green.stderr).not.toContain('gate FAILED');
    expect(green.status).toBe(0);

    // 5. break one transform: migrate test and the gate go red, the JUnit failure names the scenario
    const file = join(ws, 'src/transforms', `${id}.ts`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('coalesce(sum(Amount), 0)', 'coalesce(sum(Amount), 0) + 1'));
    const red = sh('npx', ['migrate', 'test', '--junit', 'reports/red.xml'], ws);
    expect(red.status).toBe(1);
    expect(red.stdout).toContain(`FAIL ${id} › ${scenario}`);
    expect(readFileSync(join(ws, 'reports/red.xml'), 'utf8')).toMatch(new RegExp(`<testcase classname="${id}" name="${scenario}"[^>]*>\\s*<failure `));
    const redGate = gate();
    expect(redGate.status).toBe(1);
    expect(redGate.stderr).toContain('Every scenario passes (migrate test)');
    expect(readFileSync(join(ws, 'reports/section-tests.xml'), 'utf8')).toContain(`name="${scenario}"`);
    expect(sh(npm, ['test'], ws).status).not.toBe(0);
  }, 900000);
});
