-- rule: a FAST_FORWARD cursor may run a dynamic or a static plan (the optimizer chooses); when the loop moves a later invoice's ORDER BY date, a dynamic plan fetches the rows in their new order and a static one in OPEN's, so the emulator refuses at the next FETCH
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/declare-cursor-transact-sql
-- expect-refused: FETCH from the cursor open_items after the loop changed rows it has not fetched yet
-- input: dbo.Invoice
--| InvoiceId,CustomerId,InvoiceDate,DisputeFlag,OpenAmount
--| 601,42,2024-01-10,0,50.00
--| 602,42,2024-01-20,1,75.00
--| 603,42,2024-02-05,0,20.00
CREATE TABLE dbo.Invoice (InvoiceId int NOT NULL PRIMARY KEY, CustomerId int NOT NULL, InvoiceDate date NOT NULL, DisputeFlag bit NOT NULL, OpenAmount decimal(12,2) NOT NULL)
GO
-- test
DECLARE @CustomerId int = 42, @id int, @amt decimal(12,2);
DECLARE open_items CURSOR LOCAL FAST_FORWARD FOR
    SELECT InvoiceId, OpenAmount FROM dbo.Invoice
    WHERE CustomerId = @CustomerId AND OpenAmount > 0
    ORDER BY InvoiceDate, InvoiceId;
OPEN open_items;
WHILE 1 = 1
BEGIN
    FETCH NEXT FROM open_items INTO @id, @amt;
    IF @@FETCH_STATUS <> 0 BREAK;
    -- disputed invoices are re-dated to the end of the month: a row the cursor has not reached moves
    UPDATE dbo.Invoice SET InvoiceDate = '2024-02-29' WHERE CustomerId = @CustomerId AND DisputeFlag = 1 AND InvoiceDate < '2024-02-29';
    UPDATE dbo.Invoice SET OpenAmount = 0 WHERE InvoiceId = @id;
END
CLOSE open_items;
DEALLOCATE open_items;
