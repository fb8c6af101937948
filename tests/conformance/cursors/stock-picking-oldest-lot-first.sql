-- rule: a default (dynamic) cursor over stock lots ordered by received date and lot, neither returned, picks the oldest lots first; the loop drains the lot it is on (emptied lots leave the cursor's rows) and the later lots come as OPEN found them
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/declare-cursor-transact-sql
-- expect: [[{"LotNo": "L-0007", "Qty": 0}, {"LotNo": "L-0009", "Qty": 5}, {"LotNo": "L-0011", "Qty": 0}, {"LotNo": "L-0012", "Qty": 30}], [{"PickLine": 1, "LotNo": "L-0011", "Picked": 12}, {"PickLine": 2, "LotNo": "L-0007", "Picked": 20}, {"PickLine": 3, "LotNo": "L-0009", "Picked": 3}]]
-- input: dbo.StockLot
--| LotId,Sku,LotNo,ReceivedOn,Qty
--| 1,AX-100,L-0007,2024-05-02,20
--| 2,AX-100,L-0009,2024-05-02,8
--| 3,AX-100,L-0011,2024-04-28,12
--| 4,AX-100,L-0012,2024-06-10,30
CREATE TABLE dbo.StockLot (LotId int NOT NULL PRIMARY KEY, Sku varchar(20) NOT NULL, LotNo varchar(10) NOT NULL, ReceivedOn date NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.PickLine (PickLine int IDENTITY(1,1) NOT NULL, LotNo varchar(10) NOT NULL, Picked int NOT NULL)
GO
-- test
DECLARE @Sku varchar(20) = 'AX-100', @need int = 35, @lot int, @lotNo varchar(10), @qty int, @take int;
DECLARE lots CURSOR FOR
    SELECT LotId, LotNo, Qty FROM dbo.StockLot
    WHERE Sku = @Sku AND Qty > 0
    ORDER BY ReceivedOn, LotId;
OPEN lots;
FETCH NEXT FROM lots INTO @lot, @lotNo, @qty;
WHILE @@FETCH_STATUS = 0 AND @need > 0
BEGIN
    SET @take = CASE WHEN @qty < @need THEN @qty ELSE @need END;
    UPDATE dbo.StockLot SET Qty = Qty - @take WHERE LotId = @lot;
    INSERT INTO dbo.PickLine (LotNo, Picked) VALUES (@lotNo, @take);
    SET @need = @need - @take;
    FETCH NEXT FROM lots INTO @lot, @lotNo, @qty;
END
CLOSE lots;
DEALLOCATE lots;
SELECT LotNo, Qty FROM dbo.StockLot ORDER BY LotNo;
SELECT PickLine, LotNo, Picked FROM dbo.PickLine ORDER BY PickLine;
