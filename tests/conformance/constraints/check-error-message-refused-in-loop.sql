-- rule: ERROR_MESSAGE() gives each caught error's own text: the divide-by-zero text is known, the 547 text names the database, so the second pass of the loop is refused, never given a guessed text
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/error-message-transact-sql
-- expect-refused: ERROR_MESSAGE() of error 547
CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL, Qty int NOT NULL CONSTRAINT CK_Stock_Qty CHECK (Qty >= 0));
GO
CREATE TABLE dbo.LoadErrors (Msg nvarchar(2048) NULL);
GO
-- test
DECLARE @i int = 0;
WHILE @i < 2
BEGIN
  BEGIN TRY
    IF @i = 0 SELECT 1 / 0 AS never;
    ELSE INSERT INTO dbo.Stock (Sku, Qty) VALUES ('B-2', -1);
  END TRY
  BEGIN CATCH
    INSERT INTO dbo.LoadErrors (Msg) VALUES (ERROR_MESSAGE());
  END CATCH
  SET @i = @i + 1;
END
