import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate, type MigrateRun } from '../support/run-migrate';

const repo = join(__dirname, '../..');
const proc = 'dbo.usp_CountEntityLetters';
const section = `${proc}/01-entity-letter-count`;

/** Runs the CLI in-process and captures its output. */
const cli = (...args: string[]): Promise<MigrateRun> => runMigrate(args);

/** Runs the workspace's section tests in a real jest process (as the engineer would). */
function runSectionTests(ws: string): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '--config', join(ws, 'jest.config.js'), '--ci'], { cwd: repo, encoding: 'utf8', timeout: 60000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('the section workflow in a fresh workspace: init -> propose -> check -> scaffold -> red -> green -> run -> status', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-ws-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('walks the whole workflow', async () => {
    expect((await cli('init', ws, '--library', join(repo, 'src'))).code).toBe(0);
    expect(existsSync(join(ws, 'migrate.config.yaml'))).toBe(true);
    const reinit = await cli('init', ws);
    expect(reinit.out).toContain('kept migrate.config.yaml (exists)');
    expect(reinit.out).not.toContain('created');
    copyFileSync(join(repo, 'procedures', `${proc}.sql`), join(ws, 'procedures', `${proc}.sql`));
    copyFileSync(join(repo, 'procedures/tables/wordbag-tables.sql'), join(ws, 'procedures/tables/wordbag-tables.sql'));

    // before propose, the new procedure's statements are in no section
    const before = await cli('sections', 'check', proc, '--root', ws, '--json');
    expect(before.code).toBe(1);
    expect(JSON.parse(before.out).problems[0].code).toBe('SECTIONS_UNCOVERED');

    const propose = await cli('sections', 'propose', proc, '--root', ws);
    expect(propose.code).toBe(0);
    expect(propose.out).toContain(`created sections/${section}.feature`);
    const feature = join(ws, 'sections', `${section}.feature`);
    expect(readFileSync(feature, 'utf8').split('\n')[0]).toBe(`@proc:${proc} @lines:29-81 @output:dbo.EntityLetterCount @entity:EntityId`);
    const again = await cli('sections', 'propose', proc, '--root', ws);
    expect(again.out).toContain('unchanged');

    const check = await cli('sections', 'check', '--root', ws, '--json');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.out)).toMatchObject({ ok: true, problems: [] });

    // the engineer writes the scenarios into the skeleton (here: the repository's own)
    writeFileSync(feature, readFileSync(join(repo, 'sections', proc, '01-count-letters.feature'), 'utf8'));
    expect((await cli('scaffold', section, '--root', ws)).code).toBe(0);
    const transformFile = join(ws, 'src/transforms', `${section}.ts`);
    expect(readFileSync(transformFile, 'utf8')).toContain('notImplemented(');
    expect((await cli('scaffold', section, '--root', ws)).out).toContain('kept');

    // the workspace's own jest.config.js (from init) expects jest and @swc/jest installed there;
    // here they come from this repository, so point at them by absolute path
    writeFileSync(join(ws, 'jest.config.js'), `module.exports = {
  rootDir: ${JSON.stringify(ws)}, testEnvironment: 'node', testMatch: ['**/tests/sections/**/*.test.ts'],
  transform: { '^.+\\\\.(t|j|mj)sx?$': [${JSON.stringify(require.resolve('@swc/jest'))}, { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: ['/node_modules/(?!(@cucumber)/)'],
};\n`);
    const red = runSectionTests(ws);
    expect(red.status).not.toBe(0);
    expect(red.output).toContain(`not implemented: ${section}`);

    // (the example section from init passes all along)
    expect(red.output).toContain('dbo.usp_ExampleDailyTotals/01-daily-store-total');
    // implement: the repository's set-based transform, renamed to this section
    const impl = readFileSync(join(repo, 'src/transforms', proc, '01-count-letters.ts'), 'utf8')
      .replace("from '../../engine'", `from ${JSON.stringify(join(repo, 'src/engine'))}`)
      .replace(/01-count-letters/g, '01-entity-letter-count');
    writeFileSync(transformFile, impl);
    const green = runSectionTests(ws);
    expect(green.output).toMatch(/Tests:\s+8 passed, 8 total/);
    expect(green.status).toBe(0);

    for (const t of ['dbo.Entity.csv', 'dbo.EntityWord.csv']) copyFileSync(join(repo, 'acceptance/example/data', t), join(ws, 'acceptance/data', t));
    const run = await cli('run', proc, '--data', join(ws, 'acceptance/data'), '--out', join(ws, 'out'), '--format', 'csv', '--root', ws);
    expect(run.code).toBe(0);
    expect(readFileSync(join(ws, 'out', 'dbo.EntityLetterCount.csv'), 'utf8')).toMatch(/^EntityId,Letter,Occurrences,WordsScanned\n/);

    const status = await cli('status', '--json', '--root', ws);
    const rows = JSON.parse(status.out).procedures as { name: string }[];
    expect(rows.find((r) => r.name === proc)).toEqual({ name: proc, statements: 28, covered: 28, sections: 1, implemented: 1, scenarios: 5, passing: 5, acceptance: null, lastTest: expect.any(String) });
    expect(rows.find((r) => r.name === 'dbo.usp_ExampleDailyTotals')).toMatchObject({ covered: 3, statements: 3, implemented: 1, passing: 1 });
    expect((await cli('status', '--markdown', '--root', ws)).out).toContain(`| [\`${proc}\`](dataflow/${proc.toLowerCase()}.md#section-map) | 28/28 | 100% | 1/1 | 5/5 | - |`);
  });

  it.each([
    [['sections', 'check', 'dbo.nosuch'], 2],
    [['sections', 'propose', 'dbo.nosuch'], 2],
    [['run', proc, '--data', '.', '--format', 'xml'], 2],
    // a mistyped folder used to run on empty tables, exit 0
    [['run', proc, '--data', 'acceptance/no-such-folder', '--format', 'csv'], 2],
    [['scaffold', 'dbo.nosuch/01-x'], 2],
    [['scaffold', `${proc}/00-housekeeping`], 2],
  ])('usage errors exit 2: %j', async (args, code) => {
    expect((await cli(...args, '--root', ws)).code).toBe(code);
  });
});

describe('migrate sections check on this repository (real process)', () => {
  const bin = join(repo, 'bin/migrate.js');
  const built = existsSync(join(repo, 'dist/cli/commands/sections.js'));
  (built ? it : it.skip)('exits 0 with every statement of the example in exactly one section (skipped without dist/: run npm run build)', () => {
    const r = spawnSync(process.execPath, [bin, 'sections', 'check', '--json'], { cwd: repo, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
  });
});
