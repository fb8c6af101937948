import { draftOf } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// A loyalty programme's statement run names each customer's tier with a scalar function called
// per row, `dbo.fn_TierFor(p.Balance)`: a CASE ladder over the points, assigned to a variable and
// returned. SQL Server converts the argument to the parameter's type, the assigned value to the
// variable's and the returned one to the RETURNS type, silently cutting text to its length
// (learn.microsoft.com/sql/relational-databases/user-defined-functions/create-user-defined-functions-database-engine).
// The draft refused every such call ("no exact DuckDB translation for this function").
const DDL = `CREATE TABLE dbo.[Points Balance] ([Customer Id] INT NOT NULL, [Balance] INT NULL, [Spend] DECIMAL(9,2) NULL);
CREATE TABLE dbo.[Tier Out] ([Customer Id] INT NOT NULL, [Tier] VARCHAR(10) NULL, [Short Tier] VARCHAR(10) NULL, [Bonus] INT NULL);
GO
CREATE FUNCTION [dbo].[fn_TierFor] (@points INT)
RETURNS VARCHAR (10)
AS
BEGIN
    DECLARE @tier VARCHAR (10);
    SET @tier = CASE
        WHEN @points IS NULL THEN NULL
        WHEN @points >= 5000 THEN 'PLATINUM'
        WHEN @points >= 2000 THEN 'GOLD'
        WHEN @points >= 500  THEN 'SILVER'
        ELSE 'BRONZE'
    END;
    RETURN @tier;
END
GO
CREATE FUNCTION dbo.fn_ShortTier (@tier VARCHAR(3))
RETURNS VARCHAR(2)
AS
BEGIN
    RETURN LOWER(@tier) + '-x';
END
GO
CREATE FUNCTION dbo.fn_Bonus (@spend DECIMAL(9,2), @rate INT = 2)
RETURNS INT
AS
BEGIN
    DECLARE @bonus INT = @spend * @rate;
    RETURN @bonus;
END
GO
CREATE FUNCTION dbo.fn_LastEarn (@customer INT)
RETURNS INT
AS
BEGIN
    DECLARE @p INT;
    SELECT @p = MAX(Balance) FROM dbo.[Points Balance] WHERE [Customer Id] = @customer;
    RETURN @p;
END`;
const BALANCES = {
  name: 'dbo.Points Balance', columns: ['Customer Id:int', 'Balance:int?', 'Spend:decimal(9,2)?'],
  rows: [[1, 499, '10.49'], [2, 500, '10.50'], [3, 1999, '-10.99'], [4, 2000, null], [5, 5000, '0.99'], [6, null, '3.00']],
  csv: 'Customer Id,Balance,Spend\n1,499,10.49\n2,500,10.50\n3,1999,-10.99\n4,2000,\n5,5000,0.99\n6,,3.00\n',
};
const OUT = { name: 'dbo.Tier Out', columns: ['Customer Id:int', 'Tier:text?', 'Short Tier:text?', 'Bonus:int?'] };
const proc = (items: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.[Tier Out] ([Customer Id], Tier, [Short Tier], Bonus)
  SELECT b.[Customer Id], ${items} FROM dbo.[Points Balance] AS b;
END`;

describe('a scalar user function called per row', () => {
  it('is expanded where it is called: the CASE ladder per row, NULL balance, tier boundaries', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('dbo.fn_TierFor(b.Balance), NULL, NULL'), inputs: [BALANCES], output: OUT });
    expect(r.emulator).toEqual(['1|BRONZE|NULL|NULL', '2|SILVER|NULL|NULL', '3|SILVER|NULL|NULL', '4|GOLD|NULL|NULL', '5|PLATINUM|NULL|NULL', '6|NULL|NULL|NULL']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('converts the argument, the assigned value and the returned value to their declared types, as the emulator does', async () => {
    // 'PLATINUM' passed to varchar(3) is 'PLA', returned as varchar(2) 'pl'; 10.49 * 3 stored in an int is 31 (cut toward zero: -32.97 is -32)
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('dbo.fn_TierFor(b.Balance), dbo.fn_ShortTier(dbo.fn_TierFor(b.Balance)), dbo.fn_Bonus(b.Spend, 3)'), inputs: [BALANCES], output: OUT });
    expect(r.emulator).toEqual(['1|BRONZE|br|31', '2|SILVER|si|31', '3|SILVER|si|-32', '4|GOLD|go|NULL', '5|PLATINUM|pl|2', '6|NULL|NULL|9']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('refuses a body that reads a table, at the function\'s own line', () => {
    const body = draftOf(proc('NULL, NULL, dbo.fn_LastEarn(b.[Customer Id])'), { ddl: DDL, inputs: [BALANCES], output: OUT });
    expect(body.refusals.map((x) => `${x.file}:${x.line} ${x.construct}`)).toEqual(['ddl.sql:39 SELECT in dbo.fn_LastEarn()']);
  });

  it('refuses a call leaving a parameter to its default', () => {
    const body = draftOf(proc('NULL, NULL, dbo.fn_Bonus(b.Spend, DEFAULT)'), { ddl: DDL, inputs: [BALANCES], output: OUT });
    expect(body.refusals.map((x) => `${x.file}:${x.line}:${x.col} ${x.construct}`)).toEqual(['proc.sql:4:39 dbo.fn_Bonus()']);
  });

  it('refuses a function that calls itself instead of expanding it without end', () => {
    const ddl = `${DDL}\nGO\nCREATE FUNCTION dbo.fn_Streak (@n INT)\nRETURNS INT\nAS\nBEGIN\n    RETURN CASE WHEN @n <= 1 THEN 1 ELSE 1 + dbo.fn_Streak(@n - 1) END;\nEND`;
    const body = draftOf(proc('NULL, NULL, dbo.fn_Streak(b.Balance)'), { ddl, inputs: [BALANCES], output: OUT });
    expect(body.refusals.map((x) => `${x.file}:${x.line} ${x.construct}`)).toEqual(['ddl.sql:43 dbo.fn_Streak']);
  });
});
