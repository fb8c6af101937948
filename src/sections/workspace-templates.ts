// The files `migrate init` writes into a new migration workspace: a worked example (a legacy
// procedure, its tables, its two sections, the implemented transform, its test, input data and
// the legacy baseline captured from it) and the project files a team needs to run it.

/** The example procedure's table scripts. */
export const EXAMPLE_TABLES = `CREATE TABLE dbo.Sale
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
    Total       decimal(12,2) NOT NULL,
    CONSTRAINT PK_DailyStoreTotal PRIMARY KEY (StoreId, SaleDate)
)
GO
`;

/** The example legacy procedure. */
export const EXAMPLE_PROC = `CREATE PROCEDURE dbo.usp_ExampleDailyTotals
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

/** The example's housekeeping section. */
export const EXAMPLE_HOUSEKEEPING = `@proc:dbo.usp_ExampleDailyTotals @lines:4 @ignored
Feature: Housekeeping of usp_ExampleDailyTotals
  SET NOCOUNT ON: nothing a business table depends on.
`;

/** The example's one business section. */
export const EXAMPLE_SECTION = `@proc:dbo.usp_ExampleDailyTotals @lines:6-11 @output:dbo.DailyStoreTotal @entity:StoreId
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

/** The example section's transform, implemented (set-based, all stores at once). */
export function renderExampleTransform(engineImport: string): string {
  return `// Section dbo.usp_ExampleDailyTotals/01-daily-store-total: sales total per store and day
// Legacy: dbo.usp_ExampleDailyTotals, lines 6-11. Spec: sections/dbo.usp_ExampleDailyTotals/01-daily-store-total.feature
// The worked example of the workspace: change the SQL and \`npm test\` goes red, naming the scenario.
import { defineTransform, table } from '${engineImport}';

export const inputs = {
  'dbo.Sale': table({ StoreId: 'int', SoldAt: 'timestamp', Amount: 'decimal(10,2)?' }),
};

export const output = table({ StoreId: 'int', SaleDate: 'date', Total: 'decimal(12,2)' });

export default defineTransform({
  name: 'dbo.usp_ExampleDailyTotals/01-daily-store-total',
  inputs,
  outputName: 'dbo.DailyStoreTotal',
  output,
  entity: 'StoreId',
  // CONVERT(date, SoldAt) drops the time; ISNULL(SUM(Amount), 0): all-NULL days total 0.
  sql: ({ table }) => \`
    SELECT StoreId, CAST(SoldAt AS DATE) AS SaleDate, CAST(coalesce(sum(Amount), 0) AS DECIMAL(12,2)) AS Total
    FROM \${table('dbo.Sale')}
    GROUP BY StoreId, CAST(SoldAt AS DATE)\`,
});
`;
}

/** Input data of the example's acceptance test (what the legacy procedure was captured on). */
export const EXAMPLE_SALES_CSV = `SaleId,StoreId,SoldAt,Amount
1,1,2024-01-01 09:00:00,10.50
2,1,2024-01-01 17:30:00,
3,1,2024-01-02 08:15:00,4.25
4,2,2024-01-01 12:00:00,99.99
5,2,2024-01-02 12:00:00,
6,3,2024-01-02 23:59:59,0.01
`;

/** The example's acceptance config: new pipeline output against the captured legacy output. */
export const EXAMPLE_ACCEPTANCE = (stamp: string): string => `# Acceptance of the migrated dbo.usp_ExampleDailyTotals: the new pipeline's outputs (\`migrate run --baselines\`,
# written to actual/) against the legacy outputs captured in baseline/. Paths are relative to this file.
# Written by \`migrate accept --write-config\` (${stamp}); edit it freely: writing again keeps an edited file.
threshold: 100
tables:
  - name: dbo.DailyStoreTotal
    expected: baseline/dbo.usp_ExampleDailyTotals/dbo.DailyStoreTotal.csv
    actual: actual/dbo.usp_ExampleDailyTotals/dbo.DailyStoreTotal.csv
    key: [StoreId, SaleDate]
`;

/** Jest config: section tests with @swc/jest; ESM-only gherkin and the tool's dynamic imports are transformed to CommonJS. */
export const JEST_CONFIG = `// Section tests (tests/sections/**): \`npx jest --watch\` is the red -> green loop.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/tests/**/*.test.ts'],
  transform: { '^.+\\\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: ['/node_modules/(?!(@cucumber|tsql-migrate)/)'],
  testTimeout: 60000,
};
`;

/** tsconfig: type-checks transforms and tests against the tool's declarations (package exports). */
export const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2023"],
    "module": "node16",
    "moduleResolution": "node16",
    "strict": true,
    "esModuleInterop": true,
    "skipLibCheck": true,
    "types": ["node", "jest"],
    "noEmit": true
  },
  "include": ["src", "tests"]
}
`;

/** What a workspace keeps out of git. */
export const GITIGNORE = `node_modules/
# last section-test results, read by \`migrate status\`
.migrate-cache/
# outputs of the new pipeline, acceptance results and CI reports: regenerated on every run
acceptance/actual/
acceptance/results/
reports/
`;

/** The team README of a new workspace. */
export const WORKSPACE_README = `# Migration workspace

Legacy T-SQL stored procedures re-implemented as tested, typed, set-based code with
[tsql-migrate](https://www.npmjs.com/package/tsql-migrate). The worked example
(\`dbo.usp_ExampleDailyTotals\`) shows every step; delete it once your first procedure is in.

\`\`\`bash
npm install                 # the tool, jest, TypeScript
npm test                    # type-check + every section's scenarios (jest; \`npx jest --watch\` while you work)
npm run gate                # what CI runs: analyze --check, sections check, migrate test, run, accept
npm run status              # per procedure: covered, implemented, passing, accepted
\`\`\`

## The loop
1. Put the legacy procedures and their CREATE TABLE scripts in \`procedures/\`.
2. \`npx migrate analyze procedures/\` writes the data-flow diagrams to \`dataflow/\` (commit them:
   CI fails when they no longer match the procedures).
3. \`npx migrate sections propose <proc>\` (or \`--all\`) cuts a procedure into Given/When/Then
   sections in \`sections/\`; write the scenarios' rows; \`npx migrate sections check\`.
4. \`npx migrate scaffold <proc>/<nn>-<slug>\` (a procedure, or \`--all\`; \`--draft\` translates the legacy
   statements) writes the typed transform in \`src/transforms/\` and its test in \`tests/sections/\`:
   red until the transform is implemented.
5. \`npx migrate capture <proc> --data acceptance/data --out acceptance/baseline/<proc>\` keeps the
   legacy outputs (emulator, or SQL Server with \`--engine mssql\`); \`npx migrate accept
   --write-config <proc>\` writes \`acceptance/<proc>.yaml\` from it and the sections.
6. \`npm run accept\` runs the new pipeline on the same data and compares, record by record.

## CI
\`ci/gate.sh\` runs the gate locally; \`npx migrate ci azure|github|gitlab\` writes the same steps as a
pipeline that publishes the JUnit results, the Cobertura coverage of \`src/transforms\` and the
acceptance report, and posts \`migrate status --markdown\` as the run's summary.
`;

/** The legacy output `migrate capture` took from the example procedure on EXAMPLE_SALES_CSV. */
export const EXAMPLE_BASELINE_CSV = `StoreId,SaleDate,Total
1,2024-01-01,10.50
1,2024-01-02,4.25
2,2024-01-01,99.99
2,2024-01-02,0.00
3,2024-01-02,0.01
`;

/** The manifest of that capture. */
export const EXAMPLE_BASELINE_MANIFEST = `{
  "procedure": "dbo.usp_exampledailytotals",
  "displayName": "dbo.usp_ExampleDailyTotals",
  "engine": "emulator",
  "params": {},
  "clock": "2024-01-03 00:00:00",
  "format": "csv",
  "inputs": [
    {
      "table": "dbo.sale",
      "file": "dbo.Sale.csv"
    }
  ],
  "tables": [
    {
      "name": "dbo.dailystoretotal",
      "displayName": "dbo.DailyStoreTotal",
      "file": "dbo.DailyStoreTotal.csv",
      "rows": 5,
      "key": [
        "StoreId",
        "SaleDate"
      ]
    }
  ],
  "resultSets": [],
  "returnValue": 0,
  "messages": [],
  "seed": 0,
  "nonReproducible": [],
  "nonReproducibleCauses": [],
  "at": "2024-01-03T00:00:00.000Z"
}
`;
