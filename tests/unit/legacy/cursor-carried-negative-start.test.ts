import { sectionCursorCarriedStates } from '../../../src/legacy';
import { parseScript } from '../../../src/tsql';

// The control-break cursor of a weighted-average cost rebuild starts its previous-item variable
// at -1: `SET @PrevItem = -1` parses as a minus over the literal 1, which was taken for no
// constant at all, so a faithful per-item reset was reported as state carried between items.
const proc = (start: string): string => `CREATE TABLE dbo.[Stock Move] ([Item No] int NOT NULL, [Move Id] int NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.[Item Balance] ([Item No] int NOT NULL, [Move Id] int NOT NULL, [On Hand] int NOT NULL)
GO
CREATE PROCEDURE dbo.usp_Roll_Balance
AS
BEGIN
    DECLARE @Item int, @MoveId int, @Qty int, @PrevItem int, @OnHand int
    SET @PrevItem = ${start}
    SET @OnHand = 0
    DECLARE cm CURSOR LOCAL FAST_FORWARD FOR
        SELECT m.[Item No], m.[Move Id], m.Qty FROM dbo.[Stock Move] m ORDER BY m.[Item No], m.[Move Id]
    OPEN cm
    FETCH NEXT FROM cm INTO @Item, @MoveId, @Qty
    WHILE @@FETCH_STATUS = 0
    BEGIN
        IF @Item <> @PrevItem
        BEGIN
            SET @OnHand = 0
            SET @PrevItem = @Item
        END
        SET @OnHand = @OnHand + @Qty
        INSERT INTO dbo.[Item Balance] ([Item No], [Move Id], [On Hand]) VALUES (@Item, @MoveId, @OnHand)
        FETCH NEXT FROM cm INTO @Item, @MoveId, @Qty
    END
    CLOSE cm
    DEALLOCATE cm
END
GO
`;

describe('a cursor reset whose previous key starts at a negative constant', () => {
  it.each(['-1', '-1.5', '0'])('SET @PrevItem = %s is a constant start: the reset follows [Item No]', (start) => {
    const script = parseScript(proc(start), { file: 'roll.sql' });
    const [state] = sectionCursorCarriedStates([script], 'dbo.usp_Roll_Balance', [{ start: 1, end: 40 }]);
    expect(state?.why).toBeUndefined();
    expect(state?.keys).toEqual(['Item No']);
  });
});
