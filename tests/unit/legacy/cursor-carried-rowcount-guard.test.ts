import { sectionCursorCarriedStates } from '../../../src/legacy';
import { parseScript } from '../../../src/tsql';

// A billing run prices each service point from its rate's tiers, looked up one at a time with
// `SELECT @Floor = …, @Price = … FROM … WHERE …`. Finding no row keeps the values of the row before
// (another service point's), but legacy code tests for that at once: `IF @@ROWCOUNT = 0 BREAK`.
// Past that guard the values are the row's own, so nothing is carried from one service point to the
// next; a lookup without the guard (or whose guard does not leave the pass) still carries.
const proc = (lookup: string): string => `CREATE TABLE cis.[Rate Tier] ([Rate Code] varchar(10) NOT NULL, [Tier No] tinyint NOT NULL, [Unit Price] decimal(9,5) NOT NULL, PRIMARY KEY ([Rate Code], [Tier No]))
GO
CREATE TABLE cis.[Service Point] ([Service Point ID] int NOT NULL PRIMARY KEY, [Rate Code] varchar(10) NOT NULL)
GO
CREATE TABLE rpt.[Bill Line] ([Service Point ID] int NOT NULL, [Tier No] tinyint NOT NULL, [Unit Price] decimal(9,5) NULL)
GO
CREATE PROCEDURE rpt.[usp_Price Points]
AS
BEGIN
    DECLARE @SPID int, @RateCode varchar(10), @TierNo tinyint, @Price decimal(9,5)
    DECLARE sp_cur CURSOR LOCAL FAST_FORWARD FOR
        SELECT [Service Point ID], [Rate Code] FROM cis.[Service Point] ORDER BY [Service Point ID]
    OPEN sp_cur
    FETCH NEXT FROM sp_cur INTO @SPID, @RateCode
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SET @TierNo = 1
        WHILE @TierNo <= 3
        BEGIN
${lookup}
            INSERT INTO rpt.[Bill Line] ([Service Point ID], [Tier No], [Unit Price]) VALUES (@SPID, @TierNo, @Price)
            SET @TierNo = @TierNo + 1
        END
        FETCH NEXT FROM sp_cur INTO @SPID, @RateCode
    END
    CLOSE sp_cur
    DEALLOCATE sp_cur
END
GO
`;
const SELECT = 'SELECT @Price = [Unit Price] FROM cis.[Rate Tier] WHERE [Rate Code] = @RateCode AND [Tier No] = @TierNo';
const stateOf = (sql: string): ReturnType<typeof sectionCursorCarriedStates>[number] | undefined =>
  sectionCursorCarriedStates([parseScript(sql, { file: 'billing.sql' })], 'rpt.[usp_Price Points]', [{ start: 1, end: 60 }]).find((s) => s.cursor === 'sp_cur');

describe('a lookup followed by IF @@ROWCOUNT = 0 that leaves the pass', () => {
  it.each([
    ['IF @@ROWCOUNT = 0 BREAK', `${SELECT}\n IF @@ROWCOUNT = 0 BREAK`],
    ['0 = @@ROWCOUNT, a block logging then leaving', `${SELECT}\n IF 0 = @@ROWCOUNT\n BEGIN\n PRINT 'no tier'\n BREAK\n END`],
    ['@@ROWCOUNT < 1 RETURN', `${SELECT}\n IF @@ROWCOUNT < 1 RETURN`],
  ])('%s: nothing is carried, the loop is per [Service Point ID]', (_form, lookup) => {
    const state = stateOf(proc(lookup));
    expect(state?.carried.map((c) => c.name)).toEqual([]);
    expect(state?.keys).toContain('Service Point ID');
  });

  it.each([
    ['no guard', SELECT],
    ['a guard that goes on (the kept price is written)', `${SELECT}\n IF @@ROWCOUNT = 0 PRINT 'no tier'`],
    ['a guard on another count', `${SELECT}\n IF @@ROWCOUNT > 1 BREAK`],
    ['a guard whose branch reads the kept price before leaving', `${SELECT}\n IF @@ROWCOUNT = 0\n BEGIN\n INSERT INTO rpt.[Bill Line] ([Service Point ID], [Tier No], [Unit Price]) VALUES (@SPID, 0, @Price)\n BREAK\n END`],
  ])('%s: the price of the service point before is carried', (_form, lookup) => {
    const state = stateOf(proc(lookup));
    expect(state?.carried.map((c) => c.name)).toEqual(['@price']);
    expect(state?.keys).toEqual([]);
    expect(state?.why).toBe('the loop reads @Price before it sets it in a pass, and no IF at the start of its body resets it when the row\'s key changes');
  });
});
