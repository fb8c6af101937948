-- rule: the text of 2627 over a text key names the key value as SQL Server formats it, which a capture cannot know: a CASE whose taken branch reads ERROR_MESSAGE() of it is refused, never guessed
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/case-transact-sql ; https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2627-database-engine-error
-- expect-refused: ERROR_MESSAGE() of error 2627
CREATE TABLE dbo.Posted (Ref varchar(10) NOT NULL CONSTRAINT PK_Posted PRIMARY KEY, Amount int NOT NULL);
GO
CREATE TABLE dbo.PostErrors (Msg nvarchar(2048) NULL);
GO
-- test
INSERT INTO dbo.Posted (Ref, Amount) VALUES ('R-1', 10);
BEGIN TRY
  INSERT INTO dbo.Posted (Ref, Amount) VALUES ('r-1', 20);
END TRY
BEGIN CATCH
  INSERT INTO dbo.PostErrors (Msg) VALUES (CASE WHEN ERROR_NUMBER() = 8134 THEN N'divide by zero' ELSE ERROR_MESSAGE() END);
END CATCH
