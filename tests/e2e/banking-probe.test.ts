import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A bank's month-end fee run: a cursor FOR UPDATE OF over the active accounts, a child procedure
// with OUTPUT parameters and RETURN codes that prorates a fee by business days (counted with
// DATEPART(weekday), numbered by the caller's SET DATEFIRST 1), the fee written back through
// WHERE CURRENT OF, and a 30/360 day factor `(30 - DAY(@MonthEnd) + 1) / 360.0` that SQL Server
// types decimal(17,6) and cuts (0.005555, not 1/180).
const TABLES = `CREATE TABLE dbo.Account (AccountId int NOT NULL PRIMARY KEY, ProductCode char(4) NOT NULL, Balance money NOT NULL, OpenDate date NOT NULL, Status char(1) NOT NULL);
GO
CREATE TABLE dbo.FeeSchedule (ProductCode char(4) NOT NULL PRIMARY KEY, MonthlyFee money NOT NULL);
GO
CREATE TABLE dbo.BusinessCalendar (CalDate date NOT NULL PRIMARY KEY, IsHoliday bit NOT NULL);
GO
CREATE TABLE dbo.FeeLedger (AccountId int NOT NULL PRIMARY KEY, Amount money NOT NULL, Reason varchar(12) NULL, ReturnCode int NULL, DayFactor decimal(19,12) NULL);
GO
`;

const CHILD = `-- RETURN: 0 charged, 1 no schedule
create procedure dbo.usp_Fee
    @AccountId int, @MonthEnd date, @Fee money OUTPUT, @Reason varchar(12) OUTPUT
as
begin
    declare @fee money, @open date, @bdAll int, @bdOpen int
    declare @start date = DATEADD(day, 1, EOMONTH(@MonthEnd, -1))
    select @fee = s.MonthlyFee, @open = a.OpenDate
      from dbo.Account a join dbo.FeeSchedule s on s.ProductCode = a.ProductCode
     where a.AccountId = @AccountId
    if @@ROWCOUNT = 0 begin set @Fee = 0; set @Reason = 'NO SCHEDULE'; return 1 end
    if @open > @start
    begin
        -- weekday numbers come from the caller's DATEFIRST
        select @bdAll = COUNT(*) from dbo.BusinessCalendar where CalDate between @start and @MonthEnd and IsHoliday = 0 and DATEPART(weekday, CalDate) <= 5
        select @bdOpen = COUNT(*) from dbo.BusinessCalendar where CalDate between @open and @MonthEnd and IsHoliday = 0 and DATEPART(weekday, CalDate) <= 5
        set @Fee = @fee * @bdOpen / @bdAll
        set @Reason = 'PRORATED BY BUSINESS DAYS'
        return 0
    end
    set @Fee = @fee
    set @Reason = 'STANDARD'
    return 0
end
GO
`;

const PARENT = `CREATE PROCEDURE [dbo].[usp_MonthEndFees]
    @RunDate date
AS
BEGIN
    SET NOCOUNT ON
    SET DATEFIRST 1
    DECLARE @MonthEnd date = EOMONTH(@RunDate), @AccountId int, @Fee money, @Reason varchar(12), @rc int
    DECLARE cur CURSOR LOCAL FOR
        SELECT AccountId FROM dbo.Account WHERE [Status] = 'A' ORDER BY AccountId
        FOR UPDATE OF Balance
    OPEN cur
    FETCH NEXT FROM cur INTO @AccountId
    WHILE @@FETCH_STATUS = 0
    BEGIN
        EXEC @rc = dbo.usp_Fee @AccountId, @MonthEnd, @Fee OUTPUT, @Reason OUTPUT
        INSERT INTO dbo.FeeLedger (AccountId, Amount, Reason, ReturnCode, DayFactor)
        VALUES (@AccountId, @Fee, @Reason, @rc, (30 - DAY(@MonthEnd) + 1) / 360.0)
        IF @Fee > 0
            UPDATE dbo.Account SET Balance = Balance - @Fee WHERE CURRENT OF cur
        FETCH NEXT FROM cur INTO @AccountId
    END
    CLOSE cur
    DEALLOCATE cur
END
GO
`;

/** February 2024 (a leap year), Presidents' Day a holiday. */
function calendar(): string {
  const days = Array.from({ length: 29 }, (_, i) => `2024-02-${String(i + 1).padStart(2, '0')},${i + 1 === 19 ? 1 : 0}`);
  return `CalDate,IsHoliday\n${days.join('\n')}\n`;
}

describe('migrate on a month-end fee run (banking probe)', () => {
  const ws = mkdtempSync(join(tmpdir(), 'migrate-banking-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  mkdirSync(join(ws, 'procedures'));
  mkdirSync(join(ws, 'data'));
  writeFileSync(join(ws, 'procedures', '00-tables.sql'), TABLES);
  writeFileSync(join(ws, 'procedures', '10-usp_Fee.sql'), CHILD);
  writeFileSync(join(ws, 'procedures', '20-usp_MonthEndFees.sql'), PARENT);
  // 1 pays the whole fee; 2 opened Saturday 24 Feb: Mon-Fri 26-29 of the month's 20 business
  // days (Sun-Thu numbering would count 5); 3 has no schedule; 4 is closed.
  writeFileSync(join(ws, 'data', 'dbo.Account.csv'), 'AccountId,ProductCode,Balance,OpenDate,Status\n1,CHK1,100.00,2020-01-01,A\n2,CHK1,50.00,2024-02-24,A\n3,XXXX,10.00,2021-05-05,A\n4,CHK1,5.00,2019-01-01,C\n');
  writeFileSync(join(ws, 'data', 'dbo.FeeSchedule.csv'), 'ProductCode,MonthlyFee\nCHK1,12.50\nSAV1,3.00\n');
  writeFileSync(join(ws, 'data', 'dbo.BusinessCalendar.csv'), calendar());
  writeFileSync(join(ws, 'data', 'dbo.FeeLedger.csv'), 'AccountId,Amount,Reason,ReturnCode,DayFactor\n');

  it('captures the fees: prorated by the caller\'s weekday numbering, written back through WHERE CURRENT OF, the day factor cut at six decimals', async () => {
    const run = await runMigrate(['capture', 'dbo.usp_MonthEndFees', '--procedures', join(ws, 'procedures'), '--data', join(ws, 'data'), '--out', join(ws, 'baseline'), '--param', '@RunDate=2024-02-15']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(ws, 'baseline', 'dbo.FeeLedger.csv'), 'utf8')).toBe(
      'AccountId,Amount,Reason,ReturnCode,DayFactor\n'
      + '1,12.5000,STANDARD,0,0.005555000000\n'
      + '2,2.5000,"PRORATED BY ",0,0.005555000000\n'
      + '3,0.0000,NO SCHEDULE,1,0.005555000000\n');
    expect(readFileSync(join(ws, 'baseline', 'dbo.Account.csv'), 'utf8')).toBe(
      'AccountId,ProductCode,Balance,OpenDate,Status\n1,CHK1,87.5000,2020-01-01,A\n2,CHK1,47.5000,2024-02-24,A\n3,XXXX,10.0000,2021-05-05,A\n4,CHK1,5.0000,2019-01-01,C\n');
  });

  it('records the fee loop from the data, given the fee schedule and calendar the child procedure reads', async () => {
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_MonthEndFees', '--root', ws])).code).toBe(0);
    const dir = join(ws, 'sections', 'dbo.usp_MonthEndFees');
    const file = readdirSync(dir).find((f) => /^0[1-9]/.test(f) && readFileSync(join(dir, f), 'utf8').includes('@output:dbo.FeeLedger'));
    if (file === undefined) throw new Error('no section writes dbo.FeeLedger');
    const path = join(dir, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^(@proc:\S+ @lines:\S+ @output:\S+)/, '$1 @entity:AccountId'));
    const made = await runMigrate(['sections', 'record', `dbo.usp_MonthEndFees/${file.replace(/\.feature$/, '')}`, '--root', ws, '--from-data', join(ws, 'data'), '--param', '@RunDate=2024-02-15']);
    expect(made.err).not.toMatch(/gives no rows for it/);
    expect(made.code).toBe(0);
    const feature = readFileSync(path, 'utf8');
    expect(feature).toMatch(/And table dbo\.FeeSchedule:\n\s+\| ProductCode:text \| MonthlyFee:decimal\(19,4\) \|\n\s+\| CHK1 +\| 12\.5000 +\|/);
    // the reason cut to varchar(12) keeps its trailing blank, quoted in the spec
    expect(feature).toMatch(/\| 2 +\| 2\.5000 +\| "PRORATED BY " +\| 0 +\| 0\.005555000000 +\|/);
  });
});
