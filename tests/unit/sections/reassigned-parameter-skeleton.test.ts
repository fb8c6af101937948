import { workspaceSkeletons } from '../../support/workspace-skeletons';
import { LATE_SHIPMENT_TABLES, lateShipmentProcedure } from '../../support/late-shipments-sql';

// Probed with a time-of-use billing job: the procedure snaps its parameter to the first of the
// month (line 4), and propose put that SET into the fixed-charge section (which reads @Days, the
// first reader of the chain) while the usage section before it reads the snapped value. Its
// skeleton said "@BillMonth has no default: every call passes it", inviting the caller's
// 2026-03-17 where the legacy code runs with 2026-03-01.
describe('a parameter the procedure reassigns before the section', () => {
  const files = {
    'tables.sql': `CREATE TABLE dbo.Reads (MeterId int NOT NULL, ReadDate date NOT NULL, KWh decimal(9,3) NOT NULL);
GO
CREATE TABLE dbo.Usage (BillMonth date NOT NULL, KWh decimal(12,3) NULL);
GO
CREATE TABLE dbo.Fixed (BillMonth date NOT NULL, Days int NOT NULL);
GO
`,
    'p.sql': `CREATE PROCEDURE dbo.usp_Tou @BillMonth date AS
BEGIN
DECLARE @MonthEnd date, @Days int
SET @BillMonth = DATEADD(month, DATEDIFF(month, 0, @BillMonth), 0)
SET @MonthEnd = EOMONTH(@BillMonth)
SET @Days = DAY(@MonthEnd)
INSERT INTO dbo.Usage (BillMonth, KWh) SELECT @BillMonth, SUM(KWh) FROM dbo.Reads WHERE ReadDate BETWEEN @BillMonth AND @MonthEnd
INSERT INTO dbo.Fixed (BillMonth, Days) VALUES (@BillMonth, @Days)
END
GO
`,
  };

  it('asks for the value the reassignment leaves in every section that does not hold it', () => {
    const texts = workspaceSkeletons(files, 'dbo.usp_Tou').filter((t) => !t.includes('@ignored'));
    const holder = texts.filter((t) => /@lines:\S*\b4\b/.test(t.split('\n')[0] ?? '') || /SET @BillMonth/.test(t));
    const others = texts.filter((t) => !holder.includes(t) && /Given parameter @BillMonth/.test(t));
    expect(others.length).toBeGreaterThan(0);
    for (const t of others) {
      expect(t).toContain('# @BillMonth is a parameter that line 4 assigns before this section: write the value it holds when the section starts, not the value the caller passes');
      expect(t).not.toContain('@BillMonth has no default: every call passes it');
    }
    // the section holding the SET starts from what the caller passes
    for (const t of holder) expect(t).toContain('# @BillMonth has no default: every call passes it');
  });

  // Probed with a data-quality run: `@BatchId INT = NULL OUTPUT` set from SCOPE_IDENTITY() at
  // line 5, and the rule section also holds the DECLARE at line 3 above it. Measured from the
  // section's first line the SET did not come "before", and the skeleton wrote `@BatchId = NULL`,
  // a value the section never runs with (every later section got TODO and the note).
  it('asks for it in a section that holds a DECLARE written above the reassignment', () => {
    const texts = workspaceSkeletons({
      'tables.sql': `CREATE TABLE dbo.[Run Log] ([Run Id] int IDENTITY(1,1) NOT NULL PRIMARY KEY, [Run Date] date NOT NULL);
GO
CREATE TABLE dbo.Sale ([Sale Date] date NOT NULL, Amount decimal(12,2) NOT NULL);
GO
CREATE TABLE dbo.[Run Total] ([Run Id] int NOT NULL, Total decimal(12,2) NULL);
GO
`,
      'p.sql': `CREATE PROCEDURE dbo.usp_PostRun @RunDate date, @RunId int = NULL OUTPUT AS
BEGIN
DECLARE @Total decimal(12,2) = 0
INSERT INTO dbo.[Run Log] ([Run Date]) VALUES (@RunDate)
SET @RunId = SCOPE_IDENTITY()
SELECT @Total = @Total + ISNULL(SUM(Amount), 0) FROM dbo.Sale WHERE [Sale Date] = @RunDate
INSERT INTO dbo.[Run Total] ([Run Id], Total) VALUES (@RunId, @Total)
END
GO
`,
    }, 'dbo.usp_PostRun');
    const total = texts.find((t) => t.includes('Then table dbo.[Run Total]'));
    expect(total?.split('\n')[0]).toMatch(/@lines:3\b/);
    // the DECLARE with its value runs: line 5 lies between the section's lines, not before them
    expect(total).toContain('# @RunId is a parameter that line 5 (another section\'s statement) assigns between this section\'s lines, before the section reads it at line 7: write the value it holds after line 5, not the value the caller passes\n    Given parameter @RunId:int? = TODO');
    expect(total).not.toContain('@RunId:int? = NULL');
  });

  // A late-shipment check cut around the ship-window statements (`@lines:9,15-18`): @RunStatus and
  // @AsOf are set at lines 12-13, between the section's lines. The skeleton said "@RunStatus is set
  // before this section" (and "@AsOf has no default: every call passes it"), inviting the value
  // the variable has at the section's first line; where the section reads @AsOf on both sides of
  // line 12 no one value is right.
  const late = (cutoff: '@PeriodEnd' | '@AsOf'): string | undefined => workspaceSkeletons({ 'tables.sql': LATE_SHIPMENT_TABLES, 'p.sql': lateShipmentProcedure(cutoff) }, 'dbo.usp Flag Late Shipments').find((t) => t.includes('Then table dbo.[Late Shipment]'));

  it('says a value set between the section\'s lines is set there, by which line, and asks for the value after it', () => {
    const text = late('@PeriodEnd');
    expect(text?.split('\n')[0]).toMatch(/@lines:9,15-18 /);
    expect(text).toContain('    # @RunStatus is set between this section\'s lines, by line 13 (another section\'s statement), before the section reads it at line 15: write the value it holds after line 13\n    Given parameter @RunStatus:text? = TODO');
    expect(text).toContain('    # @AsOf is a parameter that line 12 (another section\'s statement) assigns between this section\'s lines, before the section reads it at line 15: write the value it holds after line 12, not the value the caller passes\n    Given parameter @AsOf:date? = TODO');
    expect(text).not.toContain('set before this section');
  });

  it('says no one value stands for a parameter the section reads on both sides of such a line', () => {
    const text = late('@AsOf');
    expect(text).toContain('    # @AsOf is read at line 9 and again after line 12 (another section\'s statement) assigns it between this section\'s lines: no one value stands for both; give line 12 to this section (its @lines) or cut the section there\n    Given parameter @AsOf:date? = TODO');
    expect(text).not.toContain('@AsOf has no default');
  });
});
