import { buildScriptGraphs, collectTableCatalog, type DataFlowGraph } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';

// A scalar user function's reads and value sources reach the statement that calls it
// (scalar-function-entries.ts, scalar-function-calls.ts): through variables the body assigns
// one from another, and through a RETURN of a subquery.
const sql = `CREATE TABLE [Billing].[Tariff Band] ([Band Code] varchar(5) NOT NULL, [Rate] decimal(9,4) NOT NULL, [Standing Charge] decimal(9,2) NOT NULL)
GO
CREATE TABLE [Billing].[Usage] ([Account No] int NOT NULL, [Band Code] varchar(5) NOT NULL, [kWh] int NOT NULL, [Charge] decimal(12,2) NULL, [Band Rate] decimal(9,4) NULL)
GO
CREATE FUNCTION [Billing].[fn Charge For] (@Band varchar(5), @kWh int) RETURNS decimal(12,2) AS
BEGIN
  DECLARE @rate decimal(9,4), @standing decimal(9,2), @total decimal(12,2);
  SET @rate = (SELECT b.[Rate] FROM [Billing].[Tariff Band] b WHERE b.[Band Code] = @Band);
  SELECT @standing = [Standing Charge] FROM [Billing].[Tariff Band] WHERE [Band Code] = @Band;
  SET @total = @rate * @kWh;
  SET @total = @total + @standing;
  RETURN @total;
END
GO
CREATE FUNCTION [Billing].[fn Rate Of] (@Band varchar(5)) RETURNS decimal(9,4) AS
BEGIN
  RETURN (SELECT TOP (1) [Rate] FROM [Billing].[Tariff Band] WHERE [Band Code] = @Band);
END
GO
CREATE PROCEDURE [Billing].[usp Price Usage] AS
UPDATE u SET [Charge] = [Billing].[fn Charge For](u.[Band Code], u.[kWh]), [Band Rate] = Billing.[fn Rate Of](u.[Band Code])
FROM [Billing].[Usage] AS u
GO
`;

function graphOf(name: string): DataFlowGraph {
  const script = parseScript(sql, { file: 'billing.sql' });
  const graph = buildScriptGraphs(script, { catalog: collectTableCatalog([script]) }).find((g) => g.object.name === name);
  if (graph === undefined) throw new Error(`no graph ${name}`);
  return graph;
}

describe('scalar user functions in lineage', () => {
  it('traces the value through the variables the body assigns, to the columns it reads', () => {
    const g = graphOf('billing.usp price usage');
    const charge = g.lineage.find((l) => l.target.column === 'charge');
    expect(charge?.sources).toEqual(expect.arrayContaining([
      { node: 't_billing_tariff_band', column: 'rate' }, { node: 't_billing_tariff_band', column: 'standing charge' },
      { node: 't_billing_usage', column: 'band code' }, { node: 't_billing_usage', column: 'kwh' },
    ]));
    expect(charge?.sources).not.toContainEqual({ node: 't_billing_tariff_band', column: 'band code' });
    const step = g.steps.find((s) => s.kind === 'update');
    expect(step?.reads.find((r) => r.node === 't_billing_tariff_band')?.columns).toEqual(['band code', 'rate', 'standing charge']);
    expect(g.nodes.find((n) => n.id === 't_billing_tariff_band')?.role).toBe('input');
    expect(g.spellings?.['standing charge']).toBe('Standing Charge');
  });

  it('takes what a RETURN of a subquery reads as the value\'s sources', () => {
    const rate = graphOf('billing.usp price usage').lineage.find((l) => l.target.column === 'band rate');
    expect(rate?.sources).toEqual(expect.arrayContaining([{ node: 't_billing_tariff_band', column: 'rate' }, { node: 't_billing_usage', column: 'band code' }]));
  });
});
