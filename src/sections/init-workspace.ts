import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../core';

/** What `init` did with each path. */
export interface InitResult {
  readonly created: readonly string[];
  readonly kept: readonly string[];
}

const FOLDERS = ['procedures/tables', 'dataflow', 'sections', 'src/transforms', 'tests/sections', 'acceptance/data', 'acceptance/results'];

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
${library ? `# where generated code imports tsql-migrate from\nlibrary: ${library}\n` : '# library: tsql-migrate/dist   # where generated code imports tsql-migrate from\n'}`;
}

const EXAMPLE_TABLES = `CREATE TABLE dbo.Sale
(
    SaleId      int           NOT NULL PRIMARY KEY,
    StoreId     int           NOT NULL,
    SoldAt      datetime      NOT NULL,
    Amount      decimal(10,2) NULL
)
GO
CREATE TABLE dbo.DailyStoreTotal
(
    StoreId     int           NOT NULL,
    SaleDate    date          NOT NULL,
    Total       decimal(12,2) NOT NULL
)
GO
`;

const EXAMPLE_PROC = `CREATE PROCEDURE dbo.usp_ExampleDailyTotals
AS
BEGIN
    SET NOCOUNT ON;

    DELETE FROM dbo.DailyStoreTotal;

    INSERT INTO dbo.DailyStoreTotal (StoreId, SaleDate, Total)
    SELECT s.StoreId, CONVERT(date, s.SoldAt), ISNULL(SUM(s.Amount), 0)
    FROM   dbo.Sale s
    GROUP BY s.StoreId, CONVERT(date, s.SoldAt);
END
GO
`;

const EXAMPLE_HOUSEKEEPING = `@proc:dbo.usp_ExampleDailyTotals @lines:4 @ignored
Feature: Housekeeping of usp_ExampleDailyTotals
  SET NOCOUNT ON: nothing a business table depends on.
`;

const EXAMPLE_SECTION = `@proc:dbo.usp_ExampleDailyTotals @lines:6-11 @output:dbo.DailyStoreTotal @entity:StoreId
Feature: Sales total per store and day
  An example section: the table is rebuilt with one row per store and day; SUM ignores NULL
  amounts, and a day whose amounts are all NULL totals 0 (ISNULL).

  Scenario: two stores, a NULL amount, a day of NULLs
    Given table dbo.Sale:
      | StoreId:int | SoldAt:timestamp | Amount:decimal(10,2)? |
      | 1           | 2024-01-01 09:00 | 10.50                 |
      | 1           | 2024-01-01 17:30 | NULL                  |
      | 2           | 2024-01-02 12:00 | NULL                  |
    When the section runs
    Then table dbo.DailyStoreTotal keyed by StoreId,SaleDate:
      | StoreId:int | SaleDate:date | Total:decimal(12,2) |
      | 1           | 2024-01-01    | 10.50               |
      | 2           | 2024-01-02    | 0.00                |
`;

// Section tests are jest + @swc/jest; @cucumber/gherkin is ESM-only, so it is transformed too.
const JEST_CONFIG = `// Section tests (tests/sections/**) run with jest; install: npm i -D jest @swc/jest @swc/core typescript
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/tests/**/*.test.ts'],
  transform: { '^.+\\\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: ['/node_modules/(?!(@cucumber)/)'],
};
`;

const GITIGNORE = `node_modules/
# last section-test results, read by \`migrate status\`
.migrate-cache/
`;

/**
 * Scaffolds a migration workspace in `dir`: the folders of the workflow, a config file and a
 * small worked example (a procedure, its tables and its two sections, ready for
 * \`migrate scaffold\`). Never overwrites: existing files are kept and reported.
 */
export function initWorkspace(dir: string, options: { library?: string } = {}): InitResult {
  const created: string[] = [];
  const kept: string[] = [];
  for (const f of FOLDERS) {
    const p = join(dir, f);
    if (existsSync(p)) kept.push(`${f}/`);
    else { mkdirSync(p, { recursive: true }); created.push(`${f}/`); }
  }
  const files: [string, string][] = [
    ['migrate.config.yaml', renderConfig(options.library)],
    ['procedures/tables/example-tables.sql', EXAMPLE_TABLES],
    ['procedures/dbo.usp_ExampleDailyTotals.sql', EXAMPLE_PROC],
    ['sections/dbo.usp_ExampleDailyTotals/00-housekeeping.feature', EXAMPLE_HOUSEKEEPING],
    ['sections/dbo.usp_ExampleDailyTotals/01-daily-store-total.feature', EXAMPLE_SECTION],
    ['jest.config.js', JEST_CONFIG],
    ['.gitignore', GITIGNORE],
  ];
  for (const [rel, text] of files) {
    const p = join(dir, rel);
    if (existsSync(p) || (rel === 'migrate.config.yaml' && ['migrate.config.yml', 'migrate.config.json'].some((c) => existsSync(join(dir, c))))) kept.push(rel);
    else { writeFileAtomic(p, text); created.push(rel); }
  }
  return { created, kept };
}
