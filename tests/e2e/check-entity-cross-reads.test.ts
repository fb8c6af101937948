import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A quota report per region: the count of individual contributors (reps who manage nobody, an
// uncorrelated NOT IN over every rep's [Manager Id]) and, per rep, the orders an inline function
// credits to the rep, split orders of other reps included. Tagged by hand with the entity the
// data is cut by, each section is recorded one entity at a time: record --from-data names the
// reads across entities, and `sections check` fails the same sections at their @entity tag, so
// the two never disagree. A count over a function passed the rep that reads that rep's rows only
// is per entity, and check passes its section.
const SQL = `CREATE TABLE dbo.[Sales Rep] ([Rep Id] int NOT NULL PRIMARY KEY, [Region Name] varchar(30) NOT NULL, [Manager Id] int NULL)
GO
CREATE TABLE dbo.[Sales Order] ([Order Id] int NOT NULL PRIMARY KEY, [Rep Id] int NOT NULL, [Split Rep Id] int NULL, Amount decimal(12,2) NOT NULL)
GO
CREATE TABLE dbo.[Region IC] ([Region Name] varchar(30) NOT NULL, [IC Count] int NOT NULL)
GO
CREATE TABLE dbo.[Rep Orders] ([Rep Id] int NOT NULL, [Order Count] int NOT NULL, [Order Sum] decimal(38,2) NULL)
GO
CREATE FUNCTION dbo.tvf_CreditedOrders (@RepId int)
RETURNS TABLE
AS
RETURN (SELECT o.[Order Id], o.Amount FROM dbo.[Sales Order] o WHERE o.[Rep Id] = @RepId OR o.[Split Rep Id] = @RepId)
GO
CREATE FUNCTION dbo.tvf_OwnOrders (@RepId int)
RETURNS TABLE
AS
RETURN (SELECT o.[Order Id], o.Amount FROM dbo.[Sales Order] o WHERE o.[Rep Id] = @RepId)
GO
CREATE PROCEDURE dbo.usp_RegionQuota
AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.[Region IC] ([Region Name], [IC Count])
    SELECT r.[Region Name], COUNT(*)
      FROM dbo.[Sales Rep] r
     WHERE r.[Rep Id] NOT IN (SELECT m.[Manager Id] FROM dbo.[Sales Rep] m WHERE m.[Manager Id] IS NOT NULL)
     GROUP BY r.[Region Name]

    INSERT INTO dbo.[Rep Orders] ([Rep Id], [Order Count], [Order Sum])
    SELECT r.[Rep Id], x.[Order Count], x.[Order Sum]
      FROM dbo.[Sales Rep] r
     CROSS APPLY (SELECT COUNT(*) AS [Order Count], SUM(t.Amount) AS [Order Sum] FROM dbo.tvf_CreditedOrders(r.[Rep Id]) t) x
END
GO
CREATE PROCEDURE dbo.usp_RepOwnOrders
AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.[Rep Orders] ([Rep Id], [Order Count], [Order Sum])
    SELECT r.[Rep Id], x.[Order Count], x.[Order Sum]
      FROM dbo.[Sales Rep] r
     CROSS APPLY (SELECT COUNT(*) AS [Order Count], SUM(t.Amount) AS [Order Sum] FROM dbo.tvf_OwnOrders(r.[Rep Id]) t) x
END
GO
`;

const DATA: Readonly<Record<string, string>> = {
  'dbo.Sales Rep': 'Rep Id,Region Name,Manager Id\n1,East,3\n2,West,3\n3,East,\n',
  'dbo.Sales Order': 'Order Id,Rep Id,Split Rep Id,Amount\n101,1,,100.00\n102,2,1,50.00\n',
  'dbo.Region IC': 'Region Name,IC Count\n',
  'dbo.Rep Orders': 'Rep Id,Order Count,Order Sum\n',
};

describe('sections check and record --from-data agree on an @entity section that reads across entities', () => {
  let ws: string;
  const feature = (proc: string, n: string): string => join(ws, 'sections', proc, n);
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'check-cross-entity-'));
    await scriptWorkspace(ws, { 'quota.sql': SQL });
    mkdirSync(join(ws, 'data'));
    // rep 3 manages reps of both regions; order 102 of rep 2 is split with rep 1
    for (const [table, rows] of Object.entries(DATA)) writeFileSync(join(ws, 'data', `${table}.csv`), rows);
    for (const proc of ['dbo.usp_RegionQuota', 'dbo.usp_RepOwnOrders']) expect((await runMigrate(['sections', 'propose', proc, '--root', ws])).code).toBe(0);
    // the person tags each section with the entity the data is cut by
    const tag = (file: string, entity: string): void => { const text = readFileSync(file, 'utf8'); writeFileSync(file, text.replace(/^(@proc:[^\n]*?)( @entity:\S+)?\n/, `$1 ${entity}\n`)); };
    tag(feature('dbo.usp_RegionQuota', '01-region-ic.feature'), '@entity:[Region%20Name]');
    tag(feature('dbo.usp_RegionQuota', '02-rep-orders.feature'), '@entity:[Rep%20Id]');
    tag(feature('dbo.usp_RepOwnOrders', '01-rep-orders.feature'), '@entity:[Rep%20Id]');
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('names the uncorrelated NOT IN and the function reading split orders, in record and in check', async () => {
    const ic = await runMigrate(['sections', 'record', 'dbo.usp_RegionQuota/01-region-ic', '--root', ws, '--from-data', join(ws, 'data'), '--json']);
    expect(ic.code).toBe(0);
    expect((JSON.parse(ic.out) as { crossEntity: string[] }).crossEntity).toEqual([expect.stringMatching(/^NOT IN \(SELECT … FROM dbo\.\[Sales Rep\]\) over rows of every Region Name at .*quota\.sql:26:12$/)]);
    const orders = await runMigrate(['sections', 'record', 'dbo.usp_RegionQuota/02-rep-orders', '--root', ws, '--from-data', join(ws, 'data'), '--json']);
    expect(orders.code).toBe(0);
    expect((JSON.parse(orders.out) as { crossEntity: string[] }).crossEntity).toEqual([expect.stringMatching(/^dbo\.tvf_CreditedOrders\(…\) reads rows of other Rep Id values \(its WHERE at .*quota\.sql:12 does not keep Rep Id = @RepId\) at .*quota\.sql:32:87$/)]);

    const check = await runMigrate(['sections', 'check', '--root', ws, '--json']);
    expect(check.code).toBe(1);
    const problems = (JSON.parse(check.out) as { problems: { file: string; line: number; code: string; message: string }[] }).problems.filter((p) => p.code === 'SECTIONS_ENTITY_CROSS_READS');
    expect(problems.map((p) => [p.file, p.line])).toEqual([['sections/dbo.usp_RegionQuota/01-region-ic.feature', 1], ['sections/dbo.usp_RegionQuota/02-rep-orders.feature', 1]]);
    expect(problems[0]?.message).toBe('@entity:[Region%20Name]: the section combines rows of several [Region Name] values into its output rows, so they are not computed per [Region Name]: NOT IN (SELECT … FROM dbo.[Sales Rep]) over rows of every Region Name at procedures/quota.sql:26:12');
    expect(problems[1]?.message).toContain('dbo.tvf_CreditedOrders(…) reads rows of other Rep Id values (its WHERE at procedures/quota.sql:12 does not keep Rep Id = @RepId) at procedures/quota.sql:32:87');
  }, 120_000);

  it('passes a count over a function passed the rep that reads that rep\'s rows only', async () => {
    const own = await runMigrate(['sections', 'record', 'dbo.usp_RepOwnOrders/01-rep-orders', '--root', ws, '--from-data', join(ws, 'data'), '--json']);
    expect(own.code).toBe(0);
    expect((JSON.parse(own.out) as { crossEntity: string[] }).crossEntity).toEqual([]);
    const check = await runMigrate(['sections', 'check', 'dbo.usp_RepOwnOrders', '--root', ws, '--json']);
    expect(check.code).toBe(0);
  }, 120_000);
});
