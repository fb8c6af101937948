-- rule: a CYCLE sequence restarts from its minimum value after reaching its maximum
-- source: https://learn.microsoft.com/en-us/sql/t-sql/statements/create-sequence-transact-sql
-- expect: [[{"s": "10,20,30,10,20"}]]
CREATE SEQUENCE dbo.C AS int START WITH 10 INCREMENT BY 10 MINVALUE 10 MAXVALUE 30 CYCLE;
GO
-- test
DECLARE @s varchar(100) = '', @i int = 0;
WHILE @i < 5
BEGIN
    SET @s = @s + CASE WHEN @i > 0 THEN ',' ELSE '' END + CAST(NEXT VALUE FOR dbo.C AS varchar(10));
    SET @i = @i + 1;
END
SELECT @s AS s;
