-- rule: a dynamic cursor ordered by a column it does not return places the row it is on by that column's new value once the loop changes it (a bin stamped as just picked sorts after the bins still to come and a dynamic cursor fetches it again; a static plan does not), so the emulator refuses at the next FETCH
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/declare-cursor-transact-sql
-- expect-refused: FETCH from the cursor bins after the loop changed
-- clock: 2024-07-01T09:30:00
-- input: dbo.Bin
--| BinId,Zone,LastPickedAt
--| 11,A,2024-06-28 08:00:00
--| 12,A,2024-06-27 15:00:00
--| 13,A,2024-06-30 11:00:00
CREATE TABLE dbo.Bin (BinId int NOT NULL PRIMARY KEY, Zone char(1) NOT NULL, LastPickedAt datetime NOT NULL)
GO
-- test
DECLARE @bin int, @picks int = 0;
DECLARE bins CURSOR LOCAL FOR
    SELECT BinId FROM dbo.Bin WHERE Zone = 'A' ORDER BY LastPickedAt, BinId;
OPEN bins;
FETCH NEXT FROM bins INTO @bin;
WHILE @@FETCH_STATUS = 0 AND @picks < 5
BEGIN
    UPDATE dbo.Bin SET LastPickedAt = GETDATE() WHERE BinId = @bin;
    SET @picks = @picks + 1;
    FETCH NEXT FROM bins INTO @bin;
END
CLOSE bins;
DEALLOCATE bins;
