import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { renderGenerated, writeFileAtomic } from '../core';
import { renderSectionTest } from './scaffold-templates';
import { importSpecifiers } from './scaffold-section';
import { moduleSpecifier, sectionPaths } from './scaffold-paths';
import { loadWorkspaceConfig } from './workspace-config';
import {
  EXAMPLE_ACCEPTANCE, EXAMPLE_BASELINE_CSV, EXAMPLE_BASELINE_MANIFEST, EXAMPLE_HOUSEKEEPING, EXAMPLE_PROC, EXAMPLE_SALES_CSV, EXAMPLE_SECTION, EXAMPLE_TABLES,
  GITIGNORE, JEST_CONFIG, renderExampleTransform, TSCONFIG, WORKSPACE_README,
} from './workspace-templates';

/** What `init` did with each path. */
export interface InitResult {
  readonly created: readonly string[];
  readonly kept: readonly string[];
  /**
   * When a package.json was there already (the team's own repository) and was kept: the
   * packages and scripts of the workspace's package.json it lacks, without which `npm install
   * && npm test` does not run the sections' tests; undefined when it lacks nothing, or is no JSON.
   */
  readonly packageGaps?: { readonly packages: Readonly<Record<string, string>>; readonly scripts: Readonly<Record<string, string>> };
}

/** Options of {@link initWorkspace}. */
export interface InitOptions {
  /** Where generated code imports tsql-migrate from (`<library>/engine`); default the package. */
  readonly library?: string;
  /**
   * The workspace's dependency on the tool, as npm takes it: a version range, a git URL, or a
   * path to a packed tarball (copied into `vendor/`, so the workspace installs anywhere).
   */
  readonly toolSpec?: string;
}

const FOLDERS = ['procedures/tables', 'dataflow', 'sections', 'src/transforms', 'tests/sections', 'acceptance/data', 'acceptance/baseline', 'acceptance/results'];
const EXAMPLE_ID = 'dbo.usp_ExampleDailyTotals/01-daily-store-total';

/** The tool's own package.json: its version and the dev tool versions a workspace should use. */
function readToolPackage(): { version: string; devDependencies: Record<string, string> } {
  // two levels up from src/sections/ (tests) and from dist/sections/ (installed package) alike
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
}

/** The config file `init` writes. */
export function renderConfig(library: string | undefined): string {
  return `# tsql-migrate workspace settings (every key is optional; these are the defaults).
defaultSchema: dbo
paths:
  procedures: procedures        # legacy .sql, read-only input
  dataflow: dataflow            # generated diagrams (migrate analyze)
  sections: sections            # <schema>.<proc>/<nn>-<slug>.feature specs
  transforms: src/transforms    # the re-implemented sections
  tests: tests/sections         # generated section tests
  acceptance: acceptance        # configs, data, baselines; results/ feeds migrate status
duckdb:
  memoryLimit: 3GB
# legacy:
#   compatibilityLevel: 130     # the legacy database's (sys.databases): the emulator refuses what depends on it without it
#   language: us_english        # the legacy login's (SELECT @@LANGUAGE): us_english (default) or british
${library ? `# where generated code imports tsql-migrate from\nlibrary: ${library}\n` : '# library: tsql-migrate   # where generated code imports tsql-migrate from (<library>/engine)\n'}`;
}

/**
 * The workspace's package.json: the tool as a dependency, the test tools at the versions the
 * tool itself is tested with, and the scripts a team runs (`test`, `accept`, `status`, `gate`).
 */
export function renderWorkspacePackage(name: string, toolSpec: string): string {
  const tool = readToolPackage();
  const dev = ['@swc/core', '@swc/jest', '@types/jest', '@types/node', 'jest', 'typescript'];
  const pkg = {
    name: name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'migration-workspace',
    version: '0.0.0',
    private: true,
    description: 'Legacy T-SQL procedures migrated with tsql-migrate',
    scripts: {
      test: 'tsc --noEmit && jest',
      'test:sections': 'migrate test',
      accept: 'migrate run --baselines acceptance/baseline --data acceptance/data --out acceptance/actual --format csv && migrate accept acceptance/ --record acceptance/results',
      status: 'migrate status',
      gate: 'sh ci/gate.sh',
    },
    dependencies: { 'tsql-migrate': toolSpec },
    devDependencies: Object.fromEntries(dev.map((d) => [d, tool.devDependencies[d] ?? '*'])),
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The default dependency spec: the version of the running tool (from the registry once published). */
export function defaultToolSpec(): string {
  return `^${readToolPackage().version}`;
}

/**
 * Scaffolds a migration workspace in `dir`: the folders of the workflow, a config file, the
 * project files (package.json, tsconfig, jest config, .gitignore, README) and a worked example
 * that passes: a procedure, its tables, its sections, the implemented transform and its test,
 * input data and the legacy baseline. Never overwrites: existing files are kept and reported.
 */
export function initWorkspace(dir: string, options: InitOptions = {}): InitResult {
  const created: string[] = [];
  const kept: string[] = [];
  for (const f of FOLDERS) {
    const p = join(dir, f);
    if (existsSync(p)) kept.push(`${f}/`);
    else { mkdirSync(p, { recursive: true }); created.push(`${f}/`); }
  }
  const write = (rel: string, text: () => string): void => {
    const p = join(dir, rel);
    if (existsSync(p) || (rel === 'migrate.config.yaml' && ['migrate.config.yml', 'migrate.config.json'].some((c) => existsSync(join(dir, c))))) kept.push(rel);
    else { writeFileAtomic(p, text()); created.push(rel); }
  };
  write('migrate.config.yaml', () => renderConfig(options.library));
  let toolSpec = options.toolSpec ?? defaultToolSpec();
  if (/\.(tgz|tar\.gz)$/.test(toolSpec) && existsSync(toolSpec)) {
    // a tarball outside the workspace would not exist on a CI agent: keep a copy in the repo
    const rel = `vendor/${basename(toolSpec)}`;
    if (existsSync(join(dir, rel))) kept.push(rel);
    else { mkdirSync(join(dir, 'vendor'), { recursive: true }); copyFileSync(toolSpec, join(dir, rel)); created.push(rel); }
    toolSpec = `file:${rel}`;
  }
  write('package.json', () => renderWorkspacePackage(basename(dir), toolSpec));
  const gaps = kept.includes('package.json') ? packageGapsOf(readFileSync(join(dir, 'package.json'), 'utf8'), renderWorkspacePackage(basename(dir), toolSpec)) : undefined;
  const config = loadWorkspaceConfig(dir);
  const paths = sectionPaths(dir, EXAMPLE_ID);
  const rel = (p: string): string => p.slice(dir.length + 1).split('\\').join('/');
  const files: [string, () => string][] = [
    ['tsconfig.json', () => TSCONFIG],
    ['jest.config.js', () => JEST_CONFIG],
    ['.gitignore', () => GITIGNORE],
    ['README.md', () => WORKSPACE_README],
    ['procedures/tables/example-tables.sql', () => EXAMPLE_TABLES],
    ['procedures/dbo.usp_ExampleDailyTotals.sql', () => EXAMPLE_PROC],
    ['sections/dbo.usp_ExampleDailyTotals/00-housekeeping.feature', () => EXAMPLE_HOUSEKEEPING],
    [rel(paths.feature), () => EXAMPLE_SECTION],
    [rel(paths.transform), () => renderExampleTransform(importSpecifiers(config, paths.transform).engine)],
    [rel(paths.test), () => renderSectionTest({
      id: EXAMPLE_ID, title: 'Sales total per store and day', procedure: 'dbo.usp_ExampleDailyTotals', lines: '6-11',
      inputs: [], output: { name: 'dbo.DailyStoreTotal', columns: [] }, params: [], entity: 'StoreId',
      engineImport: importSpecifiers(config, paths.test).engine, sectionsImport: importSpecifiers(config, paths.test).sections,
      transformFromTest: moduleSpecifier(paths.test, paths.transform),
      rootFromTest: moduleSpecifier(paths.test, join(dir, 'x')).replace(/\/x$/, ''),
    })],
    ['acceptance/data/dbo.Sale.csv', () => EXAMPLE_SALES_CSV],
    ['acceptance/baseline/dbo.usp_ExampleDailyTotals/dbo.DailyStoreTotal.csv', () => EXAMPLE_BASELINE_CSV],
    ['acceptance/baseline/dbo.usp_ExampleDailyTotals/manifest.json', () => EXAMPLE_BASELINE_MANIFEST],
    // as `accept --write-config` writes it, stamped: writing the configs again replaces it until someone edits it
    ['acceptance/dbo.usp_ExampleDailyTotals.yaml', () => renderGenerated(EXAMPLE_ACCEPTANCE)],
  ];
  for (const [p, text] of files) write(p, text);
  return { created, kept, ...(gaps !== undefined ? { packageGaps: gaps } : {}) };
}

/** The packages (in any dependency field) and scripts of `wanted` that the package.json text `existing` lacks. */
function packageGapsOf(existing: string, wanted: string): InitResult['packageGaps'] {
  type Package = { scripts?: Record<string, string>; dependencies?: Record<string, string>; devDependencies?: Record<string, string>; peerDependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  let have: Package;
  try {
    have = JSON.parse(existing.replace(/^\uFEFF/, '')) as Package;
  } catch {
    return undefined;
  }
  if (have === null || typeof have !== 'object') return undefined;
  const want = JSON.parse(wanted) as Package;
  const installed = new Set([have.dependencies, have.devDependencies, have.peerDependencies, have.optionalDependencies].flatMap((d) => Object.keys(d ?? {})));
  const packages = Object.fromEntries(Object.entries({ ...want.dependencies, ...want.devDependencies }).filter(([name]) => !installed.has(name)));
  // the team's own `test` stays theirs: the workspace's runs as `test:migration` beside it
  const scripts = Object.fromEntries(Object.entries(want.scripts ?? {}).filter(([name, command]) => have.scripts?.[name] !== command)
    .map(([name, command]) => [name === 'test' && have.scripts?.test !== undefined ? 'test:migration' : name, command] as const)
    .filter(([name]) => have.scripts?.[name] === undefined));
  return Object.keys(packages).length === 0 && Object.keys(scripts).length === 0 ? undefined : { packages, scripts };
}
