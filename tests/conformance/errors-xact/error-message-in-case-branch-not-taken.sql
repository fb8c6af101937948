-- rule: CASE evaluates its WHEN conditions in order and only the result of the first that is true, so a CATCH that logs its own text for a duplicate key (2627) and ERROR_MESSAGE() otherwise never reads the text of 2627, which names the key value as SQL Server formats it (a text key, here in the case the duplicate was written); the divide by zero's text is known
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/case-transact-sql ; https://learn.microsoft.com/en-us/sql/relational-databases/errors-events/mssqlserver-2627-database-engine-error
-- expect: [[{"Id": 1, "Num": 2627, "Msg": "duplicate key 1"}, {"Id": 2, "Num": 8134, "Msg": "Divide by zero error encountered."}]]
CREATE TABLE dbo.Posted (Ref varchar(10) NOT NULL CONSTRAINT PK_Posted PRIMARY KEY, Amount int NOT NULL);
GO
CREATE TABLE dbo.PostErrors (Id int NOT NULL, Num int NOT NULL, Msg nvarchar(2048) NULL);
GO
-- test
INSERT INTO dbo.Posted (Ref, Amount) VALUES ('R-1', 10);
DECLARE @Id int = 1, @Qty int = 0;
WHILE @Id <= 2
BEGIN
  BEGIN TRY
    IF @Id = 1 INSERT INTO dbo.Posted (Ref, Amount) VALUES ('r-1', 20);
    ELSE INSERT INTO dbo.Posted (Ref, Amount) VALUES ('R-2', 20 / @Qty);
  END TRY
  BEGIN CATCH
    INSERT INTO dbo.PostErrors (Id, Num, Msg)
    VALUES (@Id, ERROR_NUMBER(), CASE WHEN ERROR_NUMBER() IN (2601, 2627) THEN N'duplicate key ' + CAST(@Id AS nvarchar(10)) ELSE ERROR_MESSAGE() END);
  END CATCH
  SET @Id = @Id + 1;
END
SELECT Id, Num, Msg FROM dbo.PostErrors ORDER BY Id;
