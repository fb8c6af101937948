-- rule: ALTER SEQUENCE … RESTART WITH n makes n the next value, and its INCREMENT BY and MAXVALUE replace the CREATE's (a deployment script altering what another created)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/alter-sequence-transact-sql
-- expect: [[{"s": "500,505,510,500"}]]
CREATE SEQUENCE [dbo].[Order Numbers] AS int START WITH 1000 INCREMENT BY 10;
GO
ALTER SEQUENCE [dbo].[Order Numbers] RESTART WITH 500 INCREMENT BY 5 MINVALUE 500 MAXVALUE 510 CYCLE;
GO
-- test
DECLARE @s varchar(100) = '', @i int = 0;
WHILE @i < 4
BEGIN
    SET @s = @s + CASE WHEN @i > 0 THEN ',' ELSE '' END + CAST(NEXT VALUE FOR dbo.[Order Numbers] AS varchar(10));
    SET @i = @i + 1;
END
SELECT @s AS s;
