-- rule: text that is no integer fails with 245 wherever it meets an int: SET, SELECT @v =, CONVERT, INSERT … VALUES and INSERT … SELECT into an int column (DuckDB would round 1.5 to 2)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"e1": 245, "e2": 245, "e3": 245, "e4": 245, "e5": 245, "e6": 245, "ok": 12}]]
-- test
DECLARE @s varchar(10) = '1.5', @i int, @e1 int, @e2 int, @e3 int, @e4 int, @e5 int, @e6 int;
DECLARE @t TABLE (n int);
DECLARE @src TABLE (v varchar(10));
INSERT INTO @src VALUES ('1.5');
BEGIN TRY SET @i = @s; END TRY BEGIN CATCH SET @e1 = ERROR_NUMBER(); END CATCH
BEGIN TRY SET @i = '1.5'; END TRY BEGIN CATCH SET @e2 = ERROR_NUMBER(); END CATCH
BEGIN TRY INSERT INTO @t VALUES (@s); END TRY BEGIN CATCH SET @e3 = ERROR_NUMBER(); END CATCH
BEGIN TRY INSERT INTO @t SELECT v FROM @src; END TRY BEGIN CATCH SET @e4 = ERROR_NUMBER(); END CATCH
BEGIN TRY SELECT @i = v FROM @src; END TRY BEGIN CATCH SET @e5 = ERROR_NUMBER(); END CATCH
BEGIN TRY SET @i = CONVERT(int, @s); END TRY BEGIN CATCH SET @e6 = ERROR_NUMBER(); END CATCH
SET @i = '12';
SELECT @e1 AS e1, @e2 AS e2, @e3 AS e3, @e4 AS e4, @e5 AS e5, @e6 AS e6, @i AS ok;
