-- rule: text from a column converts to date/time types like a literal (ISO, yyyymmdd, m/d/yyyy, time only on 1900-01-01)
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"Id": 1, "d": "2011-12-01", "dt": "2011-12-01 10:00:00.000", "t": "10:11:12.5"}, {"Id": 2, "d": "2020-01-02", "dt": "1900-01-01 14:30:00.000", "t": "23:59:59"}]]
-- input: dbo.RawText
--| Id,Txt,TimeTxt
--| 1,20111201 10:00,10:11:12.5
--| 2,01/02/2020,23:59:59
CREATE TABLE dbo.RawText (Id int NOT NULL, Txt varchar(30) NULL, TimeTxt varchar(30) NULL);
GO
-- test
SELECT Id, CAST(Txt AS date) AS d, CAST(CASE WHEN Id = 2 THEN '14:30' ELSE Txt END AS datetime) AS dt, CAST(TimeTxt AS time) AS t
FROM dbo.RawText ORDER BY Id;
