-- rule: text from data holding no digit ('n/a') is a date in no format: TRY_CONVERT gives NULL and CONVERT fails with 241, rather than a refusal
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/try-convert-transact-sql
-- expect: [[{"v": "n/a", "d": null}, {"v": "unknown", "d": null}], [{"e": 241}]]
-- input: dbo.Raw
--| Id,V
--| 1,n/a
--| 2,unknown
CREATE TABLE dbo.Raw (Id int, V varchar(20));
GO
-- test
SELECT V AS v, TRY_CONVERT(date, V) AS d FROM dbo.Raw ORDER BY Id;
BEGIN TRY
    SELECT CONVERT(datetime2(0), V) AS x FROM dbo.Raw WHERE Id = 1;
END TRY
BEGIN CATCH
    SELECT ERROR_NUMBER() AS e;
END CATCH
