import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveParams } from '../../../../src/cli/commands/run';
import { loadWorkspaceConfig } from '../../../../src/sections';

// CREATE PROCEDURE: learn.microsoft.com/sql/t-sql/statements/create-procedure-transact-sql (a
// default is a constant, converted to the parameter's type when an EXEC leaves the parameter out).
// Unseparated ISO dates read the same under every DATEFORMAT (learn.microsoft.com/sql/t-sql/
// data-types/date-transact-sql); 'yyyy-mm-dd' for datetime does not; a longer string is cut to a
// varchar's length. migrate run must run with what SQL Server converts, or ask for the value.
const PROC = `CREATE PROCEDURE dbo.usp_Spans
    @AsOfDate date = '20261130',
    @Region char(4) = 'EU',
    @MaxDays int = 366
AS
BEGIN
    SELECT @AsOfDate AS AsOf, @Region AS Region, @MaxDays AS MaxDays;
END
GO
CREATE PROCEDURE dbo.usp_Price
    @RunDate datetime = '2026-12-01'
AS
    SELECT @RunDate AS RunDate;
GO
CREATE PROCEDURE dbo.usp_Window
    @From datetime = '2026-12-01T06:30:00',
    @To datetime2 = '2026-12-31 23:59:59',
    @Slot smalldatetime = '20261201 06:30',
    @Debug bit = 'TRUE'
AS
    SELECT @From AS F, @To AS T, @Slot AS S, @Debug AS D;
GO
CREATE PROCEDURE dbo.usp_Rounded
    @Slot smalldatetime = '20261201 06:30:31'
AS
    SELECT @Slot AS S;
GO
CREATE PROCEDURE dbo.usp_Label
    @Status varchar(3) = 'NOMOD'
AS
    SELECT @Status AS Status;
GO
`;

describe('migrate run: a parameter default as SQL Server converts it', () => {
  const root = mkdtempSync(join(tmpdir(), 'run-defaults-'));
  mkdirSync(join(root, 'procedures'));
  writeFileSync(join(root, 'procedures', 'procs.sql'), PROC);
  const config = loadWorkspaceConfig(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("runs a date default written '20261130' as 2026-11-30, and pads char(4)", () => {
    expect(resolveParams(config, 'dbo.usp_Spans', {}).values).toEqual({ '@AsOfDate': '2026-11-30', '@Region': 'EU  ', '@MaxDays': '366' });
  });

  it('runs ISO 8601 and unseparated date-times, and bit \'TRUE\' as 1', () => {
    expect(resolveParams(config, 'dbo.usp_Window', {}).values).toEqual({ '@From': '2026-12-01 06:30:00', '@To': '2026-12-31 23:59:59', '@Slot': '2026-12-01 06:30:00', '@Debug': '1' });
  });

  it('asks for a datetime default that DATEFORMAT reads, and for a string its type would cut', () => {
    expect(() => resolveParams(config, 'dbo.usp_Rounded', {})).toThrow(/gives @Slot the default '20261201 06:30:31'/);
    expect(() => resolveParams(config, 'dbo.usp_Price', {})).toThrow(/gives @RunDate the default '2026-12-01', which SQL Server converts to datetime/i);
    expect(() => resolveParams(config, 'dbo.usp_Label', {})).toThrow(/gives @Status the default 'NOMOD', which SQL Server converts to varchar\(3\)/i);
    expect(resolveParams(config, 'dbo.usp_Label', { '@Status': 'NOM' }).values).toEqual({ '@Status': 'NOM' });
  });
});
