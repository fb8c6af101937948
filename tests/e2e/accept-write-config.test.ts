import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

/*
 * `migrate accept --write-config` writes the acceptance config the gate runs, from the captured
 * baseline's manifest and the procedure's sections: from capture to a 100% accept with no YAML
 * typed by hand, names with spaces kept, a log table no section writes left out with a comment.
 */
const SCRIPT = `CREATE TABLE dbo.Sales (Id int NOT NULL PRIMARY KEY, Region nvarchar(20) NOT NULL, Amount decimal(10,2) NOT NULL);
GO
CREATE TABLE [Report Ops].[Big Sale] ([Sale Id] int NOT NULL PRIMARY KEY, Amount decimal(10,2) NOT NULL);
GO
CREATE TABLE dbo.RunLog (Id int IDENTITY PRIMARY KEY, Msg nvarchar(100) NOT NULL);
GO
CREATE PROCEDURE [Report Ops].[usp Big Sales] @Min decimal(10,2) AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO dbo.RunLog (Msg) VALUES (N'start');
  DELETE FROM [Report Ops].[Big Sale];
  INSERT INTO [Report Ops].[Big Sale] ([Sale Id], Amount) SELECT Id, Amount FROM dbo.Sales WHERE Amount >= @Min;
  SELECT Region, SUM(Amount) AS Total FROM dbo.Sales GROUP BY Region;
END
GO
`;

describe('migrate accept --write-config', () => {
  it('writes the config from the capture and the sections, and the pipeline passes it at 100%', async () => {
    await inTempDir('accept-write-config-', async (ws) => {
      await scriptWorkspace(ws, { 'p.sql': SCRIPT });
      expect((await runMigrate(['sections', 'propose', '--all', '--root', ws])).code).toBe(0);
      expect((await runMigrate(['scaffold', '--all', '--draft', '--root', ws])).code).toBe(0);
      const data = join(ws, 'acceptance/data');
      mkdirSync(data, { recursive: true });
      writeFileSync(join(data, 'dbo.Sales.csv'), 'Id,Region,Amount\n1,North,10.50\n2,North,1.25\n3,South,7.00\n');
      writeFileSync(join(data, 'dbo.RunLog.csv'), 'Id,Msg\n');
      const proc = '[Report Ops].[usp Big Sales]';
      const capture = await runMigrate(['capture', proc, '--data', data, '--param', 'Min=5', '--procedures', join(ws, 'procedures'), '--out', join(ws, 'acceptance/baseline/Report Ops.usp Big Sales')]);
      expect(capture.code).toBe(0);

      const write = await runMigrate(['accept', '--write-config', '--root', ws]);
      expect(write.code).toBe(0);
      expect(write.out).toContain('created acceptance/Report Ops.usp Big Sales.yaml');
      const config = readFileSync(join(ws, 'acceptance/Report Ops.usp Big Sales.yaml'), 'utf8');
      expect(config).toContain('#   dbo.RunLog (1 row): no section outputs it');
      expect(config).toContain([
        '  - name: Report Ops.Big Sale',
        '    expected: baseline/Report Ops.usp Big Sales/Report Ops.Big Sale.csv',
        '    actual: actual/Report Ops.usp Big Sales/Report Ops.Big Sale.csv',
        '    key: [Sale Id]',
      ].join('\n'));
      expect(config).toMatch(/ {2}- name: result set 1 \(Report_Ops\.usp_Big_Sales\/\d\d-[\w-]+\)\n {4}expected: baseline\/Report Ops\.usp Big Sales\/result-set-1\.csv\n {4}actual: actual\/Report Ops\.usp Big Sales\/result\.csv\n/);

      const run = await runMigrate(['run', '--baselines', join(ws, 'acceptance/baseline'), '--data', data, '--out', join(ws, 'acceptance/actual'), '--format', 'csv', '--root', ws]);
      expect(run.code).toBe(0);
      const accept = await runMigrate(['accept', join(ws, 'acceptance') + '/', '--json']);
      expect(accept.err).toBe('');
      expect(accept.code).toBe(0);
      expect((JSON.parse(accept.out) as { tables: { name: string; result: { percentMatched: number } }[] }).tables.map((t) => [t.name, t.result.percentMatched])).toEqual([
        ['Report Ops.Big Sale', 100], [expect.stringMatching(/^result set 1/), 100],
      ]);

      // written again: unchanged; edited by hand: kept
      expect((await runMigrate(['accept', '--write-config', proc, '--root', ws])).out).toContain('unchanged acceptance/Report Ops.usp Big Sales.yaml');
      // the procedure by its specs' folder name, as every command takes it; a baseline folder named so too
      expect((await runMigrate(['accept', '--write-config', 'Report_Ops.usp_Big_Sales', '--root', ws])).out).toContain('unchanged acceptance/Report Ops.usp Big Sales.yaml');
      cpSync(join(ws, 'acceptance/baseline/Report Ops.usp Big Sales'), join(ws, 'acceptance/baseline/Report_Ops.usp_Big_Sales'), { recursive: true });
      expect((await runMigrate(['accept', '--write-config', 'Report_Ops.usp_Big_Sales', '--root', ws])).out).toContain('created acceptance/Report_Ops.usp_Big_Sales.yaml');
      // a baseline folder of another name (`--out acceptance/baseline/big-sales`): its manifest names the procedure, whose sections pair its outputs
      cpSync(join(ws, 'acceptance/baseline/Report Ops.usp Big Sales'), join(ws, 'acceptance/baseline/big-sales'), { recursive: true });
      expect((await runMigrate(['accept', '--write-config', proc, '--root', ws])).out).toContain('created acceptance/big-sales.yaml');
      expect(readFileSync(join(ws, 'acceptance/big-sales.yaml'), 'utf8')).toContain('    expected: baseline/big-sales/Report Ops.Big Sale.csv');
      writeFileSync(join(ws, 'acceptance/Report Ops.usp Big Sales.yaml'), config.replace('threshold: 100', 'threshold: 99.5'));
      expect((await runMigrate(['accept', '--write-config', '--root', ws])).out).toContain('kept acceptance/Report Ops.usp Big Sales.yaml (edited by hand; --force replaces it)');
      expect((await runMigrate(['accept', '--write-config', 'dbo.usp_Nowhere', '--root', ws])).err).toContain('no captured baseline of dbo.usp_Nowhere under acceptance/baseline/');
    });
  });
});

/*
 * A dimension whose surrogate key is an identity numbered by INSERT … SELECT without ORDER BY:
 * SQL Server may give the rows their numbers in any order, so the capture lists the key as not
 * reproducible. Keyed by it, the config would pair rows by the emulator's pick and fail a correct
 * pipeline (or pass by agreeing with one arbitrary run): the key is left out and named.
 */
const DIMENSION = `CREATE TABLE stage.Customer (Code varchar(10) NOT NULL, [Customer Name] nvarchar(40) NOT NULL);
GO
CREATE TABLE dbo.[Dim Customer] ([Customer SK] int IDENTITY(1,1) NOT NULL PRIMARY KEY, Code varchar(10) NOT NULL, [Customer Name] nvarchar(40) NOT NULL);
GO
CREATE PROCEDURE etl.[usp Load Dim Customer] AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO dbo.[Dim Customer] (Code, [Customer Name])
  SELECT s.Code, s.[Customer Name] FROM stage.Customer AS s
  WHERE NOT EXISTS (SELECT 1 FROM dbo.[Dim Customer] AS d WHERE d.Code = s.Code);
END
GO
`;

describe('migrate accept --write-config over identity values SQL Server numbers in its own order', () => {
  it('leaves the not-reproducible key out, says so, and the pipeline passes on the other columns', async () => {
    await inTempDir('accept-write-config-identity-', async (ws) => {
      await scriptWorkspace(ws, { 'p.sql': DIMENSION });
      expect((await runMigrate(['sections', 'propose', '--all', '--root', ws])).code).toBe(0);
      expect((await runMigrate(['scaffold', '--all', '--draft', '--root', ws])).code).toBe(0);
      const data = join(ws, 'acceptance/data');
      mkdirSync(data, { recursive: true });
      writeFileSync(join(data, 'stage.Customer.csv'), 'Code,Customer Name\nC3,Cole\nC1,Adler\nC2,Brandt\n');
      writeFileSync(join(data, 'dbo.Dim Customer.csv'), 'Customer SK,Code,Customer Name\n');
      const capture = await runMigrate(['capture', 'etl.[usp Load Dim Customer]', '--data', data, '--procedures', join(ws, 'procedures'), '--out', join(ws, 'acceptance/baseline/etl.usp Load Dim Customer')]);
      expect(capture.code).toBe(0);
      expect(capture.out).toContain('not reproducible: dbo.Dim Customer.Customer SK');

      const write = await runMigrate(['accept', '--write-config', '--root', ws]);
      expect(write.code).toBe(0);
      expect(write.out).toMatch(/note dbo\.Dim Customer: not compared: Customer SK, which the capture lists as not reproducible/);
      const config = readFileSync(join(ws, 'acceptance/etl.usp Load Dim Customer.yaml'), 'utf8');
      expect(config).toContain('  # not keyed by Customer SK: Customer SK is not reproducible');
      expect(config).toContain([
        '  - name: dbo.Dim Customer',
        '    expected: baseline/etl.usp Load Dim Customer/dbo.Dim Customer.csv',
        '    actual: actual/etl.usp Load Dim Customer/dbo.Dim Customer.csv',
        '    ignore: [Customer SK]',
      ].join('\n'));

      // the draft stops where SQL Server's numbering is its plan's: the person numbers the new rows in an order of their choosing
      const transform = join(ws, 'src/transforms/etl.usp_Load_Dim_Customer/01-dim-customer.ts');
      const drafted = readFileSync(transform, 'utf8');
      // (it numbers them in no order, and stops where the output reads the number)
      const numbering = 'row_number() OVER () * (1)';
      const from = drafted.indexOf('(CASE WHEN (SELECT count(*) FROM s1_dbo_dim_customer_new) > 1 THEN error(');
      const to = drafted.indexOf(' AS "Customer SK",', from);
      expect([drafted.includes(numbering), from > 0, to > from, drafted.slice(from, to).includes('without ORDER BY, read later')]).toEqual([true, true, true, true]);
      writeFileSync(transform, `${drafted.slice(0, from)}o."Customer SK"${drafted.slice(to)}`.replace(numbering, 'row_number() OVER (ORDER BY n.Code DESC) * (1)'));
      const run = await runMigrate(['run', '--baselines', join(ws, 'acceptance/baseline'), '--data', data, '--out', join(ws, 'acceptance/actual'), '--format', 'csv', '--root', ws]);
      expect(run.code).toBe(0);
      const accept = await runMigrate(['accept', join(ws, 'acceptance') + '/', '--json']);
      expect(accept.code).toBe(0);
      // numbered in another order than the emulator's pick (Code descending), the rows still match on every other column
      expect((JSON.parse(accept.out) as { tables: { name: string; result: { records: number; percentMatched: number } }[] }).tables.map((t) => [t.name, t.result.records, t.result.percentMatched])).toEqual([
        ['dbo.Dim Customer', 3, 100],
      ]);
      expect(accept.err).toBe('');
    });
  });
});

describe('migrate accept --write-config over a table only a CATCH block writes', () => {
  // An import that redirects each bad row into a reject table from its CATCH: propose leaves the
  // CATCH in housekeeping, so no section outputs the rejects and acceptance never compares them.
  const IMPORT = `CREATE TABLE stg.Rate (Id int NOT NULL, [Rate Text] varchar(20) NULL);
GO
CREATE TABLE dbo.Rate (Id int NOT NULL PRIMARY KEY, Rate int NOT NULL);
GO
CREATE TABLE dbo.[Import Reject] (Id int NULL, [Error Number] int NULL);
GO
CREATE TABLE dbo.ImportLog (Msg varchar(50) NOT NULL);
GO
CREATE PROCEDURE dbo.usp_ImportRates AS
BEGIN
  DECLARE @Id int, @Txt varchar(20);
  DECLARE cur CURSOR LOCAL FAST_FORWARD FOR SELECT Id, [Rate Text] FROM stg.Rate ORDER BY Id;
  OPEN cur;
  FETCH NEXT FROM cur INTO @Id, @Txt;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    BEGIN TRY
      INSERT INTO dbo.Rate (Id, Rate) VALUES (@Id, CONVERT(int, @Txt));
    END TRY
    BEGIN CATCH
      INSERT INTO dbo.[Import Reject] (Id, [Error Number]) VALUES (@Id, ERROR_NUMBER());
    END CATCH
    FETCH NEXT FROM cur INTO @Id, @Txt;
  END
  CLOSE cur;
  DEALLOCATE cur;
  INSERT INTO dbo.ImportLog (Msg) VALUES ('done');
END
GO
`;
  it('names the rejects on the terminal, not the log', async () => {
    await inTempDir('accept-write-config-rejects-', async (ws) => {
      await scriptWorkspace(ws, { 'import.sql': IMPORT });
      expect((await runMigrate(['sections', 'propose', '--all', '--root', ws])).code).toBe(0);
      const data = join(ws, 'acceptance/data');
      mkdirSync(data, { recursive: true });
      writeFileSync(join(data, 'stg.Rate.csv'), 'Id,Rate Text\n1,12\n2,x9\n');
      writeFileSync(join(data, 'dbo.Rate.csv'), 'Id,Rate\n');
      writeFileSync(join(data, 'dbo.Import Reject.csv'), 'Id,Error Number\n');
      writeFileSync(join(data, 'dbo.ImportLog.csv'), 'Msg\n');
      const capture = await runMigrate(['capture', 'dbo.usp_ImportRates', '--data', data, '--procedures', join(ws, 'procedures'), '--out', join(ws, 'acceptance/baseline/dbo.usp_ImportRates')]);
      expect(capture.code).toBe(0);
      const write = await runMigrate(['accept', '--write-config', '--root', ws]);
      expect(write.code).toBe(0);
      expect(write.out).toContain('note dbo.Import Reject: not compared: the legacy run wrote 1 row of it and no section outputs it');
      expect(write.out).not.toContain('note dbo.ImportLog');
    });
  });
});
