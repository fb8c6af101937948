-- rule: CASE, IIF and COALESCE return the argument type of highest precedence, so beside an int their text values are converted to int as CAST does: '' is 0, '5' is 5, and text that is no integer fails with 245 (caught here)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/language-elements/coalesce-transact-sql
-- expect: [[{"case_empty": 0, "coalesce_empty": 0, "coalesce_text": 5, "iif_text": 7, "caught": 245}]]
-- input: dbo.Code
--| Code
--| N/A
CREATE TABLE dbo.Code (Code varchar(5))
GO
-- test
DECLARE @n int = NULL, @s varchar(5) = '5', @seven varchar(5) = '7', @caught int = 0, @x int;
BEGIN TRY
  SELECT @x = CASE WHEN Code = 'N/A' THEN Code ELSE 1 END FROM dbo.Code;
END TRY
BEGIN CATCH
  SET @caught = ERROR_NUMBER();
END CATCH
SELECT CASE WHEN 1 = 0 THEN 1 ELSE '' END AS case_empty, COALESCE(@n, '') AS coalesce_empty, COALESCE(@n, @s) AS coalesce_text,
  IIF(@n IS NULL, @seven, 0) AS iif_text, @caught AS caught;
