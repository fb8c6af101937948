import { draftOf } from './draft-harness';
import { draftAgainstEmulator } from './emulator-parity';

// A ward's bed-day report calls a length-of-stay function per admission, written the way the
// 2013 finance rule was coded: no discharge yet gives NULL through an early RETURN, and a
// same-day discharge counts as one day through an IF that resets the variable. The draft
// refused every call ("IF in dbo.fn_BedDays()") although both IFs are a CASE of the arguments.
const DDL = `CREATE TABLE dbo.[Ward Stay] ([Stay Id] INT NOT NULL, [In At] DATETIME NOT NULL, [Out At] DATETIME NULL);
CREATE TABLE dbo.[Stay Days] ([Stay Id] INT NOT NULL, [Days] INT NULL, [Band] VARCHAR(5) NULL);
GO
CREATE FUNCTION dbo.fn_BedDays (@in DATETIME, @out DATETIME)
RETURNS INT
AS
BEGIN
    DECLARE @d INT
    IF @out IS NULL
        RETURN NULL
    SET @d = DATEDIFF(day, @in, @out)
    IF @d < 1 SET @d = 1
    RETURN @d
END
GO
CREATE FUNCTION dbo.fn_Band (@days INT)
RETURNS VARCHAR(5)
AS
BEGIN
    DECLARE @b VARCHAR(5)
    IF @days >= 7
    BEGIN
        SET @b = 'LONG-STAY'
    END
    ELSE
        SET @b = 'short'
    IF @days IS NULL RETURN '?'
    IF @days = 0 RETURN 'zero!'
    RETURN @b
END
GO
CREATE FUNCTION dbo.fn_PerDay (@days INT)
RETURNS INT
AS
BEGIN
    IF @days = 0 RETURN -1
    RETURN 100 / @days
END
GO
CREATE FUNCTION dbo.fn_Nested (@days INT)
RETURNS INT
AS
BEGIN
    IF @days > 1
        IF @days > 5 RETURN 2
    RETURN 0
END`;
const STAYS = {
  name: 'dbo.Ward Stay', columns: ['Stay Id:int', 'In At:timestamp', 'Out At:timestamp?'],
  rows: [[1, '2018-03-01 08:00:00', '2018-03-01 17:00:00'], [2, '2018-03-01 23:59:00', '2018-03-02 00:01:00'], [3, '2018-02-20 10:00:00', '2018-03-01 09:00:00'], [4, '2018-03-05 10:00:00', null], [5, '2018-03-05 10:00:00', '2018-03-04 10:00:00']],
  csv: 'Stay Id,In At,Out At\n1,2018-03-01 08:00:00,2018-03-01 17:00:00\n2,2018-03-01 23:59:00,2018-03-02 00:01:00\n3,2018-02-20 10:00:00,2018-03-01 09:00:00\n4,2018-03-05 10:00:00,\n5,2018-03-05 10:00:00,2018-03-04 10:00:00\n',
};
const OUT = { name: 'dbo.Stay Days', columns: ['Stay Id:int', 'Days:int?', 'Band:text?'] };
const proc = (items: string): string => `CREATE PROCEDURE dbo.usp_T AS
BEGIN
  INSERT INTO dbo.[Stay Days] ([Stay Id], [Days], [Band])
  SELECT s.[Stay Id], ${items} FROM dbo.[Ward Stay] s;
END`;

describe('a scalar user function with IFs', () => {
  it('expands an early RETURN and an IF that sets a variable, as the emulator runs them', async () => {
    // same day 1 (0 reset to 1), across midnight 1, 9 days (2018 is no leap year), no discharge NULL, out before in -1 reset to 1
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('dbo.fn_BedDays(s.[In At], s.[Out At]), NULL'), inputs: [STAYS], output: OUT });
    expect(r.emulator).toEqual(['1|1|NULL', '2|1|NULL', '3|9|NULL', '4|NULL|NULL', '5|1|NULL']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('takes the first early RETURN whose condition holds, the ELSE side for a NULL condition, and cuts to the declared types', async () => {
    // 'LONG-STAY' in a varchar(5) is 'LONG-'; DATEDIFF of stay 5 is -1, so 'zero!' never shows; NULL days take '?'
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('DATEDIFF(day, s.[In At], s.[Out At]), dbo.fn_Band(DATEDIFF(day, s.[In At], s.[Out At]))'), inputs: [STAYS], output: OUT });
    expect(r.emulator).toEqual(['1|0|zero!', '2|1|short', '3|9|LONG-', '4|NULL|?', '5|-1|short']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('does not evaluate what an early RETURN skips: no division by zero where the guard holds', async () => {
    const r = await draftAgainstEmulator({ ddl: DDL, procedure: proc('dbo.fn_PerDay(DATEDIFF(day, s.[In At], s.[Out At])), NULL'), inputs: [STAYS], output: OUT });
    expect(r.emulator).toEqual(['1|-1|NULL', '2|100|NULL', '3|11|NULL', '4|NULL|NULL', '5|-100|NULL']);
    expect(r.draftError).toBeUndefined();
    expect(r.draft).toEqual(r.emulator);
  });

  it('still refuses an IF it does not expand, at the function\'s own line', () => {
    const body = draftOf(proc('dbo.fn_Nested(1), NULL'), { ddl: DDL, inputs: [STAYS], output: OUT });
    expect(body.refusals.map((x) => `${x.file}:${x.line} ${x.construct}`)).toEqual(['ddl.sql:44 IF in dbo.fn_Nested()']);
  });
});
