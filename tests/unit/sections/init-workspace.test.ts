import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultToolSpec, initWorkspace, renderWorkspacePackage } from '../../../src/sections';

const repoPackage = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };

describe('renderWorkspacePackage', () => {
  const pkg = JSON.parse(renderWorkspacePackage('My Migration', 'file:vendor/tsql-migrate-0.1.0.tgz')) as Record<string, Record<string, string>>;

  it.each([
    ['name', 'my-migration'],
    ['dependencies', { 'tsql-migrate': 'file:vendor/tsql-migrate-0.1.0.tgz' }],
  ])('%s', (key, value) => {
    expect(pkg[key]).toEqual(value);
  });

  it.each(['@swc/core', '@swc/jest', '@types/jest', '@types/node', 'jest', 'typescript'])('pins %s to the range this repository tests with', (dep) => {
    expect(pkg.devDependencies?.[dep]).toBe(repoPackage.devDependencies[dep]);
  });

  it.each([
    ['test', 'tsc --noEmit && jest'],
    ['status', 'migrate status'],
    ['gate', 'sh ci/gate.sh'],
  ])('has the script %s', (script, command) => {
    expect(pkg.scripts?.[script]).toBe(command);
  });

  it('accepts through the captured baselines', () => {
    expect(pkg.scripts?.accept).toContain('migrate run --baselines acceptance/baseline');
    expect(pkg.scripts?.accept).toContain('migrate accept acceptance/');
  });

  it('defaults the tool to the running version', () => {
    expect(defaultToolSpec()).toBe(`^${repoPackage.version}`);
  });
});

describe('initWorkspace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'init-ws-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('copies a tarball tool spec into vendor/ and depends on the copy', () => {
    const tgz = join(dir, 'tsql-migrate-9.9.9.tgz');
    writeFileSync(tgz, 'not really a tarball');
    const ws = join(dir, 'a');
    const result = initWorkspace(ws, { toolSpec: tgz });
    expect(result.created).toContain('vendor/tsql-migrate-9.9.9.tgz');
    expect(readFileSync(join(ws, 'vendor/tsql-migrate-9.9.9.tgz'), 'utf8')).toBe('not really a tarball');
    expect(JSON.parse(readFileSync(join(ws, 'package.json'), 'utf8')).dependencies).toEqual({ 'tsql-migrate': 'file:vendor/tsql-migrate-9.9.9.tgz' });
  });

  it.each([
    ['the transform imports the package entry point', 'src/transforms/dbo.usp_ExampleDailyTotals/01-daily-store-total.ts', "from 'tsql-migrate/engine'"],
    ['the test imports the section suite', 'tests/sections/dbo.usp_ExampleDailyTotals/01-daily-store-total.test.ts', "import { describeSection } from 'tsql-migrate/sections';"],
    ['jest transforms the tool (its dynamic imports) and gherkin', 'jest.config.js', "transformIgnorePatterns: ['/node_modules/(?!(@cucumber|tsql-migrate)/)']"],
    ['tsconfig resolves package exports', 'tsconfig.json', '"moduleResolution": "node16"'],
    ['.gitignore keeps run outputs out', '.gitignore', 'acceptance/actual/'],
  ])('%s', (_what, file, text) => {
    const ws = join(dir, 'b');
    initWorkspace(ws);
    expect(readFileSync(join(ws, file), 'utf8')).toContain(text);
  });

  it('never overwrites a file someone edited', () => {
    const ws = join(dir, 'c');
    initWorkspace(ws);
    writeFileSync(join(ws, 'README.md'), 'ours');
    const again = initWorkspace(ws);
    expect(again.created).toEqual([]);
    expect(again.kept).toContain('README.md');
    expect(readFileSync(join(ws, 'README.md'), 'utf8')).toBe('ours');
    // its own package.json, kept by a second init, lacks nothing
    expect(again.packageGaps).toBeUndefined();
  });

  it('keeps the team\'s own package.json and says which packages and scripts it lacks', () => {
    const ws = join(dir, 'd');
    mkdirSync(ws);
    const theirs = '{ "name": "their-repo", "scripts": { "test": "echo theirs", "status": "migrate status" }, "devDependencies": { "typescript": "5.0.0" } }\n';
    writeFileSync(join(ws, 'package.json'), theirs);
    const result = initWorkspace(ws, { toolSpec: '^0.1.0' });
    expect(readFileSync(join(ws, 'package.json'), 'utf8')).toBe(theirs);
    expect(Object.keys(result.packageGaps?.packages ?? {}).sort()).toEqual(['@swc/core', '@swc/jest', '@types/jest', '@types/node', 'jest', 'tsql-migrate']);
    expect(result.packageGaps?.packages['tsql-migrate']).toBe('^0.1.0');
    // their `test` stays theirs: the workspace's tests run beside it
    expect(Object.keys(result.packageGaps?.scripts ?? {})).toEqual(['test:migration', 'test:sections', 'accept', 'gate']);
    expect(result.packageGaps?.scripts['test:migration']).toBe('tsc --noEmit && jest');
  });
});
