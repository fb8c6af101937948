-- rule: CONVERT's style decides how money is written (0: two decimals, 1: commas every three digits and two decimals, 2: four decimals) and how text is read as a date (103 dd/mm/yyyy, 104 dd.mm.yyyy, 105 dd-mm-yyyy, 110 mm-dd-yyyy, 111 yyyy/mm/dd), whatever SET DATEFORMAT says
-- source: https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql
-- expect: [[{"m0": "1234567.89", "m1": "1,234,567.89", "m2": "1234567.8910", "neg1": "-1,234.57", "d105": "2024-03-05", "d110": "2024-05-03", "d111": "2024-03-05", "d103": "2024-03-05"}]]
-- test
DECLARE @m money = 1234567.891, @neg money = -1234.5678;
SELECT CONVERT(varchar(20), @m, 0) AS m0, CONVERT(varchar(20), @m, 1) AS m1, CONVERT(varchar(20), @m, 2) AS m2,
  CONVERT(varchar(20), @neg, 1) AS neg1,
  CONVERT(varchar(10), CONVERT(date, '05-03-2024', 105), 23) AS d105,
  CONVERT(varchar(10), CONVERT(date, '05-03-2024', 110), 23) AS d110,
  CONVERT(varchar(10), CONVERT(date, '2024/03/05', 111), 23) AS d111,
  CONVERT(varchar(10), CONVERT(date, '05/03/2024', 103), 23) AS d103;
