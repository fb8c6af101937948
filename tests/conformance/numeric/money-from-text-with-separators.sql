-- rule: text cast to money may hold comma separators and a currency symbol ('$444,123.45'), unlike decimal; text without digits fails, NULL under TRY_CONVERT
-- source: https://learn.microsoft.com/en-us/previous-versions/sql/sql-server-2008-r2/ms188688(v=sql.105)
-- expect: [[{"a": 444123.45, "b": 1250, "c": 12.35, "d": 42, "e": null}]]
-- input: dbo.Raw
--| Id,Txt
--| 1,"1,250.00"
--| 2,$12.35
--| 3,  42 
--| 4,EUR 300
CREATE TABLE dbo.Raw (Id int, Txt varchar(30));
GO
-- test
SELECT CAST('$444,123.45' AS money) AS a,
       (SELECT TRY_CONVERT(money, Txt) FROM dbo.Raw WHERE Id = 1) AS b,
       (SELECT TRY_CONVERT(money, Txt) FROM dbo.Raw WHERE Id = 2) AS c,
       (SELECT TRY_CONVERT(money, Txt) FROM dbo.Raw WHERE Id = 3) AS d,
       (SELECT TRY_CONVERT(money, Txt) FROM dbo.Raw WHERE Id = 4) AS e;
