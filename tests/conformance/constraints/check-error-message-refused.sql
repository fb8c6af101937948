-- rule: the text of error 547 names the database ("The conflict occurred in database …"), which a capture cannot know: reading ERROR_MESSAGE() of it is refused, never guessed
-- source: https://learn.microsoft.com/en-us/sql/relational-databases/tables/unique-constraints-and-check-constraints
-- expect-refused: ERROR_MESSAGE() of error 547
CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL, Qty int NOT NULL CONSTRAINT CK_Stock_Qty CHECK (Qty >= 0));
GO
CREATE TABLE dbo.LoadErrors (Msg nvarchar(2048) NULL);
GO
-- test
BEGIN TRY
  INSERT INTO dbo.Stock (Sku, Qty) VALUES ('B-2', -1);
END TRY
BEGIN CATCH
  INSERT INTO dbo.LoadErrors (Msg) VALUES (ERROR_MESSAGE());
END CATCH
