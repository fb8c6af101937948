import { LegacyError } from '../../../../src/core';
import { parseScript } from '../../../../src/tsql';
import { resultRows, runBody, runSection } from './emulator-helpers';

// An input CSV stands for the table's rows: a column it leaves out holds values nobody gave,
// neither the column's DEFAULT nor NULL. Before, capture loaded the DEFAULT an upgrade script's
// ALTER TABLE … ADD … NOT NULL DEFAULT (0) gives and billed every line undiscounted, exit 0.

const TABLES = `CREATE TABLE dbo.Subscription (
    SubscriptionId int NOT NULL PRIMARY KEY,
    CustomerId int NOT NULL,
    Qty int NOT NULL,
    UnitPrice decimal(10,2) NOT NULL,
    EndDate date NULL,
    LineTotal AS (Qty * UnitPrice)
)
GO
ALTER TABLE dbo.Subscription ADD DiscountPct decimal(5,2) NOT NULL
    CONSTRAINT DF_Subscription_DiscountPct DEFAULT (0)
GO
CREATE TABLE dbo.BillingRun (RunNo int NOT NULL, CustomerId int NOT NULL, Amount decimal(12,2) NULL)
GO`;

// no DiscountPct, no EndDate: an export taken before V003, or a hand-trimmed one
const WITHOUT_DISCOUNT = 'SubscriptionId,CustomerId,Qty,UnitPrice\n1,10,2,50.00\n2,10,1,20.00\n3,11,4,10.00\n';

const BILLING = `
    SELECT s.CustomerId,
           SUM(ROUND(s.Qty * s.UnitPrice * (100 - s.DiscountPct) / 100, 2)) AS Amount
    FROM dbo.Subscription AS s
    GROUP BY s.CustomerId
    ORDER BY s.CustomerId;`;

async function refusal(body: string, csv: Record<string, string>): Promise<LegacyError> {
  const err = await runBody(body, { tables: TABLES, csv }).then(() => undefined, (e: unknown) => e);
  if (!(err instanceof LegacyError)) throw new Error(`expected a LegacyError, got ${String(err)}`);
  return err;
}

describe('input columns a CSV leaves out', () => {
  it('[refuses a read of a NOT NULL DEFAULT column the file leaves out, at the read, naming file, table and column]', async () => {
    const err = await refusal(BILLING, { 'dbo.Subscription': WITHOUT_DISCOUNT });
    expect(err.code).toBe('LEGACY_INPUT_COLUMN_MISSING');
    expect(err.message).toMatch(/input .*dbo\.Subscription\.csv has no column DiscountPct, and the procedure reads dbo\.Subscription\.DiscountPct here/);
    // located at s.DiscountPct in the procedure, not at the file
    expect(err.location?.span?.start.line).toBe(6);
    expect(err.hint).toMatch(/export dbo\.Subscription again with DiscountPct/);
    // stated, the lines are discounted
    const csv = 'SubscriptionId,CustomerId,Qty,UnitPrice,EndDate,DiscountPct\n1,10,2,50.00,,10.00\n2,10,1,20.00,,0.00\n3,11,4,10.00,,2.50\n';
    const r = await runBody(BILLING, { tables: TABLES, csv: { 'dbo.Subscription': csv } });
    expect(resultRows(r).map((x) => [x.CustomerId, Number(x.Amount)])).toEqual([[10, 110], [11, 39]]);
  });

  it('[refuses a nullable column the file leaves out too: NULL is no value the data states]', async () => {
    const err = await refusal(`
    SELECT COUNT(*) AS Open FROM dbo.Subscription WHERE EndDate IS NULL;`, { 'dbo.Subscription': WITHOUT_DISCOUNT });
    expect(err.code).toBe('LEGACY_INPUT_COLUMN_MISSING');
    expect(err.message).toMatch(/has no column EndDate/);
  });

  it('[refuses SELECT * over the table, which reads every column, and runs a procedure reading only stated and computed columns]', async () => {
    const err = await refusal('SELECT * FROM dbo.Subscription;', { 'dbo.Subscription': WITHOUT_DISCOUNT });
    expect(err.code).toBe('LEGACY_INPUT_COLUMN_MISSING');
    const r = await runBody('SELECT CustomerId, SUM(LineTotal) AS Total FROM dbo.Subscription GROUP BY CustomerId ORDER BY CustomerId;', { tables: TABLES, csv: { 'dbo.Subscription': WITHOUT_DISCOUNT } });
    expect(resultRows(r).map((x) => [x.CustomerId, Number(x.Total)])).toEqual([[10, 120], [11, 40]]);
  });

  it('[refuses a table written as a baseline that holds rows loaded without a column, unless the procedure empties it first]', async () => {
    const runs = 'RunNo,CustomerId\n1,10\n';
    const err = await refusal('INSERT INTO dbo.BillingRun (RunNo, CustomerId, Amount) VALUES (2, 11, 5.00);', { 'dbo.BillingRun': runs });
    expect(err.code).toBe('LEGACY_INPUT_COLUMN_MISSING');
    expect(err.message).toMatch(/has no column Amount of dbo\.BillingRun, and the procedure writes dbo\.BillingRun: its baseline would show Amount/);
    const r = await runBody('TRUNCATE TABLE dbo.BillingRun; INSERT INTO dbo.BillingRun (RunNo, CustomerId, Amount) VALUES (2, 11, 5.00);', { tables: TABLES, csv: { 'dbo.BillingRun': runs } });
    expect(r.outputs.find((o) => o.name === 'dbo.billingrun')?.rows.length).toBe(1);
  });

  it('[refuses a NOT NULL column without a default that the file leaves out, naming it instead of DuckDB\'s constraint text]', async () => {
    const err = await refusal('SELECT COUNT(*) AS n FROM dbo.Subscription;', { 'dbo.Subscription': 'SubscriptionId,CustomerId,UnitPrice,DiscountPct\n1,10,50.00,0\n' });
    expect(err.code).toBe('LEGACY_INPUT_COLUMN_MISSING');
    expect(err.message).toMatch(/has no column Qty, which dbo\.Subscription declares NOT NULL without a default/);
    expect(err.message).not.toMatch(/Constraint Error/);
  });
});

describe('a section Given that leaves a column out', () => {
  it('[gives the column NULL, as migrate test does, not its DEFAULT]', async () => {
    const proc = `CREATE PROCEDURE dbo.usp_Bill AS
BEGIN
    SELECT s.SubscriptionId, s.DiscountPct FROM dbo.Subscription AS s ORDER BY s.SubscriptionId;
END
GO
`;
    const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(proc, { file: 'usp_Bill.sql' })];
    const r = await runSection({
      scripts, procedure: 'dbo.usp_Bill', lines: [{ start: 3, end: 3 }], params: {}, outputs: [],
      tables: [{ name: 'dbo.Subscription', columns: [{ name: 'SubscriptionId', type: 'int' }, { name: 'CustomerId', type: 'int' }, { name: 'Qty', type: 'int' }, { name: 'UnitPrice', type: 'decimal(10,2)' }], rows: [['1', '10', '2', '50.00']] }],
    });
    // before: 0.00, the DEFAULT, where the scenario's transform is given NULL
    expect(r.resultSets[0]?.rows).toEqual([['1', null]]);
  });
});
