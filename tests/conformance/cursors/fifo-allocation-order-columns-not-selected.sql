-- rule: a cursor that sees changes, ordered by columns it does not return (InvoiceDate, InvoiceId), fetches each open invoice once, oldest first, while the loop pays down the invoice it is on: a paid row keeps its ORDER BY values, so it sorts at the current row and no cursor type fetches it again
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/declare-cursor-transact-sql
-- expect: [[{"InvoiceId": 501, "OpenAmount": "70.00"}, {"InvoiceId": 502, "OpenAmount": "0.00"}, {"InvoiceId": 503, "OpenAmount": "0.00"}, {"InvoiceId": 504, "OpenAmount": "12.50"}], [{"Unapplied": "0.00", "Touched": 3}]]
-- input: dbo.Invoice
--| InvoiceId,CustomerId,InvoiceDate,OpenAmount
--| 501,42,2024-03-01,100.00
--| 502,42,2024-01-15,40.00
--| 503,42,2024-02-01,80.00
--| 504,77,2023-12-01,12.50
CREATE TABLE dbo.Invoice (InvoiceId int NOT NULL PRIMARY KEY, CustomerId int NOT NULL, InvoiceDate date NOT NULL, OpenAmount decimal(12,2) NOT NULL)
GO
-- test
DECLARE @CustomerId int = 42, @Payment decimal(12,2) = 150.00, @inv int, @open decimal(12,2), @apply decimal(12,2), @touched int = 0;
DECLARE inv CURSOR LOCAL FAST_FORWARD FOR
    SELECT InvoiceId, OpenAmount
    FROM dbo.Invoice
    WHERE CustomerId = @CustomerId AND OpenAmount > 0
    ORDER BY InvoiceDate, InvoiceId;
OPEN inv;
FETCH NEXT FROM inv INTO @inv, @open;
WHILE @@FETCH_STATUS = 0
BEGIN
    IF @Payment > 0
    BEGIN
        SET @apply = CASE WHEN @open < @Payment THEN @open ELSE @Payment END;
        UPDATE dbo.Invoice SET OpenAmount = OpenAmount - @apply WHERE InvoiceId = @inv;
        SET @Payment = @Payment - @apply;
        SET @touched = @touched + 1;
    END
    FETCH NEXT FROM inv INTO @inv, @open;
END
CLOSE inv;
DEALLOCATE inv;
SELECT InvoiceId, OpenAmount FROM dbo.Invoice ORDER BY InvoiceId;
SELECT @Payment AS Unapplied, @touched AS Touched;
