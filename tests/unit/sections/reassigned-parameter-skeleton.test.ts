import { workspaceSkeletons } from '../../support/workspace-skeletons';

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

});
