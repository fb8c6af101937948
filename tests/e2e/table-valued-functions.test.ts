import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { validateMermaid } from '../../src/render';

// A billing run over a fee function: the view the report reads selects from an inline
// table-valued function, the posting procedure fills #Fee from it (joined to a multi-statement
// one) and hands the rows to another procedure through a table-typed variable.
const SCHEMA = `CREATE TABLE [Billing].[Fee Schedule] ([Fee Id] int NOT NULL PRIMARY KEY, [Account No] varchar(20) NOT NULL, [Fee Amount] decimal(12, 2) NOT NULL, [Valid From] date NOT NULL, [Valid To] date NULL)
GO
CREATE TABLE [Billing].[Account] ([Account No] varchar(20) NOT NULL PRIMARY KEY, [Region Code] char(3) NOT NULL)
GO
CREATE TABLE [Billing].[Fee Posting] ([Account No] varchar(20) NOT NULL, [Amount] decimal(12, 2) NOT NULL, [Region Code] char(3) NULL)
GO
CREATE TYPE [Billing].[Fee Line Type] AS TABLE ([Account No] varchar(20) NOT NULL, [Amount] decimal(12, 2) NOT NULL)
GO
`;

const FUNCTIONS = `CREATE FUNCTION [Billing].[fn Fees For] (@AsOf date)
RETURNS TABLE
AS
RETURN
(
    SELECT fs.[Account No], fs.[Fee Amount] AS [Fee], a.[Region Code], fs.[Fee Amount] * 2 AS [Double Fee]
    FROM [Billing].[Fee Schedule] AS fs
    JOIN [Billing].[Account] AS a ON a.[Account No] = fs.[Account No]
    WHERE fs.[Valid From] <= @AsOf AND (fs.[Valid To] IS NULL OR fs.[Valid To] > @AsOf)
);
GO
CREATE FUNCTION [Billing].[fn Open Accounts] ()
RETURNS @Open TABLE ([Account No] varchar(20) NOT NULL, [Region Code] char(3) NULL)
AS
BEGIN
    INSERT @Open ([Account No], [Region Code]) SELECT [Account No], [Region Code] FROM [Billing].[Account];
    RETURN;
END
GO
CREATE VIEW [Billing].[Current Fees]
AS
SELECT f.[Account No], f.[Fee], f.[Region Code], f.[Double Fee]
FROM [Billing].[fn Fees For](CAST('2024-01-31' AS date)) AS f;
GO
`;

const PROCEDURES = `CREATE PROCEDURE [Billing].[usp Apply Fees] @Rows [Billing].[Fee Line Type] READONLY
AS
BEGIN
    INSERT [Billing].[Fee Posting] ([Account No], [Amount]) SELECT r.[Account No], r.[Amount] FROM @Rows AS r;
END
GO
CREATE PROCEDURE [Billing].[usp Post Fees] @AsOf date
AS
BEGIN
    SET NOCOUNT ON;
    CREATE TABLE #Fee ([Account No] varchar(20) NOT NULL, [Fee] decimal(12, 2) NOT NULL);

    INSERT #Fee ([Account No], [Fee])
    SELECT f.[Account No], f.[Fee]
    FROM [Billing].[fn Fees For](@AsOf) AS f
    CROSS APPLY [Billing].[fn Open Accounts]() AS o
    WHERE o.[Account No] = f.[Account No];

    DECLARE @Lines [Billing].[Fee Line Type];
    INSERT @Lines ([Account No], [Amount]) SELECT [Account No], [Fee] FROM #Fee;

    EXEC [Billing].[usp Apply Fees] @Rows = @Lines;
END
GO
CREATE PROCEDURE [Billing].[usp Post Current Fees]
AS
BEGIN
    INSERT [Billing].[Fee Posting] ([Account No], [Amount], [Region Code])
    SELECT c.[Account No], c.[Double Fee], c.[Region Code] FROM [Billing].[Current Fees] AS c WHERE c.[Fee] > 0;
END
GO
`;

describe('table-valued functions and table-typed variables in the data flow', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'tvf-graph-'));
    await scriptWorkspace(ws, { '01-schema.sql': SCHEMA, '02-functions.sql': FUNCTIONS, '03-procedures.sql': PROCEDURES });
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('proposes the view over an inline function with the types of the columns the function reads', async () => {
    const run = await runMigrate(['sections', 'propose', 'Billing.usp Post Current Fees', '--root', ws]);
    expect(run.code).toBe(0);
    const dir = join(ws, 'sections', 'Billing.usp_Post_Current_Fees');
    const feature = readdirSync(dir).filter((f) => f.endsWith('.feature')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    // the view's header: each column typed as the function's SELECT gives it (a view's columns
    // are nullable; decimal(12,2) * 2, the integer constant as decimal of its digits, decimal(1,0),
    // as SQL Server types it beside a decimal (1.0 / 3 is 0.333333) and the emulator reads it,
    // is decimal(12+1+1, 2+0)); before, all four were text?
    const header = /Given table Billing\.\[Current Fees\]:\n\s*\|([^\n]*)\|/.exec(feature)?.[1] ?? '';
    expect(header.split('|').map((c) => c.trim()).sort()).toEqual(['Fee:decimal(12,2)?', '[Account No]:text?', '[Double Fee]:decimal(14,2)?', '[Region Code]:text?']);
    const check = await runMigrate(['sections', 'check', 'Billing.usp Post Current Fees', '--root', ws, '--json']);
    expect(JSON.parse(check.out).problems.filter((p: { code: string }) => p.code !== 'SPEC_TODO')).toEqual([]);
  }, 60_000);

  it('draws the functions, the tables they read, and the rows a table-typed variable passes to EXEC', async () => {
    const out = join(ws, 'analysis');
    const run = await runMigrate(['analyze', join(ws, 'procedures'), '--out', out, '--json']);
    expect(run.code).toBe(0);
    const post = JSON.parse(run.out).objectsDetail.find((o: { name: string }) => o.name === 'billing.usp post fees');
    // functions are not tables in the contract; the table-typed variable is a table variable
    expect(post).toMatchObject({ reads: [], writes: [], temps: ['#fee', '@lines'], calls: ['billing.usp apply fees'] });
    const graph = JSON.parse(readFileSync(join(out, 'billing.usp post fees.json'), 'utf8'));
    const fees = graph.nodes.find((n: { id: string }) => n.id === 'fn_billing_fn_fees_for');
    expect(fees).toMatchObject({ kind: 'function', functionType: 'inline', columns: ['account no', 'fee', 'region code', 'double fee'], reads: [{ name: 'billing.fee schedule', label: 'Billing.Fee Schedule' }, { name: 'billing.account', label: 'Billing.Account' }] });
    expect(graph.nodes.find((n: { id: string }) => n.id === 'tv_lines')).toMatchObject({ kind: 'table-variable', columns: ['account no', 'amount'] });
    expect(graph.nodes.some((n: { name: string; kind: string }) => n.name === '@lines' && n.kind === 'variable')).toBe(false);
    expect(graph.lineage).toContainEqual({ target: { node: 'tmp_fee', column: 'fee' }, sources: [{ node: 'fn_billing_fn_fees_for', column: 'fee' }], transform: 'copy', via: ['s3'] });
    const exec = graph.steps.find((s: { kind: string }) => s.kind === 'exec');
    expect(exec.reads).toEqual([{ node: 'tv_lines', columns: [] }]);
    const md = readFileSync(join(out, 'billing.usp post fees.md'), 'utf8');
    expect(md).toContain('n_fn_billing_fn_fees_for -->|"s3"| n_tmp_fee');
    expect(md).toContain('n_fnsrc_billing_fee_schedule -->|"read by Billing.fn Fees For"| n_fn_billing_fn_fees_for');
    expect(md).toContain('n_tv_lines -->|"s6"| n_proc_billing_usp_apply_fees');
    for (const [, diagram] of md.matchAll(/```mermaid\n([\s\S]*?)```/g)) expect(await validateMermaid(diagram as string)).toEqual({ ok: true });
  }, 120_000);

  it('gives the same report on worker threads as on one thread (the functions and table types cross threads)', () => {
    // the built CLI, as the worker threads load it
    const analyze = (threads: string, out: string): string => spawnSync(process.execPath, [join(__dirname, '../../bin/migrate.js'), 'analyze', 'procedures', '--out', out, '--json'], {
      cwd: ws, encoding: 'utf8', env: { ...process.env, TSQL_MIGRATE_ANALYZE_THREADS: threads },
    }).stdout;
    const one = analyze('0', 'one');
    expect(one).toContain('"@lines"');
    expect(analyze('2', 'many')).toBe(one);
    for (const f of readdirSync(join(ws, 'one')).filter((x) => x.endsWith('.json'))) {
      expect(readFileSync(join(ws, 'many', f), 'utf8')).toBe(readFileSync(join(ws, 'one', f), 'utf8'));
    }
  }, 120_000);
});
